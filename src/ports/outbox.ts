import type { IdempotencyKey, MessageKind, OutboxPlan, OutboxStatus } from '../domain/outbox/types';
import type { CycleId, UserId } from '../domain/shared/brand';
import type { Page, PageRequest } from './stores';

/** A message to queue. Times are milliseconds since the epoch (UTC). */
export interface NewOutboxMessage {
  readonly cycleId: CycleId;
  readonly userId: UserId;
  readonly kind: MessageKind;
  /** Not before this instant (a reminder's day; quiet hours may push it later). */
  readonly dueAt: number;
}

export interface OutboxMessage extends NewOutboxMessage {
  readonly key: IdempotencyKey;
  readonly status: OutboxStatus;
  /** HTTP attempts so far (a reminder that is `done` shows 0: see docs/adr/0006). */
  readonly attempts: number;
  readonly nextAttemptAt: number;
  /** Why it is waiting, retrying or failed, in plain words. */
  readonly reason: string | undefined;
}

/** Counts for one cycle and message kind. */
export interface OutboxProgress {
  readonly cycleId: CycleId;
  readonly kind: MessageKind;
  readonly dueAt: number;
  readonly counts: Readonly<Record<OutboxStatus, number>>;
  /** Messages that needed more than one attempt (invitations only; 0 for reminders). */
  readonly retried: number;
  /** Reasons behind waiting, retrying, unconfirmed and failed invitations, with counts. */
  readonly reasons: readonly { readonly status: OutboxStatus; readonly reason: string; readonly count: number }[];
}

/** How a claimed message is put back: to wait (`queued`, `no-conversation`) until `nextAttemptAt`. */
export interface Release {
  readonly status: 'queued' | 'no-conversation';
  readonly nextAttemptAt: number;
  readonly reason?: string | undefined;
}

/** How a claimed message ends. */
export interface Finish {
  readonly status: 'sent' | 'done' | 'unconfirmed' | 'failed' | 'cancelled';
  readonly reason?: string | undefined;
}

/**
 * The durable outbox for proactive Teams messages. Operational state: always in SQLite,
 * never joined to responses or participation. Every change to a claimed message names its
 * owner (a sender process) and does nothing if the claim was lost.
 */
export interface OutboxStore {
  /** Stores the plan of a cycle's messages, unless it already has one; returns the plan in force. */
  savePlan(cycleId: CycleId, plan: OutboxPlan): Promise<OutboxPlan>;
  plan(cycleId: CycleId): Promise<OutboxPlan | undefined>;
  /** Adds messages, ignoring any whose idempotency key is already there. Returns how many were new. */
  enqueue(messages: readonly NewOutboxMessage[]): Promise<number>;
  get(key: IdempotencyKey): Promise<OutboxMessage | undefined>;
  /** The next message due at `now` (waiting or queued), leased to `owner` until `now + leaseMs`. */
  claimNext(now: number, owner: string, leaseMs: number): Promise<OutboxMessage | undefined>;
  /** Marks a claimed message `sending` and counts an attempt: committed before the request goes out. */
  markSending(key: IdempotencyKey, owner: string, leaseUntil: number): Promise<boolean>;
  release(key: IdempotencyKey, owner: string, release: Release): Promise<boolean>;
  finish(key: IdempotencyKey, owner: string, finish: Finish): Promise<boolean>;
  /**
   * Messages left `sending` by a sender whose lease has run out (it crashed or was killed):
   * in doubt. Invitations become `unconfirmed`, reminders `done`; none is sent again.
   * Returns how many.
   */
  settleInDoubt(now: number): Promise<number>;
  /** Makes messages waiting for a conversation due now if the person has one. Returns how many. */
  wakeReachable(now: number): Promise<number>;
  /** When the next waiting or queued message falls due, if any. */
  nextDue(): Promise<number | undefined>;
  progress(cycleId?: CycleId): Promise<readonly OutboxProgress[]>;
  list(filter: { readonly cycleId?: CycleId; readonly kind?: MessageKind; readonly status?: OutboxStatus }, page: PageRequest): Promise<Page<OutboxMessage>>;
  /**
   * One sender at a time per database (the server, or `phc send`): the Teams limits are per
   * app, so two senders would each think they had all of it. Returns the current holder if
   * it is someone else. Taking the lease over from another sender frees that sender's claims
   * at once and leaves what it was sending in doubt for `settleInDoubt`; from then on the
   * other sender can neither claim nor mark a message as being sent (fencing), even if it
   * was only stalled and carries on.
   */
  acquireSender(owner: string, now: number, leaseMs: number): Promise<{ readonly acquired: true } | { readonly acquired: false; readonly holder: string; readonly until: number }>;
  releaseSender(owner: string): Promise<void>;
}
