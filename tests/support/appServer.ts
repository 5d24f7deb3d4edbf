/**
 * The real server (src/server/main.ts, as `npm start` runs it) in a child process, on a free
 * port with its own data folder: for every end-to-end test and benchmark that needs it.
 * `runtime: 'compiled'` (or PHC_SERVER_RUNTIME=compiled) runs the build in dist/server as
 * `npm run start:prod` does; `runtime` on the result is what the server said it ran.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuntimeMode } from '../../src/runtimeMode';

const ROOT = path.resolve(__dirname, '../..');

export interface RunningServer {
  readonly child: ChildProcess;
  readonly base: string;
  readonly output: () => string;
  readonly stop: () => Promise<void>;
  /** Compiled JavaScript or TypeScript through tsx, as the server's own start-up line says. */
  readonly runtime: RuntimeMode;
}

export interface ServerOptions {
  readonly runtime?: RuntimeMode;
  /** Another checkout to run the server from (a benchmark's baseline); default this repository. */
  readonly root?: string;
  /** Options for node itself (a benchmark's `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
}

const COMPILED_MAIN = 'dist/server/src/server/main.js';

export function startServer(dataDir: string, env: NodeJS.ProcessEnv = {}, options: ServerOptions = {}): Promise<RunningServer> {
  const runtime = options.runtime ?? (process.env.PHC_SERVER_RUNTIME === 'compiled' ? 'compiled' : 'tsx');
  const root = options.root ?? ROOT;
  if (runtime === 'compiled' && !fs.existsSync(path.join(root, COMPILED_MAIN))) {
    return Promise.reject(new Error(`No compiled server at ${COMPILED_MAIN}: run npm run build:server first.`));
  }
  const args = [...(options.nodeArgs ?? []), ...(runtime === 'compiled' ? ['--enable-source-maps', COMPILED_MAIN] : ['--import', 'tsx', 'src/server/main.ts'])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: '0', PHC_DATA_DIR: dataDir, MicrosoftAppId: '', PHC_TAB_CLIENT_ID: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in time:\n${output}`)), 60_000);
    let started = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Once started, only kept: a busy server's log is long, and searching all of it for every chunk is not free.
      if (started) return;
      const match = /Bot endpoint: http:\/\/localhost:(\d+)\//.exec(output);
      const running = /Running: ([^\n]+)/.exec(output);
      if (match?.[1] && running?.[1]) {
        clearTimeout(timer);
        started = true;
        const ran: RuntimeMode = running[1].startsWith('compiled') ? 'compiled' : 'tsx';
        resolve({ child, base: `http://127.0.0.1:${match[1]}`, output: () => output, stop, runtime: ran });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}):\n${output}`));
    });
  });
}

/** The bot's endpoint on a running server, for the Agents Playground. */
export const botEndpointOf = (server: RunningServer): string => `${server.base}/api/messages`;
