import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { runCli } from '../../src/cli/run';
import { TestClock } from '../fixtures/testClock';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-supervision-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const dataDir = path.join(dir, 'data');
const clock = new TestClock(new Date('2026-07-10T09:00:00Z'));

async function phc(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: dataDir }, cwd: dir }, clock);
  return { code, out, err };
}

const people = demoOrganisation().people;
const supervisee = people.find((p) => p.supervisorId !== undefined)!;
const supervisor = people.find((p) => p.id === supervisee.supervisorId)!;
const stranger = people.find((p) => p.supervisorId !== undefined && p.supervisorId !== supervisor.id)!;

describe('phc supervision on the demo organisation', () => {
  it('records a supervision, and recording the same day again updates it', async () => {
    const args = ['supervision', 'record', '--supervisor', supervisor.id, '--supervisee', supervisee.id, '--date', '2026-07-01'];
    const first = await phc(...args, '--outcome', 'postponed');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Recorded: supervision with ${supervisee.displayName} on 2026-07-01, postponed`);
    const again = await phc(...args, '--outcome', 'held');
    expect(again.code).toBe(0);
    expect(again.out).toContain('is now held (was postponed); it still counts once.');
  });

  it('refuses a supervisee of another supervisor, a future date, and a missing flag', async () => {
    const wrong = await phc('supervision', 'record', '--supervisor', supervisor.id, '--supervisee', stranger.id, '--date', '2026-07-01', '--outcome', 'held');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(`${stranger.displayName} is not supervised by ${supervisor.displayName}`);
    const future = await phc('supervision', 'record', '--supervisor', supervisor.id, '--supervisee', supervisee.id, '--date', '2026-08-01', '--outcome', 'held');
    expect(future.code).toBe(1);
    expect(future.err).toMatch(/in the future/);
    const missing = await phc('supervision', 'record', '--supervisor', supervisor.id);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('needs --supervisee, --date, --outcome');
  });

  it('reports frequency by team, as text and as JSON', async () => {
    const text = await phc('supervision', 'frequency', '--from', '2026-07-01', '--to', '2026-07-31');
    expect(text.err).toBe('');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Supervision held in every month, 2026-07-01 to 2026-07-31 \(1 month\): 1 of \d+ supervisees/);
    expect(text.out).toContain('By team:');
    const json = await phc('supervision', 'frequency', '--from', '2026-07-01', '--to', '2026-07-31', '--json');
    const report = JSON.parse(json.out) as { months: string[]; overall: { supervisedMonthly: number }; byTeam: { teamId: string; supervisedMonthly: number }[] };
    expect(report.months).toEqual(['2026-07']);
    expect(report.overall.supervisedMonthly).toBe(1);
    expect(report.byTeam.find((t) => t.teamId === (supervisee.teamId ?? ''))?.supervisedMonthly).toBe(1);
    const defaults = JSON.parse((await phc('supervision', 'frequency', '--json')).out) as { months: string[] };
    expect(defaults.months).toEqual(['2026-04', '2026-05', '2026-06']);
  });

  it('explains its usage for an unknown action', async () => {
    const { code, err } = await phc('supervision', 'list');
    expect(code).toBe(2);
    expect(err).toContain('phc supervision frequency');
  });
});
