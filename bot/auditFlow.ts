import { AuditAnswersRefused, type AuditRecordService, type AuditView } from '../src/app/auditRecords';
import { UserFacingError } from '../src/app/errors';
import { councilYearOf } from '../src/domain/audit/plan/calendar';
import { DEFAULT_AUDIT_RULES, type AuditPlanRules } from '../src/domain/audit/plan/rules';
import type { AuditAnswer, AuditAnswers, AuditForm, AuditPart, Rating } from '../src/domain/audit/forms/types';
import type { AuditAnswerError } from '../src/domain/audit/forms/validate';
import { dateOf, type UserId } from '../src/domain/shared/brand';
import { allAuditTasks, type AuditTaskStore } from '../src/ports/audits';
import type { Clock } from '../src/ports/clock';
import type { Directory } from '../src/ports/directory';
import { auditAnswersFromCard, auditFormCard, auditFormPages } from './cards/auditForm';
import { auditListCard, type AuditListEntry } from './cards/auditList';
import { AUDIT_VERB_PREFIX, AUDIT_VERBS } from './cards/auditVerbs';
import { formatDate } from './cards/elements';
import { messageCard } from './cards/message';
import type { Reply } from './flow';

const OPEN_STATUSES: ReadonlySet<string> = new Set(['planned', 'in-progress']);

/**
 * Audit forms in the bot (issue 4): the text command `audits` lists the audits the person is
 * to carry out; `audit.open` shows the first page of their part, and Next, Back, Save draft
 * and Submit save each page through the audit record service. Returns `undefined` for
 * anything that is not about audits, so the survey flow handles it. The person acting is the
 * one Teams says is talking, never anyone named on the card: the service checks them against
 * the task, so a card pressed by someone else changes nothing.
 */
export class AuditFlow {
  constructor(
    private readonly records: AuditRecordService,
    private readonly tasks: AuditTaskStore,
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly rules: AuditPlanRules = DEFAULT_AUDIT_RULES,
  ) {}

  async onText(userId: UserId, raw: string): Promise<Reply | undefined> {
    const text = raw.trim().toLowerCase().replace(/[^a-z ]/g, '');
    if (text !== 'audits') return undefined;
    return { card: auditListCard({ entries: await this.openAuditsOf(userId), today: dateOf(this.clock.now()) }), replace: false };
  }

  async onAction(userId: UserId, value: unknown): Promise<Reply | undefined> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const data = value as Record<string, unknown>;
    if (typeof data.verb !== 'string' || !data.verb.startsWith(AUDIT_VERB_PREFIX)) return undefined;
    const verb = data.verb;
    const taskId = typeof data.taskId === 'string' ? data.taskId : '';
    if (!(Object.values(AUDIT_VERBS) as string[]).includes(verb) || taskId === '') return refusal('That button is not one I know. Type "audits" to see your audits again.');

    let view: AuditView;
    try {
      view = await this.records.view(taskId, userId);
    } catch (error) {
      if (error instanceof UserFacingError) return refusal(error.message);
      throw error;
    }
    const { form, task } = view;
    if (!view.relations.includes('lead')) return refusal(`Only the auditor can fill in this ${form.title}.`);
    if (task.status === 'completed') return { card: messageCard('Audit already sent', [`This ${form.title} was sent on ${formatDate(task.completedOn ?? task.due)}, so there is nothing more to fill in here.`]), replace: verb !== AUDIT_VERBS.open };
    const part = form.lead;
    const pages = auditFormPages(form, part);
    const subject = await this.nameOf(task.subject.kind === 'person' ? task.subject.personId : undefined);

    if (verb === AUDIT_VERBS.open) return { card: this.page(view, part, 0, storedAnswers(view, part), subject), replace: false };

    const page = clampPage(data.page, pages.length);
    const input = auditAnswersFromCard(form, part, page, data);
    const typed = { ...storedAnswers(view, part), ...shownAnswers(form, part, page, input) };
    try {
      const record = await this.records.saveDraft(taskId, userId, part, input);
      const saved = record.answers[part] ?? {};
      switch (verb) {
        case AUDIT_VERBS.next:
          return { card: this.page(view, part, Math.min(page + 1, pages.length - 1), saved, subject), replace: true };
        case AUDIT_VERBS.back:
          return { card: this.page(view, part, Math.max(page - 1, 0), saved, subject), replace: true };
        case AUDIT_VERBS.save:
          return {
            card: messageCard('Draft saved', [`Your answers to the ${form.title} about ${subject} are saved. Nothing is sent until you press Submit audit.`, 'Type "audits" and press Open to carry on.']),
            replace: true,
          };
        default:
          break;
      }
    } catch (error) {
      if (error instanceof AuditAnswersRefused) return { card: this.page(view, part, page, typed, subject, error.errors), replace: true };
      if (error instanceof UserFacingError) return refusal(error.message);
      throw error;
    }

