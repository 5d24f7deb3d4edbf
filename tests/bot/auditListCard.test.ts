/**
 * The list of audits (`audits`) through the checks of cardQuality.test.ts (shared from
 * cardChecks.ts), and what it shows: oldest due first, at most ten, an Open button each.
 */
import { auditListCard, MAX_LISTED_AUDITS, type AuditListEntry } from '../../bot/cards/auditList';
import { AUDIT_VERBS } from '../../bot/cards/auditVerbs';
import { CARD_VERSION } from '../../bot/cards/elements';
import type { AdaptiveCard } from '../../bot/cards/types';
import { AC, libraryEvents, MAX_BYTES, objectsOfType, schemaValidator, wire, type Json } from './cardChecks';
import { textOf } from './harness';

const entry = (n: number, due: string): AuditListEntry => ({
  taskId: `2026/practice-standards-audit/person:demo-${String(n).padStart(3, '0')}/1`,
  due,
  subject: `Person ${n} with a rather long name — “quoted” & so on`,
  activity: 'Practice standards audit',
});
const many = Array.from({ length: 14 }, (_, i) => entry(i + 1, `2026-${String(12 - (i % 9)).padStart(2, '0')}-1${i % 10}`));

const cards: (readonly [string, AdaptiveCard])[] = [
  ['empty', auditListCard({ entries: [], today: '2026-11-10' })],
  ['one', auditListCard({ entries: [entry(1, '2026-11-20')], today: '2026-11-10' })],
  ['fourteen, some overdue', auditListCard({ entries: many, today: '2026-08-15' })],
];

describe.each(cards)('audit list card (%s): quality', (_name, card) => {
  const json = wire(card);
  it('validates against the 1.5 schema and declares 1.2', () => {
    const validate = schemaValidator();
    expect(validate(json)).toBe(true);
    expect(json.version).toBe(CARD_VERSION);
    expect(typeof json.fallbackText).toBe('string');
  });
  it('parses at 1.5 and 1.2 with no events', () => {
    expect(libraryEvents(card, AC.Versions.v1_5)).toEqual([]);
    expect(libraryEvents(card, AC.Versions.v1_2)).toEqual([]);
  });
  it('is under 40 KB, wraps text, and uses only Action.Submit audit.open with a task', () => {
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(MAX_BYTES);
    for (const block of objectsOfType(json, 'TextBlock')) expect(block.wrap).toBe(true);
    for (const action of objectsOfType(json, 'Action.')) {
      expect(action.type).toBe('Action.Submit');
      expect((action.data as Json).verb).toBe(AUDIT_VERBS.open);
      expect(typeof (action.data as Json).taskId).toBe('string');
    }
  });
});

describe('audit list card: content', () => {
  it('says so when there are none', () => {
    expect(textOf(cards[0]![1])).toContain('You have no audits due');
    expect(objectsOfType(wire(cards[0]![1]), 'Action.')).toHaveLength(0);
  });

  it('lists oldest due first, at most ten, and counts the rest', () => {
    const json = wire(cards[2]![1]);
    const dues = objectsOfType(json, 'TextBlock')
      .map((b) => String(b.text))
      .filter((t) => t.startsWith('Due '));
    expect(dues).toHaveLength(MAX_LISTED_AUDITS);
    const shownIds = objectsOfType(json, 'Action.').map((a) => String((a.data as Json).taskId));
    const expected = [...many].sort((a, b) => a.due.localeCompare(b.due) || a.taskId.localeCompare(b.taskId)).slice(0, MAX_LISTED_AUDITS).map((e) => e.taskId);
    expect(shownIds).toEqual(expected);
    expect(textOf(cards[2]![1])).toContain('4 more not shown');
    expect(textOf(cards[2]![1])).toContain('(overdue)');
  });
});
