import { ORG_MEASURES, type MeasureDefinition, type OrgMeasures } from '../domain/orgData/measures';
import { checkOrgDataReturn, vacancyPercent } from '../domain/orgData/validate';
import { protectHealthFigures } from '../domain/orgData/smallNumbers';
import type { Organisation } from '../domain/organisation/types';
import { asUserId, dateOf, type IsoDate } from '../domain/shared/brand';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { OrgDataReturn, OrgDataReturnStore } from '../ports/orgData';
import type { Cycle } from '../ports/stores';
import { UserFacingError } from './errors';

export interface TeamReturnView {
  readonly teamId: string;
  readonly name: string;
  /** Absent when the team has not made its return for the cycle. */
  readonly submittedOn?: IsoDate;
  readonly measures?: OrgMeasures;
  readonly vacancyPercent?: number | null;
  /** Figures left out, with why (sickness figures of a team of fewer than five). */
  readonly hidden?: Readonly<Record<string, string>>;
}

export interface OrgDataCycleView {
  readonly cycleId: string;
  readonly measures: readonly MeasureDefinition[];
  readonly teams: readonly TeamReturnView[];
  readonly returned: number;
}

export interface OrgDataTeamHistory {
  readonly teamId: string;
  readonly name: string;
  readonly measures: readonly MeasureDefinition[];
  readonly cycles: readonly { readonly cycleId: string; readonly submittedOn: IsoDate; readonly measures: OrgMeasures; readonly hidden?: Readonly<Record<string, string>> }[];
}

/** People in post in a team now: the size small-number protection goes by. */
const teamSize = (organisation: Organisation, teamId: string): number => organisation.people.filter((p) => p.teamId === teamId).length;

/**
 * The Health Check's organisational data (the "39 steps" of the council's Health Check paper): each team manager
 * returns their team's figures once a cycle; the PSW sees them by team and over time.
 */
export class OrgDataService {
  constructor(
    private readonly store: OrgDataReturnStore,
    private readonly directory: Directory,
    private readonly cycles: { list(): Promise<readonly Cycle[]> },
    private readonly clock: Clock,
  ) {}

  /** The cycle a return belongs to: the one named, else the newest survey cycle the council runs (not published history). */
  async cycleFor(cycleId?: string): Promise<string> {
    const cycles = await this.cycles.list();
    if (cycleId !== undefined) {
      if (!cycles.some((c) => c.id === cycleId)) throw new UserFacingError(`There is no cycle "${cycleId}". See "phc cycle list".`);
      return cycleId;
    }
    const newest = [...cycles].filter((c) => c.kind === 'live').sort((a, b) => b.opensOn.localeCompare(a.opensOn))[0];
    if (!newest) throw new UserFacingError('No health check cycle has been opened yet; say which with --cycle.');
    return newest.id;
  }

  /**
   * A team manager's return. Only the team's manager (or the PSW, entering it for them) may
   * make it. A second return for the same cycle replaces the first and says so.
   */
  async submit(
    submitterId: string,
    teamId: string,
    cycleId: string | undefined,
    input: Readonly<Record<string, unknown>>,
  ): Promise<{ readonly orgDataReturn: OrgDataReturn; readonly replaced: boolean }> {
    const organisation = await this.directory.organisation();
    const team = organisation.teams.find((t) => t.id === teamId);
    if (!team) throw new UserFacingError(`"${teamId}" is not a team in the organisation (teams: ${organisation.teams.map((t) => t.id).join(', ')}).`);
    const submitter = organisation.people.find((p) => p.id === submitterId);
    const allowed = submitter && ((submitter.role === 'team-manager' && submitter.teamId === teamId) || submitter.role === 'principal-social-worker');
    if (!allowed) throw new UserFacingError(`Only the team manager of ${team.name} (or the Principal Social Worker) can make its 39-steps return.`);
    const cycle = await this.cycleFor(cycleId);
    const checked = checkOrgDataReturn(input);
    if (!checked.ok)
      throw new UserFacingError(
        `The return for ${team.name} was not saved; nothing changed.`,
        checked.problems.map((p) => p.message),
      );
    const orgDataReturn: OrgDataReturn = { cycleId: cycle, teamId, submittedBy: asUserId(submitterId), submittedOn: dateOf(this.clock.now()), measures: checked.measures };
    const { replaced } = await this.store.put(orgDataReturn);
    return { orgDataReturn, replaced };
  }

  /** Every team's return for a cycle, with teams still to return listed too. */
  async byTeam(cycleId?: string): Promise<OrgDataCycleView> {
    const cycle = await this.cycleFor(cycleId);
    const [organisation, returns] = await Promise.all([this.directory.organisation(), this.store.forCycle(cycle)]);
    const byTeam = new Map(returns.map((r) => [r.teamId, r]));
    const teams = [...organisation.teams]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t): TeamReturnView => {
        const r = byTeam.get(t.id);
        if (!r) return { teamId: t.id, name: t.name };
        const shown = protectHealthFigures(r.measures, teamSize(organisation, t.id));
        return { teamId: t.id, name: t.name, submittedOn: r.submittedOn, measures: shown.measures, vacancyPercent: vacancyPercent(r.measures), ...(shown.hidden ? { hidden: shown.hidden } : {}) };
      });
    return { cycleId: cycle, measures: ORG_MEASURES, teams, returned: returns.length };
  }

  /** One team's returns over the cycles, oldest first. */
  async overTime(teamId: string): Promise<OrgDataTeamHistory> {
    const organisation = await this.directory.organisation();
    const team = organisation.teams.find((t) => t.id === teamId);
    if (!team) throw new UserFacingError(`"${teamId}" is not a team in the organisation.`);
    const [returns, cycles] = await Promise.all([this.store.forTeam(teamId), this.cycles.list()]);
    // Oldest cycle first, by when it opened (ids like `pulse-2026-03` do not sort by date).
    const opened = new Map(cycles.map((c) => [c.id as string, c.opensOn as string]));
    const ordered = [...returns].sort((a, b) => (opened.get(a.cycleId) ?? a.cycleId).localeCompare(opened.get(b.cycleId) ?? b.cycleId));
    const size = teamSize(organisation, teamId);
    return {
      teamId,
      name: team.name,
      measures: ORG_MEASURES,
      cycles: ordered.map((r) => {
        const shown = protectHealthFigures(r.measures, size);
        return { cycleId: r.cycleId, submittedOn: r.submittedOn, measures: shown.measures, ...(shown.hidden ? { hidden: shown.hidden } : {}) };
      }),
    };
  }

  /**
   * All returns of a cycle, for the standards view and the Quality Report: the health figures
   * of small teams left out of what is added up, so no total gives them away.
   */
  async returnsFor(cycleId: string): Promise<readonly OrgDataReturn[]> {
    const [returns, organisation] = await Promise.all([this.store.forCycle(cycleId), this.directory.organisation()]);
    return returns.map((r) => ({ ...r, measures: protectHealthFigures(r.measures, teamSize(organisation, r.teamId)).measures }));
  }

  /** A team's own return as it was sent, for its manager to see and change (the bot's 39-steps card). */
  async ownReturn(teamId: string, cycleId: string): Promise<OrgDataReturn | undefined> {
    return (await this.store.forCycle(cycleId)).find((r) => r.teamId === teamId);
  }
}
