import type { AuditTaskRecord } from '../../domain/audit/compliance';
import type { AuditActivityId, AuditFormId } from '../../domain/audit/plan/rules';
import { type AuditSubject, type AuditTask, type AuditTaskId, type AuditTaskStatus, type CancelReason, subjectKey } from '../../domain/audit/plan/task';
import { asUserId, type IsoDate } from '../../domain/shared/brand';
import type { AuditPlanMeta, AuditTaskOutcome, AuditTaskStore } from '../../ports/audits';
import { StoreError, type Page, type PageRequest } from '../../ports/stores';
import { afterOf, checkDate, keysetPage, pageLimit } from './codec';
import { writeTransaction, type Db } from './database';

interface TaskRow {
  readonly id: string;
  readonly year: number;
  readonly activity: string;
  readonly subject: string;
  readonly occurrence: number;
  readonly auditor: string;
  readonly form: string | null;
  readonly window_start: string;
  readonly window_end: string;
  readonly due_on: string;
  readonly status: AuditTaskStatus;
  readonly completed_on: string | null;
  readonly cancelled_on: string | null;
  readonly cancelled_reason: string | null;
}

interface PlanRow {
  readonly year: number;
  readonly seed: number;
  readonly rules_hash: string;
  readonly planned_on: string;
}

const COLUMNS = 'id, year, activity, subject, occurrence, auditor, form, window_start, window_end, due_on, status, completed_on, cancelled_on, cancelled_reason';
const STATUSES: readonly AuditTaskStatus[] = ['planned', 'in-progress', 'completed', 'cancelled'];
const REASONS: readonly CancelReason[] = ['subject-left', 'auditor-changed', 'no-longer-required'];

function parseSubject(value: string, id: string): AuditSubject {
  if (value === 'organisation') return { kind: 'organisation' };
  if (value.startsWith('person:')) return { kind: 'person', personId: asUserId(value.slice('person:'.length)) };
  if (value.startsWith('team:')) return { kind: 'team', teamId: value.slice('team:'.length) };
  throw new StoreError('invalid', `The stored subject of audit task ${id} cannot be read.`);
}

function toRecord(row: TaskRow): AuditTaskRecord {
  const where = `audit task ${row.id}`;
  return {
    id: row.id as AuditTaskId,
    year: row.year,
    activity: row.activity as AuditActivityId,
    subject: parseSubject(row.subject, row.id),
    occurrence: row.occurrence,
    auditorId: asUserId(row.auditor),
    form: row.form as AuditFormId | null,
    window: { start: checkDate(row.window_start, `window start of ${where}`), end: checkDate(row.window_end, `window end of ${where}`) },
    due: checkDate(row.due_on, `due date of ${where}`),
    status: row.status,
    ...(row.cancelled_reason !== null ? { cancelledReason: row.cancelled_reason as CancelReason } : {}),
    ...(row.completed_on !== null ? { completedOn: checkDate(row.completed_on, `completion date of ${where}`) } : {}),
    ...(row.cancelled_on !== null ? { cancelledOn: checkDate(row.cancelled_on, `cancellation date of ${where}`) } : {}),
  };
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new StoreError('invalid', `The audit year must be a year such as 2026, not ${String(year)}.`);
}

function checkTask(task: AuditTask, year: number): void {
  if (typeof task !== 'object' || task === null || typeof task.id !== 'string' || task.id === '') throw new StoreError('invalid', 'An audit task needs an id.');
  if (task.year !== year) throw new StoreError('invalid', `Audit task ${task.id} is of ${task.year}, not of the plan for ${year}.`);
  if (!STATUSES.includes(task.status)) throw new StoreError('invalid', `Audit task ${task.id} has an unknown status.`);
  if (task.status === 'completed') throw new StoreError('invalid', `Audit task ${task.id} cannot arrive completed with a plan: complete it with setStatus.`);
  if (task.status === 'cancelled' && !REASONS.includes(task.cancelledReason as CancelReason)) throw new StoreError('invalid', `Cancelled audit task ${task.id} needs a reason.`);
  if (!Number.isInteger(task.occurrence) || task.occurrence < 1) throw new StoreError('invalid', `Audit task ${task.id} needs an occurrence of at least 1.`);
  if (typeof task.auditorId !== 'string' || task.auditorId === '') throw new StoreError('invalid', `Audit task ${task.id} needs an auditor.`);
  checkDate(task.due, `due date of audit task ${task.id}`);
  checkDate(task.window.start, `window start of audit task ${task.id}`);
  checkDate(task.window.end, `window end of audit task ${task.id}`);
}

