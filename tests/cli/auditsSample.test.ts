import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import type { SampleReport } from '../../src/app/audits';
import { runCli } from '../../src/cli/run';
import { DATABASE_FILE } from '../../src/composition';
import { addDays } from '../../src/domain/audit/plan/calendar';
import { parse as parseCsv } from 'csv-parse/sync';
import { planYear } from '../../src/domain/audit/plan/plan';
import { DEFAULT_AUDIT_RULES } from '../../src/domain/audit/plan/rules';
import { drawSupervisionAuditSample } from '../../src/domain/audit/plan/sampling';
import { checkOrganisationRows } from '../../src/domain/organisation/importRows';
import { asIsoDate, type IsoDate } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import { allSupervisionRecords } from '../../src/ports/supervisionLog';
import { TestClock } from '../fixtures/testClock';

// The staff supervision audit's sample comes from the *stored* supervision log (recorded with
// `phc supervision record`), is drawn when the audit falls due, is kept and shown with its
// seed, covers every supervisee, and says plainly who has no supervision to sample.

const HEADER = 'id,display_name,role,team,service_area,line_manager_id,supervisor_id,leaving_date';
const ORG = [
  HEADER,
  'psw-1,Pat Principal,Principal Social Worker,,,,,',
  'sm-1,Sol Service,Service Manager,,,psw-1,psw-1,',
  'tm-1,Tia Manager,Team Manager,hospital,hospital-and-intake,sm-1,sm-1,',
  'sp-1,Sid Senior,Senior Practitioner,hospital,hospital-and-intake,tm-1,tm-1,',
  'sw-1,Wes Worker,Social Worker,hospital,hospital-and-intake,tm-1,sp-1,',
  'sw-2,Wyn Worker,Social Worker,hospital,hospital-and-intake,tm-1,sp-1,',
  'sw-3,Wil Worker,Social Worker,hospital,hospital-and-intake,tm-1,sp-1,',
].join('\n');
const SID_AUDIT = '2026/supervision-audit/person:sp-1/1';
const TIA_AUDIT = '2026/supervision-audit/person:tm-1/1';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-audits-sample-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const dataDir = path.join(dir, 'data');
const clock = new TestClock(new Date('2026-04-01T09:00:00Z'));

async function phc(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: dataDir, PHC_DEMO: 'off' }, cwd: dir }, clock);
  return { code, out, err };
}

async function record(supervisee: string, date: IsoDate, outcome: string) {
  const result = await phc('supervision', 'record', '--supervisor', 'sp-1', '--supervisee', supervisee, '--date', date, '--outcome', outcome);
  expect(result).toMatchObject({ code: 0, err: '' });
}

let sidDue: IsoDate;
let planSeed: number;

/**
 * A plan seed under which Sid's audit is due after April (so nothing is sampled on the first
 * day) and Tia's more than 30 days after Sid's (so hers is still to draw): the test is then the
 * same on every run. Recorded in the store before planning, as a first planning would.
 */
function seedForTheStory(): number {
  const checked = checkOrganisationRows((parseCsv(ORG, { columns: true }) as Record<string, unknown>[]).map((values, i) => ({ line: i + 2, values })));
  if (!checked.ok) throw new Error('fixture organisation refused');
  for (let seed = 1; seed < 1000; seed++) {
    const due = new Map(planYear({ rules: DEFAULT_AUDIT_RULES, organisation: checked.organisation, year: 2026, seed, today: asIsoDate('2026-04-01') }).map((t) => [t.id as string, t.due]));
    const sid = due.get(SID_AUDIT);
    const tia = due.get(TIA_AUDIT);
    const anyEarly = [...due].some(([id, d]) => id.includes('/supervision-audit/') && d <= '2026-05-15');
    if (sid && tia && !anyEarly && sid > '2026-06-01' && tia > addDays(sid, 40)) return seed;
  }
  throw new Error('no seed fits');
}

test('the year is planned; no sample is drawn for an audit not yet due', async () => {
  fs.writeFileSync(path.join(dir, 'org.csv'), `${ORG}\n`);
  expect((await phc('org', 'import', 'org.csv')).code).toBe(0);
  const seeded = openSqlite(path.join(dataDir, DATABASE_FILE));
  await seeded.audits.putPlan(2026, [], { seed: seedForTheStory(), rulesHash: 'set-by-test', plannedOn: asIsoDate('2026-04-01') });
  await seeded.stores.close();
  const plan = await phc('audits', 'plan');
  expect(plan.code).toBe(0);
  const { stores, audits } = openSqlite(path.join(dataDir, DATABASE_FILE));
  const sid = (await allAuditTasks(audits, 2026)).find((t) => t.id === SID_AUDIT);
  planSeed = (await audits.planMeta(2026))?.seed ?? -1;
  await stores.close();
  if (!sid) throw new Error("Sid's supervision audit was not planned");
  sidDue = asIsoDate(sid.due);
  expect(plan.out).toContain('Staff supervision audit samples: 0 drawn now');
  expect(plan.out).toContain('See "phc audits sample".');
});

