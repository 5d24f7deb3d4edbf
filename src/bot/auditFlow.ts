import { AuditAnswersRefused, AuditElsewhere, type AuditRecordService, type AuditView } from '../app/auditRecords';
import { UserFacingError } from '../app/errors';
import { DEFAULT_AUDIT_RULES, type AuditPlanRules } from '../domain/audit/plan/rules';
import type { AuditAnswer, AuditAnswers, AuditForm, AuditPart, Rating } from '../domain/audit/forms/types';
import { problemsWith, validateAuditForm, type AuditAnswerError } from '../domain/audit/forms/validate';
import { hasSubjectPart, readyToSignOff } from '../app/auditInbox';
import { dateOf, type UserId } from '../domain/shared/brand';
import { isSampledAudit, type SupervisionAuditSample } from '../domain/audit/plan/sampling';
import type { AuditTaskId } from '../domain/audit/plan/task';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import { auditAnswersFromCard, auditFormCard, auditFormPages, type AuditSampleShown } from './cards/auditForm';
import { auditListCard } from './cards/auditList';
import { auditRecordCard } from './cards/auditRecord';
import { AUDIT_VERB_PREFIX, AUDIT_VERBS } from './cards/auditVerbs';
import { formatDate } from './cards/elements';
import { messageCard } from './cards/message';
import { AUDITS_COMMAND, type Command } from './cards/wording';
import type { HelpSource, Reply } from './flow';
import { OneAtATime } from './oneAtATime';

/**
 * Audit forms in the bot: the text command `audits` lists what the person has to do
 * about audits (to carry out, their part to add, to amend, to sign off). `audit.open` shows
 * what fits the presser: the lead fills in their part (or reads what they sent, with Amend);
 * the person audited fills in theirs; a manager reads it, with Sign off if they may. Next,
 * Back, Save draft and Submit save each page through the audit record service. Returns
 * `undefined` for anything that is not about audits, so the survey flow handles it. The person
 * acting is the one Teams says is talking, never anyone named on the card: the service checks
 * them against the task, so a card pressed by someone else changes nothing.
 */
export class AuditFlow implements HelpSource {
  private readonly rules: AuditPlanRules;
  /** One audit's actions one after another, so a double-clicked Submit is two presses in a row. */
  private readonly oneAtATime = new OneAtATime();
  /** Called when a record was sent, amended or completed, so notices go out now (the server wakes its reminder pass). */
  private readonly onRecordChanged: () => void;
  /** A staff supervision audit's sample (`AuditService.sampleFor`), drawn if due; absent where there is no supervision log. */
  private readonly sampleFor: ((taskId: AuditTaskId) => Promise<SupervisionAuditSample | undefined>) | undefined;

  constructor(
    private readonly records: AuditRecordService,
    private readonly directory: Directory,
    private readonly clock: Clock,
    options: { readonly rules?: AuditPlanRules; readonly onRecordChanged?: () => void; readonly sampleFor?: (taskId: AuditTaskId) => Promise<SupervisionAuditSample | undefined> } = {},
  ) {
    this.rules = options.rules ?? DEFAULT_AUDIT_RULES;
    this.onRecordChanged = options.onRecordChanged ?? (() => undefined);
    this.sampleFor = options.sampleFor;
  }

  async onText(userId: UserId, raw: string): Promise<Reply | undefined> {
    const text = raw
      .trim()
      .toLowerCase()
      .replace(/[^a-z ]/g, '');
    if (text !== 'audits') return undefined;
    const inbox = await this.records.inbox(userId, this.rules);
    return {
      card: auditListCard({ entries: inbox.carryOut, yourPart: inbox.yourPart, amend: inbox.amend, signOff: inbox.signOff, today: dateOf(this.clock.now()) }),
      replace: false,
    };
  }

  /** `audits` for those with audits to carry out, to add their part to, to amend or to sign off. */
  async helpFor(userId: UserId): Promise<readonly Command[]> {
    const inbox = await this.records.inbox(userId, this.rules);
    const waiting = inbox.carryOut.length + inbox.yourPart.length + inbox.amend.length + inbox.signOff.length;
    return waiting > 0 ? [AUDITS_COMMAND] : [];
  }

