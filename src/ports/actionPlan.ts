import type { ActionsStatus } from '../domain/qualityReport/model';

/**
 * Where the Quality Report reads the Health Check action plan's progress. The action plan
 * lives with the tab (issue 6), which implements this port; until it is wired the report
 * says "No action plan yet" rather than inventing figures.
 */
export interface ActionPlanStatusSource {
  /** `undefined` when there is no action plan. */
  status(asOf: string): Promise<ActionsStatus | undefined>;
}

export const noActionPlan: ActionPlanStatusSource = { status: async () => undefined };
