import { AUDIT_FORM_IDS, type AuditAnswers, type AuditFormId, type AuditPart } from '../../domain/audit/forms/types';
import type { AuditEvent, AuditRecordState, AuditStatus } from '../../domain/audit/forms/lifecycle';
import type { AuditTaskId } from '../../domain/audit/plan/task';
import type { AuditRecord, AuditRecordAnswers, AuditRecordEffects, AuditRecordStore } from '../../ports/auditRecords';
import { StoreError } from '../../ports/stores';
import { writeTransaction, type Db } from './database';

interface RecordRow {
  readonly task_id: string;
  readonly form_id: string;
  readonly form_version: number;
  readonly status: AuditStatus;
  readonly revision: number;
  readonly lead_id: string;
  readonly subject_id: string;
  readonly sign_off_needs_subject_part: number;
  readonly submitted_at: string | null;
  readonly subject_submitted_at: string | null;
  readonly signed_off_at: string | null;
  readonly signed_off_by: string | null;
  readonly answers_auditor: string | null;
  readonly answers_subject: string | null;
  readonly answers_observer: string | null;
  readonly answers_worker: string | null;
  readonly version: number;
}

interface EventRow {
  readonly event: AuditEvent;
  readonly by_id: string;
  readonly at: string;
}

const PARTS: readonly AuditPart[] = ['auditor', 'subject', 'observer', 'worker'];
const STATUSES: readonly AuditStatus[] = ['draft', 'submitted', 'signed-off'];
const EVENTS: readonly AuditEvent[] = ['save-draft', 'submit', 'amend', 'save-subject-part', 'submit-subject-part', 'sign-off'];

const COLUMNS =
  'task_id, form_id, form_version, status, revision, lead_id, subject_id, sign_off_needs_subject_part, submitted_at, subject_submitted_at, signed_off_at, signed_off_by, answers_auditor, answers_subject, answers_observer, answers_worker, version';

function readAnswers(json: string | null, taskId: string): AuditAnswers | undefined {
  if (json === null) return undefined;
  try {
    return JSON.parse(json) as AuditAnswers;
  } catch {
    throw new StoreError('invalid', `The stored answers of the audit record for ${taskId} cannot be read.`);
  }
}

function writeAnswers(answers: AuditAnswers | undefined, part: AuditPart): string | null {
  if (answers === undefined) return null;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) throw new StoreError('invalid', `The answers of the ${part} part must be an object of answers by item id.`);
  return JSON.stringify(answers);
}

function checkRecord(record: Omit<AuditRecord, 'version'>, expectedVersion: number): void {
  if (typeof record !== 'object' || record === null || typeof record.taskId !== 'string' || record.taskId === '') throw new StoreError('invalid', 'An audit record needs the id of its task.');
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0)
    throw new StoreError('invalid', `The expected version of an audit record must be a whole number from 0, not ${String(expectedVersion)}.`);
  if (!(AUDIT_FORM_IDS as readonly string[]).includes(record.formId)) throw new StoreError('invalid', `"${String(record.formId)}" is not an audit form.`);
  if (!Number.isInteger(record.formVersion) || record.formVersion < 1) throw new StoreError('invalid', 'An audit record needs the version of its form.');
  const { state } = record;
  if (!STATUSES.includes(state.status)) throw new StoreError('invalid', `"${String(state.status)}" is not a status of an audit record.`);
  if (!Number.isInteger(state.revision) || state.revision < 0) throw new StoreError('invalid', 'An audit record’s revision must be a whole number from 0.');
  if (typeof state.leadId !== 'string' || state.leadId === '' || typeof state.subjectId !== 'string' || state.subjectId === '')
    throw new StoreError('invalid', 'An audit record names who leads it and who it is about.');
  if ((state.status === 'signed-off') !== (state.signedOffAt !== undefined)) throw new StoreError('invalid', 'A signed-off audit record, and only one, has a sign-off date.');
  for (const e of state.history) {
    if (!EVENTS.includes(e.event) || typeof e.by !== 'string' || e.by === '' || typeof e.at !== 'string' || e.at === '')
      throw new StoreError('invalid', 'Each event in an audit record’s history needs what happened, who did it and when.');
  }
  for (const key of Object.keys(record.answers)) if (!PARTS.includes(key as AuditPart)) throw new StoreError('invalid', `"${key}" is not a part of an audit form.`);
}

