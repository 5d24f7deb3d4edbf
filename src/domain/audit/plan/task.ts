import type { Brand, IsoDate, UserId } from '../../shared/brand';
import type { DateRange } from './calendar';
import type { AuditActivityId, AuditFormId } from './rules';

/**
 * A stable task id from what the task is about, e.g. `2026/practice-standards-audit/person:demo-012/1`,
 * and `…/1~2` for the second issue of the same audit after the first was cancelled.
 */
export type AuditTaskId = Brand<string, 'AuditTaskId'>;

/** `in-progress`: the auditor has saved a draft. */
export type AuditTaskStatus = 'planned' | 'in-progress' | 'completed' | 'cancelled';
export const TASK_STATUS_LABELS: Readonly<Record<AuditTaskStatus, string>> = { planned: 'Not started', 'in-progress': 'In progress', completed: 'Completed', cancelled: 'Cancelled' };

export type AuditSubject = { readonly kind: 'person'; readonly personId: UserId } | { readonly kind: 'team'; readonly teamId: string } | { readonly kind: 'organisation' };

export type CancelReason = 'subject-left' | 'auditor-changed' | 'no-longer-required';

export interface AuditTask {
  readonly id: AuditTaskId;
  /** The council year, e.g. 2026 for April 2026 – March 2027. */
  readonly year: number;
  readonly activity: AuditActivityId;
  readonly subject: AuditSubject;
  /** 1-based, e.g. 2 for the second practice standards audit of the year. */
  readonly occurrence: number;
  /** Who is asked to carry it out. */
  readonly auditorId: UserId;
  readonly form: AuditFormId | null;
  /** The dates it belongs in, e.g. October–December for a Q3 audit. */
  readonly window: DateRange;
  readonly due: IsoDate;
  readonly status: AuditTaskStatus;
  readonly cancelledReason?: CancelReason;
}

export function subjectKey(subject: AuditSubject): string {
  switch (subject.kind) {
    case 'person':
      return `person:${subject.personId}`;
    case 'team':
      return `team:${subject.teamId}`;
    case 'organisation':
      return 'organisation';
  }
}

/** What an audit is, whoever does it: (year, activity, subject, occurrence). */
export function auditKey(year: number, activity: AuditActivityId, subject: AuditSubject, occurrence: number): string {
  return `${year}/${activity}/${subjectKey(subject)}/${occurrence}`;
}

export function keyOfTask(task: AuditTask): string {
  return auditKey(task.year, task.activity, task.subject, task.occurrence);
}

/** The first issue of an audit has the key as its id; later issues (after a cancellation) add `~n`. */
export function taskId(key: string, issue: number): AuditTaskId {
  return (issue <= 1 ? key : `${key}~${issue}`) as AuditTaskId;
}
