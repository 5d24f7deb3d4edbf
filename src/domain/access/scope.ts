import type { AuditTask } from '../audit/plan/task';
import type { Organisation, Person } from '../organisation/types';
import type { BreakdownBy } from '../results/types';
import { can, type Scope, type Viewer } from './roles';

/** A person is in scope if the scope is everything, or they are in one of its teams, or named in it. */
export function personInScope(scope: Scope, person: Pick<Person, 'id' | 'teamId'>): boolean {
  return scope.all || scope.personIds.includes(person.id) || (person.teamId !== undefined && scope.teamIds.includes(person.teamId));
}

export function teamInScope(scope: Scope, teamId: string): boolean {
  return scope.all || scope.teamIds.includes(teamId);
}

/**
 * An audit task is in scope when who it is about, or who carries it out, is in scope. A team
 * audit belongs to its team; an organisational one (national standards, thematic review) to
 * whoever carries it out. People not in the directory (leavers) are in scope only for `all`.
 */
export function taskInScope(scope: Scope, task: Pick<AuditTask, 'subject' | 'auditorId'>, organisation: Organisation): boolean {
  if (scope.all) return true;
  const find = (id: string): Pick<Person, 'id' | 'teamId'> => organisation.people.find((p) => p.id === id) ?? { id: id as Person['id'], teamId: undefined };
  if (personInScope(scope, find(task.auditorId))) return true;
  switch (task.subject.kind) {
    case 'person':
      return personInScope(scope, find(task.subject.personId));
    case 'team':
      return teamInScope(scope, task.subject.teamId);
    case 'organisation':
      return false;
  }
}

export type BreakdownDecision = { readonly ok: true; readonly showGroup: (groupId: string) => boolean } | { readonly ok: false; readonly reason: string };

/**
 * Whether a viewer may break results down this way, and which groups they see. Team and
 * service breakdowns are cut to the viewer's own teams or service (a team manager sees their
 * team's column, not their neighbours'); role and length of service cut across every team,
 * so only those who see the whole organisation's aggregates get them. Cutting groups out
 * only ever shows less than the suppressed breakdown, so anonymity is unchanged.
 */
export function breakdownAccess(viewer: Viewer, by: BreakdownBy): BreakdownDecision {
  if (!can(viewer, 'view-breakdowns')) {
    return { ok: false, reason: 'Breakdowns of the results are for managers, the Principal Social Worker and the management team. The whole-cycle results are open to everyone.' };
  }
  const scope = viewer.aggregateScope;
  if (by === 'role' || by === 'length-of-service') {
    if (!can(viewer, 'view-organisation-breakdowns')) {
      return {
        ok: false,
        reason: `Results by ${by.replace(/-/g, ' ')} cover every team, so they are for the Principal Social Worker and the management team. You can see your own team's results by team.`,
      };
    }
    return { ok: true, showGroup: () => true };
  }
  if (scope.all) return { ok: true, showGroup: () => true };
  if (by === 'team') return { ok: true, showGroup: (id) => scope.teamIds.includes(id) };
  const areas = new Set(scope.kind === 'service' ? scope.serviceAreas : []);
  // A service group's id is its service area (see domain/results/breakdown).
  return { ok: true, showGroup: (id) => areas.has(id) };
}

/** What a viewer may do with an action of the action plan. */
export interface ActionFacts {
  readonly createdBy: string;
  readonly ownerId: string;
  /** For an action linked to an audit: whether the viewer may see that audit's task. */
  readonly linkedAuditVisible?: boolean;
}

/** Actions linked to an audit are seen only by those who may see the audit; the rest by everyone. */
export function mayViewAction(viewer: Viewer, action: ActionFacts): boolean {
  return action.linkedAuditVisible !== false || viewer.scope.all;
}

export function mayEditAction(viewer: Viewer, action: ActionFacts): boolean {
  if (!mayViewAction(viewer, action)) return false;
  if (viewer.roles.includes('psw') || viewer.roles.includes('admin')) return true;
  return can(viewer, 'edit-actions') && (action.createdBy === viewer.person.id || action.ownerId === viewer.person.id);
}

export function mayDeleteAction(viewer: Viewer, action: ActionFacts): boolean {
  if (viewer.roles.includes('psw') || viewer.roles.includes('admin')) return true;
  return can(viewer, 'edit-actions') && action.createdBy === viewer.person.id && mayViewAction(viewer, action);
}
