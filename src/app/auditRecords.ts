import type { AuditTaskRecord } from '../domain/audit/compliance';
import { formFor } from '../domain/audit/forms';
import { apply, newAuditRecord, type AuditEvent, type AuditRelation } from '../domain/audit/forms/lifecycle';
import type { AuditAnswer, AuditAnswers, AuditForm, AuditItemId, AuditPart } from '../domain/audit/forms/types';
import { explainScreening } from '../domain/dataProtection/screening';
import type { FreeTextScreen } from './screening';
import { validateAuditForm, type AuditAnswerError } from '../domain/audit/forms/validate';
import type { AuditTaskId } from '../domain/audit/plan/task';
import { DEFAULT_AUDIT_RULES, type AuditPlanRules } from '../domain/audit/plan/rules';
import { workflowWords } from '../domain/framework/workflow';
import type { Organisation } from '../domain/organisation/types';
import { dateOf, type IsoDate } from '../domain/shared/brand';
import type { AuditRecord, AuditRecordEffects, AuditRecordStore } from '../ports/auditRecords';
import { allAuditTasks, type AuditTaskStore } from '../ports/audits';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import { StoreError } from '../ports/stores';
import { UserFacingError } from './errors';
import { auditInbox, auditNotices, type AuditInbox, type AuditNotice } from './auditInbox';

/** Answers refused by the form's rules: each error names its item, for a card to show beside it. */
export class AuditAnswersRefused extends UserFacingError {
  constructor(
    message: string,
    readonly errors: readonly AuditAnswerError[],
  ) {
    super(
      message,
      errors.map((e) => e.message),
    );
    this.name = 'AuditAnswersRefused';
  }
}

/**
 * An audit that is not a form (the caseload audit, the national standards audit, the health
 * check, a thematic review): where it is carried out instead, in words.
 */
export class AuditElsewhere extends UserFacingError {
  constructor(
    readonly task: AuditTaskRecord,
    message: string,
  ) {
    super(message);
    this.name = 'AuditElsewhere';
  }
}

/** What someone allowed to see an audit sees. `record` is absent until someone has saved it. */
export interface AuditView {
  readonly task: AuditTaskRecord;
  readonly form: AuditForm;
  readonly record: AuditRecord | undefined;
  /** How the viewer relates to it: what they may do. */
  readonly relations: readonly AuditRelation[];
}

interface Loaded {
  readonly task: AuditTaskRecord;
  readonly form: AuditForm;
  readonly subjectId: string;
  readonly record: AuditRecord | undefined;
  readonly organisation: Organisation;
}

/**
 * Filling in, submitting, amending and signing off audit forms, and who may see them.
 * Each step checks the person against the task (via the directory) and the record's
 * lifecycle, validates answers against the form, and records the event in the history.
 */
export class AuditRecordService {
  constructor(
    private readonly records: AuditRecordStore,
    private readonly tasks: AuditTaskStore,
    private readonly directory: Directory,
    private readonly clock: Clock,
    /** Takes names, emails and case numbers out of the form's notes before they are kept. */
    private readonly screen?: FreeTextScreen,
  ) {}

  /** What the person has to do about audits: to carry out, their part to add, to amend, to sign off. */
  inbox(personId: string, rules?: AuditPlanRules): Promise<AuditInbox> {
    return auditInbox({ tasks: this.tasks, records: this.records, directory: this.directory, clock: this.clock, ...(rules ? { rules } : {}) }, personId);
  }

  /** The audit records waiting for someone, for the reminder pass to send (once per revision). */
  async notices(): Promise<AuditNotice[]> {
    return auditNotices({ tasks: this.tasks, records: this.records, organisation: await this.directory.organisation(), clock: this.clock });
  }

