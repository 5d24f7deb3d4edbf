import { adaptiveCard, heading, text } from './elements';
import type { AdaptiveCard } from './types';

/** A plain message: a title and a few lines, no buttons ("That survey has closed…"). */
export function messageCard(title: string, lines: readonly string[]): AdaptiveCard {
  return adaptiveCard({
    fallbackText: [title, ...lines].join(' '),
    body: [heading(title), ...lines.map((line, i) => text(line, i === 0 ? { spacing: 'small' } : {}))],
  });
}
