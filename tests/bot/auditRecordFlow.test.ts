/**
 * After an audit is sent, on a real TurnContext (botbuilder's TestAdapter) over in-memory
 * SQLite: the person audited is sent a card asking for their part and adds it; the lead
 * amends what they sent (checked again as at submit); the lead's line manager is told it is
 * ready and signs it off. Every refusal (wrong person, wrong status) is said in plain words
 * and changes nothing.
 */
import { auditDigestCard } from '../../src/bot/cards/auditDigest';
import { auditFormPages } from '../../src/bot/cards/auditForm';
import { AUDIT_VERBS } from '../../src/bot/cards/auditVerbs';
import { sqliteAuditReminderStore } from '../../src/adapters/sqlite/auditReminderStore';
import { openDatabase } from '../../src/adapters/sqlite/database';
import { AuditRecordService } from '../../src/app/auditRecords';
import { runAuditRemindersOnce } from '../../src/app/auditReminders';
import { practiceStandardsAuditSocialWork, practiceObservation } from '../../src/domain/audit/forms';
import type { Messenger, OutgoingMessage } from '../../src/ports/messenger';
import { directory, OBSERVATION, STANDARDS, SUPERVISION } from '../fixtures/auditWorld';
import { objectsOfType, wire } from './cardChecks';
import { botHarness, buttonsOf, textOf, type BotHarness } from './harness';

type Card = Record<string, unknown>;

function button(card: unknown, verb: string, title?: string) {
  const found = buttonsOf(card).find((b) => b.data.verb === verb && (title === undefined || b.title === title));
  if (!found) throw new Error(`No ${verb} button${title ? ` "${title}"` : ''} on: ${textOf(card)}`);
  return found;
}

/** Every input answered: Yes, a comment, text, "no actions". */
function answersOn(card: Card, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of objectsOfType(wire(card), 'Input.')) {
    const id = String(input.id);
    if (input.type === 'Input.ChoiceSet') out[id] = 'yes';
    else if (input.type === 'Input.Toggle') out[id] = 'true';
    else if (id.startsWith('r.')) out[id] = '';
    else out[id] = `Answer for ${id}`;
  }
  return { ...out, ...overrides };
}

/** What the inputs of a card are pre-filled with, as Teams would send them back untouched. */
function asShown(card: Card, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of objectsOfType(wire(card), 'Input.')) out[String(input.id)] = input.value ?? (input.type === 'Input.Toggle' ? 'false' : '');
  return { ...out, ...overrides };
}

class RecordingMessenger implements Messenger {
  readonly sent: { message: OutgoingMessage; to: string }[] = [];
  send(message: OutgoingMessage, reference: Readonly<Record<string, unknown>>) {
    this.sent.push({ message, to: String(reference.user) });
    return Promise.resolve({ kind: 'sent' as const });
  }
}

const refused = (card: Card): string => {
  const shown = textOf(card);
  expect(shown).toMatch(/I could not do that/);
  return shown;
};