  /** Saves what has been typed into one part of the form, without requiring anything. */
  async saveDraft(taskId: string, actorId: string, part: AuditPart, input: unknown): Promise<SavedAuditRecord> {
    const loaded = await this.load(taskId);
    const lead = part === loaded.form.lead;
    if (!lead && part !== loaded.form.subject) throw new UserFacingError(`The ${loaded.form.title} has no part for ${PART_NAMES[part]}.`);
    if (!lead && !loaded.form.parts.includes(part)) throw new UserFacingError(`The ${loaded.form.title} has no part for the person audited to fill in.`);
    // The lead's first draft puts the task in progress, in the same write.
    return this.step(loaded, actorId, lead ? 'save-draft' : 'save-subject-part', { part, input, mode: 'draft' }, lead ? { startTask: true } : {});
  }

  /**
   * The lead submits their part (all required answers given); the audit task is completed in
   * the same transaction, so a crash cannot leave one without the other.
   */
  async submit(taskId: string, actorId: string, input: unknown = {}): Promise<SavedAuditRecord> {
    const loaded = await this.load(taskId);
    return this.step(loaded, actorId, 'submit', { part: loaded.form.lead, input, mode: 'submit' }, { completeTaskOn: dateOf(this.clock.now()) });
  }

  /**
   * Puts tasks right with their records, for records written before submit and completion
   * were one transaction (or by another tool): a task still to do whose record was submitted
   * is completed on the day it was submitted; a planned task with a draft is in progress.
   * Safe to run at every start; returns how many tasks it changed.
   */
  async repair(years: readonly number[]): Promise<{ readonly completed: number; readonly started: number }> {
    let completed = 0;
    let started = 0;
    for (const year of years) {
      for (const task of await allAuditTasks(this.tasks, year)) {
        if (task.status !== 'planned' && task.status !== 'in-progress') continue;
        const record = await this.records.get(task.id);
        if (!record) continue;
        try {
          if (record.state.status !== 'draft') {
            await this.tasks.setStatus(task.id, 'completed', (record.state.submittedAt ?? this.clock.now().toISOString()).slice(0, 10) as IsoDate);
            completed++;
          } else if (task.status === 'planned' && record.state.history.some((e) => e.event === 'save-draft')) {
            await this.tasks.setStatus(task.id, 'in-progress', dateOf(this.clock.now()));
            started++;
          }
        } catch (error) {
          // Someone else moved it meanwhile: nothing to repair.
          if (!(error instanceof StoreError && error.code === 'conflict')) throw error;
        }
      }
    }
    return { completed, started };
  }

  /** The lead changes a submitted audit before it is signed off. */
  async amend(taskId: string, actorId: string, input: unknown): Promise<SavedAuditRecord> {
    const loaded = await this.load(taskId);
    return this.step(loaded, actorId, 'amend', { part: loaded.form.lead, input, mode: 'submit' });
  }

  /**
   * The person audited submits their part (Appendix 1: their comments; Appendix 4: the
   * worker's boxes, box 4 after the observer's report), once the lead has submitted.
   */
  async addSubjectComments(taskId: string, actorId: string, input: unknown): Promise<SavedAuditRecord> {
    const loaded = await this.load(taskId);
    if (!loaded.form.parts.includes(loaded.form.subject)) throw new UserFacingError(`The ${loaded.form.title} has no part for the person audited to fill in.`);
    return this.step(loaded, actorId, 'submit-subject-part', { part: loaded.form.subject, input, mode: 'submit' });
  }

  /** The lead's line manager or the PSW signs off a submitted audit; nothing changes after. */
  async signOff(taskId: string, actorId: string): Promise<AuditRecord> {
    return this.step(await this.load(taskId), actorId, 'sign-off');
  }

  /**
   * The audit, for the auditor, the person audited, their line managers (up the chain) and
   * the auditor's, and the PSW. Anyone else is refused without learning anything about it.
   */
  async view(taskId: string, viewerId: string): Promise<AuditView> {
    const loaded = await this.load(taskId, viewerId);
    const { task, form, record, organisation, subjectId } = loaded;
    const viewer = organisation.people.find((p) => p.id === viewerId);
    const allowed =
      viewerId === task.auditorId ||
      viewerId === subjectId ||
      viewer?.role === 'principal-social-worker' ||
      managersOf(organisation, subjectId).has(viewerId) ||
      managersOf(organisation, task.auditorId).has(viewerId);
    if (!allowed) throw notVisible();
    return { task, form, record, relations: relationsOf(loaded, viewerId) };
  }

