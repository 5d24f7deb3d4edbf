/**
 * Branded primitives: a `CycleId` is not a `UserId`, even though both are strings.
 * The brand exists only at compile time.
 *
 * @example
 *   const cycle = asCycleId('2024-25');
 */
export type Brand<T, B extends string> = T & { readonly __brand: B };

/** A survey cycle, e.g. `2024-25` (annual health check) or `pulse-2026-03`. */
export type CycleId = Brand<string, 'CycleId'>;
/** A person's Entra object id or demo id, e.g. `demo-sw-01`. Never stored with a response. */
export type UserId = Brand<string, 'UserId'>;
/** HMAC of a user id with the cycle's secret, hex; keys participation and drafts. */
export type ParticipationKey = Brand<string, 'ParticipationKey'>;
/** Random id of a stored response; carries no order and no identity. */
export type ResponseId = Brand<string, 'ResponseId'>;
/** A calendar date `YYYY-MM-DD` with no time of day, e.g. `2025-02-14`. */
export type IsoDate = Brand<string, 'IsoDate'>;

export const asCycleId = (s: string): CycleId => s as CycleId;
export const asUserId = (s: string): UserId => s as UserId;
export const asParticipationKey = (s: string): ParticipationKey => s as ParticipationKey;
export const asResponseId = (s: string): ResponseId => s as ResponseId;

const ISO_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why `s` is not a calendar date, as the end of a sentence that starts with the date
 * (`"2027-02-30" does not exist: February 2027 has 28 days`), or undefined when it is one.
 * The pattern alone lets 30 February through, so the day is checked against its month.
 */
export function isoDateProblem(s: string): string | undefined {
  const parts = ISO_DATE.exec(s);
  if (parts === null) return 'is not a date (YYYY-MM-DD)';
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day > daysInMonth) return `does not exist: ${MONTHS[month - 1] ?? ''} ${year} has ${daysInMonth} days`;
  return undefined;
}

/** Validates a `YYYY-MM-DD` string; throws on anything else (a time of day, 30 February) in words a person can act on. */
export function asIsoDate(s: string): IsoDate {
  const problem = isoDateProblem(s);
  if (problem !== undefined) throw new Error(`"${s}" ${problem}`);
  return s as IsoDate;
}

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The UK calendar date of an instant: the only time a stored response keeps.
 * UK, not UTC, so a response sent at 00:30 BST is dated the day the person sent it.
 */
export function dateOf(instant: Date): IsoDate {
  return LONDON_DATE.format(instant) as IsoDate;
}
