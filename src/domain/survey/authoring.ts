import type { FieldError } from '../shared/fieldError';
import { ABOUT_YOU_QUESTIONS, bankEntry, BREAKDOWN_QUESTIONS } from './bank';
import { AGREE_HEADLINE, agreeScale } from './healthCheck';
import { allQuestions, findQuestion } from './rules';
import { isTemplateId, minutesFor, TEMPLATE_PREFIX } from './templates';
import { kindOf, type Condition, type Option, type Question, type QuestionId, type Questionnaire, type Section, type SurveyId } from './types';

/**
 * How a PSW makes a pulse survey: copy a template (or one of their own) and change it, one
 * edit at a time, then check the whole before anything is saved. Pure, so the tab can show
 * the result of each edit as it is made and the server applies the same edits again to what
 * it holds (docs/adr/0021-questionnaires-as-a-registry.md).
 */

/** The kinds of question a PSW may write themselves. */
export const CUSTOM_QUESTION_KINDS = ['single', 'multi', 'agree', 'zero-to-ten', 'text'] as const;
export type CustomQuestionKind = (typeof CUSTOM_QUESTION_KINDS)[number];

export const CUSTOM_QUESTION_KIND_LABELS: Readonly<Record<CustomQuestionKind, string>> = {
  single: 'Single choice',
  multi: 'Multiple choice',
  agree: 'Agreement scale (strongly agree to strongly disagree)',
  'zero-to-ten': 'A number from 0 to 10',
  text: 'Free text',
};

export const AUTHORING_LIMITS = {
  title: 100,
  questionText: 300,
  hint: 300,
  option: 100,
  /** Choices in a question the PSW writes. */
  options: 20,
  /** A pulse is short: the Health Check is the long survey. */
  pulseQuestions: 30,
  /** Edits in one save. */
  edits: 200,
  freeTextLength: 2000,
} as const;

/** Questionnaire ids: lower-case letters, digits and dashes, as cycle ids. */
const SURVEY_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;
const QUESTION_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
/** The section a pulse's About you questions sit in, first, as in the Health Check. */
const ABOUT_YOU_SECTION = 'about-you';
const ABOUT_YOU_TITLE = 'About you';

export interface CustomQuestionSpec {
  readonly kind: CustomQuestionKind;
  readonly text: string;
  /** Single and multiple choice: the answers, as people read them. */
  readonly options?: readonly string[];
  /** Multiple choice: at most this many. */
  readonly maxChoices?: number;
  /** 0 to 10: what the ends mean. */
  readonly minLabel?: string;
  readonly maxLabel?: string;
}

export type Edit =
  | { readonly op: 'title'; readonly title: string }
  | { readonly op: 'reword'; readonly question: QuestionId; readonly text: string; readonly hint?: string }
  | { readonly op: 'remove'; readonly question: QuestionId }
  | { readonly op: 'move'; readonly question: QuestionId; readonly direction: 'up' | 'down' }
  | { readonly op: 'add-from-bank'; readonly question: QuestionId }
  | ({ readonly op: 'add-custom' } & CustomQuestionSpec);

export const EDIT_OPS = ['title', 'reword', 'remove', 'move', 'add-from-bank', 'add-custom'] as const satisfies readonly Edit['op'][];

export type Authored = { readonly ok: true; readonly questionnaire: Questionnaire } | { readonly ok: false; readonly errors: readonly FieldError[] };

