import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../domain/outbox/backoff';
import { SendPacer, TEAMS_LIMITS, type RateWindow } from '../domain/outbox/pacer';
import { daysBetween, reminderOvertaken } from '../domain/outbox/schedule';
import { DEFAULT_PLAN, idempotencyKey, isReminder, ORG_RETURN_KIND, RESULTS_KIND, type OutboxPlan } from '../domain/outbox/types';
import { describeWorkingHours, nextWorkingTime } from '../domain/outbox/workingHours';
import { dateOf, type UserId } from '../domain/shared/brand';
import type { Clock } from '../ports/clock';
import type { ConversationStore } from '../ports/conversations';
import type { AppInstaller, ConversationReference, Messenger, OutgoingMessage, SendOutcome } from '../ports/messenger';
import type { Finish, OutboxMessage, OutboxStore, Release } from '../ports/outbox';
import type { Cycle, Stores } from '../ports/stores';
import { participationKey } from './participation';

export interface SenderOptions {
  /** Messages in flight at once. Also the most that can be in doubt after a crash. */
  readonly concurrency: number;
  /** Sends a second for the whole app, evenly spaced: a little under Teams' 50. */
  readonly perSecond: number;
  /** Sliding windows on when requests actually leave (Teams' 50 a second, with a margin for jitter). */
  readonly perApp: readonly RateWindow[];
  readonly perConversation: readonly RateWindow[];
  /** How long a claim lasts; a message `sending` longer than this after a crash is in doubt. */
  readonly leaseMs: number;
  /**
   * How long the one-sender lease lasts without being renewed; renewed every third of it while
   * a pass runs. A server that restarts after a crash waits at most this long for the dead
   * process's lease, so it is short; a sender stalled past it is fenced off by the store.
   */
  readonly senderLeaseMs: number;
  /** A message waits at most this long for room under the limits before it is put back. */
  readonly maxWaitMs: number;
  readonly backoff: BackoffPolicy;
  /** 429s in a row before a message is given up (Teams' Retry-After is honoured each time). */
  readonly maxThrottled: number;
  /** How often to try installing the app again for someone the bot cannot reach yet. */
  readonly installRetryMs: number;
  /** `runOnce` also waits for retries due within this long before it stops. */
  readonly idleHorizonMs: number;
  /** `startSender` looks for new work at least this often. */
  readonly pollMs: number;
}

/** The one-sender lease: audit reminders, which send under it, hold it for as long. */
export const SENDER_LEASE_MS = 6_000;

export const DEFAULT_SENDER_OPTIONS: SenderOptions = {
  concurrency: 8,
  perSecond: 48.5,
  perApp: [{ limit: 50, ms: 1_020 }],
  perConversation: TEAMS_LIMITS.perConversation,
  leaseMs: 60_000,
  senderLeaseMs: SENDER_LEASE_MS,
  maxWaitMs: 5_000,
  backoff: DEFAULT_BACKOFF,
  maxThrottled: 30,
  installRetryMs: 6 * 60 * 60_000,
  idleHorizonMs: 20_000,
  pollMs: 30_000,
};

export interface SenderDeps {
  readonly stores: Pick<Stores, 'cycles' | 'participation'>;
  readonly outbox: OutboxStore;
  readonly conversations: ConversationStore;
  readonly messenger: Messenger;
  readonly installer: AppInstaller;
  readonly clock: Clock;
  /** In [0, 1): jitter for backoff. */
  readonly random: () => number;
  /** Waits `ms` on the same clock as `clock` (tests move a test clock instead); stops early on `signal`. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Names this sender in leases; defaults to host, process and a random tag. */
  readonly owner?: string;
  /** Summary lines. Never a person's name or id next to whether they have answered. */
  readonly log?: (line: string) => void;
  /**
   * The team a team manager manages, for their 39-steps return card; undefined if
   * they no longer manage one. Without it, 39-steps cards are cancelled, saying why.
   */
  readonly teamOf?: (userId: UserId) => Promise<{ readonly id: string; readonly name: string } | undefined>;
  /** Told what each pass did, with its start and end (wall-clock ms): telemetry counts passes, never people. */
  readonly onRun?: (run: SenderRun, startedAt: number, endedAt: number) => void;
}

