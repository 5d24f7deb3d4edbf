import { asUserId, type UserId } from '../shared/brand';
import { cycles, roleFromWords } from './importRows';
import type { Organisation, Person, StaffRole, Team } from './types';

/**
 * From a tenant's directory (Microsoft Entra users: job title, department, manager) to the
 * council's organisation: roles from job titles, teams from departments, line management
 * from the manager. Pure: reading Graph is the adapter's job, choosing the mapping the app's.
 *
 * Job titles and departments are free text typed by HR, so the mapping is data the council
 * can change (a JSON file) and everything it could not place is reported, never silently
 * dropped: someone in a mapped department whose title matches no rule is listed by name.
 */

/** One person as the directory has them. */
export interface DirectoryUser {
  readonly id: string;
  readonly displayName: string;
  readonly jobTitle?: string | null;
  readonly department?: string | null;
  readonly officeLocation?: string | null;
  /** `false` for a disabled account (someone who has left, or not started). */
  readonly accountEnabled?: boolean | null;
  /** `Guest` for someone from another organisation invited into the tenant: never staff here. */
  readonly userType?: string | null;
  /** The manager's object id; undefined when the directory has none. */
  readonly managerId?: string | undefined;
}

/** A job title rule: the first rule whose words appear in the title (any case) gives the role. */
export interface TitleRule {
  readonly contains: string;
  readonly role: StaffRole;
}

/** A team of the service and the directory departments whose people are in it. */
export interface TeamMapping extends Team {
  readonly departments: readonly string[];
}

export interface DirectoryMapping {
  /** In order; the first match wins, so "senior practitioner" goes before "social worker"-like rules. */
  readonly titles: readonly TitleRule[];
  /**
   * The service's teams and their departments. When given, the service is exactly these
   * departments (and `serviceDepartments`); everyone else in the tenant is outside it.
   * When empty, everyone whose title matches a rule is in the service, in a team named after
   * their department.
   */
  readonly teams?: readonly TeamMapping[];
  /** Departments of the service with no team of their own, e.g. the PSW's and service managers'. */
  readonly serviceDepartments?: readonly string[];
  /** The service area of teams made from departments (no `teams` given); default `adult-social-care`. */
  readonly defaultServiceArea?: string;
}

/** The council's usual job titles. More specific words first: the first match wins. */
export const DEFAULT_TITLE_RULES: readonly TitleRule[] = [
  { contains: 'principal social worker', role: 'principal-social-worker' },
  { contains: 'head of service', role: 'service-manager' },
  { contains: 'service manager', role: 'service-manager' },
  { contains: 'team manager', role: 'team-manager' },
  { contains: 'senior practitioner', role: 'senior-practitioner' },
  { contains: 'senior social worker', role: 'senior-practitioner' },
  { contains: 'occupational therapy assistant', role: 'ot-assistant' },
  { contains: 'occupational therapist assistant', role: 'ot-assistant' },
  { contains: 'ot assistant', role: 'ot-assistant' },
  { contains: 'occupational therapist', role: 'occupational-therapist' },
  { contains: 'social worker', role: 'social-worker' },
  { contains: 'community case worker', role: 'social-care-professional' },
  { contains: 'social care professional', role: 'social-care-professional' },
  { contains: 'social care practitioner', role: 'social-care-professional' },
];

export const DEFAULT_DIRECTORY_MAPPING: DirectoryMapping = { titles: DEFAULT_TITLE_RULES };

/** Someone in the service the mapping could not place: not imported, and listed so the mapping can be fixed. */
export interface UnmappedPerson {
  readonly id: string;
  readonly displayName: string;
  readonly jobTitle: string;
  readonly department: string;
}

export interface DirectoryMappingReport {
  /** Users the directory gave. */
  readonly users: number;
  /** People in the organisation made. */
  readonly people: number;
  readonly teams: number;
  /** Disabled accounts: not imported (someone previously imported is then kept as a leaver). */
  readonly disabled: number;
  /** Guests from other organisations (`userType` Guest): never imported, whatever their title. */
  readonly guests: number;
  /** Users in no department of the service (only when the mapping lists teams). */
  readonly outsideService: number;
  /** In a department of the service, but their job title matches no rule: not imported. */
  readonly unmapped: readonly UnmappedPerson[];
  /** Every job title that matched no rule, with how many people have it, most common first. */
  readonly unmappedTitles: readonly { readonly title: string; readonly people: number }[];
  /** People whose manager is not in the service (e.g. a head of service reporting to a director): no line manager here. */
  readonly managerOutside: number;
  /** Supervision kept from the stored organisation because it differs from line management (set by a CSV import). */
  readonly supervisionKept: number;
  /** Reasons the organisation cannot be used (e.g. management in a circle); when any, nothing is saved. */
  readonly problems: readonly string[];
}

