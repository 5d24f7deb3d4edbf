/**
 * The list of audits (`audits`) through the checks of cardQuality.test.ts (shared from
 * cardChecks.ts), and what it shows: oldest due first, at most ten, an Open button each.
 */
import { auditListCard, MAX_LISTED_AUDITS, type AuditListEntry } from '../../src/bot/cards/auditList';
import { AUDIT_VERBS } from '../../src/bot/cards/auditVerbs';
import { CARD_VERSION } from '../../src/bot/cards/elements';
import type { AdaptiveCard } from '../../src/bot/cards/types';
import { textOf } from './harness';
import { objectsOfType, wire, type Json, itPassesCardQuality } from './cardChecks';

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
  itPassesCardQuality(card, CARD_VERSION, {
    checkAction: (data) => {
      expect(data.verb).toBe(AUDIT_VERBS.open);
      expect(typeof data.taskId).toBe('string');
    },
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
    const expected = [...many]
      .sort((a, b) => a.due.localeCompare(b.due) || a.taskId.localeCompare(b.taskId))
      .slice(0, MAX_LISTED_AUDITS)
      .map((e) => e.taskId);
    expect(shownIds).toEqual(expected);
    expect(textOf(cards[2]![1])).toContain('4 more not shown');
    expect(textOf(cards[2]![1])).toContain('(overdue)');
  });
});
