import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Microsoft Graph, enough for `POST /v1.0/users/{id}/teamwork/installedApps`:
 * it checks the bearer token and the `teamsApp@odata.bind` body, remembers installs per user
 * (201 the first time, 409 after), answers 404 for people it does not know and 403 when the
 * app has no permission, and can misbehave on demand (429 with Retry-After, 503, a hang).
 */
export interface GraphStandInOptions {
  readonly token: string;
  readonly teamsAppId: string;
  /** Object ids the directory knows. */
  readonly users: readonly string[];
}

export type GraphFault = { readonly status: 429; readonly retryAfter: string } | { readonly status: 503 } | { readonly hang: true };

export interface GraphStandIn {
  /** e.g. `http://127.0.0.1:1234/v1.0`. */
  readonly baseUrl: string;
  /** Every request that reached the stand-in. */
  readonly requests: { method: string; url: string }[];
  /** How many times the app was installed for each user (never more than 1 on real Graph). */
  readonly installs: Map<string, number>;
  /** Answer 403 to installs, as Graph does without TeamsAppInstallation.ReadWriteSelfForUser.All. */
  noPermission: boolean;
  /** Misbehave for the next `times` requests (before any check). */
  fault(fault: GraphFault, times?: number): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/;

export async function startGraphStandIn(options: GraphStandInOptions): Promise<GraphStandIn> {
  const faults: GraphFault[] = [];
  const server = http.createServer((req, res) => {
    standIn.requests.push({ method: req.method ?? '', url: req.url ?? '' });
    const fault = faults.shift();
    if (fault && 'hang' in fault) return; // never answers; the client's timeout must give up
    if (fault) return error(res, fault.status, fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'retryAfter' in fault ? { 'Retry-After': fault.retryAfter } : {});
    if (req.headers.authorization !== `Bearer ${options.token}`) return error(res, 401, 'InvalidAuthenticationToken', {});
    const route = ROUTE.exec(req.url ?? '');
    if (!route || req.method !== 'POST') return error(res, 404, 'UnknownRoute', {});
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return error(res, 415, 'UnsupportedMediaType', {});
    readBody(req).then((text) => {
      const user = decodeURIComponent(route[1] ?? '');
      if (!bindIsValid(text, `${standIn.baseUrl}/appCatalogs/teamsApps/${options.teamsAppId}`)) return error(res, 400, 'BadRequest', {});
      if (standIn.noPermission) return error(res, 403, 'Forbidden', {});
      if (!options.users.includes(user)) return error(res, 404, 'NotFound', {});
      if (standIn.installs.has(user)) return error(res, 409, 'Conflict', {});
      standIn.installs.set(user, 1);
      res.writeHead(201).end();
    }, () => error(res, 400, 'BadRequest', {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const standIn: GraphStandIn = {
    baseUrl: `http://127.0.0.1:${port}/v1.0`,
    requests: [],
    installs: new Map(),
    noPermission: false,
    fault: (fault, times = 1) => {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // drops hung requests too
        server.close(() => resolve());
      }),
  };
  return standIn;
}

function bindIsValid(text: string, expected: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return Object.keys(body).length === 1 && body['teamsApp@odata.bind'] === expected;
  } catch {
    return false;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Graph's error shape: `{ error: { code, message } }`. */
function error(res: http.ServerResponse, status: number, code: string, headers: Record<string, string>): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify({ error: { code, message: code } }));
}
