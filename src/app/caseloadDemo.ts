import { CASELOAD_AUDIT_2019_20 } from '../domain/caseloads/published';
import { monthsIn, type AuditPeriod, type CaseloadEntry } from '../domain/caseloads/types';
import type { Organisation } from '../domain/organisation/types';

/**
 * Demo caseloads for the demo organisation: every practitioner, each month of the period,
 * around the team's 2019/20 published average so the demo reads like the council's audit,
 * with a deterministic spread (no randomness: the same figures every start) and a few
 * workers above the default level so the flags have something to show. Invented figures.
 */
export function demoCaseloads(organisation: Organisation, period: AuditPeriod): CaseloadEntry[] {
  const practitioners = organisation.people.filter((p) => p.teamId !== undefined && ['social-worker', 'senior-practitioner', 'social-care-professional', 'occupational-therapist', 'ot-assistant'].includes(p.role) && p.leftOn === undefined);
  const months = monthsIn(period);
  return practitioners.flatMap((person, i) =>
    months.map((month, m) => {
      const base = CASELOAD_AUDIT_2019_20.averages.find((a) => a.teamId === person.teamId)?.average ?? 20;
      // −6 … +6 around the team's figure, varying by person and month; every 23rd person carries a heavy caseload.
      const spread = ((i * 7 + m * 3) % 13) - 6;
      const heavy = i % 23 === 5 ? 14 : 0;
      const openCases = Math.max(3, Math.round(base + spread + heavy - (person.role === 'senior-practitioner' ? 3 : 0)));
      const weights = person.teamId === 'hospital' || person.teamId === 'all-age-case-management' ? { complexity: 1 + ((i + m) % 4) / 10, travel: person.teamId === 'hospital' ? 1 : 1.2 } : {};
      return { workerId: person.id, workerName: person.displayName, teamId: person.teamId!, month, openCases, weights, source: 'import' as const };
    }),
  );
}

/** The same as a Care Director CSV export, for trying `phc caseloads import` and for tests. */
export function demoCaseloadCsv(entries: readonly CaseloadEntry[]): string {
  const rows = entries.map((e) => [e.workerId ?? e.workerName, e.teamId, e.month, e.openCases, e.weights.complexity ?? '', e.weights.risk ?? '', e.weights.travel ?? ''].join(','));
  return ['worker,team,month,open_cases,complexity_weight,risk_weight,travel_weight', ...rows].join('\n') + '\n';
}
