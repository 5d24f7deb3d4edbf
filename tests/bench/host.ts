/**
 * How fast this machine is at what the benchmarks' figures hang on, printed beside them so that
 * figures from different days can be compared: a fixed loop of arithmetic, reading memory at
 * random (as a large heap is read), JSON in and out (as every request is), and memory a process
 * touches for the first time. The cloud machines these run on are all "2 cores", yet on
 * 2026-12-04 the same code's first reply under `bench:burst` had a p99 under 1 s on one and of
 * 4.4–14.7 s on another, from one half hour to the next; that one took 949 ms to touch 256 MB of
 * fresh memory (about 15 µs a 4 KB page) and 14 ms to fill it again.
 */
export interface HostSpeed {
  /** A fixed loop of 100 million additions, in ms. */
  readonly arithmeticMs: number;
  /** One read of memory at random across 32 MB, each depending on the one before, in ns. */
  readonly randomReadNs: number;
  /** An 8 KB card-like document parsed and written again, in µs. */
  readonly jsonRoundTripUs: number;
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

  // One cycle through every slot (Sattolo's shuffle), so each read waits for the one before.
  const slots = 8 * 2 ** 20;
  const next = new Int32Array(slots);
  for (let i = 0; i < slots; i++) next[i] = i;
  for (let i = slots - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * i);
    [next[i], next[j]] = [next[j]!, next[i]!];
  }
  const reads = 4e6;
  let at = 0;
  started = performance.now();
  for (let i = 0; i < reads; i++) at = next[at]!;
  const randomReadNs = ((performance.now() - started) * 1e6) / reads;
  if (at < 0) throw new Error('unreachable: keeps the reads from being optimised away');

  const body = Array.from({ length: 30 }, (_, i) => [
    { type: 'TextBlock', text: `Question ${i + 1}: how far do you agree?`, wrap: true },
    { type: 'Input.ChoiceSet', id: `q${i}`, style: 'expanded', choices: [1, 2, 3, 4, 5].map((n) => ({ title: `Option ${n}`, value: String(n) })) },
  ]).flat();
  const document = JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body });
  const trips = 4000;
  let length = 0;
  started = performance.now();
  for (let i = 0; i < trips; i++) length += JSON.stringify(JSON.parse(document)).length;
  const jsonRoundTripUs = ((performance.now() - started) * 1000) / trips;
  if (length !== trips * document.length) throw new Error('unreachable: a JSON round trip changed the document');

  // Not from Node's pool and not zeroed: the first fill is the first touch of each page.
  const memory = Buffer.allocUnsafeSlow(MEMORY_MB * 2 ** 20);
  started = performance.now();
  memory.fill(1);
  const fresh = performance.now() - started;
  started = performance.now();
  memory.fill(2);
  const touched = performance.now() - started;
  return { arithmeticMs, randomReadNs, jsonRoundTripUs, freshMemoryMsPerMb: fresh / MEMORY_MB, touchedMemoryMsPerMb: touched / MEMORY_MB };
}

export function describeHost(host: HostSpeed): string {
  return `this machine: 100 million additions in ${host.arithmeticMs.toFixed(0)} ms; a read at random across 32 MB ${host.randomReadNs.toFixed(0)} ns; an 8 KB card through JSON and back ${host.jsonRoundTripUs.toFixed(0)} µs; memory touched for the first time ${host.freshMemoryMsPerMb.toFixed(2)} ms a MB, again ${host.touchedMemoryMsPerMb.toFixed(2)} ms a MB`;
}

/** What first touches of `pages` pages cost at this machine's rate, in seconds. */
export function firstTouchSeconds(host: HostSpeed, pages: number): number {
  return (((pages * PAGE_BYTES) / 2 ** 20) * host.freshMemoryMsPerMb) / 1000;
}
