import type { Answers, Condition, Question, QuestionId, Questionnaire } from './types';

/**
 * Whether a show-if rule holds for the answers given so far. A rule that refers to an
 * unanswered question is false: we do not ask the social-worker-only question until we
 * know the person is a social worker.
 */
export function holds(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, answers));
  if ('any' in condition) return condition.any.some((c) => holds(c, answers));
  if ('not' in condition) return !holds(condition.not, answers);
  const given = answers[condition.question];
  if (given === undefined) return false;
  const chosen = Array.isArray(given) ? given : [String(given)];
  return chosen.some((value) => condition.anyOf.includes(value));
}

/** Whether the person is asked this question, given their other answers. */
export function isShown(question: Question, answers: Answers): boolean {
  return question.showIf === undefined || holds(question.showIf, answers);
}

interface QuestionIndex {
  readonly all: readonly { readonly sectionId: string; readonly question: Question }[];
  readonly byId: ReadonlyMap<QuestionId, Question>;
}

/**
 * Each questionnaire's questions listed and indexed once: every card a person presses is
 * checked answer by answer, and a search through every section for each answer added up to
 * a real share of a reply's time when a whole council answers at once. Questionnaires are
 * never changed once built, so the index stays right.
 */
const indexes = new WeakMap<Questionnaire, QuestionIndex>();

function indexOf(questionnaire: Questionnaire): QuestionIndex {
  let index = indexes.get(questionnaire);
  if (!index) {
    const all = questionnaire.sections.flatMap((section) => section.questions.map((question) => ({ sectionId: section.id, question })));
    const byId = new Map<QuestionId, Question>();
    // The first question with an id wins, as a search in order would find it.
    for (const { question } of all) if (!byId.has(question.id)) byId.set(question.id, question);
    index = { all, byId };
    indexes.set(questionnaire, index);
  }
  return index;
}

/** Every question in questionnaire order, with its section id. */
export function allQuestions(questionnaire: Questionnaire): readonly { readonly sectionId: string; readonly question: Question }[] {
  return indexOf(questionnaire).all;
}

/** Looks a question up by id; `undefined` for ids the questionnaire does not have. */
export function findQuestion(questionnaire: Questionnaire, id: QuestionId): Question | undefined {
  return indexOf(questionnaire).byId.get(id);
}
