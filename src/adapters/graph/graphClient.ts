import { ConfidentialClientApplication, ManagedIdentityApplication } from '@azure/msal-node';
import { Client, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { version } from '../../../package.json';
import { pathTemplate, SPAN_NAMES, SpanKind, traced } from '../../telemetry/spans';

/** Where a Graph access token comes from. */
export interface TokenProvider {
  getAccessToken(): Promise<string>;
}

/** The Graph SDK client and the base URL it was built for (`@odata.bind` links must use it). */
export interface GraphClient {
  /** e.g. `https://graph.microsoft.com/v1.0`, no trailing slash. */
  readonly baseUrl: string;
  readonly sdk: Client;
  /**
   * One request through the same middleware chain (retry, auth, timeout), without the SDK's
   * URL rewriting: `@odata.nextLink` and `@odata.deltaLink` are used exactly as Graph gave
   * them. `url` is a path under `baseUrl` (`/sites/...`) or an absolute URL under it.
   * Resolves with any status; throws only when no answer came (network, timeout).
   */
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<GraphAnswer>;
}

/** A Graph answer with its body read (JSON when it is JSON, else undefined). */
export interface GraphAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface GraphClientOptions {
  /** e.g. `https://graph.microsoft.com/v1.0`; tests point it at a local stand-in. */
  readonly baseUrl: string;
  readonly tokenProvider: TokenProvider;
  /** Attempts per request, the first included (default 3): a throttled call stays cheap to give up on, the outbox retries later. */
  readonly maxAttempts?: number;
  /** Backoff when Graph gives no Retry-After (default 1 s, doubling). */
  readonly baseDelayMs?: number;
  /** A longer Retry-After is not waited for: the response goes back to the caller (default 30 s). */
  readonly maxDelayMs?: number;
  /** Each attempt's limit (default 15 s): a hung connection must not hold the sender. */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Told one line per HTTP attempt: method, path (no query string: filters can carry keys),
   * status or error, and time taken. Nothing is logged without it.
   */
  readonly log?: (line: string) => void;
  /** Sent on every request (default `graphUserAgent()`): SharePoint gives undecorated traffic lower priority. */
  readonly userAgent?: string;
}

/**
 * The User-Agent SharePoint asks applications to send ("Avoid getting throttled or blocked in
 * SharePoint Online", decorating your traffic): `NONISV|CompanyName|AppName/Version` for an
 * application an organisation runs for itself. The company is the council (`PHC_COUNCIL_NAME`),
 * kept to letters, digits and hyphens so the header stays one product token.
 */
export function graphUserAgent(council?: string): string {
  const company = (council ?? '').replace(/[^A-Za-z0-9-]+/g, '') || 'Council';
  return `NONISV|${company}|PracticeHealthCheck/${version}`;
}

const RETRY_STATUSES = new Set([429, 503, 504]);
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A Graph client whose cross-cutting concerns live in one middleware chain, not at call
 * sites: retry (outermost, so each attempt gets a fresh token and a fresh timeout) → auth →
 * logging (optional, one line per attempt) → timeout → the SDK's HTTP handler.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const base = new URL(options.baseUrl.replace(/\/+$/, ''));
  const version = base.pathname.replace(/^\/+/, '');
  const chain = [
    retryMiddleware({
      maxAttempts: options.maxAttempts ?? 3,
      baseDelayMs: options.baseDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      sleep: options.sleep ?? realSleep,
    }),
    traceMiddleware(base.pathname.replace(/\/+$/, '')),
    authMiddleware(options.tokenProvider, base.origin, options.userAgent ?? graphUserAgent()),
    ...(options.log ? [logMiddleware(options.log)] : []),
    timeoutMiddleware(options.timeoutMs ?? 15_000),
    new HTTPMessageHandler(),
  ];
  // The SDK joins host + version + path, so the configured URL is split into those parts.
  const sdk = Client.initWithMiddleware({ baseUrl: base.origin, defaultVersion: version, middleware: chain });
  const baseUrl = `${base.origin}/${version}`.replace(/\/$/, '');
  // initWithMiddleware has linked the chain; its head runs a request through all of it.
  const head = chain[0] as Middleware;
  return {
    baseUrl,
    sdk,
    async request(method, url, body, headers = {}) {
      const absolute = /^https?:\/\//i.test(url) ? url : `${baseUrl}${url.startsWith('/') ? '' : '/'}${url}`;
      if (!absolute.startsWith(`${baseUrl}/`)) throw new Error(`refusing to follow a link outside ${baseUrl}: ${absolute}`);
      const h: Record<string, string> = { Accept: 'application/json', ...headers };
      if (body !== undefined) h['Content-Type'] = 'application/json';
      const context: Context = { request: absolute, options: { method, headers: h, ...(body === undefined ? {} : { body: JSON.stringify(body) }) } };
      await head.execute(context);
      const response = context.response;
      if (!response) throw new Error(`no answer from Microsoft Graph for ${method} ${url}`);
      const text = await response.text();
      let parsed: unknown;
      if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
  };
}

/** A middleware with a `next`, written once for the three below. */
function link(execute: (context: Context, next: Middleware) => Promise<void>): Middleware {
  let next: Middleware | undefined;
  return {
    setNext: (middleware) => {
      next = middleware;
    },
    execute: (context) => {
      if (!next) throw new Error('Graph middleware chain has no HTTP handler at its end.');
      return execute(context, next);
    },
  };
}

function retryMiddleware(o: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; sleep: (ms: number) => Promise<void> }): Middleware {
  return link(async (context, next) => {
    for (let attempt = 1; ; attempt++) {
      await next.execute(context);
      const response = context.response;
      if (!response || !RETRY_STATUSES.has(response.status) || attempt >= o.maxAttempts) return;
      const delay = retryAfterMs(response.headers.get('retry-after')) ?? o.baseDelayMs * 2 ** (attempt - 1);
      // Waiting minutes inside one call would hold the sender; the caller sees the 429 instead.
      if (delay > o.maxDelayMs) return;
      await response.body?.cancel();
      await o.sleep(delay);
    }
  });
}

