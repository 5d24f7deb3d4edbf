import { isCalendarDate } from '../../domain/audit/forms/validate';
import { ACTION_LIMITS, ACTION_STATUSES, type ActionStatus } from '../../domain/actions/types';
import type { Db } from '../sqlite/database';
import type { SyncedList } from './schema';
import { ACTION_COLUMNS, type ActionRow } from '../sqlite/actionStore';

/**
 * Between the local read model's rows and SharePoint list items' fields. Reading the local
 * row when a write leaves (rather than copying it into the outbox) means the outbox holds
 * keys only, and a record changed twice is written once, as it is now.
 */

export type Fields = Readonly<Record<string, unknown>>;

/**
 * Dates go to SharePoint as noon UTC on the day. A date-only column is stored as a moment and
 * shown in the site's time zone; noon is the same day in every UK (and European) zone, so
 * the day never shifts. It is a fixed convention, not a time anything happened.
 */
export const toSharePointDate = (day: string): string => `${day}T12:00:00Z`;

const DAY = /^\d{4}-\d{2}-\d{2}/;
/** The day as a UK site shows it: our noon UTC, or midnight local from an edit in SharePoint's own form. */
const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

export function fromSharePointDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !DAY.test(value)) return undefined;
  if (value.length === 10) return value;
  const when = Date.parse(value);
  return Number.isNaN(when) ? undefined : ukDay.format(when);
}

export interface LocalRowReader {
  /** The fields to write for a pending record, or undefined when the local row is gone or must not leave. */
  fieldsOf(list: SyncedList, key: string): Fields | undefined;
}

interface CycleRow {
  id: string;
  survey_id: string;
  survey_version: number;
  title: string;
  kind: string;
  status: string;
  opens_on: string;
  closes_on: string;
  threshold: number;
  text_threshold: number;
}
interface ResponseRow {
  id: string;
  cycle_id: string;
  survey_version: number;
  submitted_on: string;
  answers: string;
}

export function localRowReader(db: Db): LocalRowReader {
  const cycle = db.prepare('SELECT id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold FROM cycles WHERE id = ?');
  const response = db.prepare('SELECT id, cycle_id, survey_version, submitted_on, answers FROM responses WHERE id = ?');
  const participation = db.prepare('SELECT status FROM participation WHERE cycle_id = ? AND key = ?').pluck();
  const auditTask = db.prepare(`SELECT ${AUDIT_TASK_COLUMNS} FROM audit_tasks WHERE id = ?`);
  const supervision = db.prepare(`SELECT ${SUPERVISION_COLUMNS} FROM supervision_log WHERE id = ?`);
  const auditRecord = db.prepare(`SELECT ${AUDIT_RECORD_COLUMNS} FROM audit_records WHERE task_id = ?`);
  const auditEvents = db.prepare('SELECT seq, event, by_id, at FROM audit_record_events WHERE task_id = ? ORDER BY seq');
  const action = db.prepare(`SELECT ${ACTION_COLUMNS} FROM actions WHERE id = ?`);
  const update = db.prepare(`SELECT ${UPDATE_COLUMNS} FROM you_said_we_did WHERE id = ?`);
  return {
    fieldsOf(list, key) {
      if (list === 'youSaidWeDid') {
        const row = update.get(key) as UpdateRow | undefined;
        return row && updateFields(row);
      }
      if (list === 'actions') {
        const row = action.get(key) as ActionRow | undefined;
        return row && actionFields(row);
      }
      if (list === 'cycles') {
        const row = cycle.get(key) as CycleRow | undefined;
        return row && cycleFields(row);
      }
      if (list === 'responses') {
        const row = response.get(key) as ResponseRow | undefined;
        return row && responseFields(row);
      }
      if (list === 'auditTasks') {
        const row = auditTask.get(key) as AuditTaskRow | undefined;
        return row && auditTaskFields(row);
      }
      if (list === 'supervisionLog') {
        const row = supervision.get(key) as SupervisionRow | undefined;
        return row && supervisionFields(row);
      }
      if (list === 'auditRecords') {
        const row = auditRecord.get(key) as AuditRecordRow | undefined;
        return row && auditRecordFields(row, auditEvents.all(key) as AuditEventRow[]);
      }
      const { cycleId, participationKey } = splitParticipation(key);
      // Only a submission leaves: a person who has merely started stays on the server.
      return participation.get(cycleId, participationKey) === 'submitted' ? participationFields(cycleId, participationKey) : undefined;
    },
  };
}

