/**
 * How fast this machine is at the two things the benchmarks' figures hang on, printed beside
 * them so that figures from different days can be compared: a fixed loop of arithmetic, and
 * memory a process touches for the first time. The cloud machines these run on are all "2
 * cores", but on 2026-12-04 one took 949 ms to touch 256 MB of fresh memory (about 15 µs for
 * each 4 KB page) and 14 ms to fill the same memory again, while its arithmetic was as fast as
 * on the machine before. A server that grows its heap under a burst pays the first cost for
 * every new page.
 */
export interface HostSpeed {
  /** A fixed loop of 100 million additions, in ms. */
  readonly arithmeticMs: number;
  /** Filling memory this process has never touched, in ms a MB. */
  readonly freshMemoryMsPerMb: number;
  /** Filling the same memory again, in ms a MB. */
  readonly touchedMemoryMsPerMb: number;
}

const MEMORY_MB = 64;
/** Linux's page, in which a process's first touches of memory are counted (minor page faults). */
export const PAGE_BYTES = 4096;

export function measureHost(): HostSpeed {
  let started = performance.now();
  let sum = 0;
  for (let i = 0; i < 1e8; i++) sum += i % 7;
  const arithmeticMs = performance.now() - started;
  if (sum < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  // Not from Node's pool and not zeroed: the first fill is the first touch of each page.
  const memory = Buffer.allocUnsafeSlow(MEMORY_MB * 2 ** 20);
  started = performance.now();
  memory.fill(1);
  const fresh = performance.now() - started;
  started = performance.now();
  memory.fill(2);
  const touched = performance.now() - started;
  return { arithmeticMs, freshMemoryMsPerMb: fresh / MEMORY_MB, touchedMemoryMsPerMb: touched / MEMORY_MB };
}

export function describeHost(host: HostSpeed): string {
  return `this machine: 100 million additions in ${host.arithmeticMs.toFixed(0)} ms; memory touched for the first time ${host.freshMemoryMsPerMb.toFixed(2)} ms a MB, again ${host.touchedMemoryMsPerMb.toFixed(2)} ms a MB`;
}

/** What first touches of `pages` pages cost at this machine's rate, in seconds. */
export function firstTouchSeconds(host: HostSpeed, pages: number): number {
  return (((pages * PAGE_BYTES) / 2 ** 20) * host.freshMemoryMsPerMb) / 1000;
}
