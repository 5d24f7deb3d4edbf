import type { Organisation, Person } from '../organisation/types';
import { isMonth, type AuditPeriod, type CaseloadEntry, type CaseWeights } from './types';

/**
 * Caseload rows from a case management system's export (the council uses Care Director),
 * checked. Pure: reading the file is the caller's job. All or nothing: every bad row is
 * reported by line, and if there is any problem no entries are given back.
 *
 * Columns (header names, any case, spaces or underscores):
 * - `worker`: the person's id in the organisation (Entra object id or local id), or their
 *   name exactly as the directory has it (any case). Ids are tried first.
 * - `team`: the team's id (`hospital`) or name ("Hospital team").
 * - `month`: `YYYY-MM` (a full date `YYYY-MM-DD` is read as its month).
 * - `open_cases`: open cases allocated to the worker that month, a whole number, 0 or more.
 * - optional `complexity_weight`, `risk_weight`, `travel_weight`: multipliers, 1 = typical,
 *   more than 0 and at most 5.
 *
 * A worker the organisation does not know is not a bad row: the entry is kept under the
 * name in the file (it still counts in its team's average) and listed as unmatched, so the
 * PSW can correct the directory. A name that fits two people is a bad row (say which id).
 */

export const CASELOAD_COLUMNS = ['worker', 'team', 'month', 'open_cases'] as const;
export const OPTIONAL_CASELOAD_COLUMNS = ['complexity_weight', 'risk_weight', 'travel_weight'] as const;
const WEIGHT_COLUMNS = { complexity_weight: 'complexity', risk_weight: 'risk', travel_weight: 'travel' } as const;

/** The largest weight taken: beyond five times a typical case the figure is more likely a typing slip. */
export const MAX_WEIGHT = 5;
/** The most open cases one person could hold; above this the figure is almost surely a team total. */
export const MAX_OPEN_CASES = 200;

export interface CaseloadRow {
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface CaseloadRowProblem {
  readonly line: number;
  /** The column at fault, as this import names it (`open_cases`); absent for the file as a whole. */
  readonly column?: string;
  /** Where that column is in the file (from 1), when the file has a header row. */
  readonly columnNumber?: number;
  readonly message: string;
}

export interface UnmatchedWorker {
  readonly line: number;
  readonly worker: string;
  readonly teamId: string;
}

export type CaseloadRowsResult =
  { readonly ok: true; readonly entries: readonly CaseloadEntry[]; readonly unmatched: readonly UnmatchedWorker[] } | { readonly ok: false; readonly problems: readonly CaseloadRowProblem[] };

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());
export const columnKey = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
const fold = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Finds the worker by id, then by name; `ambiguous` lists the ids when a name fits several people. */
export function matchWorker(org: Organisation, raw: string): { person?: Person; ambiguous?: readonly string[] } {
  const byId = org.people.find((p) => p.id === raw);
  if (byId) return { person: byId };
  const named = org.people.filter((p) => fold(p.displayName) === fold(raw));
  if (named.length === 1) return { person: named[0]! };
  if (named.length > 1) return { ambiguous: named.map((p) => p.id) };
  return {};
}