const fieldOf = (id: QuestionId, part?: string): string => `questions.${id}${part ? `.${part}` : ''}`;
const quote = (text: string): string => `"${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;

// ───────────────────────────── copying ─────────────────────────────

/** Why `id` cannot name a new questionnaire, or undefined. `taken`: ids already in the registry. */
export function questionnaireIdProblem(id: string, taken: (id: SurveyId) => boolean): FieldError | undefined {
  if (!SURVEY_ID.test(id)) return { field: 'id', message: `"${id}" cannot be a survey id: use 2 to 40 lower-case letters, digits and dashes, e.g. supervision-spring-2027.` };
  if (isTemplateId(id)) return { field: 'id', message: `Survey ids beginning "${TEMPLATE_PREFIX}" are kept for the templates: choose another.` };
  if (taken(id)) return { field: 'id', message: `There is already a survey called "${id}": choose another id, or edit that one.` };
  return undefined;
}

/** A new pulse, version 1, with the source's questions: what "copy this template" makes. */
export function copyOf(source: Questionnaire, target: { readonly id: SurveyId; readonly title: string }): Questionnaire {
  return tidy({ ...source, id: target.id, title: target.title, kind: 'pulse', version: 1 });
}

// ───────────────────────────── edits ─────────────────────────────

/**
 * Edits as sent by the tab or read from a file, checked for shape only (what they do is
 * checked by `applyEdits`). Every problem is reported, by the edit's place in the list.
 */
export function parseEdits(input: unknown): { readonly ok: true; readonly edits: readonly Edit[] } | { readonly ok: false; readonly errors: readonly FieldError[] } {
  if (!Array.isArray(input)) return { ok: false, errors: [{ field: 'edits', message: 'Send the changes as a list of edits.' }] };
  if (input.length > AUTHORING_LIMITS.edits) return { ok: false, errors: [{ field: 'edits', message: `Save after at most ${AUTHORING_LIMITS.edits} changes.` }] };
  const errors: FieldError[] = [];
  const edits: Edit[] = [];
  input.forEach((raw: unknown, i) => {
    const field = `edits.${i}`;
    const bad = (message: string) => errors.push({ field, message });
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('Each change must be an object with an "op".');
    const e = raw as Record<string, unknown>;
    const text = (key: string): string | undefined => (typeof e[key] === 'string' ? (e[key] as string) : undefined);
    const question = text('question');
    switch (e.op) {
      case 'title': {
        const title = text('title');
        return title === undefined ? bad('A new title must be text.') : void edits.push({ op: 'title', title });
      }
      case 'reword': {
        const wording = text('text');
        const hint = e.hint === undefined || e.hint === null ? undefined : text('hint');
        if (question === undefined || wording === undefined) return bad("Rewording needs the question's id and its new text.");
        if (e.hint !== undefined && e.hint !== null && hint === undefined) return bad('A hint must be text.');
        return void edits.push({ op: 'reword', question, text: wording, ...(hint !== undefined ? { hint } : {}) });
      }
      case 'remove':
      case 'add-from-bank':
        return question === undefined ? bad('Say which question, by its id.') : void edits.push({ op: e.op, question });
      case 'move':
        if (question === undefined || (e.direction !== 'up' && e.direction !== 'down')) return bad('Moving needs the question\'s id and "up" or "down".');
        return void edits.push({ op: 'move', question, direction: e.direction });
      case 'add-custom': {
        const kind = CUSTOM_QUESTION_KINDS.find((k) => k === e.kind);
        const wording = text('text');
        if (!kind) return bad(`A new question's kind must be one of ${CUSTOM_QUESTION_KINDS.join(', ')}.`);
        if (wording === undefined) return bad('A new question needs its text.');
        const options = e.options === undefined ? undefined : Array.isArray(e.options) && e.options.every((o) => typeof o === 'string') ? (e.options as string[]) : null;
        if (options === null) return bad("A new question's answers must be a list of text.");
        const maxChoices = e.maxChoices === undefined || e.maxChoices === null ? undefined : typeof e.maxChoices === 'number' ? e.maxChoices : null;
        if (maxChoices === null) return bad('"At most" must be a whole number.');
        for (const key of ['minLabel', 'maxLabel'] as const) if (e[key] !== undefined && e[key] !== null && typeof e[key] !== 'string') return bad("The scale's end labels must be text.");
        const minLabel = text('minLabel');
        const maxLabel = text('maxLabel');
        return void edits.push({
          op: 'add-custom',
          kind,
          text: wording,
          ...(options ? { options } : {}),
          ...(maxChoices !== undefined ? { maxChoices } : {}),
          ...(minLabel !== undefined ? { minLabel } : {}),
          ...(maxLabel !== undefined ? { maxLabel } : {}),
        });
      }
      default:
        return bad(`"op" must be one of ${EDIT_OPS.join(', ')}.`);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, edits };
}

/**
 * The questionnaire after the edits, as the next version, checked whole; or every problem
 * found, by field. Nothing is half-applied: either every edit stands or none does.
 */
