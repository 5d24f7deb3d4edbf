import { adaptiveCard, formatDate, heading, submit, text, type Element } from './elements';
import type { AdaptiveCard, CycleSummary } from './types';
import { VERBS } from './verbs';
import { anonymousAnswers, whoSeesTotals } from './wording';

export interface PromptCardInput {
  readonly cycle: CycleSummary;
  /** About how long the survey takes. */
  readonly minutes: number;
  /** Set when the person has saved answers: `sectionIndex` is 0-based. */
  readonly resuming?: { readonly sectionIndex: number; readonly totalSections: number };
}

export interface ReminderCardInput extends PromptCardInput {
  readonly daysLeft: number;
}

/** The invitation, and the answer to "survey": what it is, when it closes, the promise, Start. */
export function promptCard(input: PromptCardInput): AdaptiveCard {
  return adaptiveCard({
    fallbackText: `${input.cycle.title} is open until ${formatDate(input.cycle.closesOn)}. Type "survey" to take part.`,
    body: [heading(input.cycle.title), text(`Open until ${formatDate(input.cycle.closesOn)}.`, { spacing: 'small' }), ...details(input)],
    actions: [startButton(input)],
  });
}

/**
 * A gentle reminder. Reminders go to people the app has no record of having sent answers,
 * but the wording never says so: it must read the same to someone who has taken part.
 */
export function reminderCard(input: ReminderCardInput): AdaptiveCard {
  const closes = formatDate(input.cycle.closesOn);
  return adaptiveCard({
    fallbackText: `A reminder: ${input.cycle.title} closes on ${closes}. Type "survey" to take part.`,
    body: [
      heading(`A reminder: ${input.cycle.title}`),
      text(`${timeLeft(input.daysLeft)} It closes on ${closes}.`, { spacing: 'small' }),
      text('If you have already taken part, thank you — please ignore this.'),
      ...details(input),
    ],
    actions: [startButton(input)],
  });
}

function details(input: PromptCardInput): readonly Element[] {
  const lines = [text(`It takes about ${input.minutes} minutes. You can save your answers and finish later.`), text(`${anonymousAnswers()} ${whoSeesTotals(input.cycle.threshold)}`)];
  if (input.resuming) {
    lines.push(text(`Your answers so far are saved. You stopped at section ${input.resuming.sectionIndex + 1} of ${input.resuming.totalSections}.`));
  }
  return lines;
}

function startButton(input: PromptCardInput): Element {
  const title = input.resuming ? `Carry on from section ${input.resuming.sectionIndex + 1}` : 'Start';
  return submit(title, { verb: VERBS.start, cycleId: input.cycle.id }, 'positive');
}

function timeLeft(daysLeft: number): string {
  if (daysLeft <= 0) return 'Today is the last day to take part.';
  if (daysLeft === 1) return 'There is 1 day left to take part.';
  return `There are ${daysLeft} days left to take part.`;
}