/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The token, and the User-Agent that says whose traffic this is. */
function authMiddleware(tokens: TokenProvider, origin: string, userAgent: string): Middleware {
  return link(async (context, next) => {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    // The token is only ever sent to the configured Graph host, never to a link Graph returned.
    if (new URL(url).origin !== origin) throw new Error(`refusing to send the Graph token to ${new URL(url).origin}`);
    const token = await tokens.getAccessToken();
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${token}`);
    headers.set('User-Agent', userAgent);
    options.headers = headers;
    await next.execute(context);
  });
}

/**
 * One dependency span per attempt (telemetry, when it is on): the method, Graph's host, the
 * path with its ids taken out, the status; a `$batch` says how many requests it carried.
 */
function traceMiddleware(basePath: string): Middleware {
  return link(async (context, next) => {
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    const method = context.options?.method ?? 'GET';
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const body = context.options?.body;
    const inner = path === '/$batch' && typeof body === 'string' ? (JSON.parse(body) as { requests?: unknown[] }).requests?.length : undefined;
    await traced(
      SPAN_NAMES.graph,
      SpanKind.CLIENT,
      { 'http.request.method': method, 'server.address': url.host, 'url.template': pathTemplate(path), ...(inner !== undefined ? { 'phc.graph.batch_requests': inner } : {}) },
      () => next.execute(context),
      () => (context.response ? { 'http.response.status_code': context.response.status } : {}),
    );
  });
}

function logMiddleware(log: (line: string) => void): Middleware {
  return link(async (context, next) => {
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    const what = `${context.options?.method ?? 'GET'} ${url.pathname}`;
    const started = Date.now();
    try {
      await next.execute(context);
      const retryAfter = context.response?.headers.get('retry-after');
      log(`Graph ${what} → ${context.response?.status ?? 'no answer'} in ${Date.now() - started} ms${retryAfter ? ` (Retry-After ${retryAfter})` : ''}`);
    } catch (error) {
      log(`Graph ${what} → ${(error as Error).message} after ${Date.now() - started} ms`);
      throw error;
    }
  });
}

function timeoutMiddleware(ms: number): Middleware {
  return link(async (context, next) => {
    const signal = AbortSignal.timeout(ms);
    (context.options ??= {}).signal = signal;
    try {
      await next.execute(context);
    } catch (error) {
      // fetch's DOMException comes from another realm and the SDK loses it; say plainly what happened.
      if (signal.aborted) throw new Error(`no answer within ${ms} ms`);
      throw error;
    }
  });
}

/** How the app proves who it is to Entra ID: a client secret, or a certificate (preferred: nothing to leak in config). */
export type AppCredential =
  | { readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
  | {
      readonly tenantId: string;
      readonly clientId: string;
      /** PEM private key of the certificate uploaded to the app registration. */
      readonly certificatePrivateKey: string;
      /** SHA-256 thumbprint (hex) of that certificate. */
      readonly certificateThumbprint: string;
    };

/**
 * App-only Graph tokens with a client secret or a certificate. MSAL keeps the token in its
 * in-memory cache and renews it shortly before it expires, so asking on every request is cheap.
 *
 * On Azure the alternative is a managed identity (no secret at all): `managedIdentityTokenProvider`.
 */
export function msalTokenProvider(o: AppCredential): TokenProvider {
  const authority = `https://login.microsoftonline.com/${o.tenantId}`;
  const app = new ConfidentialClientApplication({
    auth:
      'clientSecret' in o
        ? { clientId: o.clientId, clientSecret: o.clientSecret, authority }
        : { clientId: o.clientId, clientCertificate: { thumbprintSha256: o.certificateThumbprint, privateKey: o.certificatePrivateKey }, authority },
  });
  return {
    async getAccessToken() {
      const result = await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
      if (!result?.accessToken) throw new Error('Entra ID returned no token for Microsoft Graph');
      return result.accessToken;
    },
  };
}

/**
 * App-only Graph tokens from the Azure host's managed identity (App Service, Container Apps,
 * a VM): nothing to store or rotate. `clientId` names a user-assigned identity; without it the
 * system-assigned one is used. MSAL caches the token as above.
 */
export function managedIdentityTokenProvider(o: { clientId?: string | undefined } = {}): TokenProvider {
  const app = new ManagedIdentityApplication(o.clientId ? { managedIdentityIdParams: { userAssignedClientId: o.clientId } } : {});
  return {
    async getAccessToken() {
      const result = await app.acquireToken({ resource: 'https://graph.microsoft.com' });
      if (!result?.accessToken) throw new Error('The managed identity got no token for Microsoft Graph');
      return result.accessToken;
    },
  };
}