export const AUDIT_TASK_COLUMNS = 'id, year, activity, subject, occurrence, auditor, form, window_start, window_end, due_on, status, completed_on, cancelled_on, cancelled_reason';
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
export const SUPERVISION_COLUMNS = 'id, supervisor_id, supervisee_id, held_on, outcome';
export interface SupervisionRow {
  id: string;
  supervisor_id: string;
  supervisee_id: string;
  held_on: string;
  outcome: string;
}

const dateOrNull = (day: string | null): string | null => (day === null ? null : toSharePointDate(day));

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

export const AUDIT_RECORD_COLUMNS =
  'task_id, form_id, form_version, status, revision, lead_id, subject_id, sign_off_needs_subject_part, submitted_at, subject_submitted_at, signed_off_at, signed_off_by, answers_auditor, answers_subject, answers_observer, answers_worker, version';
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

export function supervisionFields(row: SupervisionRow): Fields {
  return { Title: `Supervision ${row.held_on}`, PhcId: row.id, SupervisorId: row.supervisor_id, SuperviseeId: row.supervisee_id, HeldOn: toSharePointDate(row.held_on), Outcome: row.outcome };
}

export function cycleFields(row: CycleRow): Fields {
  return {
    Title: row.title,
    PhcId: row.id,
    SurveyId: row.survey_id,
    SurveyVersion: row.survey_version,
    Kind: row.kind,
    Status: row.status,
    OpensOn: toSharePointDate(row.opens_on),
    ClosesOn: toSharePointDate(row.closes_on),
    Threshold: row.threshold,
    TextThreshold: row.text_threshold,
  };
}

export function responseFields(row: ResponseRow): Fields {
  // Title is SharePoint's required column; a constant, so it says nothing.
  return { Title: 'Survey response', PhcId: row.id, CycleId: row.cycle_id, SurveyVersion: row.survey_version, SubmittedOn: toSharePointDate(row.submitted_on), Answers: row.answers };
}

export function participationFields(cycleId: string, participationKey: string): Fields {
  return { Title: 'Submitted', PhcId: `${cycleId}:${participationKey}`, CycleId: cycleId, ParticipationKey: participationKey, Status: 'submitted' };
}

export function splitParticipation(key: string): { cycleId: string; participationKey: string } {
  const at = key.lastIndexOf(':');
  return { cycleId: key.slice(0, at), participationKey: key.slice(at + 1) };
}

// ---- SharePoint → local rows (the delta sync). Anything malformed is refused, not stored.

export type Parsed<T> = { readonly ok: true; readonly row: T } | { readonly ok: false; readonly problem: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
};

export function parseCycle(fields: Fields): Parsed<CycleRow> {
  const row = {
    id: str(fields.PhcId),
    survey_id: str(fields.SurveyId),
    survey_version: int(fields.SurveyVersion),
    title: str(fields.Title),
    kind: str(fields.Kind),
    status: str(fields.Status),
    opens_on: fromSharePointDate(fields.OpensOn),
    closes_on: fromSharePointDate(fields.ClosesOn),
    threshold: int(fields.Threshold),
    text_threshold: int(fields.TextThreshold),
  };
  const missing = Object.entries(row).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) return { ok: false, problem: `a cycle item is missing or has unreadable ${missing.join(', ')}` };
  if (!['live', 'published'].includes(row.kind as string) || !['draft', 'open', 'closed'].includes(row.status as string)) {
    return { ok: false, problem: `cycle ${row.id} has an unknown kind or status` };
  }
  return { ok: true, row: row as CycleRow };
}

export function parseResponse(fields: Fields): Parsed<ResponseRow> {
  const row = { id: str(fields.PhcId), cycle_id: str(fields.CycleId), survey_version: int(fields.SurveyVersion), submitted_on: fromSharePointDate(fields.SubmittedOn), answers: str(fields.Answers) };
  const missing = Object.entries(row).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) return { ok: false, problem: `a response item is missing or has unreadable ${missing.join(', ')}` };
  if (!/^[0-9a-f]{32}$/.test(row.id as string)) return { ok: false, problem: `a response item has an id the app did not give (${row.id})` };
  try {
    const answers: unknown = JSON.parse(row.answers as string);
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) throw new Error('not an object');
  } catch {
    return { ok: false, problem: `response ${row.id} has answers that are not readable JSON` };
  }
  return { ok: true, row: row as ResponseRow };
}

