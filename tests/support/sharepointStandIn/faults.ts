import { seededRandom } from '../outboxFixtures';

/**
 * Faults the stand-in can inject, reproducibly (one seeded generator per stand-in, drawn
 * once per request in arrival order).
 *
 * - `failShare` of requests answer 503 before doing anything; inside a `$batch`, each
 *   request on its own with `innerFailShare` (default the same), unless `failInsideBatch`
 *   is false.
 * - `hangShare` of HTTP requests never get an answer; `dropShare` have their connection
 *   destroyed. `afterShare` of those hangs and drops happen *after* the request took effect
 *   (the write is in the list but the client never hears so): the case that tests
 *   exactly-once.
 * - `latencyMs` (stand-in time, scaled by the clock's speed) before every answer.
 *
 * `inject()` queues faults for the next HTTP requests, for tests that need one exact fault.
 */
export interface FaultOptions {
  readonly seed?: number;
  readonly latencyMs?: number;
  readonly failShare?: number;
  /** The share of requests inside a `$batch` that answer 503 (default: `failShare`). */
  readonly innerFailShare?: number;
  readonly hangShare?: number;
  readonly dropShare?: number;
  readonly afterShare?: number;
  readonly failInsideBatch?: boolean;
}

export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly code?: string; readonly retryAfter?: string }
  | { readonly kind: 'hang'; readonly after: boolean }
  | { readonly kind: 'drop'; readonly after: boolean };

export interface FaultCounts {
  failed: number;
  hung: number;
  dropped: number;
  /** Hangs and drops that came after the request took effect. */
  afterEffect: number;
}

export class Faults {
  private readonly random: () => number;
  private readonly queued: Fault[] = [];
  readonly counts: FaultCounts = { failed: 0, hung: 0, dropped: 0, afterEffect: 0 };

  constructor(private options: FaultOptions = {}) {
    this.random = seededRandom(options.seed ?? 1);
  }

  get latencyMs(): number {
    return this.options.latencyMs ?? 0;
  }

  /** Changes the shares and latency from now on (the generator carries on). */
  set(options: Omit<FaultOptions, 'seed'>): void {
    this.options = { ...this.options, ...options };
  }

  inject(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.queued.push(fault);
  }

  /** The fault for the next HTTP request, if any. */
  forRequest(): Fault | undefined {
    const queued = this.queued.shift();
    if (queued) return this.count(queued);
    const { failShare = 0, hangShare = 0, dropShare = 0, afterShare = 0.5 } = this.options;
    const r = this.random();
    const after = this.random() < afterShare;
    if (r < failShare) return this.count({ kind: 'status', status: 503, code: 'serviceNotAvailable' });
    if (r < failShare + hangShare) return this.count({ kind: 'hang', after });
    if (r < failShare + hangShare + dropShare) return this.count({ kind: 'drop', after });
    return undefined;
  }

  /** Whether one request inside a `$batch` fails with 503. */
  innerFails(): boolean {
    if (this.options.failInsideBatch === false) return false;
    const fails = this.random() < (this.options.innerFailShare ?? this.options.failShare ?? 0);
    if (fails) this.counts.failed++;
    return fails;
  }

  /** For shuffling batch answers, from the same seed. */
  next(): number {
    return this.random();
  }

  private count(fault: Fault): Fault {
    if (fault.kind === 'status') this.counts.failed++;
    else if (fault.kind === 'hang') this.counts.hung++;
    else this.counts.dropped++;
    if (fault.kind !== 'status' && fault.after) this.counts.afterEffect++;
    return fault;
  }
}