  private async load(taskId: string, viewerId?: string): Promise<Loaded> {
    const task = await this.tasks.get(taskId as AuditTaskId);
    // A viewer who may not see the audit must not learn whether it exists either.
    if (!task) throw viewerId !== undefined ? notVisible() : new UserFacingError('That audit could not be found. It may have been re-planned; please open it again from your list of audits.');
    const form = task.form === null ? undefined : formFor(task.form);
    if (!form || task.subject.kind !== 'person') {
      // Not a form: say where it is done, to those who may know of it (its lead, their managers, the PSW).
      if (viewerId !== undefined) {
        const organisation = await this.directory.organisation();
        const viewer = organisation.people.find((p) => p.id === viewerId);
        if (viewerId !== task.auditorId && viewer?.role !== 'principal-social-worker' && !managersOf(organisation, task.auditorId).has(viewerId)) throw notVisible();
      }
      throw new AuditElsewhere(task, workflowWords(task.activity, DEFAULT_AUDIT_RULES.rules.find((r) => r.activity === task.activity)?.title ?? 'audit'));
    }
    const [record, organisation] = await Promise.all([this.records.get(task.id), this.directory.organisation()]);
    return { task, form, subjectId: task.subject.personId, record, organisation };
  }

  /**
   * The notes of a part, screened: names from the directory, emails and case numbers taken out
   * of comments and boxes; the case identifier keeps its case number (that is what it is for)
   * but no name. An action's owner is named on purpose and stays.
   */
  private async screenNotes(answers: AuditAnswers): Promise<{ readonly answers: AuditAnswers; readonly notes: readonly string[] }> {
    if (!this.screen) return { answers, notes: [] };
    const out: Record<string, AuditAnswer> = {};
    const notes: string[] = [];
    const clean = async (text: string, where: string, allowCase = false): Promise<string> => {
      const result = await this.screen!.screen(text, allowCase ? { allow: ['case-number'] } : {});
      const note = explainScreening(result.found, where);
      if (note) notes.push(note);
      return result.text;
    };
    for (const [id, answer] of Object.entries(answers)) {
      if (answer.kind === 'text') out[id] = { ...answer, text: await clean(answer.text, id === CASE_IDENTIFIER ? 'the case identifier' : 'a box on the form', id === CASE_IDENTIFIER) };
      else if (answer.kind === 'rating' && answer.comment !== undefined) out[id] = { ...answer, comment: await clean(answer.comment, 'a comment on the form') };
      else if (answer.kind === 'actions') out[id] = { ...answer, actions: await Promise.all(answer.actions.map(async (a) => ({ ...a, action: await clean(a.action, 'an action') }))) };
      else out[id] = answer;
    }
    return { answers: out, notes };
  }

