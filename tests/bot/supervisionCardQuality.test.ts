import { CARD_VERSION } from '../../src/bot/cards/elements';
import { supervisionLogCard } from '../../src/bot/cards/supervisionLog';
import { SUPERVISION_VERBS } from '../../src/bot/cards/supervisionVerbs';
import type { AdaptiveCard } from '../../src/bot/cards/types';
import { inputsOf, wire, itPassesCardQuality } from './cardChecks';

const supervisees = [
  { id: 'p-1', name: 'Amara Adeyemi' },
  { id: 'p-2', name: "Ben O'Brien" },
];
const base = { supervisees, today: '2026-05-14', earliest: '2026-02-13' };

const cards: (readonly [string, AdaptiveCard])[] = [
  ['supervision log', supervisionLogCard(base)],
  ['supervision log, one supervisee', supervisionLogCard({ ...base, supervisees: supervisees.slice(0, 1) })],
  ['supervision log, refused', supervisionLogCard({ ...base, values: { supervisee: 'p-2', date: '2026-05-20', outcome: 'postponed' }, error: 'Wednesday 20 May 2026 is in the future.' })],
];

describe.each(cards)('%s card quality', (_name, card) => {
  itPassesCardQuality(card, CARD_VERSION, {
    needsActions: true,
    checkAction: (data) => expect(data.verb).toBe(SUPERVISION_VERBS.log),
  });

  it('asks for the supervisee, the date and the outcome', () => {
    expect(inputsOf(wire(card)).map((i) => i.type)).toEqual(['Input.ChoiceSet', 'Input.Date', 'Input.ChoiceSet']);
  });
});
