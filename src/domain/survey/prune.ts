import { allQuestions, isShown } from './rules';
import type { AnswerValue, Answers, QuestionId, Questionnaire } from './types';

/**
 * Drops answers to questions the rules now hide. If someone answers as a social worker,
 * fills in the PCF question, then goes back and changes their role, the PCF answer must go:
 * it no longer applies, and keeping it would fail validation at submit. Rules may chain,
 * so this repeats until nothing changes.
 */
export function pruneHidden(questionnaire: Questionnaire, answers: Answers): Answers {
  let current: Record<QuestionId, AnswerValue> = { ...answers };
  for (;;) {
    const next: Record<QuestionId, AnswerValue> = {};
    for (const { question } of allQuestions(questionnaire)) {
      const value = current[question.id];
      if (value !== undefined && isShown(question, current)) next[question.id] = value;
    }
    if (Object.keys(next).length === Object.keys(current).length) return next;
    current = next;
  }
}
