import { demoOrgDataReturn } from '../../src/app/orgDataDemo';
import { teamInScope, viewerOf } from '../../src/domain/access';
import { managersOf } from '../../src/domain/caseloads/visibility';
import { EMPLOYER_STANDARDS } from '../../src/domain/standards/standards';
import type { CaseloadsDto, OrgDataDto, QualityReportDto, StandardsDto } from '../../src/server/api/types';
import { call, openApiWorld, type ApiWorld, type RoleName } from './apiWorld';

/**
 * The reports' routes for every role: allowed or refused, and when allowed, only what the role's
 * scope covers (teams in the aggregate scope; workers above the caseload level named only to
 * their own managers). The demo caseloads, 39-steps returns and themes are in the world.
 */
const ROLES: readonly RoleName[] = ['staff', 'supervisor', 'teamManager', 'serviceManager', 'psw', 'admin', 'managementTeam'];
type Statuses = Readonly<Record<RoleName, number>>;
const only = (allowed: number, who: readonly RoleName[]): Statuses => Object.fromEntries(ROLES.map((r) => [r, who.includes(r) ? allowed : 403])) as Statuses;
const MANAGERS: readonly RoleName[] = ['teamManager', 'serviceManager', 'psw', 'admin', 'managementTeam'];
const ORGANISATION: readonly RoleName[] = ['psw', 'admin', 'managementTeam'];

const settings = (w: ApiWorld) => ({ admins: [w.who.admin.id], managementTeam: [w.who.managementTeam.id] });
const viewer = (w: ApiWorld, role: RoleName) => viewerOf(w.who[role], w.organisation, settings(w));

interface Row {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: (w: ApiWorld) => string;
  readonly body?: (w: ApiWorld) => unknown;
  readonly expect: Statuses;
  readonly check?: (body: never, role: RoleName, w: ApiWorld) => void;
}

const ROWS: readonly Row[] = [
  {
    name: 'caseload audit',
    method: 'GET',
    path: () => '/api/caseloads',
    expect: only(200, MANAGERS),
    check: (b: CaseloadsDto, role, w) => {
      const v = viewer(w, role);
      expect(b.audit.teams.length).toBeGreaterThan(0);
      for (const t of b.audit.teams) expect(teamInScope(v.aggregateScope, t.teamId)).toBe(true);
      if (v.aggregateScope.all) expect(b.audit.teams.length).toBe(w.organisation.teams.filter((t) => b.audit.teams.some((x) => x.teamId === t.id)).length);
      expect(b.audit.overall === null).toBe(!v.aggregateScope.all);
      for (const worker of b.audit.aboveLevel) expect(managersOf(w.organisation, worker.workerId as string)).toContain(w.who[role].id);
      for (const id of Object.keys(b.survey?.byTeam ?? {})) expect(teamInScope(v.aggregateScope, id)).toBe(true);
      expect(b.returnTeams.map((t) => t.teamId)).toEqual(role === 'teamManager' ? [w.who.teamManager.teamId] : []);
    },
  },
  {
    name: 'monthly caseload return',
    method: 'POST',
    path: () => '/api/caseloads/returns',
    body: (w) => ({ teamId: w.who.teamManager.teamId, month: '2027-01', lines: [{ worker: w.who.staff.id, openCases: 21 }] }),
    expect: only(201, ['teamManager']),
    check: (b: { stored: number }) => expect(b.stored).toBe(1),
  },
  {
    name: '39-steps returns by team',
    method: 'GET',
    path: () => '/api/org-data',
    expect: only(200, MANAGERS),
    check: (b: OrgDataDto, role, w) => {
      const v = viewer(w, role);
      expect(b.teams.length).toBeGreaterThan(0);
      for (const t of b.teams) expect(teamInScope(v.aggregateScope, t.teamId)).toBe(true);
      expect(b.returned).toBe(b.teams.filter((t) => t.measures !== undefined).length);
    },
  },
  {
    name: '39-steps return',
    method: 'POST',
    path: () => '/api/org-data/returns',
    body: (w) => ({ teamId: w.who.teamManager.teamId, measures: demoOrgDataReturn(w.organisation, w.who.teamManager.teamId as string) }),
    expect: only(201, ['teamManager', 'psw']),
    check: (b: { replaced: boolean; cycleId: string }) => expect([b.replaced, b.cycleId]).toEqual([true, '2026-27']),
  },
  {
    name: 'employer standards',
    method: 'GET',
    path: () => '/api/standards',
    expect: only(200, ORGANISATION),
    check: (b: StandardsDto, role) => {
      expect(b.standards).toHaveLength(8);
      expect(b.documented).toHaveLength(8);
      expect(b.mayAdjust).toBe(role === 'psw' || role === 'admin');
    },
  },
  {
    name: 'standards mapping',
    method: 'POST',
    path: () => `/api/standards/${EMPLOYER_STANDARDS[0]!.id}/mapping`,
    body: () => ({ reset: true }),
    expect: only(200, ['psw', 'admin']),
  },
  {
    name: 'quarterly report (JSON)',
    method: 'GET',
    path: () => '/api/report/quarterly?quarter=2026-Q4',
    expect: only(200, ORGANISATION),
    check: (b: QualityReportDto) => expect(b.quarter.id).toBe('2026-Q4'),
  },
  {
    name: 'quarterly report (printable)',
    method: 'GET',
    path: () => '/report/quarterly?quarter=2026-Q4',
    expect: only(200, ORGANISATION),
  },
];

