/**
 * The real server (src/server/main.ts, as `npm start` runs it) in a child process, on a free
 * port with its own data folder: for every end-to-end test and benchmark that needs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface RunningServer {
  readonly child: ChildProcess;
  readonly base: string;
  readonly output: () => string;
  readonly stop: () => Promise<void>;
}

export function startServer(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
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
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Bot endpoint: http:\/\/localhost:(\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${match[1]}`, output: () => output, stop });
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
