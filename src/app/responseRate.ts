import { peopleIn } from '../domain/organisation/audience';
import { explainRate, inSteps, rateGrowth, responseRates, type GrowthSeries, type RateFigure, type RateGrowth } from '../domain/results/responseRate';
import { dateOf, type CycleId } from '../domain/shared/brand';
import { systemClock, type Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { CloseOutStore } from '../ports/retention';
import type { Cycle, Stores } from '../ports/stores';
import type { CycleService } from './cycles';
import { UserFacingError } from './errors';
import { participationKey } from './participation';
import { yearOf } from './results';

export interface TeamRate extends RateFigure {
  readonly id: string;
  readonly name: string;
}

/** What `phc response-rate` and the API show. Hidden figures carry their reason instead. */
export interface ResponseRateReport {
  readonly cycle: string;
  readonly title: string;
  readonly status: string;
  readonly threshold: number;
  readonly overall: RateFigure;
  readonly teams: readonly TeamRate[];
  /**
   * While the cycle is open: when these figures were counted (ISO, to the minute). They are
   * counted at most once an hour and shown in steps of `step`, so they do not move with
   * each response.
   */
  readonly asOf?: string;
  readonly step?: number;
}

/**
 * Live figures counted this hour, per store and cycle: every request in the hour gets the
 * same ones, so refreshing the page cannot time a colleague's answer. Keyed by the stores
 * object so that separate apps in one process (tests) never share figures.
 */
const snapshots = new WeakMap<Stores, Map<string, { readonly hour: string; readonly report: Promise<ResponseRateReport> }>>();

/** Growth reports by `cycle@hour` while open (`cycle@closed` once closed: nothing moves any more). */
const growths = new WeakMap<Stores, Map<string, Promise<RateGrowth>>>();

/**
 * Response rate: people in the audience who have submitted, over the audience, overall and
 * by team. Each person's participation key is worked out from the directory and looked up;
 * only the counts leave this function, after suppression (see domain/results/responseRate).
 */
export class ResponseRateService {
  constructor(
    private readonly stores: Stores,
    private readonly directory: Directory,
    private readonly cycles: CycleService,
    private readonly clock: Clock = systemClock,
    /** A closed-out cycle's rate, counted at close: its participation secret is gone since. */
    private readonly closeOuts?: CloseOutStore,
  ) {}

  /** The exact rate of a closed cycle, counted now from participation: what the close-out keeps. */
  async rateToKeep(rawCycleId: string): Promise<ResponseRateReport> {
    const cycle = await this.cycles.require(rawCycleId);
    if (cycle.kind !== 'live' || cycle.status !== 'closed') throw new UserFacingError(`Cycle ${cycle.id} is not a closed live cycle.`);
    return this.count(cycle);
  }

  /**
   * Exact once the cycle has closed (nothing moves any more); while it is open, the figures
   * of the current hour, in steps of the threshold.
   */
  async rate(rawCycleId: string): Promise<ResponseRateReport> {
    const cycle = await this.cycles.require(rawCycleId);
    if (cycle.kind === 'published') throw new UserFacingError(`${cycle.id} is known only from its published report; its response rate is in the report.`);
    if (cycle.status === 'closed') {
      const kept = (await this.closeOuts?.get(cycle.id))?.responseRate;
      return kept === undefined ? this.count(cycle) : (kept as ResponseRateReport);
    }
    const now = this.clock.now().toISOString();
    // UK time moves by whole hours, so an hour in UTC is an hour on the clock in the office.
    const hour = now.slice(0, 13);
    let byCycle = snapshots.get(this.stores);
    if (!byCycle) snapshots.set(this.stores, (byCycle = new Map()));
    const held = byCycle.get(cycle.id);
    if (held && held.hour === hour) return held.report;
    const report = this.count(cycle).then((exact) => ({ ...exact, ...this.stepped(exact), asOf: `${now.slice(0, 16)}Z`, step: cycle.threshold }));
    byCycle.set(cycle.id, { hour, report });
    report.catch(() => byCycle.delete(cycle.id));
    return report;
  }

  /**
   * The cycle's response rate at the end of each day since it opened, beside the cycle before
   * it (same survey) lined up by day of the cycle. Counted from the days responses were sent
   * (nothing else about them), stepped and hidden as the live rate is; while the cycle is open
   * the figures are counted at most once an hour, like the live rate.
   */
  async growth(rawCycleId: string): Promise<RateGrowth> {
    const cycle = await this.cycles.require(rawCycleId);
    if (cycle.kind === 'published') throw new UserFacingError(`${cycle.id} is known only from its published report, which gives no response rate day by day.`);
    const now = this.clock.now().toISOString();
    const key = cycle.status === 'open' ? `${cycle.id}@${now.slice(0, 13)}` : `${cycle.id}@${cycle.status}`;
    let held = growths.get(this.stores);
    if (!held) growths.set(this.stores, (held = new Map()));
    const cached = held.get(key);
    if (cached) return cached;
    const report = this.countGrowth(cycle, now);
    // Keep the current hour's figures (or a closed cycle's) only; a failed count is not kept.
    for (const k of held.keys()) if (k.startsWith(`${cycle.id}@`) && k !== key) held.delete(k);
    held.set(key, report);
    report.catch(() => held.delete(key));
    return report;
  }

  private async countGrowth(cycle: Cycle, now: string): Promise<RateGrowth> {
    const organisation = await this.directory.organisation();
    // Each cycle over the people it asked: the cycle before may have asked other teams or roles.
    const audienceOf = (c: Cycle): number => peopleIn(c.audience, organisation).length;
    const all = await this.cycles.list();
    const before = all.filter((c) => c.surveyId === cycle.surveyId && c.id !== cycle.id && c.opensOn < cycle.opensOn).sort((a, b) => (a.opensOn < b.opensOn ? 1 : a.opensOn > b.opensOn ? -1 : 0))[0];
    const series = [await this.series(cycle, audienceOf(cycle), dateOf(new Date(now)))];
    const notes: string[] = [];
    if (!before) notes.push('There is no earlier cycle of this survey to compare with.');
    else if (before.kind === 'published') notes.push(`${before.title} is known only from its published report, which gives no response rate day by day.`);
    else series.push(await this.series(before, audienceOf(before), dateOf(new Date(now))));
    if (cycle.status === 'draft') notes.unshift(`${cycle.title} has not opened yet.`);
    return { cycle: cycle.id, title: cycle.title, threshold: cycle.threshold, series, notes, ...(cycle.status === 'open' ? { asOf: `${now.slice(0, 16)}Z` } : {}) };
  }

  private async series(cycle: Cycle, audience: number, today: string): Promise<GrowthSeries> {
    const submittedOn: string[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.stores.responses.list(cycle.id as CycleId, { limit: 1000, ...(continuation ? { continuation } : {}) });
      for (const r of page.items) submittedOn.push(r.submittedOn);
      continuation = page.continuation;
    } while (continuation);
    const last = cycle.status === 'open' && today < cycle.closesOn ? today : cycle.closesOn;
    const through = cycle.status === 'draft' ? '' : last;
    return {
      cycle: cycle.id,
      title: cycle.title,
      year: yearOf(cycle),
      status: cycle.status,
      opensOn: cycle.opensOn,
      closesOn: cycle.closesOn,
      audience,
      points: through === '' ? [] : rateGrowth({ submittedOn, audience, threshold: cycle.threshold, opensOn: cycle.opensOn, through }),
    };
  }

  private stepped(exact: ResponseRateReport): Pick<ResponseRateReport, 'overall' | 'teams'> {
    const names = new Map(exact.teams.map((t) => [t.id, t.name]));
    const stepped = inSteps({ threshold: exact.threshold, overall: exact.overall, groups: exact.teams }, exact.threshold);
    return { overall: stepped.overall, teams: stepped.groups.map((g) => ({ ...g, name: names.get(g.id) ?? g.id })) };
  }

  private async count(cycle: Cycle): Promise<ResponseRateReport> {
    const secret = await this.stores.cycles.participationSecret(cycle.id);
    const organisation = await this.directory.organisation();
    // The people this cycle asked: everyone, or its teams or roles.
    const audience = peopleIn(cycle.audience, organisation);
    const asked = new Set(audience.map((p) => p.teamId));
    const teams = cycle.audience && cycle.audience.kind !== 'everyone' ? organisation.teams.filter((t) => asked.has(t.id)) : organisation.teams;
    const byTeam = new Map<string, { audience: number; respondents: number }>(teams.map((t) => [t.id, { audience: 0, respondents: 0 }]));
    let respondents = 0;
    for (const person of audience) {
      const submitted = (await this.stores.participation.status(cycle.id, participationKey(secret, person.id))) === 'submitted';
      if (submitted) respondents++;
      const team = person.teamId === undefined ? undefined : byTeam.get(person.teamId);
      if (team) {
        team.audience++;
        if (submitted) team.respondents++;
      }
    }
    const result = responseRates({
      audience: audience.length,
      respondents,
      threshold: cycle.threshold,
      groups: [...byTeam].map(([id, counts]) => ({ id, ...counts })),
    });
    const names = new Map(organisation.teams.map((t) => [t.id, t.name]));
    return {
      cycle: cycle.id,
      title: cycle.title,
      status: cycle.status,
      threshold: cycle.threshold,
      overall: result.overall,
      teams: result.groups.map((g) => ({ ...g, name: names.get(g.id) ?? g.id })),
    };
  }
}

function line(label: string, f: RateFigure, threshold: number): string {
  if (f.audience === 0) return `${label}: nobody asked`;
  if (f.hidden) return `${label}: ${explainRate(f.hidden, threshold)} (of ${f.audience})`;
  if (f.atLeast) return `${label}: at least ${f.percent}% (${f.respondents} or more of ${f.audience})`;
  return `${label}: ${f.percent}% (${f.respondents} of ${f.audience})`;
}

/** The report as lines of text for `phc`. */
export function formatResponseRate(report: ResponseRateReport): string {
  return [
    `${report.title} (${report.cycle}, ${report.status}): response rate`,
    line('Overall', report.overall, report.threshold),
    ...report.teams.map((t) => line(`  ${t.name}`, t, report.threshold)),
    `Figures where fewer than ${report.threshold} people have, or have not, answered are hidden, and so is anything that would reveal them by subtraction.`,
    ...(report.asOf
      ? [
          `While the cycle is open these figures are counted once an hour (last at ${report.asOf.slice(11, 16)} UTC) and in steps of ${report.step ?? report.threshold}, so that they do not show when someone answers.`,
        ]
      : []),
  ].join('\n');
}
