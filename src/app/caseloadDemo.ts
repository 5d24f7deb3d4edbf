import { demoOrgDataReturn } from './orgDataDemo';
import type { ReportServices } from './app';
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
  const practitioners = organisation.people.filter(
    (p) => p.teamId !== undefined && ['social-worker', 'senior-practitioner', 'social-care-professional', 'occupational-therapist', 'ot-assistant'].includes(p.role) && p.leftOn === undefined,
  );
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

/**
 * With demo data on: caseloads for the last complete audit period, each demo team's 39-steps
 * return for the newest cycle, and a few quality themes for this quarter, each only if there
 * are none yet, so `npm start` shows the caseload audit, the returns, the standards and the
 * Quality Report. Never touches anything already stored.
 */
export async function ensureDemoReports(services: ReportServices, organisation: Organisation): Promise<{ readonly caseloads: number; readonly returns: number; readonly themes: number }> {
  const period = services.caseloads.period();
  const caseloads = (await services.caseloads.hasAny(period)) ? 0 : await services.caseloads.importEntries(demoCaseloads(organisation, period));
  let returns = 0;
  try {
    const view = await services.orgData.byTeam();
    for (const team of view.teams.filter((t) => t.measures === undefined)) {
      const manager = organisation.people.find((p) => p.role === 'team-manager' && p.teamId === team.teamId);
      if (!manager) continue;
      await services.orgData.submit(manager.id, team.teamId, undefined, demoOrgDataReturn(organisation, team.teamId));
      returns++;
    }
  } catch {
    // No live cycle yet: no returns to make.
  }
  let themes = 0;
  if ((await services.qualityReport.themes()).length === 0) {
    const psw = organisation.people.find((p) => p.role === 'principal-social-worker')?.id ?? 'psw';
    for (const [theme, source, note] of DEMO_THEMES) {
      await services.qualityReport.tagTheme(undefined, { theme, source, note, taggedBy: psw });
      themes++;
    }
  }
  return { caseloads, returns, themes };
}

const DEMO_THEMES: readonly (readonly [string, string, string])[] = [
  ['Recording of mental capacity assessments', 'Practice standards audits', 'Decisions recorded but the two-stage test often not evidenced.'],
  ['Recording of mental capacity assessments', 'Supervision audits', 'Raised again in supervision records; training requested.'],
  ['Strengths-based conversations', 'Practice observations', "Good practice seen: people's own words used in assessments."],
  ['Supervision postponed at short notice', 'Supervision audits', 'Hospital and intake teams at times of high demand.'],
];
