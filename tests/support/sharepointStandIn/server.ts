import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { runBatch } from './batch';
import { DEFAULT_RU_PER_DAY, DEFAULT_RU_PER_MINUTE, ResourceBudget, type MinuteUsage } from './budget';
import { standInClock, type StandInClock, type StandInClockOptions } from './clock';
import { graphError, type GraphAnswer } from './errors';
import { Faults, type FaultOptions } from './faults';
import { SharePointModel, type List, type Site } from './model';
import { Routes, type GraphRequest } from './routes';

export interface SharePointStandInOptions extends StandInClockOptions {
  /** The app's resource-unit budget per minute (default 1,250: a tenant of up to 1,000 licences). */
  readonly ruPerMinute?: number;
  /** …and per 24 hours (default 1,200,000), in which throttled requests count too. */
  readonly ruPerDay?: number;
  /**
   * Graph v1.0 documents no update of a list (only get, create, and its items and columns), so
   * by default `PATCH /lists/{id}` is refused; `accepted` answers it as a tenant that lets it
   * through would (what the app did before it stopped relying on it).
   */
  readonly listUpdates?: 'refused' | 'accepted';
  /**
   * Whether the app may read a list's permissions (`forbidden`: 403, as a Sites.Selected grant
   * without read access to permissions may answer; Microsoft documents Sites.Read.All or higher).
   */
  readonly listPermissions?: 'readable' | 'forbidden';
  /**
   * The status of a create or update that would repeat a value in a unique column. Microsoft's
   * docs do not settle it; both are seen in practice, so the writer must take either.
   */
  readonly duplicateStatus?: 400 | 409;
  readonly faults?: FaultOptions;
  /** If set, the bearer token every request must carry (else any bearer token will do). */
  readonly token?: string;
  /**
   * The clock Retry-After and RateLimit-Reset count in: `real` (default) so that an
   * unmodified client that sleeps for Retry-After comes back on time, or `standIn` for a
   * client that shares the stand-in's clock and scales its own sleeps.
   */
  readonly retryAfterIn?: 'real' | 'standIn';
  /** The site to create (default `contoso.sharepoint.com`, `/sites/phc`). */
  readonly site?: { readonly hostname: string; readonly path: string };
  /** Answer batch requests in a shuffled order, as Graph may (default true). */
  readonly shuffleBatch?: boolean;
  /** A clock of the test's own (`manualStandInClock`) instead of one made from `speed` and `startAt`. */
  readonly clock?: StandInClock;
}

export interface ThrottleRecord {
  /** Stand-in time, ms since the epoch. */
  readonly at: number;
  /** Minutes since the clock's start (0 = first minute). */
  readonly minute: number;
  readonly retryAfterSeconds: number;
  readonly inBatch: boolean;
  /** Which budget refused it. */
  readonly window: 'minute' | 'day';
}

export interface SharePointStandInStats {
  /** HTTP requests that reached the stand-in (a `$batch` counts once). */
  requests: number;
  /** `$batch` HTTP requests among them. */
  batches: number;
  /** Graph operations: top-level ones plus each request inside a batch. */
  operations: number;
  /** Operations by kind (`items.create`, `items.delta`…), throttled ones included. */
  readonly byKind: Record<string, number>;
  /** Every 429 for the budget, with its time. */
  readonly throttled: ThrottleRecord[];
  /** HTTP requests by User-Agent (`(none)` when absent), and how many were undecorated. */
  readonly userAgents: Record<string, number>;
  /**
   * Requests without the decorated User-Agent SharePoint asks for (`NONISV|Company|App/Version`
   * or `ISV|…`): SharePoint gives such traffic lower priority when it throttles.
   */
  undecorated: number;
}

export interface SharePointStandIn {
  /** e.g. `http://127.0.0.1:1234/v1.0`. */
  readonly baseUrl: string;
  readonly clock: StandInClock;
  /** The site the app is pointed at: its Graph id, and `host:/path` for lookups by URL. */
  readonly site: { readonly id: string; readonly hostname: string; readonly path: string; readonly webUrl: string };
  readonly model: SharePointModel;
  readonly budget: ResourceBudget;
  readonly faults: Faults;
  readonly stats: SharePointStandInStats;
  /** RU used and 429s in each minute of the stand-in clock that saw a request. */
  ruUsage(): MinuteUsage[];
  /** Items per list, by display name. */
  itemsPerList(): Record<string, number>;
  /** A list by display name, name or id (undefined if there is none). */
  findList(ref: string): List | undefined;
  /**
   * Every earlier delta token of one list (or of all lists) now answers 410 Gone, with the
   * documented resync code: `resyncChangesApplyDifferences` (default: take the server's state)
   * or `resyncChangesUploadDifferences` (the server may have lost changes, e.g. after a
   * restore: upload what it did not return).
   */
  expireDeltaTokens(listRef?: string, resync?: 'resyncChangesApplyDifferences' | 'resyncChangesUploadDifferences'): void;
  close(): Promise<void>;
}

/** SharePoint's traffic decoration: `NONISV|CompanyName|AppName/Version` (or `ISV|…`), anywhere in the User-Agent. */
const DECORATED = /(?:^|\s)(?:NON)?ISV\|[^|\s]+\|[^/\s]+\/\S+/;

