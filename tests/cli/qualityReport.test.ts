import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run';
import { TestClock } from '../fixtures/testClock';

function phcIn(dir: string, clock = new TestClock(new Date('2026-11-23T10:00:00Z'))) {
  return async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: path.join(dir, 'data') }, cwd: dir }, clock);
    return { code, out, err };
  };
}

describe('phc report', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-report-'));
  const phc = phcIn(dir);

  it('tags, lists and removes themes for the quarter', async () => {
    expect((await phc('report', 'themes', 'add', '--theme', 'Recording of capacity', '--source', 'Practice standards audits', '--note', 'Two-stage test not evidenced')).out).toContain(
      'Tagged "Recording of capacity" for 2026-Q3 (theme 1).',
    );
    await phc('report', 'themes', 'add', '--theme', 'Recording of capacity', '--quarter', '2026-Q3');
    expect((await phc('report', 'themes', 'list')).out).toContain('1. Recording of capacity (Practice standards audits): Two-stage test not evidenced');
    expect((await phc('report', 'themes', 'remove', '2')).out).toContain('Removed theme 2.');
    expect((await phc('report', 'themes', 'remove', '2')).code).toBe(1);
    const empty = await phc('report', 'themes', 'add', '--theme', ' ');
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('The theme is missing');
  });

  it('prints the report, writes CSV tables and the printable page', async () => {
    const { code, out } = await phc('report', 'quarterly', '--quarter', '2026-Q3');
    expect(code).toBe(0);
    expect(out).toContain('Quality Report, Quarter 3, October – December 2026 (as of 2026-11-23)');
    expect(out).toContain('Recording of capacity | 1 | Practice standards audits');
    expect(out).toContain('Action plan: no action plan yet.');
    const written = await phc('report', 'quarterly', '--quarter', '2026-Q3', '--csv', 'out', '--html', 'out/report.html');
    expect(written.code).toBe(0);
    const files = fs.readdirSync(path.join(dir, 'out')).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'quality-report-2026-Q3-compliance-by-type.csv',
        'quality-report-2026-Q3-themes.csv',
        'quality-report-2026-Q3-caseloads.csv',
        'quality-report-2026-Q3-supervision.csv',
        'report.html',
      ]),
    );
    expect(fs.readFileSync(path.join(dir, 'out', 'quality-report-2026-Q3-themes.csv'), 'utf8')).toBe(
      'Theme,Times tagged,Seen in,Notes\r\nRecording of capacity,1,Practice standards audits,Two-stage test not evidenced\r\n',
    );
    expect(fs.readFileSync(path.join(dir, 'out', 'report.html'), 'utf8')).toContain('<h1>Quarterly Quality Report</h1>');
  });

  it('refuses a quarter it cannot read', async () => {
    const { code, err } = await phc('report', 'quarterly', '--quarter', 'Q3');
    expect(code).toBe(1);
    expect(err).toContain('"Q3" is not a quarter');
  });
});
