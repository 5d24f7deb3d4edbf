import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openCycleAndQueue } from '../../src/app/invitations';
import { DATABASE_FILE, type Composition } from '../../src/composition';
import { DEFAULT_RULES, type RecordType } from '../../src/domain/dataProtection/retention';
import { LISTS } from '../../src/adapters/sharepoint';
import { asCycleId, asUserId } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import { answersFor } from '../fixtures/cardAnswers';
import { TestClock } from '../fixtures/testClock';
import { composeAt } from '../support/composed';
import { provisionedStandIn } from '../contract/sharepointHarness';
import type { SharePointStandIn } from '../support/sharepointStandIn';

/**
 * Retention end to end, on a data folder and the SharePoint stand-in: records of every kind,
 * each carrying a marker found nowhere else; the clock moved past each kind's period in turn;
 * after each daily run, the marker is in neither the SQLite file's bytes (WAL included) nor
 * any item of any list, and the disposal log shows the counts. A legal hold keeps what it covers.
 */
const CYCLE = asCycleId('hc-2026');
const HEADER = 'id,display_name,role,team,service_area,line_manager_id,supervisor_id,leaving_date';
const PEOPLE = [
  'zqpsw,Pat Principal,Principal Social Worker,,,,,',
  'zqsm,Sol Service,Service Manager,,,zqpsw,zqpsw,',
  'zqtm,Tia Manager,Team Manager,hospital,hospital-and-intake,zqsm,zqsm,',
  'zqsp,Sid Senior,Senior Practitioner,hospital,hospital-and-intake,zqtm,zqtm,',
  ...Array.from({ length: 6 }, (_, i) => `zqsw${i},Sam Worker ${i},Social Worker,hospital,hospital-and-intake,zqtm,zqsp,`),
  'zqheld,Hal Held,Social Worker,hospital,hospital-and-intake,zqtm,zqsp,',
  'zqleaver,Marker Leaver Quill,Social Worker,hospital,hospital-and-intake,zqtm,zqsp,2026-06-30',
];

/** What marks each kind of record: strings that are in that record and nowhere else. */
const MARKERS: Record<string, readonly string[]> = {
  draft: ['velvet abacus'],
  aboutYou: [], // set once the responses are written: see beforeAll
  messages: ['hc-2026:zqsw1:invitation'],
  'survey-answers': ['quokka lantern'],
  'supervision-log': ['sup-2026-05-04-zqsw2-by-zqsp'],
  caseloads: ['Marker Caseload Worker'],
  '39-steps-returns': ['"team-meetings-per-month":31337'],
  'action-plan': ['walrus pavilion'],
  'quality-themes': ['cobalt harbour'],
  leavers: ['zqleaver', 'Marker Leaver Quill'],
  'access-log': ['phc:marker-operator-otter'],
  'audit-records': ['tangerine orbit'],
  'quality-assurance': ['saffron quarry', 'juniper meridian', 'basalt lyric'],
};

/** Lists a new instance rebuilds itself from, whose items go with their records. */
const RECOVERED = ['PHC Messages', 'PHC 39 Steps Returns', 'PHC Audit Plans', 'PHC Supervision Samples'];

let sp: SharePointStandIn;
let dir: string;
let phc: Composition;
const clock = new TestClock(new Date('2026-05-04T10:00:00Z'));

function fileBytes(): string {
  // The checkpoint after a run leaves the WAL empty; read it anyway, in case it did not.
  const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
  return Buffer.concat(files.map((f) => fs.readFileSync(f))).toString('latin1');
}

/** Every value of every item of every list, and of each item's earlier versions, as plain text. */
function sharePointText(): string {
  const values: string[] = [];
  for (const spec of LISTS) {
    for (const item of sp.findList(spec.displayName)?.items.values() ?? []) {
      for (const fields of [item.fields, ...item.history.map((h) => h.fields)]) values.push(...Object.values(fields).map((v) => String(v)));
    }
  }
  return values.join('\n');
}

const found = (markers: readonly string[], where: string): string[] => markers.filter((m) => where.includes(m));

/** Where a marker is in the live rows (table.column), or "residue" when only the bytes hold it: what a failure needs to say. */
function whereStored(marker: string): string[] {
  const db = phc.stores.operational.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const out: string[] = [];
  for (const t of tables) {
    for (const c of db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]) {
      if (db.prepare(`SELECT 1 FROM "${t}" WHERE instr(CAST("${c}" AS TEXT), ?) > 0 LIMIT 1`).get(marker)) out.push(`${t}.${c}`);
    }
  }
  return out.length > 0 ? out : fileBytes().includes(marker) ? ['residue in the file'] : [];
}