export function parseParticipation(fields: Fields): Parsed<{ cycle_id: string; key: string }> {
  const cycleId = str(fields.CycleId);
  const key = str(fields.ParticipationKey);
  if (!cycleId || !key) return { ok: false, problem: 'a participation item is missing its cycle or key' };
  if (fields.Status !== 'submitted') return { ok: false, problem: `participation ${cycleId}:${key} is not marked submitted` };
  return { ok: true, row: { cycle_id: cycleId, key } };
}

const optionalDay = (v: unknown): string | null | undefined => (v === null || v === undefined || v === '' ? null : fromSharePointDate(v));
const optionalText = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

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
  const missing = Object.entries(row).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) return { ok: false, problem: `an audit task item is missing or has unreadable ${missing.join(', ')}` };
  if (!['planned', 'in-progress', 'completed', 'cancelled'].includes(row.status as string)) return { ok: false, problem: `audit task ${row.id} has an unknown status` };
  if ((row.status === 'completed') !== (row.completed_on !== null) || (row.status === 'cancelled') !== (row.cancelled_reason !== null)) {
    return { ok: false, problem: `audit task ${row.id} is ${row.status} without the date or reason that goes with it` };
  }
  return { ok: true, row: row as AuditTaskRow };
}

export function parseSupervision(fields: Fields): Parsed<SupervisionRow> {
  const row = { id: str(fields.PhcId), supervisor_id: str(fields.SupervisorId), supervisee_id: str(fields.SuperviseeId), held_on: fromSharePointDate(fields.HeldOn), outcome: str(fields.Outcome) };
  const missing = Object.entries(row).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) return { ok: false, problem: `a supervision item is missing or has unreadable ${missing.join(', ')}` };
  if (!['held', 'postponed', 'cancelled'].includes(row.outcome as string)) return { ok: false, problem: `supervision ${row.id} has an unknown outcome` };
  return { ok: true, row: row as SupervisionRow };
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
  const missing = Object.entries(row).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) return fail(`is missing or has unreadable ${missing.join(', ')}`);
  if (!['draft', 'submitted', 'signed-off'].includes(row.status as string) || (row.status === 'signed-off') !== (row.signed_off_at !== null)) return fail('has a status the app cannot take');
  return { ok: true, row: { row: row as AuditRecordRow, events } };
}

// ---- The action plan (migration 12's `actions`; schema 2's "PHC Actions").

// The rows of migration 12's `actions`, as the SQLite store reads and writes them.
export { ACTION_COLUMNS, type ActionRow };

/** SharePoint's Title holds at most 255 characters; the whole of "what" is in What. */
const TITLE_MAX = 255;

export function actionFields(row: ActionRow): Fields {
  // The link in three plain columns rather than JSON, so SharePoint views and Power BI can
  // group actions by question, cycle or audit.
  const link = JSON.parse(row.link) as { kind?: string; questionId?: string; cycleId?: string; auditId?: string };
  return {
    Title: row.what.length > TITLE_MAX ? `${row.what.slice(0, TITLE_MAX - 1)}…` : row.what,
    PhcId: row.id,
    What: row.what,
    OwnerId: row.owner_id,
    DueOn: toSharePointDate(row.due),
    Status: row.status,
    LinkKind: link.kind ?? 'none',
    QuestionId: link.questionId ?? null,
    CycleId: link.cycleId ?? null,
    AuditId: link.auditId ?? null,
    Progress: row.progress,
    CreatedBy: row.created_by,
    CreatedOn: toSharePointDate(row.created_on),
    UpdatedOn: toSharePointDate(row.updated_on),
    Version: row.version,
  };
}

/**
 * An action as SharePoint holds it, checked as the app checks one typed on the tab (a real
 * due date, one of the four statuses, what and progress within their lengths) plus what only
 * an edit in SharePoint could break: an update before the action was made. Who owns it is
 * not checked against the directory here (the adapter has none); the tab shows an unknown id.
 */
