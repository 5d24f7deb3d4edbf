import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LISTS } from '../../src/adapters/sharepoint';
import { queueYouSaidWeDid } from '../../src/app/actionPlan';
import { openCycleAndQueue } from '../../src/app/invitations';
import type { Composition } from '../../src/composition';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import { runCli } from '../../src/cli/run';
import { TestClock } from '../fixtures/testClock';
import { composeAt } from '../support/composed';
import { provisionedStandIn } from '../contract/sharepointHarness';
import type { SharePointStandIn } from '../support/sharepointStandIn';

/**
 * Subject access (UK GDPR Article 15): everything held about a named worker. The store is
 * filled through the app with one person's records of every kind; then every column of every
 * table (read from sqlite_master) and every field of every SharePoint item is searched for
 * their id, and the export must hold each row and item found. A column the export misses fails.
 */
const WHO = 'zqsp';
const HEADER = 'id,display_name,role,team,service_area,line_manager_id,supervisor_id,leaving_date';
const PEOPLE = [
  'zqpsw,Pat Principal,Principal Social Worker,,,,,',
  'zqsm,Sol Service,Service Manager,,,zqpsw,zqpsw,',
  'zqtm,Tia Manager,Team Manager,hospital,hospital-and-intake,zqsm,zqsm,',
  `${WHO},Sid Senior,Senior Practitioner,hospital,hospital-and-intake,zqtm,zqtm,`,
  ...Array.from({ length: 5 }, (_, i) => `zqsw${i},Sam Worker ${i},Social Worker,hospital,hospital-and-intake,zqtm,${WHO},`),
];

let sp: SharePointStandIn;
let dir: string;
let phc: Composition;
const clock = new TestClock(new Date('2026-06-01T10:00:00Z'));
const env = (sp: SharePointStandIn) => ({
  PHC_DEMO: 'off',
  PHC_SHAREPOINT_SITE: sp.site.webUrl,
  PHC_GRAPH_BASE_URL: sp.baseUrl,
  PHC_GRAPH_STATIC_TOKEN: 'stand-in',
  PHC_SHAREPOINT_RU_PER_MINUTE: '1000000',
  PHC_SHAREPOINT_RU_PER_DAY: '100000000',
});