async function runOn(day: string): Promise<void> {
  clock.set(`${day}T02:00:00Z`);
  await phc.services.dataProtection.retention.run();
  const drained = await phc.stores.sharepoint!.writer.drain();
  expect(drained.pending.failed).toBe(0);
}

beforeAll(async () => {
  ({ sp } = await provisionedStandIn());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-retention-'));
  phc = await composeAt(
    dir,
    {
      PHC_DEMO: 'off',
      PHC_SHAREPOINT_SITE: sp.site.webUrl,
      PHC_GRAPH_BASE_URL: sp.baseUrl,
      PHC_GRAPH_STATIC_TOKEN: 'stand-in',
      PHC_SHAREPOINT_RU_PER_MINUTE: '1000000',
      PHC_SHAREPOINT_RU_PER_DAY: '100000000',
    },
    // A plan seed with zqsp's staff supervision audit due within the month, so planning draws its sample.
    { clock, auditSeed: () => 14 },
  );
  const imported = await phc.services.organisation.importCsv('people.csv', [HEADER, ...PEOPLE].join('\n'));
  expect(imported.imported).toBe(true);
  const { app, services, stores } = phc;

  // A cycle: six answer (with About you and a comment), one saves a draft and never sends.
  await openCycleAndQueue(app.cycles, services.invitations, { id: CYCLE, closesOn: '2026-05-29', threshold: 5, textThreshold: 5 });
  for (let i = 0; i < 6; i++) {
    const userId = asUserId(`zqsw${i}`);
    const saved = await app.survey.saveDraft(CYCLE, userId, { ...answersFor(), team: 'hospital', 'other-comments': `quokka lantern ${i}` }, 0);
    expect(saved.ok).toBe(true);
    expect((await app.survey.submit(CYCLE, userId)).ok).toBe(true);
  }
  expect((await app.survey.saveDraft(CYCLE, asUserId('zqheld'), { 'other-comments': 'velvet abacus' }, 0)).ok).toBe(true);

  // Named records of every other kind.
  await services.reports.caseloads.importCsv('cd.csv', 'worker,team,month,open_cases\nMarker Caseload Worker,hospital,2026-04,17\nzqsw3,hospital,2026-04,12\n', '2026-04..2026-04');
  const required = {
    'establishment-fte': 8,
    'unfilled-posts-fte': 1,
    'agency-cover-fte': 0,
    'long-term-absence-fte': 0,
    'turnover-percent': 10,
    'cases-per-fte': 20,
    'supervision-in-policy-percent': 90,
    'unallocated-cases': 3,
    'sickness-days-per-fte': 4,
  };
  await services.reports.orgData.submit('zqtm', 'hospital', CYCLE, { ...required, 'team-meetings-per-month': 31337 });
  const action = await services.actions.create({ what: 'Marker action: walrus pavilion', ownerId: 'zqtm', due: '2026-06-30', link: { kind: 'none' } }, 'zqpsw');
  await services.actions.update(action.id, { status: 'done', version: action.version });
  await services.reports.qualityReport.tagTheme('2026-Q1', { theme: 'Supervision', source: 'audit', note: 'Marker theme: cobalt harbour', taggedBy: 'zqpsw' });
  await services.dataProtection.access.log({ viewerId: 'phc:marker-operator-otter', what: 'audit-lists', records: 3, via: 'phc' });
  await services.audits.plan(2026);
  const audit = (await allAuditTasks(stores.audits, 2026)).find((t) => t.form === 'appendix-2' && t.subject.kind === 'person' && t.subject.personId === 'zqsw4');
  if (!audit) throw new Error('no practice standards audit of zqsw4 was planned');
  await services.auditRecords.saveDraft(audit.id, audit.auditorId, 'auditor', { 'what-was-good': 'tangerine orbit' });
  // A staff supervision audit's sample, of a supervisor with no sessions recorded (so it copies none of the log's markers).
  const supervisionAudit = (await allAuditTasks(stores.audits, 2026)).find((t) => t.form === 'appendix-1' && t.subject.kind === 'person' && t.subject.personId === 'zqtm');
  if (!supervisionAudit || !(await services.audits.sampleFor(supervisionAudit.id))) throw new Error('no staff supervision audit of zqtm was sampled');
  // The sessions after the plan: planning draws the samples due within the month, and zqsp's
  // would copy a session into its audit record, which is kept longer than the log.
  await services.supervision.record({ supervisorId: 'zqsp', superviseeId: 'zqsw2', date: '2026-05-04', outcome: 'held' });
  await services.supervision.record({ supervisorId: 'zqsp', superviseeId: 'zqheld', date: '2026-05-04', outcome: 'held' });
  await services.supervision.record({ supervisorId: 'zqsp', superviseeId: 'zqleaver', date: '2026-05-04', outcome: 'held' });

  // The framework's records, with the leaver among the invited, in a review group, and as
  // the author of a self-assessment and a survey version (pseudonymised with the rest).
  const { focusGroups, reviews, selfAssessments } = services.framework;
  let group = await focusGroups.schedule({ purpose: 'health-check', date: '2026-05-04', time: '09:30', place: 'Room 2', facilitatorId: 'zqtm', invitedTeams: ['hospital'], invitedRoles: [] }, 'zqpsw');
  group = (await focusGroups.invite(group.id, group.version)).group;
  group = (await focusGroups.reply(group.id, 'zqleaver', 'coming')).group;
  await focusGroups.record(group.id, { attended: 6, notes: { q1: 'Marker note: saffron quarry' } }, group.version);
  const review = await reviews.create(
    2026,
    1,
    {
      theme: 'Safeguarding enquiries',
      reasons: ['audit'],
      covers: ['safeguarding'],
      scope: 'Enquiries this year.',
      objectives: 'How enquiries are recorded.',
      methods: ['case-audit'],
      leadId: 'zqpsw',
      reviewGroup: ['zqleaver', 'zqsp'],
      stages: { scope: '2026-07-15', research: '2026-09-12', report: '2026-11-19' },
    },
    'zqpsw',
  );
  await reviews.addFinding(review.id, 'Marker finding: juniper meridian', review.version);
  const assessment = await selfAssessments.start('national-standards', 2026, 'zqleaver');
  await selfAssessments.rate(assessment.id, assessment.items[0]!.id, { rating: 'partly-met', comment: 'Marker comment: basalt lyric' }, assessment.version);
  await app.questionnaires.copy({ from: 'template-supervision', id: 'zq-supervision', title: 'Supervision pulse' }, 'zqleaver');
  await stores.sharepoint!.writer.drain();
  // The file keeps a response's answers under question numbers; SharePoint under question ids.
  const team = stores.operational.db.prepare("SELECT number FROM question_numbers WHERE question = 'team'").pluck().get() as number;
  MARKERS.aboutYou = [`${team},"hospital"`];
});

