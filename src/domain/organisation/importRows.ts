import { humaniseId } from './serviceAreas';
import { asIsoDate, asUserId, isoDateProblem, type UserId } from '../shared/brand';
import type { Organisation, Person, StaffRole, Team } from './types';

/**
 * Organisation rows (one person per row) from a CSV, checked. Pure: reading the file is the
 * caller's job. All or nothing: every bad row is reported by line, and if there is any
 * problem no organisation is given back.
 *
 * Columns: `id` (Entra object id or a local id), `display_name`, `role`, `team` (team id),
 * `service_area`, `line_manager_id`, `supervisor_id`, optional `leaving_date` and `team_name`.
 */

export const ORG_COLUMNS = ['id', 'display_name', 'role', 'team', 'service_area', 'line_manager_id', 'supervisor_id'] as const;
export const OPTIONAL_ORG_COLUMNS = ['leaving_date', 'team_name'] as const;

export interface OrgRow {
  /** Line in the file, for the report. */
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface OrgRowProblem {
  readonly line: number;
  /** The column at fault as the file names it (`role`); absent for the file as a whole. */
  readonly column?: string;
  /** Where that column is in the file (from 1), when the file has a header row. */
  readonly columnNumber?: number;
  readonly message: string;
}

export type OrgRowsResult = { readonly ok: true; readonly organisation: Organisation } | { readonly ok: false; readonly problems: readonly OrgRowProblem[] };

const ROLE_WORDS: Readonly<Record<string, StaffRole>> = {
  'social worker': 'social-worker',
  'senior practitioner': 'senior-practitioner',
  'senior social worker': 'senior-practitioner',
  'social care professional': 'social-care-professional',
  'social care practitioner': 'social-care-professional',
  'community case worker': 'social-care-professional',
  'case worker': 'social-care-professional',
  'occupational therapist': 'occupational-therapist',
  ot: 'occupational-therapist',
  'ot assistant': 'ot-assistant',
  'occupational therapy assistant': 'ot-assistant',
  'occupational therapist assistant': 'ot-assistant',
  'team manager': 'team-manager',
  'service manager': 'service-manager',
  'head of service': 'service-manager',
  'principal social worker': 'principal-social-worker',
  psw: 'principal-social-worker',
};

/** A role from its id (`social-worker`) or the council's words ("Social Worker", "OT Assistant"), any case. */
export function roleFromWords(raw: string): StaffRole | undefined {
  const words = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  return ROLE_WORDS[words];
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());

const humanise = humaniseId;

export function checkOrganisationRows(rows: readonly OrgRow[]): OrgRowsResult {
  const problems: OrgRowProblem[] = [];
  if (rows.length === 0) return { ok: false, problems: [{ line: 1, message: 'The file has nobody in it.' }] };
  const columns = new Set(rows.flatMap((r) => Object.keys(r.values)));
  const missing = ORG_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) problems.push({ line: 1, message: `The file has no ${missing.map((c) => `"${c}"`).join(', ')} ${missing.length === 1 ? 'column' : 'columns'}.` });
  const known = new Set<string>([...ORG_COLUMNS, ...OPTIONAL_ORG_COLUMNS]);
  const unknown = [...columns].filter((c) => !known.has(c));
  if (unknown.length > 0)
    problems.push({ line: 1, message: `The file has columns this import does not know: ${unknown.join(', ')}. Expected ${[...ORG_COLUMNS, ...OPTIONAL_ORG_COLUMNS].join(', ')}.` });
  if (problems.length > 0) return { ok: false, problems };

  const lineOf = new Map<string, number>();
  const people: Person[] = [];
  const teams = new Map<string, Team & { readonly line: number }>();
  const managerLinks: { line: number; id: string; lineManagerId: string; supervisorId: string }[] = [];

