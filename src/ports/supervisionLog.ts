import type { DateRange } from '../domain/audit/plan/calendar';
import type { SupervisionOutcome, SupervisionRecord } from '../domain/audit/plan/supervisionLog';
import type { IsoDate, UserId } from '../domain/shared/brand';
import type { Page, PageRequest } from './stores';

/** What a supervisor records from the quick card or `phc supervision record`. */
export interface SupervisionEntry {
  readonly supervisorId: UserId;
  readonly superviseeId: UserId;
  readonly date: IsoDate;
  readonly outcome: SupervisionOutcome;
}

export interface RecordedSupervision {
  readonly record: SupervisionRecord;
  /** The outcome this record replaced (same supervisor, supervisee and day), if any. */
  readonly replaced: SupervisionOutcome | undefined;
}

/**
 * The supervision log: named records, not anonymous survey data. SQLite now,
 * SharePoint later: async, and lists are paged. Errors are `StoreError`s.
 */
export interface SupervisionLogStore {
  /**
   * Records a session. The key is (supervisor, supervisee, date): recording the same day
   * again (a double press, or a correction) replaces the outcome and keeps the record's id,
   * so a day is never counted twice. `invalid` for a bad date, outcome or empty id.
   */
  record(entry: SupervisionEntry): Promise<RecordedSupervision>;
  /** The records dated within the period (inclusive), by id (date first); each exactly once across the pages. */
  list(period: DateRange, page: PageRequest): Promise<Page<SupervisionRecord>>;
}

/** Every record of a period, reading page by page. */
export async function allSupervisionRecords(store: SupervisionLogStore, period: DateRange, pageSize = 500): Promise<SupervisionRecord[]> {
  const out: SupervisionRecord[] = [];
  let continuation: string | undefined;
  do {
    const page = await store.list(period, { limit: pageSize, ...(continuation !== undefined ? { continuation } : {}) });
    out.push(...page.items);
    continuation = page.continuation;
  } while (continuation !== undefined);
  return out;
}
