import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type Logger, type LoggerOptions } from 'pino';
import type { App } from '../app/app';
import type { Organisation } from '../domain/organisation/types';
import type { BotEndpoint } from './botEndpoint';
import { landingPage } from './landing';
import { LoopShare } from './loopShare';
import { traceRequests } from './tracing';
import { tabResponse, TAB_DIR } from './tabStatic';
import type { TabApi } from './api/router';
import { ApiError, errorAnswer } from './api/respond';
import { API_CSP, BARE_HEADERS, HSTS, isLocalRequest, isLoopback, LIMITS, PAGE_CSP, type Limits } from './security';

/** How long the bot turns started in one turn of the event loop may run before it goes round (src/server/loopShare.ts). */
const BOT_TURN_SLICE_MS = 0.5;

/** Where the Bot Connector posts activities. */
const BOT_ROUTE = '/api/messages';

/** What the server serves besides the landing page, and how (tests pass their own limits and log). */
export interface ApiExtras {
  /** The tab's signed-in API (src/server/api): every `/api/*` route but the bot's. */
  readonly tabApi?: TabApi;
  /** Requests a minute and body sizes (security.ts `LIMITS` unless given). */
  readonly limits?: Partial<Limits>;
  /** The structured log (pino); JSON lines on standard output at `PHC_LOG_LEVEL` (default info) otherwise. */
  readonly logger?: Logger;
  /**
   * `PHC_TRUST_PROXY`: the address(es) of a reverse proxy in front of the server, whose
   * X-Forwarded-For and X-Forwarded-Proto are believed. Unset: none is, and a request that
   * came through a proxy never counts as from this machine.
   */
  readonly trustProxy?: string;
  /** The tab's built files (default dist/tab). */
  readonly tabDir?: string;
  /** Tests: where requests to the bot wait their turn (slices of `BOT_TURN_SLICE_MS` otherwise). */
  readonly botTurns?: { turn(): Promise<void> };
}

const MINUTE = 60_000;

/** The log line for a request: its path, and only the names of its query's parameters (values can be names or words). */
function requestSummary(request: FastifyRequest): Record<string, unknown> {
  const url = new URL(request.url, 'http://localhost');
  return { method: request.method, path: url.pathname, ...(url.search ? { query: [...new Set(url.searchParams.keys())] } : {}), remoteAddress: request.ip };
}

/** The structured log's settings: its level, its name, and what it never writes. */
export function loggerOptions(): LoggerOptions {
  return { level: process.env.PHC_LOG_LEVEL ?? 'info', base: { app: 'practice-health-check' }, redact: ['req.headers.authorization', 'req.headers.cookie'] };
}

export function defaultLogger(): Logger {
  return pino(loggerOptions());
}

/** Words for what Fastify itself refuses (bad JSON, sizes, media types), never its own text. */
function frameworkAnswer(error: FastifyError): { status: number; message: string } | undefined {
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  if (status === 413) return { status, message: 'That is too much to send at once.' };
  if (status === 415) return { status, message: 'Send the request as JSON (Content-Type: application/json).' };
  if (status === 429) return { status, message: error.message };
  if (status === 404) return { status, message: 'Nothing at that address.' };
  return { status: 400, message: 'The request could not be read (it is not JSON, or its address is not one the server knows how to read).' };
}

/**
 * The one HTTP server (Fastify): the tab's JSON API (aggregates only: responses never leave
 * the server), the bot endpoint and the tab's pages. Routing, body limits, security headers,
 * rate limits and the request log are Fastify's and its plugins'; the handlers are the API's.
 * Call `listen` (or `inject` in tests) on what it returns.
 */
