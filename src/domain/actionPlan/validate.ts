import { isCalendarDate } from '../audit/forms/validate';
import { asIsoDate } from '../shared/brand';
import type { FieldError } from '../shared/fieldError';
import { ACTION_LIMITS, ACTION_STATUSES, type ActionFields, type ActionLink, type ActionStatus } from './types';

export type { FieldError };

export type ActionCheck = { readonly ok: true; readonly fields: ActionFields } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** What the checks need to know that is not in the input. */
export interface ActionContext {
  /** Whether this person id is in the directory (an owner must be someone real). */
  readonly isPerson: (id: string) => boolean;
  readonly isQuestion: (id: string) => boolean;
  readonly isCycle: (id: string) => boolean;
  readonly isAudit: (id: string) => boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

/**
 * Checks an action as typed. `earlier` is the stored action for a change: fields not given
 * keep their stored values, so the page can send only what changed. Every problem is
 * reported at once, by field, in words a manager understands.
 */
export function checkAction(input: unknown, context: ActionContext, earlier?: ActionFields): ActionCheck {
  const errors: FieldError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: [{ field: 'action', message: 'Send the action as an object with what, owner and due date.' }] };
  const raw = input as Record<string, unknown>;
  const given = (k: string): boolean => Object.prototype.hasOwnProperty.call(raw, k) && raw[k] !== undefined;

  let what = earlier?.what ?? '';
  if (given('what') || !earlier) {
    const w = str(raw.what);
    if (!w) errors.push({ field: 'what', message: 'Say what will be done.' });
    else if (w.length > ACTION_LIMITS.what) errors.push({ field: 'what', message: `Keep what will be done to ${ACTION_LIMITS.what} characters (this is ${w.length}).` });
    else what = w;
  }

  let ownerId = earlier?.ownerId ?? '';
  if (given('ownerId') || !earlier) {
    const o = str(raw.ownerId);
    if (!o) errors.push({ field: 'ownerId', message: 'Choose who owns this action.' });
    else if (!context.isPerson(o)) errors.push({ field: 'ownerId', message: 'The owner must be someone in the directory.' });
    else ownerId = o;
  }

  let due = earlier?.due;
  if (given('due') || !earlier) {
    const d = str(raw.due);
    if (!d) errors.push({ field: 'due', message: 'Give the date it is due, e.g. 2026-09-30.' });
    // A day that exists: `asIsoDate` alone lets 30 February through.
    else if (!isCalendarDate(d)) errors.push({ field: 'due', message: `"${d}" is not a date: write it as YYYY-MM-DD, e.g. 2026-09-30.` });
    else due = asIsoDate(d);
  }

  let status: ActionStatus = earlier?.status ?? 'not-started';
  if (given('status')) {
    const s = str(raw.status);
    if (!ACTION_STATUSES.includes(s as ActionStatus)) errors.push({ field: 'status', message: 'The status must be not started, in progress, done or dropped.' });
    else status = s as ActionStatus;
  }

  let progress = earlier?.progress ?? '';
  if (given('progress')) {
    const p = typeof raw.progress === 'string' ? raw.progress.trim() : undefined;
    if (p === undefined) errors.push({ field: 'progress', message: 'Progress must be text.' });
    else if (p.length > ACTION_LIMITS.progress) errors.push({ field: 'progress', message: `Keep progress to ${ACTION_LIMITS.progress} characters (this is ${p.length}).` });
    else progress = p;
  }

  let link: ActionLink = earlier?.link ?? { kind: 'none' };
  if (given('link')) {
    const checked = checkLink(raw.link, context);
    if ('message' in checked) errors.push({ field: 'link', message: checked.message });
    else link = checked;
  }

  if (errors.length > 0 || due === undefined) return { ok: false, errors };
  return { ok: true, fields: { what, ownerId, due, status, link, progress } };
}

function checkLink(raw: unknown, context: ActionContext): ActionLink | { readonly message: string } {
  if (raw === null) return { kind: 'none' };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { message: 'Link the action to a question, an audit, or nothing.' };
  const link = raw as Record<string, unknown>;
  if (link.kind === 'none') return { kind: 'none' };
  if (link.kind === 'question') {
    const questionId = str(link.questionId);
    if (!questionId || !context.isQuestion(questionId)) return { message: 'That question is not in the Health Check.' };
    const cycleId = str(link.cycleId);
    if (cycleId !== undefined && cycleId !== '' && !context.isCycle(cycleId)) return { message: `There is no cycle "${cycleId}".` };
    return cycleId ? { kind: 'question', questionId, cycleId } : { kind: 'question', questionId };
  }
  if (link.kind === 'audit') {
    const auditId = str(link.auditId);
    if (!auditId || !context.isAudit(auditId)) return { message: 'That audit could not be found.' };
    return { kind: 'audit', auditId };
  }
  return { message: 'Link the action to a question, an audit, or nothing.' };
}

/** Checks a "You said, we did" message. */
export function checkYouSaidWeDid(input: unknown, isAction: (id: string) => boolean): { ok: true; message: string; actionIds: string[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const message = str(raw.message) ?? '';
  if (message === '') errors.push({ field: 'message', message: 'Write the update staff will read.' });
  else if (message.length > ACTION_LIMITS.message) errors.push({ field: 'message', message: `Keep the update to ${ACTION_LIMITS.message} characters (this is ${message.length}).` });
  const ids = raw.actionIds === undefined ? [] : raw.actionIds;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) errors.push({ field: 'actionIds', message: 'List the actions by their ids.' });
  else if (ids.length > ACTION_LIMITS.actions) errors.push({ field: 'actionIds', message: `List at most ${ACTION_LIMITS.actions} actions in one update.` });
  else for (const id of ids as string[]) if (!isAction(id)) errors.push({ field: 'actionIds', message: `There is no action "${id}".` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, message, actionIds: [...new Set(ids as string[])] };
}
