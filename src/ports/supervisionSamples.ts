import type { SupervisionAuditSample } from '../domain/audit/plan/sampling';
import type { AuditTaskId } from '../domain/audit/plan/task';

/**
 * The samples of staff supervision audits, one per audit task, kept as drawn: the
 * records picked are copied, so a later correction of the supervision log cannot change what
 * the auditor was asked to look at. Named records, not survey data. Errors are `StoreError`s.
 */
export interface SupervisionSampleStore {
  /**
   * Keeps the sample unless the task already has one; either way gives back the stored one
   * (`created` false when it was there before). The first draw is the sample.
   * `not-found` if the task is not stored.
   */
  keep(sample: SupervisionAuditSample): Promise<{ readonly sample: SupervisionAuditSample; readonly created: boolean }>;
  get(taskId: AuditTaskId): Promise<SupervisionAuditSample | undefined>;
  /** The samples of a council year, by task id: at most one per supervisor, so a short list. */
  listYear(year: number): Promise<SupervisionAuditSample[]>;
}
