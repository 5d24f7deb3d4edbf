import { ActionConflict, ActionNotFound, ActionRefused } from '../../app/actionPlan';
import { AuditAnswersRefused } from '../../app/auditRecords';
import { FieldsRefused, UserFacingError } from '../../app/errors';
import type { ApiErrorBody } from './types';

/** An answer other than 200, with a sentence for the person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Omit<ApiErrorBody, 'error'> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const forbidden = (message: string): ApiError => new ApiError(403, message);
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const badRequest = (message: string, extra: Omit<ApiErrorBody, 'error'> = {}): ApiError => new ApiError(400, message, extra);

/** What the API answers for an error: known errors in the person's words; anything else is a bug (500, logged by the caller). */
export function errorAnswer(error: unknown): { readonly status: number; readonly body: ApiErrorBody } {
  if (error instanceof ApiError) return { status: error.status, body: { error: error.message, ...error.extra } };
  if (error instanceof ActionRefused) return { status: 400, body: { error: error.message, details: error.details, fieldErrors: error.errors } };
  if (error instanceof ActionConflict) return { status: 409, body: { error: error.message } };
  if (error instanceof ActionNotFound) return { status: 404, body: { error: error.message } };
  if (error instanceof AuditAnswersRefused) return { status: 400, body: { error: error.message, details: error.details, auditErrors: error.errors } };
  if (error instanceof FieldsRefused) return { status: 400, body: { error: error.message, ...(error.details.length > 0 ? { details: error.details } : {}), fieldErrors: error.errors } };
  if (error instanceof UserFacingError) {
    // Someone else's change landed first: the person reloads and redoes theirs.
    const status = /at the same time/.test(error.message) ? 409 : 400;
    return { status, body: { error: error.message, ...(error.details.length > 0 ? { details: error.details } : {}) } };
  }
  return { status: 500, body: { error: 'Something went wrong on the server; it has been logged. Please try again.' } };
}

/** The request's JSON body as an object (none: an empty one), or a 400 saying what is wrong with it. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request must be a JSON object.');
  return body as Record<string, unknown>;
}
