import type { Organisation, Person } from '../domain/organisation/types';
import type { DirectoryMappingResult } from '../domain/organisation/directoryMapping';

/** Where people, teams and supervision come from: demo data, a CSV import, or Microsoft Graph. */
export interface Directory {
  organisation(): Promise<Organisation>;
  /**
   * People who have left (kept by the store with `leftOn`), so audit records and compliance
   * can still name them. Optional: a directory with no memory (the demo) has no leavers.
   */
  leavers?(): Promise<readonly Person[]>;
}

/**
 * A tenant's directory the organisation can be taken from (`phc org sync`): Microsoft Graph.
 * `previous` is the stored organisation, for supervision a CSV import set apart from line management.
 */
export interface OrganisationSource {
  /** e.g. "Microsoft Graph", for messages. */
  readonly name: string;
  read(previous?: Organisation): Promise<DirectoryMappingResult>;
}

/** The source could not be read (permission, throttling, network); the message is for an administrator. */
export class DirectorySourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectorySourceError';
  }
}
