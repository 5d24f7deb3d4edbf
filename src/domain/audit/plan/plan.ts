import type { IsoDate, UserId } from '../../shared/brand';
import type { Organisation, Person } from '../../organisation/types';
import { addDays, type DateRange, daysBetween, occurrenceRange, weekOf, workingDays } from './calendar';
import { mulberry32, seedFor, shuffle } from './random';
import { type AuditPlanRules, type AuditRule, formFor } from './rules';
import { type AuditSubject, type AuditTask, auditKey, keyOfTask, taskId, type AuditTaskId } from './task';

/**
 * The year's audit tasks from the Appendix 6 rules and the organisation. Pure and
 * deterministic: the same input (including `seed`) gives the same tasks, and planning again
 * with the previous output as `existing` changes only what the organisation changed.
 */

export interface PlanInput {
  readonly rules: AuditPlanRules;
  readonly organisation: Organisation;
  /** The council year: 2026 is April 2026 – March 2027. */
  readonly year: number;
  readonly seed: number;
  /** Tasks already planned (any year; other years pass through untouched). */
  readonly existing?: readonly AuditTask[];
  /** Today, from the injected clock: new tasks are not due before it. Omit to plan a whole year ahead. */
  readonly today?: IsoDate;
}

/** Something the plan could not do, for the PSW to act on; not an error. */
export type PlanFinding =
  | { readonly kind: 'no-auditor'; readonly activity: AuditRule['activity']; readonly subject: AuditSubject; readonly occurrence: number }
  | { readonly kind: 'window-closed'; readonly activity: AuditRule['activity']; readonly subject: AuditSubject; readonly occurrence: number }
  | { readonly kind: 'over-weekly-cap'; readonly auditorId: UserId; readonly week: IsoDate; readonly taskId: AuditTaskId };

export interface PlanResult {
  /** Sorted by due date, then id. */
  readonly tasks: AuditTask[];
  readonly findings: PlanFinding[];
}

interface Wanted {
  readonly key: string;
  readonly rule: AuditRule;
  readonly subject: AuditSubject;
  readonly occurrence: number;
  readonly auditorId: UserId | undefined;
  readonly form: AuditTask['form'];
  readonly range: DateRange;
}

export function planYear(input: PlanInput): AuditTask[] {
  return planYearWithFindings(input).tasks;
}

export function planYearWithFindings(input: PlanInput): PlanResult {
  const { rules, organisation, year, seed, existing = [], today } = input;
  const findings: PlanFinding[] = [];
  const wanted = new Map(wantedTasks(rules, organisation, year).map((w) => [w.key, w]));
  const present = new Set(organisation.people.map((p) => p.id));
  const teams = new Set(organisation.teams.map((t) => t.id));

  const tasks: AuditTask[] = [];
  const issuesByKey = new Map<string, AuditTask[]>();
  for (const task of existing) {
    if (task.year === year) {
      const key = keyOfTask(task);
      issuesByKey.set(key, [...(issuesByKey.get(key) ?? []), task]);
    }
    tasks.push(reconcile(task, year, wanted, present, teams));
  }

  const fresh: AuditTask[] = [];
  const ids = new Set(tasks.map((t) => t.id));
  const inHand = new Set(tasks.filter((t) => t.status !== 'cancelled' && t.year === year).map(keyOfTask));
  for (const want of wanted.values()) {
    const issues = issuesByKey.get(want.key) ?? [];
    // Completed, in progress or still planned for the right auditor: the audit is in hand.
    if (inHand.has(want.key)) continue;
    const where = { activity: want.rule.activity, subject: want.subject, occurrence: want.occurrence };
    if (want.auditorId === undefined) {
      findings.push({ kind: 'no-auditor', ...where });
      continue;
    }
    let window: DateRange = want.range;
    if (today !== undefined && today > window.start) {
      window = { start: today, end: window.end };
      if (window.start > window.end) {
        // A starter after the window closed is not owed that occurrence; an audit that was
        // already owed to someone (re-issued to a new auditor) still has to happen, soon.
        if (issues.length === 0) {
          findings.push({ kind: 'window-closed', ...where });
          continue;
        }
        window = { start: today, end: addDays(today, 27) };
      }
    }
    let issue = issues.length + 1;
    while (ids.has(taskId(want.key, issue))) issue++;
    const id = taskId(want.key, issue);
    ids.add(id);
    fresh.push({
      id,
      year,
      activity: want.rule.activity,
      subject: want.subject,
      occurrence: want.occurrence,
      auditorId: want.auditorId,
      form: want.form,
      window,
      due: window.start, // set by schedule()
      status: 'planned',
    });
  }

  const scheduled = schedule(fresh, tasks, rules, seed, findings);
  const all = [...tasks, ...scheduled].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { tasks: all, findings };
}

/**
 * An existing task after an organisation change. Completed, in-progress and cancelled tasks
 * are never touched: a completed audit is a record, and a draft belongs to whoever began it.
 * A planned task is cancelled (kept, not deleted) when its subject has left or is no longer
 * in scope, or when a different person should now audit it. We cancel and re-issue under a
 * new id rather than change the auditor in place, so the record shows who was asked and
 * when, reminders already queued for the old auditor (keyed by task id) stop, and the new
 * auditor gets a fresh series of reminders for a task that is theirs from the start.
 */
function reconcile(task: AuditTask, year: number, wanted: ReadonlyMap<string, Wanted>, present: ReadonlySet<UserId>, teams: ReadonlySet<string>): AuditTask {
  if (task.year !== year || task.status !== 'planned') return task;
  const want = wanted.get(keyOfTask(task));
  if (want === undefined) {
    const gone = (task.subject.kind === 'person' && !present.has(task.subject.personId)) || (task.subject.kind === 'team' && !teams.has(task.subject.teamId));
    return { ...task, status: 'cancelled', cancelledReason: gone ? 'subject-left' : 'no-longer-required' };
  }
  if (want.auditorId !== task.auditorId) return { ...task, status: 'cancelled', cancelledReason: 'auditor-changed' };
  return task;
}