export function parseAction(fields: Fields): Parsed<ActionRow> {
  const id = str(fields.PhcId);
  const fail = (why: string): Parsed<never> => ({ ok: false, problem: `action ${id ?? '(no id)'} ${why}` });
  const day = (v: unknown): string | undefined => {
    const d = fromSharePointDate(v);
    return d !== undefined && isCalendarDate(d) ? d : undefined;
  };
  const what = typeof fields.What === 'string' ? fields.What.trim() : undefined;
  const progress = fields.Progress === null || fields.Progress === undefined ? '' : typeof fields.Progress === 'string' ? fields.Progress.trim() : undefined;
  const kind = fields.LinkKind === null || fields.LinkKind === undefined || fields.LinkKind === '' ? 'none' : fields.LinkKind;
  const questionId = optionalText(fields.QuestionId);
  const cycleId = optionalText(fields.CycleId);
  const auditId = optionalText(fields.AuditId);
  const row = {
    id,
    what: what === '' ? undefined : what,
    owner_id: str(fields.OwnerId),
    due: day(fields.DueOn),
    status: str(fields.Status),
    progress,
    created_by: str(fields.CreatedBy),
    created_on: day(fields.CreatedOn),
    updated_on: day(fields.UpdatedOn),
    version: int(fields.Version),
  };
  const missing = Object.entries(row).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) return fail(`is missing or has unreadable ${missing.join(', ')}`);
  if (!ACTION_STATUSES.includes(row.status as ActionStatus)) return fail(`has the status "${String(row.status)}", which is not not started, in progress, done or dropped`);
  if ((row.what as string).length > ACTION_LIMITS.what) return fail(`says what will be done in more than ${ACTION_LIMITS.what} characters`);
  if ((row.progress as string).length > ACTION_LIMITS.progress) return fail(`has progress longer than ${ACTION_LIMITS.progress} characters`);
  if ((row.updated_on as string) < (row.created_on as string)) return fail(`was updated (${String(row.updated_on)}) before it was made (${String(row.created_on)})`);
  let link: Record<string, string>;
  if (kind === 'none') link = { kind: 'none' };
  else if (kind === 'question' && questionId !== null) link = cycleId === null ? { kind, questionId } : { kind, questionId, cycleId };
  else if (kind === 'audit' && auditId !== null) link = { kind, auditId };
  else return fail(`is linked to ${String(kind)} without saying which`);
  return { ok: true, row: { ...(row as Omit<ActionRow, 'link'>), link: JSON.stringify(link) } };
}

// ---- "You said, we did" updates (migration 12's `you_said_we_did`).

export const UPDATE_COLUMNS = 'id, message, action_ids, sent_by, sent_on';
export interface UpdateRow {
  id: string;
  message: string;
  /** JSON array of action ids. */
  action_ids: string;
  sent_by: string;
  sent_on: string;
}

export function updateFields(row: UpdateRow): Fields {
  // Action ids comma-separated (plain text filters and splits in Power BI; ids have no commas).
  const ids = JSON.parse(row.action_ids) as string[];
  return {
    Title: row.message.length > TITLE_MAX ? `${row.message.slice(0, TITLE_MAX - 1)}…` : row.message,
    PhcId: row.id,
    Message: row.message,
    ActionIds: ids.join(','),
    SentBy: row.sent_by,
    SentOn: toSharePointDate(row.sent_on),
  };
}

export function parseUpdate(fields: Fields): Parsed<UpdateRow> {
  const id = str(fields.PhcId);
  const message = typeof fields.Message === 'string' ? fields.Message.trim() : '';
  const sentOn = fromSharePointDate(fields.SentOn);
  const row = { id, message: message === '' ? undefined : message, sent_by: str(fields.SentBy), sent_on: sentOn !== undefined && isCalendarDate(sentOn) ? sentOn : undefined };
  const missing = Object.entries(row).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) return { ok: false, problem: `"You said, we did" update ${id ?? '(no id)'} is missing or has unreadable ${missing.join(', ')}` };
  if (message.length > ACTION_LIMITS.message) return { ok: false, problem: `"You said, we did" update ${String(id)} is longer than ${ACTION_LIMITS.message} characters` };
  const ids = (typeof fields.ActionIds === 'string' ? fields.ActionIds : '').split(',').map((x) => x.trim()).filter((x) => x !== '');
  return { ok: true, row: { ...(row as Omit<UpdateRow, 'action_ids'>), action_ids: JSON.stringify(ids) } };
}
