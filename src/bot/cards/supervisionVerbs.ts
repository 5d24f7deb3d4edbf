/**
 * The supervision log's card actions, kept apart from the survey's `VERBS`: the
 * bot routes any `supervision.*` verb to the supervision flow before the survey sees it.
 */
export const SUPERVISION_VERBS = {
  /** Supervision log card → record the session. */
  log: 'supervision.log',
} as const;

export type SupervisionVerb = (typeof SUPERVISION_VERBS)[keyof typeof SUPERVISION_VERBS];

export const SUPERVISION_VERB_PREFIX = 'supervision.';

/** The card's inputs, prefixed so they can never collide with `verb`. */
export const SUPERVISION_INPUTS = {
  supervisee: 's.supervisee',
  date: 's.date',
  outcome: 's.outcome',
} as const;

export interface SupervisionActionData {
  readonly verb: SupervisionVerb;
}
