import { randomBytes } from 'node:crypto';
import type { Action } from '../domain/actionPlan/types';
import { councilYearOf } from '../domain/audit/plan/calendar';
import { APPENDIX_5_THEMES } from '../domain/framework/appendix5';
import {
  cancelProblem,
  checkFocusGroupRecord,
  checkFocusGroupSchedule,
  invitationProblem,
  invitees,
  notesProblem,
  PURPOSE_LABELS,
  yearOfFocusGroup,
  type FocusGroup,
  type FocusGroupInvitation,
  type InvitationReply,
} from '../domain/framework/focusGroups';
import type { Organisation } from '../domain/organisation/types';
import { dateOf, type IsoDate } from '../domain/shared/brand';
import { longDate } from '../domain/shared/dates';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { FocusGroupStore, ThematicReviewStore } from '../ports/framework';
import type { FocusGroupMessage, OutgoingMessage } from '../ports/messenger';
import { StoreError } from '../ports/stores';
import type { ActionService } from './actionPlan';
import { FieldsRefused, staleChange } from './frameworkErrors';
import { UserFacingError } from './errors';

/** A message the framework wants sent through the audit reminder pass: once per key, ever. */
export interface FrameworkMessage {
  readonly key: string;
  readonly personId: string;
  readonly message: OutgoingMessage;
}

/** How far back and ahead the notices pass looks for focus groups: last council year and this one. */
const yearsAround = (today: IsoDate): number[] => [councilYearOf(today) - 1, councilYearOf(today), councilYearOf(today) + 1];

export const invitationKey = (groupId: string, personId: string): string => `focus-group:${groupId}:invitation:${personId}`;
export const cancellationKey = (groupId: string, personId: string): string => `focus-group:${groupId}:cancelled:${personId}`;

/**
 * Focus groups (Appendix 5): scheduling, invitations through the bot, replies, the notes
 * against Appendix 5's questions and themes (refused if they name anyone in the directory),
 * and a key theme turned into an action. Who may do what is decided by the caller (the tab's
 * API, with the rules in src/domain/access); this service keeps the record's own rules.
 */
