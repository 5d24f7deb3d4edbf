import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Background } from './background';
import type { Nudges } from './teams';

/** What the server's thread tells the background thread. */
export type ToBackground = { readonly kind: 'wake'; readonly loop: 'sender' | 'reminders' | 'updates' } | { readonly kind: 'checkpoint' } | { readonly kind: 'stop' };

/** What the background thread tells the server's. */
export type FromBackground = { readonly kind: 'ready' } | { readonly kind: 'stopped' } | { readonly kind: 'failed'; readonly message: string };

/** What the background thread is started with. */
export interface BackgroundThreadData {
  /** The server's clock less the system clock (PHC_CLOCK_START), so both threads keep one time. */
  readonly clockOffsetMs: number;
}

export interface BackgroundThread extends Background {
  /** Wake the thread's loops and hand it the checkpoints after each response. */
  readonly nudges: Nudges;
  /** Resolves once the thread has built its side of the app and started its loops. */
  readonly ready: Promise<void>;
}

/** After the thread dies unexpectedly, it is started again this long after. */
const RESTART_AFTER_MS = 5_000;

/**
 * The server's background work (the proactive sender and its fan-out of invitations, audit
 * reminders, "You said, we did", SharePoint writes and sync, and the checkpoint after each
 * response) on a thread of its own, with its own connection to the SQLite file. The thread
 * answering people then never waits behind it: a checkpoint waiting for the disk, a send
 * marked durably before it leaves, the SDK's work for fifty invitations a second all happen
 * on the other thread (and, on a machine with two cores, the other core). The background
 * thread builds the app as the server does (src/composition), from the same configuration.
 * If it dies it is started again, and says so.
 */
export function startBackgroundThread(data: BackgroundThreadData, log: (line: string) => void = (line) => console.error(line)): BackgroundThread {
  // The sources run through tsx (.ts) or compiled (.js): the thread's file is beside this one.
  // A worker thread does not inherit tsx's loader, so under tsx it registers it first.
  const file = path.join(__dirname, `backgroundWorker${path.extname(__filename)}`);
  const underTsx = path.extname(__filename) === '.ts';
  let stopping = false;
  let worker: Worker;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let stopped: (() => void) | undefined;
  // A checkpoint asked for while one is on its way is covered by it.
  let checkpointAsked = false;

  const start = () => {
    worker = underTsx ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true, workerData: data }) : new Worker(file, { workerData: data });
    worker.on('message', (message: FromBackground) => {
      if (message.kind === 'ready') markReady();
      else if (message.kind === 'stopped') stopped?.();
      else log(`Background work failed to start: ${message.message}`);
    });
    worker.on('error', (error) => log(`Background work stopped with an error: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => {
      stopped?.();
      if (stopping) return;
      log(`Background work (invitations, reminders, SharePoint) stopped unexpectedly (exit ${code}); starting it again in ${RESTART_AFTER_MS / 1000} s.`);
      setTimeout(() => {
        if (!stopping) start();
      }, RESTART_AFTER_MS).unref();
    });
  };
  start();

  const post = (message: ToBackground) => worker.postMessage(message);
  return {
    ready,
    nudges: {
      sender: () => post({ kind: 'wake', loop: 'sender' }),
      reminders: () => post({ kind: 'wake', loop: 'reminders' }),
      updates: () => post({ kind: 'wake', loop: 'updates' }),
      checkpoint: () => {
        if (checkpointAsked) return;
        checkpointAsked = true;
        // Asked after this turn's other work, so a burst of responses shares one checkpoint.
        setImmediate(() => {
          checkpointAsked = false;
          post({ kind: 'checkpoint' });
        });
      },
    },
    async stop() {
      stopping = true;
      await new Promise<void>((resolve) => {
        stopped = resolve;
        post({ kind: 'stop' });
      });
      await worker.terminate();
    },
  };
}
