import { DEFAULT_AUDIT_RULES } from '../domain/audit/plan/rules';
import { isSampledAudit } from '../domain/audit/plan/sampling';
import type { AuditTask } from '../domain/audit/plan/task';
import { auditRemindersDue, DEFAULT_REMINDER_SETTINGS, type AuditDigest, type ReminderSettings } from '../domain/audit/reminders';
import { isWorkingTime, localDate } from '../domain/outbox/workingHours';
import type { AuditReminderStore } from '../ports/auditReminders';
import type { Clock } from '../ports/clock';
import type { ConversationStore } from '../ports/conversations';
import type { Directory } from '../ports/directory';
import type { AuditDigestMessage, Messenger, OutgoingMessage } from '../ports/messenger';
import type { OutboxStore } from '../ports/outbox';
import type { UserId } from '../domain/shared/brand';
import type { AuditNotice } from './auditInbox';
import { SENDER_LEASE_MS } from './sender';

/**
 * The one-sender lease of the database (`outbox_sender`, in the baseline schema), shared with the
 * proactive sender: audit digests are Teams sends too, and Teams' limits are per app. Two
 * processes (the server and `phc audits remind --once`, or two servers) therefore never both
 * send. See docs/adr/0008-audit-reminder-schedule.md.
 */
export interface ReminderLease {
  readonly outbox: Pick<OutboxStore, 'acquireSender' | 'releaseSender'>;
  /** Names this process; the server passes its sender's owner, so both share its lease. */
  readonly owner: string;
  /** Default the sender's (`SENDER_LEASE_MS`), renewed every third of it during a run. */
  readonly leaseMs?: number;
  /** Keep the lease after the run (the server's sender loop holds it anyway); default: release it. */
  readonly keep?: boolean;
}

