import { percentOf } from './percent';
import { suppress } from './suppression';

/**
 * Response rates, overall and by group, without telling anyone who has or has not answered.
 *
 * A group's size (its audience) is known from the directory, so a rate gives away both
 * counts: how many answered and how many did not. Either count being small identifies
 * people ("the one person in the team who has not answered"), and 0 is the smallest of all:
 * 0 respondents says of every member that they have not answered. So a group is hidden when
 * its respondents OR its non-respondents number fewer than the threshold, 0 included.
 *
 * Differencing: the same rule as `suppress` (results), applied to both counts, so the shown
 * groups taken from the overall figure never leave a hidden remainder of 1 to threshold−1.
 * And because a remainder of 0 is itself telling here ("nobody in the hidden teams has
 * answered"), a hidden remainder must hold at least the threshold of each count, or be empty
 * of people altogether.
 */

export interface RateGroupInput {
  readonly id: string;
  readonly audience: number;
  readonly respondents: number;
}

export interface RateInput {
  /** Everyone asked, including people in no group. */
  readonly audience: number;
  readonly respondents: number;
  readonly groups: readonly RateGroupInput[];
  readonly threshold: number;
}

export type RateHiddenReason = 'few-respondents' | 'few-non-respondents' | 'would-reveal-small-group';

export interface RateFigure {
  readonly audience: number;
  /** Absent when hidden. While a cycle is open, rounded down to a step (see `atLeast`). */
  readonly respondents?: number;
  readonly percent?: number;
  readonly hidden?: RateHiddenReason;
  /** The figures are a lower bound, counted in steps while the cycle is open ("at least"). */
  readonly atLeast?: true;
}

export interface RateResult {
  readonly threshold: number;
  readonly overall: RateFigure;
  readonly groups: readonly (RateFigure & { readonly id: string })[];
}

function ownReason(respondents: number, audience: number, threshold: number): RateHiddenReason | undefined {
  if (respondents < threshold) return 'few-respondents';
  if (audience - respondents < threshold) return 'few-non-respondents';
  return undefined;
}

function figure(audience: number, respondents: number, hidden: RateHiddenReason | undefined): RateFigure {
  if (audience === 0) return { audience };
  return hidden ? { audience, hidden } : { audience, respondents, percent: percentOf(respondents, audience) };
}

/**
 * @example responseRates({ audience: 40, respondents: 22, threshold: 5, groups: [
 *   { id: 'intake', audience: 12, respondents: 7 }, { id: 'hospital', audience: 11, respondents: 10 }, … ] })
 *   // hospital hidden: only 1 has not answered
 */
export function responseRates(input: RateInput): RateResult {
  const { threshold } = input;
  const hidden = new Map<string, RateHiddenReason>();
  for (const g of input.groups) {
    const reason = g.audience > 0 ? ownReason(g.respondents, g.audience, threshold) : undefined;
    if (reason) hidden.set(g.id, reason);
  }
  // `suppress` hides small groups itself; a group already hidden is handed to it with a size
  // it will hide (1 < threshold), which does not change the remainders it works out, since
  // those count shown groups only.
  let changed = true;
  while (changed) {
    changed = false;
    const pass = (total: number, size: (g: RateGroupInput) => number) => suppress({ total, threshold, groups: input.groups.map((g) => ({ id: g.id, size: hidden.has(g.id) ? 1 : size(g) })) });
    const byRespondents = pass(input.respondents, (g) => g.respondents);
    const byNonRespondents = pass(input.audience - input.respondents, (g) => g.audience - g.respondents);
    for (const id of [...byRespondents.keys(), ...byNonRespondents.keys()]) {
      if (!hidden.has(id)) {
        hidden.set(id, 'would-reveal-small-group');
        changed = true;
      }
    }
    // A hidden remainder with people in it must not show 0 of either count.
    const shown = input.groups.filter((g) => !hidden.has(g.id) && g.audience > 0);
    const restAudience = input.audience - shown.reduce((n, g) => n + g.audience, 0);
    const restRespondents = input.respondents - shown.reduce((n, g) => n + g.respondents, 0);
    if (shown.length > 0 && restAudience > 0 && ownReason(restRespondents, restAudience, threshold)) {
      const smallest = shown.reduce((a, b) => (b.audience < a.audience ? b : a));
      hidden.set(smallest.id, 'would-reveal-small-group');
      changed = true;
    }
  }
  return {
    threshold,
    overall: figure(input.audience, input.respondents, ownReason(input.respondents, input.audience, threshold)),
    groups: input.groups.map((g) => ({ id: g.id, ...figure(g.audience, g.respondents, hidden.get(g.id)) })),
  };
}

