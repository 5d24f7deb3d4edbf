import type { AuditTaskRecord } from '../domain/audit/compliance';
import type { AuditTask, AuditTaskId, CancelReason } from '../domain/audit/plan/task';
import type { IsoDate } from '../domain/shared/brand';
import type { Page, PageRequest } from './stores';

/**
 * The audit programme's records: the year's tasks and how each year was planned. Audit
 * records name the people involved (they are not anonymous survey data). SQLite now,
 * SharePoint later: async, and lists are paged. Errors are `StoreError`s.
 */

/** How a year was planned, so the plan (and any sample drawn from it) can be reproduced. */
export interface AuditPlanMeta {
  readonly year: number;
  /** The seed the plan's due dates were spread with; fixed the first time a year is planned. */
  readonly seed: number;
  /** A hash of the rules in force at the last planning, so a change of rules shows. */
  readonly rulesHash: string;
  /** The day of the last planning. */
  readonly plannedOn: IsoDate;
}

/** The moves `setStatus` makes: a task still to do is started, completed or cancelled (the last two once). */
export type AuditTaskOutcome = 'in-progress' | 'completed' | 'cancelled';

export interface AuditTaskStore {
  /**
   * Stores the plan of a year in one transaction: tasks are upserted by id, so putting the
   * same plan twice changes nothing. A stored task that is no longer `planned` (completed,
   * cancelled or in progress) is a record and is kept as it is, whatever the plan says; a
   * planned task the plan cancels is cancelled on `plannedOn`. `invalid` if a task is of
   * another year; `conflict` if the seed differs from the one recorded for the year.
   */
  putPlan(year: number, tasks: readonly AuditTask[], meta: Omit<AuditPlanMeta, 'year'>): Promise<void>;
  /** The tasks of a year, by id; every task exactly once across the pages. */
  list(year: number, page: PageRequest): Promise<Page<AuditTaskRecord>>;
  get(id: AuditTaskId): Promise<AuditTaskRecord | undefined>;
  /**
   * Completes or cancels a planned or in-progress task on `on`, or marks a planned task in
   * progress (a draft was saved; `on` is then only checked; an in-progress task stays as it
   * is). `not-found` for an unknown id; `conflict` for a task already completed or
   * cancelled; `invalid` for another status.
   */
  setStatus(id: AuditTaskId, status: AuditTaskOutcome, on: IsoDate, reason?: CancelReason): Promise<AuditTaskRecord>;
  /** `undefined` until the year has been planned. */
  planMeta(year: number): Promise<AuditPlanMeta | undefined>;
}

/** Every task of a year, reading page by page. */
export async function allAuditTasks(store: AuditTaskStore, year: number, pageSize = 500): Promise<AuditTaskRecord[]> {
  const out: AuditTaskRecord[] = [];
  let continuation: string | undefined;
  do {
    const page = await store.list(year, { limit: pageSize, ...(continuation !== undefined ? { continuation } : {}) });
    out.push(...page.items);
    continuation = page.continuation;
  } while (continuation !== undefined);
  return out;
}
