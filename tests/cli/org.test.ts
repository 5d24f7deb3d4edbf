import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run';
import { TestClock } from '../fixtures/testClock';

function phcIn(dir: string, clock = new TestClock(new Date('2026-05-11T10:00:00Z'))) {
  return async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: path.join(dir, 'data') }, cwd: dir }, clock);
    return { code, out, err };
  };
}

const HEADER = 'id,display_name,role,team,service_area,line_manager_id,supervisor_id,leaving_date';
const GOOD = [
  HEADER,
  'psw-1,Pat Principal,Principal Social Worker,,,,,',
  'sm-1,Sol Service,Service Manager,,,psw-1,psw-1,',
  'tm-1,Tia Manager,Team Manager,hospital,hospital-and-intake,sm-1,sm-1,',
  'sp-1,Sid Senior,Senior Practitioner,hospital,hospital-and-intake,tm-1,tm-1,',
  'sw-1,Wes Worker,Social Worker,hospital,hospital-and-intake,tm-1,sp-1,',
  'cw-1,Cal Caseworker,Community Case Worker,hospital,hospital-and-intake,tm-1,sp-1,',
  'ot-1,Oli Therapist,Occupational Therapist,occupational-therapy,occupational-therapy,tm-1,sp-1,',
  'ota-1,Ada Assistant,OT Assistant,occupational-therapy,occupational-therapy,tm-1,sp-1,2026-04-30',
].join('\n');

describe('phc org', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-org-'));
  const phc = phcIn(dir);
  fs.writeFileSync(path.join(dir, 'good.csv'), `${GOOD}\n`);
  fs.writeFileSync(
    path.join(dir, 'bad.csv'),
    [
      HEADER,
      'a,,Social Worker,hospital,hospital-and-intake,b,,',
      'b,Bea,Wizard,hospital,hospital-and-intake,a,,',
      'c,Cy,Team Manager,hospital,hospital-and-intake,d,c,',
      'c,Cy again,Team Manager,hospital,hospital-and-intake,,,',
      'e,Eve,Team Manager,,,f,,',
      'g,Gus,Team Manager,,,h,,',
      'h,Hal,Team Manager,,,g,,',
    ].join('\n'),
  );

  it('says nothing has been imported on a fresh data directory', async () => {
    const { code, out } = await phc('org', 'show');
    expect(code).toBe(0);
    expect(out).toContain('No organisation has been imported');
  });

  it('refuses a bad file whole, reporting every bad row by line in plain words', async () => {
    const { code, err } = await phc('org', 'import', 'bad.csv');
    expect(code).toBe(1);
    expect(err).toContain('Nothing was imported: 6 of 7 rows have problems.');
    for (const line of [
      'line 2: The name is missing for a.',
      'line 3: "Wizard" is not a role',
      'line 4: Cy is their own supervisor.',
      'line 4: The line manager "d" is not in the file.',
      'line 5: The id "c" is used twice (first on line 4).',
      'line 6: The line manager "f" is not in the file.',
      'line 7: Line management goes round in a circle: Gus → Hal → Gus.',
    ]) {
      expect(err).toContain(line);
    }
    expect((await phc('org', 'show')).out).toContain('No organisation has been imported');
  });

  it('checks a good file on a dry run without importing it', async () => {
    const { code, out } = await phc('org', 'import', 'good.csv', '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('All 8 rows are valid (8 people in 2 teams, 1 with a leaving date); nothing was imported (dry run).');
    expect((await phc('org', 'show')).out).toContain('No organisation has been imported');
  });

  it('imports a good file and shows it by team, role and supervisor (leavers kept apart)', async () => {
    const imported = await phc('org', 'import', 'good.csv');
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toContain('Imported 8 people in 2 teams, 1 with a leaving date.');
    const { code, out } = await phc('org', 'show');
    expect(code).toBe(0);
    expect(out).toContain('Organisation imported on 2026-05-11: 7 people in 2 teams (and 1 leavers kept for audit records).');
    expect(out).toContain('  Hospital: 4\n');
    expect(out).toContain('  Occupational therapy: 1\n');
    expect(out).toContain('  social worker: 1\n');
    expect(out).toContain('  Sid Senior (sp-1): 3 supervisees\n');
    expect(out).toContain('  Tia Manager (tm-1): 1 supervisee\n');
    const json = JSON.parse((await phc('org', 'show', '--json')).out) as { people: number; supervisors: { id: string; supervisees: number }[] };
    expect(json.people).toBe(7);
    expect(json.supervisors).toContainEqual({ id: 'sp-1', name: 'Sid Senior', supervisees: 3 });
  });

  it('makes the directory the imported organisation: audits are planned for the imported people', async () => {
    const { code, out, err } = await phc('audits', 'plan', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const plan = JSON.parse(out) as { byActivity: { activity: string; tasks: number }[] };
    const byActivity = Object.fromEntries(plan.byActivity.map((a) => [a.activity, a.tasks]));
    // Three supervisees of Sid and one of Tia still here (Ada has left): twice a year each.
    expect(byActivity['practice-standards-audit']).toBe(8);
    const status = JSON.parse((await phc('audits', 'status', '--json')).out) as { byAuditor: { label: string }[] };
    const auditors = status.byAuditor.map((r) => r.label).join(' | ');
    expect(auditors).toContain('Sid Senior');
    expect(auditors).not.toMatch(/demo-|Alex Wilber/);
  });

  it('keeps people missing from a later import as leavers', async () => {
    fs.writeFileSync(
      path.join(dir, 'smaller.csv'),
      `${GOOD.split('\n')
        .filter((l) => !l.startsWith('cw-1'))
        .join('\n')}\n`,
    );
    const { code, out } = await phc('org', 'import', 'smaller.csv');
    expect(code).toBe(0);
    expect(out).toContain('1 person from the previous import is not in this file: kept as leavers');
    expect((await phc('org', 'show')).out).toContain('6 people in 2 teams (and 2 leavers kept for audit records)');
  });

  it('explains its usage', async () => {
    expect((await phc('org')).code).toBe(2);
    expect((await phc('org', 'import')).code).toBe(2);
    expect((await phc('org', 'import', 'missing.csv')).err).toContain('Cannot read');
    expect((await phc('help')).out).toMatch(/phc org import <file.csv>/);
  });
});
