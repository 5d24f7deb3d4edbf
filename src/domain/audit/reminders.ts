import { addDays } from '../outbox/schedule';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../outbox/types';
import type { Organisation, Person } from '../organisation/types';
import type { IsoDate, UserId } from '../shared/brand';
import type { AuditTask, AuditTaskId } from './plan/task';

/**
 * Audit reminders, pure: which people get a digest of which audit tasks on
 * a given day. Kept apart from the survey outbox: its own rows, its own keys.
 *
 * Stages of a task still to do (planned or in progress), each on the first working day on or
 * after its date, so a stage falling on a weekend moves to the Monday:
 * - `before-due`: `beforeDueDays` before the due date, to the auditor;
 * - `due`: on the due date, to the auditor;
 * - `overdue`: `overdueDays` after the due date, to the auditor;
 * - `escalation`: `escalationDays` after the due date, to the auditor's line manager.
 * A snoozed task gets nothing while snoozed; on the day the snooze ends (or the first working
 * day after) it is listed once more at the stage it has reached.
 */
export type ReminderStage = 'before-due' | 'due' | 'overdue' | 'escalation' | 'snooze-ended';

export interface ReminderSettings {
  readonly beforeDueDays: number;
  readonly overdueDays: number;
  readonly escalationDays: number;
  /** Quiet hours: only these weekdays count as reminder days; `null` for every day. */
  readonly workingHours: WorkingHours | null;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { beforeDueDays: 14, overdueDays: 7, escalationDays: 14, workingHours: DEFAULT_WORKING_HOURS };

/** Longest snooze, in days from the day it is asked for. */
export const MAX_SNOOZE_DAYS = 7;

export interface DigestItem {
  readonly taskId: AuditTaskId;
  readonly task: AuditTask;
  readonly stage: ReminderStage;
}

export interface AuditDigest {
  /** `audit-digest:<person>:<date>`: one digest per person per day, whatever it lists. */
  readonly key: string;
  readonly personId: UserId;
  readonly day: IsoDate;
  /** Oldest due first. */
  readonly items: readonly DigestItem[];
}

export function digestKey(personId: UserId | string, day: IsoDate | string): string {
  return `audit-digest:${personId}:${day}`;
}

/** ISO weekday of a date, 1 Monday … 7 Sunday. */
function weekdayOf(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `date` if it is a working day, otherwise the next working day. */
export function reminderDayOf(date: IsoDate, hours: WorkingHours | null): IsoDate {
  if (!hours || hours.days.length === 0) return date;
  let day = date;
  for (let i = 0; i < 7 && !hours.days.includes(weekdayOf(day)); i++) day = addDays(day, 1);
  return day;
}

function daysBetween(from: IsoDate, to: IsoDate): number {
  const at = (s: IsoDate): number => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((at(to) - at(from)) / 86_400_000);
}

/** Why a snooze cannot be taken, in plain words, or `undefined` if it can. */
export function checkSnooze(input: { readonly today: IsoDate; readonly until: IsoDate; readonly alreadySnoozed: boolean }): string | undefined {
  if (input.alreadySnoozed) return 'This audit has already been snoozed once.';
  const days = daysBetween(input.today, input.until);
  if (days < 1) return 'A snooze must end after today.';
  if (days > MAX_SNOOZE_DAYS) return `A snooze can be for at most ${MAX_SNOOZE_DAYS} days.`;
  return undefined;
}

const OPEN_STATUSES: ReadonlySet<AuditTask['status']> = new Set(['planned', 'in-progress']);

function stagesOf(task: AuditTask, settings: ReminderSettings): readonly (readonly [ReminderStage, IsoDate])[] {
  return [
    ['before-due', addDays(task.due, -settings.beforeDueDays)],
    ['due', task.due],
    ['overdue', addDays(task.due, settings.overdueDays)],
    ['escalation', addDays(task.due, settings.escalationDays)],
  ];
}

function isPresent(person: Person | undefined, today: IsoDate): person is Person {
  return person !== undefined && (person.leftOn === undefined || person.leftOn > today);
}

/** The reminders due on `today`, as one digest per person. */
export function auditRemindersDue(input: {
  readonly tasks: readonly AuditTask[];
  readonly organisation: Organisation;
  readonly today: IsoDate;
  readonly settings?: ReminderSettings;
  /** Task id → the day its snooze ends. */
  readonly snoozes?: ReadonlyMap<string, IsoDate>;
}): AuditDigest[] {
  const settings = input.settings ?? DEFAULT_REMINDER_SETTINGS;
  const hours = settings.workingHours;
  const today = input.today;
  if (reminderDayOf(today, hours) !== today) return [];
  const people = new Map(input.organisation.people.map((p) => [p.id as string, p]));
  const byPerson = new Map<string, DigestItem[]>();
  const add = (personId: UserId | undefined, item: DigestItem): void => {
    if (personId === undefined || !isPresent(people.get(personId), today)) return;
    const list = byPerson.get(personId) ?? [];
    list.push(item);
    byPerson.set(personId, list);
  };
  for (const task of input.tasks) {
    if (!OPEN_STATUSES.has(task.status)) continue;
    const snoozedUntil = input.snoozes?.get(task.id);
    if (snoozedUntil !== undefined && today < snoozedUntil) continue;
    const stages = stagesOf(task, settings);
    let stage = stages.find(([, on]) => reminderDayOf(on, hours) === today)?.[0];
    if (stage === undefined && snoozedUntil !== undefined && reminderDayOf(snoozedUntil, hours) === today) {
      if (reminderDayOf(stages[0]![1], hours) <= today) stage = 'snooze-ended';
    }
    if (stage === undefined) continue;
    if (stage === 'escalation') {
      add(people.get(task.auditorId)?.lineManagerId, { taskId: task.id, task, stage });
    } else {
      add(task.auditorId, { taskId: task.id, task, stage });
    }
  }
  return [...byPerson.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([personId, items]) => ({
      key: digestKey(personId, today),
      personId: personId as UserId,
      day: today,
      items: [...items].sort((a, b) => (a.task.due < b.task.due ? -1 : a.task.due > b.task.due ? 1 : a.taskId < b.taskId ? -1 : 1)),
    }));
}
