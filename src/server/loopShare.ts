/**
 * Lets the event loop come round between slices of work that arrived together.
 *
 * libuv (1.45 and later, so Node 20) accepts one new connection per turn of the event loop. When
 * a whole council presses at once, one turn of the server's loop found 100–150 requests ready and
 * ran every bot turn they started before going round again: turns of 1–1.3 s, so connections
 * waiting to be accepted were taken at about one a second and waited 5–25 s in the kernel's queue,
 * while requests on kept connections were answered within about a second (`bench:burst`, strace of
 * the server: one accept4 between every two epoll_pwait, never EAGAIN, the listen queue at
 * 100–1,000). Work that waits its turn here is let go in slices, one slice a turn of the loop, in
 * the order it arrived, so the loop goes round (and accepts) between slices. With bot turns
 * costing about a millisecond each, slices of 0.5 ms gave the first reply to 1,500 people p99
 * 1.8 s where 2 ms slices gave 2.6 s and none 3.7 s.
 *
 * A slice's clock sees only the first steps of the work it lets go (see `drain`): under a burst a
 * 0.5 ms slice let go up to 20–27 bot requests and its turn of the loop ran up to 14–26 ms of
 * them. That batching is worth keeping: letting go one request a turn, or as many as their
 * measured cost fits in 0.5 ms (about one), gave card actions p99 2.0–3.0 s against 0.1–0.8 s,
 * with the first reply no better (`bench:burst`, alternating runs).
 */
export class LoopShare {
  private readonly waiting: (() => void)[] = [];
  private draining = false;

  constructor(private readonly sliceMs: number) {}

  /** Resolves when the caller may start: in this turn of the loop if nothing else is waiting, else in a later slice. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    const started = performance.now();
    // Each caller let go gets two steps of its work (two microtasks) before the clock is read
    // again; the rest of its work, up to its first real wait, runs after this loop in this turn.
    // For a bot request the clock sees about 0.05 ms of the 0.6–0.7 ms it costs the turn.
    // At least one a turn, however short the slice.
    do {
      this.waiting.shift()?.();
      await Promise.resolve();
      await Promise.resolve();
    } while (this.waiting.length > 0 && performance.now() - started < this.sliceMs);
    // An immediate set from within the check phase runs in the loop's next turn, after it has polled.
    if (this.waiting.length > 0) setImmediate(() => void this.drain());
    else this.draining = false;
  }
}
