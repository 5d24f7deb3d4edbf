import { dateOrNull, fromSharePointDate, int, missingOf, optionalDay, optionalText, str, toSharePointDate, type Fields, type Parsed } from './fields';
import { choice, date, number, phcId, text } from './spec';
import { defineList } from './types';

/** The audit programme: who audits what, by when. */
export interface AuditTaskRow {
  id: string;
  year: number;
  activity: string;
  subject: string;
  occurrence: number;
  auditor: string;
  form: string | null;
  window_start: string;
  window_end: string;
  due_on: string;
  status: string;
  completed_on: string | null;
  cancelled_on: string | null;
  cancelled_reason: string | null;
}

const COLUMNS = 'id, year, activity, subject, occurrence, auditor, form, window_start, window_end, due_on, status, completed_on, cancelled_on, cancelled_reason';
const NAMES = COLUMNS.split(', ');

export function auditTaskFields(row: AuditTaskRow): Fields {
  return {
    Title: `${row.activity}: ${row.subject}`,
    PhcId: row.id,
    Year: row.year,
    Activity: row.activity,
    Subject: row.subject,
    Occurrence: row.occurrence,
    Auditor: row.auditor,
    Form: row.form,
    WindowStart: toSharePointDate(row.window_start),
    WindowEnd: toSharePointDate(row.window_end),
    DueOn: toSharePointDate(row.due_on),
    Status: row.status,
    CompletedOn: dateOrNull(row.completed_on),
    CancelledOn: dateOrNull(row.cancelled_on),
    CancelledReason: row.cancelled_reason,
  };
}

export function parseAuditTask(fields: Fields): Parsed<AuditTaskRow> {
  const row = {
    id: str(fields.PhcId),
    year: int(fields.Year),
    activity: str(fields.Activity),
    subject: str(fields.Subject),
    occurrence: int(fields.Occurrence),
    auditor: str(fields.Auditor),
    form: optionalText(fields.Form),
    window_start: fromSharePointDate(fields.WindowStart),
    window_end: fromSharePointDate(fields.WindowEnd),
    due_on: fromSharePointDate(fields.DueOn),
    status: str(fields.Status),
    completed_on: optionalDay(fields.CompletedOn),
    cancelled_on: optionalDay(fields.CancelledOn),
    cancelled_reason: optionalText(fields.CancelledReason),
  };
  const missing = missingOf(row);
  if (missing.length > 0) return { ok: false, problem: `an audit task item is missing or has unreadable ${missing.join(', ')}` };
  if (!['planned', 'in-progress', 'completed', 'cancelled'].includes(row.status as string)) return { ok: false, problem: `audit task ${row.id} has an unknown status` };
  if ((row.status === 'completed') !== (row.completed_on !== null) || (row.status === 'cancelled') !== (row.cancelled_reason !== null)) {
    return { ok: false, problem: `audit task ${row.id} is ${row.status} without the date or reason that goes with it` };
  }
  return { ok: true, row: row as AuditTaskRow };
}

export const auditTasks = defineList({
  spec: {
    name: 'auditTasks',
    displayName: 'PHC Audit Tasks',
    purpose: 'the audit programme: who audits what, by when',
    columns: [
      phcId,
      number('Year', 'Year', { indexed: true }),
      text('Activity', 'Activity'),
      text('Subject', 'Subject'),
      number('Occurrence', 'Occurrence'),
      text('Auditor', 'Auditor (Entra id)', { indexed: true }),
      text('Form', 'Form'),
      date('WindowStart', 'Window starts'),
      date('WindowEnd', 'Window ends'),
      date('DueOn', 'Due on', { indexed: true }),
      choice('Status', 'Status', ['planned', 'in-progress', 'completed', 'cancelled'], { indexed: true }),
      date('CompletedOn', 'Completed on'),
      date('CancelledOn', 'Cancelled on'),
      choice('CancelledReason', 'Why cancelled', ['subject-left', 'auditor-changed', 'no-longer-required']),
    ],
  },
  heldInGroups: false,
  deletedWithTheApp: false,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT id AS item_key, '' AS cycle_id FROM audit_tasks",
  reader(db) {
    const get = db.prepare(`SELECT ${COLUMNS} FROM audit_tasks WHERE id = ?`);
    return (key) => {
      const row = get.get(key) as AuditTaskRow | undefined;
      return row && auditTaskFields(row);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM audit_tasks WHERE id = ?').get(key) !== undefined,
  parse: parseAuditTask,
  apply({ db, problems }, t) {
    if (!db.prepare('SELECT 1 FROM audit_plans WHERE year = ?').get(t.year)) {
      problems.push(`audit task ${t.id} belongs to ${t.year}, whose plan is not known here; left out`);
      return false;
    }
    db.prepare(
      `INSERT INTO audit_tasks (${COLUMNS}) VALUES (${NAMES.map((n) => `@${n}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${NAMES.filter((n) => n !== 'id')
         .map((n) => `${n} = excluded.${n}`)
         .join(', ')}`,
    ).run(t);
    return true;
  },
  deleted({ problems }, key) {
    // Cancel it in the app instead: deleting it here would lose the audit's history.
    problems.push(`audit task ${key} was deleted in SharePoint; kept here with its history`);
    return false;
  },
});
