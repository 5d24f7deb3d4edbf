/**
 * SharePoint Online's per-application resource-unit budgets ("Avoid getting throttled or
 * blocked in SharePoint Online"): each app in a tenant gets so many RU a minute (1,250 for
 * a tenant of up to 1,000 licences) and so many a day (1,200,000). Graph requests have fixed
 * costs (see costs.ts); the requests inside a `$batch` are charged one by one. Past either
 * budget, requests get 429 with Retry-After until the window is over.
 *
 * Windows are whole minutes (and whole days) of the stand-in clock counted from its start
 * (the service does not say how its windows are aligned; a fixed window is the simplest
 * reading of "per minute" and is what the RateLimit-Reset header describes). In the minute,
 * throttled requests are counted but use no budget (in a fixed window that would only
 * lengthen the same wait); in the day they use budget as the docs say ("throttled requests
 * count towards usage limits"), so a client that keeps hammering a throttled minute eats
 * into its day.
 */
export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
/** RU per minute per app for a tenant of 0–1,000 licences. */
export const DEFAULT_RU_PER_MINUTE = 1_250;
/** RU per 24 hours per app for a tenant of 0–1,000 licences. */
export const DEFAULT_RU_PER_DAY = 1_200_000;

export interface MinuteUsage {
  /** Index of the minute from the clock's start (0 = first minute). */
  readonly minute: number;
  /** RU charged to accepted requests in that minute. */
  used: number;
  /** Requests refused with 429 in that minute. */
  throttled: number;
}

export interface DayUsage {
  /** Index of the day from the clock's start (0 = first 24 hours). */
  readonly day: number;
  /** RU charged that day, throttled requests included. */
  used: number;
  throttled: number;
}

export type Charge = { readonly ok: true; readonly remaining: number; readonly resetMs: number } | { readonly ok: false; readonly retryAfterMs: number; readonly window: 'minute' | 'day' };

export class ResourceBudget {
  private readonly minutes = new Map<number, MinuteUsage>();
  private readonly days = new Map<number, DayUsage>();

  constructor(
    readonly perMinute: number,
    private readonly startAt: number,
    readonly perDay: number = DEFAULT_RU_PER_DAY,
  ) {}

  private dayOf(now: number): DayUsage {
    const day = Math.floor((now - this.startAt) / DAY_MS);
    let usage = this.days.get(day);
    if (!usage) {
      usage = { day, used: 0, throttled: 0 };
      this.days.set(day, usage);
    }
    return usage;
  }

  private window(now: number): MinuteUsage {
    const minute = Math.floor((now - this.startAt) / MINUTE_MS);
    let usage = this.minutes.get(minute);
    if (!usage) {
      usage = { minute, used: 0, throttled: 0 };
      this.minutes.set(minute, usage);
    }
    return usage;
  }

  private resetMs(now: number): number {
    return MINUTE_MS - ((now - this.startAt) % MINUTE_MS);
  }

  /** Charges `cost` RU at stand-in time `now`, or says how long until the window that refused it is over. */
  charge(cost: number, now: number): Charge {
    const usage = this.window(now);
    const day = this.dayOf(now);
    if (day.used + cost > this.perDay) {
      day.used += cost;
      day.throttled++;
      usage.throttled++;
      return { ok: false, retryAfterMs: DAY_MS - ((now - this.startAt) % DAY_MS), window: 'day' };
    }
    if (usage.used + cost > this.perMinute) {
      day.used += cost;
      day.throttled++;
      usage.throttled++;
      return { ok: false, retryAfterMs: this.resetMs(now), window: 'minute' };
    }
    usage.used += cost;
    day.used += cost;
    return { ok: true, remaining: this.perMinute - usage.used, resetMs: this.resetMs(now) };
  }

  /** Every day that saw a request, in order. */
  dayUsage(): DayUsage[] {
    return [...this.days.values()].sort((a, b) => a.day - b.day).map((u) => ({ ...u }));
  }

  /** Every minute that saw a request, in order. */
  usage(): MinuteUsage[] {
    return [...this.minutes.values()].sort((a, b) => a.minute - b.minute).map((u) => ({ ...u }));
  }

  clear(): void {
    this.minutes.clear();
    this.days.clear();
  }
}
