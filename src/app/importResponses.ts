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
}

export interface RowProblem {
  readonly line: number;
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
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(body, { columns: true, skip_empty_lines: true, info: true, trim: true }) as typeof records;
  } catch (error) {
    throw new UserFacingError(`The file could not be read as CSV: ${(error as Error).message}`);
  }
  // csv-parse reports the line a record ends on; rows here are one line each unless quoted over several.
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
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
): { readonly responses: { answers: Answers; submittedOn: IsoDate }[]; readonly problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const responses: { answers: Answers; submittedOn: IsoDate }[] = [];
  for (const row of rows) {
    const { [SUBMITTED_ON]: rawDate, ...answers } = row.values;
    let submittedOn = today;
    if (rawDate !== undefined && rawDate !== '') {
      const problem = isoDateProblem(String(rawDate).slice(0, 10));
      if (problem !== undefined) {
        problems.push({ line: row.line, questionId: SUBMITTED_ON, message: `"${String(rawDate)}" ${problem}.` });
        continue;
      }
      submittedOn = asIsoDate(String(rawDate).slice(0, 10));
    }
    const checked = validateAnswers(questionnaire, answers, { mode: 'submit' });
    if (checked.ok) responses.push({ answers: checked.answers, submittedOn });
    else problems.push(...checked.errors.map((e) => ({ line: row.line, questionId: e.questionId, message: e.message })));
  }
  return { responses, problems };
}

export class ImportService {
  constructor(
    private readonly stores: Stores,
    private readonly questionnaire: Questionnaire,
    private readonly cycles: CycleService,
    private readonly clock: Clock,
  ) {}

  async importResponses(rawCycleId: string, fileName: string, text: string, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
    const cycle = await this.cycles.require(rawCycleId);
    if (cycle.kind === 'published') throw new UserFacingError(`${cycle.id} is published history; responses cannot be added to it.`);
    if (cycle.status === 'closed') {
      throw new UserFacingError(`${cycle.id} is closed and its results may have been seen; adding responses now would let them be compared. Import into an open cycle.`);
    }
    const rows = readRows(fileName, text);
    if (rows.length === 0) throw new UserFacingError('The file has no responses in it.');
    const unknownColumns = [...new Set(rows.flatMap((r) => Object.keys(r.values)))].filter(
      (c) => c !== SUBMITTED_ON && !findQuestion(this.questionnaire, c),
    );
    if (unknownColumns.length > 0) {
      throw new UserFacingError(
        `The file has columns that are not questions in ${this.questionnaire.title}: ${unknownColumns.join(', ')}. Nothing was imported. Column names must be question ids (see "phc survey show health-check").`,
      );
    }
    const { responses, problems } = checkRows(this.questionnaire, rows, dateOf(this.clock.now()));
    if (problems.length > 0 || options.dryRun) return { imported: 0, rows: rows.length, problems };
    const imported = await this.stores.responses.importMany(
      cycle.id,
      responses.map((r) => ({ surveyVersion: this.questionnaire.version, submittedOn: r.submittedOn, answers: r.answers })),
    );
    return { imported, rows: rows.length, problems: [] };
  }
}
