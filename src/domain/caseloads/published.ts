/**
 * The Caseload and Workload Audit 2019/20 as the council published it: average
 * caseloads by team over July, August and September 2019. Only the published figures: the
 * seed gives no worker-level inputs, so nothing here is derived. Team ids are the survey's
 * team option ids (src/domain/survey/healthCheck.ts), which the demo organisation shares.
 */
export interface PublishedCaseloadAudit {
  readonly id: string;
  readonly title: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly averages: readonly { readonly teamId: string; readonly label: string; readonly average: number }[];
  /** The survey figure the audit was read beside: "81% of staff saying their caseload is fair and manageable". */
  readonly caseloadFairPercent: number;
}

export const CASELOAD_AUDIT_2019_20: PublishedCaseloadAudit = {
  id: '2019-20',
  title: 'Caseload and Workload Audit 2019/20',
  period: { from: '2019-07', to: '2019-09' },
  averages: [
    { teamId: 'hospital', label: 'Hospital Team', average: 20.6 },
    { teamId: 'occupational-therapy', label: 'Occupational Therapy', average: 25.8 },
    { teamId: 'intake', label: 'Intake services', average: 13.8 },
    { teamId: 'older-people-review', label: 'Older people review', average: 24.1 },
    { teamId: 'short-term', label: 'Short term services', average: 21.4 },
    { teamId: 'older-people-case-management', label: 'Older People case management', average: 26.9 },
    { teamId: 'all-age-transitions', label: 'All Age Transitions', average: 18.9 },
    { teamId: 'all-age-case-management', label: 'All Age case management', average: 19.6 },
  ],
  caseloadFairPercent: 81,
};

export const publishedCaseloadAudits: readonly PublishedCaseloadAudit[] = [CASELOAD_AUDIT_2019_20];
