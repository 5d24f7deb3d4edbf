import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import type { GraphClient } from '../../src/adapters/graph/graphClient';
import type { SharePointRuntime } from '../../src/adapters/sharepoint';
import { newAuditRecord } from '../../src/domain/audit/forms/lifecycle';
import { planYear } from '../../src/domain/audit/plan/plan';
import { DEFAULT_AUDIT_RULES } from '../../src/domain/audit/plan/rules';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import { allSupervisionRecords } from '../../src/ports/supervisionLog';
import type { SharePointStandIn } from '../support/sharepointStandIn';
import { bareGraph } from '../support/sharepointStandIn/testClient';
import { openOn, provisionedStandIn } from './sharepointHarness';

const year = 2026;
const tasks = planYear({ rules: DEFAULT_AUDIT_RULES, organisation: demoOrganisation(), year, seed: 7 });
const whole = { start: asIsoDate('2026-01-01'), end: asIsoDate('2026-12-31') };
const fieldsIn = (sp: SharePointStandIn, list: string): Record<string, unknown>[] => [...(sp.findList(list)?.items.values() ?? [])].map((i) => ({ ...i.fields, id: i.id }));

describe('audit tasks and the supervision log in SharePoint', () => {
  let sp: SharePointStandIn;
  let client: GraphClient;
  let app: SharePointRuntime;
  let other: SharePointRuntime | undefined;
  beforeEach(async () => {
    ({ sp, client } = await provisionedStandIn());
    app = await openOn(sp, client);
    await app.audits.putPlan(year, tasks, { seed: 7, rulesHash: 'abc123', plannedOn: asIsoDate('2026-04-01') });
    await app.supervisionLog.record({ supervisorId: asUserId('maya'), superviseeId: asUserId('amara'), date: asIsoDate('2026-05-11'), outcome: 'held' });
    await app.supervisionLog.record({ supervisorId: asUserId('maya'), superviseeId: asUserId('ben'), date: asIsoDate('2026-05-12'), outcome: 'postponed' });
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await app.close();
    await sp.close();
  });

  it('writes every audit task and supervision record once, and an outcome as it changes', async () => {
    await app.writer.drain();
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Audit Tasks': tasks.length, 'PHC Supervision Log': 2 });
    const first = tasks[0];
    if (!first) throw new Error('the demo plan has no tasks');
    expect(fieldsIn(sp, 'PHC Audit Tasks').find((f) => f.PhcId === first.id)).toMatchObject({ Year: year, Status: 'planned', DueOn: `${first.due}T12:00:00Z`, Auditor: first.auditorId });

    await app.audits.setStatus(first.id, 'completed', asIsoDate('2026-06-01'));
    await app.supervisionLog.record({ supervisorId: asUserId('maya'), superviseeId: asUserId('ben'), date: asIsoDate('2026-05-12'), outcome: 'held' });
    const { report } = await app.writer.drain();
    expect(report.written).toBe(2);
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Audit Tasks': tasks.length, 'PHC Supervision Log': 2 });
    expect(fieldsIn(sp, 'PHC Audit Tasks').find((f) => f.PhcId === first.id)).toMatchObject({ Status: 'completed', CompletedOn: '2026-06-01T12:00:00Z' });
    expect(
      fieldsIn(sp, 'PHC Supervision Log')
        .map((f) => f.Outcome)
        .sort(),
    ).toEqual(['held', 'held']);
  });

  it("brings back an outcome corrected in SharePoint, and rebuilds the supervision log and the year's plan elsewhere", async () => {
    await app.writer.drain();
    await app.sync.sync();
    const item = fieldsIn(sp, 'PHC Supervision Log').find((f) => f.SuperviseeId === 'amara');
    const list = sp.findList('PHC Supervision Log');
    expect((await bareGraph(sp.baseUrl).patch(`/sites/${sp.site.id}/lists/${list?.id}/items/${item?.id}/fields`, { Outcome: 'cancelled' })).status).toBe(200);
    await app.sync.sync();
    expect((await allSupervisionRecords(app.supervisionLog, whole)).find((r) => r.superviseeId === 'amara')?.outcome).toBe('cancelled');

    other = await openOn(sp, client);
    const report = await other.sync.sync();
    expect(await allSupervisionRecords(other.supervisionLog, whole)).toEqual(await allSupervisionRecords(app.supervisionLog, whole));
    // The year's plan (its seed and rules) is in SharePoint too, so the tasks come with it.
    expect(report.problems).toEqual([]);
    expect(await other.audits.planMeta(year)).toEqual(await app.audits.planMeta(year));
    expect(await allAuditTasks(other.audits, year)).toEqual(await allAuditTasks(app.audits, year));
  });

  it("refuses an audit task made inconsistent in SharePoint, and writes the app's values back", async () => {
    await app.writer.drain();
    await app.sync.sync();
    const first = tasks[0];
    const item = fieldsIn(sp, 'PHC Audit Tasks').find((f) => f.PhcId === first?.id);
    const list = sp.findList('PHC Audit Tasks');
    await bareGraph(sp.baseUrl).patch(`/sites/${sp.site.id}/lists/${list?.id}/items/${item?.id}/fields`, { Status: 'completed' });
    const report = await app.sync.sync();
    expect(report.problems.join(' ')).toMatch(/completed without the date or reason that goes with it; the app's values are written back/);
    expect((await app.audits.get(first?.id as never))?.status).toBe('planned');
    await app.writer.drain();
    expect(fieldsIn(sp, 'PHC Audit Tasks').find((f) => f.PhcId === first?.id)?.Status).toBe('planned');
  });

  it('writes an audit record with its answers and history, and reads it back unchanged', async () => {
    const task = tasks[0];
    if (!task) throw new Error('the demo plan has no tasks');
    const saved = { event: 'save-draft' as const, by: 'sup', at: '2026-10-01T09:00:00.000Z' };
    const submitted = { event: 'submit' as const, by: 'sup', at: '2026-10-02T09:00:00.000Z' };
    const base = { taskId: task.id, formId: 'appendix-2' as const, formVersion: 1, answers: { auditor: { 'case-identifier': { kind: 'text', text: 'Case 123' } } } as never };
    await app.auditRecords.put({ ...base, state: { ...newAuditRecord('sup', 'sw', false), history: [saved] } }, 0);
    const record = await app.auditRecords.put(
      { ...base, state: { ...newAuditRecord('sup', 'sw', false), status: 'submitted', revision: 1, submittedAt: submitted.at, history: [saved, submitted] } },
      1,
    );
    await app.writer.drain();
    const item = fieldsIn(sp, 'PHC Audit Records').find((f) => f.PhcId === task.id);
    expect(item).toMatchObject({ Status: 'submitted', Revision: 1, SubmittedAt: submitted.at, SignOffNeedsSubjectPart: false, Version: 2 });
    expect(JSON.parse(item?.Answers as string)).toEqual({ auditor: { 'case-identifier': { kind: 'text', text: 'Case 123' } } });
    expect(JSON.parse(item?.History as string)).toHaveLength(2);

    const report = await app.sync.sync();
    expect(report.problems).toEqual([]);
    expect(await app.auditRecords.get(task.id)).toEqual(record);
  });

  it("follows the deletion in SharePoint of a finished audit's record (the council's retention there), and keeps one still being filled in", async () => {
    const [done, open] = tasks.filter((t) => t.form === 'appendix-2');
    if (!done || !open) throw new Error('the demo plan has too few practice standards audits');
    const base = (taskId: string) => ({
      taskId: taskId as never,
      formId: 'appendix-2' as const,
      formVersion: 1,
      answers: {} as never,
      state: { ...newAuditRecord('sup', 'sw', false), history: [{ event: 'save-draft' as const, by: 'sup', at: '2026-10-01T09:00:00.000Z' }] },
    });
    await app.auditRecords.put(base(done.id), 0);
    await app.auditRecords.put(base(open.id), 0);
    await app.operational.db.prepare("UPDATE audit_tasks SET status = 'completed', completed_on = '2026-10-02' WHERE id = ?").run(done.id);
    await app.writer.drain();
    await app.sync.sync();
    const graph = bareGraph(sp.baseUrl);
    const list = sp.findList('PHC Audit Records')!;
    for (const id of [done.id, open.id]) {
      const item = [...list.items.values()].find((i) => i.fields.PhcId === id)!;
      expect((await graph.del(`/sites/${sp.site.id}/lists/${list.id}/items/${item.id}`)).status).toBe(204);
    }
    const report = await app.sync.sync();
    expect(await app.auditRecords.get(done.id)).toBeUndefined();
    expect(await app.auditRecords.get(open.id)).toBeDefined();
    expect(report.problems).toEqual([expect.stringMatching(/deleted in SharePoint while the audit is still open; kept here/)]);
  });
});
