/**
 * A sender process for the crash test: opens the data directory's database and runs the
 * real sender (botbuilder CloudAdapter messenger) until the queue is idle, on a clock that
 * starts at `startAt` and runs `speed` times faster than real time. Prints one JSON line
 * with what it did. The test kills it with SIGKILL part-way through.
 */
import { realSleep, runSenderOnce } from '../../src/app/senderLoop';
import { composeAt } from './composed';
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
  // The sender as the server builds it: local mode (no bot app id), nobody in the directory.
  const phc = await composeAt(args.dataDir, { PHC_DEMO: 'off' }, { clock });
  const run = await runSenderOnce({ ...phc.sender, random: seededRandom(process.pid), sleep: (ms, signal) => realSleep(ms / args.speed, signal) }, { concurrency: args.concurrency });
  process.stdout.write(`${JSON.stringify(run)}\n`);
  await phc.close();
}

void main();
