import { pruneHidden } from './prune';
import type { AnswerValue, Answers, Questionnaire } from './types';
import { findQuestion } from './rules';
import { hiddenQuestionError, validateAnswers, type AnswerError, type ValidateOptions, type Validation } from './validate';

/**
 * Puts a step's answers (one section from a card, or the last answers at Submit) over the
 * answers saved earlier, and checks the result as a whole: show-if rules depend on answers
 * given in earlier sections (the PCF question depends on the role given in section 1).
 *
 * - Answers given in this step are checked on their own first (type, option, range).
 * - A question left empty in this step is cleared from the earlier answers.
 * - Earlier answers that a changed answer now hides are dropped quietly (the person changed
 *   their role); an answer *given in this step* to a hidden question is refused.
 * - Then the whole set is checked with the rules for `options.mode`.
 */
export function mergeAnswers(questionnaire: Questionnaire, earlier: Answers, step: unknown, options: ValidateOptions): Validation {
  const own = validateAnswers(questionnaire, step, { ...options, checkRules: false });
  if (!own.ok) return own;
  const stepKeys = Object.keys(step as object);
  const kept: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(earlier)) if (!stepKeys.includes(id)) kept[id] = value;
  const combined = { ...kept, ...own.answers };
  const pruned = pruneHidden(questionnaire, combined);
  const hiddenNow: AnswerError[] = Object.keys(own.answers)
    .filter((id) => pruned[id] === undefined)
    .flatMap((id) => {
      const question = findQuestion(questionnaire, id);
      return question ? [hiddenQuestionError(questionnaire, question)] : [];
    });
  if (hiddenNow.length > 0) return { ok: false, errors: hiddenNow };
  return validateAnswers(questionnaire, pruned, options);
}
