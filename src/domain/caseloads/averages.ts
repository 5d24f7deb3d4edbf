import { hasWeights, weightOf, type CaseloadEntry, type Month } from './types';

/**
 * The caseload audit's averages, by the method of the council's Caseload and Workload Audit 2019/20: "average caseloads levels within teams
 * averaged over the months of July, August and September". For each month, a team's average
 * is its open cases divided by the workers with a caseload that month; the period's figure is
 * the mean of those monthly averages, each month counting once however many worked in it.
 * That is not the same as pooling every worker-month (a month with more staff would weigh
 * more), and it is what lets a figure stand when a team was short-staffed in one month.
 *
 * Service areas are done the same way over all their teams' workers each month (not the mean
 * of their teams' averages, which would weigh a team of 4 like a team of 14).
 *
 * Figures are published to one decimal place, as in the seed ("Hospital Team average 20.6");
 * unrounded values are kept for anything computed from them.
 */

export interface MonthlyAverage {
  readonly month: Month;
  readonly workers: number;
  readonly openCases: number;
  readonly average: number;
}

export interface PeriodAverage {
  /** Mean of the monthly averages; `null` with no caseloads in the period. */
  readonly average: number | null;
  /** As published: one decimal place. */
  readonly published: number | null;
  readonly months: readonly MonthlyAverage[];
  /** The same over weighted caseloads, where any entry carried weights; else `null`. */
  readonly weightedAverage: number | null;
}

/** Rounds half away from zero to one decimal place, as a report would print it (20.65 → 20.7). */
export function oneDecimal(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9)) / 10;
}

/** Seed 004's average over the months for any set of entries (a team, a service area, everyone). */
export function periodAverage(entries: readonly CaseloadEntry[]): PeriodAverage {
  const byMonth = new Map<Month, CaseloadEntry[]>();
  for (const e of entries) byMonth.set(e.month, [...(byMonth.get(e.month) ?? []), e]);
  const months = [...byMonth.keys()].sort();
  const monthly: MonthlyAverage[] = months.map((month) => {
    const list = byMonth.get(month) ?? [];
    const openCases = list.reduce((s, e) => s + e.openCases, 0);
    return { month, workers: list.length, openCases, average: openCases / list.length };
  });
  const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
  const average = mean(monthly.map((m) => m.average));
  const weighted = entries.some((e) => hasWeights(e.weights))
    ? mean(
        months.map((month) => {
          const list = byMonth.get(month) ?? [];
          return list.reduce((s, e) => s + e.openCases * weightOf(e.weights), 0) / list.length;
        }),
      )
    : null;
  return { average, published: average === null ? null : oneDecimal(average), months: monthly, weightedAverage: weighted };
}

export interface Distribution {
  readonly workers: number;
  readonly lowest: number;
  readonly lowerQuartile: number;
  readonly median: number;
  readonly upperQuartile: number;
  readonly highest: number;
}

/**
 * Quartiles by linear interpolation between ranks (as Excel's QUARTILE.INC), so the figures
 * match what the PSW would get from the same numbers in a spreadsheet.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of nothing');
  const pos = (sorted.length - 1) * q;
  const lower = Math.floor(pos);
  const a = sorted[lower]!;
  const b = sorted[Math.min(lower + 1, sorted.length - 1)]!;
  return a + (b - a) * (pos - lower);
}

/** Spread of the workers' own averages over the period; `null` with nobody. */
export function distribution(perWorker: readonly number[]): Distribution | null {
  if (perWorker.length === 0) return null;
  const sorted = [...perWorker].sort((a, b) => a - b);
  return {
    workers: sorted.length,
    lowest: sorted[0]!,
    lowerQuartile: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    upperQuartile: quantile(sorted, 0.75),
    highest: sorted[sorted.length - 1]!,
  };
}

export interface WorkerCaseload {
  /** The person's id, or `name:<name in the file>` for someone the directory does not know. */
  readonly key: string;
  readonly workerId: string | undefined;
  readonly workerName: string;
  readonly teamId: string;
  /** Mean of the worker's monthly open cases over the months they had a caseload. */
  readonly average: number;
  readonly weightedAverage: number | null;
  readonly months: number;
}

/** Each worker's average over the months they appear, in their team (someone who moved team counts in each). */
export function workerCaseloads(entries: readonly CaseloadEntry[]): WorkerCaseload[] {
  const groups = new Map<string, CaseloadEntry[]>();
  for (const e of entries) {
    const key = `${e.teamId}|${e.workerId ?? `name:${e.workerName.toLowerCase()}`}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()].map((list) => {
    const first = list[0]!;
    const weighted = list.some((e) => hasWeights(e.weights));
    return {
      key: first.workerId ?? `name:${first.workerName}`,
      workerId: first.workerId,
      workerName: first.workerName,
      teamId: first.teamId,
      average: list.reduce((s, e) => s + e.openCases, 0) / list.length,
      weightedAverage: weighted ? list.reduce((s, e) => s + e.openCases * weightOf(e.weights), 0) / list.length : null,
      months: list.length,
    };
  });
}
