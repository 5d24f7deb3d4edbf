import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { runCli } from '../../src/cli/run';
import { DATABASE_FILE } from '../../src/composition';
import type { Compliance } from '../../src/domain/audit/compliance';
import { DEFAULT_AUDIT_RULES } from '../../src/domain/audit/plan/rules';
import { asIsoDate } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import { TestClock } from '../fixtures/testClock';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-audits-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const dataDir = path.join(dir, 'data');
// The first day of the council year 2026, so the whole year is still ahead.
const clock = new TestClock(new Date('2026-04-01T09:00:00Z'));

async function phc(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: dataDir }, cwd: dir }, clock);
  return { code, out, err };
}

const EXPECTED: Record<string, number> = {
  'supervision-audit': 29,
  'practice-standards-audit': 208,
  'practice-observation': 104,
  'caseload-workload-audit': 8,
  'national-standards-audit': 1,
  'health-check': 1,
  'thematic-review': 4,
};

describe('phc audits on the demo organisation', () => {
  it('plans a full year, with the count of each audit in plain words', async () => {
    const { code, out, err } = await phc('audits', 'plan');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Audit plan for 2026 (April 2026 – March 2027): 355 audits in the plan; 355 added now, 0 cancelled');
    for (const line of [
      'Staff supervision audit: 29',
      'Practice standards audit: 208',
      'Practice observation: 104',
      'Caseload and workload audit: 8',
      'National professional standards audit: 1',
      'Annual health check: 1',
      'Thematic practice review: 4',
    ]) {
      expect(out).toContain(`  ${line}\n`);
    }
    expect(out).toMatch(/seed \d+, recorded so the plan can be reproduced/);
  });

  it('adds nothing when run again, and gives the same figures as JSON', async () => {
    const { code, out } = await phc('audits', 'plan', '--year', '2026', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { year: number; added: number; cancelled: number; kept: number; byActivity: { activity: string; tasks: number }[] };
    expect(json).toMatchObject({ year: 2026, added: 0, cancelled: 0, kept: 355 });
    expect(Object.fromEntries(json.byActivity.map((a) => [a.activity, a.tasks]))).toEqual(EXPECTED);
  });

  it('reports compliance for every audit type, and marking a task completed changes it', async () => {
    clock.set('2026-07-15T09:00:00Z');
    const before = JSON.parse((await phc('audits', 'status', '--json')).out) as Compliance & { year: number };
    expect(before.year).toBe(2026);
    expect(before.byType.map((r) => r.key)).toEqual(DEFAULT_AUDIT_RULES.rules.map((r) => r.activity));
    expect(Object.fromEntries(before.byType.map((r) => [r.key, Object.values(r.counts).reduce((a, b) => a + b, 0)]))).toEqual(EXPECTED);
    expect(before.overall.counts.completedOnTime).toBe(0);
    expect(before.overdue.length).toBeGreaterThan(0);
    const first = before.overdue[0];
    if (!first) throw new Error('nothing overdue');
    expect(first.auditor).not.toMatch(/not in the directory/);

    // Complete the oldest overdue task on its due date, through the store.
    const { stores, audits } = openSqlite(path.join(dataDir, DATABASE_FILE));
    const task = (await allAuditTasks(audits, 2026)).find((t) => t.id === first.id);
    if (!task) throw new Error('task not stored');
    await audits.setStatus(task.id, 'completed', asIsoDate(task.due));
    await stores.close();

    const after = JSON.parse((await phc('audits', 'status', '--json')).out) as Compliance;
    const row = (c: Compliance) => c.byType.find((r) => r.key === task.activity);
    expect(row(after)?.counts.completedOnTime).toBe((row(before)?.counts.completedOnTime ?? 0) + 1);
    expect(row(after)?.counts.overdue).toBe((row(before)?.counts.overdue ?? 0) - 1);
    expect(after.overall.shareOnTime).toBeGreaterThan(0);
    expect(after.overdue.map((o) => o.id)).not.toContain(task.id);
    expect(after.byAuditor.find((a) => a.key === task.auditorId)?.counts.completedOnTime).toBe(1);
  });

  it('prints compliance in plain words, with the overdue list by name', async () => {
    const { code, out } = await phc('audits', 'status');
    expect(code).toBe(0);
    expect(out).toMatch(/^Audits 2026 \(April 2026 – March 2027\) as of 2026-07-15: \d+% completed on time \(1 of \d+ due so far\)\./);
    expect(out).toContain('By audit type:\n  Staff supervision audit:');
    expect(out).toContain('By team');
    expect(out).toContain('By auditor:');
    expect(out).toMatch(/Overdue \(\d+\):\n {2}\S.* of .*, by .*: due 2026-\d\d-\d\d, \d+ days? overdue/);
  });

  it('refuses a wrong command line in plain words', async () => {
    expect(await phc('audits', 'plan', '--year', 'next')).toMatchObject({ code: 2, err: expect.stringMatching(/--year takes the year the council year starts in/) });
    expect((await phc('audits', 'frobnicate')).code).toBe(2);
    expect((await phc('help')).out).toMatch(/phc audits status/);
  });
});
