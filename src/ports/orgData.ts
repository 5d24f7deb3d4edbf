import type { OrgMeasures } from '../domain/orgData/measures';
import type { IsoDate, UserId } from '../domain/shared/brand';

/** A team's 39-steps figures for one cycle, as its manager returned them. */
export interface OrgDataReturn {
  readonly cycleId: string;
  readonly teamId: string;
  readonly submittedBy: UserId;
  readonly submittedOn: IsoDate;
  readonly measures: OrgMeasures;
}

/** One return per team per cycle: a second submit replaces the first (the manager is correcting it). */
export interface OrgDataReturnStore {
  put(orgDataReturn: OrgDataReturn): Promise<{ readonly replaced: boolean }>;
  forCycle(cycleId: string): Promise<readonly OrgDataReturn[]>;
  /** Every cycle's return for a team, oldest first: the view over time. */
  forTeam(teamId: string): Promise<readonly OrgDataReturn[]>;
}
