import { wallNow } from '../connectorStandIn';

/**
 * The stand-in's clock. It may run faster than real time (`speed`), so that a minute of
 * SharePoint's resource-unit budget passes in a fraction of a real minute; budgets,
 * Retry-After and item timestamps are all in this time. A client in another process keeps
 * the same clock by being given the same `startAt` and `realStart`.
 */
export interface StandInClockOptions {
  /** Stand-in milliseconds per real millisecond (default 1). */
  readonly speed?: number;
  /** Where the clock starts, ms since the epoch (default: now). */
  readonly startAt?: number;
  /** The real moment (`wallNow()`) that `startAt` corresponds to (default: now). */
  readonly realStart?: number;
}

export interface StandInClock {
  readonly speed: number;
  readonly startAt: number;
  readonly realStart: number;
  /** Stand-in time, ms since the epoch. */
  nowMs(): number;
  now(): Date;
  /** Stand-in ms → real ms (for a client's sleep). */
  toRealMs(ms: number): number;
}

export function standInClock(options: StandInClockOptions = {}): StandInClock {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new Error(`The stand-in clock's speed must be above 0 (got ${speed}).`);
  const realStart = options.realStart ?? wallNow();
  const startAt = options.startAt ?? Date.now();
  const nowMs = () => startAt + (wallNow() - realStart) * speed;
  return { speed, startAt, realStart, nowMs, now: () => new Date(nowMs()), toRealMs: (ms) => ms / speed };
}

/**
 * A stand-in clock that moves only when told to, for tests that must not depend on how busy
 * the machine is: the client under test sleeps by `advance`, so SharePoint's minutes turn
 * exactly where the test says.
 */
export interface ManualStandInClock extends StandInClock {
  advance(ms: number): void;
}

export function manualStandInClock(startAt: number): ManualStandInClock {
  let now = startAt;
  return {
    speed: 1,
    startAt,
    realStart: wallNow(),
    nowMs: () => now,
    now: () => new Date(now),
    toRealMs: () => 0,
    advance: (ms) => {
      now += Math.max(0, ms);
    },
  };
}
