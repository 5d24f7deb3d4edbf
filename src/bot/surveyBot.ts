import { CardFactory, TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import { asUserId, type UserId } from '../domain/shared/brand';
import type { ConversationStore } from '../ports/conversations';
import { welcomeCard } from './cards';
import { replyTo, type Flow } from './dispatch';
import type { Reply } from './flow';
import type { PrivacyNotice } from '../domain/dataProtection/privacy';

/**
 * Who is talking: the Entra object id in Teams, the channel's user id elsewhere (the Agents
 * Playground). Taken from the activity Teams signed, never from card data.
 */
export function userIdOf(activity: Activity): UserId | undefined {
  const id = activity.from?.aadObjectId ?? activity.from?.id;
  return id ? asUserId(id) : undefined;
}

export interface SurveyBotOptions {
  /**
   * The conversations, asked in this order; the first that answers replies. The survey comes
   * last: it answers any text it does not know with the help card.
   */
  readonly flows: readonly Flow[];
  readonly conversations: ConversationStore;
  /** The open cycle's thresholds, for the welcome card. */
  readonly thresholds: () => Promise<{ threshold: number; textThreshold: number }>;
  /** Called when someone becomes reachable, so waiting invitations go out now. */
  readonly onConversationStored?: () => void;
  /** The privacy information the welcome card begins with (from configuration). */
  readonly privacy?: () => Promise<PrivacyNotice>;
}

/** Thin Bot Framework handlers: remember how to reach the person, then hand over to the flows. */
export class SurveyBot extends TeamsActivityHandler {
  constructor(options: SurveyBotOptions) {
    super();
    const { flows, conversations, thresholds } = options;
    const onConversationStored = options.onConversationStored ?? (() => undefined);
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id === context.activity.recipient.id) continue;
        const userId = member.aadObjectId ?? member.id;
        await conversations.put(asUserId(userId), { ...TurnContext.getConversationReference(context.activity) });
        onConversationStored();
        const privacy = await options.privacy?.();
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard({ ...(await thresholds()), ...(privacy ? { privacy } : {}) }))] });
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const userId = userIdOf(context.activity);
      if (!userId) return next();
      // Keep the reference fresh: it is how invitations and reminders reach this person.
      const reference = { ...TurnContext.getConversationReference(context.activity) };
      if (!sameReach(await conversations.get(userId), reference)) await conversations.put(userId, reference);
      await send(context, await replyTo(flows, userId, context.activity));
      await next();
    });
  }
}

/**
 * Whether a stored reference reaches the person as the new one would. Only the id of the
 * message they last sent differs from one message to the next, and a proactive message needs
 * none in a personal chat; writing the reference again for every press would be a disk write
 * on every turn, which under a whole council's burst is a good part of each reply's time.
 */
function sameReach(stored: Readonly<Record<string, unknown>> | undefined, fresh: Readonly<Record<string, unknown>>): boolean {
  if (!stored) return false;
  const reach = (reference: Readonly<Record<string, unknown>>) => canonical({ ...reference, activityId: undefined });
  return reach(stored) === reach(fresh);
}

/** JSON with every object's keys in order, so two references that say the same compare equal whatever order they were built in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Updates the card the person pressed a button on, so the survey stays in one card; where
 * the channel cannot update (or the card is too old), sends a new one instead.
 */
async function send(context: TurnContext, reply: Reply): Promise<void> {
  const attachment = CardFactory.adaptiveCard(reply.card);
  const replyToId = context.activity.replyToId;
  if (reply.replace && replyToId) {
    try {
      await context.updateActivity({ type: 'message', id: replyToId, attachments: [attachment] });
      return;
    } catch {
      // Fall through: a new card is better than none.
    }
  }
  await context.sendActivity({ attachments: [attachment] });
}
