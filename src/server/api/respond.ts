import type * as http from 'node:http';
import { ActionConflict, ActionNotFound, ActionRefused } from '../../app/actions';
import { AuditAnswersRefused } from '../../app/auditRecords';
import { UserFacingError } from '../../app/errors';
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

export function send(res: http.ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status, { 'cache-control': 'no-store' });
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

/** The error as the API answers it: known errors in the person's words, anything else logged as a bug. */
export function sendError(res: http.ServerResponse, error: unknown): void {
  if (error instanceof ApiError) return send(res, error.status, { error: error.message, ...error.extra } satisfies ApiErrorBody);
  if (error instanceof ActionRefused) return send(res, 400, { error: error.message, details: error.details, fieldErrors: error.errors } satisfies ApiErrorBody);
  if (error instanceof ActionConflict) return send(res, 409, { error: error.message } satisfies ApiErrorBody);
  if (error instanceof ActionNotFound) return send(res, 404, { error: error.message } satisfies ApiErrorBody);
  if (error instanceof AuditAnswersRefused) return send(res, 400, { error: error.message, details: error.details, auditErrors: error.errors } satisfies ApiErrorBody);
  if (error instanceof UserFacingError) {
    // Someone else's change landed first: the person reloads and redoes theirs.
    const status = /at the same time/.test(error.message) ? 409 : 400;
    return send(res, status, { error: error.message, ...(error.details.length > 0 ? { details: error.details } : {}) } satisfies ApiErrorBody);
  }
  console.error(error);
  send(res, 500, { error: 'Something went wrong on the server; it has been logged. Please try again.' } satisfies ApiErrorBody);
}

const MAX_BODY = 256 * 1024;

/** The request's JSON body (an object), or a 400 saying what is wrong with it. */
export async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ApiError(413, 'That is too much to send at once.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('The request could not be read (it is not JSON).');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest('The request must be a JSON object.');
  return parsed as Record<string, unknown>;
}

export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest('The address could not be read.');
  }
}