export function sqliteAuditRecordStore(db: Db): AuditRecordStore {
  const selectOne = db.prepare(`SELECT ${COLUMNS} FROM audit_records WHERE task_id = ?`);
  const selectEvents = db.prepare('SELECT event, by_id, at FROM audit_record_events WHERE task_id = ? ORDER BY seq');
  const taskExists = db.prepare('SELECT 1 FROM audit_tasks WHERE id = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO audit_records (${COLUMNS}) VALUES (@taskId, @formId, @formVersion, @status, @revision, @leadId, @subjectId, @signOffNeedsSubjectPart,
       @submittedAt, @subjectSubmittedAt, @signedOffAt, @signedOffBy, @auditor, @subject, @observer, @worker, 1)`,
  );
  const update = db.prepare(
    `UPDATE audit_records SET form_id = @formId, form_version = @formVersion, status = @status, revision = @revision, lead_id = @leadId, subject_id = @subjectId,
       sign_off_needs_subject_part = @signOffNeedsSubjectPart, submitted_at = @submittedAt, subject_submitted_at = @subjectSubmittedAt,
       signed_off_at = @signedOffAt, signed_off_by = @signedOffBy, answers_auditor = @auditor, answers_subject = @subject,
       answers_observer = @observer, answers_worker = @worker, version = version + 1
     WHERE task_id = @taskId AND version = @expectedVersion`,
  );
  const insertEvent = db.prepare('INSERT INTO audit_record_events (task_id, seq, event, by_id, at) VALUES (?, ?, ?, ?, ?)');
  // The task moves with its record, in the same transaction (see `AuditRecordEffects`).
  const completeTask = db.prepare(`UPDATE audit_tasks SET status = 'completed', completed_on = ? WHERE id = ? AND status IN ('planned', 'in-progress')`);
  const startTask = db.prepare(`UPDATE audit_tasks SET status = 'in-progress' WHERE id = ? AND status = 'planned'`);

  const get = (taskId: string): AuditRecord | undefined => {
    const row = selectOne.get(taskId) as RecordRow | undefined;
    if (!row) return undefined;
    const history = (selectEvents.all(taskId) as EventRow[]).map((e) => ({ event: e.event, by: e.by_id, at: e.at }));
    const answers: Partial<Record<AuditPart, AuditAnswers>> = {};
    for (const part of PARTS) {
      const value = readAnswers(row[`answers_${part}`], taskId);
      if (value !== undefined) answers[part] = value;
    }
    const state: AuditRecordState = {
      status: row.status,
      revision: row.revision,
      leadId: row.lead_id,
      subjectId: row.subject_id,
      signOffNeedsSubjectPart: row.sign_off_needs_subject_part === 1,
      ...(row.submitted_at !== null ? { submittedAt: row.submitted_at } : {}),
      ...(row.subject_submitted_at !== null ? { subjectSubmittedAt: row.subject_submitted_at } : {}),
      ...(row.signed_off_at !== null ? { signedOffAt: row.signed_off_at } : {}),
      ...(row.signed_off_by !== null ? { signedOffBy: row.signed_off_by } : {}),
      history,
    };
    return { taskId: row.task_id as AuditTaskId, formId: row.form_id as AuditFormId, formVersion: row.form_version, answers: answers as AuditRecordAnswers, state, version: row.version };
  };

  return {
    async get(taskId: AuditTaskId): Promise<AuditRecord | undefined> {
      return get(taskId);
    },

    async put(record: Omit<AuditRecord, 'version'>, expectedVersion: number, effects: AuditRecordEffects = {}): Promise<AuditRecord> {
      checkRecord(record, expectedVersion);
      if (effects.completeTaskOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(effects.completeTaskOn))
        throw new StoreError('invalid', `"${String(effects.completeTaskOn)}" is not a date (YYYY-MM-DD) to complete an audit task on.`);
      const { state } = record;
      const params = {
        taskId: record.taskId,
        formId: record.formId,
        formVersion: record.formVersion,
        status: state.status,
        revision: state.revision,
        leadId: state.leadId,
        subjectId: state.subjectId,
        signOffNeedsSubjectPart: state.signOffNeedsSubjectPart ? 1 : 0,
        submittedAt: state.submittedAt ?? null,
        subjectSubmittedAt: state.subjectSubmittedAt ?? null,
        signedOffAt: state.signedOffAt ?? null,
        signedOffBy: state.signedOffBy ?? null,
        auditor: writeAnswers(record.answers.auditor, 'auditor'),
        subject: writeAnswers(record.answers.subject, 'subject'),
        observer: writeAnswers(record.answers.observer, 'observer'),
        worker: writeAnswers(record.answers.worker, 'worker'),
      };
      return writeTransaction(db, () => {
        const stored = get(record.taskId);
        const storedVersion = stored?.version ?? 0;
        if (storedVersion !== expectedVersion) {
          throw new StoreError('conflict', `The audit record for ${record.taskId} was changed by someone else (it is at version ${storedVersion}, not ${expectedVersion}).`);
        }
        if (!stored && taskExists.get(record.taskId) === undefined) throw new StoreError('not-found', `There is no audit task ${record.taskId}.`);
        const before = stored?.state.history ?? [];
        const same = (a: (typeof before)[number] | undefined, b: (typeof before)[number] | undefined) => a !== undefined && b !== undefined && a.event === b.event && a.by === b.by && a.at === b.at;
        if (state.history.length < before.length || before.some((e, i) => !same(e, state.history[i]))) {
          throw new StoreError('invalid', `The history of the audit record for ${record.taskId} can only be added to, never changed.`);
        }
        if (stored) update.run({ ...params, expectedVersion });
        else insert.run(params);
        state.history.slice(before.length).forEach((e, i) => insertEvent.run(record.taskId, before.length + i + 1, e.event, e.by, e.at));
        if (effects.completeTaskOn !== undefined) completeTask.run(effects.completeTaskOn, record.taskId);
        else if (effects.startTask) startTask.run(record.taskId);
        return get(record.taskId) as AuditRecord;
      });
    },
  };
}
