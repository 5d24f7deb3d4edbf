import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LISTS } from '../../src/adapters/sharepoint';
import { queueYouSaidWeDid } from '../../src/app/actionPlan';
import { openCycleAndQueue } from '../../src/app/invitations';
import { DATABASE_FILE, type Composition } from '../../src/composition';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import { TestClock } from '../fixtures/testClock';
import { composeAt } from '../support/composed';
import { provisionedStandIn } from '../contract/sharepointHarness';
import type { SharePointStandIn } from '../support/sharepointStandIn';

/**
 * A leaver's pseudonymisation reaches the records a new instance rebuilds itself from: the
 * messages queued to them (keyed by their id), the supervision sample naming them and the
 * 39-steps return they sent. Each is still within its own period when they are pseudonymised,
 * so each must be written afresh under the pseudonym, with no earlier SharePoint version (or
 * item under the old key, or bookkeeping row) still holding their id.
 */
const LEAVER = 'zqleaver';
const HEADER = 'id,display_name,role,team,service_area,line_manager_id,supervisor_id,leaving_date';
const PEOPLE = [
  'zqpsw,Pat Principal,Principal Social Worker,,,,,',
  'zqsm,Sol Service,Service Manager,,,zqpsw,zqpsw,',
  'zqtm,Tia Manager,Team Manager,hospital,hospital-and-intake,zqsm,zqsm,',
  'zqsp,Sid Senior,Senior Practitioner,hospital,hospital-and-intake,zqtm,zqtm,',
  ...Array.from({ length: 5 }, (_, i) => `zqsw${i},Sam Worker ${i},Social Worker,hospital,hospital-and-intake,zqtm,zqsp,`),
  `${LEAVER},Lee Leaving,Social Worker,hospital,hospital-and-intake,zqtm,zqsp,2026-05-10`,
];
/** The records in the lists this concerns. */
const RECOVERED = ['PHC Messages', 'PHC Supervision Samples', 'PHC 39 Steps Returns'];

let sp: SharePointStandIn;
let dir: string;
let phc: Composition;
const clock = new TestClock(new Date('2026-05-04T10:00:00Z'));

/** Every list's items (and their earlier versions) holding the text, as `list/PhcId`. */
function itemsHolding(text: string, lists: readonly string[] = LISTS.map((l) => l.displayName)): string[] {
  const out: string[] = [];
  for (const name of lists) {
    for (const item of sp.findList(name)?.items.values() ?? []) {
      if ([item.fields, ...item.history.map((h) => h.fields)].some((f) => Object.values(f).some((v) => String(v).includes(text)))) out.push(`${name}/${String(item.fields.PhcId)}`);
    }
  }
  return out.sort();
}

const fileHolds = (text: string): boolean =>
  [DATABASE_FILE, `${DATABASE_FILE}-wal`]
    .map((f) => path.join(dir, f))
    .filter((f) => fs.existsSync(f))
    .some((f) => fs.readFileSync(f).toString('latin1').includes(text));

beforeAll(async () => {
  ({ sp } = await provisionedStandIn());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-leaver-'));
  const env = {
    PHC_DEMO: 'off',
    PHC_SHAREPOINT_SITE: sp.site.webUrl,
    PHC_GRAPH_BASE_URL: sp.baseUrl,
    PHC_GRAPH_STATIC_TOKEN: 'stand-in',
    PHC_SHAREPOINT_RU_PER_MINUTE: '1000000',
    PHC_SHAREPOINT_RU_PER_DAY: '100000000',
    PHC_RETENTION: 'leavers=1d',
  };
  phc = await composeAt(dir, env, { clock });
  const { app, services, stores } = phc;
  expect((await services.organisation.importCsv('people.csv', [HEADER, ...PEOPLE].join('\n'))).imported).toBe(true);
  // An invitation to them, an update's delivery to them, a supervision sample naming them, a 39-steps return they sent.
  await openCycleAndQueue(app.cycles, services.invitations, { id: 'hc-2026', closesOn: '2026-06-30' });
  const action = await services.actions.create({ what: 'Write the supervision guide', ownerId: 'zqtm', due: '2026-09-30', link: { kind: 'none' } }, 'zqpsw');
  const update = await services.actions.recordUpdate({ message: 'You said supervision slipped; we wrote a guide.', actionIds: [action.id] }, 'zqpsw');
  await queueYouSaidWeDid(stores.actions, phc.directory, update);
  await services.supervision.record({ supervisorId: 'zqsp', superviseeId: LEAVER, date: '2026-04-20', outcome: 'held' });
  await services.audits.plan(2026);
  const supervisionAudit = (await allAuditTasks(stores.audits, 2026)).find((t) => t.form === 'appendix-1' && t.subject.kind === 'person' && t.subject.personId === 'zqsp');
  if (!supervisionAudit) throw new Error('no staff supervision audit of zqsp was planned');
  expect((await services.audits.sampleFor(supervisionAudit.id))?.supervisees ?? []).toContain(LEAVER);
  await stores.reports.orgDataReturns.put({ cycleId: 'hc-2026', teamId: 'hospital', submittedBy: asUserId(LEAVER), submittedOn: asIsoDate('2026-05-04'), measures: { 'establishment-fte': 7 } });
  await stores.sharepoint!.writer.drain();
});

afterAll(async () => {
  await phc?.close();
  await sp?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a leaver pseudonymised, in the records a new instance reads back', () => {
  it('has them in each of those lists to begin with (the check can fail)', () => {
    expect(RECOVERED.filter((list) => itemsHolding(LEAVER, [list]).length === 0)).toEqual([]);
  });

  it('writes those records afresh under the pseudonym, leaving their id in no item, earlier version or bookkeeping row', async () => {
    clock.set('2026-05-12T02:00:00Z');
    const run = await phc.services.dataProtection.retention.run();
    expect(run.outcome.counts.find((c) => c.type === 'leavers')?.disposed).toBe(1);
    const drained = await phc.stores.sharepoint!.writer.drain();
    expect(drained.pending.failed).toBe(0);
    expect(itemsHolding(LEAVER)).toEqual([]);
    expect(fileHolds(LEAVER)).toBe(false);
    // Not deleted: kept within their own periods, under the pseudonym.
    const pseudonym = phc.stores.operational.db.prepare("SELECT id FROM people WHERE display_name = 'Former member of staff'").pluck().get() as string;
    expect(pseudonym).toMatch(/^former-/);
    expect(RECOVERED.filter((list) => itemsHolding(pseudonym, [list]).length === 0)).toEqual([]);
    // The bookkeeping points at the items written afresh, and at nothing under the old keys.
    const keys = (phc.stores.operational.db.prepare('SELECT item_key FROM sharepoint_items WHERE instr(item_key, ?) > 0').pluck().all(pseudonym) as string[]).sort();
    expect(keys).toEqual(
      itemsHolding(pseudonym)
        .map((i) => i.slice(i.indexOf('/') + 1))
        .filter((k) => k.includes(pseudonym))
        .sort(),
    );
  });
});
