import { allAuditTasks } from '../../src/ports/audits';
import { viewerOf, taskInScope, personInScope } from '../../src/domain/access';
import type { AuditTaskRecord } from '../../src/domain/audit/compliance';
import { call, openApiWorld, type ApiWorld, type RoleName } from './apiWorld';

/**
 * Every endpoint for every role: allowed or refused, and when allowed, only what the role's
 * scope covers. One row per endpoint; the expected status per role beside it.
 */
const ROLES: readonly RoleName[] = ['staff', 'supervisor', 'teamManager', 'serviceManager', 'psw', 'admin', 'managementTeam'];

type Statuses = Readonly<Record<RoleName, number>>;
const all = (status: number): Statuses => ({ staff: status, supervisor: status, teamManager: status, serviceManager: status, psw: status, admin: status, managementTeam: status });
const except = (status: number, others: Partial<Statuses>): Statuses => ({ ...all(status), ...others });

interface Row {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: (w: ApiWorld) => string;
  readonly body?: (w: ApiWorld) => unknown;
  readonly expect: Statuses;
  /** When allowed: what the body must (not) hold for this viewer. */
  readonly check?: (body: never, role: RoleName, w: ApiWorld) => void;
}

let staffAudit: AuditTaskRecord;
const settings = (w: ApiWorld) => ({ admins: [w.who.admin.id], managementTeam: [w.who.managementTeam.id] });
const viewer = (w: ApiWorld, role: RoleName) => viewerOf(w.who[role], w.organisation, settings(w));
const teamsOf = (w: ApiWorld, role: RoleName): string[] => {
  const v = viewer(w, role);
  return v.aggregateScope.all ? w.organisation.teams.map((t) => t.id) : [...v.aggregateScope.teamIds];
};

