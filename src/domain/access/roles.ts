import { isHealthCheckAudience, type Organisation, type Person, type StaffRole } from '../organisation/types';

/**
 * Who may see and do what in the tab, from the directory alone. Pure: the server works out
 * the viewer once per request and asks these rules; nothing in the browser decides.
 *
 * Roles stack: a team manager who supervises seniors is both. Admins and the management
 * team are not directory roles, so they come from configuration (`PHC_ADMINS`,
 * `PHC_MANAGEMENT_TEAM`).
 */

/** The roles a person holds in the tab (several at once, e.g. a team manager who supervises). */
export type TabRole = 'staff' | 'supervisor' | 'team-manager' | 'service-manager' | 'psw' | 'admin' | 'management-team' | 'dpo';

/** What a person may do in the tab, worked out on the server from the directory. */
export type Capability =
  /** Take the open survey (everyone in the Health Check audience). */
  | 'take-survey'
  /** Whole-cycle results, trends, rises and falls, overall response rate. */
  | 'view-results'
  /** Breakdowns by team / service within their scope. */
  | 'view-breakdowns'
  /** Breakdowns by role and length of service across the organisation. */
  | 'view-organisation-breakdowns'
  /** Free-text comments (where the free-text threshold is met). */
  | 'view-comments'
  /** Audit compliance and overdue lists within scope. */
  | 'view-audit-compliance'
  /** Supervision frequency within scope. */
  | 'view-supervision'
  | 'view-actions'
  | 'edit-actions'
  /** Send "You said, we did" to all staff. */
  | 'send-you-said-we-did'
  | 'manage-cycles'
  /** Focus groups and thematic reviews they take part in; all of them for the PSW, admins and management team. */
  | 'view-framework'
  /** Schedule focus groups, plan thematic reviews, start and submit the self-assessments. */
  | 'manage-framework'
  /** Endorse (or return) a submitted self-assessment: the management team's formal assurance. */
  | 'endorse-self-assessment'
  /** The admin pages: organisation and caseload uploads, the caseload level, quality themes, the audit plan's rules. */
  | 'administer'
  /** A closed cycle's results before the PSW publishes them to staff (ADR 0021). */
  | 'view-unpublished-results'
  // Data protection (ADR 0023).
  /** Everything held about one person (subject access): the PSW and the Data Protection Officer. */
  | 'export-person'
  /** Who read or exported named records: the Data Protection Officer. */
  | 'view-access-log'
  /** The retention schedule, what is due, legal holds and the disposal log. */
  | 'view-retention';

export interface AccessSettings {
  /** Person ids with the PSW's reach (cycle management, everything). */
  readonly admins: readonly string[];
  /** Person ids who see every aggregate (compliance rows, supervision shares, all breakdowns). */
  readonly managementTeam: readonly string[];
  /** Person ids of the council's Data Protection Officer (and deputies): the access log, retention, subject access. */
  readonly dataProtectionOfficers?: readonly string[];
}

/**
 * Whose named records a person sees. Union semantics: someone is in scope if `all`, or in one
 * of `teamIds`, or one of `personIds` (the viewer and their supervisees).
 */
export interface Scope {
  readonly kind: 'all' | 'service' | 'team' | 'supervisees' | 'self';
  readonly all: boolean;
  readonly serviceAreas: readonly string[];
  readonly teamIds: readonly string[];
  readonly personIds: readonly string[];
}

export interface Viewer {
  readonly person: Person;
  readonly roles: readonly TabRole[];
  readonly capabilities: readonly Capability[];
  /** Named records: audits, overdue lists, who missed supervision, audit-linked actions. */
  readonly scope: Scope;
  /** Aggregates: compliance rows, supervision shares, response rates, breakdown groups. */
  readonly aggregateScope: Scope;
}

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  'social-worker': 'Social worker',
  'senior-practitioner': 'Senior practitioner',
  'social-care-professional': 'Social care professional',
  'occupational-therapist': 'Occupational therapist',
  'ot-assistant': 'OT assistant',
  'team-manager': 'Team manager',
  'service-manager': 'Service manager',
  'principal-social-worker': 'Principal Social Worker',
};

export function rolesOf(person: Person, organisation: Organisation, settings: AccessSettings): TabRole[] {
  const roles: TabRole[] = ['staff'];
  if (organisation.people.some((p) => p.supervisorId === person.id && p.id !== person.id)) roles.push('supervisor');
  if (person.role === 'team-manager') roles.push('team-manager');
  if (person.role === 'service-manager') roles.push('service-manager');
  if (person.role === 'principal-social-worker') roles.push('psw');
  if (settings.admins.includes(person.id)) roles.push('admin');
  if (settings.managementTeam.includes(person.id)) roles.push('management-team');
  if (settings.dataProtectionOfficers?.includes(person.id)) roles.push('dpo');
  return roles;
}

