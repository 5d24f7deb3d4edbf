/**
 * A Send or Submit pressed twice (a double click), pressed again on the same card, or sent
 * again by Teams after the server crashed between saving and answering, shows the same
 * outcome card as the first press: never one that contradicts it ("You have already taken
 * part" after "Thank you", "Nothing changed" after "Audit sent"). Nothing is stored twice.
 */
import { AuditRecordService } from '../../src/app/auditRecords';
import { asCycleId, asUserId } from '../../src/domain/shared/brand';
import { auditAnswersFromCard } from '../../src/bot/cards/auditForm';
import { AUDIT_VERBS } from '../../src/bot/cards/auditVerbs';
import { practiceStandardsAuditSocialWork } from '../../src/domain/audit/forms';
import { VERBS } from '../../src/bot/cards/verbs';
import { answersFor, fill } from '../fixtures/cardAnswers';
import { directory, OBSERVATION, STANDARDS, SUPERVISION } from '../fixtures/auditWorld';
import { objectsOfType, wire } from './cardChecks';
import { botHarness, buttonsOf, textOf, type BotHarness } from './harness';

type Card = Record<string, unknown>;
const CYCLE = '2026-27';

function button(card: unknown, verb: string, taskId?: string) {
  const found = buttonsOf(card).find((b) => b.data.verb === verb && (taskId === undefined || b.data.taskId === taskId));
  if (!found) throw new Error(`No ${verb} button on: ${textOf(card)}`);
  return found;
}

/** The card's heading: its first text block (what the person reads first). */
function headingOf(card: Card): string {
  const body = (card.body ?? []) as Record<string, unknown>[];
  for (const element of objectsOfType(wire({ body }), 'TextBlock')) {
    if (element.size === 'medium' || element.size === 'large') return String(element.text);
  }
  return '';
}

/** Answers the whole survey in the bot and returns the review card. */
async function review(h: BotHarness, userId: string): Promise<Card> {
  const answers = answersFor();
  let card = (await h.press(userId, button(await h.say(userId, 'survey'), VERBS.start))).card;
  for (let i = 0; i < 60 && !buttonsOf(card).some((b) => b.data.verb === VERBS.submit); i++) card = (await h.press(userId, button(card, VERBS.next), fill(card, answers))).card;
  return card;
}

describe('a repeated Send my answers shows the thank-you card again', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness();
    await h.app.cycles.open({ id: CYCLE, closesOn: '2027-03-31' });
  });
  afterEach(() => h.close());

  it('double-clicked: both presses answer with the thank-you card, and one response is stored', async () => {
    const send = button(await review(h, 'alex'), VERBS.submit);
    const [first, second] = await Promise.all([h.press('alex', send), h.press('alex', send)]);
    expect(headingOf(first.card)).toBe('Thank you for taking part');
    expect(headingOf(second.card)).toBe('Thank you for taking part');
    expect(await h.app.stores.responses.count(asCycleId(CYCLE))).toBe(1);
  });

  it('pressed again on the same card later: the thank-you card again', async () => {
    const send = button(await review(h, 'alex'), VERBS.submit);
    const first = await h.press('alex', send);
    const again = await h.press('alex', send);
    expect(headingOf(first.card)).toBe('Thank you for taking part');
    expect(again.card).toEqual(first.card);
    expect(await h.app.stores.responses.count(asCycleId(CYCLE))).toBe(1);
  });

  it('retried by Teams after a crash just after saving: the person sees the thank-you card', async () => {
    const send = button(await review(h, 'alex'), VERBS.submit);
    // The server saved the answers and died before it could answer Teams.
    const saved = await h.app.survey.submit(asCycleId(CYCLE), asUserId('alex'), {});
    expect(saved).toEqual({ ok: true, outcome: 'submitted' });
    // Teams sends the same activity again.
    const retried = await h.press('alex', send);
    expect(headingOf(retried.card)).toBe('Thank you for taking part');
    expect(retried.updated).toBe(true);
    expect(await h.app.stores.responses.count(asCycleId(CYCLE))).toBe(1);
  });

  it('any other button of an old card, after sending, still says the answers were sent', async () => {
    await h.press('alex', button(await review(h, 'alex'), VERBS.submit));
    const old = await h.press('alex', { data: { verb: VERBS.next, cycleId: CYCLE, section: 3 } }, { 'a.caseload-fair': 'agree' });
    expect(textOf(old.card)).toMatch(/already sent your answers/);
    expect(await h.app.stores.responses.count(asCycleId(CYCLE))).toBe(1);
  });
});