export interface AuditReminderDeps {
  /** The tasks of the current year (and any earlier year still open). */
  readonly tasks: readonly AuditTask[];
  readonly directory: Directory;
  readonly store: AuditReminderStore;
  readonly messenger: Messenger;
  readonly conversations: Pick<ConversationStore, 'get'>;
  readonly clock: Clock;
  readonly settings?: ReminderSettings;
  /**
   * Audit records waiting for someone (`auditNotices`): sent in the same pass, each once per
   * revision of the record (keys `audit-part:…`, `audit-sign-off:…`), in working hours only.
   */
  readonly notices?: () => Promise<readonly AuditNotice[]>;
  /** Without it the caller promises it is the only sender (a test). */
  readonly lease?: ReminderLease;
  /** Whether a staff supervision audit's sample is drawn, so its reminder can say it is ready to look at. */
  readonly sampleReady?: (taskId: string) => Promise<boolean>;
  /**
   * The rest of the framework's messages (focus group invitations, thematic review stage
   * reminders): sent in the same pass, under the same lease and working hours, each once per
   * key. Given the store's "was this key delivered?", for word of a cancellation.
   */
  readonly framework?: (delivered: (key: string) => Promise<boolean>) => Promise<readonly { readonly key: string; readonly personId: string; readonly message: OutgoingMessage }[]>;
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
  /** Another process holds the sender lease: nothing was done; try again after `until`. */
  readonly busy?: { readonly holder: string; readonly until: number };
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
 * Sends today's audit digests once. Guard clauses as in the outbox sender:
 * another process holds the sender lease → nothing (`busy`); outside working hours → nothing;
 * already handled today → skipped (the key is `audit-digest:<person>:<day>`); no
 * conversation → back to queued with the reason, tried again on the next run; then claim as
 * `sending` and commit before the send; in doubt → `unconfirmed`, never resent.
 */
export async function runAuditRemindersOnce(deps: AuditReminderDeps): Promise<AuditReminderRun> {
  const lease = deps.lease;
  const leaseMs = lease?.leaseMs ?? DEFAULT_LEASE_MS;
  let renewedAt = deps.clock.now().getTime();
  const empty = { sent: 0, skipped: 0, failed: 0, retryLater: 0, settledInDoubt: 0, outsideWorkingHours: false };
  if (lease) {
    const got = await lease.outbox.acquireSender(lease.owner, renewedAt, leaseMs);
    if (!got.acquired) return { ...empty, busy: { holder: got.holder, until: got.until } };
  }
  /** Renews the lease before a send once a third of it has passed; false if it was lost. */
  const stillHeld = async (): Promise<boolean> => {
    const now = deps.clock.now().getTime();
    if (!lease || now - renewedAt < leaseMs / 3) return true;
    renewedAt = now;
    return (await lease.outbox.acquireSender(lease.owner, now, leaseMs)).acquired;
  };
  try {
    return await sendDigests(deps, stillHeld);
  } finally {
    if (lease && !lease.keep) await lease.outbox.releaseSender(lease.owner);
  }
}

/** As short as the sender's, so that a process that dies holding it holds up nobody for long. */
const DEFAULT_LEASE_MS = SENDER_LEASE_MS;

async function sendDigests(deps: AuditReminderDeps, stillHeld: () => Promise<boolean>): Promise<AuditReminderRun> {
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
  const outgoing: { readonly key: string; readonly personId: string; readonly message: OutgoingMessage }[] = [];
  const digestOf = (key: string, personId: string, digest: AuditDigestMessage) => ({ key, personId, message: { kind: 'audit-digest' as const, digest } });
  for (const d of digests) {
    const digest = messageOf(d, nameOf);
    // The auditor's own reminder of a supervision audit says its sample is there (not an escalation to their manager).
    const ready = new Set<string>();
    for (const { task, stage } of d.items) if (deps.sampleReady && stage !== 'escalation' && isSampledAudit(task) && (await deps.sampleReady(task.id))) ready.add(task.id);
    outgoing.push(digestOf(d.key, d.personId, ready.size === 0 ? digest : { ...digest, items: digest.items.map((i) => (ready.has(i.taskId) ? { ...i, sampleReady: true } : i)) }));
  }
  // Audit records waiting for someone: the person audited's part, a sign-off (one message each, once per revision).
  for (const notice of deps.notices ? await deps.notices() : []) {
    const { entry } = notice;
    outgoing.push(
      digestOf(notice.key, notice.personId, {
        day: today,
        items: [{ taskId: entry.taskId, activity: entry.activity, subject: entry.subject, due: entry.due, stage: notice.kind, auditor: entry.lead }],
      }),
    );
  }
  // Focus group invitations and thematic review stage reminders: keys of their own, never a day's digest.
  if (deps.framework) outgoing.push(...(await deps.framework(async (key) => (await deps.store.get(key))?.status === 'sent')));
  for (const message of outgoing) {
    // Lost the lease (e.g. this process stalled past it): stop; whoever holds it carries on.
    if (!(await stillHeld())) break;
    await deps.store.queue(message.key, message.personId, today);
    if (!(await deps.store.claim(message.key))) {
      result.skipped++;
      continue;
    }
    const reference = await deps.conversations.get(message.personId as UserId);
    if (!reference) {
      // Nothing was sent: try again later today, so it arrives once they open the bot.
      await deps.store.finish(message.key, 'queued', 'no conversation with the person yet: they have not opened the bot');
      result.failed++;
      result.retryLater++;
      continue;
    }
    const outcome = await deps.messenger.send(message.message, reference);
    switch (outcome.kind) {
      case 'sent':
        await deps.store.finish(message.key, 'sent');
        result.sent++;
        break;
      case 'in-doubt':
        await deps.store.finish(message.key, 'unconfirmed', `in doubt, not resent: ${outcome.reason}`);
        result.failed++;
        break;
      case 'throttled':
      case 'retry':
        await deps.store.finish(message.key, 'queued', outcome.reason);
        result.failed++;
        result.retryLater++;
        break;
      case 'permanent':
        await deps.store.finish(message.key, 'failed', outcome.reason);
        result.failed++;
        break;
    }
  }
  return result;
}
