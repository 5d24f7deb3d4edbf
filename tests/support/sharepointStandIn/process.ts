/**
 * Runs the SharePoint stand-in in its own process, so that its work (parsing batches,
 * checking fields, answering) is not counted in the client's time, as SharePoint's is not:
 * on a fast clock every real millisecond of shared CPU becomes many SharePoint ones.
 * Started with one JSON argument (SharePointStandInOptions; `realStart` and `startAt` make
 * both processes keep the same clock); prints `{ baseUrl, site }` on its first line, then
 * answers on stdin: "report" → one JSON line (StandInReport), "close" → exit.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { wallNow } from '../connectorStandIn';
import type { MinuteUsage } from './budget';
import { standInClock, type StandInClock } from './clock';
import { startSharePointStandIn, type SharePointStandIn, type SharePointStandInOptions, type SharePointStandInStats } from './server';

export interface ListReport {
  readonly id: string;
  readonly items: number;
  /** Distinct values of the key field (`PhcId`), and items beyond one per value. */
  readonly distinctKeys: number;
  readonly duplicates: number;
}

export interface StandInReport {
  readonly stats: SharePointStandInStats;
  readonly ruUsage: MinuteUsage[];
  readonly lists: Record<string, ListReport>;
}

export interface RemoteSharePointStandIn {
  readonly baseUrl: string;
  readonly site: SharePointStandIn['site'];
  /** The same clock as the stand-in's, kept in this process. */
  readonly clock: StandInClock;
  report(): Promise<StandInReport>;
  close(): Promise<void>;
}

export const KEY_FIELD = 'PhcId';

/** What the stand-in holds, as counts a benchmark can check. */
export function reportOf(standIn: SharePointStandIn): StandInReport {
  const lists: Record<string, ListReport> = {};
  for (const list of standIn.model.sites.get(standIn.site.id)?.lists.values() ?? []) {
    const keys = new Set<unknown>();
    for (const item of list.items.values()) keys.add(item.fields[KEY_FIELD]);
    lists[list.displayName] = { id: list.id, items: list.items.size, distinctKeys: keys.size, duplicates: list.items.size - keys.size };
  }
  return { stats: standIn.stats, ruUsage: standIn.ruUsage(), lists };
}

export async function startSharePointStandInProcess(options: SharePointStandInOptions): Promise<RemoteSharePointStandIn> {
  const full = { ...options, realStart: options.realStart ?? wallNow(), startAt: options.startAt ?? Date.now() };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'process.ts'), JSON.stringify(full)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const first = JSON.parse(await nextLine()) as { baseUrl: string; site: SharePointStandIn['site'] };
  return {
    ...first,
    clock: standInClock(full),
    report: async () => {
      const answer = nextLine();
      child.stdin.write('report\n');
      return JSON.parse(await answer) as StandInReport;
    },
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.write('close\n');
      await exited;
    },
  };
}

/**
 * The same stand-in in this process, behind the same interface: its work then shares the
 * client's CPU, as a busy host's other work would, so a client that cannot make up for lost
 * time shows it.
 */
export async function startSharePointStandInHere(options: SharePointStandInOptions): Promise<RemoteSharePointStandIn> {
  const standIn = await startSharePointStandIn(options);
  return { baseUrl: standIn.baseUrl, site: standIn.site, clock: standIn.clock, report: async () => JSON.parse(JSON.stringify(reportOf(standIn))) as StandInReport, close: () => standIn.close() };
}

async function main(): Promise<void> {
  const standIn = await startSharePointStandIn(JSON.parse(process.argv[2] ?? '{}') as SharePointStandInOptions);
  process.stdout.write(`${JSON.stringify({ baseUrl: standIn.baseUrl, site: standIn.site })}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'report') process.stdout.write(`${JSON.stringify(reportOf(standIn))}\n`);
    else if (line === 'close') {
      await standIn.close();
      process.exit(0);
    }
  }
}

if (require.main === module) void main();
