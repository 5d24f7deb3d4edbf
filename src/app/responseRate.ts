import { isHealthCheckAudience } from '../domain/organisation/types';
import { explainRate, responseRates, type RateFigure } from '../domain/results/responseRate';
import type { Directory } from '../ports/directory';
import type { Stores } from '../ports/stores';
import type { CycleService } from './cycles';
import { UserFacingError } from './errors';
import { participationKey } from './participation';

export interface TeamRate extends RateFigure {
  readonly id: string;
  readonly name: string;
}

/** What `phc response-rate` and the API show. Hidden figures carry their reason instead. */
export interface ResponseRateReport {
  readonly cycle: string;
  readonly title: string;
  readonly status: string;
  readonly threshold: number;
  readonly overall: RateFigure;
  readonly teams: readonly TeamRate[];
}

/**
 * Response rate: people in the audience who have submitted, over the audience, overall and
 * by team. Each person's participation key is worked out from the directory and looked up;
 * only the counts leave this function, after suppression (see domain/results/responseRate).
 */
export class ResponseRateService {
  constructor(
    private readonly stores: Stores,
    private readonly directory: Directory,
    private readonly cycles: CycleService,
  ) {}

  async rate(rawCycleId: string): Promise<ResponseRateReport> {
    const cycle = await this.cycles.require(rawCycleId);
    if (cycle.kind === 'published') throw new UserFacingError(`${cycle.id} is known only from its published report; its response rate is in the report.`);
    const secret = await this.stores.cycles.participationSecret(cycle.id);
    const organisation = await this.directory.organisation();
    const audience = organisation.people.filter(isHealthCheckAudience);
    const byTeam = new Map<string, { audience: number; respondents: number }>(organisation.teams.map((t) => [t.id, { audience: 0, respondents: 0 }]));
    let respondents = 0;
    for (const person of audience) {
      const submitted = (await this.stores.participation.status(cycle.id, participationKey(secret, person.id))) === 'submitted';
      if (submitted) respondents++;
      const team = person.teamId === undefined ? undefined : byTeam.get(person.teamId);
      if (team) {
        team.audience++;
        if (submitted) team.respondents++;
      }
    }
    const result = responseRates({
      audience: audience.length,
      respondents,
      threshold: cycle.threshold,
      groups: [...byTeam].map(([id, counts]) => ({ id, ...counts })),
    });
    const names = new Map(organisation.teams.map((t) => [t.id, t.name]));
    return {
      cycle: cycle.id,
      title: cycle.title,
      status: cycle.status,
      threshold: cycle.threshold,
      overall: result.overall,
      teams: result.groups.map((g) => ({ ...g, name: names.get(g.id) ?? g.id })),
    };
  }
}

function line(label: string, f: RateFigure, threshold: number): string {
  if (f.audience === 0) return `${label}: nobody asked`;
  if (f.hidden) return `${label}: ${explainRate(f.hidden, threshold)} (of ${f.audience})`;
  return `${label}: ${f.percent}% (${f.respondents} of ${f.audience})`;
}

/** The report as lines of text for `phc`. */
export function formatResponseRate(report: ResponseRateReport): string {
  return [
    `${report.title} (${report.cycle}, ${report.status}): response rate`,
    line('Overall', report.overall, report.threshold),
    ...report.teams.map((t) => line(`  ${t.name}`, t, report.threshold)),
    `Figures where fewer than ${report.threshold} people have, or have not, answered are hidden, and so is anything that would reveal them by subtraction.`,
  ].join('\n');
}
