import { DEFAULT_SENDER_OPTIONS, ProactiveSender, type SenderDeps, type SenderOptions, type SenderRun } from './sender';

/**
 * How the sender runs: once until idle (`phc send --once`), or as a loop for as long as the
 * server runs. The composition root (src/composition) builds its `SenderDeps` once; the server's
 * background work starts it with `startSender`.
 */

/** Real time: the default `sleep`. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Sends what is due until the queue is idle, then returns what it did. For `phc send --once`. */
export function runSenderOnce(deps: SenderDeps, options: Partial<SenderOptions> = {}): Promise<SenderRun> {
  return new ProactiveSender(deps, options).runOnce();
}

export interface RunningSender {
  /** Names this sender in the one-sender lease; the server's audit reminders send under it too. */
  readonly owner: string;
  /** Look for work now (e.g. a cycle was opened or a conversation reference arrived). */
  wake(): void;
  /** Finishes the messages in hand, releases the sender lease and resolves. */
  stop(): Promise<void>;
}

/**
 * Runs the sender for as long as the server runs: a pass whenever something is due, and at
 * least every `pollMs`. Errors are logged and the loop carries on.
 */
export function startSender(deps: SenderDeps, options: Partial<SenderOptions> = {}): RunningSender {
  const sender = new ProactiveSender(deps, options);
  const pollMs = options.pollMs ?? DEFAULT_SENDER_OPTIONS.pollMs;
  let stopped = false;
  let idle: AbortController | undefined;
  const loop = (async () => {
    while (!stopped) {
      let run: SenderRun | undefined;
      try {
        run = await sender.runOnce({ keepLease: true });
      } catch (error) {
        deps.log?.(`Sender: a pass failed and will be tried again (${(error as Error).message}).`);
      }
      if (stopped) break;
      // Another sender (e.g. `phc send`) holds the lease: let it finish, then carry on.
      const next = run?.busy ? run.busy.until : await deps.outbox.nextDue().catch(() => undefined);
      const wait = Math.min(pollMs, Math.max(250, (next ?? Infinity) - deps.clock.now().getTime()));
      idle = new AbortController();
      await deps.sleep(wait, idle.signal);
    }
  })();
  return {
    owner: sender.owner,
    wake: () => idle?.abort(),
    stop: async () => {
      stopped = true;
      sender.stop();
      idle?.abort();
      await loop;
      await deps.outbox.releaseSender(sender.owner);
    },
  };
}
