import { UserFacingError } from '../app/errors';
import type { FocusGroupService } from '../app/focusGroups';
import { INVITATION_REPLIES, type InvitationReply } from '../domain/framework/focusGroups';
import type { UserId } from '../domain/shared/brand';
import { FOCUS_GROUP_VERB_PREFIX, FOCUS_GROUP_VERBS, focusGroupInvitationCard } from './cards/framework';
import { messageCard } from './cards/message';
import type { Command } from './cards/wording';
import type { HelpSource, Reply } from './flow';
import { OneAtATime } from './oneAtATime';

/**
 * Focus group invitations in the bot: "I'll come" and "I can't come" on the invitation card.
 * The reply is the presser's own (the person Teams says is talking, never anyone named on the
 * card), recorded only if they were invited; the card is updated to say what they said, with
 * the button to change it. Returns `undefined` for anything that is not a focus group verb.
 */
export class FocusGroupFlow implements HelpSource {
  /** One person's presses on one card one after another, so a double click is two presses in a row. */
  private readonly oneAtATime = new OneAtATime();

  constructor(private readonly focusGroups: FocusGroupService) {}

  /** Invitations arrive as cards; there is nothing to type. */
  async helpFor(): Promise<readonly Command[]> {
    return [];
  }

  async onText(): Promise<Reply | undefined> {
    return undefined;
  }

  async onAction(userId: UserId, value: unknown): Promise<Reply | undefined> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const data = value as Record<string, unknown>;
    if (typeof data.verb !== 'string' || !data.verb.startsWith(FOCUS_GROUP_VERB_PREFIX)) return undefined;
    const id = typeof data.focusGroupId === 'string' ? data.focusGroupId : '';
    const reply = data.reply;
    if (data.verb !== FOCUS_GROUP_VERBS.reply || id === '' || !INVITATION_REPLIES.includes(reply as InvitationReply)) {
      return { card: messageCard('I could not do that', ['That button is not one I know. Your reply to the invitation was not recorded.']), replace: false };
    }
    return this.oneAtATime.run(`${id}:${userId}`, async () => {
      try {
        const { group } = await this.focusGroups.reply(id, userId, reply as InvitationReply);
        return { card: focusGroupInvitationCard(await this.focusGroups.messageOf(group), reply as InvitationReply), replace: true };
      } catch (error) {
        if (error instanceof UserFacingError) return { card: messageCard('I could not record that', [error.message]), replace: false };
        throw error;
      }
    });
  }
}
