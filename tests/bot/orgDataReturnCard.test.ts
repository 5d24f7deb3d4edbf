import { CARD_VERSION } from '../../src/bot/cards/elements';
import { ORG_RETURN_VERB, orgDataReturnCard, orgDataReturnFromCard } from '../../src/bot/cards/orgDataReturn';
import type { AdaptiveCard } from '../../src/bot/cards/types';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { demoOrgDataReturn } from '../../src/app/orgDataDemo';
import { ORG_MEASURES } from '../../src/domain/orgData/measures';
import { checkOrgDataReturn } from '../../src/domain/orgData/validate';
import { inputsOf, wire, itPassesCardQuality } from './cardChecks';

const org = demoOrganisation();
const filled = demoOrgDataReturn(org, 'hospital');
const cards: (readonly [string, AdaptiveCard])[] = [
  ['39-steps return, empty', orgDataReturnCard({ teamName: 'Hospital team', cycleTitle: 'Health Check 2026/27' })],
  ['39-steps return, filled', orgDataReturnCard({ teamName: 'Hospital team', cycleTitle: 'Health Check 2026/27', values: filled })],
  [
    '39-steps return, refused',
    orgDataReturnCard({
      teamName: 'Hospital team',
      cycleTitle: 'Health Check 2026/27',
      values: { ...filled, 'unallocated-cases': -2 },
      problems: ['Unallocated cases (step 11): cannot be below 0 (it says -2).'],
    }),
  ],
];

describe.each(cards)('%s card quality', (_name, card) => {
  itPassesCardQuality(card, CARD_VERSION, {
    needsActions: true,
    checkAction: (data) => expect(data.verb).toBe(ORG_RETURN_VERB),
  });

  it('asks for every 39-steps figure, numbers as numbers from 0 and yes/no as a choice', () => {
    const inputs = inputsOf(wire(card));
    expect(inputs.map((i) => i.id)).toEqual(ORG_MEASURES.map((m) => `o.${m.id}`));
    for (const i of inputs.filter((x) => x.type === 'Input.Number')) expect(i.min).toBe(0);
    expect(inputs.filter((x) => x.type === 'Input.ChoiceSet')).toHaveLength(ORG_MEASURES.filter((m) => m.kind === 'yes-no').length);
  });
});

describe('what a submitted 39-steps card gives back', () => {
  it('round-trips the demo figures through the card into a return that passes the checks', () => {
    const card = wire(orgDataReturnCard({ teamName: 'Hospital team', cycleTitle: 'HC', values: filled }));
    // What Teams sends: each input's value as text, plus the action's data.
    const submitted: Record<string, unknown> = { verb: ORG_RETURN_VERB };
    for (const i of inputsOf(card)) submitted[i.id as string] = i.value === undefined ? '' : String(i.value);
    const result = checkOrgDataReturn(orgDataReturnFromCard(submitted));
    expect(result).toEqual({ ok: true, measures: filled });
  });

  it('shows what was refused with the figures still in place', () => {
    const card = wire(cards[2]![1]);
    expect(JSON.stringify(card)).toContain('cannot be below 0 (it says -2)');
    expect(inputsOf(card).find((i) => i.id === 'o.unallocated-cases')?.value).toBe(-2);
  });
});
