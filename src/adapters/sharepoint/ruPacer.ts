/**
 * Keeps the app within SharePoint's resource-unit budgets, which are per app, per tenant,
 * per minute (1,250 RU for up to 1,000 licences) and per 24 hours (1,200,000 RU): a create,
 * update, delete or list read costs 2, a single get 1. Both are sliding windows over the
 * requests reserved: a request leaves as soon as the last minute (closed at both ends, so
 * however SharePoint aligns and counts its minute) and the last 24 hours hold room for it
 * within `share` of their budgets. So whatever a stall (a busy machine, a slow answer, a quiet
 * spell) left unspent in the last minute is used at once when work comes, rather than lost
 * as it was when requests were spaced evenly, and no minute can go over, since none may hold
 * more than `share` of it; `1 - share` leaves room for the difference between when a request
 * leaves and when SharePoint counts it. Over a day, the minute's rate would use 1.7 million
 * RU, so the day holds work back once it has used `share` of its own budget. Every request
 * the app sends is charged, throttled ones included, as SharePoint counts them. Requests
 * leave in the order they were reserved. Time is passed in, so tests and the bench can run a
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
  /** The latest reservation: requests leave in the order they were reserved. */
  private last = -Infinity;
  /** SharePoint said "not before": every request waits for it (the budget is the whole app's). */
  private pausedUntil = -Infinity;
  private readonly minuteLimit: number;
  private readonly dayLimit: number;
  private readonly sliceMs: number;
  /** Reservations of the last minute, oldest first. */
  private readonly minute: { at: number; cost: number }[] = [];
  private minuteUsed = 0;
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
    this.minuteLimit = this.budget.perMinute * this.budget.share;
    this.dayLimit = this.budget.perDay * this.budget.share;
    this.sliceMs = this.budget.dayMs / DAY_SLICES;
  }

  /** Reserves `cost` RU and returns when the request may leave (≥ now). */
  reserve(cost: number, now: number): number {
    let at = Math.max(now, this.last, this.pausedUntil);
    at = this.roomInMinute(cost, at);
    // A later moment only has more room in the minute: the day can only push it further on.
    at = this.roomInDay(cost, at);
    this.last = at;
    this.charge(cost, at);
    return at;
  }

  /** A 429 or 503 with Retry-After: nothing leaves before `until`. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** The earliest a request could leave now (for a caller deciding whether to wait). */
  nextSlot(now: number): number {
    return this.roomInMinute(1, Math.max(now, this.last, this.pausedUntil));
  }

  /** RU reserved in the minute up to `now`. */
  usedInMinute(now: number): number {
    this.forgetMinute(now);
    return this.minuteUsed;
  }

  /** RU reserved in the 24 hours up to `now`. */
  usedInDay(now: number): number {
    this.forgetDay(now);
    return this.dayUsed;
  }

  /** The earliest moment from `at` at which `cost` more fits in the minute up to it. */
  private roomInMinute(cost: number, at: number): number {
    this.forgetMinute(at);
    let used = this.minuteUsed;
    for (const r of this.minute) {
      if (used + cost <= this.minuteLimit) break;
      // Wait for this one to leave the minute (closed at both ends: a moment after a whole minute).
      used -= r.cost;
      at = Math.max(at, leaves(r.at, this.budget.minuteMs));
    }
    return at;
  }

  /** The earliest moment from `at` at which `cost` more fits in the last 24 hours. */
  private roomInDay(cost: number, at: number): number {
    this.forgetDay(at);
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
    this.minute.push({ at, cost });
    this.minuteUsed += cost;
    const slice = Math.floor(at / this.sliceMs);
    const last = this.day[this.day.length - 1];
    if (last && last.slice === slice) {
      last.cost += cost;
      last.at = Math.max(last.at, at);
    } else this.day.push({ slice, at, cost });
    this.dayUsed += cost;
  }

  private forgetMinute(now: number): void {
    while (this.minute.length > 0 && leaves(this.minute[0]?.at ?? Infinity, this.budget.minuteMs) <= now) {
      this.minuteUsed -= this.minute.shift()?.cost ?? 0;
    }
  }

  private forgetDay(now: number): void {
    while (this.day.length > 0 && (this.day[0]?.at ?? Infinity) + this.budget.dayMs <= now) {
      this.dayUsed -= this.day.shift()?.cost ?? 0;
    }
  }
}

/** When a request reserved at `at` no longer counts in a window of `windowMs` closed at both ends. */
function leaves(at: number, windowMs: number): number {
  return at + windowMs + 1;
}
