import type { AccessEntry } from '../domain/dataProtection/access';

export interface AccessLogQuery {
  /** From this day (`YYYY-MM-DD`), inclusive. */
  readonly from?: string;
  /** To this day, inclusive. */
  readonly to?: string;
  /** Reads by this person, or about this person. */
  readonly person?: string;
  readonly limit: number;
}

/** Who read or exported which named records, when: appended by every route and command that serves them. */
export interface AccessLogStore {
  record(entry: AccessEntry): Promise<void>;
  /** Newest first. */
  list(query: AccessLogQuery): Promise<readonly AccessEntry[]>;
}
