import { auditDigestCard } from '../../src/bot/cards/auditDigest';
import { AUDIT_VERBS } from '../../src/bot/cards/auditVerbs';
import { CARD_VERSION } from '../../src/bot/cards/elements';
import type { AdaptiveCard } from '../../src/bot/cards/types';
import { objectsOfType, wire, itPassesCardQuality } from './cardChecks';

const item = (n: number, stage: string) => ({ taskId: `t${n}`, activity: 'Practice standards audit', subject: `Person ${n}`, due: '2027-01-20', stage });
const cards: (readonly [string, AdaptiveCard])[] = [
  ['one audit due', auditDigestCard({ day: '2027-01-20', items: [item(1, 'due')] })],
  ['a supervision audit with its sample ready', auditDigestCard({ day: '2027-01-20', items: [{ ...item(1, 'before-due'), sampleReady: true }] })],
  ['mixed with an escalation', auditDigestCard({ day: '2027-02-03', items: [item(1, 'overdue'), { ...item(2, 'escalation'), auditor: 'Amara Adeyemi' }] })],
  ['twelve audits', auditDigestCard({ day: '2027-01-06', items: Array.from({ length: 12 }, (_, i) => item(i, 'before-due')) })],
];

describe.each(cards)('audit digest card (%s)', (name, card) => {
  const json = wire(card);

  itPassesCardQuality(card, CARD_VERSION, { checkAction: (data) => expect(data.verb).toBe(AUDIT_VERBS.open) });

  it('says dates in words, lists at most 10 and points to "audits"', () => {
    expect(objectsOfType(json, 'Action.').length).toBeLessThanOrEqual(10);
    const texts = objectsOfType(json, 'TextBlock').map((b) => String(b.text));
    expect(texts.some((t) => t.includes('20 Jan 2027') || t.includes('January 2027'))).toBe(true);
    expect(texts.some((t) => t.includes('"audits"'))).toBe(true);
    if (name === 'twelve audits') expect(texts).toContain('2 more not shown.');
  });
});
