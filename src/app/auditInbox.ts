import type { AuditTaskRecord } from '../domain/audit/compliance';
import { formFor } from '../domain/audit/forms';
import type { AuditForm } from '../domain/audit/forms/types';
import { councilYearOf } from '../domain/audit/plan/calendar';
import { DEFAULT_AUDIT_RULES, type AuditPlanRules } from '../domain/audit/plan/rules';
import type { Organisation } from '../domain/organisation/types';
import { dateOf } from '../domain/shared/brand';
import type { AuditRecord, AuditRecordStore } from '../ports/auditRecords';
import { allAuditTasks, type AuditTaskStore } from '../ports/audits';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';

/**
 * What a person has to do about audit records, worked out from the tasks,
 * the records and the organisation: audits to carry out, the part of an audit about them
 * still to add, audits they sent and may still amend, and audits waiting for their sign-off.
 * The same rules pick the proactive notices (`auditNotices`): the person audited is asked
 * for their part once the lead has submitted (again after an amendment), and the lead's
 * line manager is told an audit is ready to sign off.
 */

export type InboxKind = 'carry-out' | 'your-part' | 'amend' | 'sign-off';

export interface InboxEntry {
  readonly kind: InboxKind;
  readonly taskId: string;
  readonly due: string;
  /** The activity in plain words ("Practice standards audit"). */
  readonly activity: string;
  readonly formTitle: string;
  readonly formId: string;
  /** Who it is about and who leads it, by name. */
  readonly subject: string;
  readonly lead: string;
  /** 1 on submit, +1 per amendment; 0 before. */
  readonly revision: number;
}

export interface AuditInbox {
  readonly carryOut: readonly InboxEntry[];
  readonly yourPart: readonly InboxEntry[];
  readonly amend: readonly InboxEntry[];
  readonly signOff: readonly InboxEntry[];
}

interface Candidate {
  readonly task: AuditTaskRecord;
  readonly form: AuditForm;
  readonly subjectId: string;
  readonly record: AuditRecord | undefined;
}

const OPEN: ReadonlySet<string> = new Set(['planned', 'in-progress']);

/** Whether the form has a part for the person audited (Appendix 1's comments, Appendix 4's boxes). */
export function hasSubjectPart(form: AuditForm): boolean {
  return form.parts.includes(form.subject);
}

/** Submitted, and the subject's part is in if sign-off waits for it. */
export function readyToSignOff(record: AuditRecord | undefined): boolean {
  return record?.state.status === 'submitted' && (!record.state.signOffNeedsSubjectPart || record.state.subjectSubmittedAt !== undefined);
}

/** The subject's part is awaited: the lead has submitted and the subject has not (since the last amendment). */
export function subjectPartAwaited(form: AuditForm, record: AuditRecord | undefined): boolean {
  return hasSubjectPart(form) && record?.state.status === 'submitted' && record.state.subjectSubmittedAt === undefined;
}

function kindsFor(c: Candidate, personId: string, organisation: Organisation): InboxKind[] {
  const { task, form, record, subjectId } = c;
  if (task.status === 'cancelled') return [];
  const kinds: InboxKind[] = [];
  const me = organisation.people.find((p) => p.id === personId);
  const lead = organisation.people.find((p) => p.id === task.auditorId);
  if (task.auditorId === personId && OPEN.has(task.status) && record?.state.status !== 'submitted' && record?.state.status !== 'signed-off') kinds.push('carry-out');
  if (task.auditorId === personId && record?.state.status === 'submitted') kinds.push('amend');
  // The worker observed (Appendix 4) fills boxes 1–3 before the observer submits, so their part opens with the task.
  const workerEarly = form.subject === 'worker' && OPEN.has(task.status) && record?.state.status !== 'submitted';
  if (subjectId === personId && hasSubjectPart(form) && (subjectPartAwaited(form, record) || workerEarly)) kinds.push('your-part');
  const signer = lead?.lineManagerId === personId || me?.role === 'principal-social-worker';
  if (signer && personId !== task.auditorId && personId !== subjectId && readyToSignOff(record)) kinds.push('sign-off');
  return kinds;
}

async function candidates(tasks: AuditTaskStore, records: AuditRecordStore, clock: Clock, wanted: (t: AuditTaskRecord) => boolean): Promise<Candidate[]> {
  const year = councilYearOf(dateOf(clock.now()));
  const all = [...(await allAuditTasks(tasks, year - 1)), ...(await allAuditTasks(tasks, year))];
  const out: Candidate[] = [];
  for (const task of all) {
    const form = task.form === null ? undefined : formFor(task.form);
    if (!form || task.subject.kind !== 'person' || task.status === 'cancelled' || !wanted(task)) continue;
    out.push({ task, form, subjectId: task.subject.personId, record: await records.get(task.id) });
  }
  return out;
}

