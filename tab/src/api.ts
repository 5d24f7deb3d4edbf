/**
 * The tab's only way to the server: JSON over fetch with the sign-in the server asked for
 * (`GET /api/auth/mode`): a Teams SSO token in Teams, or the chosen demo persona locally.
 */
import type { ApiErrorBody } from '../../src/server/api/types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error);
  }
}

type Credentials = { readonly kind: 'persona'; readonly personId: string } | { readonly kind: 'token'; readonly get: () => Promise<string> } | { readonly kind: 'none' };

let credentials: Credentials = { kind: 'none' };

export function setCredentials(next: Credentials): void {
  credentials = next;
}

async function headers(json: boolean): Promise<Record<string, string>> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  if (credentials.kind === 'persona') h['x-phc-persona'] = credentials.personId;
  if (credentials.kind === 'token') h.authorization = `Bearer ${await credentials.get()}`;
  return h;
}

export async function api<T>(path: string, init: { readonly method?: string; readonly body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: await headers(init.body !== undefined),
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, { error: 'The Health Check server could not be reached. Check your connection, then try again.' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error =
      body && typeof body === 'object' && 'error' in body
        ? (body as ApiErrorBody)
        : { error: `The server answered ${response.status}. Try again in a minute; if it keeps happening, tell your Health Check administrator.` };
    throw new ApiError(response.status, error);
  }
  return body as T;
}

/** What to tell the person, for any error. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return `${error.body.error} Sign in again (in a browser: choose who you are at the top).`;
    return error.body.error;
  }
  return error instanceof Error ? error.message : String(error);
}
