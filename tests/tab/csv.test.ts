import { csvFileName, toCsv } from '../../tab/src/model/csv';

describe('CSV of a table on screen', () => {
  it('writes a byte-order mark, CRLF lines and quotes cells with commas, quotes or line breaks', () => {
    const csv = toCsv({
      title: 't',
      columns: ['Question', 'Result'],
      rows: [
        ['Say "hello", please', '65%'],
        ['Two\nlines', null],
      ],
    });
    expect(csv).toBe('\uFEFFQuestion,Result\r\n"Say ""hello"", please",65%\r\n"Two\nlines",\r\n');
  });

  it('keeps a hidden cell hidden: its reason is the text, never a number', () => {
    const csv = toCsv({ title: 't', columns: ['Team', 'Answered'], rows: [['Intake', 'Hidden: fewer than 5 people answered']] });
    expect(csv).toContain('Intake,Hidden: fewer than 5 people answered');
  });

  it('stops a spreadsheet reading a cell as a formula', () => {
    const csv = toCsv({ title: 't', columns: ['a'], rows: [['=HYPERLINK("x")'], ['+26 points'], ['@SUM(A1)'], [-3], ['12']] });
    expect(csv.split('\r\n').slice(1, 6)).toEqual(['"\'=HYPERLINK(""x"")"', "'+26 points", "'@SUM(A1)", '-3', '12']);
  });

  it('neutralises every cell a spreadsheet could run, unless the app wrote it as a number', () => {
    const csv = toCsv({ title: 't', columns: ['a'], rows: [["-2+3+cmd|' /C calc'!A0"], ['-3'], [-3], ['\tSUM(A1)'], ['\r=1'], [0.5], ['+44 1234']] });
    expect(csv.split('\r\n').slice(1, 8)).toEqual(["'-2+3+cmd|' /C calc'!A0", "'-3", '-3', "'\tSUM(A1)", '"\'\r=1"', '0.5', "'+44 1234"]);
  });

  it('names the file after the table', () => {
    expect(csvFileName('Adult Social Care Health Check 2024/25 by team')).toBe('adult-social-care-health-check-2024-25-by-team.csv');
    expect(csvFileName('!!!')).toBe('table.csv');
  });
});
