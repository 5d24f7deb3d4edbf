import { serviceAreaName } from '../organisation/serviceAreas';
import type { Organisation } from '../organisation/types';
import { distribution, periodAverage, workerCaseloads, type Distribution, type PeriodAverage, type WorkerCaseload } from './averages';
import type { PublishedCaseloadAudit } from './published';
import type { AuditPeriod, CaseloadEntry } from './types';

/**
 * The caseload audit's results for a period: averages by team and service area (the council's published caseload audit's
 * method, see ./averages), the spread within each team, weighted figures where weights were
 * given, the workers above the level the PSW set, and earlier published averages beside.
 * This full result names workers; only `viewFor` (./visibility) decides who sees what.
 */

/** The level above which a worker's average caseload is flagged to their managers; the PSW can change it. */
export const DEFAULT_CASELOAD_LEVEL = 30;

export interface TeamCaseloads {
  readonly teamId: string;
  readonly name: string;
  readonly serviceArea: string;
  /** The service area in words, e.g. "All age disability". */
  readonly serviceAreaName: string;
  readonly average: PeriodAverage;
  readonly distribution: Distribution | null;
  /** Earlier published averages for the same team, newest first. */
  readonly previous: readonly { readonly audit: string; readonly average: number }[];
  readonly aboveLevel: number;
}

export interface ServiceAreaCaseloads {
  readonly serviceArea: string;
  readonly serviceAreaName: string;
  readonly teams: readonly string[];
  readonly average: PeriodAverage;
}

export interface CaseloadAudit {
  readonly period: AuditPeriod;
  readonly level: number;
  readonly overall: PeriodAverage;
  readonly teams: readonly TeamCaseloads[];
  readonly serviceAreas: readonly ServiceAreaCaseloads[];
  /** Every worker above the level, highest first. Names people: filter with `viewFor`. */
  readonly aboveLevel: readonly WorkerCaseload[];
  /** Entries for people the directory does not know (counted in averages, flagged to nobody). */
  readonly unmatched: number;
}

export function caseloadAudit(
  entries: readonly CaseloadEntry[],
  organisation: Organisation,
  period: AuditPeriod,
  options: { readonly level?: number; readonly history?: readonly PublishedCaseloadAudit[] } = {},
): CaseloadAudit {
  const level = options.level ?? DEFAULT_CASELOAD_LEVEL;
  const inPeriod = entries.filter((e) => e.month >= period.from && e.month <= period.to);
  const workers = workerCaseloads(inPeriod);
  const above = workers.filter((w) => w.average > level).sort((a, b) => b.average - a.average || a.workerName.localeCompare(b.workerName));
  const teamIds = [...new Set([...organisation.teams.map((t) => t.id), ...inPeriod.map((e) => e.teamId)])];
  const teamInfo = new Map(organisation.teams.map((t) => [t.id, t]));
  const teams: TeamCaseloads[] = teamIds
    .filter((id) => inPeriod.some((e) => e.teamId === id))
    .map((teamId) => {
      const team = teamInfo.get(teamId);
      return {
        teamId,
        name: team?.name ?? teamId,
        serviceArea: team?.serviceArea ?? '',
        serviceAreaName: serviceAreaName(team?.serviceArea ?? ''),
        average: periodAverage(inPeriod.filter((e) => e.teamId === teamId)),
        distribution: distribution(workers.filter((w) => w.teamId === teamId).map((w) => w.average)),
        previous: (options.history ?? []).flatMap((h) => h.averages.filter((a) => a.teamId === teamId).map((a) => ({ audit: h.id, average: a.average }))),
        aboveLevel: above.filter((w) => w.teamId === teamId).length,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const areas = [...new Set(teams.map((t) => t.serviceArea))].sort();
  const serviceAreas = areas.map((serviceArea) => {
    const ids = teams.filter((t) => t.serviceArea === serviceArea).map((t) => t.teamId);
    return { serviceArea, serviceAreaName: serviceAreaName(serviceArea), teams: ids, average: periodAverage(inPeriod.filter((e) => ids.includes(e.teamId))) };
  });
  return { period, level, overall: periodAverage(inPeriod), teams, serviceAreas, aboveLevel: above, unmatched: inPeriod.filter((e) => e.workerId === undefined).length };
}