export function sqliteAuditTaskStore(db: Db): AuditTaskStore {
  const selectOne = db.prepare(`SELECT ${COLUMNS} FROM audit_tasks WHERE id = ?`);
  const selectPage = db.prepare(`SELECT ${COLUMNS} FROM audit_tasks WHERE year = ? AND id > ? ORDER BY id LIMIT ?`);
  const selectPlan = db.prepare('SELECT year, seed, rules_hash, planned_on FROM audit_plans WHERE year = ?');
  const upsertPlan = db.prepare(
    `INSERT INTO audit_plans (year, seed, rules_hash, planned_on) VALUES (@year, @seed, @rulesHash, @plannedOn)
     ON CONFLICT (year) DO UPDATE SET rules_hash = excluded.rules_hash, planned_on = excluded.planned_on`,
  );
  // A stored task that is no longer planned is a record: the plan cannot change it.
  const upsertTask = db.prepare(
    `INSERT INTO audit_tasks (${COLUMNS})
     VALUES (@id, @year, @activity, @subject, @occurrence, @auditor, @form, @windowStart, @windowEnd, @dueOn, @status, NULL, @cancelledOn, @cancelledReason)
     ON CONFLICT (id) DO UPDATE SET
       activity = excluded.activity, subject = excluded.subject, occurrence = excluded.occurrence, auditor = excluded.auditor,
       form = excluded.form, window_start = excluded.window_start, window_end = excluded.window_end, due_on = excluded.due_on,
       status = excluded.status, cancelled_on = excluded.cancelled_on, cancelled_reason = excluded.cancelled_reason
     WHERE audit_tasks.status = 'planned' AND audit_tasks.year = excluded.year`,
  );
  const complete = db.prepare(`UPDATE audit_tasks SET status = 'completed', completed_on = ? WHERE id = ?`);
  const start = db.prepare(`UPDATE audit_tasks SET status = 'in-progress' WHERE id = ? AND status = 'planned'`);
  const cancel = db.prepare(`UPDATE audit_tasks SET status = 'cancelled', cancelled_on = ?, cancelled_reason = ? WHERE id = ?`);

  const get = (id: string): AuditTaskRecord | undefined => {
    const row = selectOne.get(id) as TaskRow | undefined;
    return row && toRecord(row);
  };

  return {
    async putPlan(year: number, tasks: readonly AuditTask[], meta: Omit<AuditPlanMeta, 'year'>): Promise<void> {
      checkYear(year);
      if (!Number.isInteger(meta.seed) || meta.seed < 0 || meta.seed > 0xffffffff) throw new StoreError('invalid', 'The plan seed must be a whole number from 0 to 4294967295.');
      if (typeof meta.rulesHash !== 'string' || meta.rulesHash === '') throw new StoreError('invalid', 'The plan needs the hash of its rules.');
      const plannedOn = checkDate(meta.plannedOn, 'planning date');
      const ids = new Set<string>();
      for (const task of tasks) {
        checkTask(task, year);
        if (ids.has(task.id)) throw new StoreError('invalid', `Audit task ${task.id} appears twice in the plan.`);
        ids.add(task.id);
      }
      writeTransaction(db, () => {
        const stored = selectPlan.get(year) as PlanRow | undefined;
        if (stored && stored.seed !== meta.seed) {
          throw new StoreError('conflict', `The ${year} audit plan was made with seed ${stored.seed}; it cannot be re-planned with seed ${meta.seed}.`);
        }
        upsertPlan.run({ year, seed: meta.seed, rulesHash: meta.rulesHash, plannedOn });
        for (const task of tasks) {
          const previous = selectOne.get(task.id) as TaskRow | undefined;
          const cancelledOn = task.status !== 'cancelled' ? null : previous?.status === 'cancelled' ? previous.cancelled_on : ((task as AuditTaskRecord).cancelledOn ?? plannedOn);
          upsertTask.run({
            id: task.id,
            year,
            activity: task.activity,
            subject: subjectKey(task.subject),
            occurrence: task.occurrence,
            auditor: task.auditorId,
            form: task.form,
            windowStart: task.window.start,
            windowEnd: task.window.end,
            dueOn: task.due,
            status: task.status,
            cancelledOn,
            cancelledReason: task.status === 'cancelled' ? (task.cancelledReason ?? null) : null,
          });
        }
      });
    },

    async list(year: number, request: PageRequest): Promise<Page<AuditTaskRecord>> {
      checkYear(year);
      const limit = pageLimit(request);
      const after = afterOf(request.continuation);
      const rows = selectPage.all(year, after, limit + 1) as TaskRow[];
      return keysetPage(rows.map(toRecord), limit);
    },

    async get(id: AuditTaskId): Promise<AuditTaskRecord | undefined> {
      return get(id);
    },

    async setStatus(id: AuditTaskId, status: AuditTaskOutcome, on: IsoDate, reason: CancelReason = 'no-longer-required'): Promise<AuditTaskRecord> {
      if (status !== 'completed' && status !== 'cancelled' && status !== 'in-progress')
        throw new StoreError('invalid', `An audit task can only be started, completed or cancelled here, not made ${String(status)}.`);
      const day = checkDate(on, status === 'completed' ? 'completion date' : status === 'cancelled' ? 'cancellation date' : 'date it was started');
      if (status === 'cancelled' && !REASONS.includes(reason)) throw new StoreError('invalid', `"${String(reason)}" is not a reason to cancel an audit.`);
      return writeTransaction(db, () => {
        const current = get(id);
        if (!current) throw new StoreError('not-found', `There is no audit task ${id}.`);
        if (current.status === 'completed' || current.status === 'cancelled') {
          throw new StoreError('conflict', `Audit task ${id} is already ${current.status}; it cannot be made ${status}.`);
        }
        if (status === 'in-progress') start.run(id);
        else if (status === 'completed') complete.run(day, id);
        else cancel.run(day, reason, id);
        return get(id) as AuditTaskRecord;
      });
    },

    async planMeta(year: number): Promise<AuditPlanMeta | undefined> {
      checkYear(year);
      const row = selectPlan.get(year) as PlanRow | undefined;
      return row && { year: row.year, seed: row.seed, rulesHash: row.rules_hash, plannedOn: checkDate(row.planned_on, `planning date of ${year}`) };
    },
  };
}
