import type { Answers } from '../../domain/survey/types';
import { INPUT_PREFIX, VERBS, type Verb } from '../cards/verbs';

/** A card action as the bot understands it, after checking what Teams sent. */
export interface SurveyAction {
  readonly verb: Verb;
  readonly cycleId: string;
  readonly section: number | undefined;
  /** The page of that section the card showed (0 when absent). */
  readonly page: number;
  /** The section was opened from the review with Change. */
  readonly fromReview: boolean;
  /** The card's inputs, by question id (empty inputs included, as "cleared"). */
  readonly answers: Answers;
}

const KNOWN_VERBS: readonly string[] = Object.values(VERBS);

/**
 * Reads `activity.value` from an Action.Submit. Anything malformed (an old or tampered
 * card, another app's card) is refused here, before it reaches the survey.
 */
export function readAction(value: unknown): SurveyAction | { readonly refused: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { refused: 'That button did not send anything I can read.' };
  const data = value as Record<string, unknown>;
  if (typeof data.verb !== 'string' || !KNOWN_VERBS.includes(data.verb)) return { refused: 'That button is not one I know. Type "survey" to get a fresh card.' };
  if (typeof data.cycleId !== 'string' || data.cycleId === '') return { refused: 'That card does not say which survey it belongs to. Type "survey" to get a fresh card.' };
  let section: number | undefined;
  if (data.section !== undefined) {
    const n = typeof data.section === 'string' ? Number(data.section) : data.section;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return { refused: 'That card points at a part of the survey that does not exist. Type "survey" to get a fresh card.' };
    section = n;
  }
  let page = 0;
  if (data.page !== undefined) {
    const n = typeof data.page === 'string' ? Number(data.page) : data.page;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return { refused: 'That card points at a part of the survey that does not exist. Type "survey" to get a fresh card.' };
    page = n;
  }
  const fromReview = data.fromReview === true || data.fromReview === 'true';
  const answers: Record<string, Answers[string]> = {};
  for (const [key, raw] of Object.entries(data)) {
    if (!key.startsWith(INPUT_PREFIX)) continue;
    // Teams sends every input as text (multi-select as "a,b"); validation turns it into answers.
    if (typeof raw === 'string' || typeof raw === 'number') answers[key.slice(INPUT_PREFIX.length)] = raw;
    else if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) answers[key.slice(INPUT_PREFIX.length)] = raw as string[];
    else return { refused: 'One of the answers on that card could not be read. Type "survey" to get a fresh card.' };
  }
  return { verb: data.verb as Verb, cycleId: data.cycleId, section, page, fromReview, answers };
}
