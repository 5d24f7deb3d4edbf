/**
 * Keeps the app within SharePoint's resource-unit budget (per app, per tenant, per minute:
 * 1,250 RU for up to 1,000 licences; a create, update, delete or list read costs 2, a single
 * get 1). Requests are spaced evenly at a share of the budget rather than sent in bursts: a
 * burst after a quiet spell is what a per-minute window refuses, and even spacing at `share`
 * of the rate leaves room for one batch of slack in any minute, however the service aligns
 * its minute. Time is passed in, so tests and the bench can run a faster clock.
 */
export interface RuBudget {
  /** RU per minute for the app (default 1,250). */
  readonly perMinute: number;
  /** The share of it to aim for (default 0.95). */
  readonly share: number;
  /** Length of the budget's minute in this clock's ms (60,000; less when the clock runs fast). */
  readonly minuteMs: number;
}

export const DEFAULT_BUDGET: RuBudget = { perMinute: 1_250, share: 0.95, minuteMs: 60_000 };

/** RU a request costs, as SharePoint charges them. */
export const RU_COST = { write: 2, list: 2, get: 1 } as const;

export class RuPacer {
  private nextFree = -Infinity;
  /** SharePoint said "not before": every request waits for it (the budget is the whole app's). */
  private pausedUntil = -Infinity;
  private readonly msPerRu: number;

  constructor(readonly budget: RuBudget = DEFAULT_BUDGET) {
    if (!(budget.perMinute > 0) || !(budget.share > 0 && budget.share <= 1) || !(budget.minuteMs > 0)) {
      throw new Error('The SharePoint budget needs a positive rate, a share between 0 and 1 and a minute length.');
    }
    this.msPerRu = budget.minuteMs / (budget.perMinute * budget.share);
  }

  /**
   * Reserves `cost` RU and returns when the request may leave (≥ now). The reservation is
   * paid for after the slot: a request of cost c holds the next c × (ms per RU) to itself.
   */
  reserve(cost: number, now: number): number {
    const at = Math.max(now, this.nextFree, this.pausedUntil);
    this.nextFree = at + cost * this.msPerRu;
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
}
