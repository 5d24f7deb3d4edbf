import { SUPERVISION_INPUTS, SUPERVISION_VERBS } from '../../src/bot/cards/supervisionVerbs';
import { asIsoDate } from '../../src/domain/shared/brand';
import { allSupervisionRecords } from '../../src/ports/supervisionLog';
import { supervisionDirectory } from '../fixtures/supervisionOrg';
import { botHarness, buttonsOf, inputValue, textOf, type BotHarness } from './harness';

const JULY = { start: asIsoDate('2026-01-01'), end: asIsoDate('2026-12-31') };

function logButton(card: unknown) {
  const found = buttonsOf(card).find((b) => b.data.verb === SUPERVISION_VERBS.log);
  if (!found) throw new Error(`No record button on: ${textOf(card)}`);
  return found;
}

describe('the supervision log in the bot, on a real TurnContext', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness('2026-07-10T09:00:00Z', { directory: supervisionDirectory() });
  });
  afterEach(() => h.close());

  it('shows a supervisor the quick card with their supervisees only', async () => {
    const card = await h.say('maya', 'Supervision');
    const shown = textOf(card);
    expect(shown).toContain('Record a supervision');
    expect(shown).toContain('Amara Adeyemi');
    expect(shown).toContain('Ben Brown');
    expect(shown).not.toContain('Chloe Clarke');
    expect(inputValue(card, SUPERVISION_INPUTS.date)).toBe('2026-07-10');
    expect(inputValue(card, SUPERVISION_INPUTS.outcome)).toBe('held');
  });

  it('tells someone with no supervisees so, in plain words', async () => {
    expect(textOf(await h.say('dev', 'supervision'))).toMatch(/you have no supervisees/i);
  });

  it('records from the card; a double press counts once and shows the first card again', async () => {
    const card = await h.say('maya', 'supervision');
    const inputs = { [SUPERVISION_INPUTS.supervisee]: 'amara', [SUPERVISION_INPUTS.date]: '2026-07-08', [SUPERVISION_INPUTS.outcome]: 'held' };
    const first = await h.press('maya', logButton(card), inputs);
    expect(first.updated).toBe(true);
    expect(textOf(first.card)).toMatch(/Supervision recorded[\s\S]*Amara Adeyemi on Wednesday 8 July 2026: held/);
    // Pressed again (a double click): the same outcome card as the first, not "updated".
    const second = await h.press('maya', logButton(card), inputs);
    expect(second.card).toEqual(first.card);
    const changed = await h.press('maya', logButton(card), { ...inputs, [SUPERVISION_INPUTS.outcome]: 'postponed' });
    expect(textOf(changed.card)).toMatch(/Supervision updated[\s\S]*is now postponed \(it was held\)\. It still counts once/);
    await h.press('maya', logButton(card), inputs);
    const records = await allSupervisionRecords(h.supervisionLog, JULY);
    expect(records).toEqual([expect.objectContaining({ supervisorId: 'maya', superviseeId: 'amara', date: '2026-07-08', outcome: 'held' })]);
  });

  it('shows the card again with the reason when refused, keeping what was chosen', async () => {
    const card = await h.say('maya', 'supervision');
    const refused = await h.press('maya', logButton(card), { [SUPERVISION_INPUTS.supervisee]: 'ben', [SUPERVISION_INPUTS.date]: '2026-07-20', [SUPERVISION_INPUTS.outcome]: 'postponed' });
    expect(textOf(refused.card)).toMatch(/Monday 20 July 2026 is in the future/);
    expect(inputValue(refused.card, SUPERVISION_INPUTS.supervisee)).toBe('ben');
    expect(inputValue(refused.card, SUPERVISION_INPUTS.outcome)).toBe('postponed');
    // A card pressed by someone who does not supervise the person chosen records nothing.
    await h.press('sam', logButton(card), { [SUPERVISION_INPUTS.supervisee]: 'amara', [SUPERVISION_INPUTS.date]: '2026-07-08', [SUPERVISION_INPUTS.outcome]: 'held' });
    expect(await allSupervisionRecords(h.supervisionLog, JULY)).toEqual([]);
  });

  it('leaves the survey commands to the survey flow', async () => {
    expect(textOf(await h.say('maya', 'help'))).toMatch(/survey/);
  });
});

describe('the bot without a directory', () => {
  it('does not offer the supervision log', async () => {
    const h = await botHarness('2026-07-10T09:00:00Z');
    try {
      expect(textOf(await h.say('maya', 'supervision'))).not.toContain('Record a supervision');
    } finally {
      await h.close();
    }
  });
});
