import { findQuestion, isShown } from './rules';
import type { AnswerValue, Answers, Question, QuestionId, Questionnaire, SectionId } from './types';

export type AnswerErrorCode =
  | 'not-answers'
  | 'unknown-question'
  | 'unknown-option'
  | 'wrong-type'
  | 'not-whole-number'
  | 'out-of-range'
  | 'too-many-choices'
  | 'too-few-choices'
  | 'duplicate-choice'
  | 'hidden-question'
  | 'too-long'
  | 'required';

/** A refused answer, with the question it belongs to and what is wrong in plain words. */
export interface AnswerError {
  readonly code: AnswerErrorCode;
  /** The question's id, or '' when the whole submission is unreadable. */
  readonly questionId: QuestionId;
  readonly message: string;
}

export type Validation = { readonly ok: true; readonly answers: Answers } | { readonly ok: false; readonly errors: readonly AnswerError[] };

export interface ValidateOptions {
  /**
   * `submit`: every required question that is shown must be answered.
   * `draft`: partial answers are fine (saving to finish later), but what is given must be valid.
   */
  readonly mode: 'submit' | 'draft';
  /** With `draft`, also require the shown required questions of this section. */
  readonly requireSection?: SectionId;
  /** With `draft`, also require these questions if they are shown and required (the Next button of one page). */
  readonly requireQuestions?: readonly QuestionId[];
  /** `false` checks each answer on its own, leaving show-if and required rules to the caller. */
  readonly checkRules?: boolean;
}

/**
 * Checks answers from any source (a card, a CSV row, an API call) against the
 * questionnaire. Accepts the shapes those sources produce: a scale answer may arrive as the
 * text "8"; a multi-choice answer as a list or as "a,b" (how Adaptive Cards send it).
 * Empty values mean "not answered". Returns the cleaned answers or every problem found.
 */
export function validateAnswers(questionnaire: Questionnaire, input: unknown, options: ValidateOptions): Validation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail([{ code: 'not-answers', questionId: '', message: 'The answers could not be read: they were not a set of question-and-answer pairs.' }]);
  }
  const errors: AnswerError[] = [];
  const cleaned: Record<QuestionId, AnswerValue> = {};
  // A question answered wrongly is reported once, for what is wrong, not again as missing.
  const refused = new Set<QuestionId>();
  for (const [id, raw] of Object.entries(input)) {
    const question = findQuestion(questionnaire, id);
    if (!question) {
      errors.push({ code: 'unknown-question', questionId: id, message: `"${id}" is not a question in ${questionnaire.title}.` });
      continue;
    }
    if (isEmpty(raw)) continue;
    const result = cleanOne(question, raw);
    if ('error' in result) {
      errors.push(result.error);
      refused.add(id);
    } else cleaned[id] = result.value;
  }
  if (options.checkRules !== false) errors.push(...checkRules(questionnaire, cleaned, options).filter((e) => !refused.has(e.questionId)));
  return errors.length > 0 ? fail(errors) : { ok: true, answers: cleaned };
}

function fail(errors: readonly AnswerError[]): Validation {
  return { ok: false, errors };
}

function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
}

type Cleaned = { readonly value: AnswerValue } | { readonly error: AnswerError };

function err(question: Question, code: AnswerErrorCode, problem: string): Cleaned {
  return { error: { code, questionId: question.id, message: `"${question.text}": ${problem}` } };
}

function cleanOne(question: Question, raw: unknown): Cleaned {
  switch (question.kind) {
    case 'single': {
      if (typeof raw !== 'string') return err(question, 'wrong-type', 'please choose one answer from the list.');
      const value = raw.trim();
      if (!question.options.some((o) => o.id === value)) {
        return err(question, 'unknown-option', `"${value}" is not one of the answers you can choose.`);
      }
      return { value };
    }
    case 'multi':
      return cleanMulti(question, raw);
    case 'scale': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
      if (Number.isNaN(n)) return err(question, 'wrong-type', `please give a number from ${question.min} to ${question.max}.`);
      if (!Number.isInteger(n)) return err(question, 'not-whole-number', `please give a whole number from ${question.min} to ${question.max}.`);
      if (n < question.min || n > question.max) {
        return err(question, 'out-of-range', `${n} is outside the scale; please give a number from ${question.min} to ${question.max}.`);
      }
      return { value: n };
    }
    case 'text': {
      if (typeof raw !== 'string') return err(question, 'wrong-type', 'please write your answer as text.');
      const value = raw.trim();
      const length = [...value].length;
      if (length > question.maxLength) {
        return err(question, 'too-long', `your answer is ${length} characters long; the most this question takes is ${question.maxLength}.`);
      }
      return { value };
    }
  }
}

function cleanMulti(question: Question & { kind: 'multi' }, raw: unknown): Cleaned {
  let chosen: string[];
  if (typeof raw === 'string')
    chosen = raw
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  else if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) chosen = raw.map((s: string) => s.trim());
  else return err(question, 'wrong-type', 'please choose answers from the list.');
  const unknown = chosen.filter((c) => !question.options.some((o) => o.id === c));
  if (unknown.length > 0) {
    return err(question, 'unknown-option', `${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is not one of the answers' : 'are not answers'} you can choose.`);
  }
  if (new Set(chosen).size !== chosen.length) return err(question, 'duplicate-choice', 'the same answer was chosen more than once.');
  if (question.maxChoices !== undefined && chosen.length > question.maxChoices) {
    return err(question, 'too-many-choices', `you chose ${chosen.length}; please choose no more than ${question.maxChoices}.`);
  }
  if (question.minChoices !== undefined && chosen.length < question.minChoices) {
    return err(question, 'too-few-choices', `please choose at least ${question.minChoices}.`);
  }
  // Keep the questionnaire's order so equal answers are stored identically.
  return { value: question.options.map((o) => o.id).filter((id) => chosen.includes(id)) };
}

function checkRules(questionnaire: Questionnaire, answers: Answers, options: ValidateOptions): AnswerError[] {
  const errors: AnswerError[] = [];
  for (const section of questionnaire.sections) {
    const wholeSection = options.mode === 'submit' || options.requireSection === section.id;
    for (const question of section.questions) {
      const shown = isShown(question, answers);
      const answered = answers[question.id] !== undefined;
      const mustAnswer = wholeSection || options.requireQuestions?.includes(question.id) === true;
      if (answered && !shown) {
        errors.push(hiddenQuestionError(questionnaire, question));
      } else if (!answered && shown && question.required && mustAnswer) {
        errors.push({ code: 'required', questionId: question.id, message: `"${question.text}": please answer this question.` });
      }
    }
  }
  return errors;
}

/** An answer to a question that the person's other answers hide, saying when it is asked. */
export function hiddenQuestionError(questionnaire: Questionnaire, question: Question): AnswerError {
  const rule = question.showIf;
  let when = 'given your other answers';
  if (rule && 'question' in rule) {
    const asked = findQuestion(questionnaire, rule.question);
    const labels = rule.anyOf.map((id) => (asked && asked.kind !== 'scale' && asked.kind !== 'text' ? (asked.options.find((o) => o.id === id)?.label ?? id) : id));
    if (asked) when = `because it is only asked when the answer to "${asked.text}" is ${labels.map((l) => `"${l}"`).join(' or ')}`;
  }
  return {
    code: 'hidden-question',
    questionId: question.id,
    message: `"${question.text}": this question does not apply ${when}, so it should be left blank.`,
  };
}
