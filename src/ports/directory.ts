import type { Organisation, Person } from '../domain/organisation/types';

/** Where people, teams and supervision come from: demo data, a CSV import, or Microsoft Graph. */
export interface Directory {
  organisation(): Promise<Organisation>;
  /**
   * People who have left (kept by the store with `leftOn`), so audit records and compliance
   * can still name them. Optional: a directory with no memory (the demo) has no leavers.
   */
  leavers?(): Promise<readonly Person[]>;
}
