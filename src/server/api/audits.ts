import { AuditElsewhere, notVisible, type AuditRecordService, type AuditView } from '../../app/auditRecords';
import { workflowLink } from '../../domain/framework/workflow';
import { can, taskInScope, type Viewer } from '../../domain/access';
import { bucketOf, compliance, type AuditTaskRecord } from '../../domain/audit/compliance';
import type { AuditPart } from '../../domain/audit/forms/types';
import { councilYearOf, daysBetween } from '../../domain/audit/plan/calendar';
import { DEFAULT_AUDIT_RULES } from '../../domain/audit/plan/rules';
import type { AuditTaskId } from '../../domain/audit/plan/task';
import { formFor } from '../../domain/audit/forms';
import type { Organisation } from '../../domain/organisation/types';
import { dateOf, type IsoDate } from '../../domain/shared/brand';
import { longDate } from '../../domain/shared/dates';
import { allAuditTasks } from '../../ports/audits';
import { UserFacingError } from '../../app/errors';
import { mustBe, scopeDto, type RequestContext, type TabApiDeps } from './context';
import { ApiError, badRequest, forbidden } from './respond';
import type { AuditElsewhereDto, AuditListItem, AuditsDueDto, AuditViewDto, ComplianceDto, MyAuditsDto } from './types';

const PARTS: readonly AuditPart[] = ['auditor', 'subject', 'observer', 'worker'];

function yearParam(deps: TabApiDeps, raw: string | null): number {
  if (raw === null) return councilYearOf(dateOf(deps.clock.now()));
  if (!/^\d{4}$/.test(raw)) throw badRequest(`"year" must be the year the council year starts in, e.g. 2026 for April 2026 – March 2027, not "${raw}".`);
  const year = Number(raw);
  // The years the audit programme can hold (as the audit service says): anything else is a typing slip.
  if (year < 2000 || year > 2999) throw badRequest(`The audit year must be a year such as 2026 (April 2026 – March 2027), not ${raw}.`);
  return year;
}

const TITLES = new Map<string, string>(DEFAULT_AUDIT_RULES.rules.map((r) => [r.activity, r.title]));

function item(task: AuditTaskRecord, organisation: Organisation, today: IsoDate): AuditListItem {
  const name = (id: string) => organisation.people.find((p) => p.id === id)?.displayName ?? `${id} (not in the directory)`;
  const subject = task.subject.kind === 'person' ? name(task.subject.personId) : task.subject.kind === 'team' ? teamName(organisation, task.subject.teamId) : 'The whole service';
  const days = task.due < today ? daysBetween(task.due, today) : daysBetween(today, task.due);
  return {
    id: task.id,
    activity: task.activity,
    activityLabel: TITLES.get(task.activity) ?? task.activity,
    subject,
    auditorId: task.auditorId,
    auditor: name(task.auditorId),
    due: task.due,
    status: task.status,
    days,
    hasForm: task.form !== null && task.subject.kind === 'person',
    workflow: workflowLink(task),
  };
}

/** An audit in words, for anything that points at one: "Practice standards audit: Alex Wilber, due Friday 26 March 2027". */
export function auditInWords(task: AuditTaskRecord, organisation: Organisation): string {
  const i = item(task, organisation, task.due);
  return `${i.activityLabel}: ${i.subject}, due ${longDate(task.due)}`;
}

function teamName(organisation: Organisation, id: string): string {
  return organisation.teams.find((t) => t.id === id)?.name ?? id;
}

const byDue = (a: AuditListItem, b: AuditListItem): number => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function mayViewProgramme(viewer: Viewer): void {
  mustBe(can(viewer, 'view-audit-compliance'), 'Audit compliance is for supervisors, managers, the Principal Social Worker and the management team. Your own audits are under My audits.');
}

/**
 * Compliance within scope: the rows (by type, team) over the aggregate scope, and anything
 * naming a person (by auditor, overdue) over the viewer's named scope.
 */
export async function complianceOf(deps: TabApiDeps, ctx: RequestContext, rawYear: string | null): Promise<ComplianceDto> {
  mayViewProgramme(ctx.viewer);
  const year = yearParam(deps, rawYear);
  const today = dateOf(deps.clock.now());
  const tasks = await allAuditTasks(deps.auditTasks, year);
  const { viewer, organisation } = ctx;
  const aggregate = compliance(
    tasks.filter((t) => taskInScope(viewer.aggregateScope, t, organisation)),
    today,
    { organisation },
  );
  const named = compliance(
    tasks.filter((t) => taskInScope(viewer.scope, t, organisation)),
    today,
    { organisation },
  );
  return { ...aggregate, byAuditor: named.byAuditor, overdue: named.overdue, year, scope: scopeDto(viewer.scope) };
}

