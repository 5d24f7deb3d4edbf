import { asIsoDate, type IsoDate } from '../../domain/shared/brand';
import type { AnswerValue, Answers } from '../../domain/survey/types';
import { StoreError, type Page, type PageRequest, type StoredResponse } from '../../ports/stores';

/**
 * Checks on what goes into the store and what comes out of it. The domain validates answers
 * against the questionnaire; this only makes sure the store never holds something it cannot
 * read back, or a response date with a time of day in it.
 */

/** Largest page the SQLite stores hand back, whatever is asked for. */
export const MAX_PAGE = 1000;

export function pageLimit(page: PageRequest): number {
  if (!Number.isInteger(page.limit) || page.limit < 1) {
    throw new StoreError('invalid', `A page must ask for at least one item (asked for ${String(page.limit)}).`);
  }
  return Math.min(page.limit, MAX_PAGE);
}

/** A `YYYY-MM-DD` day, refused if it carries a time of day (a time would help re-identify people). */
export function checkDate(value: unknown, what: string): IsoDate {
  if (typeof value === 'string') {
    try {
      return asIsoDate(value);
    } catch {
      // fall through to the store's own message
    }
  }
  throw new StoreError('invalid', `The ${what} must be a date in the form YYYY-MM-DD, with no time of day.`);
}

export function isAnswerValue(value: unknown): value is AnswerValue {
  if (typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A plain object of answers (string, string[] or finite number), copied; otherwise `undefined`. */
function asAnswers(value: unknown): Answers | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, AnswerValue> = {};
  for (const [question, answer] of Object.entries(value)) {
    if (!isAnswerValue(answer)) return undefined;
    // defineProperty, so a question id like "__proto__" stays an ordinary key.
    Object.defineProperty(out, question, {
      value: Array.isArray(answer) ? [...(answer as readonly string[])] : answer,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A copy of `value` if it is an object of answers; refused otherwise. */
export function checkAnswers(value: unknown): Answers {
  const answers = asAnswers(value);
  if (!answers) throw new StoreError('invalid', 'Answers must be an object of text, lists of text or numbers.');
  return answers;
}

export function encodeAnswers(value: unknown): string {
  return JSON.stringify(checkAnswers(value));
}

/** Whether a freshly parsed value is a plain object of answers (string, string[] or finite number). */
function isParsedAnswers(value: unknown): value is Answers {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (!isAnswerValue((value as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * Parses stored answers; a damaged row is reported (by id, never by content), not skipped.
 * What JSON.parse returns is already a fresh object of its own, whose keys (`__proto__`
 * included) are ordinary own properties, so it is checked where it is rather than copied:
 * reading a closed cycle decodes 100,000 of them.
 */
export function decodeAnswers(json: string, where: string): Answers {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  if (!isParsedAnswers(parsed)) throw new StoreError('invalid', `The stored answers of ${where} cannot be read.`);
  return parsed;
}

export function checkSurveyVersion(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new StoreError('invalid', 'The survey version must be a whole number of at least 1.');
  }
  return value;
}

/** What a response row is made of, checked before anything is written. */
export interface ResponseRow {
  readonly surveyVersion: number;
  readonly submittedOn: IsoDate;
  readonly answers: string;
}

/** `encode` writes the answers as the table keeps them (see `packAnswers`). */
export function checkResponse(response: Omit<StoredResponse, 'id' | 'cycleId'>, encode: (answers: unknown) => string): ResponseRow {
  if (typeof response !== 'object' || response === null) throw new StoreError('invalid', 'A response must be an object.');
  return {
    surveyVersion: checkSurveyVersion(response.surveyVersion),
    submittedOn: checkDate(response.submittedOn, 'response date'),
    answers: encode(response.answers),
  };
}

/** Parses a stored JSON document; `undefined` if it is not an object. */
export function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keyset paging by id: the continuation token is the last id seen, opaque to callers
 * ("after:<id>", base64url). `afterOf` reads a token (refusing ones this store never gave);
 * `keysetPage` takes `limit + 1` rows and says whether there is more.
 */
export function afterOf(continuation: string | undefined): string {
  if (continuation === undefined) return '';
  const decoded = Buffer.from(continuation, 'base64url').toString('utf8');
  if (!decoded.startsWith('after:')) throw new StoreError('invalid', 'That continuation token is not one this store gave out.');
  return decoded.slice('after:'.length);
}

export function keysetPage<T extends { readonly id: string }>(items: readonly T[], limit: number): Page<T> {
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return items.length > limit && last ? { items: page, continuation: Buffer.from(`after:${last.id}`, 'utf8').toString('base64url') } : { items: page };
}
