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

/** Every question in questionnaire order, with its section id. */
export function allQuestions(
  questionnaire: Questionnaire,
): readonly { readonly sectionId: string; readonly question: Question }[] {
  return questionnaire.sections.flatMap((section) =>
    section.questions.map((question) => ({ sectionId: section.id, question })),
  );
}

/** Looks a question up by id; `undefined` for ids the questionnaire does not have. */
export function findQuestion(questionnaire: Questionnaire, id: QuestionId): Question | undefined {
  for (const section of questionnaire.sections) {
    const found = section.questions.find((q) => q.id === id);
    if (found) return found;
  }
  return undefined;
}