export function applyEdits(questionnaire: Questionnaire, edits: readonly Edit[]): Authored {
  const { questionnaire: result, editErrors, problems } = previewEdits(questionnaire, edits);
  if (editErrors.length > 0) return { ok: false, errors: editErrors };
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, questionnaire: result };
}

/**
 * The edits applied as far as they go, for an editor to show while the PSW works: the
 * questionnaire with every edit that could be made, the edits that could not (by field), and
 * what is wrong with the whole so far. `applyEdits` saves only when both lists are empty.
 */
export function previewEdits(
  questionnaire: Questionnaire,
  edits: readonly Edit[],
): { readonly questionnaire: Questionnaire; readonly editErrors: readonly FieldError[]; readonly problems: readonly FieldError[] } {
  const nextVersion = questionnaire.version + 1;
  let current: Questionnaire = { ...questionnaire, version: nextVersion };
  const editErrors: FieldError[] = [];
  let added = 0;
  for (const edit of edits) {
    const step = applyOne(current, edit, () => `own-${nextVersion}-${++added}`);
    if ('error' in step) editErrors.push(step.error);
    else current = step.questionnaire;
  }
  const result = tidy(current);
  return { questionnaire: result, editErrors, problems: checkQuestionnaire(result) };
}

type Step = { readonly questionnaire: Questionnaire } | { readonly error: FieldError };

function applyOne(q: Questionnaire, edit: Edit, newId: () => QuestionId): Step {
  switch (edit.op) {
    case 'title': {
      const title = edit.title.trim();
      if (title === '' || title.length > AUTHORING_LIMITS.title) return { error: { field: 'title', message: `Give the survey a title of 1 to ${AUTHORING_LIMITS.title} characters.` } };
      return { questionnaire: { ...q, title } };
    }
    case 'reword': {
      const found = findQuestion(q, edit.question);
      if (!found) return { error: { field: fieldOf(edit.question), message: `There is no question "${edit.question}" in this survey to reword.` } };
      const text = edit.text.trim();
      if (text === '' || text.length > AUTHORING_LIMITS.questionText)
        return { error: { field: fieldOf(edit.question, 'text'), message: `Write the question in 1 to ${AUTHORING_LIMITS.questionText} characters.` } };
      const hint = edit.hint?.trim();
      if (hint !== undefined && hint.length > AUTHORING_LIMITS.hint) return { error: { field: fieldOf(edit.question, 'hint'), message: `Keep the hint to ${AUTHORING_LIMITS.hint} characters.` } };
      const { hint: _old, ...rest } = found;
      const reworded: Question = { ...rest, text, ...(hint === undefined ? (found.hint !== undefined ? { hint: found.hint } : {}) : hint === '' ? {} : { hint }) };
      return { questionnaire: mapQuestions(q, (x) => (x.id === found.id ? reworded : x)) };
    }
    case 'remove': {
      if (!findQuestion(q, edit.question)) return { error: { field: fieldOf(edit.question), message: `There is no question "${edit.question}" in this survey to remove.` } };
      // Role, team and length of service come and go together: they are what results break down by.
      const going = new Set(isBreakdownQuestion(edit.question) ? ABOUT_YOU_QUESTIONS : [edit.question]);
      return { questionnaire: { ...q, sections: q.sections.map((s) => ({ ...s, questions: s.questions.filter((x) => !going.has(x.id)) })) } };
    }
    case 'move': {
      const section = q.sections.find((s) => s.questions.some((x) => x.id === edit.question));
      if (!section) return { error: { field: fieldOf(edit.question), message: `There is no question "${edit.question}" in this survey to move.` } };
      const list = [...section.questions];
      const i = list.findIndex((x) => x.id === edit.question);
      const j = edit.direction === 'up' ? i - 1 : i + 1;
      if (j < 0 || j >= list.length) return { questionnaire: q };
      [list[i], list[j]] = [list[j] as Question, list[i] as Question];
      return { questionnaire: { ...q, sections: q.sections.map((s) => (s === section ? { ...s, questions: list } : s)) } };
    }
    case 'add-from-bank': {
      const entry = bankEntry(edit.question);
      if (!entry) return { error: { field: fieldOf(edit.question), message: `"${edit.question}" is not a question in the bank: choose one from the list, or write your own.` } };
      if (findQuestion(q, edit.question)) return { error: { field: fieldOf(edit.question), message: `${quote(entry.question.text)} is already in this survey.` } };
      if (ABOUT_YOU_QUESTIONS.includes(edit.question)) return { questionnaire: withAboutYou(q, edit.question) };
      return { questionnaire: addToLastSection(q, entry.question) };
    }
    case 'add-custom': {
      const built = customQuestion(edit, newId());
      return 'error' in built ? built : { questionnaire: addToLastSection(q, built.question) };
    }
  }
}