const ROWS: readonly Row[] = [
  { name: 'who am I', method: 'GET', path: () => '/api/me', expect: all(200), check: (b: { person: { id: string } }, role, w) => expect(b.person.id).toBe(w.who[role].id) },
  {
    name: 'people to choose an owner from',
    method: 'GET',
    path: () => '/api/people?q=a',
    expect: except(200, { staff: 403, supervisor: 403 }),
    check: (b: { people: { id: string; displayName: string }[] }, role, w) => {
      const v = viewer(w, role);
      expect(b.people.length).toBeGreaterThan(0);
      expect(b.people.length).toBeLessThanOrEqual(20);
      for (const p of b.people) {
        expect(p.displayName.toLowerCase()).toContain('a');
        const person = w.organisation.people.find((x) => x.id === p.id)!;
        expect(personInScope(v.aggregateScope, person) || personInScope(v.scope, person)).toBe(true);
      }
    },
  },
  { name: 'cycles', method: 'GET', path: () => '/api/health-check/cycles', expect: all(200) },
  { name: 'whole-cycle results', method: 'GET', path: () => '/api/health-check/cycles/2025-26/results', expect: all(200) },
  {
    name: 'published results',
    method: 'GET',
    path: () => '/api/health-check/cycles/2024-25/results',
    expect: all(200),
    check: (b: { lines: Record<string, string> }) => expect(b.lines['caseload-fair']).toBe('65% say their caseload is fair and manageable (73% in 2022, 81% in 2019, 43% in 2017)'),
  },
  {
    name: 'results by team',
    method: 'GET',
    path: () => '/api/health-check/cycles/2025-26/results?by=team',
    expect: except(200, { staff: 403, supervisor: 403 }),
    check: (b: { results: { groups: { id: string }[] } }, role, w) => {
      const allowed = new Set(teamsOf(w, role));
      if (viewer(w, role).aggregateScope.all) expect(b.results.groups.map((g) => g.id)).toContain('other-team');
      else expect(b.results.groups.map((g) => g.id).sort()).toEqual([...allowed].sort());
    },
  },
  {
    name: 'results by service',
    method: 'GET',
    path: () => '/api/health-check/cycles/2025-26/results?by=service',
    expect: except(200, { staff: 403, supervisor: 403 }),
    check: (b: { results: { groups: { id: string }[] } }, role, w) => {
      const v = viewer(w, role);
      const ids = b.results.groups.map((g) => g.id);
      if (v.aggregateScope.all) expect(ids.length).toBeGreaterThan(1);
      else expect(ids).toEqual(v.aggregateScope.kind === 'service' ? v.aggregateScope.serviceAreas : []);
    },
  },
  { name: 'results by role', method: 'GET', path: () => '/api/health-check/cycles/2025-26/results?by=role', expect: except(403, { psw: 200, admin: 200, managementTeam: 200 }) },
  {
    name: 'results by length of service',
    method: 'GET',
    path: () => '/api/health-check/cycles/2025-26/results?by=length-of-service',
    expect: except(403, { psw: 200, admin: 200, managementTeam: 200 }),
  },
  { name: 'rises and falls', method: 'GET', path: () => '/api/health-check/cycles/2024-25/changes', expect: all(200) },
  { name: 'trends', method: 'GET', path: () => '/api/health-check/trends?question=caseload-fair', expect: all(200) },
  {
    name: 'response rate',
    method: 'GET',
    path: () => '/api/health-check/cycles/2026-27/response-rate',
    expect: all(200),
    check: (b: { teams: { id: string }[] }, role, w) => {
      const v = viewer(w, role);
      expect(b.teams.map((t) => t.id).sort()).toEqual(v.aggregateScope.all || v.aggregateScope.kind === 'team' || v.aggregateScope.kind === 'service' ? teamsOf(w, role).sort() : []);
    },
  },
  {
    name: 'audit compliance',
    method: 'GET',
    path: () => '/api/audits/compliance?year=2026',
    expect: except(200, { staff: 403 }),
  },
  {
    name: 'overdue and due soon',
    method: 'GET',
    path: () => '/api/audits/due?year=2026',
    expect: except(200, { staff: 403 }),
  },
  {
    name: 'my audits',
    method: 'GET',
    path: () => '/api/audits/mine?year=2026',
    expect: all(200),
    check: (b: { asAuditor: { auditorId: string }[] }, role, w) => b.asAuditor.forEach((a) => expect(a.auditorId).toBe(w.who[role].id)),
  },
  {
    name: 'an audit form (staff member audited)',
    method: 'GET',
    path: () => `/api/audits/task?id=${encodeURIComponent(staffAudit.id)}`,
    // Auditor, subject, their line managers up the chain and the PSW (as the bot), admins read-only; not another service.
    expect: except(200, { managementTeam: 403 }),
    check: (b: { can: Record<string, boolean>; relations: string[] }, role) => {
      if (role === 'admin') {
        expect(b.relations).toEqual([]);
        expect(Object.values(b.can).every((x) => !x)).toBe(true);
      }
    },
  },
  { name: 'supervision frequency', method: 'GET', path: () => '/api/supervision/frequency?from=2026-10-01&to=2026-12-31', expect: except(200, { staff: 403 }) },
  { name: 'the open survey', method: 'GET', path: () => '/api/surveys/open', expect: all(200) },
  {
    name: 'saving a survey step',
    method: 'POST',
    path: () => '/api/surveys/2026-27/draft',
    body: () => ({ answers: { role: 'social-worker' }, sectionIndex: 0 }),
    // Service managers and the PSW are not asked to answer (not the Health Check audience).
    expect: except(200, { serviceManager: 403, psw: 403, managementTeam: 403 }),
  },
  { name: 'the action plan', method: 'GET', path: () => '/api/actions', expect: all(200) },
  {
    name: 'adding an action',
    method: 'POST',
    path: () => '/api/actions',
    body: (w) => ({ what: 'Review caseload weighting in every team', ownerId: w.who.teamManager.id, due: '2027-06-30', link: { kind: 'question', questionId: 'caseload-fair', cycleId: '2025-26' } }),
    expect: except(201, { staff: 403, supervisor: 403 }),
  },
  // Allowed for the PSW and admins, who are then told why not (another cycle is still open; published history cannot be closed).
  { name: 'opening a cycle', method: 'POST', path: () => '/api/health-check/cycles', body: () => ({ id: '2027-28', closesOn: '2028-03-31' }), expect: except(403, { psw: 400, admin: 400 }) },
  { name: 'closing a cycle', method: 'POST', path: () => '/api/health-check/cycles/2017-18/close', expect: except(403, { psw: 400, admin: 400 }) },
  // Running surveys from the tab: the PSW and admins only; the others are refused before anything is read.
  { name: 'the questionnaires', method: 'GET', path: () => '/api/questionnaires', expect: except(403, { psw: 200, admin: 200 }) },
  { name: 'the question bank', method: 'GET', path: () => '/api/questionnaires/bank', expect: except(403, { psw: 200, admin: 200 }) },
  { name: 'a template', method: 'GET', path: () => '/api/questionnaires/template-supervision', expect: except(403, { psw: 200, admin: 200 }) },
  // Allowed for the PSW and admins, who are then told why not (an id that cannot be one; a template cannot be changed).
  { name: 'copying a template', method: 'POST', path: () => '/api/questionnaires', body: () => ({ from: 'template-supervision', id: 'Not An Id' }), expect: except(403, { psw: 400, admin: 400 }) },
  { name: 'editing a template', method: 'PATCH', path: () => '/api/questionnaires/template-supervision', body: () => ({ version: 1, edits: [] }), expect: except(403, { psw: 400, admin: 400 }) },
  {
    name: 'making a draft cycle',
    method: 'POST',
    path: () => '/api/cycles',
    body: () => ({ id: 'pulse-matrix', surveyId: 'template-supervision', closesOn: '2027-02-26' }),
    expect: except(403, { psw: 400, admin: 400 }),
  },
  { name: "a cycle's settings", method: 'GET', path: () => '/api/cycles/2026-27', expect: except(403, { psw: 200, admin: 200 }) },
  { name: 'who a cycle can ask', method: 'GET', path: () => '/api/cycles/audiences', expect: except(403, { psw: 200, admin: 200 }) },
  { name: 'changing an open cycle', method: 'PATCH', path: () => '/api/cycles/2026-27', body: () => ({ threshold: 7 }), expect: except(403, { psw: 400, admin: 400 }) },
  { name: "previewing a cycle's cards", method: 'GET', path: () => '/api/cycles/2026-27/preview', expect: except(403, { psw: 200, admin: 200 }) },
  { name: 'opening a draft', method: 'POST', path: () => '/api/cycles/2026-27/open', expect: except(403, { psw: 400, admin: 400 }) },
  { name: 'closing a cycle from the survey page', method: 'POST', path: () => '/api/cycles/2017-18/close', expect: except(403, { psw: 400, admin: 400 }) },
  { name: 'publishing an open cycle', method: 'POST', path: () => '/api/cycles/2026-27/publish', expect: except(403, { psw: 400, admin: 400 }) },
  // Data protection: privacy information for everyone; the DPO's pages (the DPO is none of these roles: tests/server/api.accessLog.test.ts).
  {
    name: 'privacy information',
    method: 'GET',
    path: () => '/api/privacy',
    expect: all(200),
    check: (b: { sections: { title: string }[] }) => expect(b.sections.map((x) => x.title)).toContain('Your rights'),
  },
  { name: 'retention', method: 'GET', path: () => '/api/data-protection/retention', expect: except(403, { psw: 200, admin: 200 }) },
  { name: 'the access log', method: 'GET', path: () => '/api/data-protection/access-log', expect: all(403) },
  { name: 'the access log as CSV', method: 'GET', path: () => '/api/data-protection/access-log.csv', expect: all(403) },
  { name: 'a CSV download of named records, logged', method: 'POST', path: () => '/api/data-protection/exports', body: () => ({ what: 'audit-lists', rows: 12 }), expect: all(204) },
  { name: 'a subject access export', method: 'GET', path: (w) => `/api/data-protection/people/${w.who.staff.id}/export`, expect: except(403, { psw: 200 }) },
  {
    name: 'You said, we did',
    method: 'POST',
    path: () => '/api/actions/you-said-we-did',
    body: () => ({ message: 'You said caseloads were too high; we have recruited two social workers.' }),
    expect: except(403, { psw: 202, admin: 202 }),
  },
  // The rest of the framework: seen by those who supervise or manage (each their own), run by the PSW and admins.
  { name: 'focus groups', method: 'GET', path: () => '/api/framework/focus-groups?year=2026', expect: except(200, { staff: 403 }) },
  {
    name: 'scheduling a focus group',
    method: 'POST',
    path: () => '/api/framework/focus-groups',
    body: (w) => ({ date: '2027-02-04', time: '14:00', place: 'Teams meeting', facilitatorId: w.who.psw.id, invitedTeams: ['intake'] }),
    expect: except(403, { psw: 201, admin: 201 }),
  },
  { name: 'thematic reviews', method: 'GET', path: () => '/api/framework/reviews?year=2026', expect: except(200, { staff: 403 }) },
  { name: 'a self-assessment', method: 'GET', path: () => '/api/framework/self-assessments?kind=national-standards&year=2026', expect: except(403, { psw: 200, admin: 200, managementTeam: 200 }) },
  // The admin pages: the PSW and admins only.
  { name: 'admin', method: 'GET', path: () => '/api/admin', expect: except(403, { psw: 200, admin: 200 }) },
  { name: "the audit plan's rules", method: 'GET', path: () => '/api/admin/audit-plan?year=2026', expect: except(403, { psw: 200, admin: 200 }) },
  {
    name: 'a change to the rules, previewed',
    method: 'POST',
    path: () => '/api/admin/audit-plan/preview',
    body: () => ({ year: 2026, change: { maxDuePerAuditorPerWeek: 3 } }),
    expect: except(403, { psw: 200, admin: 200 }),
  },
  { name: 'quality themes', method: 'GET', path: () => '/api/admin/quality-themes', expect: except(403, { psw: 200, admin: 200 }) },
  {
    name: 'an organisation file, previewed',
    method: 'POST',
    path: () => '/api/admin/organisation/preview',
    body: () => ({ csv: 'id,display_name,role,team,service_area,line_manager_id,supervisor_id\nx1,Xan Example,Social worker,hospital,hospital-and-intake,,\n' }),
    expect: except(403, { psw: 200, admin: 200 }),
  },
  // The home page: everyone has one, with only their roles' items.
  {
    name: 'the home page',
    method: 'GET',
    path: () => '/api/home',
    expect: all(200),
    check: (b: { items: { id: string }[] }, role) => {
      const ids = b.items.map((i) => i.id);
      expect(ids).toContain('my-audits');
      const organisation = role === 'psw' || role === 'admin' || role === 'managementTeam';
      for (const id of ['standards', 'audit-compliance', 'largest-changes', 'needs-action']) expect([role, id, ids.includes(id)]).toEqual([role, id, organisation]);
      expect([role, ids.includes('returns-due')]).toEqual([role, role === 'teamManager']);
      expect([role, ids.includes('scoped-audits')]).toEqual([role, ['supervisor', 'teamManager', 'serviceManager', 'managementTeam'].includes(role)]);
    },
  },
  {
    name: 'the questions in words',
    method: 'GET',
    path: () => '/api/health-check/questions',
    expect: all(200),
    check: (b: { sections: { questions: { id: string; text: string }[] }[] }) =>
      expect(b.sections.flatMap((x) => x.questions).find((q) => q.id === 'caseload-fair')?.text).toBe('My caseload is fair and manageable'),
  },
  // The overall response rate day by day: overall only, so as open as the rate itself.
  {
    name: 'response rate day by day',
    method: 'GET',
    path: () => '/api/health-check/cycles/2026-27/response-rate/growth',
    expect: all(200),
    check: (b: { series: { cycle: string }[] }) => expect(b.series.map((s) => s.cycle)).toEqual(['2026-27', '2025-26']),
  },
];

