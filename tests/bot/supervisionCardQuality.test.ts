import { CARD_VERSION } from '../../bot/cards/elements';
import { supervisionLogCard } from '../../bot/cards/supervisionLog';
import { SUPERVISION_VERBS } from '../../bot/cards/supervisionVerbs';
import type { AdaptiveCard } from '../../bot/cards/types';
import { AC, libraryEvents, objectsOfType, schemaValidator, wire } from './cardChecks';

const supervisees = [
  { id: 'p-1', name: 'Amara Adeyemi' },
  { id: 'p-2', name: "Ben O'Brien" },
];
const base = { supervisees, today: '2026-05-14', earliest: '2026-02-13' };

const cards: (readonly [string, AdaptiveCard])[] = [
  ['supervision log', supervisionLogCard(base)],
  ['supervision log, one supervisee', supervisionLogCard({ ...base, supervisees: supervisees.slice(0, 1) })],
  ['supervision log, refused', supervisionLogCard({ ...base, values: { supervisee: 'p-2', date: '2026-05-20', outcome: 'postponed' }, error: '2026-05-20 is in the future.' })],
];

describe.each(cards)('%s card quality', (_name, card) => {
  const json = wire(card);

  it('validates against the Adaptive Card 1.5 schema', () => {
    const validate = schemaValidator();
    const ok = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it(`declares version ${CARD_VERSION} with fallback text`, () => {
    expect(json.version).toBe(CARD_VERSION);
    expect(typeof json.fallbackText).toBe('string');
  });

  it('parses as Teams desktop (1.5) would, with no validation events', () => {
    expect(libraryEvents(card, AC.Versions.v1_5)).toEqual([]);
  });

  it('parses as a 1.2 renderer would, flagging nothing but the labels it ignores', () => {
    const events = libraryEvents(card, AC.Versions.v1_2);
    expect(events.filter((e) => !(e.event === 'UnsupportedProperty' && e.message.includes('"label"') && e.source?.startsWith('Input.')))).toEqual([]);
    expect(events).toHaveLength(objectsOfType(json, 'Input.').length);
  });

  it('gives every input a non-empty label and no isRequired', () => {
    const inputs = objectsOfType(json, 'Input.');
    expect(inputs.map((i) => i.type)).toEqual(['Input.ChoiceSet', 'Input.Date', 'Input.ChoiceSet']);
    for (const input of inputs) {
      expect(typeof input.label === 'string' && input.label.trim() !== '').toBe(true);
      expect(input.isRequired).toBeUndefined();
    }
  });

  it('uses only Action.Submit with the supervision.log verb', () => {
    const actions = objectsOfType(json, 'Action.');
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(action.type).toBe('Action.Submit');
      expect((action.data as Record<string, unknown>).verb).toBe(SUPERVISION_VERBS.log);
    }
  });

  it('wraps every text block and stays small', () => {
    for (const block of objectsOfType(json, 'TextBlock')) expect(block.wrap).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(40 * 1024);
  });
});
