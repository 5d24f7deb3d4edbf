import { DEFAULT_AUDIT_RULES } from '../domain/audit/plan/rules';
import type { AuditTask } from '../domain/audit/plan/task';
import { auditRemindersDue, DEFAULT_REMINDER_SETTINGS, type AuditDigest, type ReminderSettings } from '../domain/audit/reminders';
import { isWorkingTime, localDate } from '../domain/outbox/workingHours';
import type { AuditReminderStore } from '../ports/auditReminders';
import type { Clock } from '../ports/clock';
import type { ConversationStore } from '../ports/conversations';
import type { Directory } from '../ports/directory';
import type { AuditDigestMessage, Messenger } from '../ports/messenger';

export interface AuditReminderDeps {
  /** The tasks of the current year (and any earlier year still open). */
  readonly tasks: readonly AuditTask[];
  readonly directory: Directory;
  readonly store: AuditReminderStore;
  readonly messenger: Messenger;
  readonly conversations: Pick<ConversationStore, 'get'>;
  readonly clock: Clock;
  readonly settings?: ReminderSettings;
}

export interface AuditReminderRun {
  readonly sent: number;
  /** Already handled today (sent, failed, in doubt), or nothing to do because of quiet hours. */
  readonly skipped: number;
  /** Refused, no conversation, or retried later today (`retryLater`). */
  readonly failed: number;
  /** Of `failed`: nothing was delivered, so the next run today tries again. */
  readonly retryLater: number;
  /** Rows a dead sender left `sending`, now `unconfirmed` and never resent. */
  readonly settledInDoubt: number;
  readonly outsideWorkingHours: boolean;
}

const TITLES = new Map<string, string>(DEFAULT_AUDIT_RULES.rules.map((r) => [r.activity, r.title]));

function messageOf(digest: AuditDigest, nameOf: (id: string) => string): AuditDigestMessage {
  return {
    day: digest.day,
    items: digest.items.map(({ task, stage }) => ({
      taskId: task.id,
      activity: TITLES.get(task.activity) ?? task.activity,
      subject: task.subject.kind === 'person' ? nameOf(task.subject.personId) : task.subject.kind === 'team' ? `team ${task.subject.teamId}` : 'the whole service',
      due: task.due,
      stage,
      ...(stage === 'escalation' ? { auditor: nameOf(task.auditorId) } : {}),
    })),
  };
}

/**
 * Sends today's audit digests once (issue 4 item 5). Guard clauses as in the outbox sender:
 * outside working hours → nothing; already queued/handled today → skipped (the key is
 * `audit-digest:<person>:<day>`); no conversation → failed with the reason; then claim as
 * `sending` and commit before the send; in doubt → `unconfirmed`, never resent.
 */
export async function runAuditRemindersOnce(deps: AuditReminderDeps): Promise<AuditReminderRun> {
  const settings = deps.settings ?? DEFAULT_REMINDER_SETTINGS;
  const settledInDoubt = await deps.store.settleInDoubt();
  const now = deps.clock.now().getTime();
  const result = { sent: 0, skipped: 0, failed: 0, retryLater: 0, settledInDoubt, outsideWorkingHours: false };
  if (!isWorkingTime(now, settings.workingHours)) return { ...result, outsideWorkingHours: true };
  const today = localDate(now, settings.workingHours?.timeZone ?? 'Europe/London');
  const organisation = await deps.directory.organisation();
  const names = new Map(organisation.people.map((p) => [p.id as string, p.displayName]));
  const nameOf = (id: string): string => names.get(id) ?? id;
  const digests = auditRemindersDue({ tasks: deps.tasks, organisation, today, settings, snoozes: await deps.store.snoozes() });
  for (const digest of digests) {
    await deps.store.queue(digest.key, digest.personId, digest.day);
    if (!(await deps.store.claim(digest.key))) {
      result.skipped++;
      continue;
    }
    const reference = await deps.conversations.get(digest.personId);
    if (!reference) {
      await deps.store.finish(digest.key, 'failed', 'no conversation with the person yet: they have not opened the bot');
      result.failed++;
      continue;
    }
    const outcome = await deps.messenger.send({ kind: 'audit-digest', digest: messageOf(digest, nameOf) }, reference);
    switch (outcome.kind) {
      case 'sent':
        await deps.store.finish(digest.key, 'sent');
        result.sent++;
        break;
      case 'in-doubt':
        await deps.store.finish(digest.key, 'unconfirmed', `in doubt, not resent: ${outcome.reason}`);
        result.failed++;
        break;
      case 'throttled':
      case 'retry':
        await deps.store.finish(digest.key, 'queued', outcome.reason);
        result.failed++;
        result.retryLater++;
        break;
      case 'permanent':
        await deps.store.finish(digest.key, 'failed', outcome.reason);
        result.failed++;
        break;
    }
  }
  return result;
}