  private async step(
    loaded: Loaded,
    actorId: string,
    event: AuditEvent,
    fill?: { readonly part: AuditPart; readonly input: unknown; readonly mode: 'draft' | 'submit' },
    effects: AuditRecordEffects = {},
  ): Promise<SavedAuditRecord> {
    const { task, form, record, subjectId } = loaded;
    if (task.status === 'cancelled') throw new UserFacingError('This audit was cancelled, so it can no longer be filled in or signed off.');
    if (record && record.formVersion !== form.version)
      throw new UserFacingError(`This audit was started on version ${record.formVersion} of the ${form.title}, which has since changed; please ask the Principal Social Worker.`);
    const state = record?.state ?? newAuditRecord(task.auditorId, subjectId, form.signOffNeedsSubjectPart);
    const at = this.clock.now().toISOString();
    const moved = apply(state, event, { personId: actorId, relations: relationsOf(loaded, actorId) }, at);
    if (!moved.ok) throw new UserFacingError(moved.error.message);

    let answers = record?.answers ?? {};
    const notes: string[] = [];
    if (fill) {
      const merged = merge(answers[fill.part] ?? {}, fill.input);
      // Worker's boxes: box 4 follows the observer's report, so it waits for the submit.
      const stage = fill.part === 'worker' ? (state.status === 'draft' ? 'after-observation' : 'after-observer-report') : undefined;
      const checked = validateAuditForm(form, merged.input, { mode: fill.mode, part: fill.part, ...(stage ? { stage } : {}) });
      if (!checked.ok) {
        const n = checked.errors.length;
        throw new AuditAnswersRefused(n === 1 ? 'Please check the answer marked.' : `Please check the ${n} answers marked.`, checked.errors);
      }
      const screened = await this.screenNotes(checked.answers);
      answers = { ...answers, [fill.part]: screened.answers };
      notes.push(...screened.notes);
    }
    try {
      const saved = await this.records.put({ taskId: task.id, formId: form.id, formVersion: form.version, answers, state: moved.state }, record?.version ?? 0, effects);
      return notes.length > 0 ? { ...saved, screened: notes } : saved;
    } catch (error) {
      if (error instanceof StoreError && error.code === 'conflict') {
        throw new UserFacingError('Someone else changed this audit at the same time, so your change was not saved. Please open it again and redo your change.');
      }
      throw error;
    }
  }
}

/** A record as saved, with what the screening took out of its notes (to tell the person), if anything. */
export type SavedAuditRecord = AuditRecord & { readonly screened?: readonly string[] };

/** The Appendices 2 and 3 item that holds the case's number. */
const CASE_IDENTIFIER = 'case-identifier';

const PART_NAMES: Readonly<Record<AuditPart, string>> = {
  auditor: 'the auditor',
  subject: 'the person audited',
  observer: 'the observer',
  worker: 'the worker observed',
};

/** The one refusal for an audit someone may not see, whether or not it exists. */
export function notVisible(): UserFacingError {
  return new UserFacingError('You cannot see this audit. Audits are seen only by the auditor, the person audited, their managers and the Principal Social Worker.');
}

function relationsOf(loaded: Loaded, personId: string): AuditRelation[] {
  const { task, subjectId, organisation } = loaded;
  const relations: AuditRelation[] = [];
  if (personId === task.auditorId) relations.push('lead');
  if (personId === subjectId) relations.push('subject');
  const lead = organisation.people.find((p) => p.id === task.auditorId);
  if (lead?.lineManagerId !== undefined && lead.lineManagerId === personId) relations.push('lead-line-manager');
  if (organisation.people.find((p) => p.id === personId)?.role === 'principal-social-worker') relations.push('psw');
  return relations;
}

/** Everyone above a person in line management (guarding against a loop in the data). */
function managersOf(organisation: Organisation, personId: string): Set<string> {
  const byId = new Map(organisation.people.map((p) => [p.id as string, p]));
  const found = new Set<string>();
  let next = byId.get(personId)?.lineManagerId as string | undefined;
  while (next !== undefined && !found.has(next)) {
    found.add(next);
    next = byId.get(next)?.lineManagerId;
  }
  return found;
}

/**
 * The stored answers of a part with the new input laid over them, as validator input: an
 * item in the input replaces the stored answer (a blank clears it); others are kept. A card
 * showing one page of the form therefore leaves the other pages' answers as they were.
 */
function merge(stored: AuditAnswers, input: unknown): { readonly input: unknown } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { input };
  const out: Record<AuditItemId, unknown> = {};
  for (const [id, answer] of Object.entries(stored)) {
    if (Object.prototype.hasOwnProperty.call(input, id)) continue;
    out[id] = answer.kind === 'rating' ? { rating: answer.rating, comment: answer.comment } : answer.kind === 'text' ? answer.text : answer.actions;
  }
  for (const [id, value] of Object.entries(input)) Object.defineProperty(out, id, { value, enumerable: true, writable: true, configurable: true });
  return { input: out };
}
