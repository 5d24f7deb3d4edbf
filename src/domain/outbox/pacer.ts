/**
 * Keeps proactive sends within the Teams limits, in memory, with time passed in.
 *
 * Teams allows about 50 sends a second per app per tenant, and per conversation 7 a
 * second, 60 in 30 seconds and 1,800 an hour. The app-wide rate is kept by spacing sends
 * evenly (a send every 1/rate seconds, no bursts: a burst after a quiet spell is exactly
 * what a sliding one-second window refuses). Each conversation keeps the times of its recent
 * sends and may send again only when every window has room.
 */

export interface RateWindow {
  readonly limit: number;
  readonly ms: number;
}

export const TEAMS_LIMITS = {
  perSecond: 50,
  perApp: [{ limit: 50, ms: 1_000 }] as readonly RateWindow[],
  perConversation: [
    { limit: 7, ms: 1_000 },
    { limit: 60, ms: 30_000 },
    { limit: 1_800, ms: 3_600_000 },
  ] as readonly RateWindow[],
} as const;

export interface PacerOptions {
  /** Sends a second for the whole app, spaced evenly, e.g. 49 (a little under the 50 ceiling). */
  readonly perSecond: number;
  /**
   * Sliding windows for the whole app, checked on the moments requests actually leave,
   * e.g. 50 in 1,040 ms: Teams' 50 in a second, with 40 ms to spare for requests that take
   * different times to arrive.
   */
  readonly perApp: readonly RateWindow[];
  readonly perConversation: readonly RateWindow[];
}

export type Reservation = { readonly at: number } | { readonly notBefore: number };

export class SendPacer {
  private readonly intervalMs: number;
  private nextFree = -Infinity;
  /** When requests actually left, newest last, as far back as the longest app window. */
  private readonly dispatched: number[] = [];
  private readonly recent = new Map<string, number[]>();
  private readonly longest: number;

  constructor(private readonly options: PacerOptions) {
    if (!(options.perSecond > 0)) throw new Error('The send rate must be above 0.');
    this.intervalMs = 1000 / options.perSecond;
    this.longest = Math.max(0, ...options.perConversation.map((w) => w.ms));
  }

  /**
   * A slot to send to `conversationId` at `at` (≥ now), reserved; or, when the slot would be
   * more than `maxWaitMs` away, no reservation and the time to come back (`notBefore`).
   */
  reserve(conversationId: string, now: number, maxWaitMs: number): Reservation {
    const times = this.recent.get(conversationId) ?? [];
    let earliest = Math.max(now, times[times.length - 1] ?? -Infinity);
    for (const w of this.options.perConversation) {
      // Room in a window ending at t means the limit-th most recent send is at least w.ms before t.
      const nth = times[times.length - w.limit];
      if (nth !== undefined) earliest = Math.max(earliest, nth + w.ms);
    }
    if (earliest - now > maxWaitMs) return { notBefore: earliest };
    const at = Math.max(earliest, this.nextFree);
    if (at - now > maxWaitMs) return { notBefore: at };
    this.nextFree = at + this.intervalMs;
    times.push(at);
    this.recent.set(conversationId, times);
    return { at };
  }

  /**
   * Just before a request goes out. Slots are reserved ahead of time, and senders that wake
   * late for theirs (a busy process, a slow timer) and then go together would be on time by
   * their slots yet too close for Teams' sliding window. Returns 0 and records the request
   * if it may leave now, otherwise how long to wait before asking again.
   */
  dispatch(now: number): number {
    let wait = 0;
    for (const w of this.options.perApp) {
      const nth = this.dispatched[this.dispatched.length - w.limit];
      if (nth !== undefined && nth + w.ms > now) wait = Math.max(wait, nth + w.ms - now);
    }
    if (wait > 0) return wait;
    this.dispatched.push(now);
    const longestApp = Math.max(0, ...this.options.perApp.map((w) => w.limit));
    if (this.dispatched.length > longestApp) this.dispatched.splice(0, this.dispatched.length - longestApp);
    return 0;
  }

  /** After a 429: nothing is sent before `until`, whichever limit Teams applied. */
  pause(until: number): void {
    this.nextFree = Math.max(this.nextFree, until);
  }

  /** Drops history no window can see any more (call now and then; memory stays small). */
  forget(now: number): void {
    for (const [id, times] of this.recent) {
      const keep = times.filter((t) => t > now - this.longest);
      if (keep.length === 0) this.recent.delete(id);
      else if (keep.length !== times.length) this.recent.set(id, keep);
    }
  }
}