export async function due(deps: TabApiDeps, ctx: RequestContext, rawYear: string | null): Promise<AuditsDueDto> {
  mayViewProgramme(ctx.viewer);
  const year = yearParam(deps, rawYear);
  const today = dateOf(deps.clock.now());
  const tasks = (await allAuditTasks(deps.auditTasks, year)).filter((t) => taskInScope(ctx.viewer.scope, t, ctx.organisation));
  const list = (bucket: 'overdue' | 'dueSoon') =>
    tasks
      .filter((t) => bucketOf(t, today) === bucket)
      .map((t) => item(t, ctx.organisation, today))
      .sort(byDue);
  return { today, overdue: list('overdue'), dueSoon: list('dueSoon') };
}

export async function mine(deps: TabApiDeps, ctx: RequestContext, rawYear: string | null): Promise<MyAuditsDto> {
  const year = yearParam(deps, rawYear);
  const today = dateOf(deps.clock.now());
  const me = ctx.viewer.person.id as string;
  const tasks = (await allAuditTasks(deps.auditTasks, year)).filter((t) => t.status !== 'cancelled');
  return {
    today,
    asAuditor: tasks
      .filter((t) => t.auditorId === me)
      .map((t) => item(t, ctx.organisation, today))
      .sort(byDue),
    asSubject: tasks
      .filter((t) => t.subject.kind === 'person' && t.subject.personId === me)
      .map((t) => item(t, ctx.organisation, today))
      .sort(byDue),
  };
}

function service(deps: TabApiDeps): AuditRecordService {
  return deps.auditRecordService;
}

function taskIdOf(ctx: RequestContext): string {
  const id = ctx.url.searchParams.get('id');
  if (id === null || id.trim() === '') throw badRequest("Say which audit: add ?id= with the audit's id.");
  return id;
}

/** The audit, or 403 for anyone the audit service would not show it to (without saying whether it exists). */
async function viewFor(deps: TabApiDeps, ctx: RequestContext, taskId: string): Promise<AuditView> {
  try {
    return await service(deps).view(taskId, ctx.viewer.person.id);
  } catch (error) {
    if (error instanceof UserFacingError && /cannot see this audit/.test(error.message)) {
      // Anyone whose scope covers the audit may read it (a supervisor their
      // supervisees' audits, admins everything), with no relation to it, so no step is theirs.
      const readOnly = await scopedView(deps, ctx, taskId);
      if (readOnly) return readOnly;
      throw forbidden(error.message);
    }
    if (error instanceof UserFacingError && !(await mayKnowOf(deps, ctx, taskId))) {
      // Any other answer about an audit this person may not see ("it has no form") would say it exists.
      throw forbidden(notVisible().message);
    }
    throw error;
  }
}

/** Whether the audit is one this person may know exists: theirs to carry out, or in their named scope. */
async function mayKnowOf(deps: TabApiDeps, ctx: RequestContext, taskId: string): Promise<boolean> {
  const task = await deps.auditTasks.get(taskId as AuditTaskId);
  return task !== undefined && (task.auditorId === ctx.viewer.person.id || taskInScope(ctx.viewer.scope, task, ctx.organisation));
}

async function scopedView(deps: TabApiDeps, ctx: RequestContext, taskId: string): Promise<AuditView | undefined> {
  const task = await deps.auditTasks.get(taskId as AuditTaskId);
  const form = task?.form ? formFor(task.form) : undefined;
  if (!task || !form || task.subject.kind !== 'person' || !taskInScope(ctx.viewer.scope, task, ctx.organisation)) return undefined;
  return { task, form, record: await deps.auditRecords.get(task.id), relations: [] };
}

function dto(view: AuditView, ctx: RequestContext, today: IsoDate): AuditViewDto {
  const { task, form, record, relations } = view;
  const status = record?.state.status ?? 'draft';
  const is = (r: string) => relations.includes(r as never);
  const hasSubjectPart = form.parts.includes(form.subject);
  const name = (id: string) => ctx.organisation.people.find((p) => p.id === id)?.displayName ?? id;
  const subjectDone = record?.state.subjectSubmittedAt !== undefined;
  return {
    task: { ...item(task, ctx.organisation, today), subjectId: task.subject.kind === 'person' ? task.subject.personId : null, window: task.window },
    form,
    record: record
      ? {
          status: record.state.status,
          revision: record.state.revision,
          answers: record.answers,
          ...(record.state.submittedAt ? { submittedAt: record.state.submittedAt } : {}),
          ...(record.state.subjectSubmittedAt ? { subjectSubmittedAt: record.state.subjectSubmittedAt } : {}),
          ...(record.state.signedOffAt ? { signedOffAt: record.state.signedOffAt } : {}),
          ...(record.state.signedOffBy ? { signedOffBy: record.state.signedOffBy } : {}),
          history: record.state.history.map((h) => ({ event: h.event, by: h.by, byName: name(h.by), at: h.at })),
        }
      : null,
    relations,
    can: {
      saveLead: is('lead') && status === 'draft',
      submit: is('lead') && status === 'draft',
      amend: is('lead') && status === 'submitted',
      saveSubject: is('subject') && hasSubjectPart && status !== 'signed-off',
      submitSubject: is('subject') && hasSubjectPart && status === 'submitted' && !subjectDone,
      signOff: (is('lead-line-manager') || is('psw')) && !is('lead') && !is('subject') && status === 'submitted' && (!record?.state.signOffNeedsSubjectPart || subjectDone),
    },
  };
}