test('planning when the audit falls due draws its sample from the stored supervision log', async () => {
  // Ten days before Sid's audit is due, with three months of his supervision recorded.
  const today = addDays(sidDue, -10);
  clock.set(`${today}T09:00:00Z`);
  for (const days of [80, 50, 20]) await record('sw-1', addDays(today, -days), 'held');
  await record('sw-2', addDays(today, -60), 'postponed');
  await record('sw-2', addDays(today, -30), 'held');
  await record('sw-3', addDays(today, -40), 'cancelled'); // a cancelled session is no record to audit

  const plan = await phc('audits', 'plan');
  expect(plan.out).toMatch(/Staff supervision audit samples: [1-9]\d* drawn now from the supervision log \(audits due within 30 days\)/);
  expect(plan.out).toMatch(/1 supervisee has no recorded supervision to sample|supervisees have no recorded supervision to sample/);

  const report = JSON.parse((await phc('audits', 'sample', '--json')).out) as SampleReport;
  const sid = report.sampled.find((s) => s.task.id === SID_AUDIT);
  if (!sid) throw new Error('no sample for Sid');
  const { sample } = sid;
  expect(report.planSeed).toBe(planSeed);
  expect(sample).toMatchObject({ supervisorId: 'sp-1', drawnOn: today, supervisees: ['sw-1', 'sw-2', 'sw-3'], withoutRecords: ['sw-3'], period: { start: addDays(today, -365), end: today } });
  // Every supervisee is covered: one held session each, or named as having none.
  expect(sample.picks.map((p) => p.superviseeId)).toEqual(['sw-1', 'sw-2']);
  expect(sample.picks.every((p) => p.outcome === 'held' && p.supervisorId === 'sp-1')).toBe(true);
  expect(sample.picks.find((p) => p.superviseeId === 'sw-2')?.date).toBe(addDays(today, -30));

  // Reproducible: the recorded plan seed, the task id and the stored log give the same picks.
  const { stores, supervisionLog } = openSqlite(path.join(dataDir, DATABASE_FILE));
  const log = await allSupervisionRecords(supervisionLog, sample.period);
  await stores.close();
  const organisation = {
    teams: [],
    people: ['sw-1', 'sw-2', 'sw-3'].map((id) => ({ id, displayName: id, role: 'social-worker', teamId: 'hospital', lineManagerId: 'tm-1', supervisorId: 'sp-1' })),
  } as never;
  const again = drawSupervisionAuditSample({
    task: { id: SID_AUDIT, year: 2026, activity: 'supervision-audit', subject: { kind: 'person', personId: 'sp-1' } } as never,
    organisation,
    log,
    planSeed,
    drawnOn: today,
  });
  expect(again.seed).toBe(sample.seed);
  expect(again.picks).toEqual(sample.picks);
});

test('shows the sample in plain words, with its seed, and says who had nothing to sample', async () => {
  const { code, out } = await phc('audits', 'sample');
  expect(code).toBe(0);
  expect(out).toMatch(/^Staff supervision audit samples for 2026 \(April 2026 – March 2027\): \d+ drawn, \d+ still to draw\. .*plan's seed \d+/);
  expect(out).toContain(`Sid Senior's supervision, audited by Tia Manager (due ${sidDue}, planned; ${SID_AUDIT}):`);
  expect(out).toMatch(/ {2}drawn on \d{4}-\d\d-\d\d with seed \d+, from supervision held/);
  expect(out).toMatch(/ {2}Wes Worker: the supervision of \d{4}-\d\d-\d\d \(sup-\d{4}-\d\d-\d\d-sw-1-by-sp-1\)/);
  expect(out).toContain('  Wil Worker: NO supervision held with Sid Senior is recorded between');
  expect(out).toContain('so there is nothing to sample');

  // The status says how far sampling has got, without drawing anything.
  const status = await phc('audits', 'status');
  expect(status.out).toMatch(/Staff supervision audit samples: 1 drawn from the supervision log, 2 still to draw; 1 supervisee has no recorded supervision to sample\. See "phc audits sample"\./);
  const json = JSON.parse((await phc('audits', 'status', '--json')).out) as { samples: unknown };
  expect(json.samples).toEqual({ drawn: 1, stillToDraw: 2, superviseesWithoutRecords: 1 });
});

test('a sample once drawn is kept: more supervision recorded later does not redraw it', async () => {
  const before = JSON.parse((await phc('audits', 'sample', '--json')).out) as SampleReport;
  await record('sw-3', addDays(asIsoDate(clock.now().toISOString().slice(0, 10)), -1), 'held');
  expect((await phc('audits', 'plan')).code).toBe(0);
  const after = JSON.parse((await phc('audits', 'sample', '--json')).out) as SampleReport;
  expect(after.sampled.find((s) => s.task.id === SID_AUDIT)).toEqual(before.sampled.find((s) => s.task.id === SID_AUDIT));
  expect(after.drawnNow).toBe(0);
});

test('--task draws an audit that is not due yet now; a wrong task is refused in plain words', async () => {
  const report = JSON.parse((await phc('audits', 'sample', '--json')).out) as SampleReport;
  expect(report.waiting.map((t) => t.id)).toContain(TIA_AUDIT);
  const drawn = JSON.parse((await phc('audits', 'sample', '--task', TIA_AUDIT, '--json')).out) as SampleReport;
  // Tia supervises Sid, whose own supervision is not in the log: covered, and named as having none.
  expect(drawn.sampled.find((s) => s.task.id === TIA_AUDIT)?.sample).toMatchObject({ supervisees: ['sp-1'], picks: [], withoutRecords: ['sp-1'] });
  expect(drawn.waiting.map((t) => t.id)).not.toContain(TIA_AUDIT);

  expect(await phc('audits', 'sample', '--task', 'nope')).toMatchObject({ code: 1, err: expect.stringContaining('There is no audit task "nope" in 2026') });
  expect(await phc('audits', 'sample', '--task', '2026/practice-observation/person:sw-1/1')).toMatchObject({ code: 1, err: expect.stringContaining('is not a staff supervision audit') });
  expect(await phc('audits', 'sample', '--year', '2027')).toMatchObject({ code: 1, err: expect.stringContaining('have not been planned yet') });
});