export class FocusGroupService {
  constructor(
    private readonly store: FocusGroupStore,
    private readonly reviews: Pick<ThematicReviewStore, 'get'>,
    private readonly actions: ActionService,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  private today(): IsoDate {
    return dateOf(this.clock.now());
  }

  async list(year: number): Promise<FocusGroup[]> {
    return this.store.listYear(year);
  }

  async get(id: string): Promise<FocusGroup> {
    const group = await this.store.get(id);
    if (!group) throw new UserFacingError('That focus group could not be found. It may have been removed; reload the list.');
    return group;
  }

  invitations(id: string): Promise<FocusGroupInvitation[]> {
    return this.store.invitations(id);
  }

  async schedule(input: unknown, by: string): Promise<FocusGroup> {
    const organisation = await this.directory.organisation();
    const checked = checkFocusGroupSchedule(input, await this.context(organisation, input));
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    const today = this.today();
    return this.store.create({
      ...checked.value,
      id: `fg-${randomBytes(8).toString('hex')}`,
      year: yearOfFocusGroup(checked.value.date),
      status: 'scheduled',
      invitationsSentOn: null,
      attended: null,
      notes: {},
      themes: [],
      createdBy: by,
      createdOn: today,
      updatedOn: today,
    });
  }

  async reschedule(id: string, input: unknown, version: number): Promise<FocusGroup> {
    const group = await this.get(id);
    if (group.status === 'cancelled' || group.status === 'held')
      throw new UserFacingError(`This focus group is ${group.status === 'held' ? 'held: its notes are recorded' : 'cancelled'}, so its arrangements no longer change.`);
    const checked = checkFocusGroupSchedule(input, await this.context(await this.directory.organisation(), input, group), group);
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    if (yearOfFocusGroup(checked.value.date) !== group.year)
      throw new FieldsRefused([
        { field: 'date', message: `Keep it within the council year it was scheduled in (April ${group.year} – March ${group.year + 1}); schedule a new focus group for another year.` },
      ]);
    return this.save({ ...group, ...checked.value }, version);
  }

  /** Invites everyone the group's teams and roles cover who has not been invited yet; the bot sends each an invitation. */
  async invite(id: string, version: number): Promise<{ readonly group: FocusGroup; readonly added: number }> {
    const group = await this.get(id);
    const today = this.today();
    const problem = invitationProblem(group, today);
    if (problem) throw new UserFacingError(problem);
    const already = new Set((await this.store.invitations(id)).map((i) => i.personId));
    const people = invitees(group, await this.directory.organisation(), today, already);
    if (people.length === 0 && already.size === 0) throw new UserFacingError('Nobody in post is in the teams or roles invited. Invite another team or role first.');
    try {
      return await this.store.invite(id, people, today, version);
    } catch (error) {
      throw staleChange(error, 'focus group');
    }
  }

  async cancel(id: string, version: number): Promise<FocusGroup> {
    const group = await this.get(id);
    const problem = cancelProblem(group);
    if (problem) throw new UserFacingError(problem);
    return this.save({ ...group, status: 'cancelled' }, version);
  }

  /** The notes, attendance and key themes: on or after the day; refused, unsaved, if any names someone. */
  async record(id: string, input: unknown, version: number): Promise<FocusGroup> {
    const group = await this.get(id);
    const problem = notesProblem(group, this.today());
    if (problem) throw new UserFacingError(problem);
    const organisation = await this.directory.organisation();
    const checked = checkFocusGroupRecord(
      input,
      organisation.people.map((p) => p.displayName),
      group,
    );
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    return this.save({ ...group, ...checked.value, status: 'held' }, version);
  }

  /** A key theme becomes an action in the action plan (once); the theme keeps the action's id. */
  async themeToAction(
    id: string,
    index: number,
    input: { readonly ownerId?: unknown; readonly due?: unknown },
    by: string,
    version: number,
  ): Promise<{ readonly group: FocusGroup; readonly action: Action }> {
    const group = await this.get(id);
    const theme = group.themes[index];
    if (!theme) throw new UserFacingError('That theme could not be found; reload the focus group.');
    if (theme.actionId !== null) throw new UserFacingError('That theme is already in the action plan.');
    if (group.version !== version) throw staleChange(new StoreError('conflict', ''), 'focus group');
    const area = APPENDIX_5_THEMES.find((t) => t.id === theme.area)?.title ?? theme.area;
    const action = await this.actions.create(
      {
        what: theme.summary,
        ownerId: input.ownerId,
        due: input.due,
        status: 'not-started',
        progress: `From the focus group of ${longDate(group.date)} (${PURPOSE_LABELS[group.purpose].toLowerCase()}), Appendix 5 theme: ${area}.`,
        link: null,
      },
      by,
    );
    const themes = group.themes.map((t, i) => (i === index ? { ...t, actionId: action.id } : t));
    return { group: await this.save({ ...group, themes }, version), action };
  }

  /** An invited person's reply from the bot: they must have been invited, and it must still be ahead. */
  async reply(id: string, personId: string, reply: InvitationReply): Promise<{ readonly group: FocusGroup; readonly invitation: FocusGroupInvitation }> {
    const group = await this.store.get(id);
    if (!group) throw new UserFacingError('That focus group could not be found. It may have been cancelled.');
    if (group.status === 'cancelled') throw new UserFacingError('That focus group has been cancelled, so there is nothing to reply to.');
    const today = this.today();
    if (group.status === 'held' || group.date < today) throw new UserFacingError('That focus group has already taken place.');
    const invitation = await this.store.reply(id, personId, reply, today);
    if (!invitation) throw new UserFacingError('You were not invited to this focus group, so your reply was not recorded. The Principal Social Worker can invite your team or role.');
    return { group, invitation };
  }

  /** What the bot says about a group on a card. */
  async messageOf(group: FocusGroup, organisation?: Organisation): Promise<FocusGroupMessage> {
    const org = organisation ?? (await this.directory.organisation());
    return {
      id: group.id,
      title: group.title,
      purpose: PURPOSE_LABELS[group.purpose],
      date: group.date,
      time: group.time,
      place: group.place,
      facilitator: org.people.find((p) => p.id === group.facilitatorId)?.displayName ?? 'the facilitator',
      themes: APPENDIX_5_THEMES.map((t) => t.title),
    };
  }

  /**
   * The invitations to send (groups still ahead with invitations sent), and word of a
   * cancellation to whoever the invitation reached (`delivered` says who it did).
   */
  async messages(delivered: (key: string) => Promise<boolean>): Promise<FrameworkMessage[]> {
    const today = this.today();
    const organisation = await this.directory.organisation();
    const out: FrameworkMessage[] = [];
    for (const year of yearsAround(today)) {
      for (const group of await this.store.listYear(year)) {
        if (group.date < today || group.invitationsSentOn === null) continue;
        if (group.status !== 'invited' && group.status !== 'cancelled') continue;
        const focusGroup = await this.messageOf(group, organisation);
        for (const invitation of await this.store.invitations(group.id)) {
          if (group.status === 'invited')
            out.push({ key: invitationKey(group.id, invitation.personId), personId: invitation.personId, message: { kind: 'focus-group', change: 'invitation', focusGroup } });
          else if (await delivered(invitationKey(group.id, invitation.personId)))
            out.push({ key: cancellationKey(group.id, invitation.personId), personId: invitation.personId, message: { kind: 'focus-group', change: 'cancelled', focusGroup } });
        }
      }
    }
    return out;
  }

  /** What the schedule check looks up: the organisation, today, and whether the review named (or kept) exists. */
  private async context(organisation: Organisation, input: unknown, earlier?: FocusGroup) {
    const raw = (typeof input === 'object' && input !== null ? input : {}) as { reviewId?: unknown };
    const candidates = [typeof raw.reviewId === 'string' ? raw.reviewId.trim() : undefined, earlier?.reviewId ?? undefined].filter((x): x is string => x !== undefined && x !== '');
    const known = new Set<string>();
    for (const id of candidates) if (await this.reviews.get(id)) known.add(id);
    return { organisation, today: this.today(), isReview: (id: string) => known.has(id) };
  }

  private async save(group: FocusGroup, version: number): Promise<FocusGroup> {
    const { version: _stored, ...rest } = group;
    try {
      return await this.store.update({ ...rest, updatedOn: this.today() }, version);
    } catch (error) {
      throw staleChange(error, 'focus group');
    }
  }
}