export async function startSharePointStandIn(options: SharePointStandInOptions = {}): Promise<SharePointStandIn> {
  const clock = options.clock ?? standInClock(options);
  const model = new SharePointModel(() => clock.nowMs(), { duplicateStatus: options.duplicateStatus ?? 409 });
  const siteSpec = options.site ?? { hostname: 'contoso.sharepoint.com', path: '/sites/phc' };
  const site: Site = model.addSite(siteSpec.hostname, siteSpec.path);
  const budget = new ResourceBudget(options.ruPerMinute ?? DEFAULT_RU_PER_MINUTE, clock.startAt, options.ruPerDay ?? DEFAULT_RU_PER_DAY);
  const faults = new Faults(options.faults);
  const stats: SharePointStandInStats = { requests: 0, batches: 0, operations: 0, byKind: {}, throttled: [], userAgents: {}, undecorated: 0 };
  const sockets = new Set<Socket>();
  const toHeaderSeconds = (standInMs: number) => Math.max(1, Math.ceil((options.retryAfterIn === 'standIn' ? standInMs : clock.toRealMs(standInMs)) / 1000));
  // Its base URL is known once the server listens.
  const routes = new Routes(model, '', { listUpdates: options.listUpdates ?? 'refused', listPermissions: options.listPermissions ?? 'readable' });

  /** One Graph operation: inner 503, then the budget, then the route. */
  const execute = (request: GraphRequest, inBatch: boolean): GraphAnswer => {
    stats.operations++;
    if (inBatch && faults.innerFails()) return graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable (injected by the stand-in).');
    const route = routes.resolve(request);
    stats.byKind[route.kind] = (stats.byKind[route.kind] ?? 0) + 1;
    const now = clock.nowMs();
    const charge = route.cost > 0 ? budget.charge(route.cost, now) : undefined;
    if (charge && !charge.ok) {
      const retryAfterSeconds = toHeaderSeconds(charge.retryAfterMs);
      stats.throttled.push({ at: now, minute: Math.floor((now - clock.startAt) / 60_000), retryAfterSeconds, inBatch, window: charge.window });
      return graphError(429, 'activityLimitReached', `The request has been throttled: the application has used its resource units for this ${charge.window === 'day' ? '24-hour period' : 'minute'}.`, {
        'retry-after': String(retryAfterSeconds),
      });
    }
    const answer = route.run();
    if (charge?.ok && charge.remaining <= budget.perMinute * 0.2) {
      // SharePoint adds these once an app has used 80% of its minute.
      return {
        ...answer,
        headers: { ...answer.headers, 'ratelimit-limit': String(budget.perMinute), 'ratelimit-remaining': String(charge.remaining), 'ratelimit-reset': String(toHeaderSeconds(charge.resetMs)) },
      };
    }
    return answer;
  };

  const handle = (req: http.IncomingMessage, text: string): GraphAnswer => {
    const url = req.url ?? '/';
    if (!url.startsWith('/v1.0/')) return graphError(400, 'BadRequest', 'The stand-in serves /v1.0 only.');
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || (options.token !== undefined && auth !== `Bearer ${options.token}`)) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or not valid.');
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        return graphError(400, 'BadRequest', 'The request body is not JSON.');
      }
    }
    const path = url.slice('/v1.0'.length);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    if (path === '/$batch' || path === '/%24batch') {
      if (req.method !== 'POST') return graphError(405, 'methodNotAllowed', 'Batches are POSTed.');
      stats.batches++;
      return runBatch(body, (r) => execute(r, true), options.shuffleBatch === false ? () => 0 : () => faults.next());
    }
    return execute({ method: req.method ?? 'GET', url: path, headers, body }, false);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.requests++;
      const agent = req.headers['user-agent'] ?? '(none)';
      stats.userAgents[agent] = (stats.userAgents[agent] ?? 0) + 1;
      if (!DECORATED.test(agent)) stats.undecorated++;
      const fault = faults.forRequest();
      if (fault && fault.kind !== 'status' && !fault.after) {
        if (fault.kind === 'drop') req.socket.destroy();
        return; // a hang: never answered; close() drops it
      }
      const answer =
        fault?.kind === 'status'
          ? graphError(fault.status, fault.code ?? 'serviceNotAvailable', 'Injected by the stand-in.', fault.retryAfter ? { 'retry-after': fault.retryAfter } : {})
          : handle(req, Buffer.concat(chunks).toString('utf8'));
      if (fault && fault.kind !== 'status') {
        if (fault.kind === 'drop') req.socket.destroy();
        return; // took effect, but the client never hears so
      }
      const send = () => {
        if (res.destroyed) return;
        const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status, answer.headers).end(payload);
      };
      const delay = clock.toRealMs(faults.latencyMs);
      if (delay > 0) setTimeout(send, delay);
      else send();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/v1.0`;
  routes.baseUrl = baseUrl;

  const findList = (ref: string): List | undefined => {
    try {
      return model.list(site, ref);
    } catch {
      return undefined;
    }
  };

  return {
    baseUrl,
    clock,
    site: { id: site.id, hostname: site.hostname, path: site.path, webUrl: `https://${site.hostname}${site.path}` },
    model,
    budget,
    faults,
    stats,
    ruUsage: () => budget.usage(),
    itemsPerList: () => Object.fromEntries([...site.lists.values()].map((l) => [l.displayName, l.items.size])),
    findList,
    expireDeltaTokens(listRef, resync = 'resyncChangesApplyDifferences') {
      for (const l of site.lists.values()) {
        if (listRef !== undefined && l !== findList(listRef)) continue;
        l.tokenEpoch++;
        l.resync = resync;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
