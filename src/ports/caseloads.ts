import type { CaseloadEntry, Month } from '../domain/caseloads/types';
import type { IsoDate } from '../domain/shared/brand';

/** A team's month: what an import or a manager's return replaces as a whole. */
export interface TeamMonth {
  readonly teamId: string;
  readonly month: Month;
}

export interface StoredCaseloadEntry extends CaseloadEntry {
  readonly recordedOn: IsoDate;
}

/**
 * Monthly caseloads (caseload audit). They name workers and are never joined to
 * survey responses. An audit period is at most a few months of one council's staff (about
 * 170 × 3 rows), so a period is read whole rather than paged.
 */
export interface CaseloadStore {
  /** Team-months of `scope` that already hold figures, with how many workers each. */
  existing(scope: readonly TeamMonth[]): Promise<readonly (TeamMonth & { readonly workers: number; readonly source: string })[]>;
  /** In one transaction: removes every figure of `scope`, then stores `entries` (which must lie within it). Returns how many were removed. */
  replace(scope: readonly TeamMonth[], entries: readonly CaseloadEntry[], recordedOn: IsoDate): Promise<{ readonly removed: number; readonly stored: number }>;
  /** Every figure from `from` to `to` inclusive. */
  between(from: Month, to: Month): Promise<readonly StoredCaseloadEntry[]>;
}
