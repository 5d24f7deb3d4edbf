import type { AdaptiveCard } from './types';
import type { SurveyActionData } from './verbs';

/**
 * Small builders shared by every card. Cards declare schema 1.2, what Teams mobile renders;
 * inputs also carry the 1.3 `label`, which 1.2 renderers ignore and newer ones (Teams
 * desktop and web) read out. See docs/adr/0005-card-version-and-labels.md.
 */
export const CARD_VERSION = '1.2';

export type Element = Readonly<Record<string, unknown>>;

export interface TextOptions {
  readonly size?: 'small' | 'default' | 'medium' | 'large';
  readonly weight?: 'bolder';
  readonly color?: 'attention' | 'good' | 'warning' | 'accent';
  readonly isSubtle?: boolean;
  readonly spacing?: 'none' | 'small' | 'medium' | 'large';
  readonly separator?: boolean;
}

/** A TextBlock that always wraps (long text never runs off a phone screen). */
export function text(content: string, options: TextOptions = {}): Element {
  return { type: 'TextBlock', text: content, wrap: true, ...options };
}

export function heading(content: string): Element {
  return text(content, { size: 'medium', weight: 'bolder' });
}

/** A few lines as one TextBlock each, with a bold heading above them. */
export function block(title: string, lines: readonly string[]): readonly Element[] {
  return [text(title, { weight: 'bolder', spacing: 'medium' }), ...lines.map((line) => text(line, { spacing: 'small' }))];
}

export function container(items: readonly Element[], options: { readonly separator?: boolean; readonly spacing?: TextOptions['spacing'] } = {}): Element {
  return { type: 'Container', items, ...options };
}

/** Every button on every card: `Action.Submit` (reliable on Teams mobile), data `{ verb, ... }`. */
export function submit(title: string, data: SurveyActionData, style?: 'positive'): Element {
  return style ? { type: 'Action.Submit', title, data, style } : { type: 'Action.Submit', title, data };
}

/** A row of buttons inside the body (for buttons that belong to one part of the card). */
export function actionSet(actions: readonly Element[]): Element {
  return { type: 'ActionSet', actions };
}

export function adaptiveCard(input: { readonly fallbackText: string; readonly body: readonly Element[]; readonly actions?: readonly Element[] }): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: input.fallbackText,
    body: input.body,
    ...(input.actions && input.actions.length > 0 ? { actions: input.actions } : {}),
  };
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/**
 * "2027-03-26" → "Friday 26 March 2027" (UK style, no comma). Works on the calendar date
 * alone, so the server's time zone cannot move it by a day. Anything else is returned as given.
 */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return isoDate;
  return `${DAYS[date.getUTCDay()]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** "1 person", "5 people". */
export function people(n: number): string {
  return n === 1 ? '1 person' : `${n} people`;
}
