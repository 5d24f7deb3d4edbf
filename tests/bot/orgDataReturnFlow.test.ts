import { CARD_VERSION } from '../../src/bot/cards/elements';
import { ORG_RETURN_VERB, orgDataReturnCard } from '../../src/bot/cards/orgDataReturn';
import { proactiveActivity } from '../../src/bot/proactive';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { demoOrgDataReturn } from '../../src/app/orgDataDemo';
import type { Directory } from '../../src/ports/directory';
import type { Cycle } from '../../src/ports/stores';
import { itPassesCardQuality, objectsOfType, wire } from './cardChecks';
import { botHarness, buttonsOf, inputValue, textOf, type BotHarness } from './harness';

type Card = Record<string, unknown>;
const organisation = demoOrganisation();
const directory: Directory = { organisation: () => Promise.resolve(organisation) };
const hospital = organisation.teams.find((t) => t.id === 'hospital')!;
const manager = organisation.people.find((p) => p.role === 'team-manager' && p.teamId === 'hospital')!;
const otherManager = organisation.people.find((p) => p.role === 'team-manager' && p.teamId !== 'hospital')!;
const worker = organisation.people.find((p) => p.role === 'social-worker' && p.teamId === 'hospital')!;

/** What Teams sends back when the card is submitted: every input's value as text (as on the card), with `changes` typed over it. */
function typedOn(card: Card, changes: Record<string, string> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of objectsOfType(wire(card), 'Input.')) out[String(input.id)] = input.value === undefined ? '' : String(input.value);
  return { ...out, ...changes };
}

describe('the 39-steps return in the bot, on a real TurnContext', () => {
  let h: BotHarness;
  let cycle: Cycle;
  let sent: Card;
  beforeEach(async () => {
    h = await botHarness('2027-01-11T10:00:00Z', { directory });
    cycle = await h.app.cycles.open({ id: '2026-27', closesOn: '2027-01-29', title: 'Health Check 2026/27' });
    // The card as the sender delivers it when the cycle opens.
    sent = proactiveActivity({ kind: 'org-return', cycle, team: hospital }, 10).attachments?.[0]?.content as Card;
  });
  afterEach(() => h.close());

  const filled = () => orgDataReturnCard({ teamName: hospital.name, cycleTitle: cycle.title, cycleId: cycle.id, teamId: hospital.id, values: demoOrgDataReturn(organisation, 'hospital') });

  it('is the team’s card for this cycle, and its button carries the cycle and the team', () => {
    expect(textOf(sent)).toContain(`39 steps: ${hospital.name}`);
    expect(textOf(sent)).toContain('Health Check 2026/27');
    expect(buttonsOf(sent).map((b) => b.data)).toEqual([{ verb: ORG_RETURN_VERB, cycleId: '2026-27', teamId: 'hospital' }]);
  });

  it('saves a good return from the card and says so on the card, figures kept', async () => {
    const { card, updated } = await h.press(manager.id, buttonsOf(sent)[0]!, typedOn(filled()));
    expect(updated).toBe(true);
    expect(textOf(card)).toContain('Saved on Monday 11 January 2027. Thank you.');
    expect(inputValue(card, 'o.unallocated-cases')).toBe(demoOrgDataReturn(organisation, 'hospital')['unallocated-cases']);
    const shown = textOf(await h.say(manager.id, '39 steps'));
    expect(shown).toContain('You sent your figures on Monday 11 January 2027. Sending again replaces them.');
  });

  it('a double-clicked Send says "Saved… Thank you" both times, not that the second replaced the first', async () => {
    const send = buttonsOf(sent)[0]!;
    const [first, second] = await Promise.all([h.press(manager.id, send, typedOn(filled())), h.press(manager.id, send, typedOn(filled()))]);
    for (const { card } of [first, second]) {
      expect(textOf(card)).toContain('Saved on Monday 11 January 2027. Thank you.');
      expect(textOf(card)).not.toContain('replace the ones sent before');
    }
    // Different figures sent later do replace the first ones, and say so.
    const changed = await h.press(manager.id, send, typedOn(filled(), { 'o.unallocated-cases': '9' }));
    expect(textOf(changed.card)).toContain('these figures replace the ones sent before');
  });

  it('refuses a bad figure on the same card in plain words, saves nothing, and keeps what was typed', async () => {
    const { card, updated } = await h.press(manager.id, buttonsOf(sent)[0]!, typedOn(filled(), { 'o.unallocated-cases': '-2', 'o.agency-cover-fte': '3.5' }));
    expect(updated).toBe(true);
    const shown = textOf(card);
    expect(shown).toContain('Nothing was saved. Please check:');
    expect(shown).toMatch(/• Unallocated cases.*\(step \d+\): cannot be below 0/);
    expect(inputValue(card, 'o.unallocated-cases')).toBe(-2);
    expect(inputValue(card, 'o.agency-cover-fte')).toBe(3.5);
    // Nothing saved: the fresh card says nothing was sent.
    expect(textOf(await h.say(manager.id, '39 steps'))).not.toContain('You sent your figures');
  });

  it('a second return replaces the first and says so', async () => {
    await h.press(manager.id, buttonsOf(sent)[0]!, typedOn(filled()));
    const { card } = await h.press(manager.id, buttonsOf(sent)[0]!, typedOn(filled(), { 'o.unallocated-cases': '4' }));
    expect(textOf(card)).toContain('these figures replace the ones sent before for Hospital');
    expect(inputValue(card, 'o.unallocated-cases')).toBe(4);
  });

  it('lets nobody but the team’s manager make its return, whatever the card says', async () => {
    for (const who of [otherManager.id, worker.id]) {
      const { card } = await h.press(who, buttonsOf(sent)[0]!, typedOn(filled()));
      expect(textOf(card)).toContain(`Only the team manager of ${hospital.name} (or the Principal Social Worker) can make its 39-steps return.`);
    }
    expect(textOf(await h.say(manager.id, '39 steps'))).not.toContain('You sent your figures');
    expect(textOf(await h.say(worker.id, '39 steps'))).toContain('does not list you as managing a team');
  });
});

describe('39-steps cards as sent and after saving', () => {
  const cycleLike = { id: '2026-27', title: 'Health Check 2026/27' };
  const cards: (readonly [string, Card])[] = [
    ['sent when the cycle opens', orgDataReturnCard({ teamName: 'Hospital team', cycleTitle: cycleLike.title, cycleId: cycleLike.id, teamId: 'hospital' })],
    [
      'saved, with its notice',
      orgDataReturnCard({
        teamName: 'Hospital team',
        cycleTitle: cycleLike.title,
        cycleId: cycleLike.id,
        teamId: 'hospital',
        values: demoOrgDataReturn(organisation, 'hospital'),
        notice: 'Saved on Monday 11 January 2027. Thank you.',
      }),
    ],
  ];
  describe.each(cards)('%s', (_name, card) => {
    itPassesCardQuality(card, CARD_VERSION, {
      needsActions: true,
      checkAction: (data) => expect(data).toEqual({ verb: ORG_RETURN_VERB, cycleId: '2026-27', teamId: 'hospital' }),
    });
  });
});
