import type { IsoDate } from '../shared/brand';
import type { Cadence, MessageKind, OutboxStatus } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `date` moved by whole calendar days, e.g. `addDays('2027-01-30', 3) === '2027-02-02'`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10) as IsoDate;
}

/** Whole calendar days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const utc = (s: IsoDate) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

export interface PlannedReminder {
  readonly kind: MessageKind;
  readonly on: IsoDate;
}

/**
 * The reminder days of a cycle: after the opening date, on or before the closing date, in
 * order, one per day, numbered `reminder-1`, `reminder-2`… A cadence day that falls outside
 * the cycle (a short cycle) is dropped rather than moved.
 *
 * @example reminderDays('2027-01-11', '2027-01-29', DEFAULT_CADENCE)
 *   // reminder-1 on 2027-01-14, reminder-2 on 2027-01-16, reminder-3 on 2027-01-27
 */
export function reminderDays(opensOn: IsoDate, closesOn: IsoDate, cadence: Cadence): PlannedReminder[] {
  const days = new Set<IsoDate>();
  for (const d of cadence.afterOpening) days.add(addDays(opensOn, d));
  for (const d of cadence.beforeClosing) days.add(addDays(closesOn, -d));
  return [...days]
    .filter((day) => day > opensOn && day <= closesOn)
    .sort()
    .map((on, i) => ({ kind: `reminder-${i + 1}` as MessageKind, on }));
}

/** Checks a cadence a person typed: whole days, at least 1, at most a year. */
export function checkCadence(cadence: Cadence): string | undefined {
  for (const d of [...cadence.afterOpening, ...cadence.beforeClosing]) {
    if (!Number.isInteger(d) || d < 1 || d > 366) return `Reminder days must be whole numbers from 1 to 366, not ${String(d)}.`;
  }
  return undefined;
}

/** A reminder goes no sooner than this after the person's invitation. */
export const REMINDER_GAP_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a reminder has been overtaken by the person's invitation: the invitation has not
 * gone yet (it was held back by quiet hours, throttling or a missing conversation, and says
 * all a reminder would) or went less than a day ago. Such a reminder is finished without
 * being sent. This depends on the invitation only, never on whether the person has answered.
 */
export function reminderOvertaken(invitation: { readonly status: OutboxStatus; readonly nextAttemptAt: number } | undefined, now: number, gapMs: number = REMINDER_GAP_MS): boolean {
  if (!invitation) return false;
  switch (invitation.status) {
    case 'queued':
    case 'no-conversation':
    case 'sending':
      return true;
    case 'sent':
    case 'unconfirmed':
      // The last attempt was due at `nextAttemptAt`, so it went then or a moment later.
      return invitation.nextAttemptAt > now - gapMs;
    default:
      return false;
  }
}
