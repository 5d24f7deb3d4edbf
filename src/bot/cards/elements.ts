import { longDate } from '../../domain/shared/dates';
import type { AdaptiveCard } from './types';
import type { SurveyActionData } from './verbs';

/**
 * Small builders shared by every card. Cards declare schema 1.2, what Teams mobile renders.
 * An input's words show once on every host (`labelled`): as its 1.3 `label` where the host
 * renders labels (Teams desktop and web), as a text block above it where it does not (Teams
 * mobile). See docs/adr/0017-card-layout-and-skippable-questions.md.
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
  return { type: 'TextBlock', text: plain(content), wrap: true, ...options };
}

/**
 * Text blocks are Markdown, where a line that begins "1. " or "7) " is a numbered list: the
 * council's "1. Is the record coherent…" would lose its number and be indented. A no-break
 * space after the number reads the same and is not a list marker to any Markdown parser.
 */
export function plain(content: string): string {
  return content.replace(/^(\s*\d+[.)]) /gm, '$1\u00A0');
}

/**
 * An input whose words show exactly once, on every host. Where the host renders labels
 * (Adaptive Cards 1.3 and later: Teams desktop and web) the input carries `words` as its
 * label, which is also its name for screen readers. A 1.2 host (Teams mobile) cannot show a
 * label, so the input `requires` 1.3 and falls back to the same input with the words as a
 * text block above it. The fallback input keeps the id: fallback content may share the id of
 * the element it replaces, and only one of the two is ever rendered.
 */
export function labelled(input: Element, words: string, options: Pick<TextOptions, 'weight'> = {}): Element {
  const bare = Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'label'));
  return {
    ...bare,
    label: words,
    requires: { adaptiveCards: '1.3' },
    fallback: { type: 'Container', items: [text(words, { ...options }), { ...bare, spacing: 'small' }] },
  };
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

/** "2027-03-26" → "Friday 26 March 2027": the one date style of every card. */
export const formatDate = longDate;

/** "1 person", "5 people". */
export function people(n: number): string {
  return n === 1 ? '1 person' : `${n} people`;
}
