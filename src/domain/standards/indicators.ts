import type { OrgMeasures } from '../orgData/measures';

/**
 * Organisational measures turned into a score out of 100 where higher is better, so they sit
 * beside survey agreement in a standard's score. Each is computed over every team's 39-steps
 * return for the cycle (teams count by their posts where that is what the figure is about).
 */
export interface OrgIndicator {
  readonly id: string;
  readonly label: string;
  /** How the score is made, in words for the standards page. */
  readonly how: string;
  readonly score: (returns: readonly OrgMeasures[]) => number | null;
}

const num = (m: OrgMeasures, id: string): number | undefined => (typeof m[id] === 'number' ? (m[id] as number) : undefined);
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** 100 − (sum of `part` ÷ sum of posts × 100), over returns that give both. */
const shareOfPosts =
  (part: string) =>
  (returns: readonly OrgMeasures[]): number | null => {
    const both = returns.filter((m) => num(m, part) !== undefined && (num(m, 'establishment-fte') ?? 0) > 0);
    if (both.length === 0) return null;
    return Math.max(0, 100 - (sum(both.map((m) => num(m, part)!)) / sum(both.map((m) => num(m, 'establishment-fte')!))) * 100);
  };

/** A share given per team, weighted by the team's posts. */
const weightedShare =
  (id: string, invert = false) =>
  (returns: readonly OrgMeasures[]): number | null => {
    const given = returns.filter((m) => num(m, id) !== undefined && (num(m, 'establishment-fte') ?? 0) > 0);
    if (given.length === 0) return null;
    const share = sum(given.map((m) => num(m, id)! * num(m, 'establishment-fte')!)) / sum(given.map((m) => num(m, 'establishment-fte')!));
    return invert ? Math.max(0, 100 - share) : share;
  };

const teamsSaying =
  (id: string) =>
  (returns: readonly OrgMeasures[]): number | null => {
    const given = returns.filter((m) => typeof m[id] === 'boolean');
    return given.length === 0 ? null : (given.filter((m) => m[id] === true).length / given.length) * 100;
  };

export const ORG_INDICATORS: readonly OrgIndicator[] = [
  { id: 'posts-filled', label: 'Posts filled', how: '100 minus unfilled posts as a share of all posts (steps 1 and 5).', score: shareOfPosts('unfilled-posts-fte') },
  { id: 'posts-without-agency', label: 'Posts not covered by agency staff', how: '100 minus agency cover as a share of all posts (step 2).', score: shareOfPosts('agency-cover-fte') },
  { id: 'staff-retained', label: 'Staff retained', how: '100 minus turnover, weighted by posts (step 4).', score: weightedShare('turnover-percent', true) },
  {
    id: 'cases-allocated',
    label: 'Cases allocated',
    how: 'Allocated cases as a share of allocated and unallocated (steps 11 and 16).',
    score: (returns) => {
      const given = returns.filter((m) => num(m, 'unallocated-cases') !== undefined && num(m, 'allocated-team-members') !== undefined);
      if (given.length === 0) return null;
      const allocated = sum(given.map((m) => (num(m, 'allocated-team-members') ?? 0) + (num(m, 'allocated-team-manager') ?? 0) + (num(m, 'allocated-duty') ?? 0)));
      const waiting = sum(given.map((m) => num(m, 'unallocated-cases')!));
      return allocated + waiting === 0 ? null : (allocated / (allocated + waiting)) * 100;
    },
  },
  {
    id: 'supervision-in-policy',
    label: 'Supervised as often as policy says',
    how: 'Share of staff supervised monthly, weighted by posts (step 8).',
    score: weightedShare('supervision-in-policy-percent'),
  },
  { id: 'supervision-monitored', label: 'Teams monitoring supervision', how: 'Share of teams saying yes (step 25).', score: teamsSaying('supervision-monitored') },
  { id: 'appraisal-360', label: 'Teams with a 360° appraisal', how: 'Share of teams saying yes (step 26).', score: teamsSaying('appraisal-360') },
  { id: 'welfare-known', label: 'Teams whose staff know the welfare service', how: 'Share of teams saying yes (step 27).', score: teamsSaying('welfare-known') },
];

export const indicatorById = new Map(ORG_INDICATORS.map((i) => [i.id, i]));
