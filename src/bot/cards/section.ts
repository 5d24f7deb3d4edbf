import { isShown } from '../../domain/survey/rules';
import type { AnswerValue, Question } from '../../domain/survey/types';
import type { AnswerError } from '../../domain/survey/validate';
import { adaptiveCard, container, submit, text, type Element } from './elements';
import { choiceLimit, questionInput, requiredMark } from './questionInput';
import type { AdaptiveCard, SectionCardInput } from './types';
import { VERBS, type Verb } from './verbs';

/**
 * One section of a survey: the questions the person is asked (show-if rules applied to the
 * answers so far), pre-filled, with any refused answers marked under their question.
 */
export function sectionCard(input: SectionCardInput): AdaptiveCard {
  const { questionnaire, cycle, sectionIndex, answers } = input;
  const section = questionnaire.sections[sectionIndex];
  if (!section) throw new RangeError(`Section ${sectionIndex} does not exist: ${questionnaire.title} has ${questionnaire.sections.length} sections.`);
  const total = questionnaire.sections.length;
  const shown = section.questions.filter((q) => isShown(q, answers));
  const { placed, elsewhere } = sortErrors(shown, input.errors ?? []);

  const body: Element[] = [
    text(cycle.title, { isSubtle: true, size: 'small' }),
    text(`Section ${sectionIndex + 1} of ${total}: ${section.title}`, { size: 'medium', weight: 'bolder', spacing: 'small' }),
  ];
  if (section.intro) body.push(text(section.intro, { spacing: 'small' }));
  if (input.note) body.push(text(input.note, { color: 'accent', weight: 'bolder' }));
  body.push(...errorSummary(placed, elsewhere));
  for (const question of shown) body.push(questionBlock(question, answers[question.id], placed.get(question.id) ?? []));
  if (shown.length === 0) body.push(text('There are no questions for you in this section. Please go on to the next one.'));

  const data = (verb: Verb) => ({ verb, cycleId: cycle.id, section: sectionIndex });
  const last = sectionIndex === total - 1;
  const actions = [submit(last ? 'Review answers' : 'Next', data(VERBS.next), 'positive'), submit('Save and finish later', data(VERBS.saveForLater))];
  if (sectionIndex > 0) actions.push(submit('Back', data(VERBS.back)));

  return adaptiveCard({ fallbackText: `${cycle.title}, section ${sectionIndex + 1} of ${total}: ${section.title}.`, body, actions });
}

function questionBlock(question: Question, answer: AnswerValue | undefined, errors: readonly AnswerError[]): Element {
  const items: Element[] = [text(`${question.text} ${requiredMark(question)}`, { weight: 'bolder' })];
  for (const error of errors) items.push(text(`⚠ ${withoutQuestion(error.message, question)}`, { color: 'attention', weight: 'bolder', spacing: 'small' }));
  const hint = [question.hint, choiceLimit(question)].filter((h): h is string => h !== undefined && h !== '').join(' ');
  if (hint) items.push(text(hint, { isSubtle: true, spacing: 'small' }));
  items.push(questionInput(question, answer));
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