  async onAction(userId: UserId, value: unknown): Promise<Reply | undefined> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const data = value as Record<string, unknown>;
    if (typeof data.verb !== 'string' || !data.verb.startsWith(AUDIT_VERB_PREFIX)) return undefined;
    const verb = data.verb;
    const taskId = typeof data.taskId === 'string' ? data.taskId : '';
    if (!(Object.values(AUDIT_VERBS) as string[]).includes(verb) || taskId === '') return refusal('That button is not one I know. Type "audits" to see your audits again.');
    return this.oneAtATime.run(taskId, () => this.act(userId, verb, taskId, data));
  }

  private async act(userId: UserId, verb: string, taskId: string, data: Record<string, unknown>): Promise<Reply> {
    let view: AuditView;
    try {
      view = await this.records.view(taskId, userId);
    } catch (error) {
      if (error instanceof AuditElsewhere) return { card: messageCard('This audit is done in the tab', [error.message]), replace: false };
      if (error instanceof UserFacingError) return refusal(error.message);
      throw error;
    }
    const names = await this.namesOf(view);
    try {
      switch (verb) {
        case AUDIT_VERBS.open:
          return this.openFor(view, names);
        case AUDIT_VERBS.part:
          return this.openSubjectPart(view, names);
        case AUDIT_VERBS.review:
          return { card: this.review(view, names, clampPage(data.page, auditFormPages(view.form, view.form.lead).length)), replace: data.page !== undefined };
        case AUDIT_VERBS.amend:
          return this.openAmendment(view, names);
        case AUDIT_VERBS.signOff:
          return await this.signOff(view, userId, names);
        default:
          break;
      }
      const part = typeof data.part === 'string' ? data.part : '';
      if (part === view.form.lead) return await this.leadPage(view, userId, verb, data, names);
      if (part === view.form.subject && hasSubjectPart(view.form)) return await this.subjectPage(view, userId, verb, data, names);
      return refusal('That button is not one I know. Type "audits" to see your audits again.');
    } catch (error) {
      if (error instanceof UserFacingError) return refusal(error.message);
      throw error;
    }
  }

  /** What `audit.open` shows: depends on who presses it and where the record is. */
  private openFor(view: AuditView, names: Names): Reply {
    const { form, record, relations } = view;
    const status = record?.state.status ?? 'draft';
    if (relations.includes('lead')) {
      if (status !== 'draft') return { card: this.review(view, names, 0), replace: false };
      if (view.task.status === 'cancelled') return refusal('This audit was cancelled, so it can no longer be filled in.');
      return { card: this.formPage(view, form.lead, 0, storedAnswers(view, form.lead), names), replace: false };
    }
    if (relations.includes('subject') && hasSubjectPart(form) && status !== 'signed-off') return this.openSubjectPart(view, names);
    if (relations.includes('subject') && status === 'draft') {
      return refusal(`Only the auditor, ${names.lead}, fills in this ${form.title}. You can read it here once it has been sent.`);
    }
    return { card: this.review(view, names, 0), replace: false };
  }

  private openSubjectPart(view: AuditView, names: Names): Reply {
    const { form, record, relations } = view;
    if (!hasSubjectPart(form)) return refusal(`The ${form.title} has no part for the person audited to fill in; ${names.lead} fills in all of it.`);
    if (!relations.includes('subject')) return refusal(`Only ${names.subject}, the person audited, can add their part to this ${form.title}.`);
    if (record?.state.status === 'signed-off') return refusal(`This ${form.title} has been signed off, so your part can no longer change.`);
    if (form.subject === 'subject' && record?.state.status !== 'submitted') {
      return refusal(`${names.lead} has not sent this ${form.title} yet. You can add your comments once it has been sent; you will get a message then.`);
    }
    return { card: this.formPage(view, form.subject, 0, storedAnswers(view, form.subject), names), replace: false };
  }

  private openAmendment(view: AuditView, names: Names): Reply {
    const { form, record, relations } = view;
    if (!relations.includes('lead')) return refusal(`Only the person who led this ${form.title}, ${names.lead}, can amend it.`);
    if (record?.state.status === 'signed-off') return refusal(`This ${form.title} was signed off on ${formatDate((record.state.signedOffAt ?? '').slice(0, 10))}, so it can no longer be amended.`);
    if (record?.state.status !== 'submitted') return refusal(`This ${form.title} has not been sent yet, so there is nothing to amend: open it from your list and carry on filling it in.`);
    return { card: this.formPage(view, form.lead, 0, storedAnswers(view, form.lead), names, undefined, record.state.revision), replace: false };
  }

  private async signOff(view: AuditView, userId: UserId, names: Names): Promise<Reply> {
    const { form, record } = view;
    const signed = {
      card: messageCard('Audit signed off', [
        `You signed off the ${form.title} about ${names.subject}, led by ${names.lead}.`,
        'It can no longer change. Type "audits" to see anything else waiting for you.',
      ]),
      replace: true,
    };
    // Pressed again (a double click, a retry): it is signed off, by them, as the first press said.
    if (record?.state.status === 'signed-off' && record.state.signedOffBy === userId) return signed;
    await this.records.signOff(view.task.id, userId);
    this.onRecordChanged();
    return signed;
  }

  /** The lead's pages: filling in (draft), or amending (sent, not yet signed off). */
  private async leadPage(view: AuditView, userId: UserId, verb: string, data: Record<string, unknown>, names: Names): Promise<Reply> {
    const { form, task, record } = view;
    if (!view.relations.includes('lead')) return refusal(`Only the auditor, ${names.lead}, can fill in this ${form.title}.`);
    const part = form.lead;
    const pages = auditFormPages(form, part);
    const page = clampPage(data.page, pages.length);
    const input = auditAnswersFromCard(form, part, page, data);
    const typed = { ...storedAnswers(view, part), ...shownAnswers(form, part, page, input) };
    const status = record?.state.status ?? 'draft';
    if (status === 'signed-off') return refusal(`This ${form.title} has been signed off, so it can no longer change.`);
    if (status === 'submitted' && verb === AUDIT_VERBS.submit && data.revision === undefined) {
      // Submit audit pressed again (a double click, Teams retrying after a crash, the same card
      // later): the audit did go in, so the person sees what the first press showed them.
      if (!changesPage(form, part, page, record?.answers[part] ?? {}, input)) return this.sent(view, names);
      return {
        card: messageCard('This audit was already sent', [
          `Your ${form.title} about ${names.subject} was sent before this card was, so what is on this card was not saved.`,
          'To change the audit, type "audits" and choose Amend.',
        ]),
        replace: true,
      };
    }
    if (status === 'submitted') return this.amendPage(view, userId, verb, data, page, input, typed, names);
    if (task.status === 'cancelled') return refusal('This audit was cancelled, so it can no longer be filled in.');

    try {
      const record = await this.records.saveDraft(task.id, userId, part, input);
      const saved = record.answers[part] ?? {};
      // Names, emails or case numbers were taken out: the page again, showing the boxes as kept.
      if (record.screened && verb !== AUDIT_VERBS.save) return { card: this.formPage(view, part, page, saved, names), replace: true };
      switch (verb) {
        case AUDIT_VERBS.next: {
          // Next checks the page it leaves: a problem is put right here, not found at Submit.
          const problems = pageProblems(form, part, page, saved, status);
          if (problems.length > 0) return { card: this.formPage(view, part, page, saved, names, problems), replace: true };
          return { card: this.formPage(view, part, Math.min(page + 1, pages.length - 1), saved, names), replace: true };
        }
        case AUDIT_VERBS.back:
          return { card: this.formPage(view, part, Math.max(page - 1, 0), saved, names), replace: true };
        case AUDIT_VERBS.save:
          return {
            card: messageCard('Draft saved', [
              ...(record.screened ?? []),
              `Your answers to the ${form.title} about ${names.subject} are saved. Nothing is sent until you press Submit audit.`,
              'Type "audits" and press Open to carry on.',
            ]),
            replace: true,
          };
        default:
          break;
      }
    } catch (error) {
      if (error instanceof AuditAnswersRefused) return { card: this.formPage(view, part, page, typed, names, error.errors), replace: true };
      throw error;
    }

    // Submit: this page is saved above; now the whole part must be complete.
    try {
      await this.records.submit(task.id, userId, {});
    } catch (error) {
      if (error instanceof AuditAnswersRefused) return this.refusedPart(task.id, userId, part, page, names, error);
      throw error;
    }
    this.onRecordChanged();
    return this.sent(view, names);
  }

  /** What the lead sees when their audit has gone in (and again, if they press Submit again). */
  private sent(view: AuditView, names: Names): Reply {
    const { form } = view;
    const next = hasSubjectPart(form) ? `${names.subject} is asked to add their part.` : `${names.subject} can read it by typing "audits".`;
    return {
      card: messageCard('Audit sent', [
        `Your ${form.title} about ${names.subject} is submitted, and the audit is marked as done.`,
        `${next} You can amend it until it is signed off.`,
        'Type "audits" to see any others you have to do.',
      ]),
      replace: true,
    };
  }

  /**
   * A page of an amendment: the page's answers, if they differ from what was sent, are
   * recorded as an amendment (checked as at submit); then Next, Back or the end.
   */
  private async amendPage(
    view: AuditView,
    userId: UserId,
    verb: string,
    data: Record<string, unknown>,
    page: number,
    input: Record<string, unknown>,
    typed: AuditAnswers,
    names: Names,
  ): Promise<Reply> {
    const { form, task } = view;
    const part = form.lead;
    const pages = auditFormPages(form, part);
    const opened = typeof data.revision === 'number' ? data.revision : (view.record?.state.revision ?? 0);
    let current = view.record?.answers[part] ?? {};
    let revision = view.record?.state.revision ?? 0;
    if (changesPage(form, part, page, current, input)) {
      try {
        const amended = await this.records.amend(task.id, userId, input);
        current = amended.answers[part] ?? {};
        revision = amended.state.revision;
      } catch (error) {
        if (error instanceof AuditAnswersRefused) return { card: this.formPage(view, part, page, typed, names, error.errors, opened), replace: true };
        throw error;
      }
    }
    if (verb === AUDIT_VERBS.next) return { card: this.formPage(view, part, Math.min(page + 1, pages.length - 1), current, names, undefined, opened), replace: true };
    if (verb === AUDIT_VERBS.back) return { card: this.formPage(view, part, Math.max(page - 1, 0), current, names, undefined, opened), replace: true };
    if (revision === opened) {
      return { card: messageCard('Nothing changed', [`You changed nothing in the ${form.title} about ${names.subject}, so no amendment was recorded.`]), replace: true };
    }
    this.onRecordChanged();
    const asked = hasSubjectPart(form) ? ` ${names.subject} is asked to look at it again.` : '';
    return {
      card: messageCard('Amendment sent', [
        `Your changes to the ${form.title} about ${names.subject} are recorded (amended ${revision - 1 === 1 ? 'once' : `${revision - 1} times`} in all).${asked}`,
        'You can amend it again until it is signed off.',
      ]),
      replace: true,
    };
  }

  /** The person audited's pages: save as they go; Submit my part once the lead has sent the audit. */
  private async subjectPage(view: AuditView, userId: UserId, verb: string, data: Record<string, unknown>, names: Names): Promise<Reply> {
    const { form, task } = view;
    if (!view.relations.includes('subject')) return refusal(`Only ${names.subject}, the person audited, can add their part to this ${form.title}.`);
    const part = form.subject;
    const pages = auditFormPages(form, part);
    const page = clampPage(data.page, pages.length);
    const input = auditAnswersFromCard(form, part, page, data);
    const typed = { ...storedAnswers(view, part), ...shownAnswers(form, part, page, input) };
    try {
      const saved = (await this.records.saveDraft(task.id, userId, part, input)).answers[part] ?? {};
      if (verb === AUDIT_VERBS.next) {
        const problems = pageProblems(form, part, page, saved, view.record?.state.status ?? 'draft');
        if (problems.length > 0) return { card: this.formPage(view, part, page, saved, names, problems), replace: true };
        return { card: this.formPage(view, part, Math.min(page + 1, pages.length - 1), saved, names), replace: true };
      }
      if (verb === AUDIT_VERBS.back) return { card: this.formPage(view, part, Math.max(page - 1, 0), saved, names), replace: true };
      if (verb === AUDIT_VERBS.save) {
        return {
          card: messageCard('Your part is saved', [`What you wrote in the ${form.title} is saved. Nothing is sent until you press Submit my part.`, 'Type "audits" to carry on later.']),
          replace: true,
        };
      }
    } catch (error) {
      if (error instanceof AuditAnswersRefused) return { card: this.formPage(view, part, page, typed, names, error.errors), replace: true };
      throw error;
    }
    try {
      await this.records.addSubjectComments(task.id, userId, {});
    } catch (error) {
      if (error instanceof AuditAnswersRefused) return this.refusedPart(task.id, userId, part, page, names, error);
      throw error;
    }
    this.onRecordChanged();
    return {
      card: messageCard('Your part is sent', [
        `Your part of the ${form.title} led by ${names.lead} is sent. It is now part of the record.`,
        'You can change it until the audit is signed off: type "audits".',
      ]),
      replace: true,
    };
  }

  /** A part refused at submit: the page of the first error, as stored, with the errors. */
  private async refusedPart(taskId: string, userId: UserId, part: AuditPart, page: number, names: Names, error: AuditAnswersRefused): Promise<Reply> {
    const fresh = await this.records.view(taskId, userId);
    const errorPage = pageOf(fresh.form, part, error.errors[0]?.itemId) ?? page;
    return { card: this.formPage(fresh, part, errorPage, storedAnswers(fresh, part), names, error.errors), replace: true };
  }

  private async namesOf(view: AuditView): Promise<Names> {
    const organisation = await this.directory.organisation();
    const nameOf = (id: string | undefined): string => (id === undefined ? 'the team' : (organisation.people.find((p) => p.id === id)?.displayName ?? 'someone no longer in the directory'));
    const subjectId = view.task.subject.kind === 'person' ? view.task.subject.personId : undefined;
    const signedOffBy = view.record?.state.signedOffBy;
    const sample = await this.sampleShown(view, nameOf);
    return { subject: nameOf(subjectId), lead: nameOf(view.task.auditorId), ...(signedOffBy ? { signedOffBy: nameOf(signedOffBy) } : {}), ...(sample ? { sample } : {}) };
  }

  /**
   * The sample the auditor of a staff supervision audit works from, with names: only for the
   * auditor, and only while they can still write (a sample is drawn for a live task only).
   */
  private async sampleShown(view: AuditView, nameOf: (id: string) => string): Promise<AuditSampleShown | undefined> {
    if (!this.sampleFor || !isSampledAudit(view.task) || !view.relations.includes('lead') || view.record?.state.status === 'signed-off') return undefined;
    const sample = await this.sampleFor(view.task.id);
    if (!sample) return undefined;
    const datesOf = new Map<string, string[]>();
    for (const pick of sample.picks) datesOf.set(pick.superviseeId, [...(datesOf.get(pick.superviseeId) ?? []), pick.date]);
    return {
      supervisor: nameOf(sample.supervisorId),
      drawnOn: sample.drawnOn,
      period: sample.period,
      picks: [...datesOf].map(([id, dates]) => ({ supervisee: nameOf(id), dates })),
      withoutRecords: sample.withoutRecords.map(nameOf),
    };
  }

  private review(view: AuditView, names: Names, page: number) {
    const { form, record, relations } = view;
    const status = record?.state.status;
    const signer = relations.includes('lead-line-manager') || relations.includes('psw');
    const own = relations.includes('lead') || relations.includes('subject');
    const ready = readyToSignOff(record);
    const waits = signer && !own && status === 'submitted' && !ready ? `It cannot be signed off until ${names.subject} has sent their part.` : undefined;
    return auditRecordCard({
      form,
      task: view.task,
      record,
      people: names,
      page,
      can: {
        amend: relations.includes('lead') && status === 'submitted',
        addPart: relations.includes('subject') && hasSubjectPart(form) && status === 'submitted',
        signOff: signer && !own && ready,
      },
      ...(waits ? { signOffWaitsFor: waits } : {}),
    });
  }

  private formPage(view: AuditView, part: AuditPart, page: number, answers: AuditAnswers, names: Names, errors?: readonly AuditAnswerError[], amendFrom?: number) {
    return auditFormCard({
      form: view.form,
      task: view.task,
      part,
      page,
      answers,
      people: part === view.form.lead ? { subject: names.subject } : { lead: names.lead },
      ...(names.sample && part === view.form.lead ? { sample: names.sample } : {}),
      ...(errors ? { errors } : {}),
      ...(amendFrom !== undefined ? { amend: { revision: amendFrom } } : {}),
    });
  }
}

