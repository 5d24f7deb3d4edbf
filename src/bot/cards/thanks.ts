import { adaptiveCard, formatDate, heading, text } from './elements';
import type { AdaptiveCard, CycleSummary } from './types';
import { whoSeesComments, whoSeesTotals } from './wording';

/** After a successful submit. It replaces the review, and says nothing of the answers: it stays in the chat. */
export function thanksCard(input: { readonly cycle: CycleSummary }): AdaptiveCard {
  const { cycle } = input;
  return adaptiveCard({
    fallbackText: `Thank you for taking part in ${cycle.title}. Your answers have been sent.`,
    body: [
      heading('Thank you for taking part'),
      text(`Your answers to ${cycle.title} have been sent.`, { spacing: 'small' }),
      text('They are kept without your name, your Teams ID or the time you sent them, and cannot be linked back to you. You will get no more reminders about this survey.'),
      text(`Results are shared after the survey closes on ${formatDate(cycle.closesOn)}. ${whoSeesTotals(cycle.threshold)} ${whoSeesComments(cycle.textThreshold)}`),
    ],
  });
}

/** When someone who has already sent their answers opens the survey again. */
export function alreadySubmittedCard(input: { readonly cycle: CycleSummary }): AdaptiveCard {
  const { cycle } = input;
  return adaptiveCard({
    fallbackText: `You have already taken part in ${cycle.title}. Thank you.`,
    body: [
      heading('You have already taken part'),
      text(`You have already sent your answers to ${cycle.title}, so there is nothing more to do. Thank you.`, { spacing: 'small' }),
      text('Answers cannot be changed once they are sent, because they are not linked to you.'),
    ],
  });
}