export function checkCaseloadRows(rows: readonly CaseloadRow[], organisation: Organisation, period: AuditPeriod): CaseloadRowsResult {
  if (rows.length === 0) return { ok: false, problems: [{ line: 1, message: 'The file has no caseloads in it.' }] };
  const columns = new Set(rows.flatMap((r) => Object.keys(r.values).map(columnKey)));
  const headerProblems: CaseloadRowProblem[] = [];
  const missing = CASELOAD_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) headerProblems.push({ line: 1, message: `The file has no ${missing.map((c) => `"${c}"`).join(', ')} ${missing.length === 1 ? 'column' : 'columns'}.` });
  const known = new Set<string>([...CASELOAD_COLUMNS, ...OPTIONAL_CASELOAD_COLUMNS]);
  const unknown = [...columns].filter((c) => !known.has(c));
  if (unknown.length > 0)
    headerProblems.push({ line: 1, message: `The file has columns this import does not know: ${unknown.join(', ')}. Expected ${[...CASELOAD_COLUMNS, ...OPTIONAL_CASELOAD_COLUMNS].join(', ')}.` });
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };

  const teamOf = new Map<string, string>();
  for (const t of organisation.teams) {
    teamOf.set(fold(t.id), t.id);
    teamOf.set(fold(t.name), t.id);
  }
  const problems: CaseloadRowProblem[] = [];
  const entries: CaseloadEntry[] = [];
  const unmatched: UnmatchedWorker[] = [];
  const seen = new Map<string, number>();

  for (const row of rows) {
    const values = Object.fromEntries(Object.entries(row.values).map(([k, v]) => [columnKey(k), v]));
    const bad = (column: string, message: string) => problems.push({ line: row.line, column, message });
    const before = problems.length;
    const worker = text(values.worker);
    const rawTeam = text(values.team);
    const rawMonth = text(values.month);
    const rawCases = text(values.open_cases);

    if (worker === '') bad('worker', 'The worker is missing: give their id or their name as the directory has it.');
    const teamId = teamOf.get(fold(rawTeam));
    if (rawTeam === '') bad('team', `The team is missing${worker ? ` for ${worker}` : ''}.`);
    else if (!teamId) bad('team', `"${rawTeam}" is not a team in the organisation (teams: ${organisation.teams.map((t) => t.name).join(', ')}).`);
    const month = /^\d{4}-\d{2}-\d{2}$/.test(rawMonth) ? rawMonth.slice(0, 7) : rawMonth;
    if (rawMonth === '') bad('month', 'The month is missing (YYYY-MM, e.g. 2026-07).');
    else if (!isMonth(month)) bad('month', `"${rawMonth}" is not a month: write it as YYYY-MM, e.g. 2026-07.`);
    else if (month < period.from || month > period.to) bad('month', `${month} is outside the audit period ${period.from} to ${period.to}.`);
    const openCases = Number(rawCases);
    if (rawCases === '') bad('open_cases', `The number of open cases is missing${worker ? ` for ${worker}` : ''}.`);
    else if (!Number.isInteger(openCases) || openCases < 0) bad('open_cases', `"${rawCases}" open cases is not a whole number of 0 or more.`);
    else if (openCases > MAX_OPEN_CASES) bad('open_cases', `${openCases} open cases for one worker is more than ${MAX_OPEN_CASES}: is it the team's total?`);

    const weights: { -readonly [K in keyof CaseWeights]: number } = {};
    for (const [column, key] of Object.entries(WEIGHT_COLUMNS)) {
      const raw = text(values[column]);
      if (raw === '') continue;
      const w = Number(raw);
      if (!Number.isFinite(w) || w <= 0 || w > MAX_WEIGHT) bad(column, `The ${key} weight "${raw}" must be a number above 0 and at most ${MAX_WEIGHT} (1 is a typical case mix).`);
      else weights[key] = w;
    }

    const match = worker === '' ? {} : matchWorker(organisation, worker);
    if (match.ambiguous) bad('worker', `"${worker}" is the name of ${match.ambiguous.length} people (${match.ambiguous.join(', ')}): use their id instead.`);
    const key = `${match.person?.id ?? fold(worker)}|${month}`;
    if (worker !== '' && isMonth(month) && !match.ambiguous) {
      const first = seen.get(key);
      if (first !== undefined) bad('month', `${worker} already has a caseload for ${month} on line ${first}: a worker has one figure a month.`);
      else seen.set(key, row.line);
    }
    if (problems.length > before || !teamId) continue;
    if (!match.person) unmatched.push({ line: row.line, worker, teamId });
    entries.push({
      workerId: match.person?.id,
      workerName: match.person?.displayName ?? worker,
      teamId,
      month,
      openCases,
      weights,
      source: 'import',
    });
  }
  if (problems.length > 0) return { ok: false, problems: [...problems].sort((a, b) => a.line - b.line) };
  return { ok: true, entries, unmatched };
}
