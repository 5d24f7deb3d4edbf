import type { IsoDate } from '../shared/brand';
import { addDays } from './schedule';
import type { WorkingHours } from './types';

/**
 * Quiet hours. Pure: the instant comes from an injected clock; time zones come from the
 * JavaScript runtime's own tables (Intl), which is data, not I/O.
 */

interface LocalParts {
  readonly date: IsoDate;
  /** ISO weekday, 1 Monday … 7 Sunday. */
  readonly weekday: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function partsOf(instant: number, timeZone: string): LocalParts & { readonly seconds: number } {
  const p: Record<string, string> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(new Date(instant))) p[type] = value;
  return {
    date: `${p.year}-${p.month}-${p.day}` as IsoDate,
    weekday: WEEKDAYS[p.weekday ?? ''] ?? 0,
    minutes: Number(p.hour) * 60 + Number(p.minute),
    seconds: Number(p.second),
  };
}

/** Minutes since midnight of `HH:MM`. */
export function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not a time of day in the form HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The local date of an instant in a time zone. */
export function localDate(instant: number, timeZone: string): IsoDate {
  return partsOf(instant, timeZone).date;
}

/**
 * The instant when it is `hhmm` on `date` in `timeZone`, e.g. 08:00 in London on a summer
 * day is 07:00 UTC. A local time skipped by the clocks going forward maps to the same
 * wall-clock time an hour later.
 */
export function zonedInstant(date: IsoDate, hhmm: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutesOf(hhmm) * 60_000;
  const offsetAt = (instant: number): number => {
    const p = partsOf(instant, timeZone);
    const [py, pm, pd] = p.date.split('-').map(Number) as [number, number, number];
    const asUtc = Date.UTC(py, pm - 1, pd) + p.minutes * 60_000 + p.seconds * 1000;
    return asUtc - Math.floor(instant / 1000) * 1000;
  };
  let instant = wall - offsetAt(wall);
  // Near a clock change the first guess can use the other side's offset.
  const second = wall - offsetAt(instant);
  if (second !== instant) instant = Math.max(instant, second);
  return instant;
}

/** Is `instant` inside working hours? */
export function isWorkingTime(instant: number, hours: WorkingHours | null): boolean {
  if (!hours) return true;
  const p = partsOf(instant, hours.timeZone);
  return hours.days.includes(p.weekday) && p.minutes >= minutesOf(hours.start) && p.minutes < minutesOf(hours.end);
}

/**
 * `instant` if people may be messaged then, otherwise the next start of working hours.
 *
 * @example nextWorkingTime(Date.parse('2027-01-15T19:00:00Z'), DEFAULT_WORKING_HOURS)
 *   // a Friday evening → Monday 2027-01-18 08:00 London (08:00Z)
 */
export function nextWorkingTime(instant: number, hours: WorkingHours | null): number {
  if (!hours || isWorkingTime(instant, hours)) return instant;
  if (hours.days.length === 0) throw new Error('Working hours need at least one working day.');
  const here = partsOf(instant, hours.timeZone);
  const start = minutesOf(hours.start);
  // Today if it is a working day and the day has not started; otherwise the next working day.
  let date = here.date;
  let weekday = here.weekday;
  if (!(hours.days.includes(weekday) && here.minutes < start)) {
    do {
      date = addDays(date, 1);
      weekday = (weekday % 7) + 1;
    } while (!hours.days.includes(weekday));
  }
  return zonedInstant(date, hours.start, hours.timeZone);
}

/** Checks working hours a person typed; returns what is wrong in plain words. */
export function checkWorkingHours(hours: WorkingHours): string | undefined {
  try {
    formatter(hours.timeZone);
  } catch {
    return `"${hours.timeZone}" is not a time zone, e.g. Europe/London.`;
  }
  let start: number;
  let end: number;
  try {
    start = minutesOf(hours.start);
    end = minutesOf(hours.end);
  } catch (error) {
    return (error as Error).message;
  }
  if (end <= start) return `Working hours must end after they start (${hours.start}–${hours.end}).`;
  if (hours.days.length === 0 || hours.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return 'Working days are 1 (Monday) to 7 (Sunday), at least one.';
  return undefined;
}

/** Working hours in words, e.g. "weekdays 08:00–18:00 UK time". */
export function describeWorkingHours(hours: WorkingHours | null): string {
  if (!hours) return 'any time';
  const weekdays = hours.days.length === 5 && [1, 2, 3, 4, 5].every((d) => hours.days.includes(d));
  const days = weekdays ? 'weekdays' : `days ${[...hours.days].sort().join(', ')} (1 = Monday)`;
  const zone = hours.timeZone === 'Europe/London' ? 'UK time' : hours.timeZone;
  return `${days} ${hours.start}–${hours.end} ${zone}`;
}
