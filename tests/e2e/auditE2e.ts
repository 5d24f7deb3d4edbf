/**
 * What the audit end-to-end tests share: the real server process (`src/server/main.ts`, as
 * `npm start` runs it) with its clock started on a chosen day, `phc` on the same data
 * directory, and reading the cards the playground shows.
 */
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run';
import type { Clock } from '../../src/ports/clock';
import { botEndpointOf, startServer as startAppServer } from '../support/appServer';
import type { PlaygroundEvent } from '../support/playground';

export const ROOT = path.resolve(__dirname, '../..');
/** The playground's sixth user: a senior practitioner in the demo organisation who supervises Alex, Adele and Patti. */
export const LYNNE = '00000000-0000-0000-0000-0000000000025';
export const ALEX = '00000000-0000-0000-0000-0000000000020';
export const YEAR = 2026;

type Json = Record<string, unknown>;

export function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      for (const key of ['text', 'title']) if (typeof o[key] === 'string') out.push(o[key] as string);
      for (const [k, v] of Object.entries(o)) if (k !== 'data' && typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out.join('\n');
}

/** Every input of a card: id and type. */
export function inputsOf(card: unknown): { id: string; type: string }[] {
  const found: { id: string; type: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') found.push({ id: o.id, type: o.type });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** What a supervisor fills in: every rating Yes with a comment, every text answered, no actions. */
export function answersFor(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of inputsOf(card)) {
    if (input.id.startsWith('q.') && input.type === 'Input.ChoiceSet') out[input.id] = 'yes';
    else if (input.id.startsWith('q.')) out[input.id] = input.id === 'q.case-identifier' ? 'Case 4471' : 'Clear, person-centred recording throughout.';
    else if (input.id.startsWith('c.')) out[input.id] = 'Discussed in supervision; well evidenced in the file.';
    else if (input.id.startsWith('n.')) out[input.id] = 'true';
  }
  return out;
}

export const cardOf = (event: PlaygroundEvent | undefined): unknown => event?.attachments[0]?.content;

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

export async function phc(dataDir: string, clock: Clock, ...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { PHC_DATA_DIR: dataDir }, cwd: ROOT }, clock);
  if (code !== 0) throw new Error(`phc ${argv.join(' ')} failed (${code}): ${err}`);
  return out;
}

/** `src/server/main.ts` as `npm start` runs it, on a free port, its clock started at `clockStart`. */
export async function startServer(dataDir: string, clockStart: string): Promise<{ child: ChildProcess; endpoint: string; output: () => string }> {
  // These tests plan the year they need themselves.
  const server = await startAppServer(dataDir, { PHC_DEMO_AUDITS: 'off', PHC_CLOCK_START: clockStart });
  return { child: server.child, endpoint: botEndpointOf(server), output: server.output };
}

export interface StatusRow {
  key: string;
  counts: Record<string, number>;
}

export async function completedOf(dataDir: string, clock: Clock, activity = 'practice-standards-audit'): Promise<number> {
  const status = JSON.parse(await phc(dataDir, clock, 'audits', 'status', '--year', String(YEAR), '--json')) as { byType: StatusRow[]; byAuditor: StatusRow[] };
  const row = status.byType.find((r) => r.key === activity);
  if (!row) throw new Error(`phc audits status has no ${activity} row`);
  return (row.counts.completedOnTime ?? 0) + (row.counts.completedLate ?? 0);
}

export const isWeekday = (date: string): boolean => {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
};
