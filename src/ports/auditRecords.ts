import type { AuditAnswers, AuditFormId, AuditPart } from '../domain/audit/forms/types';
import type { AuditRecordState } from '../domain/audit/forms/lifecycle';
import type { AuditTaskId } from '../domain/audit/plan/task';
import type { IsoDate } from '../domain/shared/brand';

/**
 * Filled-in audit forms, one per audit task. They name the people involved (audits are not
 * anonymous) and are never joined to survey responses. Errors are `StoreError`s.
 */

/** The answers of each part of the form filled so far (a part not started is absent). */
export type AuditRecordAnswers = Readonly<Partial<Record<AuditPart, AuditAnswers>>>;

export interface AuditRecord {
  readonly taskId: AuditTaskId;
  readonly formId: AuditFormId;
  /** The version of the form the answers were given against. */
  readonly formVersion: number;
  readonly answers: AuditRecordAnswers;
  /** Status, revision, the people, dates and the history of events (who, what, when). */
  readonly state: AuditRecordState;
  /** For optimistic concurrency: 1 when first stored, +1 on every write. */
  readonly version: number;
}

export interface AuditRecordStore {
  get(taskId: AuditTaskId): Promise<AuditRecord | undefined>;
  /**
   * Stores a record if the stored one is still at `expectedVersion` (0: none stored yet),
   * and returns it at the next version. `conflict` if someone else wrote in between (a stale
   * write); `not-found` if there is no audit task `taskId`; `invalid` for a record that
   * cannot be stored, or one whose history does not extend the stored history (history is
   * append-only: an event once recorded is never changed or removed).
   */
  put(record: Omit<AuditRecord, 'version'>, expectedVersion: number, effects?: AuditRecordEffects): Promise<AuditRecord>;
}

/**
 * What the same write does to the record's audit task, in the same transaction, so a crash
 * can never leave a submitted record beside a task still to do (or the reverse).
 * - `completeTaskOn`: the task, if planned or in progress, is completed on that day;
 * - `startTask`: the task, if planned, becomes in progress (a draft was saved).
 * A task already completed or cancelled is left as it is.
 */
export interface AuditRecordEffects {
  readonly completeTaskOn?: IsoDate;
  readonly startTask?: boolean;
}
