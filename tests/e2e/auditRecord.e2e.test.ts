/**
 * End to end, two people in two real Agents Playgrounds against the real server: Lynne
 * Robbins observes Alex Wilber's practice (Appendix 4). Alex fills in boxes 1–3 before she
 * sends her part; Lynne opens the observation from her reminder and sends it; the server then
 * sends Alex a card asking for box 4, which he fills in and sends. The sign-off notice for
 * Lynne's line manager (not in the playground) is waiting for them, and compliance counts the
 * observation as completed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composeAt } from '../support/composed';
import { allAuditTasks } from '../../src/ports/audits';
import type { Clock } from '../../src/ports/clock';
import { sqliteAuditReminderStore } from '../../src/adapters/sqlite/auditReminderStore';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { DATABASE_FILE } from '../../src/composition';
import { startPlaygrounds, type Playground, type PlaygroundEvent } from '../support/playground';
import { ALEX, cardOf, completedOf, fixedClock, isWeekday, LYNNE, phc, startServer, textOf, YEAR } from './auditE2e';

jest.setTimeout(180_000);

const buttonData = (event: PlaygroundEvent, title: string): Record<string, unknown> => {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Submit' && o.title === title && !found) found = o.data as Record<string, unknown>;
      Object.values(o).forEach(walk);
    }
  };
  walk(cardOf(event));
  if (!found) throw new Error(`No "${title}" button on: ${textOf(cardOf(event))}`);
  return found;
};

describe('a practice observation in two playgrounds: the worker’s part before and after the observer sends hers', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-observation-e2e-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let lynne: Playground | undefined;
  let alex: Playground | undefined;
  let taskId = '';
  let clock: Clock = fixedClock(`${YEAR}-04-01T09:00:00Z`);
  let before = -1;

  beforeAll(async () => {
    await phc(dataDir, clock, 'audits', 'plan', '--year', String(YEAR));
    const runtime = await composeAt(dataDir);
    const tasks = await allAuditTasks(runtime.stores.audits, YEAR);
    await runtime.app.close();
    const observation = tasks.find((t) => t.auditorId === LYNNE && t.activity === 'practice-observation' && t.subject.kind === 'person' && t.subject.personId === ALEX && isWeekday(t.due));
    if (!observation) throw new Error('The demo plan has no observation of Alex by Lynne due on a weekday');
    taskId = observation.id;
    clock = fixedClock(`${observation.due}T11:00:00Z`);
    before = await completedOf(dataDir, clock, 'practice-observation');
    server = await startServer(dataDir, `${observation.due}T11:00:00Z`);
    [lynne, alex] = await startPlaygrounds({ botEndpoint: server.endpoint, currentUsers: ['user-id-5', 'user-id-0'] });
  });

  afterAll(async () => {
    await Promise.all([lynne?.stop(), alex?.stop()]);
    server?.child.kill('SIGTERM');
  });

  it('Alex fills in boxes 1–3 first; Lynne sends hers from her reminder; Alex is asked for box 4 and sends it', async () => {
    const [pgL, pgA] = [lynne!, alex!];
    await Promise.all([pgL.install(), pgA.install()]);

    // Alex: boxes 1–3 before the observer sends her part (box 4 waits for her report).
    await pgA.send('audits');
    const list = await pgA.waitFor((e) => e.kind === 'message' && /Waiting for your part/.test(textOf(cardOf(e))), 45_000);
    await pgA.submit(buttonData(list, 'Fill in my boxes'), list.messageId);
    const boxes = await pgA.waitFor((e) => e.kind === 'message' && /Your part \(worker observed\)/.test(textOf(cardOf(e))), 45_000);
    await pgA.submitCard(boxes, {
      action: 'Save draft',
      inputs: {
        'q.background': 'A review visit with Mrs B and her daughter.',
        'q.planning': 'Lynne introduced as a colleague, observing only.',
        'q.reflections': 'I listened well; I rushed the summary.',
      },
    });
    await pgA.waitFor((e) => /Your part is saved/.test(textOf(cardOf(e))), 45_000);

    // Lynne: the reminder on the due day, Open, her part (two pages: Next, then Submit audit).
    const reminder = await pgL.waitFor((e) => e.kind === 'message' && /Audit reminder/.test(textOf(cardOf(e))) && textOf(cardOf(e)).includes('Practice observation: Alex Wilber'), 60_000);
    await pgL.submit({ verb: 'audit.open', taskId }, reminder.messageId);
    const form = await pgL.waitFor((e) => e.kind === 'message' && /Observer’s part \(page 1 of 2\)/.test(textOf(cardOf(e))), 45_000);
    await pgL.submitCard(form, {
      action: 'Next',
      inputs: { 'q.observation-setting': 'Accompanied Alex on a review visit.', 'q.capability-assessment': 'Warm, clear and person-led; summarise before leaving.' },
    });
    await pgL.waitFor((e) => e.kind === 'update' && e.messageId === form.messageId && /Observer’s part \(page 2 of 2\)/.test(textOf(cardOf(e))), 45_000);
    await pgL.submitCard(form.messageId ?? '', { action: 'Submit audit', inputs: { 'n.action-plan': 'true' } });
    const sent = await pgL.waitFor((e) => /Audit sent/.test(textOf(cardOf(e))), 45_000);
    expect(textOf(cardOf(sent))).toContain('Alex Wilber is asked to add their part');

    // Alex: the server's notice, box 4 (boxes 1–3 kept), Submit my part.
    const asked = await pgA.waitFor((e) => e.kind === 'message' && /An audit is waiting for you/.test(textOf(cardOf(e))), 60_000);
    expect(textOf(cardOf(asked))).toContain('Lynne Robbins has sent this audit about you');
    await pgA.submit(buttonData(asked, 'Add my part'), asked.messageId);
    const part = await pgA.waitFor((e) => e.kind === 'message' && /Your part \(worker observed\)/.test(textOf(cardOf(e))), 45_000);
    await pgA.submitCard(part, { action: 'Submit my part', inputs: { 'q.critical-reflection': 'I will practise summarising; Lynne will observe again in spring.' } });
    await pgA.waitFor((e) => /Your part is sent/.test(textOf(cardOf(e))), 45_000);
  });

  it('the record holds both parts; the sign-off notice waits for Lynne’s line manager; compliance counts it', async () => {
    const { auditRecords, operational, stores } = openSqlite(path.join(dataDir, DATABASE_FILE));
    const record = await auditRecords.get(taskId as never);
    // The notice is queued by the server's background thread once it is nudged: on a busy
    // machine that can be a moment after Alex is told her part is sent.
    const noticeOf = async () => (await sqliteAuditReminderStore(operational.db).list()).find((r) => r.key === `audit-sign-off:${taskId}:r1`);
    let notice = await noticeOf();
    for (let waited = 0; !notice && waited < 30_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      notice = await noticeOf();
    }
    await stores.close();
    expect(record?.state).toMatchObject({ status: 'submitted', leadId: LYNNE, subjectId: ALEX });
    expect(record?.state.subjectSubmittedAt).toBeDefined();
    expect(record?.answers.worker?.background).toEqual({ kind: 'text', text: 'A review visit with Mrs B and her daughter.' });
    expect(record?.answers.worker?.['critical-reflection']).toEqual({ kind: 'text', text: 'I will practise summarising; Lynne will observe again in spring.' });
    // demo-007 has never opened the bot: queued, to be sent once they do.
    expect(notice).toMatchObject({ person: 'demo-007', status: 'queued' });
    expect(await completedOf(dataDir, clock, 'practice-observation')).toBe(before + 1);
  });
});
