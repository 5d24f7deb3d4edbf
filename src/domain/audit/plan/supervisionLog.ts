import type { Brand, IsoDate, UserId } from '../../shared/brand';
import type { Person } from '../../organisation/types';
import type { DateRange } from './calendar';

/**
 * The supervision log: what supervisors record from the quick card. It measures supervision
 * against the monthly policy and is the pool the staff supervision audit samples from.
 */

/** e.g. `sup-2026-05-14-demo-012`; whatever the store gives, stable so a sample can name it. */
export type SupervisionRecordId = Brand<string, 'SupervisionRecordId'>;
export const asSupervisionRecordId = (s: string): SupervisionRecordId => s as SupervisionRecordId;

export type SupervisionOutcome = 'held' | 'postponed' | 'cancelled';

export interface SupervisionRecord {
  readonly id: SupervisionRecordId;
  readonly superviseeId: UserId;
  readonly supervisorId: UserId;
  /** The day of the session (or the day it was due, if postponed or cancelled). */
  readonly date: IsoDate;
  readonly outcome: SupervisionOutcome;
}

export interface FrequencyCount {
  readonly supervisees: number;
  /** Supervisees with supervision held in every month of the period. */
  readonly supervisedMonthly: number;
  /** `supervisedMonthly / supervisees`, 0–1; `null` when there is nobody to count. */
  readonly share: number | null;
}

export interface SupervisionFrequency {
  /** Calendar months of the period, e.g. `['2026-04', '2026-05']`. */
  readonly months: readonly string[];
  readonly overall: FrequencyCount;
  /** By team id, teams in id order; people with no team under `''`. */
  readonly byTeam: readonly (FrequencyCount & { readonly teamId: string })[];
  /** Who missed which months: the detail a supervisor or manager acts on. */
  readonly missed: readonly { readonly superviseeId: UserId; readonly months: readonly string[] }[];
}

/** Months from the period's start month to its end month, inclusive. */
export function monthsOf(period: DateRange): string[] {
  const out: string[] = [];
  let [y, m] = period.start.split('-').map(Number) as [number, number];
  const last = period.end.slice(0, 7);
  for (let key = `${y}-${String(m).padStart(2, '0')}`; key <= last; key = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const count = (supervisees: number, supervisedMonthly: number): FrequencyCount => ({
  supervisees,
  supervisedMonthly,
  share: supervisees === 0 ? null : supervisedMonthly / supervisees,
});

/**
 * Supervision frequency against the monthly policy: who among the supervisees (people with a
 * supervisor) had supervision held at least once in every calendar month of the period.
 * Postponed and cancelled sessions do not count. Whole months only: pass a period that
 * starts on the 1st and ends on a month's last day.
 */
export function supervisionFrequency(records: readonly SupervisionRecord[], people: readonly Person[], period: DateRange): SupervisionFrequency {
  const months = monthsOf(period);
  const held = new Map<UserId, Set<string>>();
  for (const r of records) {
    if (r.outcome !== 'held' || r.date < period.start || r.date > period.end) continue;
    const set = held.get(r.superviseeId) ?? new Set<string>();
    set.add(r.date.slice(0, 7));
    held.set(r.superviseeId, set);
  }
  const supervisees = people.filter((p) => p.supervisorId !== undefined).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const teams = new Map<string, { n: number; ok: number }>();
  const missed: { superviseeId: UserId; months: string[] }[] = [];
  let ok = 0;
  for (const p of supervisees) {
    const gaps = months.filter((m) => !held.get(p.id)?.has(m));
    const team = teams.get(p.teamId ?? '') ?? { n: 0, ok: 0 };
    team.n++;
    if (gaps.length === 0) {
      ok++;
      team.ok++;
    } else missed.push({ superviseeId: p.id, months: gaps });
    teams.set(p.teamId ?? '', team);
  }
  return {
    months,
    overall: count(supervisees.length, ok),
    byTeam: [...teams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([teamId, t]) => ({ teamId, ...count(t.n, t.ok) })),
    missed,
  };
}
