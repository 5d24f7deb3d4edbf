/**
 * A sender process for the crash test: opens the data directory's database and runs the
 * real sender (botbuilder CloudAdapter messenger) until the queue is idle, on a clock that
 * starts at `startAt` and runs `speed` times faster than real time. Prints one JSON line
 * with what it did. The test kills it with SIGKILL part-way through.
 */
import * as path from 'node:path';
import { proactiveSenderDeps } from '../../bot/proactive';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { realSleep, runSenderOnce } from '../../src/app/senderLoop';
import { DATABASE_FILE } from '../../src/compose';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { wallNow } from './connectorStandIn';
import { seededRandom } from './outboxFixtures';

export interface SenderChildArgs {
  readonly dataDir: string;
  readonly startAt: number;
  readonly realStart: number;
  readonly speed: number;
  readonly concurrency: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as SenderChildArgs;
  const clock = { now: () => new Date(args.startAt + (wallNow() - args.realStart) * args.speed) };
  const { stores, operational } = openSqlite(path.join(args.dataDir, DATABASE_FILE));
  const deps = proactiveSenderDeps({
    stores,
    operational,
    bot: { appId: undefined, appPassword: undefined, appTenantId: undefined, appType: 'SingleTenant' },
    minutes: healthCheck.minutes,
    clock,
  });
  const run = await runSenderOnce(
    { ...deps, random: seededRandom(process.pid), sleep: (ms, signal) => realSleep(ms / args.speed, signal) },
    { concurrency: args.concurrency },
  );
  process.stdout.write(`${JSON.stringify(run)}\n`);
  await stores.close();
}

void main();
