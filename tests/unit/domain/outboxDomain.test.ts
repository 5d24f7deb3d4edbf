import { backoffDelay, DEFAULT_BACKOFF } from '../../../src/domain/outbox/backoff';
import { SendPacer, TEAMS_LIMITS } from '../../../src/domain/outbox/pacer';
import { addDays, daysBetween, reminderDays } from '../../../src/domain/outbox/schedule';
import { DEFAULT_CADENCE, DEFAULT_WORKING_HOURS, idempotencyKey } from '../../../src/domain/outbox/types';
import { isWorkingTime, nextWorkingTime, zonedInstant } from '../../../src/domain/outbox/workingHours';
import { asCycleId, asIsoDate, asUserId } from '../../../src/domain/shared/brand';

const d = asIsoDate;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('reminder days', () => {
  it('are day 3 and day 5 after opening and 2 days before closing by default', () => {
    expect(reminderDays(d('2027-01-11'), d('2027-01-29'), DEFAULT_CADENCE)).toEqual([
      { kind: 'reminder-1', on: '2027-01-14' },
      { kind: 'reminder-2', on: '2027-01-16' },
      { kind: 'reminder-3', on: '2027-01-27' },
    ]);
  });

  it('drop days outside a short cycle and never remind twice on one day', () => {
    // Opens Monday, closes Friday: day 3 is Thursday, two days before closing is Wednesday.
    expect(reminderDays(d('2027-01-11'), d('2027-01-15'), DEFAULT_CADENCE)).toEqual([
      { kind: 'reminder-1', on: '2027-01-13' },
      { kind: 'reminder-2', on: '2027-01-14' },
    ]);
    // Day 3 and two days before closing are both the 14th: one reminder that day.
    expect(reminderDays(d('2027-01-11'), d('2027-01-16'), DEFAULT_CADENCE)).toEqual([
      { kind: 'reminder-1', on: '2027-01-14' },
      { kind: 'reminder-2', on: '2027-01-16' },
    ]);
    expect(reminderDays(d('2027-01-11'), d('2027-01-13'), { afterOpening: [7], beforeClosing: [5] })).toEqual([]);
  });

  it('count calendar days across month and year ends', () => {
    expect(addDays(d('2027-01-30'), 3)).toBe('2027-02-02');
    expect(addDays(d('2026-12-31'), 1)).toBe('2027-01-01');
    expect(daysBetween(d('2027-03-25'), d('2027-03-31'))).toBe(6);
  });

  it('make one idempotency key per cycle, person and kind', () => {
    expect(idempotencyKey(asCycleId('2026-27'), asUserId('demo-014'), 'invitation')).toBe('2026-27:demo-014:invitation');
  });
});

