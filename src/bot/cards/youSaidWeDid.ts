import type { YouSaidWeDidMessage } from '../../ports/messenger';
import { adaptiveCard, container, formatDate, heading, text, type Element } from './elements';
import type { AdaptiveCard } from './types';

const STATUS_WORDS: Readonly<Record<string, string>> = {
  'not-started': 'Not started yet',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/**
 * "You said, we did": what the council has done about the Health Check, sent to
 * every member of staff. The same card for everyone; it says nothing about whether or how
 * the person answered. Schema 1.2, wrapped text, no buttons.
 */
export function youSaidWeDidCard(update: YouSaidWeDidMessage): AdaptiveCard {
  const body: Element[] = [heading('You said, we did'), text(update.message, { spacing: 'small' })];
  for (const action of update.actions) {
    body.push(
      container([text(action.what, { weight: 'bolder' }), text(`${STATUS_WORDS[action.status] ?? action.status}. Due ${formatDate(action.due)}.`, { spacing: 'small', isSubtle: true })], {
        separator: true,
        spacing: 'medium',
      }),
    );
  }
  body.push(text('The full action plan is in the Practice Health Check tab.', { isSubtle: true, spacing: 'medium' }));
  return adaptiveCard({ fallbackText: `You said, we did: ${update.message.slice(0, 120)}`, body });
}
