import { isShown } from '../../domain/survey/rules';
import type { AnswerValue, Answers, Question, Questionnaire } from '../../domain/survey/types';
import { actionSet, adaptiveCard, container, heading, submit, text, type Element } from './elements';
import { scaleLabel } from './questionInput';
import type { AdaptiveCard, CycleSummary } from './types';
import { VERBS } from './verbs';

export interface ReviewCardInput {
  readonly questionnaire: Questionnaire;
  readonly cycle: CycleSummary;
  readonly answers: Answers;
}

/** Every answer, as the person chose it (labels, not ids), with Change per section and Send. */
export function reviewCard(input: ReviewCardInput): AdaptiveCard {
  const { questionnaire, cycle, answers } = input;
  const body: Element[] = [
    heading('Check your answers'),
    text(`${cycle.title}. Check your answers before you send them. Use "Change" to go back to a section.`, { spacing: 'small' }),
  ];
  questionnaire.sections.forEach((section, index) => {
    const items: Element[] = [text(`Section ${index + 1}: ${section.title}`, { weight: 'bolder' })];
    for (const question of section.questions.filter((q) => isShown(q, answers))) items.push(...answerLines(question, answers[question.id]));
    items.push(actionSet([submit('Change', { verb: VERBS.edit, cycleId: cycle.id, section: index })]));
    body.push(container(items, { separator: true, spacing: 'medium' }));
  });
  body.push(text('Once sent, answers cannot be changed and are not linked to you.', { weight: 'bolder', separator: true, spacing: 'large' }));
  return adaptiveCard({
    fallbackText: `Check your answers to ${cycle.title}, then send them.`,
    body,
    actions: [submit('Send my answers', { verb: VERBS.submit, cycleId: cycle.id }, 'positive')],
  });
}

function answerLines(question: Question, value: AnswerValue | undefined): readonly Element[] {
  const answer = answerText(question, value);
  return [
    text(question.text, { isSubtle: true, spacing: 'medium' }),
    answer === undefined
      ? text(question.required ? 'Not answered (needs an answer)' : 'Not answered', { spacing: 'none', ...(question.required ? { color: 'attention' as const } : {}) })
      : text(answer, { spacing: 'none' }),
  ];
}

/** The answer as the person read it on the card; `undefined` when not answered. */
export function answerText(question: Question, value: AnswerValue | undefined): string | undefined {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
  switch (question.kind) {
    case 'single':
    case 'multi': {
      const ids = Array.isArray(value) ? value : String(value).split(',').map((s) => s.trim()).filter((s) => s !== '');
      return ids.map((id) => question.options.find((o) => o.id === id)?.label ?? id).join(', ');
    }
    case 'scale': {
      const n = Number(value);
      return Number.isInteger(n) ? scaleLabel(question, n) : String(value);
    }
    case 'text':
      return String(value);
  }
}
