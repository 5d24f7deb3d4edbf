import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { demoCaseloadCsv, demoCaseloads } from '../../src/app/caseloadDemo';
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

describe('phc caseloads', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-caseloads-'));
  const phc = phcIn(dir);
  const org = demoOrganisation();
  const entries = demoCaseloads(org, { from: '2026-07', to: '2026-09' });
  const manager = org.people.find((p) => p.role === 'team-manager' && p.teamId === 'hospital')!;
  fs.writeFileSync(path.join(dir, 'good.csv'), demoCaseloadCsv(entries));
  fs.writeFileSync(path.join(dir, 'agency.csv'), 'worker,team,month,open_cases\nJo Agency,Intake,2026-07,12\n');
  const someone = org.people.find((p) => p.teamId === 'intake' && p.role === 'social-worker')!;
  fs.writeFileSync(
    path.join(dir, 'bad.csv'),
    ['worker,team,month,open_cases', `${someone.id},intake,2026-07,12`, `${someone.id},intake,2026-07,13`, `${someone.id},Moon base,2026-08,-1`, `${someone.id},intake,2026-12,4`].join('\n'),
  );

  it('says there is nothing yet on a fresh data directory', async () => {
    const { code, out } = await phc('caseloads', 'report');
    expect(code).toBe(0);
    expect(out).toContain('Caseload and workload audit, 2026-07 to 2026-09');
    expect(out).toContain('No caseloads are stored for this period');
  });

  it('refuses a bad file whole, every bad row by line, and stores nothing', async () => {
    const { code, err } = await phc('caseloads', 'import', 'bad.csv', '--period', '2026-07..2026-09');
    expect(code).toBe(1);
    expect(err).toContain('Nothing was imported: 3 of 4 rows have problems.');
    expect(err).toContain(`line 3: ${someone.id} already has a caseload for 2026-07 on line 2: a worker has one figure a month.`);
    expect(err).toContain('line 4: "Moon base" is not a team in the organisation');
    expect(err).toContain('line 4: "-1" open cases is not a whole number of 0 or more.');
    expect(err).toContain('line 5: 2026-12 is outside the audit period 2026-07 to 2026-09.');
    expect((await phc('caseloads', 'report')).out).toContain('No caseloads are stored');
  });

  it('imports the demo export and reports averages by team and service area, naming nobody', async () => {
    const imported = await phc('caseloads', 'import', 'good.csv', '--period', '2026-07..2026-09');
    expect(imported.err).toBe('');
    expect(imported.out).toContain(`Imported ${entries.length} caseloads in 8 teams, 2026-07 to 2026-09.`);
    const { code, out } = await phc('caseloads', 'report');
    expect(code).toBe(0);
    expect(out).toMatch(/Hospital team: \d+\.\d \(median [\d.]+, quartiles [\d.]+–[\d.]+, highest [\d.]+, \d+ workers; weighted [\d.]+; 2019-20: 20\.6/);
    expect(out).toContain('By service area:');
    expect(out).toMatch(/\d+ workers? (is|are) above the level of 30 cases; each is named only to their own managers/);
    for (const e of entries) expect(out).not.toContain(e.workerName);
  });

  it('names flagged workers to their own team manager only', async () => {
    const json = JSON.parse((await phc('caseloads', 'report', '--json', '--as', manager.id)).out) as { audit: { aboveLevel: { teamId: string }[] } };
    expect(json.audit.aboveLevel.length).toBeGreaterThan(0);
    expect(json.audit.aboveLevel.every((w) => w.teamId === 'hospital')).toBe(true);
  });

  it('refuses a second import of the same months unless --replace, then replaces exactly those', async () => {
    const again = await phc('caseloads', 'import', 'good.csv', '--period', '2026-07..2026-09');
    expect(again.code).toBe(1);
    expect(again.err).toContain('Nothing was imported: caseloads are already stored for 24 team-months of this file. Import again with --replace');
    const replaced = await phc('caseloads', 'import', 'good.csv', '--period', '2026-07..2026-09', '--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain(`replacing ${entries.length} stored before for the same team-months`);
  });

  it('reports a worker the organisation does not know, and keeps them', async () => {
    const { code, out } = await phc('caseloads', 'import', 'agency.csv', '--period', '2026-07..2026-09', '--replace');
    expect(code).toBe(0);
    expect(out).toContain('line 2: "Jo Agency" (intake) is not in the organisation: kept under that name');
    expect((await phc('caseloads', 'report')).out).toContain('1 figures are for workers the directory does not know');
  });

  it('lets the PSW change the level', async () => {
    expect((await phc('caseloads', 'level', '25')).out).toContain('above 25 open cases');
    expect((await phc('caseloads', 'level', 'lots')).code).toBe(1);
  });

  it('refuses a period it cannot read', async () => {
    const { code, err } = await phc('caseloads', 'report', '--period', 'summer');
    expect(code).toBe(1);
    expect(err).toContain('"summer" is not an audit period: write it as YYYY-MM..YYYY-MM');
  });
});