const has = (roles: readonly TabRole[], ...any: TabRole[]): boolean => any.some((r) => roles.includes(r));

export function capabilitiesOf(person: Person, roles: readonly TabRole[]): Capability[] {
  const out: Capability[] = [];
  if (isHealthCheckAudience(person)) out.push('take-survey');
  out.push('view-results');
  if (has(roles, 'team-manager', 'service-manager', 'psw', 'admin', 'management-team')) out.push('view-breakdowns');
  if (has(roles, 'psw', 'admin', 'management-team')) out.push('view-organisation-breakdowns');
  // Comments are people's own words, not aggregates: the PSW reads them (as today, by hand).
  if (has(roles, 'psw', 'admin')) out.push('view-comments');
  if (has(roles, 'supervisor', 'team-manager', 'service-manager', 'psw', 'admin', 'management-team')) out.push('view-audit-compliance', 'view-supervision');
  out.push('view-actions');
  if (has(roles, 'team-manager', 'service-manager', 'psw', 'admin', 'management-team')) out.push('edit-actions');
  if (has(roles, 'psw', 'admin')) out.push('send-you-said-we-did', 'manage-cycles');
  if (has(roles, 'supervisor', 'team-manager', 'service-manager', 'psw', 'admin', 'management-team')) out.push('view-framework');
  if (has(roles, 'psw', 'admin')) out.push('manage-framework', 'administer');
  if (has(roles, 'management-team')) out.push('endorse-self-assessment');
  // Those who check results before staff see them: the PSW, admins and the management team.
  if (has(roles, 'psw', 'admin', 'management-team')) out.push('view-unpublished-results');
  if (has(roles, 'psw', 'dpo')) out.push('export-person');
  if (has(roles, 'dpo')) out.push('view-access-log');
  if (has(roles, 'psw', 'admin', 'dpo')) out.push('view-retention');
  return out;
}

/** Everyone below a person in line management, at any depth (guarding against loops). */
export function reportsOf(organisation: Organisation, managerId: string): Person[] {
  const byManager = new Map<string, Person[]>();
  for (const p of organisation.people) {
    if (p.lineManagerId === undefined) continue;
    const list = byManager.get(p.lineManagerId) ?? [];
    list.push(p);
    byManager.set(p.lineManagerId, list);
  }
  const seen = new Set<string>([managerId]);
  const out: Person[] = [];
  const queue = [...(byManager.get(managerId) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as Person;
    if (seen.has(next.id)) continue;
    seen.add(next.id);
    out.push(next);
    queue.push(...(byManager.get(next.id) ?? []));
  }
  return out;
}

const uniq = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

export function scopeOf(person: Person, organisation: Organisation, roles: readonly TabRole[]): Scope {
  if (has(roles, 'psw', 'admin')) return { kind: 'all', all: true, serviceAreas: [], teamIds: [], personIds: [] };
  const supervisees = organisation.people.filter((p) => p.supervisorId === person.id && p.id !== person.id).map((p) => p.id as string);
  const personIds = uniq([person.id, ...supervisees]);
  const areaOf = new Map(organisation.teams.map((t) => [t.id, t.serviceArea]));
  if (has(roles, 'service-manager')) {
    // Their service: the teams of the people they line-manage, at any depth.
    const teamIds = uniq([...reportsOf(organisation, person.id).map((p) => p.teamId), person.teamId].filter((t): t is string => t !== undefined));
    const serviceAreas = uniq(teamIds.map((t) => areaOf.get(t)).filter((a): a is string => a !== undefined));
    return { kind: 'service', all: false, serviceAreas, teamIds, personIds };
  }
  if (has(roles, 'team-manager')) {
    const teamIds = uniq([person.teamId, ...reportsOf(organisation, person.id).map((p) => p.teamId)].filter((t): t is string => t !== undefined));
    return { kind: 'team', all: false, serviceAreas: [], teamIds, personIds };
  }
  if (has(roles, 'supervisor')) return { kind: 'supervisees', all: false, serviceAreas: [], teamIds: [], personIds };
  return { kind: 'self', all: false, serviceAreas: [], teamIds: [], personIds };
}

export const ALL: Scope = { kind: 'all', all: true, serviceAreas: [], teamIds: [], personIds: [] };

export function viewerOf(person: Person, organisation: Organisation, settings: AccessSettings): Viewer {
  const roles = rolesOf(person, organisation, settings);
  const scope = scopeOf(person, organisation, roles);
  return { person, roles, capabilities: capabilitiesOf(person, roles), scope, aggregateScope: roles.includes('management-team') ? ALL : scope };
}

export function can(viewer: Viewer, capability: Capability): boolean {
  return viewer.capabilities.includes(capability);
}
