import { AUDIT_FORM_IDS } from '../../../domain/audit/forms/types';
import { int, missingOf, optionalText, str, type Fields, type Parsed } from './fields';
import { choice, notes, number, phcId, text, yesNo } from './spec';
import { defineList } from './types';

/** Filled-in audit forms, one per audit task, with their history (answers by part and history as JSON columns). */
export interface AuditRecordRow {
  task_id: string;
  form_id: string;
  form_version: number;
  status: string;
  revision: number;
  lead_id: string;
  subject_id: string;
  sign_off_needs_subject_part: number;
  submitted_at: string | null;
  subject_submitted_at: string | null;
  signed_off_at: string | null;
  signed_off_by: string | null;
  answers_auditor: string | null;
  answers_subject: string | null;
  answers_observer: string | null;
  answers_worker: string | null;
  version: number;
}
export interface AuditEventRow {
  seq: number;
  event: string;
  by_id: string;
  at: string;
}

const COLUMNS =
  'task_id, form_id, form_version, status, revision, lead_id, subject_id, sign_off_needs_subject_part, submitted_at, subject_submitted_at, signed_off_at, signed_off_by, answers_auditor, answers_subject, answers_observer, answers_worker, version';
const NAMES = COLUMNS.split(', ');
const PARTS = ['auditor', 'subject', 'observer', 'worker'] as const;

export function auditRecordFields(row: AuditRecordRow, events: readonly AuditEventRow[]): Fields {
  // The parts' answers as one JSON object by part (each part already JSON by item id).
  const answers: Record<string, unknown> = {};
  for (const part of PARTS) {
    const json = row[`answers_${part}`];
    if (json !== null) answers[part] = JSON.parse(json);
  }
  return {
    Title: `Audit ${row.task_id}`,
    PhcId: row.task_id,
    FormId: row.form_id,
    FormVersion: row.form_version,
    Status: row.status,
    Revision: row.revision,
    LeadId: row.lead_id,
    SubjectId: row.subject_id,
    SignOffNeedsSubjectPart: row.sign_off_needs_subject_part === 1,
    SubmittedAt: row.submitted_at,
    SubjectSubmittedAt: row.subject_submitted_at,
    SignedOffAt: row.signed_off_at,
    SignedOffBy: row.signed_off_by,
    Answers: JSON.stringify(answers),
    History: JSON.stringify(events.map((e) => ({ seq: e.seq, event: e.event, by: e.by_id, at: e.at }))),
    Version: row.version,
  };
}

export function parseAuditRecord(fields: Fields): Parsed<{ row: AuditRecordRow; events: AuditEventRow[] }> {
  const id = str(fields.PhcId);
  const fail = (why: string): Parsed<never> => ({ ok: false, problem: `audit record ${id ?? '(no id)'} ${why}` });
  let answers: Record<string, unknown>;
  let history: unknown;
  try {
    answers = JSON.parse(str(fields.Answers) ?? '{}') as Record<string, unknown>;
    history = JSON.parse(str(fields.History) ?? '[]');
  } catch {
    return fail('has answers or history that are not readable JSON');
  }
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers) || !Array.isArray(history)) return fail('has answers or history of the wrong shape');
  const events: AuditEventRow[] = [];
  for (const e of history as Record<string, unknown>[]) {
    const seq = int(e?.seq);
    const event = str(e?.event);
    const by = str(e?.by);
    const at = str(e?.at);
    if (seq === undefined || !event || !by || !at) return fail('has a history entry the app cannot read');
    events.push({ seq, event, by_id: by, at });
  }
  const part = (name: (typeof PARTS)[number]): string | null => (answers[name] === undefined ? null : JSON.stringify(answers[name]));
  const row = {
    task_id: id,
    form_id: str(fields.FormId),
    form_version: int(fields.FormVersion),
    status: str(fields.Status),
    revision: int(fields.Revision),
    lead_id: str(fields.LeadId),
    subject_id: str(fields.SubjectId),
    sign_off_needs_subject_part: fields.SignOffNeedsSubjectPart === true ? 1 : fields.SignOffNeedsSubjectPart === false ? 0 : undefined,
    submitted_at: optionalText(fields.SubmittedAt),
    subject_submitted_at: optionalText(fields.SubjectSubmittedAt),
    signed_off_at: optionalText(fields.SignedOffAt),
    signed_off_by: optionalText(fields.SignedOffBy),
    answers_auditor: part('auditor'),
    answers_subject: part('subject'),
    answers_observer: part('observer'),
    answers_worker: part('worker'),
    version: int(fields.Version),
  };
  const missing = missingOf(row);
  if (missing.length > 0) return fail(`is missing or has unreadable ${missing.join(', ')}`);
  if (!['draft', 'submitted', 'signed-off'].includes(row.status as string) || (row.status === 'signed-off') !== (row.signed_off_at !== null)) return fail('has a status the app cannot take');
  return { ok: true, row: { row: row as AuditRecordRow, events } };
}

