import { parseHash } from '../../tab/src/model/route';
import { measureValue, recentQuarters, scoreText, standardsTable } from '../../tab/src/model/reports';
import type { MeasureDefinition, StandardScore } from '../../src/server/api/types';

describe("the report pages' tables and choices", () => {
  it('offers this council quarter and the ones before it, across the year end', () => {
    expect(recentQuarters('2026-11-23', 3)).toEqual([
      { id: '2026-Q3', label: 'Quarter 3, October – December 2026' },
      { id: '2026-Q2', label: 'Quarter 2, July – September 2026' },
      { id: '2026-Q1', label: 'Quarter 1, April – June 2026' },
    ]);
    expect(recentQuarters('2027-02-01', 2).map((q) => q.id)).toEqual(['2026-Q4', '2026-Q3']);
    expect(recentQuarters('2026-04-01', 2).map((q) => q.label)).toEqual(['Quarter 1, April – June 2026', 'Quarter 4, January – March 2026']);
  });

  it('says "Not scored" rather than 0 for a standard with no figures, and gives the level in words', () => {
    const base = { id: 'x', number: 1, title: 'Strong leadership', items: [] } as unknown as StandardScore;
    expect(scoreText({ score: null })).toBe('Not scored');
    expect(scoreText({ score: 72 })).toBe('72 out of 100');
    const table = standardsTable([
      { ...base, score: null, band: null },
      { ...base, score: 80, band: 'high' },
    ]);
    expect(table.rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['Not scored', '—', 'Nothing mapped to it yet'],
      ['80 out of 100', 'High', 'Nothing mapped to it yet'],
    ]);
  });

  it('writes 39-steps figures in en-GB, yes/no in words, and a dash for a missing figure', () => {
    const d = (kind: MeasureDefinition['kind']) => ({ id: 'm', step: 1, section: 1, label: 'M', kind, hint: '', required: false }) as MeasureDefinition;
    expect(measureValue(d('count'), 1234)).toBe('1,234');
    expect(measureValue(d('percent'), 12.5)).toBe('12.5%');
    expect(measureValue(d('yes-no'), true)).toBe('Yes');
    expect(measureValue(d('fte'), undefined)).toBe('—');
  });

  it('has addresses for the four pages', () => {
    for (const page of ['caseloads', 'org-data', 'standards', 'quality-report'] as const) expect(parseHash(`#/${page}`)?.page).toBe(page);
    expect(parseHash('#/quality-report?quarter=2026-Q3')?.params).toEqual({ quarter: '2026-Q3' });
  });
});
