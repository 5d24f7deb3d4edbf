/**
 * The survey in the tab, step by step, with the bot's own rules (the pure domain's
 * validation and show-if rules), so the tab can refuse nothing the bot accepts and accept
 * nothing it refuses. The server checks again: this is for quick, clear messages.
 */
import { isShown } from '../../../src/domain/survey/rules';
import type { Answers, AnswerValue, Question, Questionnaire, Section } from '../../../src/domain/survey/types';
import { validateAnswers, type AnswerError } from '../../../src/domain/survey/validate';

export type { Answers, AnswerError, AnswerValue, Question, Questionnaire, Section };

/** Questions of a section the person is asked, given their answers so far. */
export function shownQuestions(section: Section, answers: Answers): Question[] {
  return section.questions.filter((q) => isShown(q, answers));
}

/** Sections with at least one question to ask (others are skipped, as in the bot). */
export function sectionsToAsk(questionnaire: Questionnaire, answers: Answers): number[] {
  return questionnaire.sections.flatMap((s, i) => (shownQuestions(s, answers).length > 0 ? [i] : []));
}

/** Answers without the empty ones (an emptied text box or no boxes ticked is "not answered"). */
export function withoutEmpty(answers: Readonly<Record<string, AnswerValue | undefined>>): Answers {
  const out: Record<string, AnswerValue> = {};
  for (const [id, v] of Object.entries(answers)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[id] = v;
  }
  return out;
}

/** The Next button's check: what is given is valid, and this section's required questions are answered. */
export function checkSection(questionnaire: Questionnaire, answers: Answers, sectionId: string): readonly AnswerError[] {
  const v = validateAnswers(questionnaire, answers, { mode: 'draft', requireSection: sectionId });
  return v.ok ? [] : v.errors;
}

export function checkAll(questionnaire: Questionnaire, answers: Answers): readonly AnswerError[] {
  const v = validateAnswers(questionnaire, answers, { mode: 'submit' });
  return v.ok ? [] : v.errors;
}

/** Multi-choice: ticking adds, unticking removes, keeping the questionnaire's order. */
export function toggleChoice(question: Question, current: AnswerValue | undefined, option: string, on: boolean): string[] {
  const chosen = new Set(Array.isArray(current) ? current : []);
  if (on) chosen.add(option);
  else chosen.delete(option);
  const order = 'options' in question ? question.options.map((o) => o.id) : [...chosen];
  return order.filter((id) => chosen.has(id));
}
