/**
 * Every action a card can send back, as one table. Cards use `Action.Submit` (Teams mobile
 * renders it reliably; `Action.Execute` it does not), with `data` = `{ verb, ...payload }`;
 * Teams adds the values of the card's inputs beside it, each under the input's id.
 */
export const VERBS = {
  /** Prompt card → first (or saved) section. */
  start: 'survey.start',
  /** Section card → next section (or review), after checking this section's answers. */
  next: 'survey.next',
  /** Section card → previous section, keeping what was typed, without requiring answers. */
  back: 'survey.back',
  /** Section card → save the draft and stop for now. */
  saveForLater: 'survey.save',
  /** Review card → a section, to change answers. */
  edit: 'survey.edit',
  /** Review card → send the answers. */
  submit: 'survey.submit',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** The payload every survey action carries (besides the inputs). */
export interface SurveyActionData {
  readonly verb: Verb;
  readonly cycleId: string;
  /** Index of the section the card showed (0-based); absent on the prompt card. */
  readonly section?: number;
  /** Page of that section (0-based); absent means the first. */
  readonly page?: number;
  /** The section was opened from the review with Change: its last page goes back to the review. */
  readonly fromReview?: boolean;
}

/** Inputs are named `a.<question id>` so they can never collide with `verb`, `cycleId`, `section`. */
export const INPUT_PREFIX = 'a.';

export function inputId(questionId: string): string {
  return `${INPUT_PREFIX}${questionId}`;
}
