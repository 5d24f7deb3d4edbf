import { isCalendarDate } from '../../../domain/audit/forms/validate';
import { fromSharePointDate, int, missingOf, str, toSharePointDate, type Fields, type Parsed } from './fields';
import { date, notes, number, phcId, text } from './spec';
import { defineList } from './types';

/**
 * Each staff supervision audit's sample, kept as drawn (the records picked are copied), so
 * what the auditor was asked to look at survives a correction of the log and the loss of an
 * instance. A record: an edit in SharePoint is refused and the app's values written back.
 */
export interface SampleRow {
  task_id: string;
  year: number;
  supervisor_id: string;
  seed: number;
  period_start: string;
  period_end: string;
  drawn_on: string;
  /** JSON arrays, as the app stores them. */
  supervisees: string;
  picks: string;
  without_records: string;
}

const COLUMNS = 'task_id, year, supervisor_id, seed, period_start, period_end, drawn_on, supervisees, picks, without_records';
const NAMES = COLUMNS.split(', ');

export function sampleFields(row: SampleRow): Fields {
  return {
    Title: `Sample: ${row.task_id}`.slice(0, 255),
    PhcId: row.task_id,
    Year: row.year,
    SupervisorId: row.supervisor_id,
    Seed: row.seed,
    PeriodStart: toSharePointDate(row.period_start),
    PeriodEnd: toSharePointDate(row.period_end),
    DrawnOn: toSharePointDate(row.drawn_on),
    Supervisees: row.supervisees,
    Picks: row.picks,
    WithoutRecords: row.without_records,
  };
}

const day = (v: unknown): string | undefined => {
  const d = fromSharePointDate(v);
  return d !== undefined && isCalendarDate(d) ? d : undefined;
};

/** A JSON list as the app writes it: ids, or (for picks) supervision records. */
function jsonList(value: unknown, records: boolean): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const list: unknown = JSON.parse(value);
    if (!Array.isArray(list)) return undefined;
    const ok = records
      ? list.every((r: unknown) => typeof r === 'object' && r !== null && ['id', 'superviseeId', 'supervisorId', 'date', 'outcome'].every((k) => typeof (r as Record<string, unknown>)[k] === 'string'))
      : list.every((v) => typeof v === 'string');
    return ok ? JSON.stringify(list) : undefined;
  } catch {
    return undefined;
  }
}

export function parseSample(fields: Fields): Parsed<SampleRow> {
  const row = {
    task_id: str(fields.PhcId),
    year: int(fields.Year),
    supervisor_id: str(fields.SupervisorId),
    seed: int(fields.Seed),
    period_start: day(fields.PeriodStart),
    period_end: day(fields.PeriodEnd),
    drawn_on: day(fields.DrawnOn),
    supervisees: jsonList(fields.Supervisees, false),
    picks: jsonList(fields.Picks, true),
    without_records: jsonList(fields.WithoutRecords, false),
  };
  const missing = missingOf(row);
  if (missing.length > 0) return { ok: false, problem: `a supervision sample item${row.task_id ? ` (${row.task_id})` : ''} is missing or has unreadable ${missing.join(', ')}` };
  if ((row.seed as number) < 0) return { ok: false, problem: `supervision sample ${row.task_id} has a negative seed` };
  return { ok: true, row: row as SampleRow };
}

export const supervisionSamples = defineList({
  spec: {
    name: 'supervisionSamples',
    displayName: 'PHC Supervision Samples',
    purpose: 'each staff supervision audit sample as it was drawn from the supervision log',
    columns: [
      phcId,
      number('Year', 'Council year', { indexed: true }),
      text('SupervisorId', 'Supervisor (Entra id)', { indexed: true }),
      number('Seed', 'Seed'),
      date('PeriodStart', 'Period starts'),
      date('PeriodEnd', 'Period ends'),
      date('DrawnOn', 'Drawn on'),
      notes('Supervisees', 'Supervisees (Entra ids, JSON)'),
      notes('Picks', 'Records picked (JSON)'),
      notes('WithoutRecords', 'Supervisees without records (Entra ids, JSON)'),
    ],
  },
  heldInGroups: false,
  // A record the app deletes (at the end of its retention) goes from SharePoint too.
  deletedWithTheApp: true,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT task_id AS item_key, '' AS cycle_id FROM supervision_samples",
  reader(db) {
    const get = db.prepare(`SELECT ${COLUMNS} FROM supervision_samples WHERE task_id = ?`);
    return (key) => {
      const row = get.get(key) as SampleRow | undefined;
      return row && sampleFields(row);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM supervision_samples WHERE task_id = ?').get(key) !== undefined,
  parse: parseSample,
  apply({ db, problems, restore }, s) {
    const local = db.prepare(`SELECT ${COLUMNS} FROM supervision_samples WHERE task_id = ?`).get(s.task_id) as SampleRow | undefined;
    if (local) {
      const same = NAMES.every((n) => local[n as keyof SampleRow] === s[n as keyof SampleRow]);
      if (!same) problems.push(restore(s.task_id, `supervision sample ${s.task_id} was changed in SharePoint, but a sample is kept as it was drawn`));
      return false;
    }
    if (!db.prepare('SELECT 1 FROM audit_tasks WHERE id = ?').get(s.task_id)) {
      problems.push(`supervision sample ${s.task_id} is of an audit task not known here; left out`);
      return false;
    }
    db.prepare(`INSERT INTO supervision_samples (${COLUMNS}) VALUES (${NAMES.map((n) => `@${n}`).join(', ')})`).run(s);
    return true;
  },
  deleted({ problems }, key) {
    problems.push(`supervision sample ${key} was deleted in SharePoint; kept here, as the record of what was audited`);
    return false;
  },
});
