import { isShown } from '../../domain/survey/rules';
import type { AnswerValue, Question } from '../../domain/survey/types';
import type { AnswerError } from '../../domain/survey/validate';
import { adaptiveCard, container, heading, submit, text, type Element } from './elements';
import { choiceLimit, questionInput } from './questionInput';
import { sectionPages } from './surveyPages';
import type { AdaptiveCard, SectionCardInput } from './types';
import { VERBS, type SurveyActionData, type Verb } from './verbs';

/** Above a question an answer on the same page has just opened. */
export const NEW_QUESTION = 'New question, because of your answer above';

/**
 * One page of a section of a survey (see surveyPages.ts): its heading first, then the
 * questions the person is asked (show-if rules applied to the answers so far), pre-filled,
 * each with any refused answer marked under it, and a question just opened by an answer on
 * the page directly under that answer, marked as new. Buttons in the order people expect:
 * Back, Next, then Save and finish later.
 */
export function sectionCard(input: SectionCardInput): AdaptiveCard {
  const { questionnaire, cycle, sectionIndex, answers } = input;
  const section = questionnaire.sections[sectionIndex];
  if (!section) throw new RangeError(`Section ${sectionIndex} does not exist: ${questionnaire.title} has ${questionnaire.sections.length} sections.`);
  const pages = sectionPages(section);
  const pageIndex = input.page ?? 0;
  const questions = pages[pageIndex];
  if (!questions) throw new RangeError(`Page ${pageIndex} of section ${sectionIndex} does not exist: it has ${pages.length} pages.`);
  const total = questionnaire.sections.length;
  const shown = questions.filter((q) => isShown(q, answers));
  const fresh = new Set(input.newQuestions ?? []);
  const { placed, elsewhere } = sortErrors(shown, input.errors ?? []);

  const part = pages.length > 1 ? ` (part ${pageIndex + 1} of ${pages.length})` : '';
  const body: Element[] = [heading(`Section ${sectionIndex + 1} of ${total}: ${section.title}${part}`), text(cycle.title, { isSubtle: true, size: 'small', spacing: 'none' })];
  if (section.intro && pageIndex === 0) body.push(text(section.intro, { spacing: 'small' }));
  if (input.fromReview) body.push(text('You are changing your answers. When you have finished this section, you go back to check them all.', { spacing: 'small', isSubtle: true }));
  if (input.note) body.push(text(input.note, { color: 'accent', weight: 'bolder' }));
  body.push(...errorSummary(placed, elsewhere));
  for (const question of shown) body.push(questionBlock(question, answers[question.id], placed.get(question.id) ?? [], fresh.has(question.id)));
  if (shown.length === 0) body.push(text('There are no questions for you here. Please go on.'));

  const data = (verb: Verb): SurveyActionData => ({ verb, cycleId: cycle.id, section: sectionIndex, ...(pageIndex > 0 ? { page: pageIndex } : {}), ...(input.fromReview ? { fromReview: true } : {}) });
  const actions: Element[] = [];
  if (sectionIndex > 0 || pageIndex > 0 || input.fromReview) actions.push(submit('Back', data(VERBS.back)));
  // "Next" on every page, the last one included (it leads to the review, titled "Check your answers"): a longer title would not fit beside Back and Save and finish later on a phone.
  actions.push(submit('Next', data(VERBS.next), 'positive'));
  actions.push(submit('Save and finish later', data(VERBS.saveForLater)));

  return adaptiveCard({ fallbackText: `${cycle.title}, section ${sectionIndex + 1} of ${total}: ${section.title}${part}.`, body, actions });
}

function questionBlock(question: Question, answer: AnswerValue | undefined, errors: readonly AnswerError[], isNew: boolean): Element {
  const items: Element[] = [];
  if (isNew) items.push(text(NEW_QUESTION, { color: 'accent', weight: 'bolder', size: 'small' }));
  items.push(questionInput(question, answer));
  const hint = [question.hint, choiceLimit(question)].filter((h): h is string => h !== undefined && h !== '').join(' ');
  if (hint) items.push(text(hint, { isSubtle: true, spacing: 'small' }));
  for (const error of errors) items.push(text(`⚠ ${withoutQuestion(error.message, question)}`, { color: 'attention', weight: 'bolder', spacing: 'small' }));
  return container(items, { separator: true, spacing: 'medium' });
}

/** Errors for questions on this card go under them; any others are listed at the top. */
function sortErrors(shown: readonly Question[], errors: readonly AnswerError[]) {
  const ids = new Set(shown.map((q) => q.id));
  const placed = new Map<string, AnswerError[]>();
  const elsewhere: AnswerError[] = [];
  for (const error of errors) {
    if (!ids.has(error.questionId)) {
      elsewhere.push(error);
      continue;
    }
    const list = placed.get(error.questionId) ?? [];
    list.push(error);
    placed.set(error.questionId, list);
  }
  return { placed, elsewhere };
}

function errorSummary(placed: ReadonlyMap<string, readonly AnswerError[]>, elsewhere: readonly AnswerError[]): readonly Element[] {
  const lines: Element[] = [];
  if (placed.size === 1) lines.push(text('Please check the answer marked below.', { color: 'attention', weight: 'bolder' }));
  if (placed.size > 1) lines.push(text(`Please check the ${placed.size} answers marked below.`, { color: 'attention', weight: 'bolder' }));
  for (const error of elsewhere) lines.push(text(`⚠ ${error.message}`, { color: 'attention', spacing: 'small' }));
  return lines;
}

/** Under its question, an error need not repeat the question: "Please answer this question." */
function withoutQuestion(message: string, question: Question): string {
  const prefix = `"${question.text}": `;
  if (!message.startsWith(prefix)) return message;
  const rest = message.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
