/**
 * Keeps the app within SharePoint's resource-unit budgets, which are per app, per tenant,
 * per minute (1,250 RU for up to 1,000 licences) and per 24 hours (1,200,000 RU): a create,
 * update, delete or list read costs 2, a single get 1. Requests are spaced evenly at a share
 * of the minute's budget rather than sent in bursts: a burst after a quiet spell is what a
 * per-minute window refuses, and even spacing at `share` of the rate leaves room for one
 * batch of slack in any minute, however the service aligns its minute. Over a day, even
 * spacing at the minute's rate would use 1.7 million RU, so the day is a budget of its own:
 * no request leaves while the last 24 hours (a sliding window, so however SharePoint aligns
 * its day) already hold `share` of it. Every request the app sends is charged, throttled ones
 * included, as SharePoint counts them. Time is passed in, so tests and the bench can run a
 * faster clock.
 */
export interface RuBudget {
  /** RU per minute for the app (default 1,250). */
  readonly perMinute: number;
  /** The share of it to aim for (default 0.95); the same share of the day's. */
  readonly share: number;
  /** Length of the budget's minute in this clock's ms (60,000; less when the clock runs fast). */
  readonly minuteMs: number;
  /** RU per 24 hours for the app (default 1,200,000). */
  readonly perDay: number;
  /** Length of the budget's day in this clock's ms (86,400,000). */
  readonly dayMs: number;
}

export const DEFAULT_BUDGET: RuBudget = { perMinute: 1_250, share: 0.95, minuteMs: 60_000, perDay: 1_200_000, dayMs: 86_400_000 };

/** RU a request costs, as SharePoint charges them. */
export const RU_COST = { write: 2, list: 2, get: 1 } as const;

/** The day is kept as this many slices, each remembered by its latest reservation (so it leaves the window no earlier than it should). */
const DAY_SLICES = 1_440;

export class RuPacer {
  private nextFree = -Infinity;
  /** SharePoint said "not before": every request waits for it (the budget is the whole app's). */
  private pausedUntil = -Infinity;
  private readonly msPerRu: number;
  private readonly dayLimit: number;
  private readonly sliceMs: number;
  /** Reservations of the last day, oldest first, by slice: when the latest in it leaves, and what the slice holds. */
  private readonly day: { slice: number; at: number; cost: number }[] = [];
  private dayUsed = 0;
  readonly budget: RuBudget;

  /** What is not given is SharePoint's default for a tenant of up to 1,000 licences. */
  constructor(budget: Partial<RuBudget> = {}) {
    this.budget = { ...DEFAULT_BUDGET, ...budget };
    const b = this.budget;
    if (!(b.perMinute > 0) || !(b.share > 0 && b.share <= 1) || !(b.minuteMs > 0) || !(b.perDay > 0) || !(b.dayMs > 0)) {
      throw new Error('The SharePoint budget needs a positive rate a minute and a day, a share between 0 and 1, and the length of a minute and a day.');
    }
    this.msPerRu = this.budget.minuteMs / (this.budget.perMinute * this.budget.share);
    this.dayLimit = this.budget.perDay * this.budget.share;
    this.sliceMs = this.budget.dayMs / DAY_SLICES;
  }

  /**
   * Reserves `cost` RU and returns when the request may leave (≥ now). The reservation is
   * paid for after the slot: a request of cost c holds the next c × (ms per RU) to itself.
   */
  reserve(cost: number, now: number): number {
    let at = Math.max(now, this.nextFree, this.pausedUntil);
    at = this.roomInDay(cost, at);
    this.nextFree = at + cost * this.msPerRu;
    this.charge(cost, at);
    return at;
  }

  /** A 429 or 503 with Retry-After: nothing leaves before `until`. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.nextFree = Math.max(this.nextFree, until);
  }

  /** The earliest a request could leave now (for a caller deciding whether to wait). */
  nextSlot(now: number): number {
    return Math.max(now, this.nextFree, this.pausedUntil);
  }

  /** RU reserved in the 24 hours up to `now`. */
  usedInDay(now: number): number {
    this.forget(now);
    return this.dayUsed;
  }

  /** The earliest moment from `at` at which `cost` more fits in the last 24 hours. */
  private roomInDay(cost: number, at: number): number {
    this.forget(at);
    let used = this.dayUsed;
    for (const slice of this.day) {
      if (used + cost <= this.dayLimit) break;
      // Wait for this slice to leave the window.
      used -= slice.cost;
      at = Math.max(at, slice.at + this.budget.dayMs);
    }
    return at;
  }

  private charge(cost: number, at: number): void {
    const slice = Math.floor(at / this.sliceMs);
    const last = this.day[this.day.length - 1];
    if (last && last.slice === slice) {
      last.cost += cost;
      last.at = Math.max(last.at, at);
    } else this.day.push({ slice, at, cost });
    this.dayUsed += cost;
  }

  private forget(now: number): void {
    while (this.day.length > 0 && (this.day[0]?.at ?? Infinity) + this.budget.dayMs <= now) {
      this.dayUsed -= this.day.shift()?.cost ?? 0;
    }
  }
}