/**
 * What one pass did. Reminders are counted only as `remindersDone`: how many went out and
 * how many were not needed would tell how many people answered since the last figure.
 */
export interface SenderRun {
  invitationsSent: number;
  invitationsFailed: number;
  invitationsUnconfirmed: number;
  invitationsCancelled: number;
  remindersDone: number;
  /** Team managers' 39-steps return cards: sent, and ended otherwise (failed, in doubt, cancelled; the outbox says why). */
  orgDataReturnsSent: number;
  orgDataReturnsNotSent: number;
  /** "Results are out" messages: sent, and ended otherwise (the outbox says why). */
  resultsSent: number;
  resultsNotSent: number;
  /** Put back to try again later: throttled, transient errors, quiet hours, no room. */
  retried: number;
  deferred: number;
  waitingForConversation: number;
  /** Messages found in doubt from an earlier sender that stopped mid-send. */
  settledInDoubt: number;
  /** Set when another sender holds the lease and this one did nothing. */
  busy?: { readonly holder: string; readonly until: number };
}

const emptyRun = (): SenderRun => ({
  invitationsSent: 0,
  invitationsFailed: 0,
  invitationsUnconfirmed: 0,
  invitationsCancelled: 0,
  remindersDone: 0,
  orgDataReturnsSent: 0,
  orgDataReturnsNotSent: 0,
  resultsSent: 0,
  resultsNotSent: 0,
  retried: 0,
  deferred: 0,
  waitingForConversation: 0,
  settledInDoubt: 0,
});

function conversationIdOf(reference: ConversationReference): string | undefined {
  const conversation = reference.conversation as { id?: unknown } | undefined;
  return typeof conversation?.id === 'string' ? conversation.id : undefined;
}

/**
 * The proactive sender: claims due messages a few at a time and runs each through a chain
 * of guards (after Company Communicator's send function), so that each message is sent at
 * most once:
 *
 *   cycle closed → finished; outside working hours → put back until they start;
 *   no conversation → ask the installer: wait for the install, or, if the person already has
 *   the app, keep the reference it found and carry on; a reminder overtaken by the person's
 *   invitation (not sent yet, or sent under a day ago) → finished; no room under the
 *   limits → put back;
 *   mark `sending` (committed) → a reminder to someone who has answered is finished
 *   without sending → send → sent / retry later / failed / in doubt.
 */
export class ProactiveSender {
  private readonly options: SenderOptions;
  private readonly pacer: SendPacer;
  readonly owner: string;
  private readonly secrets = new Map<string, Buffer>();
  private readonly plans = new Map<string, OutboxPlan>();
  private run = emptyRun();
  /** `stop()` was called. */
  private stopRequested = false;
  /** This pass is over (stop asked for, or the sender lease went to someone else). */
  private halted = false;
  private senderLeaseRenewedAt = -Infinity;

