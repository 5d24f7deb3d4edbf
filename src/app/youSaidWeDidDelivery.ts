import type { Action, YouSaidWeDid } from '../domain/actionPlan/types';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../domain/outbox/types';
import { isWorkingTime } from '../domain/outbox/workingHours';
import { asUserId } from '../domain/shared/brand';
import type { ActionStore } from '../ports/actionPlan';
import type { Clock } from '../ports/clock';
import type { ConversationStore } from '../ports/conversations';
import type { Messenger, YouSaidWeDidMessage } from '../ports/messenger';

export interface YouSaidWeDidDeliveryDeps {
  readonly store: Pick<ActionStore, 'queuedDeliveries' | 'claimDelivery' | 'finishDelivery' | 'settleDeliveriesInDoubt' | 'updates' | 'list'>;
  readonly messenger: Messenger;
  readonly conversations: Pick<ConversationStore, 'get'>;
  readonly clock: Clock;
  /** Default: weekdays 08:00–18:00 UK time, as invitations. `null`: any time. */
  readonly workingHours?: WorkingHours | null;
  /** At most this many sends per run. */
  readonly batch?: number;
}

export interface YouSaidWeDidRun {
  readonly sent: number;
  /** No conversation, refused by Teams, or in doubt. */
  readonly failed: number;
  /** Of those tried: nothing was delivered and the next run tries again. */
  readonly retryLater: number;
  readonly settledInDoubt: number;
  readonly outsideWorkingHours: boolean;
}

function messageOf(update: YouSaidWeDid, actions: readonly Action[]): YouSaidWeDidMessage {
  const byId = new Map(actions.map((a) => [a.id, a]));
  return {
    message: update.message,
    actions: update.actionIds.flatMap((id) => {
      const a = byId.get(id);
      return a ? [{ what: a.what, status: a.status, due: a.due }] : [];
    }),
  };
}

/**
 * Sends queued "You said, we did" messages once, in the audit reminders' manner: within
 * working hours; claimed as `sending` and committed before each send; a send in doubt
 * becomes `unconfirmed` and is never resent (ADR 6); a transient refusal goes back to the
 * queue for the next run; no conversation with the person is a failure with the reason.
 * The card reads the same for everyone and says nothing about anyone's answers.
 */
export async function deliverYouSaidWeDidOnce(deps: YouSaidWeDidDeliveryDeps): Promise<YouSaidWeDidRun> {
  const settledInDoubt = await deps.store.settleDeliveriesInDoubt();
  const result = { sent: 0, failed: 0, retryLater: 0, settledInDoubt, outsideWorkingHours: false };
  const hours = deps.workingHours === undefined ? DEFAULT_WORKING_HOURS : deps.workingHours;
  if (!isWorkingTime(deps.clock.now().getTime(), hours)) return { ...result, outsideWorkingHours: true };
  const due = await deps.store.queuedDeliveries(deps.batch ?? 500);
  if (due.length === 0) return result;
  const [updates, actions] = await Promise.all([deps.store.updates(), deps.store.list()]);
  const messages = new Map(updates.map((u) => [u.id, messageOf(u, actions)]));
  for (const { updateId, userId } of due) {
    const message = messages.get(updateId);
    if (!message || !(await deps.store.claimDelivery(updateId, userId))) continue;
    const reference = await deps.conversations.get(asUserId(userId));
    if (!reference) {
      await deps.store.finishDelivery(updateId, userId, 'failed', 'no conversation with the person yet: they have not opened the bot');
      result.failed++;
      continue;
    }
    const outcome = await deps.messenger.send({ kind: 'you-said-we-did', update: message }, reference);
    switch (outcome.kind) {
      case 'sent':
        await deps.store.finishDelivery(updateId, userId, 'sent');
        result.sent++;
        break;
      case 'in-doubt':
        await deps.store.finishDelivery(updateId, userId, 'unconfirmed', `in doubt, not resent: ${outcome.reason}`);
        result.failed++;
        break;
      case 'throttled':
      case 'retry':
        await deps.store.finishDelivery(updateId, userId, 'queued', outcome.reason);
        result.failed++;
        result.retryLater++;
        break;
      case 'permanent':
        await deps.store.finishDelivery(updateId, userId, 'failed', outcome.reason);
        result.failed++;
        break;
    }
  }
  return result;
}
