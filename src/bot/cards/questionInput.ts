import type { AnswerValue, Question, ScaleQuestion } from '../../domain/survey/types';
import { labelled, type Element } from './elements';
import { inputId } from './verbs';

/**
 * The input for one question, with the question as its words, shown once on every host (see
 * `labelled`). No `isRequired`: Teams checks required inputs on every Submit, which would
 * block Back and "Save and finish later"; the server checks instead and the words say
 * "(required)" or "(optional)".
 */
export function questionInput(question: Question, answer: AnswerValue | undefined): Element {
  return labelled(bareInput(question, answer), questionLabel(question), { weight: 'bolder' });
}

function bareInput(question: Question, answer: AnswerValue | undefined): Element {
  const base = { id: inputId(question.id), ...prefill(answer) };
  switch (question.kind) {
    case 'single':
      return { type: 'Input.ChoiceSet', ...base, style: 'expanded', wrap: true, choices: question.options.map((o) => choice(o.label, o.id)) };
    case 'multi':
      return { type: 'Input.ChoiceSet', ...base, style: 'expanded', isMultiSelect: true, wrap: true, choices: question.options.map((o) => choice(o.label, o.id)) };
    case 'scale':
      // Radio buttons rather than Input.Number: the whole scale, with what its ends mean,
      // is on screen, and a phone shows it without a keyboard.
      return { type: 'Input.ChoiceSet', ...base, style: 'expanded', wrap: true, choices: scaleValues(question).map((n) => choice(scaleLabel(question, n), String(n))) };
    case 'text':
      return { type: 'Input.Text', ...base, isMultiline: true, maxLength: question.maxLength, placeholder: `Type your answer (up to ${thousands(question.maxLength)} characters)` };
  }
}

/** What the question line says after the question: "(required)", or "(optional)" for one that may be skipped. */
export function requiredMark(question: Question): string {
  return question.required ? '(required)' : '(optional)';
}

/** The question's words (the input's label and accessible name): the question and whether it may be skipped. */
export function questionLabel(question: Question): string {
  return `${question.text} ${requiredMark(question)}`;
}

/** "Choose up to 2." for a multiple choice question whose hint does not already say how many. */
export function choiceLimit(question: Question): string | undefined {
  if (question.kind !== 'multi') return undefined;
  if (question.hint && /\b(up to|no more than|at most|at least)\b/i.test(question.hint)) return undefined;
  const { minChoices: min, maxChoices: max } = question;
  if (min !== undefined && max !== undefined) return min === max ? `Choose ${max}.` : `Choose between ${min} and ${max}.`;
  if (max !== undefined) return `Choose up to ${max}.`;
  if (min !== undefined) return `Choose at least ${min}.`;
  return undefined;
}

export function scaleValues(question: ScaleQuestion): readonly number[] {
  const values: number[] = [];
  for (let n = question.min; n <= question.max; n++) values.push(n);
  return values;
}

/** "0 – Not confident at all", "5", "10 – Extremely confident". */
export function scaleLabel(question: ScaleQuestion, n: number): string {
  if (n === question.min) return `${n} – ${question.minLabel}`;
  if (n === question.max) return `${n} – ${question.maxLabel}`;
  return String(n);
}

/** 2000 → "2,000". */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function choice(title: string, value: string): Element {
  return { title, value };
}

/** Teams sends a multiple choice as "a,b", so that is how it is pre-filled too. */
function prefill(answer: AnswerValue | undefined): { readonly value?: string } {
  if (answer === undefined) return {};
  const value = Array.isArray(answer) ? answer.join(',') : String(answer);
  return value === '' ? {} : { value };
}