export const auditRecords = defineList({
  spec: {
    name: 'auditRecords',
    displayName: 'PHC Audit Records',
    purpose: 'filled-in audit forms (Appendices 1 to 4), one per audit task, with their history',
    columns: [
      phcId,
      choice('FormId', 'Form', AUDIT_FORM_IDS),
      number('FormVersion', 'Form version'),
      choice('Status', 'Status', ['draft', 'submitted', 'signed-off'], { indexed: true }),
      number('Revision', 'Revision'),
      text('LeadId', 'Lead auditor (Entra id)', { indexed: true }),
      text('SubjectId', 'Subject (Entra id)'),
      yesNo('SignOffNeedsSubjectPart', 'Sign-off needs subject part'),
      text('SubmittedAt', 'Submitted at (UTC)'),
      text('SubjectSubmittedAt', 'Subject part submitted at (UTC)'),
      text('SignedOffAt', 'Signed off at (UTC)'),
      text('SignedOffBy', 'Signed off by (Entra id)'),
      notes('Answers', 'Answers (JSON, by part)'),
      notes('History', 'History (JSON)'),
      number('Version', 'Version'),
    ],
  },
  heldInGroups: false,
  deletedWithTheApp: false,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT task_id AS item_key, '' AS cycle_id FROM audit_records",
  reader(db) {
    const record = db.prepare(`SELECT ${COLUMNS} FROM audit_records WHERE task_id = ?`);
    const history = db.prepare('SELECT seq, event, by_id, at FROM audit_record_events WHERE task_id = ? ORDER BY seq');
    return (key) => {
      const row = record.get(key) as AuditRecordRow | undefined;
      return row && auditRecordFields(row, history.all(key) as AuditEventRow[]);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM audit_records WHERE task_id = ?').get(key) !== undefined,
  parse: parseAuditRecord,
  apply({ db, problems }, { row, events }) {
    if (!db.prepare('SELECT 1 FROM audit_tasks WHERE id = ?').get(row.task_id)) {
      problems.push(`audit record ${row.task_id} belongs to an audit task not known here; left out`);
      return false;
    }
    db.prepare(
      `INSERT INTO audit_records (${COLUMNS}) VALUES (${NAMES.map((n) => `@${n}`).join(', ')})
       ON CONFLICT (task_id) DO UPDATE SET ${NAMES.filter((n) => n !== 'task_id')
         .map((n) => `${n} = excluded.${n}`)
         .join(', ')}`,
    ).run(row);
    // The history only grows: entries not here yet are added, none is changed.
    const addEvent = db.prepare('INSERT OR IGNORE INTO audit_record_events (task_id, seq, event, by_id, at) VALUES (?, ?, ?, ?, ?)');
    for (const e of events) addEvent.run(row.task_id, e.seq, e.event, e.by_id, e.at);
    return true;
  },
  deleted({ db, problems }, key) {
    // A finished audit deleted there (the council's retention policy, say) goes here too, with
    // its history; one still being filled in is kept and written back, so no work is lost.
    const finished = db.prepare("SELECT 1 FROM audit_tasks WHERE id = ? AND status IN ('completed', 'cancelled')").get(key) !== undefined;
    if (finished) {
      db.prepare('DELETE FROM audit_record_events WHERE task_id = ?').run(key);
      return db.prepare('DELETE FROM audit_records WHERE task_id = ?').run(key).changes > 0;
    }
    problems.push(`audit record ${key} was deleted in SharePoint while the audit is still open; kept here with its history`);
    return false;
  },
});