/**
 * An audit's form, or, for an audit that is not a form (the caseload audit, the national
 * standards audit, the health check, a thematic review), where it is carried out, to those
 * who may know of it: its lead, their managers and the PSW as the bot says, and anyone whose
 * named scope covers it.
 */
export async function view(deps: TabApiDeps, ctx: RequestContext): Promise<AuditViewDto | AuditElsewhereDto> {
  const taskId = taskIdOf(ctx);
  const today = dateOf(deps.clock.now());
  try {
    return dto(await viewFor(deps, ctx, taskId), ctx, today);
  } catch (error) {
    const elsewhere = error instanceof AuditElsewhere ? error : await elsewhereInScope(deps, ctx, taskId);
    if (!elsewhere) throw error;
    return { task: item(elsewhere.task, ctx.organisation, today), workflow: workflowLink(elsewhere.task), words: elsewhere.message };
  }
}

/** An organisational audit someone may read by scope (an admin, a manager of its team), though the bot would not show it to them. */
async function elsewhereInScope(deps: TabApiDeps, ctx: RequestContext, taskId: string): Promise<AuditElsewhere | undefined> {
  const task = await deps.auditTasks.get(taskId as AuditTaskId);
  if (!task || task.form !== null || !taskInScope(ctx.viewer.scope, task, ctx.organisation)) return undefined;
  try {
    await service(deps).view(taskId, task.auditorId);
  } catch (error) {
    if (error instanceof AuditElsewhere) return error;
  }
  return undefined;
}

function answersOf(body: Record<string, unknown>): Record<string, unknown> {
  const answers = body.answers ?? {};
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) throw badRequest('Send the answers as an object, by item id.');
  return answers as Record<string, unknown>;
}

export type AuditStep = 'draft' | 'submit' | 'amend' | 'subject' | 'sign-off';

/**
 * One step on an audit form. The viewer must be able to see the audit (else 403, whether or
 * not it exists) and hold the relation the step needs (else 403); the audit record service
 * then applies the same lifecycle and validation as the bot's card.
 */
export async function step(deps: TabApiDeps, ctx: RequestContext, which: AuditStep, body: Record<string, unknown>): Promise<AuditViewDto> {
  const taskId = taskIdOf(ctx);
  const today = dateOf(deps.clock.now());
  const before = dto(await viewFor(deps, ctx, taskId), ctx, today);
  const me = ctx.viewer.person.id;
  const records = service(deps);
  const form = before.form;
  // What the screening took out of the notes, to say on the page (names, emails, case numbers).
  let screened: readonly string[] = [];
  const keep = (r: { readonly screened?: readonly string[] }) => {
    screened = r.screened ?? [];
  };
  switch (which) {
    case 'draft': {
      const part = body.part;
      if (typeof part !== 'string' || !PARTS.includes(part as AuditPart)) throw badRequest('Say which part of the form this is: auditor, subject, observer or worker.');
      const lead = part === form.lead;
      mustBe(
        lead ? before.can.saveLead : part === form.subject && before.can.saveSubject,
        lead ? 'Only the lead of this audit can save that part, and only before it is submitted.' : 'Only the person audited can save their part, before sign-off.',
      );
      keep(await records.saveDraft(taskId, me, part as AuditPart, answersOf(body)));
      break;
    }
    case 'submit':
      mustBe(before.can.submit, 'Only the lead of this audit can submit it, once.');
      keep(await records.submit(taskId, me, answersOf(body)));
      break;
    case 'amend':
      mustBe(before.can.amend, 'Only the lead can amend a submitted audit, before it is signed off.');
      keep(await records.amend(taskId, me, answersOf(body)));
      break;
    case 'subject':
      if (body.submit === true) {
        mustBe(before.can.submitSubject, 'Only the person audited can send their part, once the lead has submitted.');
        keep(await records.addSubjectComments(taskId, me, answersOf(body)));
      } else {
        mustBe(before.can.saveSubject, 'Only the person audited can save their part, before sign-off.');
        keep(await records.saveDraft(taskId, me, form.subject, answersOf(body)));
      }
      break;
    case 'sign-off':
      mustBe(before.can.signOff, "A submitted audit is signed off by the lead's line manager or the Principal Social Worker (never by the lead or the person audited).");
      await records.signOff(taskId, me);
      break;
    default:
      throw new ApiError(404, 'There is no such step on an audit.');
  }
  const after = dto(await viewFor(deps, ctx, taskId), ctx, today);
  return screened.length > 0 ? { ...after, screened } : after;
}
