/**
 * The survey as staff meet it in Teams, on a real TurnContext: a Change from the review comes
 * back to the review, a follow-up question appears under the answer that opened it and is
 * marked as new, skippable questions can be skipped and the review says so, the buttons come
 * in the order people expect, dates read the same everywhere, and `help` lists what that
 * person can do.
 */
import { VERBS } from '../../src/bot/cards/verbs';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { answersFor, fill } from '../fixtures/cardAnswers';
import { directory, OBSERVATION, STANDARDS, SUPERVISION } from '../fixtures/auditWorld';
import { objectsOfType, wire, type Json } from './cardChecks';
import { botHarness, buttonsOf, inputIdsOf, textOf, type BotHarness } from './harness';

type Card = Record<string, unknown>;
const CYCLE = '2026-27';

function button(card: unknown, verb: string, section?: number) {
  const found = buttonsOf(card).find((b) => b.data.verb === verb && (section === undefined || b.data.section === section));
  if (!found) throw new Error(`No ${verb} button on: ${textOf(card)}`);
  return found;
}

const isReview = (card: Card): boolean => buttonsOf(card).some((b) => b.data.verb === VERBS.submit);

/** The texts of a card's body in reading order, with input labels where an input has one. */
function readingOrder(card: Card): { kind: 'text' | 'input'; text: string; id?: string }[] {
  const out: { kind: 'text' | 'input'; text: string; id?: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      if (o.type === 'TextBlock') out.push({ kind: 'text', text: String(o.text) });
      else if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push({ kind: 'input', text: String(o.label ?? ''), id: String(o.id) });
      for (const [key, value] of Object.entries(o)) if (key !== 'fallback' && key !== 'data' && typeof value === 'object') walk(value);
    }
  };
  walk((card as Json).body);
  return out;
}

async function toReview(h: BotHarness, userId: string, answers: Record<string, string>): Promise<Card> {
  let card = (await h.press(userId, button(await h.say(userId, 'survey'), VERBS.start))).card;
  for (let i = 0; i < 60 && !isReview(card); i++) card = (await h.press(userId, button(card, VERBS.next), fill(card, answers))).card;
  if (!isReview(card)) throw new Error(`Never reached the review: ${textOf(card)}`);
  return card;
}

describe('the survey cards in the bot', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness();
    await h.app.cycles.open({ id: CYCLE, closesOn: '2027-03-26' });
  });
  afterEach(() => h.close());

  it('comes back to the review after a Change, in as few presses as the section has pages', async () => {
    const answers = answersFor();
    const review = await toReview(h, 'alex', answers);
    const caseloads = healthCheck.sections.findIndex((s) => s.id === 'caseloads');
    let card = (await h.press('alex', button(review, VERBS.edit, caseloads))).card;
    expect(textOf(card)).toContain(`Section ${caseloads + 1} of ${healthCheck.sections.length}: Caseloads`);
    let presses = 0;
    while (!isReview(card) && presses < 20) {
      const forward = buttonsOf(card).find((b) => b.data.verb === VERBS.next);
      if (!forward) throw new Error(`No way forward on: ${textOf(card)}`);
      card = (await h.press('alex', forward, { ...fill(card, answers), 'a.caseload-fair': 'disagree' })).card;
      presses += 1;
    }
    expect(isReview(card)).toBe(true);
    expect(presses).toBe(1);
  });

  it('puts a follow-up question directly under the answer that opened it, marked as new', async () => {
    const answers = answersFor();
    let card = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    while (!inputIdsOf(card).includes('a.care-director-trained')) card = (await h.press('alex', button(card, VERBS.next), fill(card, answers))).card;
    expect(inputIdsOf(card)).not.toContain('a.care-director-training');
    const again = (await h.press('alex', button(card, VERBS.next), { ...fill(card, answers), 'a.care-director-trained': 'yes' })).card;
    const order = readingOrder(again);
    const opener = order.findIndex((e) => e.id === 'a.care-director-trained');
    const followUp = order.findIndex((e) => e.id === 'a.care-director-training');
    expect(opener).toBeGreaterThanOrEqual(0);
    // Between the two: only the follow-up's own mark (no other question).
    const between = order.slice(opener + 1, followUp);
    expect(between.filter((e) => e.kind === 'input')).toEqual([]);
    expect(between.map((e) => e.text).join(' ')).toMatch(/^New question/);
    expect(textOf(again)).not.toMatch(/⚠/);
  });

  it('lets a person skip a question that may be skipped, and the review counts what they skipped without naming it', async () => {
    const answers = { ...answersFor(), contract: '', 'evidence-access': '' };
    const review = await toReview(h, 'alex', answers);
    const shown = textOf(review);
    expect(shown).toMatch(/\*\*Section 1: About you\.\*\* 3 of 4 answered, 1 skipped\./);
    expect(shown).toMatch(/\*\*Section 2: Best practice and evidence\.\*\* 0 of 1 answered, 1 skipped\./);
    expect(shown).not.toMatch(/Skipped: /);
  });

  it('still needs the questions that route the survey, such as role', async () => {
    const start = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    const again = (await h.press('alex', button(start, VERBS.next), { ...fill(start, answersFor()), 'a.role': '' })).card;
    expect(textOf(again)).toContain('Section 1 of');
    expect(textOf(again)).toMatch(/Please answer this question/);
  });

  it('orders the buttons Back, Next, Save and finish later', async () => {
    let card = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    expect(objectsOfType(wire(card), 'Action.Submit').map((a) => a.title)).toEqual(['Next', 'Save and finish later']);
    card = (await h.press('alex', button(card, VERBS.next), fill(card, answersFor()))).card;
    expect(objectsOfType(wire(card), 'Action.Submit').map((a) => a.title)).toEqual(['Back', 'Next', 'Save and finish later']);
  });

  it('says when the survey closes in the same words on every card', async () => {
    const card = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    const saved = (await h.press('alex', button(card, VERBS.saveForLater), fill(card, answersFor()))).card;
    expect(textOf(saved)).toContain('Friday 26 March 2027');
    expect(textOf(saved)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('help lists what that person can do', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness('2026-11-10T09:00:00Z', { directory, auditTasks: [STANDARDS, SUPERVISION, OBSERVATION] });
  });
  afterEach(() => h.close());

  const commands = (card: Card): string[] => [...textOf(card).matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]!);

  it('a social worker who supervises nobody, audits nobody and manages no team: the survey only', async () => {
    expect(commands(await h.say('sw', 'help'))).toEqual(['survey', 'status', 'help', 'privacy']);
  });

  it('a senior practitioner who supervises and audits: supervision and audits too', async () => {
    expect(commands(await h.say('sup', 'help'))).toEqual(['survey', 'status', 'supervision', 'audits', 'help', 'privacy']);
  });

  it('a team manager: the 39-steps return too', async () => {
    expect(commands(await h.say('tm', 'help'))).toEqual(expect.arrayContaining(['survey', 'status', '39 steps', 'help']));
  });
});