function entry(kind: InboxKind, c: Candidate, names: ReadonlyMap<string, string>, rules: AuditPlanRules): InboxEntry {
  const nameOf = (id: string): string => names.get(id) ?? 'someone no longer in the directory';
  return {
    kind,
    taskId: c.task.id,
    due: c.task.due,
    activity: rules.rules.find((r) => r.activity === c.task.activity)?.title ?? c.task.activity.replace(/-/g, ' '),
    formTitle: c.form.title,
    formId: c.form.id,
    subject: nameOf(c.subjectId),
    lead: nameOf(c.task.auditorId),
    revision: c.record?.state.revision ?? 0,
  };
}

/** What `personId` has to do, this council year and last, oldest due first in each list. */
export async function auditInbox(
  deps: { readonly tasks: AuditTaskStore; readonly records: AuditRecordStore; readonly directory: Directory; readonly clock: Clock; readonly rules?: AuditPlanRules },
  personId: string,
): Promise<AuditInbox> {
  const organisation = await deps.directory.organisation();
  const me = organisation.people.find((p) => p.id === personId);
  const managed = new Set(organisation.people.filter((p) => p.lineManagerId === personId).map((p) => p.id as string));
  const psw = me?.role === 'principal-social-worker';
  // Only the tasks this person can have anything to do with: the records of others are not read.
  const found = await candidates(
    deps.tasks,
    deps.records,
    deps.clock,
    (t) => psw || t.auditorId === personId || (t.subject.kind === 'person' && t.subject.personId === personId) || managed.has(t.auditorId),
  );
  const names = new Map(organisation.people.map((p) => [p.id as string, p.displayName]));
  const rules = deps.rules ?? DEFAULT_AUDIT_RULES;
  const lists: Record<InboxKind, InboxEntry[]> = { 'carry-out': [], 'your-part': [], amend: [], 'sign-off': [] };
  for (const c of found) for (const kind of kindsFor(c, personId, organisation)) lists[kind].push(entry(kind, c, names, rules));
  const byDue = (a: InboxEntry, b: InboxEntry): number => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.taskId < b.taskId ? -1 : 1);
  return { carryOut: lists['carry-out'].sort(byDue), yourPart: lists['your-part'].sort(byDue), amend: lists.amend.sort(byDue), signOff: lists['sign-off'].sort(byDue) };
}

/** A proactive notice about one audit record, keyed so it goes once per revision. */
export interface AuditNotice {
  /** `audit-part:<task>:r<revision>` or `audit-sign-off:<task>:r<revision>`. */
  readonly key: string;
  readonly personId: string;
  readonly kind: 'your-part' | 'sign-off';
  readonly entry: InboxEntry;
}

/**
 * The notices due now: the person audited, once per revision while their part is awaited;
 * the lead's line manager, once per revision when the record is ready to sign off (the PSW
 * may sign off too, but is not told of every audit: they see them under "audits"). People
 * who have left are not sent anything.
 */
export async function auditNotices(deps: {
  readonly tasks: AuditTaskStore;
  readonly records: AuditRecordStore;
  readonly organisation: Organisation;
  readonly clock: Clock;
  readonly rules?: AuditPlanRules;
}): Promise<AuditNotice[]> {
  const { organisation } = deps;
  const today = dateOf(deps.clock.now());
  const present = new Map(organisation.people.filter((p) => p.leftOn === undefined || p.leftOn > today).map((p) => [p.id as string, p]));
  const names = new Map(organisation.people.map((p) => [p.id as string, p.displayName]));
  const rules = deps.rules ?? DEFAULT_AUDIT_RULES;
  const found = await candidates(deps.tasks, deps.records, deps.clock, (t) => t.status === 'completed');
  const notices: AuditNotice[] = [];
  for (const c of found) {
    const revision = c.record?.state.revision ?? 0;
    if (subjectPartAwaited(c.form, c.record) && present.has(c.subjectId)) {
      notices.push({ key: `audit-part:${c.task.id}:r${revision}`, personId: c.subjectId, kind: 'your-part', entry: entry('your-part', c, names, rules) });
    }
    const manager = present.get(c.task.auditorId)?.lineManagerId;
    if (readyToSignOff(c.record) && manager !== undefined && present.has(manager) && manager !== c.subjectId) {
      notices.push({ key: `audit-sign-off:${c.task.id}:r${revision}`, personId: manager, kind: 'sign-off', entry: entry('sign-off', c, names, rules) });
    }
  }
  return notices;
}