interface Names {
  readonly subject: string;
  readonly lead: string;
  readonly signedOffBy?: string;
  /** For the auditor of a staff supervision audit: the records to look at. */
  readonly sample?: AuditSampleShown;
}

/** Whether a page's input differs from what is stored for its items (blank = not answered). */
function changesPage(form: AuditForm, part: AuditPart, page: number, stored: AuditAnswers, input: Record<string, unknown>): boolean {
  const checked = validateAuditForm(form, input, { mode: 'draft', part });
  // Input that does not even pass as a draft is a change (the amendment will say what is wrong).
  if (!checked.ok) return true;
  for (const item of (auditFormPages(form, part)[page] ?? []).flatMap((b) => b.items)) {
    if (JSON.stringify(checked.answers[item.id] ?? null) !== JSON.stringify(stored[item.id] ?? null)) return true;
  }
  return false;
}

/**
 * What Submit would refuse on one page, as saved: the worker's boxes are checked as far as
 * the observation has got (box 4 only once the observer has sent their report).
 */
function pageProblems(form: AuditForm, part: AuditPart, page: number, saved: AuditAnswers, status: string): readonly AuditAnswerError[] {
  const items = (auditFormPages(form, part)[page] ?? []).flatMap((b) => b.items.map((i) => i.id));
  const stage = part === 'worker' ? (status === 'draft' ? 'after-observation' : 'after-observer-report') : undefined;
  return problemsWith(form, saved, items, { part, ...(stage ? { stage } : {}) });
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
