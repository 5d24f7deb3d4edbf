import type { Db } from '../../sqlite/database';
import type { SyncedList } from './spec';

/** A list item's `fields`, as Graph reads and writes them. */
export type Fields = Readonly<Record<string, unknown>>;

/** An item read from SharePoint: the local row it stands for, or why the app cannot take it. */
export type Parsed<T> = { readonly ok: true; readonly row: T } | { readonly ok: false; readonly problem: string };

/**
 * Dates go to SharePoint as noon UTC on the day. A date-only column is stored as a moment and
 * shown in the site's time zone; noon is the same day in every UK (and European) zone, so
 * the day never shifts. It is a fixed convention, not a time anything happened.
 */
export const toSharePointDate = (day: string): string => `${day}T12:00:00Z`;
export const dateOrNull = (day: string | null): string | null => (day === null ? null : toSharePointDate(day));

const DAY = /^\d{4}-\d{2}-\d{2}/;
/** The day as a UK site shows it: our noon UTC, or midnight local from an edit in SharePoint's own form. */
const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

export function fromSharePointDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !DAY.test(value)) return undefined;
  if (value.length === 10) return value;
  const when = Date.parse(value);
  return Number.isNaN(when) ? undefined : ukDay.format(when);
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const int = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
};
export const optionalDay = (v: unknown): string | null | undefined => (v === null || v === undefined || v === '' ? null : fromSharePointDate(v));
export const optionalText = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The names of a parsed row's fields that came out undefined (missing or unreadable). */
export const missingOf = (row: Record<string, unknown>): string[] =>
  Object.entries(row)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);

/** SharePoint's Title holds at most 255 characters. */
export const TITLE_MAX = 255;
export const titleOf = (text: string): string => (text.length > TITLE_MAX ? `${text.slice(0, TITLE_MAX - 1)}…` : text);

/**
 * Queues the app's own values of a record to be written back to its item (an edit in
 * SharePoint the app refused, or a value only the app may set).
 */
export function queueWriteBack(db: Db, list: SyncedList, key: string, cycleId: string): void {
  db.prepare('INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES (?, ?, ?, 1) ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1').run(list, key, cycleId);
}
