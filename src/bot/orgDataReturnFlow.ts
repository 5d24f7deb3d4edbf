import { UserFacingError } from '../app/errors';
import { teamManagedBy } from '../app/invitations';
import type { OrgDataService } from '../app/orgData';
import type { UserId } from '../domain/shared/brand';
import type { Directory } from '../ports/directory';
import type { Cycle } from '../ports/stores';
import { formatDate } from './cards/elements';
import { messageCard } from './cards/message';
import { ORG_RETURN_VERB, orgDataReturnCard, orgDataReturnFromCard } from './cards/orgDataReturn';
import { ORG_RETURN_COMMAND, type Command } from './cards/wording';
import type { HelpSource, Reply } from './flow';
import { OneAtATime } from './oneAtATime';

/**
 * The 39-steps return in the bot: the card a team manager is sent when the
 * health check opens, and the text command `39 steps` for a fresh one with what they sent.
 * Sending it goes through `OrgDataService.submit`, which checks every figure and decides who
 * may return for the team: the person acting is the one Teams says is talking, never anyone
 * named on the card. A refused return comes back on the same card with the figures as typed
 * and each problem in plain words; nothing is saved until every figure passes.
 */
export class OrgDataReturnFlow implements HelpSource {
  /** One team's returns one after another, so a double-clicked Send is two presses in a row. */
  private readonly oneAtATime = new OneAtATime();

  constructor(
    private readonly orgData: OrgDataService,
    private readonly directory: Directory,
    private readonly cycles: { list(): Promise<readonly Cycle[]> },
  ) {}

  /** `39 steps` for those the directory lists as managing a team. */
  async helpFor(userId: UserId): Promise<readonly Command[]> {
    return teamManagedBy(await this.directory.organisation(), userId) ? [ORG_RETURN_COMMAND] : [];
  }

  async onText(userId: UserId, raw: string): Promise<Reply | undefined> {
    const text = raw
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    if (text !== '39steps') return undefined;
    const team = teamManagedBy(await this.directory.organisation(), userId);
    if (!team)
      return refusal('The 39-steps return is made by each team manager for their team, and the directory does not list you as managing a team. If that is wrong, ask for the directory to be updated.');
    try {
      const cycle = await this.cycle(undefined);
      const stored = await this.orgData.ownReturn(team.id, cycle.id);
      const notice = stored?.submittedOn ? `You sent your figures on ${formatDate(stored.submittedOn)}. Sending again replaces them.` : undefined;
      return {
        card: orgDataReturnCard({
          teamName: team.name,
          cycleTitle: cycle.title,
          cycleId: cycle.id,
          teamId: team.id,
          ...(stored?.measures ? { values: stored.measures } : {}),
          ...(notice ? { notice } : {}),
        }),
        replace: false,
      };
    } catch (error) {
      if (error instanceof UserFacingError) return refusal(error.message);
      throw error;
    }
  }

  async onAction(userId: UserId, value: unknown): Promise<Reply | undefined> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const data = value as Record<string, unknown>;
    if (data.verb !== ORG_RETURN_VERB) return undefined;
    const organisation = await this.directory.organisation();
    const teamId = typeof data.teamId === 'string' && data.teamId !== '' ? data.teamId : teamManagedBy(organisation, userId)?.id;
    if (teamId === undefined) return refusal('The 39-steps return is made by each team manager for their team, and the directory does not list you as managing a team.');
    const teamName = organisation.teams.find((t) => t.id === teamId)?.name ?? teamId;
    const figures = orgDataReturnFromCard(data);
    let cycle: Cycle;
    try {
      cycle = await this.cycle(typeof data.cycleId === 'string' && data.cycleId !== '' ? data.cycleId : undefined);
    } catch (error) {
      if (error instanceof UserFacingError) return refusal(error.message);
      throw error;
    }
    const again = { teamName, cycleTitle: cycle.title, cycleId: cycle.id, teamId };
    return this.oneAtATime.run(`${cycle.id} ${teamId}`, () => this.send(userId, teamId, cycle, figures, again));
  }

  private async send(userId: UserId, teamId: string, cycle: Cycle, figures: Record<string, unknown>, again: { teamName: string; cycleTitle: string; cycleId: string; teamId: string }): Promise<Reply> {
    const { teamName } = again;
    try {
      const before = (await this.orgData.ownReturn(teamId, cycle.id))?.measures;
      const { orgDataReturn, replaced: replacedSomething } = await this.orgData.submit(userId, teamId, cycle.id, figures);
      // The same figures sent again (a double click, a retry) replace nothing a person would
      // notice: they get the first press's "Saved", not "these replace the ones sent before".
      const replaced = replacedSomething && !sameFigures(before ?? {}, orgDataReturn.measures);
      const notice = replaced
        ? `Saved on ${formatDate(orgDataReturn.submittedOn)}: these figures replace the ones sent before for ${teamName}. You can change them and send again.`
        : `Saved on ${formatDate(orgDataReturn.submittedOn)}. Thank you. You can change the figures and send again; the new ones replace these.`;
      return { card: orgDataReturnCard({ ...again, values: orgDataReturn.measures, notice }), replace: true };
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      // The figures as typed stay on the card, with each problem beside the reason.
      const problems = error.details.length > 0 ? error.details : [error.message];
      return { card: orgDataReturnCard({ ...again, values: figures, problems }), replace: true };
    }
  }

  private async cycle(cycleId: string | undefined): Promise<Cycle> {
    const id = await this.orgData.cycleFor(cycleId);
    const cycle = (await this.cycles.list()).find((c) => c.id === id);
    if (!cycle) throw new UserFacingError(`There is no cycle "${id}".`);
    return cycle;
  }
}

function sameFigures(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

function refusal(message: string): Reply {
  return { card: messageCard('I could not do that', [message]), replace: false };
}
