import { can, mayDeleteAction, mayEditAction, mayViewAction, taskInScope, type Viewer } from '../../domain/access';
import { ACTION_STATUSES, type Action, type ActionStatus } from '../../domain/actionPlan/types';
import type { AuditTaskId } from '../../domain/audit/plan/task';
import { findQuestion } from '../../domain/survey/rules';
import { ActionNotFound } from '../../app/actionPlan';
import { auditInWords } from './audits';
import { mustBe, type RequestContext, type TabApiDeps } from './context';
import { ApiError, badRequest } from './respond';
import type { ActionDto, ActionListDto, YouSaidWeDidDto } from './types';

/** Whether the viewer may see the audit an action is linked to (undefined: not linked to one). */
async function auditVisible(deps: TabApiDeps, ctx: RequestContext, action: Pick<Action, 'link'>): Promise<boolean | undefined> {
  if (action.link.kind !== 'audit') return undefined;
  if (ctx.viewer.scope.all) return true;
  const task = await deps.auditTasks.get(action.link.auditId as AuditTaskId);
  return task !== undefined && taskInScope(ctx.viewer.scope, task, ctx.organisation);
}

function facts(action: Action, linkedAuditVisible: boolean | undefined) {
  return { createdBy: action.createdBy, ownerId: action.ownerId, ...(linkedAuditVisible === undefined ? {} : { linkedAuditVisible }) };
}

/** The linked audit in words where the viewer may see it; its id is never shown to people. */
async function auditText(deps: TabApiDeps, ctx: RequestContext, auditId: string, visible: boolean | undefined): Promise<string> {
  const task = visible ? await deps.auditTasks.get(auditId as AuditTaskId) : undefined;
  return task ? auditInWords(task, ctx.organisation) : 'An audit outside what you can see';
}

async function toDto(deps: TabApiDeps, ctx: RequestContext, action: Action, visible: boolean | undefined): Promise<ActionDto> {
  const name = (id: string) => ctx.organisation.people.find((p) => p.id === id)?.displayName ?? `${id} (not in the directory)`;
  const link =
    action.link.kind === 'question'
      ? { ...action.link, text: findQuestion(deps.app.questionnaire, action.link.questionId)?.text ?? action.link.questionId }
      : action.link.kind === 'audit'
        ? { ...action.link, text: await auditText(deps, ctx, action.link.auditId, visible) }
        : action.link;
  return {
    id: action.id,
    what: action.what,
    ownerId: action.ownerId,
    ownerName: name(action.ownerId),
    due: action.due,
    status: action.status,
    link,
    progress: action.progress,
    createdBy: name(action.createdBy),
    createdOn: action.createdOn,
    updatedOn: action.updatedOn,
    version: action.version,
    canEdit: mayEditAction(ctx.viewer, facts(action, visible)),
  };
}

export async function list(deps: TabApiDeps, ctx: RequestContext): Promise<ActionListDto> {
  const params = ctx.url.searchParams;
  const status = params.get('status');
  if (status !== null && !ACTION_STATUSES.includes(status as ActionStatus)) throw badRequest(`"status" must be one of ${ACTION_STATUSES.join(', ')}.`);
  const linkKind = params.get('link');
  if (linkKind !== null && !['question', 'audit', 'none'].includes(linkKind)) throw badRequest('"link" must be question, audit or none.');
  const question = params.get('question');
  const out: ActionDto[] = [];
  for (const action of await deps.actions.list()) {
    if (status !== null && action.status !== status) continue;
    if (linkKind !== null && action.link.kind !== linkKind) continue;
    if (question !== null && !(action.link.kind === 'question' && action.link.questionId === question)) continue;
    const visible = await auditVisible(deps, ctx, action);
    if (!mayViewAction(ctx.viewer, facts(action, visible))) continue;
    out.push(await toDto(deps, ctx, action, visible));
  }
  return { actions: out };
}

/** The action, or 404 both when there is none and when the viewer may not see it. */
async function load(deps: TabApiDeps, ctx: RequestContext, id: string): Promise<{ action: Action; visible: boolean | undefined }> {
  const action = await deps.actions.get(id);
  const visible = await auditVisible(deps, ctx, action);
  if (!mayViewAction(ctx.viewer, facts(action, visible))) throw new ActionNotFound();
  return { action, visible };
}

export async function get(deps: TabApiDeps, ctx: RequestContext, id: string): Promise<ActionDto> {
  const { action, visible } = await load(deps, ctx, id);
  return toDto(deps, ctx, action, visible);
}

function mayEdit(viewer: Viewer): void {
  mustBe(can(viewer, 'edit-actions'), 'The action plan is written by team managers, service managers, the Principal Social Worker and the management team.');
}

export async function create(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<ActionDto> {
  mayEdit(ctx.viewer);
  const link = body.link as { kind?: unknown; auditId?: unknown } | undefined;
  if (link?.kind === 'audit' && typeof link.auditId === 'string' && !ctx.viewer.scope.all) {
    const visible = await auditVisible(deps, ctx, { link: { kind: 'audit', auditId: link.auditId } });
    if (!visible) throw badRequest('Please check the field marked.', { fieldErrors: [{ field: 'link', message: 'That audit could not be found.' }] });
  }
  const action = await deps.actions.create(body, ctx.viewer.person.id);
  return toDto(deps, ctx, action, await auditVisible(deps, ctx, action));
}

export async function update(deps: TabApiDeps, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<ActionDto> {
  const { action, visible } = await load(deps, ctx, id);
  mustBe(mayEditAction(ctx.viewer, facts(action, visible)), 'Only whoever created or owns this action, the Principal Social Worker or an admin can change it.');
  const link = body.link as { kind?: unknown; auditId?: unknown } | undefined;
  if (link?.kind === 'audit' && typeof link.auditId === 'string' && !(await auditVisible(deps, ctx, { link: { kind: 'audit', auditId: link.auditId } }))) {
    throw badRequest('Please check the field marked.', { fieldErrors: [{ field: 'link', message: 'That audit could not be found.' }] });
  }
  const updated = await deps.actions.update(id, body);
  return toDto(deps, ctx, updated, await auditVisible(deps, ctx, updated));
}

export async function remove(deps: TabApiDeps, ctx: RequestContext, id: string): Promise<void> {
  const { action, visible } = await load(deps, ctx, id);
  mustBe(mayDeleteAction(ctx.viewer, facts(action, visible)), 'Only whoever created this action, the Principal Social Worker or an admin can delete it.');
  await deps.actions.remove(id);
}

/** Records the update and queues it for every member of staff through the bot's outbox. */
export async function youSaidWeDid(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<YouSaidWeDidDto> {
  mustBe(can(ctx.viewer, 'send-you-said-we-did'), '"You said, we did" updates are sent to all staff by the Principal Social Worker or an admin.');
  if (!deps.announce) throw new ApiError(503, 'The bot is not running in this process, so the update cannot be sent to staff.');
  const update = await deps.actions.recordUpdate(body, ctx.viewer.person.id);
  return { id: update.id, queued: await deps.announce(update) };
}
