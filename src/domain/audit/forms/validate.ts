import { itemsOf } from './index';
import { OBSERVATION_STAGES, RATINGS } from './types';
import type { AuditAction, AuditAnswer, AuditAnswers, AuditForm, AuditItem, AuditItemId, AuditPart, ObservationStage, Rating, RatingItem } from './types';
import { LIMITS } from './types';

export type AuditAnswerErrorCode =
  | 'not-answers'
  | 'unknown-item'
  | 'wrong-type'
  | 'bad-rating'
  | 'comment-required'
  | 'too-long'
  | 'action-missing-text'
  | 'action-without-owner'
  | 'bad-due-date'
  | 'required'
  | 'wrong-part'
  | 'not-yet';

/** A refused answer, with the item it belongs to and what is wrong in plain words. */
export interface AuditAnswerError {
  readonly code: AuditAnswerErrorCode;
  /** The item's id, or '' when the whole input is unreadable. */
  readonly itemId: AuditItemId;
  readonly message: string;
}

export type AuditValidation = { readonly ok: true; readonly answers: AuditAnswers } | { readonly ok: false; readonly errors: readonly AuditAnswerError[] };

export interface AuditValidateOptions {
  /**
   * `submit`: every required item (of `part`, if given) must be answered, a Partly or No
   * must have its comment, and every action must have an owner and a due date.
   * `draft`: anything may be left blank, but what is given must be valid.
   */
  readonly mode: 'draft' | 'submit';
  /** The party filling the form: answers to another party's items are refused. */
  readonly part?: AuditPart;
  /**
   * For the worker's boxes in an observation: how far the observation has got. Boxes for a
   * later stage are refused; at submit, boxes up to this stage are required. Absent: all.
   */
  readonly stage?: ObservationStage;
}

const PART_NAMES: Readonly<Record<AuditPart, string>> = {
  auditor: 'the auditor',
  subject: 'the person audited',
  observer: 'the observer',
  worker: 'the worker observed',
};

const STAGE_NAMES: Readonly<Record<ObservationStage, string>> = {
  'before-observation': 'before the observation',
  'after-observation': 'after the observation',
  'after-observer-report': "after reading the observer's report",
};

/**
 * Checks audit answers from any source (a card, the tab, an API call) against the form.
 * Input is `{ [itemId]: value }`: a rating as "yes" / "partly" / "no" or
 * `{ rating, comment }`; text as a string; actions as a list of `{ action, owner, due }`
 * with `due` as `YYYY-MM-DD`. Empty values mean "not answered", except an empty list of
 * actions, which means "no actions". Returns the cleaned answers or every problem found.
 */
