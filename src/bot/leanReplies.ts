import * as http from 'node:http';
import * as https from 'node:https';
import type { ConnectorClient } from 'botframework-connector';
import { retryAfterMs } from './proactive/botMessenger';

/**
 * A person's reply within a turn (reply to, send to, or update an activity in their
 * conversation) sent straight over HTTP, not through the connector client's pipeline of
 * serialiser and policies. Measured under `bench:burst`: that pipeline was half the cost of each
 * first reply, and the first reply could not come within a second for 1,500 people while it
 * ran (ADR 0028). What the pipeline did for these three calls is done here: the same method,
 * path, `x-ms-conversation-id` header and JSON body; the Authorization header from the client's
 * own credentials (the SDK's token cache); retries of 429 and 5xx as its retry policies make
 * them; a `RestError` (with `statusCode`) for a refusal and an `AbortError` when the time is up.
 * Every other call, and every proactive message, stays with the SDK.
 */

/** The calls a turn makes to answer: `METHOD path`, as the connector client's operation specs name them. */
const REPLIES: ReadonlySet<string> = new Set([
  'POST v3/conversations/{conversationId}/activities/{activityId}',
  'POST v3/conversations/{conversationId}/activities',
  'PUT v3/conversations/{conversationId}/activities/{activityId}',
]);

/** Attempts in all (the SDK's retry policies make up to three retries; a person is waiting here). */
const MOST_ATTEMPTS = 3;

interface OperationSpec {
  readonly httpMethod?: string;
  readonly path?: string;
  readonly headerParameters?: readonly { readonly parameterPath?: unknown; readonly mapper?: { readonly serializedName?: string } }[];
  readonly requestBody?: { readonly parameterPath?: unknown; readonly mapper?: unknown };
  /** The operation's own serialiser (the SDK's models): the body is written by it, as the SDK writes it. */
  readonly serializer?: { serialize(mapper: unknown, object: unknown, name?: string): unknown };
}

interface Operation {
  readonly conversationId?: unknown;
  readonly activityId?: unknown;
  readonly activity?: unknown;
  readonly options?: { readonly abortSignal?: AbortSignal };
}

/** What a failed call throws, named as the SDK names it so the turn's error handler treats both alike. */
export class ChannelRefused extends Error {
  override readonly name = 'RestError';
  constructor(readonly statusCode: number | undefined) {
    super(statusCode === undefined ? 'The channel could not be reached.' : `The channel answered ${statusCode}.`);
  }
}

class TimeUp extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('The channel did not answer in time.');
  }
}

type Send = ConnectorClient['sendOperationRequest'];

/**
 * Sends the client's replies straight over HTTP; everything else goes to `otherwise` (the
 * client's own, time-limited). Not used behind a proxy (HTTPS_PROXY and the like), which only
 * the SDK's pipeline honours.
 */
export function leanReplies(client: ConnectorClient, otherwise: Send): Send {
  const base = String((client as unknown as { baseUri?: unknown }).baseUri ?? '').replace(/\/+$/, '');
  const secure = base.startsWith('https:');
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const credentials = (client as unknown as { credentials?: { signRequest(resource: unknown): Promise<unknown> } }).credentials;

  const authorization = async (): Promise<string | undefined> => {
    let value: string | undefined;
    // The SDK's credentials set the header on what they are given (a token from their cache, or none in local mode).
    await credentials?.signRequest({ headers: { set: (name: string, v: string) => (name.toLowerCase() === 'authorization' ? (value = v) : undefined) } });
    return value;
  };

  return ((operation: Operation, spec: OperationSpec, callback?: unknown) => {
    if (callback !== undefined || !REPLIES.has(`${spec.httpMethod ?? ''} ${spec.path ?? ''}`)) return otherwise(operation as never, spec as never, callback as never);
    return send(operation, spec);
  }) as Send;

  async function send(operation: Operation, spec: OperationSpec): Promise<unknown> {
    const signal = operation.options?.abortSignal;
    const url = `${base}/${String(spec.path).replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(operation[name as keyof Operation] ?? '')))}`;
    const activity = spec.serializer && spec.requestBody?.mapper ? spec.serializer.serialize(spec.requestBody.mapper, operation.activity, 'activity') : operation.activity;
    const body = Buffer.from(JSON.stringify(activity ?? {}));
    const headers: Record<string, string | number> = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      accept: 'application/json',
      'user-agent': 'botframework-connector/4.0.0 practice-health-check',
    };
    // The operation's own header parameters (a reply names its conversation in x-ms-conversation-id).
    for (const parameter of spec.headerParameters ?? []) {
      const name = parameter.mapper?.serializedName;
      const value = typeof parameter.parameterPath === 'string' ? operation[parameter.parameterPath as keyof Operation] : undefined;
      if (name && value !== undefined) headers[name.toLowerCase()] = String(value);
    }
    for (let attempt = 1; ; attempt++) {
      const auth = await authorization();
      if (auth) headers.authorization = auth;
      else delete headers.authorization;
      let answer: { status: number; text: string; retryAfter: string | undefined };
      try {
        answer = await request(url, spec.httpMethod ?? 'POST', headers, body, signal);
      } catch (error) {
        if (signal?.aborted) throw new TimeUp();
        if (attempt >= MOST_ATTEMPTS) throw Object.assign(new ChannelRefused(undefined), { cause: error });
        await pause(backoff(attempt, undefined), signal);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) {
        const result = parse(answer.text);
        Object.defineProperty(result, '_response', { value: { status: answer.status } });
        return result;
      }
      const retriable = answer.status === 408 || answer.status === 429 || (answer.status >= 500 && answer.status !== 501 && answer.status !== 505);
      if (!retriable || attempt >= MOST_ATTEMPTS) throw new ChannelRefused(answer.status);
      await pause(backoff(attempt, answer.retryAfter), signal);
    }
  }

  function request(
    url: string,
    method: string,
    headers: Record<string, string | number>,
    body: Buffer,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; text: string; retryAfter: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, { method, headers, agent, ...(signal ? { signal } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The body as the SDK would give it: an object (a `ResourceResponse`), empty when there is none. */
function parse(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Retry-After when the channel gives one (as the outbox reads it), else 0.8 s doubling, as the SDK's policies wait. */
function backoff(attempt: number, retryAfter: string | undefined): number {
  return retryAfterMs(retryAfter) ?? 800 * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TimeUp());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(new TimeUp());
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
