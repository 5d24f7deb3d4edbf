import type { CycleId, UserId } from '../shared/brand';

/**
 * One kind of proactive message per cycle and person: the invitation, then reminders
 * numbered in the order they fall due, e.g. `reminder-1`; and for each team manager the
 * 39-steps return card for their team (`org-return`), sent when the cycle opens; and once
 * its results are published, `results`.
 * An `org-return` is delivered like an invitation (sent, failed, in doubt or cancelled,
 * never resent), not finished `done` like a reminder.
 */
export type MessageKind = 'invitation' | 'org-return' | 'results' | `reminder-${number}`;

export const ORG_RETURN_KIND = 'org-return' satisfies MessageKind;

/**
 * "The results are out": sent to a cycle's audience when the PSW publishes its results
 * (docs/adr/0021-questionnaires-as-a-registry.md). Delivered like an invitation (sent, failed,
 * in doubt or cancelled, never resent), and only while the results are published.
 */
export const RESULTS_KIND = 'results' satisfies MessageKind;

export function isReminder(kind: MessageKind): kind is `reminder-${number}` {
  return kind.startsWith('reminder-');
}

/** `cycle:person:kind`, unique in the outbox, so queueing the same message twice is harmless. e.g. `2026-27:demo-014:invitation` */
export type IdempotencyKey = string & { readonly __brand: 'IdempotencyKey' };

export function idempotencyKey(cycleId: CycleId, userId: UserId, kind: MessageKind): IdempotencyKey {
  return `${cycleId}:${userId}:${kind}` as IdempotencyKey;
}

/**
 * Where a message is:
 * - `queued`: waiting to be sent at or after its `nextAttemptAt` (first try or a retry);
 * - `no-conversation`: the bot cannot reach the person yet; woken when a conversation
 *   reference for them is stored, and the app install is tried again now and then;
 * - `sending`: claimed and committed before the HTTP request; if the sender dies here the
 *   row is in doubt;
 * - `sent`: an invitation Teams accepted;
 * - `done`: a reminder that is finished. Deliberately one state whether it was sent, was not
 *   needed (the person had answered), failed or closed: see docs/adr/0006;
 * - `unconfirmed`: an invitation that was in doubt after a crash or a timeout; never resent;
 * - `failed`: an invitation that cannot be delivered (the reason says why);
 * - `cancelled`: an invitation not sent because the cycle closed first.
 */
export type OutboxStatus = 'queued' | 'no-conversation' | 'sending' | 'sent' | 'done' | 'unconfirmed' | 'failed' | 'cancelled';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['queued', 'no-conversation', 'sending', 'sent', 'done', 'unconfirmed', 'failed', 'cancelled'];

/** Days after opening and before closing on which non-respondents are reminded. */
export interface Cadence {
  /** e.g. `[3, 5]`: the third and fifth day after the opening date. */
  readonly afterOpening: readonly number[];
  /** e.g. `[2]`: two days before the closing date. */
  readonly beforeClosing: readonly number[];
}

export const DEFAULT_CADENCE: Cadence = { afterOpening: [3, 5], beforeClosing: [2] };

/**
 * When people may be messaged; outside these hours messages wait. `days` are ISO weekdays
 * (1 Monday … 7 Sunday); times are local `HH:MM` in `timeZone`, `end` exclusive.
 */
export interface WorkingHours {
  readonly timeZone: string;
  readonly days: readonly number[];
  readonly start: string;
  readonly end: string;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { timeZone: 'Europe/London', days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' };

/** How a cycle's messages are planned: kept with the cycle's outbox, fixed when it is queued. */
export interface OutboxPlan {
  readonly cadence: Cadence;
  /** `null`: any time of day or week (e.g. a 24-hour service that wants it). */
  readonly workingHours: WorkingHours | null;
}

export const DEFAULT_PLAN: OutboxPlan = { cadence: DEFAULT_CADENCE, workingHours: DEFAULT_WORKING_HOURS };

/** A stored plan read back (SQLite, SharePoint), shape checked; undefined when it is not one. */
export function readPlan(value: unknown): OutboxPlan | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Record<string, unknown>;
  const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x));
  const cadence = p.cadence as Record<string, unknown> | null | undefined;
  if (typeof cadence !== 'object' || cadence === null || !numbers(cadence.afterOpening) || !numbers(cadence.beforeClosing)) return undefined;
  const w = p.workingHours as Record<string, unknown> | null | undefined;
  if (w === null) return { cadence: { afterOpening: cadence.afterOpening, beforeClosing: cadence.beforeClosing }, workingHours: null };
  if (typeof w !== 'object' || typeof w.timeZone !== 'string' || !numbers(w.days) || typeof w.start !== 'string' || typeof w.end !== 'string') return undefined;
  return { cadence: { afterOpening: cadence.afterOpening, beforeClosing: cadence.beforeClosing }, workingHours: { timeZone: w.timeZone, days: w.days, start: w.start, end: w.end } };
}
