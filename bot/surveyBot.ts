import { CardFactory, TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import { asUserId, type UserId } from '../src/domain/shared/brand';
import type { ConversationStore } from '../src/ports/conversations';
import { welcomeCard } from './cards';
import type { SurveyFlow, Reply } from './flow';
import type { SupervisionFlow } from './supervisionFlow';
import type { AuditFlow } from './auditFlow';
import type { OrgReturnFlow } from './orgReturnFlow';

/**
 * Who is talking: the Entra object id in Teams, the channel's user id elsewhere (the Agents
 * Playground). Taken from the activity Teams signed, never from card data.
 */
export function userIdOf(activity: Activity): UserId | undefined {
  const id = activity.from?.aadObjectId ?? activity.from?.id;
  return id ? asUserId(id) : undefined;
}

/** Thin Bot Framework handlers: remember how to reach the person, then hand over to the flow. */
export class SurveyBot extends TeamsActivityHandler {
  constructor(
    private readonly flow: SurveyFlow,
    private readonly conversations: ConversationStore,
    private readonly thresholds: () => Promise<{ threshold: number; textThreshold: number }>,
    /** Called when someone becomes reachable, so waiting invitations go out now. */
    private readonly onConversationStored: () => void = () => undefined,
    /** The supervision log (issue 4), backed by the directory; without it `supervision` is not offered. */
    private readonly supervision?: SupervisionFlow,
    /** Audit forms (issue 4), backed by the audit stores; without it `audits` is not offered. */
    private readonly audits?: AuditFlow,
    /** Team managers' 39-steps returns (issue 7); without it `39 steps` is not offered. */
    private readonly orgReturns?: OrgReturnFlow,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id === context.activity.recipient.id) continue;
        const userId = member.aadObjectId ?? member.id;
        await this.conversations.put(asUserId(userId), { ...TurnContext.getConversationReference(context.activity) });
        this.onConversationStored();
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard(await this.thresholds()))] });
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const userId = userIdOf(context.activity);
      if (!userId) return next();
      // Keep the reference fresh: it is how invitations and reminders reach this person.
      await this.conversations.put(userId, { ...TurnContext.getConversationReference(context.activity) });
      // Supervision, audits, then 39 steps: each answers only its own verbs and its own command.
      const value: unknown = context.activity.value;
      const supervision = this.supervision && (value !== undefined ? await this.supervision.onAction(userId, value) : await this.supervision.onText(userId, context.activity.text ?? ''));
      const audit = supervision ?? (this.audits && (value !== undefined ? await this.audits.onAction(userId, value) : await this.audits.onText(userId, context.activity.text ?? '')));
      const orgReturn = audit ?? (this.orgReturns && (value !== undefined ? await this.orgReturns.onAction(userId, value) : await this.orgReturns.onText(userId, context.activity.text ?? '')));
      const reply = orgReturn ?? (value !== undefined ? await this.flow.onAction(userId, value) : await this.flow.onText(userId, context.activity.text ?? ''));
      await send(context, reply);
      await next();
    });
  }
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
