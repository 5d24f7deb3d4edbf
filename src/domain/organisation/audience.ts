import type { FieldError } from '../shared/fieldError';
import { isHealthCheckAudience, type Organisation, type Person, type StaffRole } from './types';

/**
 * Who a cycle asks: everyone the Health Check asks, or only some teams, or only some roles.
 * Always within the Health Check audience: service managers and the PSW run surveys, they are
 * not asked them. Decided from the directory when invitations are queued and when someone
 * answers; never stored with a response.
 */
export const AUDIENCE_KINDS = ['everyone', 'teams', 'roles'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export type Audience = { readonly kind: 'everyone' } | { readonly kind: 'teams'; readonly teamIds: readonly string[] } | { readonly kind: 'roles'; readonly roles: readonly StaffRole[] };

export const EVERYONE: Audience = { kind: 'everyone' };

/** The roles a survey may be sent to (the Health Check audience's roles). */
export const SURVEY_ROLES: readonly StaffRole[] = ['social-worker', 'senior-practitioner', 'social-care-professional', 'occupational-therapist', 'ot-assistant', 'team-manager'];

export function inAudience(audience: Audience | undefined, person: Person): boolean {
  if (!isHealthCheckAudience(person)) return false;
  const a = audience ?? EVERYONE;
  switch (a.kind) {
    case 'everyone':
      return true;
    case 'teams':
      return person.teamId !== undefined && a.teamIds.includes(person.teamId);
    case 'roles':
      return a.roles.includes(person.role);
  }
}

/** Everyone in the organisation the audience asks. */
export function peopleIn(audience: Audience | undefined, organisation: Organisation): Person[] {
  return organisation.people.filter((p) => inAudience(audience, p));
}

const ROLE_WORDS: Readonly<Record<StaffRole, string>> = {
  'social-worker': 'social workers',
  'senior-practitioner': 'senior practitioners',
  'social-care-professional': 'social care professionals',
  'occupational-therapist': 'occupational therapists',
  'ot-assistant': 'OT assistants',
  'team-manager': 'team managers',
  'service-manager': 'service managers',
  'principal-social-worker': 'the Principal Social Worker',
};

const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`);

/** "everyone", "the Hospital team and Intake", "social workers and OT assistants". */
export function describeAudience(audience: Audience | undefined, organisation: Organisation): string {
  const a = audience ?? EVERYONE;
  if (a.kind === 'everyone') return 'everyone';
  if (a.kind === 'roles') return list(a.roles.map((r) => ROLE_WORDS[r]));
  return list(a.teamIds.map((id) => organisation.teams.find((t) => t.id === id)?.name ?? id));
}

/**
 * An audience as sent by the tab or typed at the command line (`teams:hospital,intake`),
 * checked against the directory: known teams and roles, at least one of them. Whether anyone
 * is in it is `audienceProblem`'s to say.
 */
export function parseAudience(input: unknown, organisation: Organisation): { readonly ok: true; readonly audience: Audience } | { readonly ok: false; readonly error: FieldError } {
  const fail = (message: string) => ({ ok: false as const, error: { field: 'audience', message } });
  let raw = input;
  if (typeof raw === 'string') {
    const [kind = '', items = ''] = raw.split(':', 2);
    const ids = items
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    raw = kind === 'teams' ? { kind, teamIds: ids } : kind === 'roles' ? { kind, roles: ids } : { kind };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('Choose who is asked: everyone, some teams or some roles.');
  const a = raw as Record<string, unknown>;
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
  switch (a.kind) {
    case 'everyone':
      return { ok: true, audience: EVERYONE };
    case 'teams': {
      const ids = strings(a.teamIds);
      if (!ids || ids.length === 0) return fail('Choose at least one team to ask.');
      const unknown = ids.filter((id) => !organisation.teams.some((t) => t.id === id));
      if (unknown.length > 0) return fail(`${list(unknown.map((u) => `"${u}"`))} ${unknown.length === 1 ? 'is not a team' : 'are not teams'} in the directory.`);
      return { ok: true, audience: { kind: 'teams', teamIds: [...new Set(ids)] } };
    }
    case 'roles': {
      const roles = strings(a.roles);
      if (!roles || roles.length === 0) return fail('Choose at least one role to ask.');
      const unknown = roles.filter((r) => !(SURVEY_ROLES as readonly string[]).includes(r));
      if (unknown.length > 0) return fail(`${list(unknown.map((u) => `"${u}"`))} cannot be asked: choose from ${SURVEY_ROLES.join(', ')}.`);
      return { ok: true, audience: { kind: 'roles', roles: [...new Set(roles)] as StaffRole[] } };
    }
    default:
      return fail('Choose who is asked: everyone, some teams or some roles.');
  }
}

/**
 * Why a cycle cannot ask this audience, or undefined: nobody in it, or fewer people than the
 * threshold (no result of theirs could ever be shown). An audience of everyone is always
 * allowed: the Health Check asks whoever the directory holds.
 */
export function audienceProblem(audience: Audience, organisation: Organisation, threshold: number): FieldError | undefined {
  if (audience.kind === 'everyone') return undefined;
  const size = peopleIn(audience, organisation).length;
  const who = describeAudience(audience, organisation);
  if (size === 0) return { field: 'audience', message: `Nobody in the directory is in this audience (${who}): choose teams or roles that have staff in them.` };
  if (size < threshold)
    return {
      field: 'audience',
      message: `Only ${size} ${size === 1 ? 'person is' : 'people are'} in this audience (${who}), fewer than the threshold of ${threshold}, so no result could ever be shown: ask more people.`,
    };
  return undefined;
}

/** A stored audience read back (SQLite, SharePoint), shape checked; undefined when it is not one. */
export function readAudience(value: unknown): Audience | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = value as Record<string, unknown>;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
  if (a.kind === 'everyone') return EVERYONE;
  if (a.kind === 'teams' && strings(a.teamIds)) return { kind: 'teams', teamIds: a.teamIds };
  if (a.kind === 'roles' && strings(a.roles) && a.roles.every((r) => (SURVEY_ROLES as readonly string[]).includes(r))) return { kind: 'roles', roles: a.roles as StaffRole[] };
  return undefined;
}
