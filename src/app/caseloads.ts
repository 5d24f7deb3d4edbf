import { caseloadAudit, DEFAULT_CASELOAD_LEVEL, type CaseloadAudit } from '../domain/caseloads/audit';
import { checkCaseloadRows, columnKey, matchWorker, MAX_OPEN_CASES, MAX_WEIGHT, type CaseloadRowProblem, type UnmatchedWorker } from '../domain/caseloads/importRows';
import { publishedCaseloadAudits } from '../domain/caseloads/published';
import type { CaseloadSurveyBeside } from '../domain/caseloads/survey';
import { defaultAuditPeriod, isMonth, parsePeriod, type AuditPeriod, type CaseloadEntry, type CaseWeights } from '../domain/caseloads/types';
import { viewFor, withoutNames } from '../domain/caseloads/visibility';
import { asUserId, dateOf } from '../domain/shared/brand';
import type { CaseloadStore, TeamMonth } from '../ports/caseloads';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { ReportSettingsStore } from '../ports/reportSettings';
import { UserFacingError } from './errors';
import { readRows } from './importResponses';
import { withColumnNumbers } from './organisationImport';

export const CASELOAD_LEVEL_KEY = 'caseload-level';

export interface CaseloadImportReport {
  readonly rows: number;
  readonly period: AuditPeriod;
  /** False on a dry run, when any row was refused, or when months already held figures and `replace` was not given. */
  readonly imported: boolean;
  readonly entries: number;
  readonly teams: number;
  readonly problems: readonly CaseloadRowProblem[];
  /** Workers the organisation does not know: imported under the name in the file, listed here. */
  readonly unmatched: readonly UnmatchedWorker[];
  /** Team-months that already held figures: replaced only with `replace`, else nothing is imported. */
  readonly alreadyStored: readonly (TeamMonth & { readonly workers: number })[];
  readonly replaced: number;
}

/** One worker's line in a team manager's monthly return (teams without a Care Director export). */
export interface MonthlyReturnLine {
  readonly worker: string;
  readonly openCases: number | string;
  readonly complexity?: number | string;
  readonly risk?: number | string;
  readonly travel?: number | string;
}

export interface CaseloadReport {
  readonly audit: CaseloadAudit;
  /** The health check's caseload questions for the same teams, thresholds applied; absent with no results. */
  readonly survey?: CaseloadSurveyBeside;
  /** Who the named flags were filtered for; absent: nobody named. */
  readonly viewerId?: string;
}

/** The caseload and workload audit: import, managers' returns, the level, and the results. */
export class CaseloadService {
  constructor(
    private readonly store: CaseloadStore,
    private readonly settings: ReportSettingsStore,
    private readonly directory: Directory,
    private readonly clock: Clock,
    /** The health check's caseload questions; the app gives results through the results service. */
    private readonly surveyBeside: (cycleId?: string) => Promise<CaseloadSurveyBeside | undefined> = async () => undefined,
  ) {}

  period(text?: string): AuditPeriod {
    if (text === undefined) return defaultAuditPeriod(dateOf(this.clock.now()));
    const period = parsePeriod(text);
    if (!period) throw new UserFacingError(`"${text}" is not an audit period: write it as YYYY-MM..YYYY-MM, e.g. 2026-07..2026-09.`);
    return period;
  }

  /**
   * A Care Director export for `period`. All or nothing: any bad row and nothing is stored.
   * Team-months that already hold figures are replaced only when `replace` is given (the
   * report lists them), so a second import of the same months is never silent.
   */
  async importCsv(fileName: string, text: string, periodText: string | undefined, options: { dryRun?: boolean; replace?: boolean } = {}): Promise<CaseloadImportReport> {
    const period = this.period(periodText);
    const rows = readRows(fileName, text);
    if (rows.length === 0) throw new UserFacingError('The file has no caseloads in it.');
    const organisation = await this.directory.organisation();
    const checked = checkCaseloadRows(rows, organisation, period);
    const base = { rows: rows.length, period, replaced: 0 };
    if (!checked.ok) return { ...base, imported: false, entries: 0, teams: 0, problems: withColumnNumbers(checked.problems, rows, columnKey), unmatched: [], alreadyStored: [] };
    const scope = scopeOf(checked.entries);
    const alreadyStored = (await this.store.existing(scope)).map(({ teamId, month, workers }) => ({ teamId, month, workers }));
    const summary = { ...base, entries: checked.entries.length, teams: new Set(checked.entries.map((e) => e.teamId)).size, problems: [], unmatched: checked.unmatched, alreadyStored };
    if (options.dryRun || (alreadyStored.length > 0 && !options.replace)) return { ...summary, imported: false };
    const { removed } = await this.store.replace(scope, checked.entries, dateOf(this.clock.now()));
    return { ...summary, imported: true, replaced: removed };
  }

