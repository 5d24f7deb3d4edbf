import { adaptiveCard, block, heading, text } from './elements';
import type { AdaptiveCard } from './types';
import { COMMANDS, anonymousAnswers } from './wording';

/** The answer to "help", and to anything the bot does not understand. */
export function helpCard(): AdaptiveCard {
  return adaptiveCard({
    fallbackText: 'Type "survey" to take part, "status" to see where you are, or "help" for help.',
    body: [
      heading('Practice Health Check: help'),
      text('I send you staff surveys here in Teams. You can answer a few questions at a time, save them and finish later.', { spacing: 'small' }),
      ...block(
        'What to type',
        COMMANDS.map(([command, what]) => `**${command}**: ${what}`),
      ),
      ...block('Your answers', [
        anonymousAnswers(),
        'Managers and the Principal Social Worker only see totals for groups of people, never one person’s answers.',
      ]),
    ],
  });
}
