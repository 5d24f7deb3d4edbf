import { adaptiveCard, formatDate, heading, submit, text, type Element } from './elements';
import type { AdaptiveCard, CycleSummary } from './types';
import { VERBS } from './verbs';

export type StatusState = 'not-started' | 'in-progress' | 'submitted' | 'no-open-survey';

export interface StatusCardInput {
  readonly cycle?: CycleSummary;
  readonly state: StatusState;
  /** Where the person stopped (0-based), for `in-progress`. */
  readonly sectionIndex?: number;
  readonly totalSections?: number;
}

/** The answer to "status": the person's own progress, which only they are shown. */
export function statusCard(input: StatusCardInput): AdaptiveCard {
  const { cycle } = input;
  if (!cycle || input.state === 'no-open-survey') {
    return adaptiveCard({
      fallbackText: 'There is no survey open at the moment.',
      body: [heading('No survey open'), text('There is no survey open at the moment. I will send you a message when the next one opens.', { spacing: 'small' })],
    });
  }
  const closes = `It closes on ${formatDate(cycle.closesOn)}.`;
  const start = (title: string): Element => submit(title, { verb: VERBS.start, cycleId: cycle.id }, 'positive');
  switch (input.state) {
    case 'submitted':
      return adaptiveCard({
        fallbackText: `You have taken part in ${cycle.title}. Thank you.`,
        body: [heading(cycle.title), text('You have taken part. Thank you. There is nothing more to do.', { spacing: 'small' })],
      });
    case 'in-progress': {
      const where =
        input.sectionIndex !== undefined && input.totalSections !== undefined
          ? `You have started and saved your answers. You stopped at section ${input.sectionIndex + 1} of ${input.totalSections}.`
          : 'You have started and saved your answers.';
      const button = input.sectionIndex !== undefined ? `Carry on from section ${input.sectionIndex + 1}` : 'Carry on';
      return adaptiveCard({
        fallbackText: `You have started ${cycle.title}. Type "survey" to carry on.`,
        body: [heading(cycle.title), text(where, { spacing: 'small' }), text(`Your answers are only sent when you choose "Send my answers" at the end. ${closes}`)],
        actions: [start(button)],
      });
    }
    case 'not-started':
      return adaptiveCard({
        fallbackText: `You have not started ${cycle.title}. Type "survey" to take part.`,
        body: [heading(cycle.title), text(`You have not started this survey yet. ${closes}`, { spacing: 'small' })],
        actions: [start('Start')],
      });
  }
}
