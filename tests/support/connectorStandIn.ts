import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Connector, enough for proactive sends and replies: it takes
 * `POST /v3/conversations/:conversationId/activities` (and the reply form
 * `…/activities/:activityId` that botbuilder uses after `continueConversationAsync` and for
 * a reply within a turn) and `PUT …/activities/:activityId` (`updateActivity`),
 * enforces the Teams limits on its own clock and answers 429 with Retry-After when a limit
 * is exceeded, like Teams. It records every activity it accepted, so tests can count lost
 * and duplicate messages.
 *
 * Its clock may run faster than real time (`speed`): limits and Retry-After are in that
 * time, so a sender sharing the clock (`standIn.clock`) sees Teams' limits as they are, in
 * a fraction of the wall-clock time.
 */

export interface Limit {
  readonly limit: number;
  readonly ms: number;
}

export const TEAMS_CONNECTOR_LIMITS = {
  perApp: [{ limit: 50, ms: 1_000 }] as readonly Limit[],
  perConversation: [
    { limit: 7, ms: 1_000 },
    { limit: 60, ms: 30_000 },
    { limit: 1_800, ms: 3_600_000 },
  ] as readonly Limit[],
};

/** What a test can make the stand-in do with one request instead of accepting it. */
export type Misbehaviour =
  | { readonly status: number; readonly code?: string; readonly retryAfter?: string }
  /** Record the activity as delivered, then drop the connection without an answer. */
  | { readonly dropAfterDelivery: true };

export interface StandInOptions {
  /** Stand-in milliseconds per real millisecond (default 1). */
  readonly speed?: number;
  /** Where the stand-in's clock starts, as ms since the epoch (default: now). */
  readonly startAt?: number;
  /**
   * The real moment (`wallNow()`) that `startAt` corresponds to, so that a stand-in in
   * another process keeps the same clock as the sender (default: now).
   */
  readonly realStart?: number;
  readonly perApp?: readonly Limit[];
  readonly perConversation?: readonly Limit[];
  /** Real milliseconds to wait, after recording an accepted activity, before answering. */
  readonly responseDelayMs?: number;
  /** Keep whole activities in `received` (default: only the summary, to keep memory small). */
  readonly keepActivities?: boolean;
  /** Called for every request before the limits; `nth` counts requests to that conversation from 1. */
  readonly misbehave?: (conversationId: string, nth: number) => Misbehaviour | undefined;
  /**
   * Which activities count against the per-app limit: `all` (default), or only `proactive`
   * ones (those with a `summary`, as the bot's invitations and reminders have), leaving the
   * replies within a turn to the per-conversation limits.
   */
  readonly perAppCounts?: 'all' | 'proactive';
  /**
   * Called for every accepted activity, with the id it has in the conversation: the new id
   * for a POST, the id it replaces for a PUT (`updateActivity`). In this process only.
   */
  readonly onAccepted?: (conversationId: string, activityId: string, activity: Record<string, unknown>) => void;
}

export interface ReceivedActivity {
  readonly conversationId: string;
  /** Stand-in clock. */
  readonly at: number;
  readonly summary: string | undefined;
  /** The whole activity, if `keepActivities` was set. */
  readonly activity?: Record<string, unknown>;
}

export interface StandInStats {
  requests: number;
  accepted: number;
  throttled: number;
  refused: number;
}

export interface ConnectorStandIn {
  /** The `serviceUrl` to put in conversation references. */
  readonly serviceUrl: string;
  /** The stand-in's clock, to share with a sender under test. */
  readonly clock: { now(): Date };
  /** Stand-in ms → real ms, for a sender's sleep. */
  toRealMs(ms: number): number;
  readonly received: Map<string, ReceivedActivity[]>;
  readonly stats: StandInStats;
  /** Forgets what it received and the limits' history. */
  reset(): void;
  close(): Promise<void>;
}

class SlidingWindows {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly limits: readonly Limit[]) {}

  /** 0 if a request at `now` fits every window, else ms until it would. */
  waitFor(key: string, now: number): number {
    const times = this.times.get(key) ?? [];
    let wait = 0;
    for (const { limit, ms } of this.limits) {
      const inWindow = times.filter((t) => t > now - ms);
      const oldest = inWindow[inWindow.length - limit];
      if (inWindow.length >= limit && oldest !== undefined) wait = Math.max(wait, oldest + ms - now);
    }
    return wait;
  }

  record(key: string, now: number): void {
    const longest = Math.max(...this.limits.map((l) => l.ms));
    const times = (this.times.get(key) ?? []).filter((t) => t > now - longest);
    times.push(now);
    this.times.set(key, times);
  }

  clear(): void {
    this.times.clear();
  }
}

