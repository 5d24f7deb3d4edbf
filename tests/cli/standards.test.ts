import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { demoOrgDataReturn } from '../../src/app/orgDataDemo';
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

describe('phc standards and phc org-data', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-standards-'));
  const phc = phcIn(dir);
  const org = demoOrganisation();
  const manager = org.people.find((p) => p.role === 'team-manager' && p.teamId === 'hospital')!;
  fs.writeFileSync(path.join(dir, 'hospital.json'), JSON.stringify(demoOrgDataReturn(org, 'hospital')));
  fs.writeFileSync(path.join(dir, 'bad.csv'), 'measure,value\nestablishment-fte,10\nunfilled-posts-fte,-1\nturnover-percent,250\n');

  it('scores the standards from the published 2024/25 survey before any live cycle', async () => {
    const { code, out } = await phc('standards', 'show');
    expect(code).toBe(0);
    expect(out).toContain('0–50 low, 51–74 moderate, 75–100 high');
    expect(out).toMatch(/3\. Safe workloads and case allocation: \d+ (low|moderate|high)/);
    expect(out).toContain('7. Effective partnerships: not scored (no figures)');
    expect(out).toContain('39-steps returns: none');
  });

  it("takes a team manager's 39-steps return once a cycle is open, and refuses a bad one in plain words", async () => {
    expect((await phc('cycle', 'open', '2026-27', '--closes', '2027-01-31')).code).toBe(0);
    const saved = await phc('org-data', 'submit', 'hospital.json', '--team', 'hospital', '--as', manager.id);
    expect(saved.out).toContain('Saved the 39-steps return for hospital, cycle 2026-27');
    const bad = await phc('org-data', 'submit', 'bad.csv', '--team', 'hospital', '--as', manager.id);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Unfilled posts (FTE) (step 1): cannot be below 0 (it says -1).');
    expect(bad.err).toContain('Staff turnover in the last 12 months (%) (step 4): is a share, so at most 100 (it says 250).');
    const shown = await phc('org-data', 'show');
    expect(shown.out).toContain('39-steps returns for 2026-27: 1 of 8 teams.');
    expect(shown.out).toContain('Intake: not returned yet');
    expect((await phc('org-data', 'show', '--team', 'hospital')).out).toContain('step 1 Unfilled posts (FTE)');
  });

  it('reads the returns into the standards', async () => {
    const { out } = await phc('standards', 'show');
    expect(out).toContain('39-steps returns: 1 teams for 2026-27');
    expect(out).toMatch(/\d+ Posts filled/);
  });

  it('lets the PSW adjust the mapping, refuses a wrong one, and puts the default back', async () => {
    const mapped = await phc('standards', 'map', 'partnerships', '--questions', 'evidence-access,coaching-mentoring:yes');
    expect(mapped.out).toContain('partnerships now reads 2 survey questions and 0 organisational measures.');
    expect((await phc('standards', 'mapping')).out).toContain('How each standard is scored (adjusted by the PSW)');
    expect((await phc('standards', 'show')).out).toMatch(/7\. Effective partnerships: \d+/);
    const wrong = await phc('standards', 'map', 'partnerships', '--questions', 'made-up');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('"made-up" is not a question in the Health Check');
    await phc('standards', 'map', 'partnerships', '--reset');
    expect((await phc('standards', 'mapping')).out).toContain('How each standard is scored (the default)');
  });
});