function mapQuestions(q: Questionnaire, f: (question: Question) => Question): Questionnaire {
  return { ...q, sections: q.sections.map((s) => ({ ...s, questions: s.questions.map(f) })) };
}

const isBreakdownQuestion = (id: QuestionId): boolean => [BREAKDOWN_QUESTIONS.role, BREAKDOWN_QUESTIONS.team, BREAKDOWN_QUESTIONS.lengthOfService].includes(id);

/** Adds an About you question, and with it role, team and length of service, in a first section of their own. */
function withAboutYou(q: Questionnaire, asked: QuestionId): Questionnaire {
  const wanted = new Set([BREAKDOWN_QUESTIONS.role, BREAKDOWN_QUESTIONS.team, BREAKDOWN_QUESTIONS.lengthOfService, asked]);
  const present = new Set(allQuestions(q).map((x) => x.question.id));
  const existing = q.sections.find((s) => s.id === ABOUT_YOU_SECTION);
  const questions = ABOUT_YOU_QUESTIONS.filter((id) => present.has(id) || wanted.has(id))
    .map((id) => bankEntry(id)?.question)
    .filter((x): x is Question => x !== undefined);
  const section: Section = {
    id: ABOUT_YOU_SECTION,
    title: ABOUT_YOU_TITLE,
    intro: existing?.intro ?? 'A few questions about your job, so results can be compared across roles, teams and length of service. Small groups are never shown.',
    questions,
  };
  return { ...q, sections: [section, ...q.sections.filter((s) => s.id !== ABOUT_YOU_SECTION).map((s) => ({ ...s, questions: s.questions.filter((x) => !ABOUT_YOU_QUESTIONS.includes(x.id)) }))] };
}

function addToLastSection(q: Questionnaire, question: Question): Questionnaire {
  const target = [...q.sections].reverse().find((s) => s.id !== ABOUT_YOU_SECTION);
  if (!target) return { ...q, sections: [...q.sections, { id: 'questions', title: q.title, questions: [question] }] };
  return { ...q, sections: q.sections.map((s) => (s === target ? { ...s, questions: [...s.questions, question] } : s)) };
}

