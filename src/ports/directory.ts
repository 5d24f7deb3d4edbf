import type { Organisation } from '../domain/organisation/types';

/** Where people, teams and supervision come from: demo data, a CSV import, or Microsoft Graph. */
export interface Directory {
  organisation(): Promise<Organisation>;
}