describe('after an audit is sent: the person audited, amendments and sign-off', () => {
  let h: BotHarness;
  let messenger: RecordingMessenger;
  let notify: () => Promise<unknown>;

  beforeEach(async () => {
    h = await botHarness('2026-11-10T10:00:00Z', { directory, auditTasks: [STANDARDS, SUPERVISION, OBSERVATION] });
    messenger = new RecordingMessenger();
    const store = sqliteAuditReminderStore(openDatabase(':memory:'));
    const service = new AuditRecordService(h.auditRecords, h.audits, directory, h.clock);
    const conversations = { get: (id: string) => Promise.resolve({ user: id, serviceUrl: 'http://x', conversation: { id: `c-${id}` } }) };
    // The server's reminder pass, with no tasks due: only the notices about sent audits.
    notify = () => runAuditRemindersOnce({ tasks: [], directory, store, messenger, conversations, clock: h.clock, notices: () => service.notices() });
  });
  afterEach(() => h.close());

  /** The lead fills in every page of their part and submits; returns the last card. */
  async function submitAll(lead: string, taskId: string): Promise<Card> {
    let card = (await h.press(lead, { data: { verb: AUDIT_VERBS.open, taskId } })).card;
    for (let i = 0; i < 10; i++) {
      const next = buttonsOf(card).find((b) => b.data.verb === AUDIT_VERBS.next);
      if (!next) break;
      card = (await h.press(lead, next, answersOn(card))).card;
    }
    return (await h.press(lead, button(card, AUDIT_VERBS.submit), answersOn(card))).card;
  }

  /** The notice cards sent to `to` since the last call. */
  function noticesTo(to: string): Card[] {
    const mine = messenger.sent.filter((s) => s.to === to);
    const others = messenger.sent.filter((s) => s.to !== to);
    messenger.sent.splice(0, messenger.sent.length, ...others);
    return mine.map((s) => (s.message.kind === 'audit-digest' ? auditDigestCard(s.message.digest) : {})) as Card[];
  }

  it('asks the supervisor audited for their comments, takes them, then the line manager signs it off', async () => {
    expect(textOf(await submitAll('tm', SUPERVISION.id))).toContain('SUP is asked to add their part');
    await notify();
    const [asked] = noticesTo('sup');
    expect(textOf(asked)).toContain('An audit is waiting for you');
    expect(textOf(asked)).toContain('TM has sent this audit about you');
    // Appendix 1 needs no comments before sign-off: sm, tm's line manager, is told at once.
    expect(noticesTo('sm').map((c) => textOf(c))).toEqual([expect.stringContaining('ready for you to read and sign off')]);
    expect(messenger.sent).toEqual([]);

    // The supervisor's list shows it too.
    expect(textOf(await h.say('sup', 'audits'))).toContain('Waiting for your part (1)');

    const part = await h.press('sup', button(asked, AUDIT_VERBS.part));
    expect(textOf(part.card)).toContain('Your comments');
    expect(textOf(part.card)).toContain('Led by: TM');
    expect(buttonsOf(part.card).map((b) => b.title)).toEqual(['Submit my part', 'Save draft']);
    const sent = await h.press('sup', button(part.card, AUDIT_VERBS.submit), { 'q.subject-comments': 'I agree with the findings and will book the team refresher.' });
    expect(textOf(sent.card)).toContain('Your part is sent');
    const record = await h.auditRecords.get(SUPERVISION.id);
    expect(record?.state.subjectSubmittedAt).toBe('2026-11-10T10:00:00.000Z');
    expect(record?.answers.subject?.['subject-comments']).toEqual({ kind: 'text', text: 'I agree with the findings and will book the team refresher.' });

    // The same notices are not sent twice (they are keyed by record revision).
    await notify();
    expect(messenger.sent).toEqual([]);
  });

  it('tells the lead’s line manager it is ready, and signs off with a clear card; nothing changes after', async () => {
    await submitAll('tm', SUPERVISION.id);
    await notify();
    const [ready] = noticesTo('sm');
    expect(textOf(ready)).toContain('ready for you to read and sign off');
    const review = await h.press('sm', button(ready, AUDIT_VERBS.review));
    const shown = textOf(review.card);
    expect(shown).toContain('About SUP, led by TM');
    expect(shown).toContain('Sent on Tuesday 10 November 2026. Not yet signed off.');
    expect(shown).toContain("SUP's comments: not sent yet.");
    expect(shown).toContain('No actions arising.');
    const signed = await h.press('sm', button(review.card, AUDIT_VERBS.signOff));
    expect(textOf(signed.card)).toContain('Audit signed off');
    expect(textOf(signed.card)).toContain('It can no longer change');
    expect((await h.auditRecords.get(SUPERVISION.id))?.state).toMatchObject({ status: 'signed-off', signedOffBy: 'sm' });

    // After sign-off: the record reads as signed off, and neither amendment nor comments are taken.
    const after = await h.press('tm', { data: { verb: AUDIT_VERBS.open, taskId: SUPERVISION.id } });
    expect(textOf(after.card)).toContain('Signed off by SM on Tuesday 10 November 2026');
    expect(buttonsOf(after.card).map((b) => b.title)).not.toContain('Amend');
    expect(refused((await h.press('tm', { data: { verb: AUDIT_VERBS.amend, taskId: SUPERVISION.id } })).card)).toContain('signed off on Tuesday 10 November 2026, so it can no longer be amended');
    expect(refused((await h.press('sup', { data: { verb: AUDIT_VERBS.part, taskId: SUPERVISION.id } })).card)).toContain('has been signed off, so your part can no longer change');
    expect(refused((await h.press('psw', { data: { verb: AUDIT_VERBS.signOff, taskId: SUPERVISION.id } })).card)).toContain('it has been signed off and can no longer change');
  });

  it('refuses the wrong person and the wrong moment in plain words, changing nothing', async () => {
    // Before the lead has sent it: the supervisor cannot add comments yet; nobody can sign off.
    expect(refused((await h.press('sup', { data: { verb: AUDIT_VERBS.part, taskId: SUPERVISION.id } })).card)).toContain('TM has not sent this Staff Supervision Audit yet');
    expect(refused((await h.press('sm', { data: { verb: AUDIT_VERBS.signOff, taskId: SUPERVISION.id } })).card)).toContain('cannot be signed off until it has been submitted');
    expect(await h.auditRecords.get(SUPERVISION.id)).toBeUndefined();

    await submitAll('tm', SUPERVISION.id);
    const before = await h.auditRecords.get(SUPERVISION.id);
    // Not the person audited; not the lead; not a manager of either; the lead and the person audited may not sign off.
    expect(refused((await h.press('sw', { data: { verb: AUDIT_VERBS.part, taskId: SUPERVISION.id } })).card)).toContain('You cannot see this audit');
    expect(refused((await h.press('tm', { data: { verb: AUDIT_VERBS.part, taskId: SUPERVISION.id } })).card)).toContain('Only SUP, the person audited, can add their part');
    expect(refused((await h.press('sup', { data: { verb: AUDIT_VERBS.amend, taskId: SUPERVISION.id } })).card)).toContain('Only the person who led this Staff Supervision Audit, TM, can amend it');
    expect(refused((await h.press('tm', { data: { verb: AUDIT_VERBS.signOff, taskId: SUPERVISION.id } })).card)).toContain("Only the auditor's line manager or the Principal Social Worker can");
    expect(refused((await h.press('sup', { data: { verb: AUDIT_VERBS.signOff, taskId: SUPERVISION.id } })).card)).toContain("Only the auditor's line manager or the Principal Social Worker can");
    expect(refused((await h.press('other', { data: { verb: AUDIT_VERBS.review, taskId: SUPERVISION.id } })).card)).toContain('You cannot see this audit');
    // A card pressed by someone else: the page's answers are not taken from them.
    expect(refused((await h.press('sw', { data: { verb: AUDIT_VERBS.submit, taskId: SUPERVISION.id, part: 'subject', page: 0 } }, { 'q.subject-comments': 'not mine' })).card)).toMatch(
      /cannot see this audit/,
    );
    expect(await h.auditRecords.get(SUPERVISION.id)).toEqual(before);

    // A practice standards audit has no part for the person audited: said so, not offered.
    await submitAll('sup', STANDARDS.id);
    expect(refused((await h.press('sw', { data: { verb: AUDIT_VERBS.part, taskId: STANDARDS.id } })).card)).toContain('has no part for the person audited to fill in; SUP fills in all of it');
    const read = await h.press('sw', { data: { verb: AUDIT_VERBS.open, taskId: STANDARDS.id } });
    expect(textOf(read.card)).toContain('About SW, led by SUP');
    expect(buttonsOf(read.card).map((b) => b.title)).toEqual(['Next']);
  });

  it('lets the lead amend what they sent until sign-off, checked again as at submit, and asks the person audited to look again', async () => {
    await submitAll('tm', SUPERVISION.id);
    await h.press('sup', { data: { verb: AUDIT_VERBS.submit, taskId: SUPERVISION.id, part: 'subject', page: 0 } }, { 'q.subject-comments': 'Agreed.' });
    await notify();
    messenger.sent.length = 0;

    const list = await h.say('tm', 'audits');
    expect(textOf(list)).toContain('Sent, not yet signed off (1)');
    const amend = await h.press('tm', button(list, AUDIT_VERBS.amend));
    expect(textOf(amend.card)).toContain('You are amending an audit you sent');
    expect(buttonsOf(amend.card).map((b) => b.title)).toEqual(['Send amendment']);

    // Checked as at submit: the required "actions arising" cannot be emptied.
    const blank = await h.press('tm', button(amend.card, AUDIT_VERBS.submit), asShown(amend.card, { 'n.actions-arising': 'false' }));
    expect(textOf(blank.card)).toMatch(/Please check the answer marked below/);
    expect((await h.auditRecords.get(SUPERVISION.id))?.state.revision).toBe(1);

    // Nothing changed: nothing recorded.
    expect(textOf((await h.press('tm', button(amend.card, AUDIT_VERBS.submit), asShown(amend.card))).card)).toContain('Nothing changed');
    expect((await h.auditRecords.get(SUPERVISION.id))?.state.revision).toBe(1);

    const changed = await h.press('tm', button(amend.card, AUDIT_VERBS.submit), asShown(amend.card, { 'q.general-comments': 'Records are timely; one gap in June.' }));
    expect(textOf(changed.card)).toContain('Amendment sent');
    expect(textOf(changed.card)).toContain('SUP is asked to look at it again');
    const record = await h.auditRecords.get(SUPERVISION.id);
    expect(record?.state).toMatchObject({ status: 'submitted', revision: 2 });
    expect(record?.state.subjectSubmittedAt).toBeUndefined();
    expect(record?.state.history.map((e) => e.event)).toEqual(['save-draft', 'submit', 'save-subject-part', 'submit-subject-part', 'amend']);
    expect(record?.answers.auditor?.['general-comments']).toEqual({ kind: 'text', text: 'Records are timely; one gap in June.' });

    // The reopened part: the supervisor is asked again (a new revision, a new notice).
    await notify();
    expect(noticesTo('sup').map((c) => textOf(c))).toEqual([expect.stringContaining('TM has sent this audit about you')]);
  });

  it('amends a practice standards audit page by page, each changed page recorded once', async () => {
    await submitAll('sup', STANDARDS.id);
    const pages = auditFormPages(practiceStandardsAuditSocialWork, 'auditor').length;
    let card = (await h.press('sup', { data: { verb: AUDIT_VERBS.amend, taskId: STANDARDS.id } })).card;
    expect(textOf(card)).toContain(`(page 1 of ${pages})`);
    card = (await h.press('sup', button(card, AUDIT_VERBS.next), asShown(card, { 'q.case-identifier': 'Case 9021' }))).card;
    for (let page = 2; page < pages; page++) card = (await h.press('sup', button(card, AUDIT_VERBS.next), asShown(card))).card;
    const sent = await h.press('sup', button(card, AUDIT_VERBS.submit), asShown(card));
    expect(textOf(sent.card)).toContain('amended once in all');
    const record = await h.auditRecords.get(STANDARDS.id);
    expect(record?.state.revision).toBe(2);
    expect(record?.answers.auditor?.['case-identifier']).toEqual({ kind: 'text', text: 'Case 9021' });
  });

  it('the worker observed fills boxes 1–3 before the observer sends, box 4 after; sign-off waits for them', async () => {
    const boxes = (await h.press('ot', { data: { verb: AUDIT_VERBS.open, taskId: OBSERVATION.id } })).card;
    expect(textOf(boxes)).toContain('Your part (worker observed)');
    const early = await h.press('ot', button(boxes, AUDIT_VERBS.submit), {
      'q.background': 'A review visit with Mrs B.',
      'q.planning': 'Observer introduced as a colleague.',
      'q.reflections': 'Went well.',
      'q.critical-reflection': 'Too early',
    });
    expect(textOf(early.card)).toContain("after reading the observer's report, which has not happened yet");
    const saved = await h.press('ot', button(boxes, AUDIT_VERBS.submit), {
      'q.background': 'A review visit with Mrs B.',
      'q.planning': 'Observer introduced as a colleague.',
      'q.reflections': 'Went well.',
      'q.critical-reflection': '',
    });
    expect(refused(saved.card)).toContain('You can submit your part once the audit itself has been submitted; you can save it until then.');
    expect((await h.auditRecords.get(OBSERVATION.id))?.answers.worker?.background).toEqual({ kind: 'text', text: 'A review visit with Mrs B.' });

    await submitAll('sup', OBSERVATION.id);
    // tm (sup's line manager) cannot sign off yet, and is told why.
    const waiting = await h.press('tm', { data: { verb: AUDIT_VERBS.review, taskId: OBSERVATION.id } });
    expect(textOf(waiting.card)).toContain('It cannot be signed off until OT has sent their part.');
    expect(buttonsOf(waiting.card).map((b) => b.title)).not.toContain('Sign off');
    expect(refused((await h.press('tm', { data: { verb: AUDIT_VERBS.signOff, taskId: OBSERVATION.id } })).card)).toContain('the worker has not yet submitted their part');

    await notify();
    const [asked] = noticesTo('ot');
    const part = await h.press('ot', button(asked, AUDIT_VERBS.part));
    const done = await h.press('ot', button(part.card, AUDIT_VERBS.submit), asShown(part.card, { 'q.critical-reflection': 'I want to practise summarising at the end of a visit.' }));
    expect(textOf(done.card)).toContain('Your part is sent');
    await notify();
    const [ready] = noticesTo('tm');
    let review = (await h.press('tm', button(ready, AUDIT_VERBS.review))).card;
    for (let i = 0; i < 5 && !buttonsOf(review).some((b) => b.data.verb === AUDIT_VERBS.signOff); i++) review = (await h.press('tm', button(review, AUDIT_VERBS.review, 'Next'))).card;
    expect(textOf(review)).toContain('I want to practise summarising');
    expect(textOf((await h.press('tm', button(review, AUDIT_VERBS.signOff))).card)).toContain('Audit signed off');
    expect(practiceObservation.signOffNeedsSubjectPart).toBe(true);
  });
});