describe("the reports' routes for every role", () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  const cases = ROWS.flatMap((row) => ROLES.map((role) => [row.name, role, row.expect[role], row] as const));
  it.each(cases)('%s as %s: %i', async (_name, role, status, row) => {
    const res = await call(world, world.who[role], row.method, row.path(world), row.body?.(world));
    expect([res.status, res.status >= 400 ? (res.body as { error: string }).error : 'ok']).toEqual([status, status >= 400 ? expect.any(String) : 'ok']);
    if (res.status < 300 && row.check) row.check(res.body as never, role, world);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))('%s without sign-in: 401', async (_name, row) => {
    const res = await call(world, undefined, row.method, row.path(world), row.body?.(world));
    expect(res.status).toBe(401);
  });

  it('gives the figures the caseload service gives, to the PSW', async () => {
    const res = await call(world, world.who.psw, 'GET', '/api/caseloads');
    const own = await world.reports.caseloads.report({ viewerId: world.who.psw.id });
    const body = res.body as CaseloadsDto;
    expect(body.audit.teams.map((t) => [t.teamId, t.average.published])).toEqual(own.audit.teams.map((t) => [t.teamId, t.average.published]));
    expect(body.audit.overall).toEqual(own.audit.overall);
  });

  it('names a worker above the level to their own managers and nobody else', async () => {
    const full = await world.reports.caseloads.report({});
    expect(full.audit.teams.reduce((n, t) => n + t.aboveLevel, 0)).toBeGreaterThan(0);
    for (const role of MANAGERS) {
      const body = (await call(world, world.who[role], 'GET', '/api/caseloads')).body as CaseloadsDto;
      const expected = (await world.reports.caseloads.report({ viewerId: world.who[role].id })).audit.aboveLevel.map((w) => w.workerId);
      expect(body.audit.aboveLevel.map((w) => w.workerId)).toEqual(expected);
    }
  });

  it("shows one team's returns over time only to those whose scope covers the team", async () => {
    const team = world.who.teamManager.teamId as string;
    for (const role of ROLES) {
      const res = await call(world, world.who[role], 'GET', `/api/org-data/teams/${team}`);
      const v = viewer(world, role);
      const allowed = MANAGERS.includes(role) && teamInScope(v.aggregateScope, team);
      expect([role, res.status]).toEqual([role, allowed ? 200 : 403]);
    }
    expect((await call(world, world.who.psw, 'GET', '/api/org-data/teams/nowhere')).status).toBe(404);
  });

  it("refuses a manager's return for another team, and bad figures with the reasons", async () => {
    const other = world.organisation.teams.find((t) => t.id !== world.who.teamManager.teamId)!.id;
    expect((await call(world, world.who.teamManager, 'POST', '/api/caseloads/returns', { teamId: other, month: '2027-01', lines: [] })).status).toBe(403);
    const bad = await call(world, world.who.teamManager, 'POST', '/api/caseloads/returns', {
      teamId: world.who.teamManager.teamId,
      month: '2027-01',
      lines: [{ worker: world.who.staff.id, openCases: -3 }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/whole number from 0/);
    const badOrg = await call(world, world.who.teamManager, 'POST', '/api/org-data/returns', {
      teamId: world.who.teamManager.teamId,
      measures: { ...demoOrgDataReturn(world.organisation, world.who.teamManager.teamId as string), vacancies: -1 },
    });
    expect(badOrg.status).toBe(400);
  });

  it("lets the PSW change a standard's mapping, shown on the next look, and refuses an unknown question", async () => {
    const id = 'safe-workloads';
    const firstQuestion = 'caseload-fair';
    const changed = await call(world, world.who.psw, 'POST', `/api/standards/${id}/mapping`, { questions: firstQuestion });
    expect(changed.status).toBe(200);
    const after = (await call(world, world.who.psw, 'GET', '/api/standards')).body as StandardsDto;
    expect(after.mapping).toBe('adjusted by the PSW');
    expect(
      after.standards
        .find((s) => s.id === id)!
        .items.filter((i) => i.kind === 'survey')
        .map((i) => i.id),
    ).toEqual([firstQuestion]);
    expect((await call(world, world.who.psw, 'POST', `/api/standards/${id}/mapping`, { questions: 'no-such-question' })).status).toBe(400);
    await call(world, world.who.psw, 'POST', `/api/standards/${id}/mapping`, { reset: true });
  });

  it('opens the printable report with the persona in the address in local mode, and not without it', async () => {
    const page = await fetch(`${world.base}/report/quarterly?quarter=2026-Q4&persona=${world.who.psw.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Quality Report/);
    expect((await fetch(`${world.base}/report/quarterly?quarter=2026-Q4`)).status).toBe(401);
    expect((await fetch(`${world.base}/report/quarterly?quarter=2026-Q4&persona=${world.who.staff.id}`)).status).toBe(403);
  });
});