/** What Teams sends back for an audit page: every rating Yes with a comment, text answered, no actions. */
function answersOn(card: Card): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of objectsOfType(wire(card), 'Input.')) {
    const id = String(input.id);
    if (input.type === 'Input.ChoiceSet') out[id] = 'yes';
    else if (input.type === 'Input.Toggle') out[id] = 'true';
    else if (id.startsWith('r.')) out[id] = '';
    else out[id] = `Answer for ${id}`;
  }
  return out;
}

/** Opens an audit as its lead and presses Next through every page to the last one. */
async function lastPage(h: BotHarness, lead: string, taskId: string): Promise<Card> {
  let card = (await h.press(lead, button(await h.say(lead, 'audits'), AUDIT_VERBS.open, taskId))).card;
  for (let i = 0; i < 20 && !buttonsOf(card).some((b) => b.data.verb === AUDIT_VERBS.submit); i++) card = (await h.press(lead, button(card, AUDIT_VERBS.next), answersOn(card))).card;
  return card;
}

describe('a repeated Submit audit shows "Audit sent" again', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness('2026-11-10T09:00:00Z', { directory, auditTasks: [STANDARDS, SUPERVISION, OBSERVATION] });
  });
  afterEach(() => h.close());

  it('double-clicked: both presses answer "Audit sent", and the audit is submitted once', async () => {
    const card = await lastPage(h, 'sup', STANDARDS.id);
    const submit = button(card, AUDIT_VERBS.submit);
    const inputs = answersOn(card);
    const [first, second] = await Promise.all([h.press('sup', submit, inputs), h.press('sup', submit, inputs)]);
    expect(headingOf(first.card)).toBe('Audit sent');
    expect(headingOf(second.card)).toBe('Audit sent');
    const record = await h.auditRecords.get(STANDARDS.id);
    expect(record?.state).toMatchObject({ status: 'submitted', revision: 1 });
    expect(record?.state.history.filter((e) => e.event === 'submit')).toHaveLength(1);
  });

  it('pressed again on the same card later: "Audit sent" again, not "Nothing changed"', async () => {
    const card = await lastPage(h, 'sup', STANDARDS.id);
    const submit = button(card, AUDIT_VERBS.submit);
    const first = await h.press('sup', submit, answersOn(card));
    const again = await h.press('sup', submit, answersOn(card));
    expect(headingOf(first.card)).toBe('Audit sent');
    expect(again.card).toEqual(first.card);
    expect((await h.auditRecords.get(STANDARDS.id))?.state.revision).toBe(1);
  });

  it('retried by Teams after a crash just after saving: "Audit sent"', async () => {
    const card = await lastPage(h, 'sup', STANDARDS.id);
    const submit = button(card, AUDIT_VERBS.submit);
    const inputs = answersOn(card);
    // The server saved this page and submitted, then died before answering Teams.
    const service = new AuditRecordService(h.auditRecords, h.audits, directory, h.clock);
    await service.saveDraft(STANDARDS.id, 'sup', 'auditor', auditAnswersFromCard(practiceStandardsAuditSocialWork, 'auditor', Number(submit.data.page), { ...submit.data, ...inputs }));
    await service.submit(STANDARDS.id, 'sup', {});
    const retried = await h.press('sup', submit, inputs);
    expect(headingOf(retried.card)).toBe('Audit sent');
  });

  it('a double-clicked Sign off says "Audit signed off" both times', async () => {
    const card = await lastPage(h, 'sup', STANDARDS.id);
    await h.press('sup', button(card, AUDIT_VERBS.submit), answersOn(card));
    const read = (await h.press('tm', button(await h.say('tm', 'audits'), AUDIT_VERBS.review, STANDARDS.id))).card;
    let page = read;
    for (let i = 0; i < 20 && !buttonsOf(page).some((b) => b.data.verb === AUDIT_VERBS.signOff); i++)
      page = (
        await h.press(
          'tm',
          buttonsOf(page).find((b) => b.title === 'Next')!,
        )
      ).card;
    const signOff = button(page, AUDIT_VERBS.signOff);
    const [first, second] = await Promise.all([h.press('tm', signOff), h.press('tm', signOff)]);
    expect(headingOf(first.card)).toBe('Audit signed off');
    expect(headingOf(second.card)).toBe('Audit signed off');
  });
});
