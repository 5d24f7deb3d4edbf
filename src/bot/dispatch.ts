import type { Activity } from 'botbuilder';
import type { UserId } from '../domain/shared/brand';
import { helpCard } from './cards';
import type { Reply } from './flow';

/**
 * One conversation the bot holds: the survey, the supervision log, audits, the 39-steps
 * return. A flow answers its own card verbs (`supervision.log`, `audit.open`, …) and its own
 * typed commands (`supervision`, `audits`, …), and returns `undefined` for anything else, so
 * adding a conversation is one new flow in the bot's list, not an edit to the others.
 */
export interface Flow {
  onText(userId: UserId, text: string): Promise<Reply | undefined>;
  onAction(userId: UserId, value: unknown): Promise<Reply | undefined>;
}

/**
 * What the bot says to a message: the first flow in the list that answers it. A button press
 * carries `value` (the card's data and inputs); typed text does not. When no flow answers,
 * the help card, which lists the commands.
 */
export async function replyTo(flows: readonly Flow[], userId: UserId, activity: Pick<Activity, 'text' | 'value'>): Promise<Reply> {
  const value: unknown = activity.value;
  for (const flow of flows) {
    const reply = value !== undefined ? await flow.onAction(userId, value) : await flow.onText(userId, activity.text ?? '');
    if (reply) return reply;
  }
  return { card: helpCard(), replace: false };
}
