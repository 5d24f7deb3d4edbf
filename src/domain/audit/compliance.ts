import type { IsoDate, UserId } from '../shared/brand';
import type { Organisation } from '../organisation/types';
import { quarterOf } from '../qualityReport/quarter';
import { addDays, daysBetween } from './plan/calendar';
import { type AuditActivityId, type AuditPlanRules, DEFAULT_AUDIT_RULES } from './plan/rules';
import type { AuditTask } from './plan/task';

/**
 * How the audit programme is going, from the tasks and a date: by audit type, by team and by
 * auditor. Pure: the caller passes today (from the clock) and the organisation (for names).
 *
 * Each task falls in exactly one bucket:
 * - completed on time: completed on or before its due date;
 * - completed late: completed after its due date;
 * - overdue: not completed and its due date has passed (due before today);
 * - due soon: not completed and due today or within the next 14 days;
 * - not yet due: not completed and due later than that;
 * - cancelled: kept for the record, left out of every share.
 *
 * The share completed on time is, among the tasks that are not cancelled and whose due date
 * has passed, the part completed on time. A task finished early counts once its due date has
 * passed, so the share never goes above 100% and does not jump about as early work lands.
 * With nothing due yet the share is `null` ("nothing due yet"), not 0%.
 *
 * Team: a task about a person counts for the team that person is in now; a team task for that
 * team; an organisational task (national standards audit, health check, thematic review) has
 * no team of its own, so it counts for the auditor's team (for the PSW usually "No team").
 * A person who has left counts under "No team": their completed audits are still counted.
 */

/** A task as the store keeps it: the plan's task plus the day it was completed. */
export type AuditTaskRecord = AuditTask & {
  /** Set when the task is completed. */
  readonly completedOn?: IsoDate;
  /** Set when the task is cancelled (by re-planning or by hand). */
  readonly cancelledOn?: IsoDate;
};

export type ComplianceBucket = 'completedOnTime' | 'completedLate' | 'overdue' | 'dueSoon' | 'notYetDue' | 'cancelled';

export const COMPLIANCE_BUCKETS: readonly ComplianceBucket[] = ['completedOnTime', 'completedLate', 'overdue', 'dueSoon', 'notYetDue', 'cancelled'];

/** The buckets in plain words, for people reading a report. */
export const BUCKET_LABELS: Readonly<Record<ComplianceBucket, string>> = {
  completedOnTime: 'Completed on time',
  completedLate: 'Completed late',
  overdue: 'Overdue',
  dueSoon: 'Due in the next 14 days',
  notYetDue: 'Not yet due',
  cancelled: 'Cancelled',
};

/** How far ahead "due soon" looks, in days. */
export const DUE_SOON_DAYS = 14;

export type ComplianceCounts = Readonly<Record<ComplianceBucket, number>>;

export interface ComplianceRow {
  /** Activity id, team id (`none` for no team) or auditor id. */
  readonly key: string;
  /** In plain words, e.g. "Practice standards audit", "Hospital team", "Grace Patel". */
  readonly label: string;
  readonly counts: ComplianceCounts;
  /** Not cancelled and due date passed: the tasks the share is taken over. */
  readonly dueSoFar: number;
  /** Completed on time ÷ due so far, 0–1; `null` when nothing is due yet. */
  readonly shareOnTime: number | null;
  /** The share as words, e.g. "75% completed on time (3 of 4 due so far)". */
  readonly summary: string;
}

export interface OverdueTask {
  readonly id: string;
  readonly activity: AuditActivityId;
  readonly activityLabel: string;
  readonly subject: string;
  readonly auditorId: UserId;
  readonly auditor: string;
  readonly due: IsoDate;
  readonly daysOverdue: number;
}

export interface Compliance {
  readonly today: IsoDate;
  readonly overall: ComplianceRow;
  /** Every activity of the rules, in rule order, even with no tasks. */
  readonly byType: readonly ComplianceRow[];
  /** Sorted by label. */
  readonly byTeam: readonly ComplianceRow[];
  /**
   * By the council quarter each task is due in (`2026-Q3`, "Quarter 3, October – December
   * 2026"), oldest first: how the programme went through the year. Quarters with no task due
   * are left out.
   */
  readonly byQuarter: readonly ComplianceRow[];
  /** Sorted by label. */
  readonly byAuditor: readonly ComplianceRow[];
  /** Oldest due date first. */
  readonly overdue: readonly OverdueTask[];
}

export const NO_TEAM = 'none';

export function bucketOf(task: AuditTaskRecord, today: IsoDate): ComplianceBucket {
  if (task.status === 'cancelled') return 'cancelled';
  if (task.status === 'completed') return task.completedOn !== undefined && task.completedOn > task.due ? 'completedLate' : 'completedOnTime';
  if (task.due < today) return 'overdue';
  if (task.due <= addDays(today, DUE_SOON_DAYS)) return 'dueSoon';
  return 'notYetDue';
}

