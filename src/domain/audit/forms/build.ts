import { LIMITS, type ActionsItem, type CommentRule, type ObservationStage, type RatingItem, type SubjectCommentsItem, type TextItem, type WorkerBoxItem } from './types';

/** Small builders so the forms read like the council's paper forms. */

export function rating(id: string, number: string, text: string, options: { readonly comment?: CommentRule; readonly required?: boolean; readonly hint?: string } = {}): RatingItem {
  return {
    kind: 'rating',
    id,
    number,
    text,
    comment: options.comment ?? 'unless-yes',
    required: options.required ?? true,
    maxLength: LIMITS.comment,
    ...(options.hint !== undefined ? { hint: options.hint } : {}),
  };
}

export function text(id: string, heading: string, options: { readonly number?: string; readonly required?: boolean; readonly hint?: string } = {}): TextItem {
  return {
    kind: 'text',
    id,
    text: heading,
    required: options.required ?? true,
    maxLength: LIMITS.text,
    ...(options.number !== undefined ? { number: options.number } : {}),
    ...(options.hint !== undefined ? { hint: options.hint } : {}),
  };
}

export function actions(id: string, heading: string, options: { readonly number?: string; readonly required?: boolean; readonly hint?: string } = {}): ActionsItem {
  return {
    kind: 'actions',
    id,
    text: heading,
    required: options.required ?? false,
    maxLength: LIMITS.action,
    ...(options.number !== undefined ? { number: options.number } : {}),
    ...(options.hint !== undefined ? { hint: options.hint } : {}),
  };
}

export function subjectComments(id: string, heading: string): SubjectCommentsItem {
  return { kind: 'subject-comments', id, text: heading, required: false, maxLength: LIMITS.text };
}

export function workerBox(id: string, number: string, heading: string, stage: ObservationStage, hint?: string): WorkerBoxItem {
  return { kind: 'worker-box', id, number, text: heading, stage, required: true, maxLength: LIMITS.text, ...(hint !== undefined ? { hint } : {}) };
}
