import { isShown } from '../../domain/survey/rules';
import type { AnswerValue, Answers, Questionnaire } from '../../domain/survey/types';
import { actionSet, adaptiveCard, container, heading, submit, text, type Element } from './elements';
import type { AdaptiveCard, CycleSummary } from './types';
import { VERBS } from './verbs';

export interface ReviewCardInput {
  readonly questionnaire: Questionnaire;
  readonly cycle: CycleSummary;
  readonly answers: Answers;
}

/**
 * Before sending: a compact summary, one line per section with how many of its questions the
 * person answered and skipped, any that still need an answer, and one Change button, then
 * Send. It names no question the person skipped and shows no answer: the card stays in the
 * chat (Teams keeps a card's earlier versions too), so it must not say what anyone did with a
 * question. Each section's answers are one Change away, shown on its own card.
 */
export function reviewCard(input: ReviewCardInput): AdaptiveCard {
  const { questionnaire, cycle, answers } = input;
  const asked = questionnaire.sections.flatMap((s) => s.questions.filter((q) => isShown(q, answers)));
  const answered = asked.filter((q) => isAnswered(answers[q.id])).length;
  const skipped = asked.filter((q) => !isAnswered(answers[q.id]) && !q.required).length;
  const body: Element[] = [
    heading('Check your answers'),
    text(`${cycle.title}. You answered ${answered} of the ${asked.length} questions for you${skipped > 0 ? ` and skipped ${skipped}` : ''}. Change a section if you want to, then send your answers.`, {
      spacing: 'small',
    }),
  ];
  questionnaire.sections.forEach((section, index) => {
    const shown = section.questions.filter((q) => isShown(q, answers));
    const done = shown.filter((q) => isAnswered(answers[q.id]));
    const missing = shown.filter((q) => !isAnswered(answers[q.id]) && q.required);
    const passed = shown.filter((q) => !isAnswered(answers[q.id]) && !q.required);
    const counts =
      shown.length === 0
        ? 'No questions for you here.'
        : done.length === shown.length
          ? `All ${shown.length === 1 ? '1 question' : shown.length} answered.`
          : `${done.length} of ${shown.length} answered${passed.length > 0 ? `, ${passed.length} skipped` : ''}.`;
    const lines: Element[] = [text(`**Section ${index + 1}: ${section.title}.** ${counts}`)];
    for (const question of missing) lines.push(text(`Needs an answer: ${question.text}`, { color: 'attention', spacing: 'none' }));
    body.push({
      type: 'ColumnSet',
      separator: true,
      spacing: 'small',
      columns: [
        { type: 'Column', width: 'stretch', items: lines },
        { type: 'Column', width: 'auto', verticalContentAlignment: 'center', items: [actionSet([submit('Change', { verb: VERBS.edit, cycleId: cycle.id, section: index })])] },
      ],
    });
  });
  body.push(container([text('Once sent, answers cannot be changed and are not linked to you.', { weight: 'bolder' })], { separator: true, spacing: 'medium' }));
  return adaptiveCard({
    fallbackText: `Check your answers to ${cycle.title}, then send them.`,
    body,
    actions: [submit('Send my answers', { verb: VERBS.submit, cycleId: cycle.id }, 'positive')],
  });
}

function isAnswered(value: AnswerValue | undefined): boolean {
  return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
}