export function validateAuditForm(form: AuditForm, input: unknown, options: AuditValidateOptions): AuditValidation {
  if (!isRecord(input)) {
    return { ok: false, errors: [{ code: 'not-answers', itemId: '', message: `The answers to the ${form.title} could not be read: they were not a set of item-and-answer pairs.` }] };
  }
  const items = itemsOf(form);
  const errors: AuditAnswerError[] = [];
  const answers: Record<AuditItemId, AuditAnswer> = {};
  const refused = new Set<AuditItemId>();

  for (const [id, raw] of Object.entries(input)) {
    const found = items.find((e) => e.item.id === id);
    if (!found) {
      errors.push({ code: 'unknown-item', itemId: id, message: `"${id}" is not an item on the ${form.title}.` });
      continue;
    }
    const { item, section } = found;
    if (isBlank(raw)) continue;
    if (options.part !== undefined && section.part !== options.part) {
      errors.push(error(item, 'wrong-part', `this is for ${PART_NAMES[section.part]} to fill in, not ${PART_NAMES[options.part]}.`));
      refused.add(id);
      continue;
    }
    if (item.kind === 'worker-box' && options.stage !== undefined && stageIndex(item.stage) > stageIndex(options.stage)) {
      errors.push(error(item, 'not-yet', `this box is filled in ${STAGE_NAMES[item.stage]}, which has not happened yet.`));
      refused.add(id);
      continue;
    }
    const result = clean(item, raw, options.mode);
    if (result.errors.length > 0) {
      errors.push(...result.errors);
      refused.add(id);
    } else if (result.value !== undefined) answers[id] = result.value;
  }

  if (options.mode === 'submit') {
    for (const { item, section } of items) {
      if (options.part !== undefined && section.part !== options.part) continue;
      if (item.kind === 'worker-box' && options.stage !== undefined && stageIndex(item.stage) > stageIndex(options.stage)) continue;
      if (item.required && answers[item.id] === undefined && !refused.has(item.id)) {
        errors.push(error(item, 'required', item.kind === 'actions' ? 'please list the actions, or say there are none.' : 'please answer this before submitting.'));
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

type Cleaned = { readonly value?: AuditAnswer; readonly errors: readonly AuditAnswerError[] };

function error(item: AuditItem, code: AuditAnswerErrorCode, problem: string): AuditAnswerError {
  const label = item.number !== undefined ? `${item.number}. ${item.text}` : item.text;
  return { code, itemId: item.id, message: `"${label}": ${problem}` };
}

function refuse(item: AuditItem, code: AuditAnswerErrorCode, problem: string): Cleaned {
  return { errors: [error(item, code, problem)] };
}

function clean(item: AuditItem, raw: unknown, mode: 'draft' | 'submit'): Cleaned {
  switch (item.kind) {
    case 'rating':
      return cleanRating(item, raw, mode);
    case 'text':
    case 'subject-comments':
    case 'worker-box': {
      if (typeof raw !== 'string') return refuse(item, 'wrong-type', 'please write your answer as text.');
      const text = raw.trim();
      const tooLong = lengthProblem(text, item.maxLength, 'your answer');
      return tooLong ? refuse(item, 'too-long', tooLong) : { value: { kind: 'text', text }, errors: [] };
    }
    case 'actions':
      return cleanActions(item, raw, mode);
  }
}

function cleanRating(item: RatingItem, raw: unknown, mode: 'draft' | 'submit'): Cleaned {
  let chosen: unknown;
  let comment: unknown;
  if (typeof raw === 'string') chosen = raw;
  else if (isRecord(raw)) {
    chosen = raw.rating;
    comment = raw.comment;
  } else return refuse(item, 'wrong-type', 'please choose Yes, Partly or No.');

  if (comment !== undefined && comment !== null && typeof comment !== 'string') return refuse(item, 'wrong-type', 'please write the comment as text.');
  const text = typeof comment === 'string' ? comment.trim() : '';
  const value = typeof chosen === 'string' ? chosen.trim().toLowerCase() : chosen;
  if (value === undefined || value === null || value === '') {
    return text === '' ? { errors: [] } : refuse(item, 'bad-rating', 'please choose Yes, Partly or No to go with your comment.');
  }
  const rating = RATINGS.find((r) => r.id === value)?.id;
  if (rating === undefined) return refuse(item, 'bad-rating', `${typeof value === 'string' ? `"${value}"` : 'that'} is not an answer here; please choose Yes, Partly or No.`);

  const tooLong = lengthProblem(text, item.maxLength, 'the comment');
  if (tooLong) return refuse(item, 'too-long', tooLong);
  if (mode === 'submit' && text === '' && needsComment(item, rating)) {
    return refuse(item, 'comment-required', item.comment === 'always' ? 'please add a comment.' : `please add a comment saying why the answer is ${rating === 'partly' ? 'Partly' : 'No'}.`);
  }
  return { value: { kind: 'rating', rating, ...(text !== '' ? { comment: text } : {}) }, errors: [] };
}

/** Whether a rating must have a comment. */
export function needsComment(item: RatingItem, rating: Rating): boolean {
  return item.comment === 'always' || (item.comment === 'unless-yes' && rating !== 'yes');
}

function cleanActions(item: AuditItem & { kind: 'actions' }, raw: unknown, mode: 'draft' | 'submit'): Cleaned {
  if (!Array.isArray(raw)) return refuse(item, 'wrong-type', 'please give the actions as a list of action, owner and due date.');
  const errors: AuditAnswerError[] = [];
  const actions: AuditAction[] = [];
  raw.forEach((row: unknown, index) => {
    const n = `action ${index + 1}`;
    if (!isRecord(row)) {
      errors.push(error(item, 'wrong-type', `${n} should have an action, an owner and a due date.`));
      return;
    }
    const fields = { action: row.action, owner: row.owner, due: row.due };
    if (Object.values(fields).some((v) => v !== undefined && v !== null && typeof v !== 'string')) {
      errors.push(error(item, 'wrong-type', `${n}: the action, owner and due date should be written as text.`));
      return;
    }
    const action = typeof fields.action === 'string' ? fields.action.trim() : '';
    const owner = typeof fields.owner === 'string' ? fields.owner.trim() : '';
    const due = typeof fields.due === 'string' ? fields.due.trim() : '';
    if (action === '' && owner === '' && due === '') return; // an empty row on the card
    if (action === '') errors.push(error(item, 'action-missing-text', `${n} has an owner or due date but does not say what the action is.`));
    const actionTooLong = lengthProblem(action, item.maxLength, `${n}`);
    if (actionTooLong) errors.push(error(item, 'too-long', actionTooLong));
    const ownerTooLong = lengthProblem(owner, LIMITS.owner, `the owner of ${n}`);
    if (ownerTooLong) errors.push(error(item, 'too-long', ownerTooLong));
    if (owner === '' && mode === 'submit') errors.push(error(item, 'action-without-owner', `${n} ("${short(action)}") needs an owner: who will do it?`));
    if (due !== '' && !isCalendarDate(due)) errors.push(error(item, 'bad-due-date', `${n} ("${short(action)}") has the due date "${due}", which is not a real date; please give it as YYYY-MM-DD.`));
    else if (due === '' && mode === 'submit') errors.push(error(item, 'bad-due-date', `${n} ("${short(action)}") needs a due date.`));
    actions.push({ action, owner, due });
  });
  return errors.length > 0 ? { errors } : { value: { kind: 'actions', actions }, errors: [] };
}

/** `YYYY-MM-DD` naming a day that exists, e.g. not 2025-02-30. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function lengthProblem(text: string, max: number, what: string): string | undefined {
  const length = [...text].length;
  return length > max ? `${what} is ${length} characters long; the most this takes is ${max}.` : undefined;
}

function short(text: string): string {
  const chars = [...text];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text;
}

function stageIndex(stage: ObservationStage): number {
  return OBSERVATION_STAGES.indexOf(stage);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * What Submit would refuse among some items of a part, as the stored answers stand: the
 * check the Next button makes of the page it leaves, so a problem is put right where it is
 * rather than found at the end. Answers outside `items` are not looked at.
 */
export function problemsWith(form: AuditForm, answers: AuditAnswers, items: readonly AuditItemId[], options: Omit<AuditValidateOptions, 'mode'>): readonly AuditAnswerError[] {
  const input: Record<AuditItemId, unknown> = {};
  for (const [id, answer] of Object.entries(answers)) {
    if (!items.includes(id)) continue;
    input[id] = answer.kind === 'rating' ? { rating: answer.rating, comment: answer.comment ?? '' } : answer.kind === 'text' ? answer.text : answer.actions;
  }
  const checked = validateAuditForm(form, input, { ...options, mode: 'submit' });
  return checked.ok ? [] : checked.errors.filter((e) => items.includes(e.itemId));
}
