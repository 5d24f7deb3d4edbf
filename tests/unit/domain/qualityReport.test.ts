import { parseQuarter, quarterOf } from '../../../src/domain/qualityReport/quarter';
import { checkTheme, summariseThemes } from '../../../src/domain/qualityReport/themes';
import { toCsv } from '../../../src/domain/qualityReport/tables';

describe('council quarters', () => {
  it('counts from April, as the audit plan does (Q3 is October–December)', () => {
    expect(parseQuarter('2026-Q3')).toEqual({ id: '2026-Q3', year: 2026, number: 3, start: '2026-10-01', end: '2026-12-31', label: 'Quarter 3, October – December 2026' });
    expect(parseQuarter('2026-q4')).toMatchObject({ start: '2027-01-01', end: '2027-03-31', label: 'Quarter 4, January – March 2027' });
    expect(parseQuarter('2026-Q1')).toMatchObject({ start: '2026-04-01', end: '2026-06-30' });
    expect(parseQuarter('2026-Q2')).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });
    expect(parseQuarter('2026-Q5')).toBeUndefined();
  });

  it('finds the quarter a day is in', () => {
    expect(quarterOf('2026-11-23').id).toBe('2026-Q3');
    expect(quarterOf('2027-02-01').id).toBe('2026-Q4');
    expect(quarterOf('2026-04-01').id).toBe('2026-Q1');
  });
});

describe('key themes', () => {
  it('groups the same theme however it was typed, most often tagged first', () => {
    const themes = summariseThemes([
      { theme: 'Strengths-based practice', source: 'Observation', note: '' },
      { theme: 'Mental capacity', source: 'Audit A', note: 'first' },
      { theme: ' mental  capacity ', source: 'Audit B', note: 'second' },
    ]);
    expect(themes).toEqual([
      { theme: 'Mental capacity', times: 2, sources: ['Audit A', 'Audit B'], notes: ['first', 'second'] },
      { theme: 'Strengths-based practice', times: 1, sources: ['Observation'], notes: [] },
    ]);
  });

  it('refuses an empty or overlong theme in plain words', () => {
    expect(checkTheme({ theme: '  ', source: '', note: '' })).toEqual(['The theme is missing: a few words, e.g. "Recording of mental capacity".']);
    expect(checkTheme({ theme: 'x'.repeat(81), source: '', note: '' })[0]).toContain('keep it to 80');
  });
});

describe('report tables as CSV', () => {
  it('quotes what needs quoting and defuses cells a spreadsheet would run as formulas', () => {
    const csv = toCsv({
      name: 't',
      title: 'T',
      header: ['Theme', 'Times'],
      rows: [
        ['=HYPERLINK("x")', 2],
        ['Plain, with comma', -1],
      ],
    });
    expect(csv).toBe('Theme,Times\r\n"\'=HYPERLINK(""x"")",2\r\n"Plain, with comma",-1\r\n');
  });
});