  /**
   * A team manager's return for one month, for a team with no export. Only the team's own
   * manager may make it, for workers in the team. Returning the same month again replaces the
   * earlier return (the manager is correcting it); a month that came from the export is not
   * overwritten from here.
   */
  async submitMonthlyReturn(managerId: string, teamId: string, month: string, lines: readonly MonthlyReturnLine[]): Promise<{ readonly stored: number; readonly replaced: number }> {
    const organisation = await this.directory.organisation();
    const team = organisation.teams.find((t) => t.id === teamId);
    if (!team) throw new UserFacingError(`"${teamId}" is not a team in the organisation.`);
    const manager = organisation.people.find((p) => p.id === managerId);
    if (!manager || manager.role !== 'team-manager' || manager.teamId !== teamId) throw new UserFacingError(`Only the team manager of ${team.name} can make its caseload return.`);
    if (!isMonth(month)) throw new UserFacingError(`"${month}" is not a month: write it as YYYY-MM, e.g. 2026-07.`);
    if (month > dateOf(this.clock.now()).slice(0, 7)) throw new UserFacingError(`${month} has not started yet: a return is for a month that has begun.`);
    if (lines.length === 0) throw new UserFacingError("The return has nobody in it: give each worker's open cases.");
    const problems: string[] = [];
    const entries: CaseloadEntry[] = [];
    const seen = new Set<string>();
    lines.forEach((line, i) => {
      const where = `Line ${i + 1}`;
      const { person } = matchWorker(organisation, String(line.worker).trim());
      if (!person || person.teamId !== teamId) return problems.push(`${where}: "${line.worker}" is not in ${team.name}.`);
      if (seen.has(person.id)) return problems.push(`${where}: ${person.displayName} is in the return twice.`);
      seen.add(person.id);
      const cases = Number(line.openCases);
      if (!Number.isInteger(cases) || cases < 0 || cases > MAX_OPEN_CASES)
        return problems.push(`${where}: ${person.displayName}'s open cases "${line.openCases}" must be a whole number from 0 to ${MAX_OPEN_CASES}.`);
      const weights: { -readonly [K in keyof CaseWeights]: number } = {};
      for (const key of ['complexity', 'risk', 'travel'] as const) {
        const raw = line[key];
        if (raw === undefined || String(raw).trim() === '') continue;
        const w = Number(raw);
        if (!Number.isFinite(w) || w <= 0 || w > MAX_WEIGHT) return problems.push(`${where}: the ${key} weight "${raw}" must be above 0 and at most ${MAX_WEIGHT}.`);
        weights[key] = w;
      }
      entries.push({ workerId: person.id, workerName: person.displayName, teamId, month, openCases: cases, weights, source: 'manager-return' });
      return undefined;
    });
    if (problems.length > 0) throw new UserFacingError('The return was not saved; nothing changed.', problems);
    const existing = await this.store.existing([{ teamId, month }]);
    if (existing.some((e) => e.source === 'import'))
      throw new UserFacingError(`${team.name}'s caseloads for ${month} came from the Care Director export; ask the PSW to correct the export rather than return them here.`);
    const { removed, stored } = await this.store.replace([{ teamId, month }], entries, dateOf(this.clock.now()));
    return { stored, replaced: removed };
  }

  /**
   * For each month asked, where a team's caseloads for it came from: the Care Director
   * export, the manager's monthly return, or nothing yet (so the return is still to make).
   */
  async monthsHeld(teamId: string, months: readonly string[]): Promise<ReadonlyMap<string, 'import' | 'manager-return'>> {
    const held = await this.store.existing(months.map((month) => ({ teamId, month })));
    return new Map(held.map((h) => [h.month as string, h.source === 'import' ? 'import' : 'manager-return']));
  }

  /** Whether any caseload is stored for the period. */
  async hasAny(period: AuditPeriod): Promise<boolean> {
    return (await this.store.between(period.from, period.to)).length > 0;
  }

  /** Entries already checked (demo data): stored a team-month at a time, replacing those team-months. */
  async importEntries(entries: readonly CaseloadEntry[]): Promise<number> {
    return (await this.store.replace(scopeOf(entries), entries, dateOf(this.clock.now()))).stored;
  }

  async level(): Promise<number> {
    const stored = await this.settings.get(CASELOAD_LEVEL_KEY);
    return typeof stored === 'number' && stored > 0 ? stored : DEFAULT_CASELOAD_LEVEL;
  }

  async setLevel(level: number): Promise<void> {
    if (!Number.isFinite(level) || level <= 0 || level > MAX_OPEN_CASES) throw new UserFacingError(`The caseload level must be a number of cases above 0 and at most ${MAX_OPEN_CASES}.`);
    await this.settings.set(CASELOAD_LEVEL_KEY, level);
  }

  /**
   * The audit for a period. With `viewerId`, workers above the level are named only to their
   * own managers (see src/domain/caseloads/visibility); without one, nobody is named.
   */
  async report(options: { period?: string; viewerId?: string; cycleId?: string } = {}): Promise<CaseloadReport> {
    const period = this.period(options.period);
    const [entries, organisation, level, survey] = await Promise.all([this.store.between(period.from, period.to), this.directory.organisation(), this.level(), this.surveyBeside(options.cycleId)]);
    const audit = caseloadAudit(entries, organisation, period, { level, history: publishedCaseloadAudits });
    const shown = options.viewerId === undefined ? withoutNames(audit) : viewFor(audit, { id: asUserId(options.viewerId) }, organisation);
    return { audit: shown, ...(survey ? { survey } : {}), ...(options.viewerId === undefined ? {} : { viewerId: options.viewerId }) };
  }
}

function scopeOf(entries: readonly CaseloadEntry[]): TeamMonth[] {
  const keys = new Map<string, TeamMonth>();
  for (const e of entries) keys.set(`${e.teamId}|${e.month}`, { teamId: e.teamId, month: e.month });
  return [...keys.values()].sort((a, b) => a.month.localeCompare(b.month) || a.teamId.localeCompare(b.teamId));
}
