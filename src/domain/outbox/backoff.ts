/**
 * Jittered exponential backoff for transient refusals (412, 5xx). Randomness is injected so
 * tests can choose it; jitter spreads retries so a recovering service is not hit by every
 * sender at the same moment.
 */
export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  readonly baseMs: number;
  /** Largest delay, before jitter. */
  readonly capMs: number;
  /** Attempts in all (the first send included) before the message is given up as failed. */
  readonly maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 10 * 60_000, maxAttempts: 8 };

/**
 * The delay after `attempt` failed attempts (1 after the first failure): half the
 * exponential delay for sure, the other half at random ("equal jitter").
 *
 * @example backoffDelay(3, () => 0.5, DEFAULT_BACKOFF) === 6000 // 8 s exponential, 4 s + 0.5 × 4 s
 */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(exponential / 2 + (r * exponential) / 2);
}
