import type { AuditRecordState } from '../../domain/audit/forms/lifecycle';
import { RATINGS, type AuditAnswer, type AuditAnswers, type AuditForm, type AuditItem } from '../../domain/audit/forms/types';
import { auditFormPages } from './auditForm';
import { AUDIT_VERBS } from './auditVerbs';
import { adaptiveCard, container, formatDate, heading, text, type Element } from './elements';
import type { AdaptiveCard } from './types';

/**
 * A sent audit, to read (`audit.review`): who, when, its status in words, and the answers a
 * page at a time (the same pages as the form, so a page stays well under Teams' 40 KB at
 * every length limit); the person audited's part on the last page. The buttons are what the
 * reader may do now: the lead Amend, the person audited Add my part, the lead's line manager
 * or the PSW Sign off. Schema 1.2, `Action.Submit` only, no inputs.
 */

export interface AuditRecordCardInput {
  readonly form: AuditForm;
  readonly task: { readonly id: string; readonly due: string };
  /** Absent: nothing has been saved yet. */
  readonly record: { readonly state: AuditRecordState; readonly answers: Readonly<Partial<Record<string, AuditAnswers>>> } | undefined;
  readonly people: { readonly lead: string; readonly subject: string; readonly signedOffBy?: string };
  /** 0-based. */
  readonly page?: number;
  /** What the reader may do now. */
  readonly can: { readonly amend: boolean; readonly addPart: boolean; readonly signOff: boolean };
  /** Why the reader, who signs off audits, cannot sign this one off yet. */
  readonly signOffWaitsFor?: string;
}

/** The date part of an ISO timestamp, in words. */
const day = (iso: string | undefined): string => (iso ? formatDate(iso.slice(0, 10)) : '');

function statusLine(input: AuditRecordCardInput): string {
  const state = input.record?.state;
  if (!state || state.status === 'draft') return 'Not sent yet: the audit is still being filled in.';
  if (state.status === 'signed-off') return `Signed off by ${input.people.signedOffBy ?? 'a manager'} on ${day(state.signedOffAt)}. It can no longer change.`;
  const amended = state.revision > 1 ? ` and amended ${state.revision - 1 === 1 ? 'once' : `${state.revision - 1} times`}` : '';
  return `Sent on ${day(state.submittedAt)}${amended}. Not yet signed off.`;
}

function subjectLine(input: AuditRecordCardInput): string | undefined {
  const { form, record, people } = input;
  if (!form.parts.includes(form.subject)) return undefined;
  const what = form.subject === 'worker' ? `${people.subject}'s boxes (worker observed)` : `${people.subject}'s comments`;
  if (record?.state.subjectSubmittedAt) return `${what}: sent on ${day(record.state.subjectSubmittedAt)}.`;
  return `${what}: not sent yet.`;
}

function answerText(item: AuditItem, answer: AuditAnswer | undefined): string {
  if (!answer) return 'Not answered.';
  switch (answer.kind) {
    case 'rating': {
      const label = RATINGS.find((r) => r.id === answer.rating)?.label ?? answer.rating;
      return answer.comment ? `${label}. ${answer.comment}` : label;
    }
    case 'text':
      return answer.text;
    case 'actions':
      if (answer.actions.length === 0) return item.kind === 'actions' ? 'No actions arising.' : 'None.';
      return answer.actions.map((a, i) => `${i + 1}. ${a.action} (who: ${a.owner}; by ${formatDate(a.due)})`).join('\n');
  }
}

function itemBlock(item: AuditItem, answer: AuditAnswer | undefined): Element {
  const label = item.number !== undefined ? `${item.number}. ${item.text}` : item.text;
  return container([text(label, { weight: 'bolder' }), text(answerText(item, answer), { spacing: 'small', ...(answer ? {} : { isSubtle: true }) })], { separator: true, spacing: 'medium' });
}

export function auditRecordCard(input: AuditRecordCardInput): AdaptiveCard {
  const { form, task, record, people, can } = input;
  const pages = auditFormPages(form, form.lead);
  const pageIndex = Math.min(Math.max(input.page ?? 0, 0), Math.max(pages.length - 1, 0));
  const last = pageIndex >= pages.length - 1;
  const pageNote = pages.length > 1 ? ` (page ${pageIndex + 1} of ${pages.length})` : '';
  const body: Element[] = [
    text(form.title, { isSubtle: true, size: 'small' }),
    heading(`About ${people.subject}, led by ${people.lead}${pageNote}`),
    text(`Due ${formatDate(task.due)}`, { isSubtle: true, spacing: 'small' }),
    text(statusLine(input), { spacing: 'small', weight: 'bolder' }),
  ];
  const subject = subjectLine(input);
  if (subject) body.push(text(subject, { spacing: 'small' }));
  if (input.signOffWaitsFor) body.push(text(input.signOffWaitsFor, { spacing: 'small', color: 'attention' }));

  const lead = record?.answers[form.lead] ?? {};
  for (const block of pages[pageIndex] ?? []) {
    body.push(text(block.section.title, { weight: 'bolder', spacing: 'large', separator: true }));
    for (const item of block.items) body.push(itemBlock(item, lead[item.id]));
  }
  if (last && form.parts.includes(form.subject)) {
    const theirs = record?.answers[form.subject] ?? {};
    for (const section of form.sections.filter((s) => s.part === form.subject)) {
      body.push(text(`${section.title} (${people.subject})`, { weight: 'bolder', spacing: 'large', separator: true }));
      for (const item of section.items) body.push(itemBlock(item, theirs[item.id]));
    }
  }

  // Back, then forward (or Sign off at the end), then what this reader may do: the order people expect.
  const actions: Element[] = [];
  const data = (verb: string, extra: Record<string, unknown> = {}) => ({ verb, taskId: task.id, ...extra });
  if (pageIndex > 0) actions.push({ type: 'Action.Submit', title: 'Back', data: data(AUDIT_VERBS.review, { page: pageIndex - 1 }) });
  if (!last) actions.push({ type: 'Action.Submit', title: 'Next', data: data(AUDIT_VERBS.review, { page: pageIndex + 1 }) });
  if (last && can.signOff) actions.push({ type: 'Action.Submit', title: 'Sign off', data: data(AUDIT_VERBS.signOff), style: 'positive' });
  if (can.amend) actions.push({ type: 'Action.Submit', title: 'Amend', data: data(AUDIT_VERBS.amend) });
  if (can.addPart) actions.push({ type: 'Action.Submit', title: form.subject === 'worker' ? 'Fill in my boxes' : 'Add my comments', data: data(AUDIT_VERBS.part) });
  return adaptiveCard({ fallbackText: `${form.title} about ${people.subject}: ${statusLine(input)}`, body, actions });
}
