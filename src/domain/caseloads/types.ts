import type { UserId } from '../shared/brand';

/** A calendar month, `YYYY-MM`, e.g. `2026-07`. */
export type Month = string;

/**
 * Optional case weights, as multipliers where 1 is a typical case mix (the council's Caseload and Workload Audit 2019/20: "weighting is
 * usually articulated in terms of complexity, risk and time (travel)"). A worker whose cases
 * are twice as complex as usual has complexity 2; the weighted caseload multiplies them in.
 */
export interface CaseWeights {
  readonly complexity?: number;
  readonly risk?: number;
  readonly travel?: number;
}

/** Where a month's figure came from: the case management system's export, or a team manager's return. */
export type CaseloadSource = 'import' | 'manager-return';

/**
 * One worker's open allocated cases at one month, in one team.
 *
 * @example { workerId: 'demo-012', workerName: 'Maya Green', teamId: 'hospital', month: '2026-07', openCases: 21, weights: {}, source: 'import' }
 */
export interface CaseloadEntry {
  /** `undefined` when the export named someone the organisation does not know: kept, not dropped. */
  readonly workerId: UserId | undefined;
  /** As the file or the directory gave it, so an unmatched worker can still be recognised. */
  readonly workerName: string;
  readonly teamId: string;
  readonly month: Month;
  readonly openCases: number;
  readonly weights: CaseWeights;
  readonly source: CaseloadSource;
}

/** The months an audit covers, inclusive, e.g. July–September. */
export interface AuditPeriod {
  readonly from: Month;
  readonly to: Month;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (s: string): boolean => MONTH.test(s);

/** Months from `from` to `to` inclusive. */
export function monthsIn(period: AuditPeriod): Month[] {
  const out: Month[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  for (let key = period.from; key <= period.to;) {
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    key = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}

/**
 * The seed's audit period: July to September. Before October of a year the last complete one
 * is the previous year's.
 */
export function defaultAuditPeriod(today: string): AuditPeriod {
  const year = Number(today.slice(0, 4));
  const auditYear = today.slice(5, 7) >= '10' ? year : year - 1;
  return { from: `${auditYear}-07`, to: `${auditYear}-09` };
}

/** `2026-07..2026-09` (or a single month `2026-07`); `undefined` if it cannot be read. */
export function parsePeriod(text: string): AuditPeriod | undefined {
  const [from, rawTo, extra] = text.trim().split('..');
  const to = rawTo ?? from;
  if (extra !== undefined || from === undefined || to === undefined || !isMonth(from) || !isMonth(to) || from > to) return undefined;
  return { from, to };
}

/** The multiplier a worker-month's weights give: absent weights count as 1. */
export function weightOf(weights: CaseWeights): number {
  return (weights.complexity ?? 1) * (weights.risk ?? 1) * (weights.travel ?? 1);
}

export const hasWeights = (w: CaseWeights): boolean => w.complexity !== undefined || w.risk !== undefined || w.travel !== undefined;
