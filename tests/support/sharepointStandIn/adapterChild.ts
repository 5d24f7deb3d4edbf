/**
 * An app process for the SharePoint fault test: opens the data directory's database with
 * SharePoint configured (the stand-in at `baseUrl`), then writes what the outbox holds
 * (`write`), brings SharePoint's changes into the read model (`sync`), or both, on the
 * stand-in's clock. Prints one JSON line with what it did. The test kills it with SIGKILL
 * part-way through.
 */
import * as path from 'node:path';
import { DATABASE_FILE } from '../../../src/composition';
import { openAdapter, realSleep } from './appWorld';
import { standInClock } from './clock';

export interface AdapterChildArgs {
  readonly dataDir: string;
  readonly baseUrl: string;
  readonly site: string;
  readonly speed: number;
  readonly startAt: number;
  readonly realStart: number;
  readonly mode: 'write' | 'sync' | 'both';
  /** Real ms before the Graph client gives up on an answer. */
  readonly timeoutMs: number;
  readonly seed: number;
}

/**
 * Like the app's background loop (and a service manager restarting it), a step that fails
 * outright — no answer at start-up, a sync that gives up — is tried again after a pause.
 */
async function persist<T>(what: string, step: () => Promise<T>, errors: string[]): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      errors.push(`${what}: ${(error as Error).message}`);
      if (attempt >= 20) throw error;
      await realSleep(50);
    }
  }
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as AdapterChildArgs;
  const clock = standInClock(args);
  const errors: string[] = [];
  const runtime = await persist(
    'open',
    () => openAdapter({ file: path.join(args.dataDir, DATABASE_FILE), baseUrl: args.baseUrl, site: args.site, speed: args.speed, now: clock.nowMs, seed: args.seed, timeoutMs: args.timeoutMs }),
    errors,
  );
  try {
    const out: Record<string, unknown> = { errors };
    if (args.mode !== 'sync') out.write = await persist('write', () => runtime.writer.drain(), errors);
    if (args.mode !== 'write') out.sync = await persist('sync', () => runtime.sync.sync(), errors);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await runtime.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(70);
});