/** Option ids from labels: "Every week" → `every-week`, unique within the question. */
function optionIds(labels: readonly string[]): Option[] {
  const used = new Set<string>();
  return labels.map((label, i) => {
    const base =
      label
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || `answer-${i + 1}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { id, label };
  });
}

/** A question the PSW wrote, or why it cannot be asked. Every one may be skipped. */
export function customQuestion(spec: CustomQuestionSpec, id: QuestionId): { readonly question: Question } | { readonly error: FieldError } {
  const fail = (part: string, message: string) => ({ error: { field: `newQuestion.${part}`, message } });
  const text = spec.text.trim();
  if (text === '' || text.length > AUTHORING_LIMITS.questionText) return fail('text', `Write the question in 1 to ${AUTHORING_LIMITS.questionText} characters.`);
  switch (spec.kind) {
    case 'single':
    case 'multi': {
      const labels = (spec.options ?? []).map((o) => o.trim()).filter((o) => o !== '');
      if (labels.length < 2 || labels.length > AUTHORING_LIMITS.options) return fail('options', `Give 2 to ${AUTHORING_LIMITS.options} answers to choose from, one a line.`);
      const long = labels.find((l) => l.length > AUTHORING_LIMITS.option);
      if (long) return fail('options', `Keep each answer to ${AUTHORING_LIMITS.option} characters: ${quote(long)} is longer.`);
      const seen = new Set<string>();
      const twice = labels.find((l) => (seen.has(l.toLowerCase()) ? true : (seen.add(l.toLowerCase()), false)));
      if (twice) return fail('options', `${quote(twice)} is given twice: each answer once.`);
      const options = optionIds(labels);
      if (spec.kind === 'single') return { question: { id, kind: 'single', text, required: false, options } };
      const max = spec.maxChoices;
      if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > labels.length)) return fail('maxChoices', `"At most" must be a whole number from 1 to ${labels.length}.`);
      return {
        question: { id, kind: 'multi', text, required: false, options, hint: max === undefined ? 'Choose all that apply.' : `Choose up to ${max}.`, ...(max !== undefined ? { maxChoices: max } : {}) },
      };
    }
    case 'agree':
      // The council's convention: the headline is "strongly agree or agree".
      return { question: { id, kind: 'single', text, resultText: `strongly agree or agree: "${text}"`, required: false, options: agreeScale(), headline: AGREE_HEADLINE } };
    case 'zero-to-ten': {
      const minLabel = spec.minLabel?.trim() || 'Not at all';
      const maxLabel = spec.maxLabel?.trim() || 'Completely';
      if (minLabel.length > AUTHORING_LIMITS.option || maxLabel.length > AUTHORING_LIMITS.option) return fail('labels', `Keep the scale's end labels to ${AUTHORING_LIMITS.option} characters.`);
      return { question: { id, kind: 'scale', text, required: false, min: 0, max: 10, minLabel, maxLabel } };
    }
    case 'text':
      return {
        question: { id, kind: 'text', text, required: false, hint: 'Please do not include names or anything that could identify you or someone else.', maxLength: AUTHORING_LIMITS.freeTextLength },
      };
  }
}

/** Empty sections dropped, breakdowns set when role, team and length of service are all asked, minutes estimated. */
export function tidy(q: Questionnaire): Questionnaire {
  const sections = q.sections.filter((s) => s.questions.length > 0);
  const ids = new Set(sections.flatMap((s) => s.questions.map((x) => x.id)));
  const b = BREAKDOWN_QUESTIONS;
  const breaks = kindOf(q) === 'pulse' ? (ids.has(b.role) && ids.has(b.team) && ids.has(b.lengthOfService) ? { breakdowns: b } : {}) : q.breakdowns ? { breakdowns: q.breakdowns } : {};
  const { breakdowns: _old, ...rest } = q;
  return { ...rest, ...breaks, sections, ...(kindOf(q) === 'pulse' ? { minutes: minutesFor(ids.size) } : {}) };
}

// ───────────────────────────── the whole ─────────────────────────────

function conditionQuestions(c: Condition): { readonly question: QuestionId; readonly anyOf: readonly string[] }[] {
  if ('all' in c) return c.all.flatMap(conditionQuestions);
  if ('any' in c) return c.any.flatMap(conditionQuestions);
  if ('not' in c) return conditionQuestions(c.not);
  return [c];
}

/** JSON with every object's keys in order, so two equal questions read the same however they were stored. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A question as the bank holds it, wording aside: what must not change for its figures to compare. */
function meaning(question: Question): string {
  const { text: _t, hint: _h, ...rest } = question;
  return canonical(rest);
}

/**
 * Everything wrong with a questionnaire as a whole, by field, or none. The Health Check
 * passes; a pulse must also keep to a pulse's length and ask About you all or nothing.
 */
