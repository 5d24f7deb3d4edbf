import type { OrgMeasures } from '../domain/orgData/measures';
import type { Organisation } from '../domain/organisation/types';

/**
 * Invented 39-steps figures for a demo team, deterministic from the team's place in the list
 * and its size, so the demo's views have something true-looking to show.
 */
export function demoOrgDataReturn(organisation: Organisation, teamId: string): OrgMeasures {
  const i = Math.max(
    0,
    organisation.teams.findIndex((t) => t.id === teamId),
  );
  const staff = organisation.people.filter((p) => p.teamId === teamId && p.leftOn === undefined).length;
  const posts = staff + (i % 3);
  return {
    'establishment-fte': posts,
    'unfilled-posts-fte': i % 3,
    'agency-cover-fte': i % 2,
    'long-term-absence-fte': i % 4 === 1 ? 1 : 0,
    'turnover-percent': 8 + ((i * 5) % 14),
    'cases-per-fte': 14 + ((i * 3) % 12),
    'average-weekly-hours': 37 + (i % 3),
    'toil-hours-outstanding': 20 + i * 6,
    'leave-days-outstanding': 40 + i * 9,
    'supervision-in-policy-percent': 70 + ((i * 7) % 28),
    'cpd-cancelled': i % 3,
    'additional-responsibilities': 1 + (i % 4),
    'unallocated-cases': (i * 4) % 11,
    're-referrals': 2 + (i % 5),
    'allocated-team-members': staff * 18,
    'allocated-team-manager': i % 2,
    'allocated-duty': 3 + (i % 6),
    'transfer-delays': i % 3,
    'meetings-cancelled-per-week': i % 4,
    'supervision-monitored': true,
    'appraisal-360': i % 2 === 0,
    'welfare-known': true,
    'team-meetings-per-month': 2 + (i % 3),
    'sickness-days-per-fte': 6 + ((i * 3) % 9),
  };
}
