import type { Organisation, Person } from '../organisation/types';
import type { CaseloadAudit } from './audit';

/**
 * Who sees which worker is above the caseload level: only their own managers, i.e. anyone in
 * their line-management chain (line manager, that manager's line manager, and so on up).
 * A flag is for a manager to act on in supervision, not a league table: everyone else sees how
 * many are above the level in each team, never who. The Principal Social Worker sees counts
 * only even where the organisation puts them at the top of the chain (as the demo does): their
 * part is the quality of practice across the service, reported to the management team in
 * numbers, not the workload of named people.
 */
export interface CaseloadAuditView extends CaseloadAudit {
  /** Whom the flags were filtered for. */
  readonly viewerId: string;
}

/** The managers above a person, nearest first; stops at a loop rather than running forever. */
export function managersOf(organisation: Organisation, personId: string): string[] {
  const byId = new Map(organisation.people.map((p) => [p.id as string, p]));
  const chain: string[] = [];
  let next = byId.get(personId)?.lineManagerId as string | undefined;
  while (next !== undefined && !chain.includes(next) && next !== personId) {
    chain.push(next);
    next = byId.get(next)?.lineManagerId as string | undefined;
  }
  return chain;
}

/** The audit as `viewer` may see it: every aggregate, and only the flagged workers they manage. */
export function viewFor(audit: CaseloadAudit, viewer: Pick<Person, 'id'>, organisation: Organisation): CaseloadAuditView {
  const isPsw = organisation.people.some((p) => p.id === viewer.id && p.role === 'principal-social-worker');
  if (isPsw) return { ...audit, aboveLevel: [], viewerId: viewer.id };
  const aboveLevel = audit.aboveLevel.filter((w) => w.workerId !== undefined && managersOf(organisation, w.workerId).includes(viewer.id));
  return { ...audit, aboveLevel, viewerId: viewer.id };
}

/** The audit for a report to the management team: aggregates only, nobody named. */
export function withoutNames(audit: CaseloadAudit): CaseloadAudit {
  return { ...audit, aboveLevel: [] };
}
