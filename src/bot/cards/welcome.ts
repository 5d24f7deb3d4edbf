import type { PrivacyNotice } from '../../domain/dataProtection/privacy';
import { adaptiveCard, block, heading, text } from './elements';
import { privacySummary } from './privacy';
import type { AdaptiveCard } from './types';
import { HELP_COMMAND, PRIVACY_COMMAND, SURVEY_COMMANDS, whoSeesComments, whoSeesTotals } from './wording';

/**
 * Sent when the app is installed: what is kept, what is never kept, who sees what, and the
 * first layer of privacy information (who is responsible, the DPO, the named records beside
 * the survey), filled from configuration.
 */
export function welcomeCard(input: { readonly threshold: number; readonly textThreshold: number; readonly privacy?: PrivacyNotice }): AdaptiveCard {
  return adaptiveCard({
    fallbackText: 'Welcome to Practice Health Check. Type "help" to see what you can do.',
    body: [
      heading('Welcome to Practice Health Check'),
      text('I will send you staff surveys here in Teams, such as the Organisational Health Check. This message explains what happens to your answers.'),
      ...block('What we keep', ['Your answers, which survey they are for, and the date you sent them.', 'We never keep your name, your Teams ID or the time of day with your answers.']),
      ...block('A separate note that you have taken part', [
        'We keep a note that you have taken part, so you get no more reminders and can carry on where you stopped. This note cannot be linked to your answers.',
        'Until you send them, your unfinished answers are saved with that note so you can come back to them. When you send them, the unfinished copy is deleted.',
      ]),
      ...block('Who sees what', [
        whoSeesTotals(input.threshold),
        whoSeesComments(input.textThreshold),
        'Results are shown only after a survey closes. Nobody, not even the Principal Social Worker, can see which answers are yours.',
      ]),
      ...(input.privacy ? privacySummary(input.privacy) : []),
      ...block('What to type', [
        ...[...SURVEY_COMMANDS, HELP_COMMAND, PRIVACY_COMMAND].map(([command, what]) => `**${command}**: ${what}`),
        'Supervisors, auditors and team managers: "help" also lists what you can do here.',
      ]),
    ],
  });
}