afterAll(async () => {
  await phc?.close();
  await sp?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('retention, with the clock moved past each period', () => {
  it("checks on start that the lists of answers, audits, messages, 39-steps returns and focus groups are restricted (the stand-in's new lists inherit the site: open)", () => {
    const check = phc.stores.sharepoint!.permissions;
    expect(check?.kind).toBe('open');
    expect(check?.kind === 'open' ? check.open.map((o) => o.list) : []).toEqual([
      'PHC Survey Responses',
      'PHC Participation',
      'PHC Audit Tasks',
      'PHC Audit Records',
      'PHC Supervision Samples',
      'PHC 39 Steps Returns',
      'PHC Messages',
      'PHC Focus Groups',
    ]);
  });

  it('has every marker in the file and in SharePoint to begin with (the check can fail)', () => {
    const bytes = fileBytes();
    for (const [kind, markers] of Object.entries(MARKERS)) expect([kind, found(markers, bytes)]).toEqual([kind, markers]);
    expect(found(['"team":"hospital"'], sharePointText())).toEqual(['"team":"hospital"']);
    expect(RECOVERED.filter((list) => (sp.findList(list)?.items.size ?? 0) === 0)).toEqual([]);
  });

  it('closing the cycle deletes the unsent draft, takes the About you answers off, and destroys the participation key', async () => {
    clock.set('2026-05-30T09:00:00Z');
    await phc.app.cycles.close(CYCLE);
    await phc.stores.sharepoint!.writer.drain();
    const bytes = fileBytes();
    expect(found([...MARKERS.draft!, ...MARKERS.aboutYou!], bytes)).toEqual([]);
    expect(found(['"team":"hospital"'], sharePointText())).toEqual([]);
    await expect(phc.app.stores.cycles.participationSecret(CYCLE)).rejects.toThrow(/destroyed/);
    // The results and response rate were kept before: the figures are as they were.
    const results = await phc.app.results.results(CYCLE, 'team');
    expect(results.respondents).toBe(6);
    // The rate counted at close: 10 asked (the PSW and service manager are not), 6 answered, 4 not: under 5, so hidden.
    const rate = await phc.services.responseRate.rate(CYCLE);
    expect([rate.status, rate.overall.audience, rate.overall.hidden]).toEqual(['closed', 10, expect.any(String)]);
  });

  // Each kind's period, counted from its record's date, in the order they fall due.
  const steps: readonly { readonly day: string; readonly types: readonly RecordType[] }[] = [
    { day: '2026-08-31', types: ['messages'] }, // 3 months after the invitations were due (4 May)
    { day: '2027-07-01', types: ['leavers'] }, // a year after leaving on 30 June 2026
    { day: '2028-05-30', types: ['survey-answers', 'access-log'] }, // 2 years after closing, and after the read
    { day: '2029-04-30', types: ['caseloads'] }, // 3 years after April 2026
    { day: '2032-05-30', types: ['supervision-log', '39-steps-returns', 'action-plan', 'quality-themes'] }, // 6 years
    { day: '2033-03-31', types: ['audit-records', 'quality-assurance'] }, // 6 years after the council year 2026-27 ended
  ];

  it.each(steps)('on $day, $types leave no trace in the file or SharePoint, and later kinds stay', async ({ day, types }) => {
    const before = fileBytes();
    const later = steps
      .filter((s) => s.day > day)
      .flatMap((s) => s.types)
      .filter((t) => t !== 'survey-answers' && t !== 'access-log');
    // Still there the day before.
    for (const t of types) if (t !== 'survey-answers') expect([t, found(MARKERS[t]!, before).length]).toEqual([t, MARKERS[t]!.length]);
    await runOn(day);
    const bytes = fileBytes();
    const items = sharePointText();
    for (const t of types) {
      expect([t, 'file', found(MARKERS[t]!, bytes).map((m) => `${m}: ${whereStored(m).join(', ')}`)]).toEqual([t, 'file', []]);
      expect([t, 'SharePoint', found(MARKERS[t]!, items)]).toEqual([t, 'SharePoint', []]);
    }
    for (const t of later) expect([t, found(MARKERS[t]!, bytes).length]).toEqual([t, MARKERS[t]!.length]);
    const logged = await phc.stores.retention.disposalLog(100);
    for (const t of types) expect(logged.filter((l) => l.type === t && l.runOn === day).reduce((n, l) => n + l.disposed, 0)).toBeGreaterThan(0);
  });

  it('leaves no message, 39-steps return, audit plan or supervision sample in SharePoint once their periods are over, nor a key for one', () => {
    expect(RECOVERED.map((list) => [list, sp.findList(list)?.items.size])).toEqual(RECOVERED.map((list) => [list, 0]));
    const keys = phc.stores.operational.db.prepare("SELECT list, item_key FROM sharepoint_items WHERE list IN ('messages', 'orgDataReturns', 'auditPlans', 'supervisionSamples')").all();
    expect(keys).toEqual([]);
  });

  it('keeps what a legal hold covers past its period, counts it as held, and lets it go once released', async () => {
    clock.set('2033-06-01T09:00:00Z');
    await phc.services.supervision.record({ supervisorId: 'zqsp', superviseeId: 'zqheld', date: '2033-06-01', outcome: 'held' });
    // A self-assessment they started, of a council year whose six years are up by then.
    await phc.services.framework.selfAssessments.start('health-check', 2032, 'zqheld');
    await phc.stores.sharepoint!.writer.drain();
    const hold = await phc.services.dataProtection.retention.placeHold({ kind: 'person', personId: 'zqheld' }, 'Employment tribunal claim', 'phc:test');
    await runOn('2039-06-02');
    for (const kept of ['sup-2033-06-01-zqheld-by-zqsp', 'health-check-2032']) {
      expect(fileBytes()).toContain(kept);
      expect(sharePointText()).toContain(kept);
    }
    const held = (await phc.stores.retention.disposalLog(100)).filter((l) => l.runOn === '2039-06-02' && (l.type === 'supervision-log' || l.type === 'quality-assurance'));
    expect(held).toEqual([expect.objectContaining({ type: 'quality-assurance', disposed: 0, held: 1 }), expect.objectContaining({ type: 'supervision-log', disposed: 0, held: 1 })]);
    await phc.services.dataProtection.retention.liftHold(hold.id);
    await runOn('2039-06-03');
    for (const gone of ['sup-2033-06-01-zqheld-by-zqsp', 'health-check-2032']) {
      expect(fileBytes()).not.toContain(gone);
      expect(sharePointText()).not.toContain(gone);
    }
  });

  it('keeps counts only in the disposal log, and the defaults have a stated basis', async () => {
    const log = await phc.stores.retention.disposalLog(100);
    expect(log.length).toBeGreaterThan(5);
    for (const line of log) expect(Object.keys(line).sort()).toEqual(['action', 'disposed', 'held', 'runOn', 'type']);
    for (const rule of Object.values(DEFAULT_RULES)) expect(rule.basis.length).toBeGreaterThan(20);
  });
});
