import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { runCli } from '../../src/cli/run';
import { DATABASE_FILE } from '../../src/composition';
import type { Compliance } from '../../src/domain/audit/compliance';
import { asIsoDate } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import { TestClock } from '../fixtures/testClock';

// A supervisor completes an audit, then leaves: `phc audits status` must still name her,
// from the stored organisation, marked "(left)", and not show a bare id.

const HEADER = 'id,display_name,role,team,service_area,line_manager_id,supervisor_id,leaving_date';
const ORG = [
  HEADER,
  'psw-1,Pat Principal,Principal Social Worker,,,,,',
  'sm-1,Sol Service,Service Manager,,,psw-1,psw-1,',
  'tm-1,Tia Manager,Team Manager,hospital,hospital-and-intake,sm-1,sm-1,',
  'sp-1,Sid Senior,Senior Practitioner,hospital,hospital-and-intake,tm-1,tm-1,',
  'sw-1,Wes Worker,Social Worker,hospital,hospital-and-intake,tm-1,sp-1,',
  'sw-2,Wyn Worker,Social Worker,hospital,hospital-and-intake,tm-1,sp-1,',
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-audits-leavers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const clock = new TestClock(new Date('2026-04-01T09:00:00Z'));

async function phc(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: path.join(dir, 'data'), PHC_DEMO: 'off' }, cwd: dir }, clock);
  return { code, out, err };
}

test('audits of someone who left are shown under their stored name, marked (left)', async () => {
  fs.writeFileSync(path.join(dir, 'org.csv'), `${ORG.join('\n')}\n`);
  expect((await phc('org', 'import', 'org.csv')).code).toBe(0);
  expect((await phc('audits', 'plan')).code).toBe(0);

  // Sid completes one of his practice standards audits on its due day.
  const { stores, audits } = openSqlite(path.join(dir, 'data', DATABASE_FILE));
  const sids = (await allAuditTasks(audits, 2026)).filter((t) => t.auditorId === 'sp-1').sort((a, b) => (a.due < b.due ? -1 : 1));
  const done = sids[0];
  if (!done) throw new Error('Sid has no audits');
  await audits.setStatus(done.id, 'completed', asIsoDate(done.due));
  await stores.close();

  // Sid leaves: the next import has him no longer, and the year is re-planned.
  clock.set('2026-09-01T09:00:00Z');
  fs.writeFileSync(
    path.join(dir, 'later.csv'),
    `${ORG.filter((l) => !l.startsWith('sp-1'))
      .join('\n')
      .replace(/,sp-1,$/gm, ',tm-1,')}\n`,
  );
  expect((await phc('org', 'import', 'later.csv')).out).toContain('1 person from the previous import is not in this file');
  const replan = await phc('audits', 'plan');
  expect(replan.err).toBe('');
  expect(replan.code).toBe(0);

  const status = JSON.parse((await phc('audits', 'status', '--json')).out) as Compliance;
  const sid = status.byAuditor.find((r) => r.key === 'sp-1');
  expect(sid?.label).toBe('Sid Senior (left)');
  expect(sid?.counts.completedOnTime).toBe(1);
  expect(JSON.stringify(status)).not.toContain('not in the directory');

  const text = (await phc('audits', 'status')).out;
  expect(text).toContain('  Sid Senior (left): ');
  // People still here are not marked.
  expect(text).toMatch(/ {2}Tia Manager: /);
});
