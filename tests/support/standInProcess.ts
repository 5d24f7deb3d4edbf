/**
 * Runs the Bot Connector stand-in in its own process, so a benchmark's sender does not
 * share its CPU (and garbage collector) with the stand-in. Started with one JSON argument
 * (StandInOptions without `misbehave`); prints `{"serviceUrl": …}` on its first line, then
 * answers on stdin: a line "report" → one JSON line with stats and per-conversation counts,
 * "reset" → forget everything, "close" → exit.
 */
import * as readline from 'node:readline';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startConnectorStandIn, type StandInOptions, type StandInStats } from './connectorStandIn';

export interface StandInReport {
  readonly stats: StandInStats;
  /** Accepted activities per conversation id. */
  readonly counts: Record<string, number>;
}

export interface RemoteStandIn {
  readonly serviceUrl: string;
  report(): Promise<StandInReport>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the stand-in in a child process (node + tsx). */
export async function startStandInProcess(options: Omit<StandInOptions, 'misbehave'>): Promise<RemoteStandIn> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'standInProcess.ts'), JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const ask = async (command: string) => {
    const answer = nextLine();
    child.stdin.write(`${command}\n`);
    return answer;
  };
  const { serviceUrl } = JSON.parse(await nextLine()) as { serviceUrl: string };
  return {
    serviceUrl,
    report: async () => JSON.parse(await ask('report')) as StandInReport,
    reset: async () => void (await ask('reset')),
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.write('close\n');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as StandInOptions;
  const standIn = await startConnectorStandIn(options);
  process.stdout.write(`${JSON.stringify({ serviceUrl: standIn.serviceUrl })}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'report') {
      const counts: Record<string, number> = {};
      for (const [id, list] of standIn.received) counts[id] = list.length;
      process.stdout.write(`${JSON.stringify({ stats: standIn.stats, counts })}\n`);
    } else if (line === 'reset') {
      standIn.reset();
      process.stdout.write('{}\n');
    } else if (line === 'close') {
      await standIn.close();
      process.exit(0);
    }
  }
}

if (require.main === module) void main();
