/**
 * SharePoint Online's per-application resource-unit budget ("Avoid getting throttled or
 * blocked in SharePoint Online"): each app in a tenant gets so many RU a minute (1,250 for
 * a tenant of up to 1,000 licences). Graph requests have fixed costs (see costs.ts); the
 * requests inside a `$batch` are charged one by one. Past the budget, requests get 429 with
 * Retry-After until the minute is over.
 *
 * Windows are whole minutes of the stand-in clock counted from its start (the service does
 * not say how its minute is aligned; a fixed window is the simplest reading of "per minute"
 * and is what the RateLimit-Reset header describes). Throttled requests are counted but do
 * not use up budget.
 */
export const MINUTE_MS = 60_000;
/** RU per minute per app for a tenant of 0–1,000 licences. */
export const DEFAULT_RU_PER_MINUTE = 1_250;

export interface MinuteUsage {
  /** Index of the minute from the clock's start (0 = first minute). */
  readonly minute: number;
  /** RU charged to accepted requests in that minute. */
  used: number;
  /** Requests refused with 429 in that minute. */
  throttled: number;
}

export type Charge = { readonly ok: true; readonly remaining: number; readonly resetMs: number } | { readonly ok: false; readonly retryAfterMs: number };

export class ResourceBudget {
  private readonly minutes = new Map<number, MinuteUsage>();

  constructor(
    readonly perMinute: number,
    private readonly startAt: number,
  ) {}

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

  /** Charges `cost` RU at stand-in time `now`, or says how long until the next minute. */
  charge(cost: number, now: number): Charge {
    const usage = this.window(now);
    if (usage.used + cost > this.perMinute) {
      usage.throttled++;
      return { ok: false, retryAfterMs: this.resetMs(now) };
    }
    usage.used += cost;
    return { ok: true, remaining: this.perMinute - usage.used, resetMs: this.resetMs(now) };
  }

  /** Every minute that saw a request, in order. */
  usage(): MinuteUsage[] {
    return [...this.minutes.values()].sort((a, b) => a.minute - b.minute).map((u) => ({ ...u }));
  }

  clear(): void {
    this.minutes.clear();
  }
}
