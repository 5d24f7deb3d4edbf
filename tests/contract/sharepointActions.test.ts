import type { GraphClient } from '../../src/adapters/graph/graphClient';
import type { SharePointRuntime } from '../../src/adapters/sharepoint';
import { sqliteActionStore } from '../../src/adapters/sqlite/actionPlanStore';
import type { Action } from '../../src/domain/actionPlan/types';
import { asIsoDate } from '../../src/domain/shared/brand';
import type { ActionStore } from '../../src/ports/actionPlan';
import type { SharePointStandIn } from '../support/sharepointStandIn';
import { bareGraph } from '../support/sharepointStandIn/testClient';
import { openOn, provisionedStandIn } from './sharepointHarness';

const LIST = 'PHC Actions';
const action = (id: string, what: string, extra: Partial<Action> = {}): Omit<Action, 'version'> => ({
  id,
  what,
  ownerId: 'maya',
  due: asIsoDate('2026-09-30'),
  status: 'not-started',
  link: { kind: 'question', questionId: 'q12', cycleId: 'hc-2026' },
  progress: '',
  createdBy: 'priya',
  createdOn: asIsoDate('2026-06-01'),
  updatedOn: asIsoDate('2026-06-01'),
  ...extra,
});

describe('the action plan in SharePoint', () => {
  let sp: SharePointStandIn;
  let client: GraphClient;
  let app: SharePointRuntime;
  let actions: ActionStore;
  let other: SharePointRuntime | undefined;
  const items = (): Record<string, unknown>[] => [...(sp.findList(LIST)?.items.values() ?? [])].map((i) => ({ ...i.fields, id: i.id }));
  const itemOf = (phcId: string): Record<string, unknown> | undefined => items().find((f) => f.PhcId === phcId);
  const editInSharePoint = async (phcId: string, fields: Record<string, unknown>): Promise<void> => {
    const list = sp.findList(LIST);
    const answer = await bareGraph(sp.baseUrl).patch(`/sites/${sp.site.id}/lists/${list?.id}/items/${String(itemOf(phcId)?.id)}/fields`, fields);
    expect(answer.status).toBe(200);
  };

  beforeEach(async () => {
    ({ sp, client } = await provisionedStandIn());
    app = await openOn(sp, client);
    actions = sqliteActionStore(app.operational.db);
    await actions.create(action('act-1', 'Protected time for reflective supervision'));
    await actions.create(action('act-2', 'Review caseload weighting with team managers', { link: { kind: 'audit', auditId: 'task-9' } }));
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await app.close();
    await sp.close();
  });

  it('writes a created action once, with typed columns, and a change as an update of the same item', async () => {
    const first = await app.writer.drain();
    expect(first.report.written).toBe(2);
    expect(sp.itemsPerList()).toMatchObject({ [LIST]: 2 });
    expect(itemOf('act-1')).toMatchObject({
      Title: 'Protected time for reflective supervision',
      What: 'Protected time for reflective supervision',
      OwnerId: 'maya',
      DueOn: '2026-09-30T12:00:00Z',
      Status: 'not-started',
      LinkKind: 'question',
      QuestionId: 'q12',
      CycleId: 'hc-2026',
      CreatedOn: '2026-06-01T12:00:00Z',
      Version: 1,
    });
    expect(itemOf('act-2')).toMatchObject({ LinkKind: 'audit', AuditId: 'task-9' });
    const itemId = itemOf('act-1')?.id;

    const stored = (await actions.get('act-1')) as Action;
    await actions.update({ ...stored, status: 'in-progress', progress: 'Agreed with heads of service', updatedOn: asIsoDate('2026-07-01') }, stored.version);
    const second = await app.writer.drain();
    expect(second.report.written).toBe(1);
    expect(sp.itemsPerList()).toMatchObject({ [LIST]: 2 });
    expect(itemOf('act-1')).toMatchObject({ id: itemId, Status: 'in-progress', Progress: 'Agreed with heads of service', Version: 2 });
    // Nothing left to write: a second drain sends nothing.
    expect((await app.writer.drain()).report.requests).toBe(0);
  });

  it('deletes the item when the action is deleted in the app, once, and an action deleted before it left never reaches SharePoint', async () => {
    await app.writer.drain();
    await actions.remove('act-2');
    await actions.create(action('act-3', 'Short-lived'));
    await actions.remove('act-3');
    const { report } = await app.writer.drain();
    expect(report.written).toBe(1);
    expect(items().map((f) => f.PhcId)).toEqual(['act-1']);
    expect((await app.writer.drain()).report.requests).toBe(0);
    // The delta sync sees the deletion it caused and does not bring anything back.
    const sync = await app.sync.sync(['actions']);
    expect(sync.problems).toEqual([]);
    expect((await actions.list()).map((a) => a.id)).toEqual(['act-1']);
  });

  it('picks up an action edited in SharePoint at the next version, and rebuilds the plan on another copy of the app', async () => {
    await app.writer.drain();
    await app.sync.sync(['actions']);
    await editInSharePoint('act-1', { Status: 'done', DueOn: '2026-08-15T12:00:00Z', Progress: 'Fortnightly slots in every team' });
    const report = await app.sync.sync(['actions']);
    expect(report.problems).toEqual([]);
    expect(await actions.get('act-1')).toMatchObject({ status: 'done', due: '2026-08-15', progress: 'Fortnightly slots in every team', version: 2 });
    // The tab's stale copy (version 1) is told it changed rather than overwriting the edit.
    await expect(actions.update(action('act-1', 'Overwrite'), 1)).rejects.toMatchObject({ code: 'conflict' });
    // Only the new version goes back to SharePoint, once; its echo changes nothing.
    expect((await app.writer.drain()).report.written).toBe(1);
    expect(itemOf('act-1')).toMatchObject({ Status: 'done', Version: 2 });
    expect((await app.sync.sync(['actions'])).problems).toEqual([]);
    expect(await actions.get('act-1')).toMatchObject({ version: 2 });
    expect(app.writer.pending().waiting).toBe(0);

    other = await openOn(sp, client);
    await other.sync.sync(['actions']);
    expect(await sqliteActionStore(other.operational.db).list()).toEqual(await actions.list());
  });

  it('removes an action deleted in SharePoint', async () => {
    await app.writer.drain();
    await app.sync.sync(['actions']);
    const list = sp.findList(LIST);
    expect((await bareGraph(sp.baseUrl).del(`/sites/${sp.site.id}/lists/${list?.id}/items/${String(itemOf('act-2')?.id)}`)).status).toBe(204);
    await app.sync.sync(['actions']);
    expect((await actions.list()).map((a) => a.id)).toEqual(['act-1']);
  });

  it("refuses an action edited in SharePoint with no due date, an unknown status or a changed creation date, and writes the app's values back", async () => {
    await app.writer.drain();
    await app.sync.sync(['actions']);
    await editInSharePoint('act-1', { DueOn: null });
    await editInSharePoint('act-2', { Status: null, CreatedOn: '2025-01-01T12:00:00Z' });
    const report = await app.sync.sync(['actions']);
    expect(report.problems).toHaveLength(2);
    expect(report.problems.join(' ')).toMatch(/action act-1 is missing or has unreadable due; the app's values are written back/);
    expect(report.problems.join(' ')).toMatch(/action act-2 is missing or has unreadable status; the app's values are written back/);
    expect(await actions.get('act-1')).toMatchObject({ due: '2026-09-30', version: 1 });
    expect(await actions.get('act-2')).toMatchObject({ status: 'not-started', version: 1 });
    await app.writer.drain();
    expect(itemOf('act-1')).toMatchObject({ DueOn: '2026-09-30T12:00:00Z' });
    expect(itemOf('act-2')).toMatchObject({ Status: 'not-started', CreatedOn: '2026-06-01T12:00:00Z' });

    await editInSharePoint('act-1', { CreatedOn: '2026-05-01T12:00:00Z', Status: 'dropped' });
    const again = await app.sync.sync(['actions']);
    expect(again.problems.join(' ')).toMatch(/act-1 had who made it or when changed in SharePoint.*written back/);
    expect(await actions.get('act-1')).toMatchObject({ status: 'not-started', createdOn: '2026-06-01' });
    await app.writer.drain();
    expect(itemOf('act-1')).toMatchObject({ Status: 'not-started', CreatedOn: '2026-06-01T12:00:00Z' });
  });

  it('writes a "You said, we did" update once, shares it with another copy, and refuses a change to what staff were sent', async () => {
    await actions.addUpdate({ id: 'ysd-1', message: 'You said supervision gets cancelled; we have protected it.', actionIds: ['act-1', 'act-2'], sentBy: 'priya', sentOn: asIsoDate('2026-07-01') });
    await actions.queueDeliveries('ysd-1', ['amara', 'ben']);
    const { report } = await app.writer.drain();
    // The two actions and the update, and now the update's delivery to each person (so a new instance never sends it twice).
    expect(report.written).toBe(5);
    const UPDATES = 'PHC You Said We Did';
    const updates = (): Record<string, unknown>[] => [...(sp.findList(UPDATES)?.items.values() ?? [])].map((i) => ({ ...i.fields, id: i.id }));
    expect(updates()).toEqual([expect.objectContaining({ PhcId: 'ysd-1', ReportedActionIds: 'act-1,act-2', SentBy: 'priya', SentOn: '2026-07-01T12:00:00Z' })]);
    // The record of what staff were told names nobody it went to; the deliveries are the messages list's.
    expect(JSON.stringify(updates())).not.toMatch(/amara|ben/);
    expect([...(sp.findList('PHC Messages')?.items.values() ?? [])].map((i) => i.fields.PhcId).sort()).toEqual(['ysd-1:amara:you-said-we-did', 'ysd-1:ben:you-said-we-did']);
    await app.sync.sync();
    expect((await app.writer.drain()).report.requests).toBe(0);

    other = await openOn(sp, client);
    await other.sync.sync();
    expect(await sqliteActionStore(other.operational.db).updates()).toEqual(await actions.updates());

    const list = sp.findList(UPDATES);
    const itemId = String(updates()[0]?.id);
    await bareGraph(sp.baseUrl).patch(`/sites/${sp.site.id}/lists/${list?.id}/items/${itemId}/fields`, { Message: 'Something staff were never sent' });
    const refused = await app.sync.sync(['youSaidWeDid']);
    expect(refused.problems.join(' ')).toMatch(/ysd-1 was changed in SharePoint, but it is a record of what staff were sent; the app's values are written back/);
    await app.writer.drain();
    expect(updates()[0]?.Message).toBe('You said supervision gets cancelled; we have protected it.');

    expect((await bareGraph(sp.baseUrl).del(`/sites/${sp.site.id}/lists/${list?.id}/items/${itemId}`)).status).toBe(204);
    const deleted = await app.sync.sync(['youSaidWeDid']);
    expect(deleted.problems.join(' ')).toMatch(/ysd-1 was deleted in SharePoint; kept here/);
    expect((await actions.updates()).map((u) => u.id)).toEqual(['ysd-1']);
  });

  it('writes a "You said, we did" update that reports on twenty actions, and reads every id back', async () => {
    // Ids as the app makes them (act- and 16 hex digits): twenty of them are 419 characters.
    const ids = Array.from({ length: 20 }, (_, i) => `act-${(i + 1).toString(16).padStart(16, '0')}`);
    for (const id of ids) await actions.create(action(id, `Action ${id}`));
    await actions.addUpdate({ id: 'ysd-20', message: 'Twenty things you asked for.', actionIds: ids, sentBy: 'priya', sentOn: asIsoDate('2026-07-01') });
    const { pending } = await app.writer.drain();
    expect(pending).toMatchObject({ waiting: 0, failed: 0 });
    other = await openOn(sp, client);
    await other.sync.sync();
    expect((await sqliteActionStore(other.operational.db).updates()).find((u) => u.id === 'ysd-20')?.actionIds).toEqual(ids);
  });
});