beforeAll(async () => {
  ({ sp } = await provisionedStandIn());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-export-'));
  phc = await composeAt(dir, env(sp), { clock });
  const { app, services, stores } = phc;
  expect((await services.organisation.importCsv('people.csv', [HEADER, ...PEOPLE].join('\n'))).imported).toBe(true);
  await stores.operational.conversations.put(asUserId(WHO), { user: { id: `29:${WHO}`, aadObjectId: WHO, name: 'Sid Senior' }, conversation: { id: `a:${WHO}` } });
  await openCycleAndQueue(app.cycles, services.invitations, { id: 'hc-2026', closesOn: '2026-06-30' });
  await services.supervision.record({ supervisorId: WHO, superviseeId: 'zqsw0', date: '2026-05-20', outcome: 'held' });
  await services.audits.plan(2026);
  const tasks = await allAuditTasks(stores.audits, 2026);
  const audited = tasks.find((t) => t.form === 'appendix-2' && t.auditorId === WHO);
  if (!audited) throw new Error(`${WHO} carries out no practice standards audit`);
  await services.auditRecords.saveDraft(audited.id, WHO, 'auditor', { 'what-was-good': 'Clear plans.' });
  const ofThem = tasks.find((t) => t.subject.kind === 'person' && t.subject.personId === WHO);
  if (ofThem) await stores.auditReminders.snooze(ofThem.id, asIsoDate('2026-06-08'));
  await stores.auditReminders.queue(`audit-digest:${WHO}:2026-06-01`, WHO, asIsoDate('2026-06-01'));
  await services.audits.drawDueSamples([2026]);
  // Staff supervision audit samples: of their own supervision (they are its supervisor, and
  // their session is picked), and of their supervisor's (they are a supervisee without a session).
  for (const supervisor of [WHO, 'zqtm']) {
    const task = tasks.find((t) => t.form === 'appendix-1' && t.subject.kind === 'person' && t.subject.personId === supervisor);
    if (!task || !(await services.audits.sampleFor(task.id))) throw new Error(`no staff supervision audit of ${supervisor} was sampled`);
  }
  await services.reports.caseloads.importCsv('cd.csv', `worker,team,month,open_cases\n${WHO},hospital,2026-05,14\n`, '2026-05..2026-05');
  await stores.reports.orgDataReturns.put({ cycleId: 'hc-2026', teamId: 'hospital', submittedBy: asUserId(WHO), submittedOn: asIsoDate('2026-06-01'), measures: { 'establishment-fte': 7 } });
  const action = await services.actions.create({ what: 'Write the supervision guide', ownerId: WHO, due: '2026-09-30', link: { kind: 'none' } }, WHO);
  const update = await services.actions.recordUpdate({ message: 'You said supervision slipped; we wrote a guide.', actionIds: [action.id] }, WHO);
  await queueYouSaidWeDid(stores.actions, phc.directory, update);
  await services.reports.qualityReport.tagTheme('2026-Q1', { theme: 'Supervision', source: 'audit', note: 'Strong', taggedBy: WHO });
  // The quality assurance framework, each column that can hold their id holding it once:
  // a focus group they facilitate, one they scheduled and were invited to (and replied),
  // a review they lead, one they planned and are in the group of, a self-assessment they
  // started and submitted, one they endorsed, and a survey version they saved.
  const { focusGroups, reviews, selfAssessments } = services.framework;
  const at = { date: '2026-06-20', time: '14:00', place: 'Room 3' };
  await focusGroups.schedule({ purpose: 'health-check', ...at, facilitatorId: WHO, invitedTeams: ['hospital'], invitedRoles: [] }, 'zqpsw');
  const invited = await focusGroups.schedule({ purpose: 'national-standards', ...at, facilitatorId: 'zqtm', invitedTeams: [], invitedRoles: ['senior-practitioner'] }, WHO);
  await focusGroups.invite(invited.id, invited.version);
  await focusGroups.reply(invited.id, WHO, 'coming');
  const plan = {
    reasons: ['audit'],
    covers: ['safeguarding'],
    scope: 'Safeguarding enquiries this year.',
    objectives: 'How enquiries are recorded.',
    methods: ['case-audit'],
    stages: { scope: '2026-07-15', research: '2026-09-12', report: '2026-11-19' },
  };
  await reviews.create(2026, 1, { ...plan, theme: 'Safeguarding enquiries', leadId: WHO, reviewGroup: ['zqsw0'] }, 'zqpsw');
  await reviews.create(2026, 2, { ...plan, theme: 'Recording', leadId: 'zqtm', reviewGroup: [WHO, 'zqsw1'] }, WHO);
  const submitted = async (kind: 'national-standards' | 'health-check', by: string) => {
    let a = await selfAssessments.start(kind, 2026, by);
    for (const item of a.items) a = await selfAssessments.rate(a.id, item.id, { rating: 'met' }, a.version);
    return selfAssessments.submit(a.id, by, a.version);
  };
  await submitted('national-standards', WHO);
  const toEndorse = await submitted('health-check', 'zqpsw');
  await selfAssessments.endorse(toEndorse.id, WHO, toEndorse.version);
  await app.questionnaires.copy({ from: 'template-supervision', id: 'zq-supervision', title: 'Supervision pulse' }, WHO);
  await services.dataProtection.access.log({ viewerId: WHO, what: 'audit-form', subjectId: 'zqsw0', records: 1, via: 'tab' });
  await services.dataProtection.access.log({ viewerId: 'zqpsw', what: 'audit-form', subjectId: WHO, records: 1, via: 'tab' });
  await services.dataProtection.retention.placeHold({ kind: 'person', personId: WHO }, 'A grievance', WHO);
  await stores.sharepoint!.writer.drain();
});