    // Submit: this page is saved above; now the whole part must be complete.
    try {
      await this.records.submit(taskId, userId, {});
    } catch (error) {
      if (error instanceof AuditAnswersRefused) {
        const fresh = await this.records.view(taskId, userId);
        const errorPage = pageOf(form, part, error.errors[0]?.itemId) ?? page;
        return { card: this.page(fresh, part, errorPage, storedAnswers(fresh, part), subject, error.errors), replace: true };
      }
      if (error instanceof UserFacingError) return refusal(error.message);
      throw error;
    }
    return {
      card: messageCard('Audit sent', [`Your ${form.title} about ${subject} is submitted, and the audit is marked as done.`, 'Type "audits" to see any others you have to do.']),
      replace: true,
    };
  }

  /** Open audits the person leads that have a form to fill in here, this council year and last. */
  private async openAuditsOf(userId: UserId): Promise<AuditListEntry[]> {
    const year = councilYearOf(dateOf(this.clock.now()));
    const [thisYear, lastYear, organisation] = await Promise.all([allAuditTasks(this.tasks, year), allAuditTasks(this.tasks, year - 1), this.directory.organisation()]);
    const names = new Map(organisation.people.map((p) => [p.id as string, p.displayName]));
    return [...lastYear, ...thisYear]
      .filter((t) => t.auditorId === userId && OPEN_STATUSES.has(t.status) && t.form !== null && t.subject.kind === 'person')
      .map((t) => ({
        taskId: t.id,
        due: t.due,
        subject: t.subject.kind === 'person' ? (names.get(t.subject.personId) ?? 'someone no longer in the directory') : '',
        activity: this.rules.rules.find((r) => r.activity === t.activity)?.title ?? t.activity.replace(/-/g, ' '),
      }));
  }

  private async nameOf(personId: string | undefined): Promise<string> {
    if (personId === undefined) return 'the team';
    const organisation = await this.directory.organisation();
    return organisation.people.find((p) => p.id === personId)?.displayName ?? 'someone no longer in the directory';
  }

  private page(view: AuditView, part: AuditPart, page: number, answers: AuditAnswers, subject: string, errors?: readonly AuditAnswerError[]) {
    return auditFormCard({ form: view.form, task: view.task, part, page, answers, people: { subject }, ...(errors ? { errors } : {}) });
  }
}

function refusal(message: string): Reply {
  return { card: messageCard('I could not do that', [message]), replace: false };
}

function clampPage(raw: unknown, pages: number): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : 0;
  return Number.isInteger(n) && n >= 0 && n < pages ? n : 0;
}

function storedAnswers(view: AuditView, part: AuditPart): AuditAnswers {
  return view.record?.answers[part] ?? {};
}

/** The page an item is on. */
function pageOf(form: AuditForm, part: AuditPart, itemId: string | undefined): number | undefined {
  if (itemId === undefined) return undefined;
  const index = auditFormPages(form, part).findIndex((blocks) => blocks.some((b) => b.items.some((i) => i.id === itemId)));
  return index < 0 ? undefined : index;
}

/**
 * What was typed on a refused page, to show again as typed (not yet checked, so only for
 * display): blanks are left out, so the stored answer shows.
 */
function shownAnswers(form: AuditForm, part: AuditPart, page: number, input: Record<string, unknown>): Record<string, AuditAnswer> {
  const out: Record<string, AuditAnswer> = {};
  for (const item of (auditFormPages(form, part)[page] ?? []).flatMap((b) => b.items)) {
    const value = input[item.id];
    if (value === '' || value === undefined) continue;
    if (item.kind === 'rating' && typeof value === 'object' && value !== null) {
      const { rating, comment } = value as { rating: string; comment: string };
      out[item.id] = { kind: 'rating', rating: rating as Rating, ...(comment !== '' ? { comment } : {}) };
    } else if (item.kind === 'actions' && Array.isArray(value)) {
      out[item.id] = { kind: 'actions', actions: value as { action: string; owner: string; due: string }[] };
    } else if (typeof value === 'string') {
      out[item.id] = { kind: 'text', text: value };
    }
  }
  return out;
}