export interface DirectoryMappingResult {
  readonly organisation: Organisation;
  readonly report: DirectoryMappingReport;
}

const norm = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
const slug = (s: string): string =>
  norm(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The role for a job title, or undefined. */
export function roleForTitle(title: string | null | undefined, rules: readonly TitleRule[]): StaffRole | undefined {
  const words = norm(title).replace(/[-_]+/g, ' ');
  if (words === '') return undefined;
  return rules.find((r) => words.includes(norm(r.contains)))?.role;
}

/**
 * The organisation from the directory's users. Supervision is line management (the directory
 * knows nothing else), except where `previous` (the stored organisation) records a different
 * supervisor who is still in post: that came from a CSV import and is kept.
 */
export function mapDirectoryUsers(users: readonly DirectoryUser[], mapping: DirectoryMapping, previous?: Organisation): DirectoryMappingResult {
  const teamsGiven = (mapping.teams ?? []).length > 0;
  const teamByDepartment = new Map<string, TeamMapping>();
  for (const t of mapping.teams ?? []) for (const d of t.departments) teamByDepartment.set(norm(d), t);
  const serviceDepartments = new Set((mapping.serviceDepartments ?? []).map(norm));
  const serviceArea = mapping.defaultServiceArea ?? 'adult-social-care';

  let disabled = 0;
  let guests = 0;
  let outsideService = 0;
  const unmapped: UnmappedPerson[] = [];
  const unmappedTitles = new Map<string, number>();
  const placed: { user: DirectoryUser; role: StaffRole; teamId: string | undefined }[] = [];
  const teams = new Map<string, Team>();

  for (const user of [...users].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (user.accountEnabled === false) {
      disabled++;
      continue;
    }
    if (norm(user.userType) === 'guest') {
      guests++;
      continue;
    }
    const department = norm(user.department);
    const mappedTeam = teamByDepartment.get(department);
    const inService = !teamsGiven || mappedTeam !== undefined || serviceDepartments.has(department);
    if (!inService) {
      outsideService++;
      continue;
    }
    const role = roleForTitle(user.jobTitle, mapping.titles);
    if (role === undefined) {
      const title = (user.jobTitle ?? '').trim() || '(no job title)';
      unmappedTitles.set(title, (unmappedTitles.get(title) ?? 0) + 1);
      // Without a list of the service's departments, anyone in the tenant could be here: the titles are reported, not each person.
      if (teamsGiven) unmapped.push({ id: user.id, displayName: user.displayName, jobTitle: title, department: (user.department ?? '').trim() });
      continue;
    }
    let teamId: string | undefined;
    if (mappedTeam) {
      teamId = mappedTeam.id;
      teams.set(mappedTeam.id, { id: mappedTeam.id, name: mappedTeam.name, serviceArea: mappedTeam.serviceArea });
    } else if (!teamsGiven && department !== '' && !managesService(role)) {
      teamId = slug(user.department ?? '');
      teams.set(teamId, { id: teamId, name: (user.department ?? '').trim(), serviceArea });
    }
    placed.push({ user, role, teamId });
  }

  const ids = new Set(placed.map((p) => p.user.id));
  let managerOutside = 0;
  const before = new Map((previous?.people ?? []).map((p) => [p.id as string, p]));
  let supervisionKept = 0;
  const people: Person[] = placed.map(({ user, role, teamId }) => {
    const manager = user.managerId !== undefined && user.managerId !== user.id && ids.has(user.managerId) ? asUserId(user.managerId) : undefined;
    if (user.managerId !== undefined && manager === undefined) managerOutside++;
    const supervisor = keptSupervisor(before.get(user.id), ids) ?? manager;
    if (supervisor !== manager) supervisionKept++;
    return { id: asUserId(user.id), displayName: user.displayName.trim() || user.id, role, teamId, lineManagerId: manager, supervisorId: supervisor };
  });

  const names = new Map(people.map((p) => [p.id as string, p.displayName]));
  const order = new Map(people.map((p, i) => [p.id as string, i + 1]));
  const problems = [...cycles(people, (p) => p.lineManagerId, 'Line management', names, order), ...cycles(people, (p) => p.supervisorId, 'Supervision', names, order)].map((c) => c.message);

  return {
    organisation: { teams: [...teams.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), people },
    report: {
      users: users.length,
      people: people.length,
      teams: teams.size,
      disabled,
      guests,
      outsideService,
      unmapped,
      unmappedTitles: [...unmappedTitles].map(([title, n]) => ({ title, people: n })).sort((a, b) => b.people - a.people || a.title.localeCompare(b.title)),
      managerOutside,
      supervisionKept,
      problems,
    },
  };
}

/** Service managers and the PSW work across teams: their department is not a team. */
function managesService(role: StaffRole): boolean {
  return role === 'service-manager' || role === 'principal-social-worker';
}

/** A supervisor the stored organisation has that is not the line manager, and is still here. */
function keptSupervisor(before: Person | undefined, ids: ReadonlySet<string>): UserId | undefined {
  if (!before?.supervisorId || before.supervisorId === before.lineManagerId || before.supervisorId === before.id) return undefined;
  return ids.has(before.supervisorId) ? before.supervisorId : undefined;
}

const ROLES: readonly StaffRole[] = [
  'social-worker',
  'senior-practitioner',
  'social-care-professional',
  'occupational-therapist',
  'ot-assistant',
  'team-manager',
  'service-manager',
  'principal-social-worker',
];

/**
 * A mapping from its JSON (the file named by `PHC_DIRECTORY_MAPPING`), checked, with problems
 * in plain words. Roles may be ids (`ot-assistant`) or the council's words ("OT Assistant").
 */
export function parseDirectoryMapping(json: unknown): { ok: true; mapping: DirectoryMapping } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, problems: ['The mapping must be a JSON object with "titles" and, optionally, "teams" and "serviceDepartments".'] };
  const raw = json as Record<string, unknown>;
  const known = new Set(['titles', 'teams', 'serviceDepartments', 'defaultServiceArea']);
  for (const key of Object.keys(raw)) if (!known.has(key)) problems.push(`"${key}" is not something the mapping understands (expected titles, teams, serviceDepartments, defaultServiceArea).`);

  const titles: TitleRule[] = [];
  if (raw.titles === undefined) titles.push(...DEFAULT_TITLE_RULES);
  else if (!Array.isArray(raw.titles)) problems.push('"titles" must be a list of { "contains": "…", "role": "…" }.');
  else
    raw.titles.forEach((r: unknown, i) => {
      const rule = (r ?? {}) as Record<string, unknown>;
      const contains = typeof rule.contains === 'string' ? rule.contains.trim() : '';
      const role = typeof rule.role === 'string' ? (ROLES.includes(rule.role as StaffRole) ? (rule.role as StaffRole) : roleFromWords(rule.role)) : undefined;
      if (contains === '') problems.push(`Title rule ${i + 1} needs the words to look for in "contains".`);
      if (role === undefined) problems.push(`Title rule ${i + 1}: "${String(rule.role)}" is not a role (one of ${ROLES.join(', ')}).`);
      if (contains !== '' && role !== undefined) titles.push({ contains, role });
    });

  const teams: TeamMapping[] = [];
  if (raw.teams !== undefined && !Array.isArray(raw.teams)) problems.push('"teams" must be a list of { "id", "name", "serviceArea", "departments": [] }.');
  else
    ((raw.teams as unknown[] | undefined) ?? []).forEach((t: unknown, i) => {
      const team = (t ?? {}) as Record<string, unknown>;
      const id = typeof team.id === 'string' ? team.id.trim() : '';
      const departments = Array.isArray(team.departments) ? team.departments.filter((d): d is string => typeof d === 'string' && d.trim() !== '') : [];
      if (id === '') problems.push(`Team ${i + 1} needs an "id", e.g. "hospital".`);
      if (departments.length === 0) problems.push(`Team ${id || i + 1} needs at least one department in "departments", as written in the directory.`);
      const name = typeof team.name === 'string' && team.name.trim() !== '' ? team.name.trim() : id;
      const area = typeof team.serviceArea === 'string' && team.serviceArea.trim() !== '' ? team.serviceArea.trim() : 'adult-social-care';
      if (id !== '' && departments.length > 0) teams.push({ id, name, serviceArea: area, departments });
    });
  const seen = new Map<string, string>();
  for (const t of teams)
    for (const d of t.departments) {
      const other = seen.get(norm(d));
      if (other !== undefined && other !== t.id) problems.push(`The department "${d}" is in two teams (${other} and ${t.id}).`);
      seen.set(norm(d), t.id);
    }

  const serviceDepartments = raw.serviceDepartments === undefined ? [] : Array.isArray(raw.serviceDepartments) ? raw.serviceDepartments.filter((d): d is string => typeof d === 'string') : undefined;
  if (serviceDepartments === undefined) problems.push('"serviceDepartments" must be a list of department names.');
  const defaultServiceArea = typeof raw.defaultServiceArea === 'string' && raw.defaultServiceArea.trim() !== '' ? raw.defaultServiceArea.trim() : undefined;

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, mapping: { titles, teams, serviceDepartments: serviceDepartments ?? [], ...(defaultServiceArea ? { defaultServiceArea } : {}) } };
}
