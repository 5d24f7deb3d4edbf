import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import {
  breakdownAccess,
  can,
  mayDeleteAction,
  mayEditAction,
  mayViewAction,
  personInScope,
  rolesOf,
  taskInScope,
  viewerOf,
  type Capability,
  type TabRole,
  type Viewer,
} from '../../src/domain/access';
import { planYearWithFindings } from '../../src/domain/audit/plan/plan';
import { DEFAULT_AUDIT_RULES } from '../../src/domain/audit/plan/rules';
import type { Person } from '../../src/domain/organisation/types';
import type { BreakdownBy } from '../../src/domain/results/types';
import { asIsoDate } from '../../src/domain/shared/brand';
import { demoPeople } from './apiWorld';

/** The access rules over the whole demo organisation: every person as viewer, every person and task as target. */
const organisation = demoOrganisation();
const who = demoPeople(organisation);
const settings = { admins: [who.admin.id], managementTeam: [who.managementTeam.id] };
const viewers = organisation.people.map((p) => viewerOf(p, organisation, settings));
const area = (teamId: string | undefined) => organisation.teams.find((t) => t.id === teamId)?.serviceArea;

/** An independent statement of who manages whom: walk up from the target. */
function managesAbove(managerId: string, target: Person): boolean {
  const seen = new Set<string>();
  let next = target.lineManagerId as string | undefined;
  while (next !== undefined && !seen.has(next)) {
    if (next === managerId) return true;
    seen.add(next);
    next = organisation.people.find((p) => p.id === next)?.lineManagerId;
  }
  return false;
}

const expectedCache = new Map<string, Set<string>>();
/** Who is in a viewer's scope, worked out without the code under test (memoised per viewer). */
function expectedInScope(viewer: Person, roles: readonly TabRole[], target: Person): boolean {
  let set = expectedCache.get(viewer.id);
  if (!set) {
    const all = roles.includes('psw') || roles.includes('admin');
    const teams = new Set(organisation.people.filter((p) => managesAbove(viewer.id, p)).map((p) => p.teamId));
    if (viewer.teamId !== undefined) teams.add(viewer.teamId);
    const managers = roles.includes('service-manager') || roles.includes('team-manager');
    set = new Set(
      organisation.people.filter((t) => all || t.id === viewer.id || t.supervisorId === viewer.id || (managers && t.teamId !== undefined && teams.has(t.teamId))).map((t) => t.id as string),
    );
    expectedCache.set(viewer.id, set);
  }
  return set.has(target.id);
}

describe('roles from the directory', () => {
  it('gives everyone staff, and the other roles exactly as the directory and settings say', () => {
    for (const v of viewers) {
      const p = v.person;
      expect(v.roles).toContain('staff');
      expect(v.roles.includes('supervisor')).toBe(organisation.people.some((x) => x.supervisorId === p.id && x.id !== p.id));
      expect(v.roles.includes('team-manager')).toBe(p.role === 'team-manager');
      expect(v.roles.includes('service-manager')).toBe(p.role === 'service-manager');
      expect(v.roles.includes('psw')).toBe(p.role === 'principal-social-worker');
      expect(v.roles.includes('admin')).toBe(p.id === who.admin.id);
      expect(v.roles.includes('management-team')).toBe(p.id === who.managementTeam.id);
    }
  });

  it('gives no admin or management team without settings', () => {
    for (const p of organisation.people) expect(rolesOf(p, organisation, { admins: [], managementTeam: [] }).some((r) => r === 'admin' || r === 'management-team')).toBe(false);
  });
});

describe('capabilities', () => {
  const table: [keyof typeof who, Capability[], Capability[]][] = [
    [
      'staff',
      ['take-survey', 'view-results', 'view-actions'],
      ['view-breakdowns', 'view-comments', 'view-audit-compliance', 'view-supervision', 'edit-actions', 'send-you-said-we-did', 'manage-cycles', 'view-unpublished-results'],
    ],
    ['supervisor', ['take-survey', 'view-results', 'view-audit-compliance', 'view-supervision'], ['view-breakdowns', 'view-comments', 'edit-actions', 'send-you-said-we-did']],
    [
      'teamManager',
      ['take-survey', 'view-breakdowns', 'view-audit-compliance', 'edit-actions'],
      ['view-organisation-breakdowns', 'view-comments', 'send-you-said-we-did', 'manage-cycles', 'view-unpublished-results'],
    ],
    ['serviceManager', ['view-breakdowns', 'view-audit-compliance', 'edit-actions'], ['take-survey', 'view-organisation-breakdowns', 'view-comments', 'send-you-said-we-did']],
    ['managementTeam', ['view-organisation-breakdowns', 'view-audit-compliance', 'edit-actions', 'view-unpublished-results'], ['view-comments', 'send-you-said-we-did', 'manage-cycles']],
    ['psw', ['view-organisation-breakdowns', 'view-comments', 'send-you-said-we-did', 'manage-cycles', 'view-unpublished-results'], ['take-survey']],
    ['admin', ['take-survey', 'view-organisation-breakdowns', 'view-comments', 'send-you-said-we-did', 'manage-cycles'], []],
  ];
  // The framework's: its workflows seen by those who supervise or manage, run by the PSW and admins, endorsed by the management team.
  const framework: [keyof typeof who, Capability[], Capability[]][] = [
    ['staff', [], ['view-framework', 'manage-framework', 'endorse-self-assessment', 'administer']],
    ['supervisor', ['view-framework'], ['manage-framework', 'endorse-self-assessment', 'administer']],
    ['teamManager', ['view-framework'], ['manage-framework', 'endorse-self-assessment', 'administer']],
    ['serviceManager', ['view-framework'], ['manage-framework', 'endorse-self-assessment', 'administer']],
    ['managementTeam', ['view-framework', 'endorse-self-assessment'], ['manage-framework', 'administer']],
    ['psw', ['view-framework', 'manage-framework', 'administer'], ['endorse-self-assessment']],
    ['admin', ['view-framework', 'manage-framework', 'administer'], ['endorse-self-assessment']],
  ];
  it.each(framework)("%s has the framework's capabilities the role needs and nothing more", (role, yes, no) => {
    const v = viewerOf(who[role], organisation, settings);
    for (const c of yes) expect([c, can(v, c)]).toEqual([c, true]);
    for (const c of no) expect([c, can(v, c)]).toEqual([c, false]);
  });
  it.each(table)('%s has what the role needs and nothing more', (role, yes, no) => {
    const v = viewerOf(who[role], organisation, settings);
    for (const c of yes) expect([c, can(v, c)]).toEqual([c, true]);
    for (const c of no) expect([c, can(v, c)]).toEqual([c, false]);
  });
});