export function createHttpServer(app: App, organisation: Organisation, bot?: BotEndpoint, extras: ApiExtras = {}): FastifyInstance {
  const limits: Limits = { ...LIMITS, ...extras.limits };
  const trustsProxy = extras.trustProxy !== undefined && extras.trustProxy !== '';
  const logger: FastifyBaseLogger = extras.logger ?? defaultLogger();
  // Requests to the bot start in slices, so the loop goes round and accepts new connections under a burst.
  const botTurns = extras.botTurns ?? new LoopShare(BOT_TURN_SLICE_MS);
  const server = Fastify({
    loggerInstance: logger,
    genReqId: () => randomUUID(),
    // Request ids are ours: a caller cannot choose the id its lines are logged under.
    requestIdHeader: false,
    bodyLimit: limits.apiBody,
    ...(trustsProxy ? { trustProxy: extras.trustProxy } : {}),
    // A client that sends its headers or body a byte a minute is cut off.
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    return503OnClosing: true,
    // An address that cannot be read (bad percent-encoding, a part far too long) is refused
    // before any hook runs: the same headers and plain words as every other refusal.
    frameworkErrors: (error, request, reply) => {
      request.log.warn({ code: error.code }, 'address refused');
      const answer = reply as FastifyReply;
      void answer
        .code(error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400)
        .headers(BARE_HEADERS)
        .send({ error: 'The address could not be read. Check it, or go back and try again.' });
    },
    // Fastify's own request lines log the whole URL (query values can be names); ours are below.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
  });

  // First of all: a request to the bot waits its slice before the server does anything else for
  // it (its span, log line, headers, rate limits, body, turn). Run at once, that work for every
  // request that had arrived kept each turn of the loop long under a burst, and the loop accepts
  // one new connection a turn: people opening the survey waited in the kernel's queue while
  // presses on kept connections went ahead (src/server/loopShare.ts, ADR 0030).
  server.addHook('onRequest', async (request) => {
    if (request.method === 'POST' && request.routeOptions.url === BOT_ROUTE) await botTurns.turn();
  });
  traceRequests(server);
  // One line when a request arrives and one when it is answered: no bodies, no query values, no headers.
  server.addHook('onRequest', async (request) => {
    request.log.info({ req: requestSummary(request) }, 'request');
  });
  server.addHook('onResponse', async (request, reply) => {
    request.log.info({ status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'answered');
  });

  void server.register(helmet, {
    // Set below, once for every response (the tab and the plain pages set their own).
    contentSecurityPolicy: false,
    // Only over HTTPS (below): over HTTP a browser ignores it, and a local demo stays reachable.
    hsts: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  server.addHook('onRequest', async (request, reply) => {
    reply.header('content-security-policy', API_CSP);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });

  void server.register(rateLimit, {
    global: true,
    max: limits.perAddress,
    timeWindow: MINUTE,
    keyGenerator: (request) => `address:${request.ip}`,
    errorResponseBuilder: (_request, context) => new ApiError(429, `Too many requests from here; please wait ${context.after} and try again.`),
  });

  void server.register(async (routes) => {
    // After the headers' hooks (helmet's above): only the bot's route and the API's writes have
    // bodies; anything sent with a GET is refused before it is read, rather than read without a limit.
    routes.addHook('onRequest', async (request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const length = Number(request.headers['content-length'] ?? 0);
      if (request.headers['transfer-encoding'] !== undefined || length > 0) throw new ApiError(413, 'A request of this kind sends nothing; that is too much to send.');
    });
    const perPersonApi = routes.createRateLimit({
      max: limits.apiPerPerson,
      timeWindow: MINUTE,
      keyGenerator: (request) => `person:${String((request as FastifyRequest & { phcPerson?: string }).phcPerson)}`,
    });
    const perPersonBot = routes.createRateLimit({
      max: limits.botPerPerson,
      timeWindow: MINUTE,
      keyGenerator: (request) => `bot:${request.ip}:${String((request as FastifyRequest & { phcPerson?: string }).phcPerson)}`,
    });
    const limited = async (limiter: typeof perPersonApi, request: FastifyRequest, reply: FastifyReply, personId: string, who: string) => {
      (request as FastifyRequest & { phcPerson?: string }).phcPerson = personId;
      const result = await limiter(request);
      if (result.isAllowed || !result.isExceeded) return;
      reply.header('retry-after', String(result.ttlInSeconds));
      throw new ApiError(429, `${who} sent a lot of requests in the last minute; please wait ${result.ttlInSeconds} seconds and try again.`);
    };
    // Local modes trust this machine; behind an untrusted proxy every request looks like it, so none does.
    const forwardedUntrusted = (request: FastifyRequest) => !trustsProxy && isLoopback(request.ip) && !isLocalRequest(request, false);
    const clientAddress = (request: FastifyRequest) => (forwardedUntrusted(request) ? undefined : request.ip);

    routes.get('/', async (_request, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', PAGE_CSP)
        .send(landingPage(organisation, await app.cycles.list())),
    );
    routes.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ ok: true }));

    // The tab's built pages and assets under /tab/ (src/server/tabStatic.ts), with the tab's own CSP.
    const tab = async (request: FastifyRequest, reply: FastifyReply) => {
      const answer = tabResponse(request.method, new URL(request.url, 'http://localhost').pathname, extras.tabDir ?? TAB_DIR);
      if (!answer) throw new ApiError(404, 'Nothing at that address.');
      if (answer.headers['content-security-policy'] !== undefined) {
        // Teams, Outlook and Microsoft 365 frame the tab (its CSP says so); a popped-out tab keeps its opener.
        reply.raw.removeHeader('x-frame-options');
        reply.raw.removeHeader('cross-origin-opener-policy');
      }
      reply.code(answer.status).headers(answer.headers);
      return answer.body === undefined ? reply.send() : reply.send(answer.body);
    };
    routes.route({ method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], url: '/tab', handler: tab });
    routes.route({ method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], url: '/tab/*', handler: tab });

    extras.tabApi?.register(routes, { clientAddress, perPerson: (request, reply, personId) => limited(perPersonApi, request, reply, personId, 'You have') });

    routes.route({
      method: 'POST',
      url: BOT_ROUTE,
      bodyLimit: limits.botBody,
      config: { rateLimit: { max: limits.botPerAddress, timeWindow: MINUTE } },
      handler: async (request, reply) => {
        if (!bot) return reply.code(503).header('cache-control', 'no-store').send({ error: 'The bot is not running in this process.' });
        return bot.handle(request, reply, {
          fromThisMachine: isLocalRequest(request, trustsProxy),
          perPerson: (userId) => limited(perPersonBot, request, reply, userId, 'This person has'),
        });
      },
    });
    routes.route({
      method: ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url: BOT_ROUTE,
      handler: async (request) => {
        throw new ApiError(405, `${request.method} is not allowed at ${BOT_ROUTE}.`);
      },
    });

    routes.setNotFoundHandler({ preHandler: routes.rateLimit() }, async (request) => {
      throw new ApiError(404, `Nothing at ${new URL(request.url, 'http://localhost').pathname}.`);
    });
  });

  server.setErrorHandler(async (error: unknown, request, reply) => {
    const known = errorAnswer(error);
    // Every refusal the API chose itself (503 "sign-in cannot be checked" among them) is sent as it is.
    if (error instanceof ApiError || known.status < 500) return reply.code(known.status).header('cache-control', 'no-store').send(known.body);
    const framework = error instanceof Error && 'statusCode' in error ? frameworkAnswer(error as FastifyError) : undefined;
    if (framework) {
      request.log.warn({ status: framework.status, code: (error as FastifyError).code }, 'request refused');
      return reply.code(framework.status).header('cache-control', 'no-store').send({ error: framework.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).header('cache-control', 'no-store').send(known.body);
  });

  return server;
}
