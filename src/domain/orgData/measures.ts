/**
 * The quantitative steps of the Social Work Health Check's "39 steps" (the council's 2017 briefing), sections 1
 * (effective workload management), 2 (proactive workflow management) and 4 (a healthy
 * workplace), as the figures a team manager returns for their team once a cycle. Steps that
 * ask for a description (e.g. 14 "How are unallocated cases risk assessed?") are left to the
 * focus groups; where a step has a number in it, it is here. Ids are permanent: stored
 * returns refer to them.
 */

export type MeasureKind =
  /** Whole number of things, 0 or more (posts, cases, meetings). */
  | 'count'
  /** Full-time equivalent, 0 to 500, two decimals at most. */
  | 'fte'
  /** A share, 0 to 100. */
  | 'percent'
  /** Hours or days: 0 or more, with a sensible top. */
  | 'hours'
  | 'days'
  | 'yes-no';

export interface MeasureDefinition {
  readonly id: string;
  /** The step's number in the council's Social Work Health Check briefing (2017). */
  readonly step: number;
  readonly section: 1 | 2 | 4;
  readonly label: string;
  readonly kind: MeasureKind;
  /** How to count it, in the manager's words. */
  readonly hint: string;
  /** Largest sensible value, for hours and days (a typing slip beyond it is refused). */
  readonly max?: number;
  readonly required: boolean;
}

const m = (id: string, step: number, section: 1 | 2 | 4, label: string, kind: MeasureKind, hint: string, options: { max?: number; required?: boolean } = {}): MeasureDefinition => ({
  id,
  step,
  section,
  label,
  kind,
  hint,
  ...(options.max === undefined ? {} : { max: options.max }),
  required: options.required ?? false,
});

export const SECTION_TITLES: Readonly<Record<1 | 2 | 4, string>> = {
  1: 'Effective workload management',
  2: 'Proactive workflow management',
  4: 'A healthy workplace',
};

export const ORG_MEASURES: readonly MeasureDefinition[] = [
  m('establishment-fte', 5, 1, 'Posts in the team (FTE)', 'fte', 'The funded establishment, in full-time equivalents, filled or not.', { required: true }),
  m('unfilled-posts-fte', 1, 1, 'Unfilled posts (FTE)', 'fte', 'Posts with nobody in them on the count day, including those covered by agency staff.', { required: true }),
  m('agency-cover-fte', 2, 1, 'Posts covered by agency or temporary staff (FTE)', 'fte', 'FTE of agency, interim or temporary staff covering posts.', { required: true }),
  m('long-term-absence-fte', 3, 1, 'Posts where the post-holder is on long-term absence (FTE)', 'fte', 'Sick leave over four weeks, maternity, paternity or adoption leave, secondment out.', {
    required: true,
  }),
  m('turnover-percent', 4, 1, 'Staff turnover in the last 12 months (%)', 'percent', 'Leavers in the last 12 months as a share of the average headcount.', { required: true }),
  m('cases-per-fte', 5, 1, 'Open cases per FTE', 'hours', 'Open allocated cases divided by the FTE in post.', { max: 200, required: true }),
  m('average-weekly-hours', 6, 1, 'Hours worked on average a week', 'hours', 'Average actual hours a week for a full-time worker.', { max: 80 }),
  m('toil-hours-outstanding', 7, 1, 'TOIL still to be taken (hours, team total)', 'hours', 'Time off in lieu owed to the team on the count day.', { max: 10000 }),
  m('leave-days-outstanding', 7, 1, 'Annual leave still to be taken (days, team total)', 'days', "Days of this year's leave not yet taken.", { max: 5000 }),
  m('supervision-in-policy-percent', 8, 1, 'Staff supervised as often as policy says (%)', 'percent', 'Share of the team whose supervision in the last 3 months met the monthly policy.', {
    required: true,
  }),
  m('cpd-cancelled', 9, 1, 'Planned training or CPD cancelled or re-arranged (last 12 months)', 'count', 'Times a planned course or CPD session did not go ahead for someone in the team.'),
  m('additional-responsibilities', 10, 1, 'Staff with additional responsibilities', 'count', 'e.g. supervising a student, mentoring, research, practice educator.'),
  m('unallocated-cases', 11, 2, 'Unallocated cases', 'count', 'Cases waiting for a worker on the count day.', { required: true }),
  m('re-referrals', 12, 2, 'Cases re-referred (last 3 months)', 'count', 'Referrals for someone whose case closed in the previous 12 months.'),
  m('allocated-team-members', 16, 2, 'Cases allocated to team members', 'count', 'Open cases held by practitioners.'),
  m('allocated-team-manager', 16, 2, 'Cases allocated to the team manager', 'count', 'Open cases held by the team manager.'),
  m('allocated-duty', 16, 2, 'Cases held by the duty team', 'count', 'Open cases on duty.'),
  m('transfer-delays', 17, 2, 'Cases delayed in transfer between teams', 'count', 'Cases waiting over two weeks to move to or from another team.'),
  m('meetings-cancelled-per-week', 18, 2, 'Meetings cancelled in an average week to re-prioritise work', 'count', 'Across the team, with people who use services or other professionals.'),
  m('supervision-monitored', 25, 4, 'Frequency and quality of supervision are monitored', 'yes-no', 'Yes if supervision records are audited (Appendix 1) in this team.'),
  m('appraisal-360', 26, 4, 'A 360° appraisal is in place', 'yes-no', ''),
  m('welfare-known', 27, 4, 'Staff know how to reach the employee welfare service', 'yes-no', ''),
  m('team-meetings-per-month', 28, 4, 'Team meetings a month', 'count', 'Meetings held, on average, in the last 3 months.'),
  m('sickness-days-per-fte', 34, 4, 'Sickness absence (days lost per FTE, last 12 months)', 'days', 'Working days lost to sickness divided by the FTE in post.', { max: 260, required: true }),
];

export const measureById = new Map(ORG_MEASURES.map((d) => [d.id, d]));

/** The figures of one team's return: measure id → number (yes/no as true/false). */
export type OrgMeasures = Readonly<Record<string, number | boolean>>;
