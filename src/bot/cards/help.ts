import type { PrivacyNotice } from '../../domain/dataProtection/privacy';
import { adaptiveCard, block, heading, text } from './elements';
import { privacySummary } from './privacy';
import type { AdaptiveCard } from './types';
import { HELP_COMMAND, PRIVACY_COMMAND, SURVEY_COMMANDS, anonymousAnswers, type Command } from './wording';

/**
 * The answer to "help", and to anything the bot does not understand: what this person can
 * type. `more` are the commands for what they do besides the survey (supervision, audits,
 * the 39-steps return), so nobody is offered a command that would only tell them no.
 */
export function helpCard(more: readonly Command[] = [], privacy?: PrivacyNotice): AdaptiveCard {
  return adaptiveCard({
    fallbackText: 'Type "survey" to take part, "status" to see where you are, or "help" for help.',
    body: [
      heading('Practice Health Check: help'),
      text('I send you staff surveys here in Teams. You can answer a few questions at a time, save them and finish later.', { spacing: 'small' }),
      ...block(
        'What to type',
        [...SURVEY_COMMANDS, ...more, HELP_COMMAND, PRIVACY_COMMAND].map(([command, what]) => `**${command}**: ${what}`),
      ),
      ...block('Your answers', [
        anonymousAnswers(),
        'Managers and the Principal Social Worker only see totals for groups of people, never one person’s answers; the Principal Social Worker reads written comments word for word.',
      ]),
      ...(privacy ? privacySummary(privacy) : []),
    ],
  });
}
