import { parse } from 'csv-parse/sync';
import { asIsoDate, dateOf, isoDateProblem, type IsoDate } from '../domain/shared/brand';
import { findQuestion } from '../domain/survey/rules';
import type { Answers, Questionnaire } from '../domain/survey/types';
import { validateAnswers } from '../domain/survey/validate';
import type { Clock } from '../ports/clock';
import type { Stores } from '../ports/stores';
import { CycleService } from './cycles';
import { UserFacingError } from './errors';

/** Optional column giving the day a response was sent; any time of day is dropped. */
export const SUBMITTED_ON = 'submitted_on';

export interface ImportRow {
  /** Line in the file where the row starts, for the report. */
  readonly line: number;
  readonly values: Record<string, unknown>;
  /** CSV only: the column (from 1) each name is in. */
  readonly columns?: Readonly<Record<string, number>>;
}

export interface RowProblem {
  readonly line: number;
  /** The column (from 1), where the file has columns (CSV). */
  readonly column?: number;
  readonly questionId: string;
  readonly message: string;
}

export interface ImportReport {
  readonly imported: number;
  readonly rows: number;
  readonly problems: readonly RowProblem[];
}

/**
 * Reads a CSV (one column per question id; multi-choice answers separated by ";") or
 * JSON lines (one object of answers per line). Unreadable files are refused whole.
 */
export function readRows(fileName: string, text: string): ImportRow[] {
  const body = text.replace(/^\uFEFF/, '');
  if (/\.jsonl?$/i.test(fileName) || /^\s*\{/.test(body)) return readJsonLines(body);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { skip_empty_lines: true, info: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    throw new UserFacingError(`The file could not be read as CSV: ${(error as Error).message}`);
  }
  const [head, ...rest] = records;
  if (!head) return [];
  const header = head.record;
  // A name twice would let the second silently replace the first.
  const columns: Record<string, number> = {};
  header.forEach((name, i) => {
    const first = columns[name];
    if (first !== undefined) throw new UserFacingError(`Line ${head.info.lines}, column ${i + 1}: the column "${name}" appears more than once (also column ${first}). Nothing was imported.`);
    columns[name] = i + 1;
  });
  // csv-parse reports the line a record ends on; rows here are one line each unless quoted over several.
  return rest.map(({ record, info }) => ({ line: info.lines, values: Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])), columns }));
}

function readJsonLines(text: string): ImportRow[] {
  const rows: ImportRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let values: unknown;
    try {
      values = JSON.parse(raw);
    } catch {
      throw new UserFacingError(`Line ${i + 1} is not valid JSON; nothing was imported.`);
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw new UserFacingError(`Line ${i + 1} is not a set of answers ({"question-id": "answer", …}); nothing was imported.`);
    }
    rows.push({ line: i + 1, values: values as Record<string, unknown> });
  });
  return rows;
}

/**
 * Checks every row with the same validation as a survey submitted in Teams. All or nothing:
 * if any row is refused, nothing is imported and every problem is reported, so a corrected
 * file can be imported again without creating duplicates.
 */
export function checkRows(
  questionnaire: Questionnaire,
  rows: readonly ImportRow[],
  today: IsoDate,
  window?: { readonly opensOn: IsoDate; readonly closesOn: IsoDate },
): { readonly responses: { answers: Answers; submittedOn: IsoDate }[]; readonly problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const responses: { answers: Answers; submittedOn: IsoDate }[] = [];
  for (const row of rows) {
    const at = (questionId: string) => {
      const column = row.columns?.[questionId];
      return { line: row.line, ...(column !== undefined ? { column } : {}), questionId };
    };
    const { [SUBMITTED_ON]: rawDate, ...answers } = row.values;
    let submittedOn = today;
    if (rawDate !== undefined && rawDate !== '') {
      const day = String(rawDate).slice(0, 10);
      const problem = isoDateProblem(day);
      if (problem !== undefined) {
        problems.push({ ...at(SUBMITTED_ON), message: `"${String(rawDate)}" ${problem}.` });
        continue;
      }
      // A response is sent while its cycle is open: any other day is a mistake in the file.
      if (window && (day < window.opensOn || day > window.closesOn)) {
        problems.push({ ...at(SUBMITTED_ON), message: `"${String(rawDate)}" is outside the cycle, which is open from ${window.opensOn} to ${window.closesOn}.` });
        continue;
      }
      submittedOn = asIsoDate(day);
    }
    const checked = validateAnswers(questionnaire, answers, { mode: 'submit' });
    if (checked.ok) responses.push({ answers: checked.answers, submittedOn });
    else problems.push(...checked.errors.map((e) => ({ ...at(e.questionId), message: e.message })));
  }
  return { responses, problems };
}

export class ImportService {
  constructor(
    private readonly stores: Stores,
    private readonly cycles: CycleService,
    private readonly clock: Clock,
  ) {}

  async importResponses(rawCycleId: string, fileName: string, text: string, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
    const cycle = await this.cycles.require(rawCycleId);
    if (cycle.kind === 'published') throw new UserFacingError(`${cycle.id} is published history; responses cannot be added to it.`);
    if (cycle.status === 'closed') {
      throw new UserFacingError(`${cycle.id} is closed and its results may have been seen; adding responses now would let them be compared. Import into an open cycle.`);
    }
    // The questions the cycle asks: the Health Check, or the pulse (at the version it ran).
    const questionnaire = await this.cycles.questionnaireOf(cycle);
    const rows = readRows(fileName, text);
    if (rows.length === 0) throw new UserFacingError('The file has no responses in it.');
    const unknownColumns = [...new Set(rows.flatMap((r) => Object.keys(r.values)))].filter((c) => c !== SUBMITTED_ON && !findQuestion(questionnaire, c));
    if (unknownColumns.length > 0) {
      throw new UserFacingError(
        `The file has columns that are not questions in ${questionnaire.title}: ${unknownColumns.join(', ')}. Nothing was imported. Column names must be question ids (see "phc survey show ${questionnaire.id}").`,
      );
    }
    const { responses, problems } = checkRows(questionnaire, rows, dateOf(this.clock.now()), { opensOn: cycle.opensOn, closesOn: cycle.closesOn });
    if (problems.length > 0 || options.dryRun) return { imported: 0, rows: rows.length, problems };
    const imported = await this.stores.responses.importMany(
      cycle.id,
      responses.map((r) => ({ surveyVersion: questionnaire.version, submittedOn: r.submittedOn, answers: r.answers })),
    );
    return { imported, rows: rows.length, problems: [] };
  }
}
