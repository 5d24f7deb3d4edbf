import { asIsoDate, type IsoDate } from '../../shared/brand';
import type { AuditWindow, Month } from './rules';

/**
 * The council's year and working days, on calendar dates only (no time of day, so BST and
 * GMT cannot move a due date). Year 2026 is 1 April 2026 – 31 March 2027.
 */

const DAY_MS = 86_400_000;

const utc = (d: IsoDate): number => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, day);
};
const fromUtc = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10) as IsoDate;

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(utc(date) + days * DAY_MS);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** The council year a date belongs to: January–March belong to the previous April's year, e.g. 2027-02-10 → 2026. */
export function councilYearOf(date: IsoDate): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** Position of a month in the council year: April 0 … March 11. */
const councilIndex = (m: Month): number => (m + 8) % 12;

function firstOfMonth(year: number, index: number): IsoDate {
  const month = ((index + 3) % 12) + 1;
  const y = index >= 9 ? year + 1 : year;
  return asIsoDate(`${y}-${String(month).padStart(2, '0')}-01`);
}

export interface DateRange {
  readonly start: IsoDate;
  /** Inclusive. */
  readonly end: IsoDate;
}

/**
 * The dates of occurrence `occurrence` (1-based) of `frequency` in a window: the window's
 * months split into equal parts, e.g. twice a year over the whole year → April–September, October–March.
 */
export function occurrenceRange(year: number, window: AuditWindow, frequency: number, occurrence: number): DateRange {
  const first = councilIndex(window.from);
  const length = ((councilIndex(window.to) - first + 12) % 12) + 1;
  const from = first + Math.floor(((occurrence - 1) * length) / frequency);
  const to = first + Math.floor((occurrence * length) / frequency);
  return { start: firstOfMonth(year, from), end: addDays(firstOfMonth(year, to), -1) };
}

/** Monday of the week a date falls in: the key for the weekly cap. */
export function weekOf(date: IsoDate): IsoDate {
  const weekday = new Date(utc(date)).getUTCDay(); // 0 Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** A day something can be due: a weekday other than 25–26 December, 1 January and any configured closed day. */
export function isWorkingDay(date: IsoDate, closedDays: ReadonlySet<string> = new Set()): boolean {
  const weekday = new Date(utc(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const md = date.slice(5);
  return md !== '12-25' && md !== '12-26' && md !== '01-01' && !closedDays.has(date);
}

/** Working days in a range, in order. */
export function workingDays(range: DateRange, closedDays: ReadonlySet<string> = new Set()): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = range.start; d <= range.end; d = addDays(d, 1)) if (isWorkingDay(d, closedDays)) out.push(d);
  return out;
}
