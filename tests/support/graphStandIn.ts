import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DirectoryMapping } from '../../src/domain/organisation/directoryMapping';

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
  /**
   * The tenant's people, for the directory reads: `GET /v1.0/users` (`$select`, `$expand=manager($select=id)`,
   * `$top`, paged with `@odata.nextLink`) and `GET /v1.0/users/{id}/manager` (404 without a manager).
   */
  readonly directory?: readonly StandInUser[];
  /** Most users on a page when `$expand` is used (Graph's own cap is 100). */
  readonly expandPageCap?: number;
}

export interface StandInUser {
  readonly id: string;
  readonly displayName: string;
  readonly jobTitle?: string;
  readonly department?: string;
  readonly officeLocation?: string;
  readonly accountEnabled?: boolean;
  readonly userType?: 'Member' | 'Guest';
  readonly managerId?: string;
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
  /** Answer 400 to `$expand=manager` on the users list, as a tenant that refuses it would. */
  rejectExpand: boolean;
  /** Answer 403 to directory reads, as Graph does without User.Read.All. */
  noDirectoryPermission: boolean;
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
    if (req.method === 'GET' && options.directory) return directoryRead(req.url ?? '', res, options.directory, options.expandPageCap ?? 100, standIn);
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
    rejectExpand: false,
    noDirectoryPermission: false,
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

const MANAGER_ROUTE = /^\/v1\.0\/users\/([^/]+)\/manager$/;

/** The directory reads, as Graph answers them: only the `$select`ed fields come back. */
function directoryRead(url: string, res: http.ServerResponse, people: readonly StandInUser[], expandCap: number, standIn: GraphStandIn): void {
  if (standIn.noDirectoryPermission) return error(res, 403, 'Authorization_RequestDenied', {});
  const parsed = new URL(url, 'http://stand-in');
  const pick = (user: StandInUser, fields: readonly string[]): Record<string, unknown> =>
    Object.fromEntries(fields.filter((f) => f in user || f === 'id').map((f) => [f, (user as unknown as Record<string, unknown>)[f] ?? null]));
  const manager = MANAGER_ROUTE.exec(parsed.pathname);
  if (manager) {
    const user = people.find((p) => p.id === decodeURIComponent(manager[1] ?? ''));
    const boss = user?.managerId === undefined ? undefined : people.find((p) => p.id === user.managerId);
    if (!boss) return error(res, 404, 'Request_ResourceNotFound', {});
    return json(res, { '@odata.type': '#microsoft.graph.user', ...pick(boss, (parsed.searchParams.get('$select') ?? 'id,displayName').split(',')) });
  }
  if (parsed.pathname !== '/v1.0/users') return error(res, 404, 'UnknownRoute', {});
  const select = (parsed.searchParams.get('$select') ?? 'id,displayName').split(',');
  const expand = parsed.searchParams.get('$expand');
  if (expand !== null && (standIn.rejectExpand || expand !== 'manager($select=id)')) return error(res, 400, 'Request_UnsupportedQuery', {});
  const top = Number(parsed.searchParams.get('$top') ?? 100);
  if (!Number.isInteger(top) || top < 1 || top > 999) return error(res, 400, 'Request_UnsupportedQuery', {});
  const size = expand === null ? top : Math.min(top, expandCap);
  const from = Number(parsed.searchParams.get('$skiptoken') ?? 0);
  const value = people.slice(from, from + size).map((user) => {
    const boss = user.managerId === undefined ? undefined : people.find((p) => p.id === user.managerId);
    return { ...pick(user, select), ...(expand !== null && boss ? { manager: { '@odata.type': '#microsoft.graph.user', id: boss.id } } : {}) };
  });
  const next = new URL(parsed.toString());
  next.searchParams.set('$skiptoken', String(from + size));
  const more = from + size < people.length ? { '@odata.nextLink': `${standIn.baseUrl}/users${decodeURIComponent(next.search)}` } : {};
  return json(res, { '@odata.context': `${standIn.baseUrl}/$metadata#users`, value, ...more });
}

function json(res: http.ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
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

export const guid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A council tenant: the adult social care service inside a much larger organisation. */
export function councilTenant(): StandInUser[] {
  const users: StandInUser[] = [
    { id: guid(1), displayName: 'Dana Director', jobTitle: 'Director of Adult Services', department: 'Corporate' },
    { id: guid(2), displayName: 'Pat Principal', jobTitle: 'Principal Social Worker', department: 'Adult Social Care', managerId: guid(1) },
    { id: guid(3), displayName: 'Sol Service', jobTitle: 'Service Manager', department: 'Adult Social Care', managerId: guid(1) },
    { id: guid(4), displayName: 'Tia Manager', jobTitle: 'Team Manager', department: 'ASC Hospital Social Work', managerId: guid(3) },
    { id: guid(5), displayName: 'Tom Manager', jobTitle: 'Team Manager - Occupational Therapy', department: 'ASC Occupational Therapy', managerId: guid(3) },
    { id: guid(6), displayName: 'Bea Support', jobTitle: 'Business Support Officer', department: 'Adult Social Care', managerId: guid(3) },
    { id: guid(7), displayName: 'Gil Gone', jobTitle: 'Social Worker', department: 'ASC Hospital Social Work', managerId: guid(4), accountEnabled: false },
    { id: guid(8), displayName: 'Vic Visitor', jobTitle: 'Social Worker', department: 'ASC Hospital Social Work', userType: 'Guest' },
  ];
  for (let i = 0; i < 40; i++) {
    const hospital = i < 25;
    users.push({
      id: guid(100 + i),
      displayName: `Practitioner ${i}`,
      jobTitle: hospital ? (i % 5 === 0 ? 'Senior Practitioner' : 'Social Worker') : i % 3 === 0 ? 'OT Assistant' : 'Occupational Therapist',
      department: hospital ? 'ASC Hospital Social Work' : 'ASC Occupational Therapy',
      officeLocation: 'County Hall',
      accountEnabled: true,
      managerId: hospital ? guid(4) : guid(5),
    });
  }
  for (let i = 0; i < 200; i++) users.push({ id: guid(1000 + i), displayName: `Highways ${i}`, jobTitle: 'Highways Engineer', department: 'Highways', managerId: guid(1) });
  return users;
}

/** The mapping for `councilTenant`: two teams, and the service's own department for the PSW and service manager. */
export const COUNCIL_MAPPING: DirectoryMapping = {
  titles: [
    { contains: 'principal social worker', role: 'principal-social-worker' },
    { contains: 'service manager', role: 'service-manager' },
    { contains: 'team manager', role: 'team-manager' },
    { contains: 'senior practitioner', role: 'senior-practitioner' },
    { contains: 'ot assistant', role: 'ot-assistant' },
    { contains: 'occupational therapist', role: 'occupational-therapist' },
    { contains: 'social worker', role: 'social-worker' },
  ],
  teams: [
    { id: 'hospital', name: 'Hospital team', serviceArea: 'hospital-and-intake', departments: ['ASC Hospital Social Work'] },
    { id: 'occupational-therapy', name: 'Occupational therapy', serviceArea: 'occupational-therapy', departments: ['ASC Occupational Therapy'] },
  ],
  serviceDepartments: ['Adult Social Care'],
};