/** Real time in ms since the epoch, finer than `Date.now()` and the same in every process. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startConnectorStandIn(options: StandInOptions = {}): Promise<ConnectorStandIn> {
  const speed = options.speed ?? 1;
  const realStart = options.realStart ?? wallNow();
  const startAt = options.startAt ?? Date.now();
  const now = () => startAt + (wallNow() - realStart) * speed;
  const app = new SlidingWindows(options.perApp ?? TEAMS_CONNECTOR_LIMITS.perApp);
  const conversations = new SlidingWindows(options.perConversation ?? TEAMS_CONNECTOR_LIMITS.perConversation);
  const received = new Map<string, ReceivedActivity[]>();
  const requestsPer = new Map<string, number>();
  const stats: StandInStats = { requests: 0, accepted: 0, throttled: 0, refused: 0 };
  const sockets = new Set<import('node:net').Socket>();

  const answer = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const route = ROUTE.exec(new URL(req.url ?? '/', 'http://x').pathname);
      const update = req.method === 'PUT' && route?.[2] !== undefined;
      if ((req.method !== 'POST' && !update) || !route?.[1]) return answer(res, 404, { error: { code: 'NotFound', message: 'No such route on the stand-in.' } });
      stats.requests++;
      const conversationId = decodeURIComponent(route[1]);
      let activity: Record<string, unknown>;
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        stats.refused++;
        return answer(res, 400, { error: { code: 'BadArgument', message: 'The body is not JSON.' } });
      }
      const nth = (requestsPer.get(conversationId) ?? 0) + 1;
      requestsPer.set(conversationId, nth);
      const t = now();
      const odd = options.misbehave?.(conversationId, nth);
      if (odd && 'status' in odd) {
        stats.refused++;
        return answer(res, odd.status, { error: { code: odd.code ?? 'Refused', message: 'Refused by the stand-in.' } }, odd.retryAfter ? { 'retry-after': odd.retryAfter } : {});
      }
      const countsForApp = options.perAppCounts !== 'proactive' || typeof activity.summary === 'string';
      const wait = Math.max(countsForApp ? app.waitFor('app', t) : 0, conversations.waitFor(conversationId, t));
      if (wait > 0) {
        stats.throttled++;
        // Whole seconds, as Teams sends them, rounded up so that coming back then is in time.
        return answer(res, 429, { error: { code: 'Throttled', message: 'Too many requests.' } }, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
      }
      if (countsForApp) app.record('app', t);
      conversations.record(conversationId, t);
      stats.accepted++;
      const activityId = update ? decodeURIComponent(route[2] ?? '') : `activity-${stats.accepted}`;
      options.onAccepted?.(conversationId, activityId, activity);
      const list = received.get(conversationId) ?? [];
      list.push({ conversationId, at: t, summary: typeof activity.summary === 'string' ? activity.summary : undefined, ...(options.keepActivities ? { activity } : {}) });
      received.set(conversationId, list);
      if (odd && 'dropAfterDelivery' in odd) {
        req.socket.destroy();
        return;
      }
      const reply = () => answer(res, update ? 200 : 201, { id: activityId });
      if (options.responseDelayMs) setTimeout(reply, options.responseDelayMs);
      else reply();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    clock: { now: () => new Date(now()) },
    toRealMs: (ms: number) => ms / speed,
    received,
    stats,
    reset() {
      received.clear();
      requestsPer.clear();
      app.clear();
      conversations.clear();
      Object.assign(stats, { requests: 0, accepted: 0, throttled: 0, refused: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A Teams-like conversation reference for a person, pointing at the stand-in. */
export function standInReference(serviceUrl: string, userId: string): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: `a:1on1-${userId}`, conversationType: 'personal', tenantId: 'stand-in-tenant' },
    user: { id: `29:${userId}`, aadObjectId: userId },
    bot: { id: '28:stand-in-bot', name: 'Practice Health Check' },
  };
}
