import { graphError, type GraphAnswer } from './errors';
import type { GraphRequest } from './routes';

/**
 * JSON batching as Graph does it: at most 20 requests, ids unique, `dependsOn` sequencing
 * with 424 for the dependants of a failed request, each request charged, throttled and
 * answered on its own inside a 200, answers possibly in another order than the requests.
 */
export const MAX_BATCH_REQUESTS = 20;

interface BatchPart {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly dependsOn: readonly string[];
}

function parse(body: unknown): BatchPart[] | GraphAnswer {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) return graphError(400, 'BadRequest', 'Invalid batch payload format: a batch needs a requests array.');
  if (requests.length === 0) return graphError(400, 'BadRequest', 'Invalid batch payload format: the batch has no requests.');
  if (requests.length > MAX_BATCH_REQUESTS) return graphError(400, 'BadRequest', `The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
  const parts: BatchPart[] = [];
  const ids = new Set<string>();
  for (const r of requests as Record<string, unknown>[]) {
    if (typeof r?.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string')
      return graphError(400, 'BadRequest', 'Invalid batch payload format: every request needs an id, a method and a url (strings).');
    const id = r.id.toLowerCase();
    if (ids.has(id)) return graphError(400, 'BadRequest', `Invalid batch payload format: the request id '${r.id}' is used twice.`);
    ids.add(id);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((r.headers ?? {}) as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
    const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
    parts.push({ id: r.id, method: r.method, url: r.url.replace(/^https?:\/\/[^/]+\/v1\.0/, ''), headers, body: r.body, dependsOn });
  }
  for (const p of parts) {
    for (const d of p.dependsOn) if (!ids.has(d.toLowerCase())) return graphError(400, 'BadRequest', `Invalid batch payload format: request '${p.id}' depends on an unknown request '${d}'.`);
  }
  return parts;
}

/** Header names as Graph writes them inside a batch answer (a JSON object, so case shows). */
const CASING: Record<string, string> = {
  'content-type': 'Content-Type',
  'retry-after': 'Retry-After',
  etag: 'ETag',
  location: 'Location',
  'ratelimit-limit': 'RateLimit-Limit',
  'ratelimit-remaining': 'RateLimit-Remaining',
  'ratelimit-reset': 'RateLimit-Reset',
};
const graphCasing = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [CASING[k] ?? k, v]));

/** `execute` carries out one inner request (faults, budget, route) and gives its answer. */
export function runBatch(body: unknown, execute: (request: GraphRequest) => GraphAnswer, shuffle: () => number): GraphAnswer {
  const parsed = parse(body);
  if (!Array.isArray(parsed)) return parsed;
  const answers = new Map<string, GraphAnswer>();
  const pending = [...parsed];
  while (pending.length > 0) {
    const index = pending.findIndex((p) => p.dependsOn.every((d) => answers.has(d.toLowerCase())));
    if (index < 0) return graphError(400, 'BadRequest', 'Invalid batch payload format: the dependsOn references go round in a circle.');
    const [part] = pending.splice(index, 1);
    if (!part) break;
    const failedDependency = part.dependsOn.some((d) => (answers.get(d.toLowerCase())?.status ?? 500) >= 400);
    let answer: GraphAnswer;
    if (failedDependency) answer = graphError(424, 'failedDependency', 'A request this one depends on failed.');
    else if (part.body !== undefined && !part.headers['content-type']) answer = graphError(400, 'BadRequest', 'A request with a body needs a Content-Type header.');
    else answer = execute({ method: part.method, url: part.url, headers: part.headers, body: part.body });
    answers.set(part.id.toLowerCase(), answer);
  }
  const responses = parsed.map((p) => {
    const a = answers.get(p.id.toLowerCase()) as GraphAnswer;
    return { id: p.id, status: a.status, headers: graphCasing(a.headers), ...(a.body === undefined ? {} : { body: a.body }) };
  });
  // Graph does not promise the requests' order; clients must match answers by id.
  for (let i = responses.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [responses[i], responses[j]] = [responses[j] as (typeof responses)[number], responses[i] as (typeof responses)[number]];
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: { responses } };
}
