import * as http from 'node:http';
import { UserFacingError } from '../app/errors';
import type { App } from '../app/app';
import type { BreakdownBy } from '../domain/results/types';
import type { Organisation } from '../domain/organisation/types';
import { landingPage } from './landing';
import { serveTab } from './tabStatic';
import type { TabApi } from './api/router';
import type { QualityReport } from '../domain/qualityReport/model';
import { renderQualityReportHtml } from '../domain/qualityReport/html';

/** The bot's endpoint (`POST /api/messages`), built by the composition root. */
export type HttpHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

const BREAKDOWNS: readonly string[] = ['role', 'team', 'service', 'length-of-service'];

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * The one HTTP server: the tab's JSON API (aggregates only: responses never leave the
 * server), the bot endpoint and the tab's pages. The bot and tab arrive in later issues.
 */
/** Read-only figures the API serves besides results (aggregates only, thresholds applied). */
export interface ApiExtras {
  readonly responseRate?: (cycleId: string) => Promise<unknown>;
  /** Audit compliance for a council year (default: this one): aggregates of tasks, never form answers. */
  readonly compliance?: (year: number | undefined) => Promise<unknown>;
  /** The tab's signed-in API (src/server/api): answers every `/api/*` route it knows, before the routes below. */
  readonly tabApi?: TabApi;
  /** The Quarterly Quality Report (aggregates only, thresholds applied) for `2026-Q3`, or this quarter. */
  readonly qualityReport?: (quarter: string | undefined) => Promise<QualityReport>;
}

export function createHttpServer(app: App, organisation: Organisation, botHandler?: HttpHandler, extras: ApiExtras = {}): http.Server {
  return http.createServer((req, res) => {
    handle(app, organisation, req, res, botHandler, extras).catch((error: unknown) => {
      if (error instanceof UserFacingError) send(res, 400, { error: error.message, details: error.details });
      else {
        console.error(error);
        send(res, 500, { error: 'Something went wrong on the server; it has been logged.' });
      }
    });
  });
}

async function handle(
  app: App,
  organisation: Organisation,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  botHandler: HttpHandler | undefined,
  extras: ApiExtras,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  // The tab's built pages and assets under /tab/ (src/server/tabStatic.ts).
  if (serveTab(req, res, url.pathname)) return;
  if (extras.tabApi && (await extras.tabApi(req, res, url))) return;
  if (route === 'GET /') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(landingPage(organisation, await app.cycles.list()));
    return;
  }
  if (route === 'GET /healthz') return send(res, 200, { ok: true });
  if (route === 'GET /api/cycles') {
    const cycles = await app.cycles.list();
    return send(res, 200, cycles.map(({ id, title, kind, status, opensOn, closesOn, threshold, textThreshold }) => ({ id, title, kind, status, opensOn, closesOn, threshold, textThreshold })));
  }
  const results = /^\/api\/results\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && results?.[1]) {
    const by = url.searchParams.get('by') ?? undefined;
    if (by !== undefined && !BREAKDOWNS.includes(by)) return send(res, 400, { error: `"by" must be one of ${BREAKDOWNS.join(', ')}.` });
    const cycleId = safeDecode(results[1]);
    if (cycleId === undefined) return send(res, 400, { error: 'The cycle in the address could not be read.' });
    return send(res, 200, await app.results.results(cycleId, by as BreakdownBy | undefined));
  }
  const rate = /^\/api\/response-rate\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && rate?.[1] && extras.responseRate) {
    const id = safeDecode(rate[1]);
    if (id === undefined) return send(res, 400, { error: 'The cycle in the address could not be read.' });
    return send(res, 200, await extras.responseRate(id));
  }
  if (route === 'GET /api/audits/compliance' && extras.compliance) {
    const rawYear = url.searchParams.get('year');
    if (rawYear !== null && !/^\d{4}$/.test(rawYear)) {
      return send(res, 400, { error: `"year" must be the year the council year starts in, e.g. 2026 for April 2026 – March 2027, not "${rawYear}".` });
    }
    return send(res, 200, await extras.compliance(rawYear === null ? undefined : Number(rawYear)));
  }
  if ((route === 'GET /report/quarterly' || route === 'GET /api/report/quarterly') && extras.qualityReport) {
    const report = await extras.qualityReport(url.searchParams.get('quarter') ?? undefined);
    if (route === 'GET /api/report/quarterly') return send(res, 200, report);
    // A page to print: no scripts or external assets, so it may not load any.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
    res.end(renderQualityReportHtml(report));
    return;
  }
  if (url.pathname === '/api/messages') {
    if (botHandler) return botHandler(req, res);
    return send(res, 503, { error: 'The bot is not running in this process.' });
  }
  send(res, 404, { error: `Nothing at ${url.pathname}.` });
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
