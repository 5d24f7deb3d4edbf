import { auditDigestCard } from '../../bot/cards/auditDigest';
import { AUDIT_VERBS } from '../../bot/cards/auditVerbs';
import { CARD_VERSION } from '../../bot/cards/elements';
import type { AdaptiveCard } from '../../bot/cards/types';
import { AC, libraryEvents, objectsOfType, schemaValidator, wire } from './cardChecks';

const item = (n: number, stage: string) => ({ taskId: `t${n}`, activity: 'Practice standards audit', subject: `Person ${n}`, due: '2027-01-20', stage });
const cards: (readonly [string, AdaptiveCard])[] = [
  ['one audit due', auditDigestCard({ day: '2027-01-20', items: [item(1, 'due')] })],
  ['mixed with an escalation', auditDigestCard({ day: '2027-02-03', items: [item(1, 'overdue'), { ...item(2, 'escalation'), auditor: 'Amara Adeyemi' }] })],
  ['twelve audits', auditDigestCard({ day: '2027-01-06', items: Array.from({ length: 12 }, (_, i) => item(i, 'before-due')) })],
];

describe.each(cards)('audit digest card (%s)', (name, card) => {
  const json = wire(card);

  it('validates against the Adaptive Card schema', () => {
    const validate = schemaValidator();
    const ok = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it(`declares version ${CARD_VERSION} with fallback text and parses cleanly at 1.5 and 1.2`, () => {
    expect(json.version).toBe(CARD_VERSION);
    expect(typeof json.fallbackText).toBe('string');
    expect(libraryEvents(card, AC.Versions.v1_5)).toEqual([]);
    expect(libraryEvents(card, AC.Versions.v1_2)).toEqual([]);
  });

  it('uses only Action.Submit audit.open, says dates in words, lists at most 10 and wraps text', () => {
    const actions = objectsOfType(json, 'Action.');
    for (const action of actions) {
      expect(action.type).toBe('Action.Submit');
      expect((action.data as Record<string, unknown>).verb).toBe(AUDIT_VERBS.open);
    }
    expect(actions.length).toBeLessThanOrEqual(10);
    const texts = objectsOfType(json, 'TextBlock').map((b) => String(b.text));
    expect(texts.some((t) => t.includes('20 Jan 2027') || t.includes('January 2027'))).toBe(true);
    expect(texts.some((t) => t.includes('"audits"'))).toBe(true);
    if (name === 'twelve audits') expect(texts).toContain('2 more not shown.');
    for (const block of objectsOfType(json, 'TextBlock')) expect(block.wrap).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(40 * 1024);
  });
});
