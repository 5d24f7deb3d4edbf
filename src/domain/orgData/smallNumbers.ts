import type { OrgMeasures } from './measures';

/**
 * Small-number protection on the health figures of the 39-steps returns. A team's sickness
 * days per FTE, or its posts on long-term absence, say something about someone's health when
 * the team is small: in a team of three, "1 FTE on long-term absence" is a person. So these
 * figures are shown only for teams of at least `SMALL_TEAM` people in post, and left out of
 * anything added up across teams for the rest (so no total minus the shown teams gives a
 * small team's figure). The other figures (posts, cases, meetings) are about the work.
 */
export const HEALTH_MEASURES: readonly string[] = ['sickness-days-per-fte', 'long-term-absence-fte'];

/** The same as the survey's smallest group. */
export const SMALL_TEAM = 5;

export function healthFiguresHidden(teamSize: number): string | undefined {
  return teamSize < SMALL_TEAM ? `Hidden: the team has fewer than ${SMALL_TEAM} people, so a sickness figure could be one person's health.` : undefined;
}

/** A team's figures as others may see them: the health figures left out for a small team, with why. */
export function protectHealthFigures(measures: OrgMeasures, teamSize: number): { readonly measures: OrgMeasures; readonly hidden?: Readonly<Record<string, string>> } {
  const reason = healthFiguresHidden(teamSize);
  if (reason === undefined || !HEALTH_MEASURES.some((m) => m in measures)) return { measures };
  return {
    measures: Object.fromEntries(Object.entries(measures).filter(([id]) => !HEALTH_MEASURES.includes(id))),
    hidden: Object.fromEntries(HEALTH_MEASURES.filter((m) => m in measures).map((m) => [m, reason])),
  };
}