afterAll(async () => {
  await phc?.close();
  await sp?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every (table, column) of the store, read from the schema itself, whose rows hold the id. */
function columnsHolding(id: string): Map<string, { columns: Set<string>; rows: number }> {
  const db = phc.stores.operational.db;
  const out = new Map<string, { columns: Set<string>; rows: number }>();
  for (const table of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]) {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    const hit = columns.filter((c) => db.prepare(`SELECT 1 FROM "${table}" WHERE instr(CAST("${c}" AS TEXT), ?) > 0 LIMIT 1`).get(id) !== undefined);
    if (hit.length === 0) continue;
    const rows = db
      .prepare(`SELECT count(*) FROM "${table}" WHERE ${hit.map((c) => `instr(CAST("${c}" AS TEXT), ?) > 0`).join(' OR ')}`)
      .pluck()
      .get(...hit.map(() => id)) as number;
    out.set(table, { columns: new Set(hit), rows });
  }
  return out;
}

describe('phc person export', () => {
  it("holds every row of every table, and every SharePoint item, that holds the person's id", async () => {
    const held = columnsHolding(WHO);
    // The search is not vacuous: the person is in records of every kind.
    expect([...held.keys()]).toEqual(
      expect.arrayContaining([
        'people',
        'conversations',
        'outbox',
        'audit_tasks',
        'audit_records',
        'audit_record_events',
        'audit_reminders',
        'supervision_log',
        'actions',
        'you_said_we_did',
        'you_said_we_did_messages',
        'caseload_entries',
        'org_returns',
        'quality_themes',
        'access_log',
        'retention_holds',
        'sharepoint_items',
        'focus_groups',
        'focus_group_invitations',
        'thematic_reviews',
        'self_assessments',
        'questionnaires',
      ]),
    );
    // The records a new instance is rebuilt from (messages, supervision samples, 39-steps
    // returns) and SharePoint's bookkeeping of them hold their id too, in each column that can.
    expect(['outbox', 'you_said_we_did_messages', 'supervision_samples', 'org_returns'].map((t) => [t, [...(held.get(t)?.columns ?? [])].sort()])).toEqual([
      ['outbox', ['key', 'user_id']],
      ['you_said_we_did_messages', ['user_id']],
      ['supervision_samples', ['picks', 'supervisees', 'supervisor_id', 'task_id', 'without_records']],
      ['org_returns', ['submitted_by']],
    ]);
    const keysOf = (list: string) => phc.stores.operational.db.prepare('SELECT item_key FROM sharepoint_items WHERE list = ? AND instr(item_key, ?) > 0').pluck().all(list, WHO) as string[];
    expect(['messages', 'supervisionSamples', 'auditTasks', 'supervisionLog'].filter((list) => keysOf(list).length === 0)).toEqual([]);
    // Every column of the framework's records that can hold an id holds theirs (so a missing reference fails below).
    expect(['focus_groups', 'thematic_reviews', 'self_assessments'].map((t) => [t, [...(held.get(t)?.columns ?? [])].sort()])).toEqual([
      ['focus_groups', ['created_by', 'facilitator_id']],
      ['thematic_reviews', ['created_by', 'lead_id', 'plan']],
      ['self_assessments', ['created_by', 'endorsed_by', 'submitted_by']],
    ]);

    const exported = await phc.services.dataProtection.exports.export(WHO, { viewerId: 'zqpsw', via: 'phc' });
    const byTable = new Map(exported.store.map((t) => [t.table, t]));
    const missed: string[] = [];
    for (const [table, { columns, rows }] of held) {
      const got = byTable.get(table);
      if (!got) missed.push(`${table}: not in the export (${rows} rows hold the id in ${[...columns].join(', ')})`);
      else {
        if (got.rows.length !== rows) missed.push(`${table}: ${got.rows.length} of ${rows} rows`);
        for (const c of columns) if (!got.because.some((b) => b.column === c)) missed.push(`${table}.${c}: holds the id, but the export does not say so`);
      }
    }
    expect(missed).toEqual([]);

    // SharePoint: every item of every list, and every field, as the stand-in holds them.
    const items: string[] = [];
    for (const spec of LISTS) {
      for (const item of sp.findList(spec.displayName)?.items.values() ?? []) {
        if (Object.values(item.fields).some((v) => typeof v === 'string' && v.includes(WHO))) items.push(`${spec.displayName}/${String(item.fields.PhcId)}`);
      }
    }
    expect(items.length).toBeGreaterThan(3);
    expect(['PHC Messages', 'PHC Supervision Samples', 'PHC 39 Steps Returns'].filter((list) => !items.some((i) => i.startsWith(`${list}/`)))).toEqual([]);
    expect(exported.sharePoint.map((i) => `${i.listName}/${i.key}`).sort()).toEqual(items.sort());
    expect(exported.sharePoint.every((i) => i.itemId !== undefined)).toBe(true);
  });

  it('is a command, in words or JSON, and each export is written to the access log', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { ...env(sp), PHC_DATA_DIR: dir }, cwd: dir };
    await phc.close();
    expect(await runCli(['person', 'export', WHO, '--json'], io, clock)).toBe(0);
    const json = JSON.parse(out.join('\n')) as { person: { id: string; displayName: string }; store: { table: string }[] };
    expect(json.person).toMatchObject({ id: WHO, displayName: 'Sid Senior' });
    expect(json.store.map((t) => t.table)).toContain('supervision_log');
    out.length = 0;
    expect(await runCli(['person', 'export', WHO], io, clock)).toBe(0);
    expect(out.join('\n')).toMatch(/Everything held about Sid Senior \(zqsp\)[\s\S]*supervision_log \(1\): a supervision session you were in[\s\S]*Survey answers: kept without your name/);
    expect(await runCli(['person', 'export', 'nobody-at-all'], io, clock)).toBe(1);
    expect(err.join('\n')).toMatch(/Nothing is held about "nobody-at-all"/);
    out.length = 0;
    expect(await runCli(['access-log', '--person', WHO, '--json'], io, clock)).toBe(0);
    const log = JSON.parse(out.join('\n')) as { action: string; what: string; subjectId?: string; via: string }[];
    expect(log.filter((e) => e.what === 'person-export' && e.subjectId === WHO && e.action === 'export').length).toBeGreaterThanOrEqual(2);
    phc = await composeAt(dir, env(sp), { clock });
  });
});
