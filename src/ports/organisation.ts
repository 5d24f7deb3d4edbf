import type { Organisation } from '../domain/organisation/types';
import type { IsoDate } from '../domain/shared/brand';

/** The organisation as last imported (`phc org import`), leavers included (with `leftOn`). */
export interface StoredOrganisation {
  readonly organisation: Organisation;
  readonly importedOn: IsoDate;
}

export interface OrganisationSaveOutcome {
  readonly people: number;
  readonly teams: number;
  /** People in the store before who are not in this import: kept, marked as left on the import day. */
  readonly markedLeft: number;
}

/**
 * Where an imported organisation is kept. Saving replaces the organisation whole; people who
 * are no longer in it are not deleted but kept as leavers, so completed audits still name them.
 */
export interface OrganisationStore {
  save(organisation: Organisation, importedOn: IsoDate): Promise<OrganisationSaveOutcome>;
  /** `undefined` when no organisation has ever been imported. */
  load(): Promise<StoredOrganisation | undefined>;
}