describe('every endpoint for every role', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
    const tasks = await allAuditTasks(world.audits, 2026);
    const found = tasks.find((t) => t.form !== null && t.subject.kind === 'person' && t.subject.personId === world.who.staff.id);
    if (!found) throw new Error('the demo plan has no audit of the staff member');
    staffAudit = found;
  });
  afterAll(() => world.close());

  const cases = ROWS.flatMap((row) => ROLES.map((role) => [row.name, role, row.expect[role], row] as const));
  it.each(cases)('%s as %s: %i', async (_name, role, status, row) => {
    const res = await call(world, world.who[role], row.method, row.path(world), row.body?.(world));
    expect([res.status, res.status >= 400 ? (res.body as { error: string }).error : 'ok']).toEqual([status, status >= 400 ? expect.any(String) : 'ok']);
    if (res.status < 300 && row.check) await row.check(res.body as never, role, world);
  });

  it("lists overdue and due-soon audits only within the viewer's scope", async () => {
    const tasks = await allAuditTasks(world.audits, 2026);
    const byId = new Map(tasks.map((t) => [t.id as string, t]));
    for (const role of ROLES.filter((r) => r !== 'staff')) {
      const body = (await call(world, world.who[role], 'GET', '/api/audits/due?year=2026')).body as { overdue: { id: string }[]; dueSoon: { id: string }[] };
      const v = viewer(world, role);
      const listed = [...body.overdue, ...body.dueSoon];
      for (const item of listed) expect(taskInScope(v.scope, byId.get(item.id) as AuditTaskRecord, world.organisation)).toBe(true);
      const expected = tasks.filter((t) => taskInScope(v.scope, t, world.organisation) && t.status !== 'completed' && t.due < '2027-01-26').length;
      expect(listed.length).toBe(expected);
    }
  });

  it('gives compliance rows over the aggregate scope and names only within the named scope', async () => {
    const tasks = await allAuditTasks(world.audits, 2026);
    const counts: Record<string, number> = {};
    for (const role of ROLES.filter((r) => r !== 'staff')) {
      const body = (await call(world, world.who[role], 'GET', '/api/audits/compliance?year=2026')).body as {
        overall: { counts: Record<string, number> };
        overdue: { id: string }[];
        byAuditor: { key: string }[];
      };
      const v = viewer(world, role);
      const total = Object.values(body.overall.counts).reduce((a, b) => a + b, 0);
      counts[role] = total;
      expect(total).toBe(tasks.filter((t) => taskInScope(v.aggregateScope, t, world.organisation)).length);
      const byId = new Map(tasks.map((t) => [t.id as string, t]));
      for (const o of body.overdue) expect(taskInScope(v.scope, byId.get(o.id) as AuditTaskRecord, world.organisation)).toBe(true);
      for (const a of body.byAuditor) expect(tasks.some((t) => t.auditorId === a.key && taskInScope(v.scope, t, world.organisation))).toBe(true);
    }
    expect(counts.psw).toBe(tasks.length);
    expect(counts.managementTeam).toBe(tasks.length);
    expect(counts.teamManager).toBeLessThan(counts.serviceManager as number);
    expect(counts.supervisor).toBeLessThan(counts.teamManager as number);
  });

  it("counts supervision only for the viewer's supervisees, team or service", async () => {
    const sup = (await call(world, world.who.supervisor, 'GET', '/api/supervision/frequency?from=2026-10-01&to=2026-12-31')).body as {
      overall: { supervisees: number };
      missed: { superviseeId: string }[];
    };
    expect(sup.overall.supervisees).toBe(world.organisation.people.filter((p) => p.supervisorId === world.who.supervisor.id).length);
    expect(sup.missed.map((m) => m.superviseeId)).toHaveLength(1);
    const tm = (await call(world, world.who.teamManager, 'GET', '/api/supervision/frequency?from=2026-10-01&to=2026-12-31')).body as { byTeam: { key: string }[] };
    expect(tm.byTeam.map((t) => t.key)).toEqual(['hospital']);
    const psw = (await call(world, world.who.psw, 'GET', '/api/supervision/frequency?from=2026-10-01&to=2026-12-31')).body as { byTeam: { key: string }[]; overall: { supervisees: number } };
    expect(psw.overall.supervisees).toBe(world.organisation.people.filter((p) => p.supervisorId !== undefined).length);
    const mt = (await call(world, world.who.managementTeam, 'GET', '/api/supervision/frequency?from=2026-10-01&to=2026-12-31')).body as {
      overall: { supervisees: number };
      missed: { superviseeId: string }[];
    };
    expect(mt.overall.supervisees).toBe(psw.overall.supervisees);
    // The management team's aggregate is everyone, but who missed supervision only in their own service.
    const mtViewer = viewer(world, 'managementTeam');
    expect(mt.missed.length).toBeGreaterThan(0);
    for (const m of mt.missed) expect(personInScope(mtViewer.scope, world.organisation.people.find((p) => p.id === m.superviseeId) as never)).toBe(true);
    const pswMissed = ((await call(world, world.who.psw, 'GET', '/api/supervision/frequency?from=2026-10-01&to=2026-12-31')).body as { missed: unknown[] }).missed;
    expect(mt.missed.length).toBeLessThan(pswMissed.length);
  });

  it('opens an audit form for exactly those the audit service allows, and read-only for others whose scope covers it', async () => {
    const tasks = (await allAuditTasks(world.audits, 2026)).filter((t) => t.form !== null && t.subject.kind === 'person');
    const byId = new Map(world.organisation.people.map((p) => [p.id as string, p]));
    const managersOf = (id: string) => {
      const out = new Set<string>();
      for (let m = byId.get(id)?.lineManagerId as string | undefined; m !== undefined && !out.has(m); m = byId.get(m)?.lineManagerId) out.add(m);
      return out;
    };
    // Hospital team tasks first (where the roles under test work), then a spread of others.
    const sample = [...tasks.filter((t) => byId.get(t.subject.kind === 'person' ? t.subject.personId : '')?.teamId === 'hospital'), ...tasks.filter((_t, i) => i % 15 === 0)];
    let readOnly = 0;
    for (const role of ['staff', 'supervisor', 'teamManager'] as const) {
      const v = viewer(world, role);
      for (const t of sample) {
        const subject = t.subject.kind === 'person' ? t.subject.personId : '';
        const related = t.auditorId === v.person.id || subject === v.person.id || managersOf(subject).has(v.person.id) || managersOf(t.auditorId).has(v.person.id);
        const inScope = taskInScope(v.scope, t, world.organisation);
        const res = await call(world, world.who[role], 'GET', `/api/audits/task?id=${encodeURIComponent(t.id)}`);
        expect([role, t.id, res.status]).toEqual([role, t.id, related || inScope ? 200 : 403]);
        if (!related && inScope) {
          readOnly++;
          expect((res.body as { relations: string[] }).relations).toEqual([]);
        }
      }
    }
    // In the demo organisation a supervisor carries out their supervisees' audits and the team
    // manager manages everyone above them, so the read-only path is the admins' (see the table above).
    expect(readOnly).toBe(0);
    expect(sample.length).toBeGreaterThan(20);
  });

  it("finds people for action owners only within the searcher's scope", async () => {
    const search = async (role: RoleName, q: string) =>
      ((await call(world, world.who[role], 'GET', `/api/people?q=${encodeURIComponent(q)}`)).body as { people: { id: string }[] }).people.map((p) => p.id);
    const outsider = world.organisation.people.find((p) => p.teamId === 'short-term')!;
    expect(await search('psw', outsider.displayName)).toContain(outsider.id);
    expect(await search('managementTeam', outsider.displayName)).toContain(outsider.id);
    expect(await search('teamManager', outsider.displayName)).not.toContain(outsider.id);
    expect(await search('teamManager', world.who.staff.displayName.toUpperCase())).toContain(world.who.staff.id);
    expect((await call(world, world.who.psw, 'GET', `/api/people?q=${'x'.repeat(101)}`)).status).toBe(400);
  });

  it('answers unknown routes with 404 and wrong methods with 405, after nothing else', async () => {
    expect((await call(world, world.who.psw, 'GET', '/api/nothing-here')).status).toBe(404);
    expect((await call(world, world.who.psw, 'DELETE', '/api/me')).status).toBe(405);
  });
});
