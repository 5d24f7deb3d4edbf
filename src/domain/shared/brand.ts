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

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Validates a `YYYY-MM-DD` string; throws on anything else so no time of day slips in. */
export function asIsoDate(s: string): IsoDate {
  if (!ISO_DATE.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
    throw new Error(`"${s}" is not a date in the form YYYY-MM-DD`);
  }
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