/** Every audit the rules ask for this year, with who should do it now. */
function wantedTasks(rules: AuditPlanRules, organisation: Organisation, year: number): Wanted[] {
  const people = [...organisation.people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(people.map((p) => [p.id, p]));
  // Someone who has left is nobody's auditor, even while the directory still points at them.
  const inPost = (id: UserId | undefined): UserId | undefined => (id !== undefined && byId.has(id) ? id : undefined);
  const supervisorIds = new Set(people.map((p) => inPost(p.supervisorId)).filter((id): id is UserId => id !== undefined));

  const out: Wanted[] = [];
  for (const rule of rules.rules) {
    const subjects: { subject: AuditSubject; person?: Person; auditorId: UserId | undefined }[] = [];
    const leadFor = (person: Person | undefined, teamId: string | undefined): UserId | undefined => {
      switch (rule.lead.kind) {
        case 'line-manager':
          return inPost(person?.lineManagerId);
        case 'supervisor':
          return inPost(person?.supervisorId);
        case 'team-manager':
          return people.find((p) => p.role === 'team-manager' && p.teamId === teamId)?.id;
        case 'role': {
          const role = rule.lead.role;
          return people.find((p) => p.role === role)?.id;
        }
      }
    };
    switch (rule.subjects.kind) {
      case 'supervisors':
        for (const p of people) if (supervisorIds.has(p.id)) subjects.push({ subject: { kind: 'person', personId: p.id }, person: p, auditorId: leadFor(p, p.teamId) });
        break;
      case 'supervisees': {
        const roles = new Set(rule.subjects.roles);
        for (const p of people) if (p.supervisorId !== undefined && roles.has(p.role)) subjects.push({ subject: { kind: 'person', personId: p.id }, person: p, auditorId: leadFor(p, p.teamId) });
        break;
      }
      case 'teams':
        for (const t of organisation.teams) subjects.push({ subject: { kind: 'team', teamId: t.id }, auditorId: leadFor(undefined, t.id) });
        break;
      case 'organisation':
        subjects.push({ subject: { kind: 'organisation' }, auditorId: leadFor(undefined, undefined) });
        break;
    }
    for (const s of subjects) {
      for (let occurrence = 1; occurrence <= rule.frequency; occurrence++) {
        out.push({
          key: auditKey(year, rule.activity, s.subject, occurrence),
          rule,
          subject: s.subject,
          occurrence,
          auditorId: s.auditorId,
          form: formFor(rule.form, s.person?.role),
          range: occurrenceRange(year, rule.window, rule.frequency, occurrence),
        });
      }
    }
  }
  return out;
}

/**
 * Due dates for new tasks. Each auditor's tasks of one kind and window are spread evenly
 * over its working days (stratified: the i-th of n lands in the i-th n-th of the window, at a
 * seeded random point), then moved to the nearest working day whose week still has room
 * under the weekly cap. Narrow windows go first, so Q3/Q4 work is not crowded out by work
 * that could go anywhere in the year. Existing tasks keep their dates and count towards the cap.
 */
function schedule(fresh: readonly AuditTask[], kept: readonly AuditTask[], rules: AuditPlanRules, seed: number, findings: PlanFinding[]): AuditTask[] {
  const closed = new Set(rules.closedDays ?? []);
  const load = new Map<string, number>();
  const slot = (auditor: UserId, date: IsoDate) => `${auditor}|${weekOf(date)}`;
  for (const t of kept) if (t.status !== 'cancelled') load.set(slot(t.auditorId, t.due), (load.get(slot(t.auditorId, t.due)) ?? 0) + 1);

  const groups = new Map<string, AuditTask[]>();
  for (const t of fresh) {
    const key = `${t.window.start}|${t.window.end}|${t.auditorId}|${t.activity}|${t.occurrence}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const order = [...groups.keys()].sort((a, b) => {
    const [as, ae] = a.split('|') as [IsoDate, IsoDate];
    const [bs, be] = b.split('|') as [IsoDate, IsoDate];
    return daysBetween(as, ae) - daysBetween(bs, be) || (a < b ? -1 : a > b ? 1 : 0);
  });

  const out: AuditTask[] = [];
  for (const key of order) {
    const members = [...(groups.get(key) ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
    const random = mulberry32(seedFor(seed, key));
    const first = members[0];
    if (first === undefined) continue;
    const days = workingDays(first.window, closed);
    shuffle(members, random).forEach((task, i) => {
      if (days.length === 0) {
        out.push(task);
        return;
      }
      const target = Math.min(days.length - 1, Math.floor(((i + random()) * days.length) / members.length));
      let chosen: IsoDate | undefined;
      for (let step = 0; step < 2 * days.length && chosen === undefined; step++) {
        const offset = step % 2 === 0 ? step / 2 : -(step + 1) / 2;
        const day = days[target + offset];
        if (day !== undefined && (load.get(slot(task.auditorId, day)) ?? 0) < rules.maxDuePerAuditorPerWeek) chosen = day;
      }
      if (chosen === undefined) {
        chosen = days[target] as IsoDate;
        findings.push({ kind: 'over-weekly-cap', auditorId: task.auditorId, week: weekOf(chosen), taskId: task.id });
      }
      load.set(slot(task.auditorId, chosen), (load.get(slot(task.auditorId, chosen)) ?? 0) + 1);
      out.push({ ...task, due: chosen });
    });
  }
  return out;
}