describe('scope of named records', () => {
  it('matches an independent reading of the directory for every viewer and every person', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (const v of viewers) {
      for (const target of organisation.people) {
        if (personInScope(v.scope, target) !== expectedInScope(v.person, v.roles, target)) wrong.push(`${v.person.id} → ${target.id}`);
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(organisation.people.length ** 2);
  });

  it('is the whole organisation for aggregates only for the management team, PSW and admins', () => {
    for (const v of viewers) expect(v.aggregateScope.all).toBe(v.roles.some((r) => r === 'management-team' || r === 'psw' || r === 'admin'));
    // The management team's named scope stays their own service.
    const mt = viewerOf(who.managementTeam, organisation, settings);
    expect(mt.scope.all).toBe(false);
    expect(mt.scope.kind).toBe('service');
  });

  it('gives a service manager exactly the teams of their service area', () => {
    const v = viewerOf(who.serviceManager, organisation, settings);
    const areas = new Set(v.scope.teamIds.map(area));
    expect(areas.size).toBe(1);
    expect(v.scope.teamIds).toEqual(
      organisation.teams
        .filter((t) => areas.has(t.serviceArea))
        .map((t) => t.id)
        .sort(),
    );
  });
});

describe('audit tasks in scope', () => {
  const { tasks } = planYearWithFindings({ rules: DEFAULT_AUDIT_RULES, organisation, year: 2026, seed: 42, existing: [], today: asIsoDate('2026-04-01') });
  const byId = new Map(organisation.people.map((p) => [p.id as string, p]));
  const person = (id: string) => byId.get(id) as Person;
  it('covers a task when who it is about or who carries it out is in scope, for every viewer and task', () => {
    expect(tasks.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    let inScope = 0;
    for (const v of viewers) {
      for (const t of tasks) {
        const auditor = expectedInScope(v.person, v.roles, person(t.auditorId));
        const subject =
          t.subject.kind === 'person' ? expectedInScope(v.person, v.roles, person(t.subject.personId)) : t.subject.kind === 'team' ? v.scope.all || v.scope.teamIds.includes(t.subject.teamId) : false;
        const actual = taskInScope(v.scope, t, organisation);
        if (actual) inScope++;
        if (actual !== (auditor || subject)) wrong.push(`${v.person.id} → ${t.id}`);
      }
    }
    expect(wrong).toEqual([]);
    // Neither everything nor nothing: the rule discriminates.
    expect(inScope).toBeGreaterThan(tasks.length);
    expect(inScope).toBeLessThan((viewers.length * tasks.length) / 2);
  });
  it('gives staff only their own audits and a supervisor only theirs and their supervisees', () => {
    const staff = viewerOf(who.staff, organisation, settings);
    for (const t of tasks.filter((x) => taskInScope(staff.scope, x, organisation))) {
      expect(t.auditorId === who.staff.id || (t.subject.kind === 'person' && t.subject.personId === who.staff.id)).toBe(true);
    }
    const sup = viewerOf(who.supervisor, organisation, settings);
    for (const t of tasks.filter((x) => taskInScope(sup.scope, x, organisation))) {
      const ids = [t.auditorId as string, t.subject.kind === 'person' ? (t.subject.personId as string) : ''];
      expect(ids.some((id) => id === who.supervisor.id || person(id)?.supervisorId === who.supervisor.id)).toBe(true);
    }
  });
});

describe('breakdowns', () => {
  const bys: BreakdownBy[] = ['team', 'service', 'role', 'length-of-service'];
  const teamIds = organisation.teams.map((t) => t.id);
  const areas = [...new Set(organisation.teams.map((t) => t.serviceArea))];
  const shown = (v: Viewer, by: BreakdownBy): string[] | 'refused' => {
    const d = breakdownAccess(v, by);
    if (!d.ok) return 'refused';
    return (by === 'team' ? teamIds : by === 'service' ? areas : ['any']).filter((id) => d.showGroup(id));
  };
  const table: [keyof typeof who, Record<BreakdownBy, string[] | 'refused'>][] = [
    ['staff', { team: 'refused', service: 'refused', role: 'refused', 'length-of-service': 'refused' }],
    ['supervisor', { team: 'refused', service: 'refused', role: 'refused', 'length-of-service': 'refused' }],
    ['teamManager', { team: ['hospital'], service: [], role: 'refused', 'length-of-service': 'refused' }],
    ['serviceManager', { team: ['hospital', 'intake'], service: ['hospital-and-intake'], role: 'refused', 'length-of-service': 'refused' }],
    ['managementTeam', { team: teamIds, service: areas, role: ['any'], 'length-of-service': ['any'] }],
    ['psw', { team: teamIds, service: areas, role: ['any'], 'length-of-service': ['any'] }],
    ['admin', { team: teamIds, service: areas, role: ['any'], 'length-of-service': ['any'] }],
  ];
  it.each(table)('%s sees the groups of their scope', (role, expected) => {
    const v = viewerOf(who[role], organisation, settings);
    for (const by of bys) expect([by, shown(v, by)]).toEqual([by, expected[by]]);
  });
});

describe('the action plan', () => {
  const v = (role: keyof typeof who) => viewerOf(who[role], organisation, settings);
  const mine = (role: keyof typeof who) => ({ createdBy: who[role].id, ownerId: who[role].id });
  const someoneElses = { createdBy: who.managementTeam.id, ownerId: who.managementTeam.id };
  it('lets PSW and admins change and delete anything, managers only their own, staff nothing', () => {
    for (const role of ['psw', 'admin'] as const) {
      expect(mayEditAction(v(role), someoneElses)).toBe(true);
      expect(mayDeleteAction(v(role), someoneElses)).toBe(true);
    }
    for (const role of ['teamManager', 'serviceManager'] as const) {
      expect(mayEditAction(v(role), mine(role))).toBe(true);
      expect(mayEditAction(v(role), { createdBy: who.psw.id, ownerId: who[role].id })).toBe(true);
      expect(mayDeleteAction(v(role), { createdBy: who.psw.id, ownerId: who[role].id })).toBe(false);
      expect(mayEditAction(v(role), someoneElses)).toBe(false);
    }
    for (const role of ['staff', 'supervisor'] as const) {
      expect(mayEditAction(v(role), { createdBy: who.psw.id, ownerId: who[role].id })).toBe(false);
      expect(mayDeleteAction(v(role), mine(role))).toBe(false);
    }
  });
  it('hides an action linked to an audit the viewer cannot see, even from its creator', () => {
    const hidden = { ...mine('teamManager'), linkedAuditVisible: false };
    expect(mayViewAction(v('teamManager'), hidden)).toBe(false);
    expect(mayEditAction(v('teamManager'), hidden)).toBe(false);
    expect(mayDeleteAction(v('teamManager'), hidden)).toBe(false);
    expect(mayViewAction(v('psw'), hidden)).toBe(true);
    expect(mayViewAction(v('staff'), { ...someoneElses, linkedAuditVisible: true })).toBe(true);
  });
});

describe('odd directories', () => {
  const person = (id: string, role: Person['role'], teamId: string | undefined, lineManagerId?: string, supervisorId?: string): Person =>
    ({ id, displayName: id, role, teamId, lineManagerId, supervisorId }) as Person;
  const teams = [
    { id: 't1', name: 'T1', serviceArea: 'a' },
    { id: 't2', name: 'T2', serviceArea: 'b' },
  ];
  it('survives a circle of line management', () => {
    const org = { teams, people: [person('sm', 'service-manager', undefined, 'tm'), person('tm', 'team-manager', 't1', 'sm'), person('sw', 'social-worker', 't1', 'tm')] };
    const v = viewerOf(org.people[0]!, org, { admins: [], managementTeam: [] });
    expect(v.scope.teamIds).toEqual(['t1']);
  });
  it('gives a supervisor their supervisees in another team, and nobody else there', () => {
    const org = { teams, people: [person('sup', 'senior-practitioner', 't1'), person('x', 'social-worker', 't2', undefined, 'sup'), person('y', 'social-worker', 't2')] };
    const v = viewerOf(org.people[0]!, org, { admins: [], managementTeam: [] });
    expect(v.roles).toContain('supervisor');
    expect(personInScope(v.scope, org.people[1]!)).toBe(true);
    expect(personInScope(v.scope, org.people[2]!)).toBe(false);
  });
  it('does not make someone their own supervisor', () => {
    const org = { teams, people: [person('me', 'social-worker', 't1', undefined, 'me')] };
    expect(viewerOf(org.people[0]!, org, { admins: [], managementTeam: [] }).roles).toEqual(['staff']);
  });
});
