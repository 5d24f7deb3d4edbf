/**
 * End to end: the real server process on a temporary data directory
 * with the demo organisation, and the real Microsoft 365 Agents Playground as Teams. Lynne
 * Robbins (the playground's user-id-5) is a senior practitioner who supervises three of the
 * playground's people. The server's clock is set to the day one of her practice standards
 * audits falls due: the server's reminder schedule sends her the reminder card, she opens the
 * audit from it, fills in every page of the Appendix 2 form and submits it; then
 * `phc audits status --json` on the same data directory counts it as completed on time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composeAt } from '../support/composed';
import { allAuditTasks } from '../../src/ports/audits';
import type { Clock } from '../../src/ports/clock';
import { auditFormPages } from '../../src/bot/cards/auditForm';
import { practiceStandardsAuditSocialWork } from '../../src/domain/audit/forms';
import { cardSubmitValue, startPlayground, type Playground } from '../support/playground';
import { answersFor, cardOf, completedOf, fixedClock, isWeekday, LYNNE, phc, startServer, textOf, YEAR } from './auditE2e';

jest.setTimeout(180_000);

describe('a supervisor completes a practice standards audit from a reminder in the Agents Playground', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-audit-e2e-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let playground: Playground | undefined;
  let taskId = '';
  let today = '';
  let clock: Clock = fixedClock(`${YEAR}-04-01T09:00:00Z`);
  let before = -1;

  beforeAll(async () => {
    await phc(dataDir, clock, 'audits', 'plan', '--year', String(YEAR));
    // One of Lynne's practice standards audits of a social worker (Appendix 2; her OT supervisee's
    // are on Appendix 3) due on a working day. The plan's seed is new each run, so the day
    // differs from run to run. The server's clock starts
    // on that day, late morning (inside working hours in GMT and BST alike).
    const runtime = await composeAt(dataDir);
    const tasks = await allAuditTasks(runtime.stores.audits, YEAR);
    await runtime.app.close();
    const hers = tasks
      .filter((t) => t.auditorId === LYNNE && t.activity === 'practice-standards-audit' && t.form === 'appendix-2' && t.status === 'planned' && isWeekday(t.due))
      .sort((a, b) => (a.due < b.due ? -1 : 1));
    expect(hers.length).toBeGreaterThan(0);
    taskId = hers[0]!.id;
    today = hers[0]!.due;
    clock = fixedClock(`${today}T11:00:00Z`);
    before = await completedOf(dataDir, clock);
    server = await startServer(dataDir, `${today}T11:00:00Z`);
    playground = await startPlayground({ botEndpoint: server.endpoint, currentUser: 'user-id-5' });
  });

  afterAll(async () => {
    // PHC_E2E_LOG=<file>: keep the server's output and the playground's log, to see why a run failed.
    if (process.env.PHC_E2E_LOG)
      fs.writeFileSync(process.env.PHC_E2E_LOG, `${server?.output() ?? ''}\n---\n${fs.existsSync(playground?.logFile ?? '') ? fs.readFileSync(playground!.logFile, 'utf8') : ''}`);
    await playground?.stop();
    server?.child.kill('SIGTERM');
  });

  it('gets the reminder, opens the audit from it, fills every page and submits it', async () => {
    const pg = playground!;
    expect(pg.user.aadObjectId).toBe(LYNNE);
    await pg.install();

    // The server's reminder schedule: a pass soon after start and one when her chat exists.
    const reminder = await pg.waitFor((e) => e.kind === 'message' && /Audit reminder/.test(textOf(cardOf(e))), 60_000);
    const reminderText = textOf(cardOf(reminder));
    expect(reminderText).toMatch(/Practice standards audit/);
    expect(reminderText).toMatch(/Due today/);

    // Open the audit this reminder is about (the card may list others of hers too).
    await pg.submit({ verb: 'audit.open', taskId }, reminder.messageId);
    const first = await pg.waitFor((e) => e.kind === 'message' && /Adult Services Practice Standards Audit/.test(textOf(cardOf(e))), 45_000);
    const pages = Number(/page 1 of (\d+)/.exec(textOf(cardOf(first)))?.[1]);
    // Appendix 2's 21 items, in pages short enough for a phone, never a lone box.
    expect(pages).toBe(auditFormPages(practiceStandardsAuditSocialWork, 'auditor').length);

    // The form moves on in the same card: every page is an update of the first.
    const formId = first.messageId ?? '';
    let page = first;
    for (let n = 1; n <= pages; n++) {
      const card = cardOf(pg.latest(formId) ?? page);
      expect(textOf(card)).toMatch(new RegExp(`page ${n} of ${pages}`));
      const last = n === pages;
      if (last) {
        // A double click on Submit audit: two presses at once. Both answer "Audit sent".
        const value = cardSubmitValue(card, { action: 'Submit audit', inputs: answersFor(card) });
        await Promise.all([pg.submit(value, formId), pg.submit(value, formId)]);
        break;
      }
      await pg.submitCard(formId, { action: 'Next', inputs: answersFor(card) });
      page = await pg.waitFor((e) => e.kind === 'update' && e.messageId === formId && new RegExp(`page ${n + 1} of ${pages}`).test(textOf(cardOf(e))), 45_000);
    }
    const sent = await pg.waitFor((e) => e.kind === 'update' && e.messageId === formId && /Audit sent/.test(textOf(cardOf(e))), 45_000);
    expect(textOf(cardOf(sent))).toMatch(/submitted, and the audit is marked as done/);
    const again = await pg.waitFor((e) => e.kind === 'update' && e.messageId === formId, 45_000);
    expect(textOf(cardOf(again))).toMatch(/^Audit sent/);
    await pg.settle();
    expect(pg.events.filter((e) => /Nothing changed|could not do that|already sent/i.test(textOf(cardOf(e))))).toEqual([]);
  });

  it('phc audits status on the same data directory counts it as completed', async () => {
    expect(before).toBe(0);
    expect(await completedOf(dataDir, clock)).toBe(before + 1);
    const runtime = await composeAt(dataDir);
    const record = await runtime.stores.auditRecords.get(taskId as never);
    await runtime.app.close();
    expect(record?.state).toMatchObject({ status: 'submitted', leadId: LYNNE });
    expect(record?.answers.auditor?.['case-identifier']).toEqual({ kind: 'text', text: 'Case 4471' });
  });
});
