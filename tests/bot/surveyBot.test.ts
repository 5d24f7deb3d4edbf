import { asCycleId } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { VERBS } from '../../src/bot/cards/verbs';
import { answersFor, fill } from '../fixtures/cardAnswers';
import { botHarness, buttonsOf, inputIdsOf, inputValue, textOf, type BotHarness } from './harness';

const CYCLE = '2026-27';

function button(card: unknown, verb: string) {
  const found = buttonsOf(card).find((b) => b.data.verb === verb);
  if (!found) throw new Error(`No ${verb} button on: ${textOf(card)}`);
  return found;
}

describe('the survey bot on a real TurnContext', () => {
  let h: BotHarness;

  beforeEach(async () => {
    h = await botHarness();
    await h.app.cycles.open({ id: CYCLE, closesOn: '2027-03-31' });
  });
  afterEach(() => h.close());

  it('welcomes a person on install, says what is and is not stored, and remembers how to reach them', async () => {
    const card = await h.install('alex');
    expect(textOf(card)).toMatch(/never/i);
    expect(textOf(card)).toMatch(/5/);
    expect(await h.conversations.get('alex' as never)).toMatchObject({ conversation: { id: 'a:alex' } });
  });

  it('keeps how to reach a person without writing it again for every message they send', async () => {
    const put = jest.spyOn(h.conversations, 'put');
    await h.say('alex', 'help');
    await h.say('alex', 'status');
    await h.say('alex', 'survey');
    // The first message stores the reference; the next two reach the person the same way.
    expect(put).toHaveBeenCalledTimes(1);
    expect(await h.conversations.get('alex' as never)).toMatchObject({ conversation: { id: 'a:alex' } });
    // The same reference built in another order (as Teams' install message builds it) is the same.
    const stored = (await h.conversations.get('alex' as never))!;
    await h.conversations.put('alex' as never, Object.fromEntries(Object.entries(stored).reverse()));
    put.mockClear();
    await h.say('alex', 'help');
    expect(put).not.toHaveBeenCalled();
    // A reference that reaches them differently (Teams moved their chat to another service) is written.
    await h.conversations.put('alex' as never, { ...(await h.conversations.get('alex' as never)), serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    put.mockClear();
    await h.say('alex', 'help');
    expect(put).toHaveBeenCalledTimes(1);
    expect((await h.conversations.get('alex' as never))?.serviceUrl).not.toBe('https://smba.trafficmanager.net/emea/');
  });

  it('answers help, status and survey at any time', async () => {
    expect(textOf(await h.say('alex', 'help'))).toMatch(/survey/);
    expect(textOf(await h.say('alex', 'what?'))).toMatch(/survey/);
    expect(textOf(await h.say('alex', 'status'))).toMatch(/not (yet )?started|not taken part|haven.t started/i);
    const prompt = await h.say('alex', 'Survey');
    expect(textOf(prompt)).toMatch(/Health Check/);
    expect(button(prompt, VERBS.start).data).toMatchObject({ cycleId: CYCLE });
  });

  it('takes a person through every section to a stored, anonymous response, in one card', async () => {
    const answers = answersFor();
    let card = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    const seen = new Set<number>();
    while (!buttonsOf(card).some((b) => b.data.verb === VERBS.submit)) {
      const section = Number(/Section (\d+) of/.exec(textOf(card))?.[1]);
      seen.add(section);
      const result = await h.press('alex', button(card, VERBS.next), fill(card, answers));
      expect(result.updated).toBe(true);
      card = result.card;
    }
    expect([...seen]).toEqual(healthCheck.sections.map((_, i) => i + 1));
    expect(textOf(card)).toContain('Check your answers');
    const sent = await h.press('alex', button(card, VERBS.submit));
    expect(textOf(sent.card)).toMatch(/thank/i);
    const stored = await h.app.stores.responses.list(asCycleId(CYCLE), { limit: 10 });
    expect(stored.items).toHaveLength(1);
    expect(JSON.stringify(stored.items[0])).not.toMatch(/alex/);
    expect(stored.items[0]?.answers['pcf-mapped']).toBeDefined();
  });

  it('shows a missing answer on the same card, next to the question, and keeps what was typed', async () => {
    const start = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    const inputs = fill(start, answersFor());
    inputs['a.team'] = '';
    const again = (await h.press('alex', button(start, VERBS.next), inputs)).card;
    expect(textOf(again)).toContain('Section 1 of');
    expect(textOf(again)).toMatch(/Which team[^]*Please answer this question/);
    expect(inputValue(again, 'a.role')).toBe('social-worker');
    expect(inputValue(again, 'a.team')).toBeUndefined();
  });

  it('introduces a follow-up question on the same card without calling it an error', async () => {
    let card = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    const answers = answersFor();
    while (!inputIdsOf(card).includes('a.care-director-trained')) card = (await h.press('alex', button(card, VERBS.next), fill(card, answers))).card;
    expect(inputIdsOf(card)).not.toContain('a.care-director-training');
    const inputs = { ...fill(card, answers), 'a.care-director-trained': 'yes' };
    const again = (await h.press('alex', button(card, VERBS.next), inputs)).card;
    expect(inputIdsOf(again)).toContain('a.care-director-training');
    expect(textOf(again)).toMatch(/Your answer has added a question, just below it, marked as new/);
    expect(textOf(again)).not.toMatch(/⚠/);
    expect(inputValue(again, 'a.care-director-trained')).toBe('yes');
  });

  it('saves for later and resumes where the person left off', async () => {
    let card = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    card = (await h.press('alex', button(card, VERBS.next), fill(card, answersFor()))).card;
    const saved = await h.press('alex', button(card, VERBS.saveForLater), { 'a.evidence-access': 'agree' });
    expect(textOf(saved.card)).toMatch(/saved/i);
    expect(textOf(await h.say('alex', 'status'))).toMatch(/section 2/i);
    const prompt = await h.say('alex', 'survey');
    const resumed = (await h.press('alex', button(prompt, VERBS.start))).card;
    expect(textOf(resumed)).toContain('Section 2 of');
    expect(inputValue(resumed, 'a.evidence-access')).toBe('agree');
  });

  it('never stores a second response: double click, retry or an old card', async () => {
    const answers = answersFor();
    let card = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    while (!buttonsOf(card).some((b) => b.data.verb === VERBS.submit)) card = (await h.press('alex', button(card, VERBS.next), fill(card, answers))).card;
    const submit = button(card, VERBS.submit);
    await Promise.all([h.press('alex', submit), h.press('alex', submit)]);
    const again = await h.press('alex', submit);
    expect(textOf(again.card)).toMatch(/thank you for taking part/i);
    const old = await h.press('alex', { data: { verb: VERBS.next, cycleId: CYCLE, section: 3 } }, { 'a.caseload-fair': 'agree' });
    expect(textOf(old.card)).toMatch(/already/i);
    expect(await h.app.stores.responses.count(asCycleId(CYCLE))).toBe(1);
  });

  it('refuses bad card data clearly and changes nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ verb: 'survey.delete-everything', cycleId: CYCLE }, /not one I know/],
      [{ verb: VERBS.next, cycleId: 'nope', section: 0 }, /could not be found/],
      [{ verb: VERBS.next, cycleId: CYCLE, section: 99 }, /does not exist/],
      [{ verb: VERBS.next, cycleId: CYCLE, section: -1 }, /does not exist/],
      [{ verb: VERBS.next, cycleId: CYCLE, section: 0, 'a.role': 'wizard' }, /not one of the answers/],
      [{ verb: VERBS.next, cycleId: CYCLE, section: 0, 'a.not-a-question': 'x' }, /not a question/],
      [{ verb: VERBS.next, cycleId: CYCLE, section: 0, 'a.role': { $gt: '' } }, /could not be read/],
      [{ verb: VERBS.submit, cycleId: CYCLE }, /please answer/i],
    ];
    for (const [data, expected] of cases) {
      const { card } = await h.press('sam', { data });
      expect(textOf(card)).toMatch(expected);
    }
    expect(await h.app.stores.responses.count(asCycleId(CYCLE))).toBe(0);
    expect((await h.app.stores.participation.counts(asCycleId(CYCLE))).submitted).toBe(0);
  });

  it('gives each person their own draft: a card pressed by someone else shows them theirs', async () => {
    let alexCard = (await h.press('alex', button(await h.say('alex', 'survey'), VERBS.start))).card;
    alexCard = (await h.press('alex', button(alexCard, VERBS.next), fill(alexCard, answersFor()))).card;
    // Sam presses a button copied from Alex's card: Sam's own (empty) draft is used.
    const samView = await h.press('sam', button(alexCard, VERBS.back));
    expect(textOf(samView.card)).toContain('Section 1 of');
    expect(inputValue(samView.card, 'a.role')).toBeUndefined();
    expect((await h.app.survey.status(asCycleId(CYCLE), 'alex' as never)).draft?.answers.role).toBe('social-worker');
  });

  it('refuses answers to a closed cycle', async () => {
    const prompt = await h.say('alex', 'survey');
    await h.app.cycles.close(CYCLE);
    expect(textOf((await h.press('alex', button(prompt, VERBS.start))).card)).toMatch(/closed/);
    expect(textOf(await h.say('alex', 'survey'))).toMatch(/no survey|not open|no open/i);
  });
});