/** A hidden figure in words for `phc` and the tab. */
export function explainRate(reason: RateHiddenReason, threshold: number): string {
  switch (reason) {
    case 'few-respondents':
      return `fewer than ${threshold} have answered`;
    case 'few-non-respondents':
      return `fewer than ${threshold} have not answered`;
    case 'would-reveal-small-group':
      return `hidden: showing it would let someone work out a group of fewer than ${threshold} by subtraction`;
  }
}

/**
 * Live figures in steps. While a cycle is open, an exact count moves by one with each
 * response, so someone refreshing it could tell when a colleague answered. Shown counts are
 * rounded down to a multiple of `step` (the cycle's threshold: the smallest group it counts
 * as safe), and so move only when a whole step's worth have answered. Which figures are
 * hidden is decided on the exact counts first, so rounding never shows more.
 *
 * @example inSteps(rates, 5) // 13 of 30 (43%) → at least 10 of 30 (33%)
 */
export function inSteps(result: RateResult, step: number): RateResult {
  const round = <T extends RateFigure>(f: T): T => {
    if (f.respondents === undefined || step <= 1) return f;
    const respondents = Math.floor(f.respondents / step) * step;
    return { ...f, respondents, percent: percentOf(respondents, f.audience), atLeast: true };
  };
  return { ...result, overall: round(result.overall), groups: result.groups.map(round) };
}

/** One day of a cycle's response rate as it grew: the figure at the end of that day. */
export interface GrowthPoint {
  /** 1 is the day the cycle opened, so cycles of different years line up. */
  readonly day: number;
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly figure: RateFigure;
}

/** One cycle's response rate day by day (see `rateGrowth`); `P` as in `RateGrowth`. */
export interface GrowthSeries<P = GrowthPoint> {
  readonly cycle: string;
  readonly title: string;
  /** "2025": how the page names the cycle beside another. */
  readonly year: string;
  readonly status: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly audience: number;
  readonly points: readonly P[];
}

/**
 * A cycle's response rate as it grew, beside the cycle before it where that one was answered in
 * Teams. `P` is how a day's point is given (the API adds why a hidden figure is hidden).
 */
export interface RateGrowth<P = GrowthPoint> {
  readonly cycle: string;
  readonly title: string;
  readonly threshold: number;
  /** This cycle first, then the cycle before (when there are daily figures for it). */
  readonly series: readonly GrowthSeries<P>[];
  /** Why a cycle is not drawn, in words. */
  readonly notes: readonly string[];
  /** While the cycle is open: when today's point was counted (ISO, to the minute; at most once an hour). */
  readonly asOf?: string;
}

export interface GrowthInput {
  /** The day each response was sent (`YYYY-MM-DD`), in any order: nothing else about it. */
  readonly submittedOn: readonly string[];
  readonly audience: number;
  readonly threshold: number;
  readonly opensOn: string;
  /** The last day to count: the closing day, or today while the cycle is open. */
  readonly through: string;
}

const DAY_MS = 24 * 3600 * 1000;
const dayMs = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/**
 * The response rate at the end of each day of a cycle, for drawing how it grew. Each day's
 * figure follows the live rule (ADR 0015): hidden on the exact count as `responseRates` hides
 * the overall figure, then shown in steps of the threshold. A day's point therefore says no
 * more than someone refreshing the live figure every hour could have seen, and a closed
 * cycle's days are stepped too: only its final figure is exact, and that is shown elsewhere.
 *
 * @example rateGrowth({ submittedOn: ['2026-10-01', …], audience: 30, threshold: 5, opensOn: '2026-10-01', through: '2026-10-14' })
 */
export function rateGrowth(input: GrowthInput): GrowthPoint[] {
  const start = dayMs(input.opensOn);
  const end = dayMs(input.through);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return [];
  const days = Math.round((end - start) / DAY_MS) + 1;
  // Responses per day of the cycle; anything sent before it opened counts on its first day.
  const perDay = new Array<number>(days).fill(0);
  for (const on of input.submittedOn) {
    const index = Math.max(0, Math.round((dayMs(on) - start) / DAY_MS));
    if (index < days) perDay[index] = (perDay[index] ?? 0) + 1;
  }
  const points: GrowthPoint[] = [];
  let sofar = 0;
  for (let i = 0; i < days; i++) {
    sofar += perDay[i] ?? 0;
    // The directory's audience today stands in for the audience then: never above 100%.
    const respondents = Math.min(sofar, input.audience);
    const exact = responseRates({ audience: input.audience, respondents, threshold: input.threshold, groups: [] });
    points.push({ day: i + 1, date: new Date(start + i * DAY_MS).toISOString().slice(0, 10), figure: inSteps(exact, input.threshold).overall });
  }
  return points;
}