const emptyCounts = (): Record<ComplianceBucket, number> => ({ completedOnTime: 0, completedLate: 0, overdue: 0, dueSoon: 0, notYetDue: 0, cancelled: 0 });

function row(key: string, label: string, tasks: readonly AuditTaskRecord[], today: IsoDate): ComplianceRow {
  const counts = emptyCounts();
  let dueSoFar = 0;
  let onTimeSoFar = 0;
  for (const t of tasks) {
    const bucket = bucketOf(t, today);
    counts[bucket] += 1;
    if (bucket !== 'cancelled' && t.due < today) {
      dueSoFar += 1;
      if (bucket === 'completedOnTime') onTimeSoFar += 1;
    }
  }
  const shareOnTime = dueSoFar === 0 ? null : onTimeSoFar / dueSoFar;
  const summary = shareOnTime === null ? 'Nothing due yet' : `${Math.round(shareOnTime * 100)}% completed on time (${onTimeSoFar} of ${dueSoFar} due so far)`;
  return { key, label, counts, dueSoFar, shareOnTime, summary };
}

function groupBy(tasks: readonly AuditTaskRecord[], keyOf: (t: AuditTaskRecord) => string): Map<string, AuditTaskRecord[]> {
  const out = new Map<string, AuditTaskRecord[]>();
  for (const t of tasks) {
    const key = keyOf(t);
    const list = out.get(key);
    if (list) list.push(t);
    else out.set(key, [t]);
  }
  return out;
}

const byLabel = (a: ComplianceRow, b: ComplianceRow): number => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export interface ComplianceContext {
  /** For the names of people and teams; omit and ids are shown. */
  readonly organisation?: Organisation;
  /** For activity names and the list of audit types; the framework's defaults when omitted. */
  readonly rules?: AuditPlanRules;
}

export function compliance(tasks: readonly AuditTaskRecord[], today: IsoDate, context: ComplianceContext = {}): Compliance {
  const rules = context.rules ?? DEFAULT_AUDIT_RULES;
  const people = new Map((context.organisation?.people ?? []).map((p) => [p.id, p]));
  const teams = new Map((context.organisation?.teams ?? []).map((t) => [t.id, t]));
  const activityLabel = (a: AuditActivityId): string => rules.rules.find((r) => r.activity === a)?.title ?? a;
  const personName = (id: UserId): string => people.get(id)?.displayName ?? `${id} (not in the directory)`;
  const teamName = (id: string): string => (id === NO_TEAM ? 'No team' : (teams.get(id)?.name ?? id));
  const teamOf = (t: AuditTaskRecord): string => {
    switch (t.subject.kind) {
      case 'person':
        return people.get(t.subject.personId)?.teamId ?? NO_TEAM;
      case 'team':
        return t.subject.teamId;
      case 'organisation':
        return people.get(t.auditorId)?.teamId ?? NO_TEAM;
    }
  };
  const subjectName = (t: AuditTaskRecord): string => {
    switch (t.subject.kind) {
      case 'person':
        return personName(t.subject.personId);
      case 'team':
        return teamName(t.subject.teamId);
      case 'organisation':
        return 'The whole service';
    }
  };

  const activities = [...rules.rules.map((r) => r.activity)];
  for (const t of tasks) if (!activities.includes(t.activity)) activities.push(t.activity);
  const byActivity = groupBy(tasks, (t) => t.activity);
  const byType = activities.map((a) => row(a, activityLabel(a), byActivity.get(a) ?? [], today));
  const byTeam = [...groupBy(tasks, teamOf)].map(([id, list]) => row(id, teamName(id), list, today)).sort(byLabel);
  const byQuarter = [...groupBy(tasks, (t) => quarterOf(t.due).id)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, list]) => row(id, quarterOf((list[0] as AuditTaskRecord).due).label, list, today));
  const auditorIds = [...new Set(tasks.map((t) => t.auditorId))];
  const nameCount = new Map<string, number>();
  for (const id of auditorIds) nameCount.set(personName(id), (nameCount.get(personName(id)) ?? 0) + 1);
  // Two people can share a name: then the id tells them apart.
  const auditorLabel = (id: UserId): string => ((nameCount.get(personName(id)) ?? 0) > 1 ? `${personName(id)} (${id})` : personName(id));
  const byAuditor = [...groupBy(tasks, (t) => t.auditorId)].map(([id, list]) => row(id, auditorLabel(id as UserId), list, today)).sort(byLabel);
  const overdue = tasks
    .filter((t) => bucketOf(t, today) === 'overdue')
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((t) => ({
      id: t.id,
      activity: t.activity,
      activityLabel: activityLabel(t.activity),
      subject: subjectName(t),
      auditorId: t.auditorId,
      auditor: personName(t.auditorId),
      due: t.due,
      daysOverdue: daysBetween(t.due, today),
    }));
  return { today, overall: row('all', 'All audits', tasks, today), byType, byTeam, byQuarter, byAuditor, overdue };
}