export function checkQuestionnaire(q: Questionnaire): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (q.title.trim() === '' || q.title.length > AUTHORING_LIMITS.title) add('title', `Give the survey a title of 1 to ${AUTHORING_LIMITS.title} characters.`);
  const all = allQuestions(q);
  if (all.length === 0) add('questions', 'The survey has no questions: add at least one, from the bank or of your own.');
  if (kindOf(q) === 'pulse' && all.length > AUTHORING_LIMITS.pulseQuestions)
    add('questions', `A pulse asks at most ${AUTHORING_LIMITS.pulseQuestions} questions (this one has ${all.length}): the Health Check is the long survey.`);
  const sectionIds = new Set<string>();
  for (const s of q.sections) {
    if (sectionIds.has(s.id)) add(`sections.${s.id}`, `Two sections are called "${s.id}".`);
    sectionIds.add(s.id);
  }
  const position = new Map<QuestionId, number>();
  all.forEach(({ question }, i) => {
    if (position.has(question.id)) add(fieldOf(question.id), `${quote(question.text)}: the id "${question.id}" is used twice; every question needs its own.`);
    else position.set(question.id, i);
    if (sectionIds.has(question.id)) add(fieldOf(question.id), `The id "${question.id}" is a section's too; question and section ids must differ.`);
  });
  all.forEach(({ question }, i) => {
    const field = fieldOf(question.id);
    if (!QUESTION_ID.test(question.id)) add(field, `"${question.id}" cannot be a question id: use lower-case letters, digits and dashes.`);
    const banked = bankEntry(question.id);
    if (banked && meaning(banked.question) !== meaning(question)) {
      add(
        field,
        `${quote(question.text)} is the bank's question, so only its wording may change here (its answers and rules are what make it comparable with the Health Check): add a question of your own to ask something else.`,
      );
    }
    errors.push(...ownQuestionProblems(question, field));
    for (const rule of question.showIf ? conditionQuestions(question.showIf) : []) {
      const where = position.get(rule.question);
      const asked = findQuestion(q, rule.question);
      const name = asked?.text ?? bankEntry(rule.question)?.question.text ?? rule.question;
      if (where === undefined) {
        add(`${field}.showIf`, `${quote(question.text)} is asked only after ${quote(name)}, which this survey does not ask: add that question back, or remove this one.`);
      } else if (where >= i) {
        add(`${field}.showIf`, `${quote(question.text)} depends on ${quote(name)}, which comes after it: move it below.`);
      } else if (asked && (asked.kind === 'single' || asked.kind === 'multi')) {
        const unknown = rule.anyOf.filter((o) => !asked.options.some((x) => x.id === o));
        if (unknown.length > 0) add(`${field}.showIf`, `${quote(question.text)} depends on answers ${quote(name)} does not have (${unknown.join(', ')}).`);
      }
    }
  });
  if (kindOf(q) === 'pulse') {
    const b = BREAKDOWN_QUESTIONS;
    const about = [b.role, b.team, b.lengthOfService].filter((id) => position.has(id));
    const anyAbout = ABOUT_YOU_QUESTIONS.some((id) => position.has(id));
    if (anyAbout && about.length < 3)
      add(
        'questions',
        'A pulse asks either none of the About you questions or role, team and length of service together: they are what its results are broken down by, and alone they would only describe people.',
      );
  }
  if (q.breakdowns) {
    for (const id of [q.breakdowns.role, q.breakdowns.team, q.breakdowns.lengthOfService]) {
      const found = findQuestion(q, id);
      if (!found || found.kind !== 'single') add('breakdowns', `Results are broken down by "${id}", which is not a single-choice question of this survey.`);
    }
  }
  if (!Number.isInteger(q.version) || q.version < 1) add('version', 'The version must be a whole number from 1.');
  return errors;
}

/** A question's own shape: what the cards and results need of it. */
function ownQuestionProblems(question: Question, field: string): FieldError[] {
  const problems: FieldError[] = [];
  const add = (message: string) => problems.push({ field, message });
  if (question.text.trim() === '') add('A question needs its text.');
  switch (question.kind) {
    case 'single':
    case 'multi': {
      if (question.options.length < 2) add(`${quote(question.text)} needs at least two answers to choose from.`);
      const ids = question.options.map((o) => o.id);
      if (new Set(ids).size !== ids.length) add(`${quote(question.text)} has two answers with the same id.`);
      if (question.options.some((o) => o.label.trim() === '')) add(`${quote(question.text)} has an answer with no words.`);
      if (question.kind === 'multi' && question.maxChoices !== undefined && (question.maxChoices < 1 || question.maxChoices > question.options.length))
        add(`${quote(question.text)}: "at most" is more than the answers it has.`);
      break;
    }
    case 'scale':
      if (!Number.isInteger(question.min) || !Number.isInteger(question.max) || question.min >= question.max)
        add(`${quote(question.text)}: the scale must run from a smaller whole number to a larger one.`);
      break;
    case 'text':
      if (!Number.isInteger(question.maxLength) || question.maxLength < 1) add(`${quote(question.text)} must take at least one character.`);
      break;
  }
  return problems;
}
