import { parentPort, workerData } from 'node:worker_threads';
import { checkpoint, passiveCheckpoint } from '../adapters/sqlite/database';
import { readConfig } from '../config';
import { compose } from '.';
import { startBackground } from './background';
import type { BackgroundThreadData, FromBackground, ToBackground } from './backgroundThread';

/**
 * The background thread (see backgroundThread.ts): the app built once more from the same
 * configuration, over its own connection to the SQLite file, running `startBackground`'s loops
 * and the checkpoints the server's thread hands over.
 */
/** A draft's old copies leave the WAL file within this long of its owner's response. */
const TRUNCATE_WITHIN_MS = 1_000;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('backgroundWorker runs as a worker thread of the server.');
  const say = (message: FromBackground) => port.postMessage(message);
  const { clockOffsetMs } = workerData as BackgroundThreadData;
  const clock = { now: () => new Date(Date.now() + clockOffsetMs) };
  let phc: Awaited<ReturnType<typeof compose>>;
  try {
    phc = await compose(readConfig(), { clock });
  } catch (error) {
    say({ kind: 'failed', message: (error as Error).message });
    throw error;
  }
  const background = startBackground(phc);
  const db = phc.stores.operational.db;
  let checkpointDue = false;
  let truncateSoon: NodeJS.Timeout | undefined;
  port.on('message', (message: ToBackground) => {
    switch (message.kind) {
      case 'wake':
        phc.nudges[message.loop]();
        return;
      case 'checkpoint':
        // The response and the draft's deletion into the database file at once, without
        // holding up the thread answering people (several asked for meanwhile are one)…
        if (!checkpointDue) {
          checkpointDue = true;
          setImmediate(() => {
            checkpointDue = false;
            passiveCheckpoint(db);
          });
        }
        // …and the WAL's old copies of the draft gone within a second: one TRUNCATE a second
        // at most, with little left to copy, so writers wait for it only briefly.
        truncateSoon ??= setTimeout(() => {
          truncateSoon = undefined;
          checkpoint(db);
        }, TRUNCATE_WITHIN_MS);
        return;
      case 'stop':
        if (truncateSoon) {
          clearTimeout(truncateSoon);
          truncateSoon = undefined;
          checkpoint(db);
        }
        void background
          .stop()
          .then(() => phc.close())
          .finally(() => say({ kind: 'stopped' }));
        return;
    }
  });
  say({ kind: 'ready' });
}

void main();