describe('working hours (weekdays 08:00–18:00 Europe/London)', () => {
  const hours = DEFAULT_WORKING_HOURS;

  it('turns UK wall-clock time into an instant in winter and in summer', () => {
    expect(iso(zonedInstant(d('2027-01-12'), '08:00', 'Europe/London'))).toBe('2027-01-12T08:00:00.000Z');
    expect(iso(zonedInstant(d('2027-07-12'), '08:00', 'Europe/London'))).toBe('2027-07-12T07:00:00.000Z');
    // The day the clocks go forward (28 March 2027) and back (31 October 2027).
    expect(iso(zonedInstant(d('2027-03-29'), '08:00', 'Europe/London'))).toBe('2027-03-29T07:00:00.000Z');
    expect(iso(zonedInstant(d('2027-11-01'), '08:00', 'Europe/London'))).toBe('2027-11-01T08:00:00.000Z');
  });

  it('lets a message go now inside working hours', () => {
    expect(nextWorkingTime(at('2027-01-12T10:00:00Z'), hours)).toBe(at('2027-01-12T10:00:00Z'));
    expect(isWorkingTime(at('2027-07-12T17:59:00Z'), hours)).toBe(false); // 18:59 BST
    expect(isWorkingTime(at('2027-07-12T16:59:00Z'), hours)).toBe(true);
  });

  it('holds a message from a weekday evening to 08:00 the next morning', () => {
    expect(iso(nextWorkingTime(at('2027-01-12T18:00:00Z'), hours))).toBe('2027-01-13T08:00:00.000Z');
    expect(iso(nextWorkingTime(at('2027-01-13T06:30:00Z'), hours))).toBe('2027-01-13T08:00:00.000Z');
  });

  it('holds a message from Friday evening and the weekend to Monday 08:00', () => {
    expect(iso(nextWorkingTime(at('2027-01-15T19:00:00Z'), hours))).toBe('2027-01-18T08:00:00.000Z');
    expect(iso(nextWorkingTime(at('2027-01-16T12:00:00Z'), hours))).toBe('2027-01-18T08:00:00.000Z');
    expect(iso(nextWorkingTime(at('2027-07-17T12:00:00Z'), hours))).toBe('2027-07-19T07:00:00.000Z');
  });

  it('sends at any time when the cycle has no working hours', () => {
    expect(nextWorkingTime(at('2027-01-16T03:00:00Z'), null)).toBe(at('2027-01-16T03:00:00Z'));
  });
});

describe('backoff', () => {
  it('doubles each attempt, with half of it jittered by the injected randomness', () => {
    expect(backoffDelay(1, () => 0)).toBe(1000);
    expect(backoffDelay(1, () => 0.999999)).toBe(2000);
    expect(backoffDelay(3, () => 0.5)).toBe(6000);
    expect(backoffDelay(30, () => 1)).toBe(DEFAULT_BACKOFF.capMs);
  });
});

describe('send pacer', () => {
  const pacer = () => new SendPacer({ perSecond: 48, perApp: [{ limit: 50, ms: 1020 }], perConversation: TEAMS_LIMITS.perConversation });

  it('spaces sends evenly for the whole app, never in bursts', () => {
    const p = pacer();
    const slots = Array.from({ length: 100 }, (_, i) => p.reserve(`c${i}`, 0, 10_000));
    const times = slots.map((s) => ('at' in s ? s.at : NaN));
    expect(times[0]).toBe(0);
    expect(times[1]).toBeCloseTo(1000 / 48);
    // In any sliding second, fewer than 50.
    for (let i = 0; i + 49 < times.length; i++) expect((times[i + 49] ?? 0) - (times[i] ?? 0)).toBeGreaterThan(1000);
  });

  it('keeps each conversation within 7 a second and 60 in 30 seconds', () => {
    const p = pacer();
    const times: number[] = [];
    for (let i = 0; i < 61; i++) {
      const s = p.reserve('same', times[times.length - 1] ?? 0, 60_000);
      if (!('at' in s)) throw new Error('expected a slot');
      times.push(s.at);
    }
    expect((times[7] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((times[60] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(30_000);
  });

  it('says when to come back instead of holding a slot for long', () => {
    const p = pacer();
    for (let i = 0; i < 7; i++) p.reserve('busy', 0, 5000);
    expect(p.reserve('busy', 0, 500)).toEqual({ notBefore: 1000 });
  });

  it('pauses everything after a 429 until Retry-After', () => {
    const p = pacer();
    p.pause(3000);
    expect(p.reserve('x', 0, 5000)).toEqual({ at: 3000 });
  });

  it('holds a request back at the last moment if late wakers would crowd the sliding window', () => {
    const p = new SendPacer({ perSecond: 1000, perApp: [{ limit: 3, ms: 1000 }], perConversation: [] });
    expect(p.dispatch(0)).toBe(0);
    expect(p.dispatch(10)).toBe(0);
    expect(p.dispatch(20)).toBe(0);
    expect(p.dispatch(30)).toBe(970);
    expect(p.dispatch(1000)).toBe(0);
  });
});