  for (const row of rows) {
    const bad = (column: string, message: string) => problems.push({ line: row.line, column, message });
    const before = problems.length;
    const id = text(row.values.id);
    const name = text(row.values.display_name);
    const rawRole = text(row.values.role);
    const teamId = text(row.values.team);
    const serviceArea = text(row.values.service_area);
    const lineManagerId = text(row.values.line_manager_id);
    const supervisorId = text(row.values.supervisor_id);
    const leaving = text(row.values.leaving_date);
    const teamName = text(row.values.team_name);

    if (id === '') bad('id', 'The id is missing.');
    else if (lineOf.has(id)) bad('id', `The id "${id}" is used twice (first on line ${lineOf.get(id)}).`);
    if (name === '') bad('display_name', `The name is missing${id ? ` for ${id}` : ''}.`);
    const role = roleFromWords(rawRole);
    if (rawRole === '') bad('role', 'The role is missing.');
    else if (!role)
      bad(
        'role',
        `"${rawRole}" is not a role this app knows (for example Social Worker, Senior Practitioner, Community Case Worker, Occupational Therapist, OT Assistant, Team Manager, Service Manager, Principal Social Worker).`,
      );
    if (teamId !== '' && serviceArea === '') bad('service_area', `Team "${teamId}" needs a service area.`);
    if (teamId === '' && teamName !== '') bad('team', 'A team name is given but no team id.');
    if (teamId !== '' && serviceArea !== '') {
      const existing = teams.get(teamId);
      if (existing && existing.serviceArea !== serviceArea) bad('service_area', `Team "${teamId}" is in service area "${existing.serviceArea}" on line ${existing.line} but "${serviceArea}" here.`);
      else if (!existing) teams.set(teamId, { id: teamId, name: teamName || humanise(teamId), serviceArea, line: row.line });
      else if (teamName !== '' && existing.name === humanise(teamId)) teams.set(teamId, { ...existing, name: teamName });
    }
    if (id !== '' && lineManagerId === id) bad('line_manager_id', `${name || id} is their own line manager.`);
    if (id !== '' && supervisorId === id) bad('supervisor_id', `${name || id} is their own supervisor.`);
    let leftOn: string | undefined;
    if (leaving !== '') {
      const problem = isoDateProblem(leaving.slice(0, 10));
      if (problem === undefined) leftOn = asIsoDate(leaving.slice(0, 10));
      else bad('leaving_date', `The leaving date "${leaving}" ${problem}.`);
    }
    if (id !== '' && !lineOf.has(id)) lineOf.set(id, row.line);
    if (id !== '') managerLinks.push({ line: row.line, id, lineManagerId, supervisorId });
    if (problems.length > before || !role) continue;
    people.push({
      id: asUserId(id),
      displayName: name,
      role,
      teamId: teamId || undefined,
      lineManagerId: lineManagerId ? asUserId(lineManagerId) : undefined,
      supervisorId: supervisorId ? asUserId(supervisorId) : undefined,
      ...(leftOn === undefined ? {} : { leftOn }),
    });
  }

  for (const link of managerLinks) {
    if (link.lineManagerId && link.lineManagerId !== link.id && !lineOf.has(link.lineManagerId)) {
      problems.push({ line: link.line, column: 'line_manager_id', message: `The line manager "${link.lineManagerId}" is not in the file.` });
    }
    if (link.supervisorId && link.supervisorId !== link.id && !lineOf.has(link.supervisorId)) {
      problems.push({ line: link.line, column: 'supervisor_id', message: `The supervisor "${link.supervisorId}" is not in the file.` });
    }
  }
  const names = new Map(people.map((p) => [p.id as string, p.displayName]));
  problems.push(
    ...cycles(people, (p) => p.lineManagerId, 'Line management', names, lineOf).map((x) => ({ ...x, column: 'line_manager_id' })),
    ...cycles(people, (p) => p.supervisorId, 'Supervision', names, lineOf).map((x) => ({ ...x, column: 'supervisor_id' })),
  );

  if (problems.length > 0) return { ok: false, problems: [...problems].sort((a, b) => a.line - b.line) };
  return { ok: true, organisation: { teams: [...teams.values()].map(({ id, name, serviceArea }) => ({ id, name, serviceArea })), people } };
}

/** Each circle (A → B → A) once, reported on the line of its first member in the file. */
export function cycles(people: readonly Person[], next: (p: Person) => UserId | undefined, what: string, names: ReadonlyMap<string, string>, lineOf: ReadonlyMap<string, number>): OrgRowProblem[] {
  const byId = new Map(people.map((p) => [p.id as string, p]));
  const settled = new Set<string>();
  const found: OrgRowProblem[] = [];
  for (const start of people) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | undefined = start.id;
    while (current !== undefined && !settled.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      const person = byId.get(current);
      const following: string | undefined = person ? next(person) : undefined;
      current = following === person?.id ? undefined : following;
    }
    if (current !== undefined && onPath.has(current)) {
      const circle = path.slice(path.indexOf(current));
      const first = [...circle].sort((a, b) => (lineOf.get(a) ?? 0) - (lineOf.get(b) ?? 0))[0] ?? current;
      const from = circle.indexOf(first);
      const ordered = [...circle.slice(from), ...circle.slice(0, from), first].map((id) => names.get(id) ?? id);
      found.push({ line: lineOf.get(first) ?? 1, message: `${what} goes round in a circle: ${ordered.join(' → ')}. Someone in it must report to someone outside it.` });
    }
    for (const id of path) settled.add(id);
  }
  return found;
}
