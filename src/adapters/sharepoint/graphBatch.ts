import type { GraphClient } from '../graph/graphClient';
import { retryAfterMs } from '../graph/graphClient';

/** One request inside a JSON `$batch` (Graph takes at most 20). */
export interface BatchRequest {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root, e.g. `/sites/{id}/lists/{id}/items`. */
  readonly url: string;
  readonly body?: unknown;
}

export interface BatchAnswer {
  readonly id: string;
  readonly status: number;
  /** Retry-After in ms, when the answer carried one. */
  readonly retryAfterMs: number | undefined;
  readonly body: unknown;
}

export const MAX_BATCH = 20;

export class BatchError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'BatchError';
  }
}

/**
 * Sends one `$batch` and returns every inner answer by id. The batch as a whole failing
 * (no answer, or not 200) throws a `BatchError`: then nothing is known of the requests inside.
 * A request missing from the answer comes back as status 0 (in doubt).
 */
export async function sendBatch(client: GraphClient, requests: readonly BatchRequest[]): Promise<Map<string, BatchAnswer>> {
  if (requests.length === 0) return new Map();
  if (requests.length > MAX_BATCH) throw new Error(`A Graph batch takes at most ${MAX_BATCH} requests, not ${requests.length}.`);
  const body = {
    requests: requests.map((r) => ({
      id: r.id,
      method: r.method,
      url: r.url,
      ...(r.body === undefined ? {} : { body: r.body, headers: { 'Content-Type': 'application/json' } }),
    })),
  };
  let answer;
  try {
    answer = await client.request('POST', '/$batch', body);
  } catch (error) {
    throw new BatchError(`no answer from Microsoft Graph (${(error as Error).message})`, undefined, undefined);
  }
  if (answer.status !== 200) {
    throw new BatchError(`Microsoft Graph answered ${answer.status} to the batch${graphMessage(answer.body)}`, answer.status, retryAfterMs(answer.headers.get('retry-after')));
  }
  const responses = (answer.body as { responses?: unknown } | undefined)?.responses;
  const byId = new Map<string, BatchAnswer>();
  if (Array.isArray(responses)) {
    for (const r of responses as { id?: unknown; status?: unknown; headers?: Record<string, string>; body?: unknown }[]) {
      if (typeof r.id !== 'string' || typeof r.status !== 'number') continue;
      byId.set(r.id, { id: r.id, status: r.status, retryAfterMs: retryAfterMs(headerOf(r.headers, 'retry-after') ?? null), body: r.body });
    }
  }
  for (const r of requests) if (!byId.has(r.id)) byId.set(r.id, { id: r.id, status: 0, retryAfterMs: undefined, body: undefined });
  return byId;
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** `: <message>` from a Graph error body, or nothing. */
export function graphMessage(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' && message !== '' ? `: ${message}` : '';
}