  constructor(
    private readonly deps: SenderDeps,
    options: Partial<SenderOptions> = {},
  ) {
    this.options = { ...DEFAULT_SENDER_OPTIONS, ...options };
    if (!Number.isInteger(this.options.concurrency) || this.options.concurrency < 1) throw new Error('The sender needs a concurrency of at least 1.');
    this.pacer = new SendPacer({ perSecond: this.options.perSecond, perApp: this.options.perApp, perConversation: this.options.perConversation });
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  /** Asks a running pass to finish the messages in hand and stop. */
  stop(): void {
    this.stopRequested = true;
    this.halted = true;
  }

  /**
   * Sends everything due now (and retries due within `idleHorizonMs`), then returns. Holds
   * the database's sender lease while it runs; does nothing if another sender holds it.
   */
  async runOnce(options: { readonly keepLease?: boolean } = {}): Promise<SenderRun> {
    const startedAt = Date.now();
    this.run = emptyRun();
    this.halted = this.stopRequested;
    if (this.halted || !(await this.renewSenderLease(true))) return this.run;
    // Renewed on a timer as well as before each claim: a pass waiting on slow sends must not let it lapse.
    const heartbeat = setInterval(() => {
      if (!this.halted) this.renewSenderLease().catch((error: unknown) => this.deps.log?.(`Sender: the sender lease could not be renewed (${(error as Error).message}).`));
    }, this.options.senderLeaseMs / 3);
    heartbeat.unref();
    try {
      for (;;) {
        this.run.settledInDoubt += await this.deps.outbox.settleInDoubt(this.now());
        await this.deps.outbox.wakeReachable(this.now());
        await Promise.all(Array.from({ length: this.options.concurrency }, () => this.worker()));
        this.pacer.forget(this.now());
        if (this.halted) break;
        const next = await this.deps.outbox.nextDue();
        const wait = next === undefined ? Infinity : next - this.now();
        if (wait > this.options.idleHorizonMs) break;
        if (wait > 0) await this.deps.sleep(wait);
        if (!(await this.renewSenderLease(true))) break;
      }
    } finally {
      clearInterval(heartbeat);
      if (!options.keepLease) await this.deps.outbox.releaseSender(this.owner);
    }
    this.report();
    this.deps.onRun?.(this.run, startedAt, Date.now());
    return this.run;
  }

  private report(): void {
    const r = this.run;
    const parts = [
      r.invitationsSent && `${r.invitationsSent} invitations sent`,
      r.remindersDone && `${r.remindersDone} reminders done`,
      r.orgDataReturnsSent && `${r.orgDataReturnsSent} 39-steps cards sent`,
      r.orgDataReturnsNotSent && `${r.orgDataReturnsNotSent} 39-steps cards not sent`,
      r.resultsSent && `${r.resultsSent} "results are out" sent`,
      r.resultsNotSent && `${r.resultsNotSent} "results are out" not sent`,
      r.retried && `${r.retried} to retry`,
      r.invitationsFailed && `${r.invitationsFailed} invitations failed`,
      r.invitationsUnconfirmed && `${r.invitationsUnconfirmed} invitations in doubt`,
      r.settledInDoubt && `${r.settledInDoubt} in doubt from a sender that stopped`,
      r.waitingForConversation && `${r.waitingForConversation} waiting for a conversation`,
      r.deferred && `${r.deferred} waiting for working hours`,
    ].filter(Boolean);
    if (parts.length > 0) this.deps.log?.(`Sender: ${parts.join(', ')}.`);
  }

  /** Takes or renews the one-sender lease; false if someone else holds it. */
  private async renewSenderLease(force = false): Promise<boolean> {
    const now = this.now();
    if (!force && now - this.senderLeaseRenewedAt < this.options.senderLeaseMs / 3) return true;
    const lease = await this.deps.outbox.acquireSender(this.owner, now, this.options.senderLeaseMs);
    if (!lease.acquired) {
      this.run.busy = { holder: lease.holder, until: lease.until };
      this.halted = true;
      return false;
    }
    this.senderLeaseRenewedAt = now;
    return true;
  }

  private async worker(): Promise<void> {
    while (!this.halted) {
      const message = await this.deps.outbox.claimNext(this.now(), this.owner, this.options.leaseMs);
      if (!message) return;
      if (!(await this.renewSenderLease())) {
        await this.put(message, { status: message.status === 'no-conversation' ? 'no-conversation' : 'queued', nextAttemptAt: message.nextAttemptAt, reason: message.reason });
        return;
      }
      await this.handle(message);
    }
  }

  private async handle(message: OutboxMessage): Promise<void> {
    let sending = false;
    try {
      const reminder = isReminder(message.kind);
      const now = this.now();
      const cycle = await this.deps.stores.cycles.get(message.cycleId);
      // "Results are out" goes after the cycle has closed, and only while its results are published.
      const results = message.kind === RESULTS_KIND;
      if (!cycle || (results ? !cycle.publishedOn : cycle.status === 'closed' || dateOf(new Date(now)) > cycle.closesOn)) {
        return await this.end(message, reminder ? { status: 'done' } : { status: 'cancelled', reason: results ? 'the results are not published' : 'the cycle closed before it could be sent' });
      }
      const waiting = message.status === 'no-conversation' ? 'no-conversation' : 'queued';
      if (!results && cycle.status !== 'open') {
        return await this.put(message, { status: waiting, nextAttemptAt: now + 60 * 60_000, reason: 'the cycle is not open yet' }, 'deferred');
      }
      const plan = await this.planOf(cycle);
      const workFrom = nextWorkingTime(now, plan.workingHours);
      if (workFrom > now) {
        return await this.put(
          message,
          { status: waiting, nextAttemptAt: workFrom, reason: waiting === 'queued' ? `waiting for working hours (${describeWorkingHours(plan.workingHours)})` : message.reason },
          'deferred',
        );
      }
      let reference = await this.deps.conversations.get(message.userId);
      if (!reference) {
        const install = await this.deps.installer.install(message.userId);
        if (install.kind !== 'reachable') {
          const reason = install.kind === 'requested' ? 'the app is being installed for them; waiting for Teams to confirm' : install.reason;
          return await this.put(message, { status: 'no-conversation', nextAttemptAt: now + this.options.installRetryMs, reason }, 'waitingForConversation');
        }
        // They already have the app: Teams sends no conversationUpdate for that, so the
        // reference the installer found is kept (the bot replaces it when they next write).
        reference = install.reference;
        await this.deps.conversations.put(message.userId, reference);
      }
      if (reminder && reminderOvertaken(await this.deps.outbox.get(idempotencyKey(message.cycleId, message.userId, 'invitation')), now)) {
        return await this.end(message, { status: 'done' });
      }
      const slot = this.pacer.reserve(conversationIdOf(reference) ?? message.userId, now, this.options.maxWaitMs);
      if ('notBefore' in slot) {
        return await this.put(message, { status: 'queued', nextAttemptAt: slot.notBefore, reason: 'waiting for room under the Teams rate limits' }, 'retried');
      }
      if (slot.at > now) await this.deps.sleep(slot.at - now);
      // Committed before the request goes out: if this process dies from here on, the
      // message is in doubt and will never be sent again.
      if (!(await this.deps.outbox.markSending(message.key, this.owner, this.now() + this.options.leaseMs))) return;
      sending = true;
      const attempts = message.attempts + 1;
      // Looked at now, at send time, not when the reminder was planned.
      if (reminder && (await this.hasAnswered(cycle, message.userId))) return await this.end(message, { status: 'done' });
      let outgoing: OutgoingMessage = reminder
        ? { kind: 'reminder', cycle, daysLeft: Math.max(0, daysBetween(dateOf(new Date(this.now())), cycle.closesOn)) }
        : results
          ? { kind: 'results', cycle }
          : { kind: 'invitation', cycle };
      if (message.kind === ORG_RETURN_KIND) {
        // Looked up at send time: someone who stopped managing the team is not asked for its figures.
        const team = await this.deps.teamOf?.(message.userId);
        if (!team)
          return await this.end(message, {
            status: 'cancelled',
            reason: this.deps.teamOf ? 'no longer manages a team, so there is no 39-steps return to ask for' : 'this sender cannot look up teams, so the 39-steps card was not sent',
          });
        outgoing = { kind: 'org-return', cycle, team };
      }
      const outcome = await this.deps.messenger.send(outgoing, reference, { beforeRequest: this.dispatchGate });
      await this.settle(message, attempts, outcome);
    } catch (error) {
      this.deps.log?.(`Sender: a message could not be handled (${(error as Error).message}).`);
      if (sending) {
        await this.end(message, { status: 'unconfirmed', reason: `in doubt: the sender hit an error while sending (${(error as Error).message}); not resent` });
      } else {
        await this.put(
          message,
          {
            status: message.status === 'no-conversation' ? 'no-conversation' : 'queued',
            nextAttemptAt: this.now() + backoffDelay(1, this.deps.random, this.options.backoff),
            reason: 'the sender hit an error; trying again',
          },
          'retried',
        );
      }
    }
  }

  private async settle(message: OutboxMessage, attempts: number, outcome: SendOutcome): Promise<void> {
    const now = this.now();
    switch (outcome.kind) {
      case 'sent':
        return this.end(message, { status: 'sent' });
      case 'permanent':
        return this.end(message, { status: 'failed', reason: outcome.reason });
      case 'in-doubt':
        return this.end(message, { status: 'unconfirmed', reason: `in doubt: ${outcome.reason}; not resent${message.kind === 'invitation' ? ', the first reminder covers it' : ''}` });
      case 'throttled': {
        const retryAfter = Math.max(0, outcome.retryAfterMs);
        this.pacer.pause(now + retryAfter);
        if (attempts >= this.options.maxThrottled) {
          return this.end(message, { status: 'failed', reason: `Teams kept asking us to slow down; gave up after ${attempts} attempts` });
        }
        return this.put(message, { status: 'queued', nextAttemptAt: now + retryAfter, reason: outcome.reason }, 'retried');
      }
      case 'retry': {
        if (attempts >= this.options.backoff.maxAttempts) {
          return this.end(message, { status: 'failed', reason: `${outcome.reason}; gave up after ${attempts} attempts` });
        }
        const delay = backoffDelay(attempts, this.deps.random, this.options.backoff);
        return this.put(message, { status: 'queued', nextAttemptAt: now + delay, reason: `${outcome.reason}; trying again` }, 'retried');
      }
    }
  }

  /** Finishes a message. Reminders all finish `done` (the store makes sure). */
  private async end(message: OutboxMessage, finish: Finish): Promise<void> {
    const reminder = isReminder(message.kind);
    if (!(await this.deps.outbox.finish(message.key, this.owner, reminder ? { status: 'done' } : finish))) return;
    if (reminder) this.run.remindersDone++;
    else if (message.kind === ORG_RETURN_KIND) this.run[finish.status === 'sent' ? 'orgDataReturnsSent' : 'orgDataReturnsNotSent']++;
    else if (message.kind === RESULTS_KIND) this.run[finish.status === 'sent' ? 'resultsSent' : 'resultsNotSent']++;
    else if (finish.status === 'sent') this.run.invitationsSent++;
    else if (finish.status === 'failed') this.run.invitationsFailed++;
    else if (finish.status === 'unconfirmed') this.run.invitationsUnconfirmed++;
    else if (finish.status === 'cancelled') this.run.invitationsCancelled++;
  }

  private async put(message: OutboxMessage, release: Release, count?: 'retried' | 'deferred' | 'waitingForConversation'): Promise<void> {
    if ((await this.deps.outbox.release(message.key, this.owner, release)) && count) this.run[count]++;
  }

  /** The app-wide sliding window, checked as each request actually leaves. */
  private readonly dispatchGate = async (): Promise<void> => {
    for (let wait = this.pacer.dispatch(this.now()); wait > 0; wait = this.pacer.dispatch(this.now())) await this.deps.sleep(wait);
  };

  private async planOf(cycle: Cycle): Promise<OutboxPlan> {
    let plan = this.plans.get(cycle.id);
    if (!plan) {
      plan = (await this.deps.outbox.plan(cycle.id)) ?? DEFAULT_PLAN;
      this.plans.set(cycle.id, plan);
    }
    return plan;
  }

  private async hasAnswered(cycle: Cycle, userId: UserId): Promise<boolean> {
    let secret = this.secrets.get(cycle.id);
    if (!secret) {
      secret = await this.deps.stores.cycles.participationSecret(cycle.id);
      this.secrets.set(cycle.id, secret);
    }
    return (await this.deps.stores.participation.status(cycle.id, participationKey(secret, userId))) === 'submitted';
  }
}
