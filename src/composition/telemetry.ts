import type { FlushReport } from '../adapters/sharepoint';
import { recordSpan, SPAN_NAMES } from '../telemetry/spans';
import type { YouSaidWeDidRun } from '../app/youSaidWeDidDelivery';
import type { SenderRun } from '../app/sender';

/**
 * The outbox's spans: one per pass that did something, with counts only. Reminders are one
 * count, `done`, whatever happened to each (docs/adr/0006): how many were sent and how many
 * were not needed would tell how many people have answered.
 */
export function recordSenderPass(run: SenderRun, startedAt: number, endedAt: number): void {
  const counts = {
    'phc.outbox.invitations_sent': run.invitationsSent,
    'phc.outbox.invitations_failed': run.invitationsFailed,
    'phc.outbox.invitations_unconfirmed': run.invitationsUnconfirmed,
    'phc.outbox.invitations_cancelled': run.invitationsCancelled,
    'phc.outbox.reminders_done': run.remindersDone,
    'phc.outbox.org_returns_sent': run.orgDataReturnsSent,
    'phc.outbox.org_returns_not_sent': run.orgDataReturnsNotSent,
    'phc.outbox.retried': run.retried,
    'phc.outbox.deferred': run.deferred,
    'phc.outbox.waiting_for_conversation': run.waitingForConversation,
    'phc.outbox.settled_in_doubt': run.settledInDoubt,
  } as const;
  if (Object.values(counts).every((n) => n === 0)) return;
  recordSpan(SPAN_NAMES.senderPass, startedAt, endedAt, counts, run.invitationsFailed + run.orgDataReturnsNotSent > 0);
}

/** A batch the writer sent to SharePoint (the Graph call itself is its own span). */
export function recordSharePointFlush(report: FlushReport, startedAt: number, endedAt: number): void {
  recordSpan(
    SPAN_NAMES.sharepointFlush,
    startedAt,
    endedAt,
    {
      'phc.sharepoint.requests': report.requests,
      'phc.sharepoint.written': report.written,
      'phc.sharepoint.throttled': report.throttled,
      'phc.sharepoint.retrying': report.retrying,
      'phc.sharepoint.failed': report.failed,
      'phc.sharepoint.batches': report.batches,
    },
    report.failed > 0,
  );
}

export function recordUpdatesRun(run: YouSaidWeDidRun, startedAt: number, endedAt: number): void {
  if (run.sent + run.failed === 0) return;
  recordSpan(SPAN_NAMES.updatesRun, startedAt, endedAt, { 'phc.updates.sent': run.sent, 'phc.updates.failed': run.failed }, run.failed > 0);
}
