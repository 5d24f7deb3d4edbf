import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DirectoryMapping } from '../../src/domain/organisation/directoryMapping';

/**
 * A local stand-in for Microsoft Graph, enough for the app's installs for users and its
 * directory reads, behaving as Microsoft documents ("Send proactive installation messages",
 * "List apps installed for user", "Get chat between user and teamsApp"):
 *
 * - every bearer token belongs to an Entra app (`token` to the app in the package's
 *   `webApplicationInfo`, more in `tokens`); with TeamsAppInstallation.ReadWriteSelfForUser.All
 *   only that app may install itself: any other gets 403 "AAD App Id '…' is not allowed to
 *   manage the Teams App '…'" and an empty list of installed apps;
 * - `POST /users/{id}/teamwork/installedApps` checks the `teamsApp@odata.bind` body: 201 the
 *   first time, 409 for someone who has the app (including `preinstalled` people, as an admin's
 *   setup policy leaves them: no conversationUpdate will come for them), 404 for people it does
 *   not know, 403 without the permission;
 * - `GET /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '…'` (or
 *   `teamsApp/externalId`) and `GET …/installedApps/{id}/chat` for the 1:1 chat's id;
 * - it can misbehave on demand (429 with Retry-After, 503, a hang).
 */
export interface GraphStandInOptions {
  /** A token of the app named in the package's `webApplicationInfo`. */
  readonly token: string;
  readonly teamsAppId: string;
  /** Object ids the directory knows. */
  readonly users: readonly string[];
  /** The package's `webApplicationInfo.id` (default: an id for `token`'s app). */
  readonly webApplicationInfoId?: string;
  /** More bearer tokens, each with the Entra app (client) id it was issued to. */
  readonly tokens?: Readonly<Record<string, string>>;
  /** People who already have the app. */
  readonly preinstalled?: readonly string[];
  /** The manifest id (`externalId`) of the app, for filters on it. */
  readonly manifestId?: string;
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
  /** Every request that reached the stand-in, with the app its token belongs to ('' for an unknown token). */
  readonly requests: { method: string; url: string; app: string }[];
  /** How many times the app was installed for each user (never more than 1 on real Graph). */
  readonly installs: Map<string, number>;
  /** The id of each person's installation, with the app that asked for each request. */
  readonly installations: Map<string, string>;
  /** The 1:1 chat between a person and the app. */
  chatOf(userId: string): string;
  /** The package's `webApplicationInfo.id` (a test may publish a package naming another app). */
  webApplicationInfoId: string;
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

const INSTALLS = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/;
const CHAT = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/;

export async function startGraphStandIn(options: GraphStandInOptions): Promise<GraphStandIn> {
  const faults: GraphFault[] = [];
  const webApplicationInfoId = options.webApplicationInfoId ?? '0a0b0c0d-0000-4000-8000-00000000a11d';
  const appOfToken = new Map<string, string>([[options.token, webApplicationInfoId], ...Object.entries(options.tokens ?? {})]);
  const installationId = (user: string) => Buffer.from(`${user}##${options.teamsAppId}`).toString('base64');
  const server = http.createServer((req, res) => {
    standIn.requests.push({ method: req.method ?? '', url: req.url ?? '', app: appOfToken.get((req.headers.authorization ?? '').replace(/^Bearer /, '')) ?? '' });
    const fault = faults.shift();
    if (fault && 'hang' in fault) return; // never answers; the client's timeout must give up
    if (fault) return error(res, fault.status, fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'retryAfter' in fault ? { 'Retry-After': fault.retryAfter } : {});
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const app = bearer === undefined ? undefined : appOfToken.get(bearer);
    if (app === undefined) return error(res, 401, 'InvalidAuthenticationToken', {});
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const selfAllowed = app === standIn.webApplicationInfoId;
    const installs = INSTALLS.exec(url.pathname);
    const chat = CHAT.exec(url.pathname);
    if (req.method === 'GET' && installs) return listInstalled(decodeURIComponent(installs[1] ?? ''), url, res, selfAllowed);
    if (req.method === 'GET' && chat) return chatOf(decodeURIComponent(chat[1] ?? ''), decodeURIComponent(chat[2] ?? ''), res, selfAllowed);
    if (req.method === 'GET' && options.directory) return directoryRead(req.url ?? '', res, options.directory, options.expandPageCap ?? 100, standIn);
    if (!installs || req.method !== 'POST') return error(res, 404, 'UnknownRoute', {});
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return error(res, 415, 'UnsupportedMediaType', {});
    readBody(req).then(
      (text) => {
        const user = decodeURIComponent(installs[1] ?? '');
        if (!bindIsValid(text, `${standIn.baseUrl}/appCatalogs/teamsApps/${options.teamsAppId}`)) return error(res, 400, 'BadRequest', {});
        if (standIn.noPermission) return error(res, 403, 'Forbidden', {});
        // As reported for ReadWriteSelfForUser.All when the token's app is not webApplicationInfo's.
        if (!selfAllowed) return error(res, 403, 'Forbidden', {}, `AAD App Id '${app}' is not allowed to manage the Teams App '${options.teamsAppId}'.`);
        if (!options.users.includes(user)) return error(res, 404, 'NotFound', {});
        if (standIn.installations.has(user)) return error(res, 409, 'Conflict', {});
        standIn.installs.set(user, 1);
        standIn.installations.set(user, installationId(user));
        res.writeHead(201).end();
      },
      () => error(res, 400, 'BadRequest', {}),
    );
  });

  /** The documented query: `$expand=teamsApp` with a filter on `teamsApp/id` or `teamsApp/externalId`. */
  function listInstalled(user: string, url: URL, res: http.ServerResponse, selfAllowed: boolean): void {
    if (!options.users.includes(user)) return error(res, 404, 'NotFound', {});
    const expand = url.searchParams.get('$expand') ?? '';
    const filter = /^teamsApp\/(id|externalId) eq '([^']*)'$/.exec(url.searchParams.get('$filter') ?? '');
    // The docs always filter with the expand beside it (assumed: a filter on teamsApp without it is refused).
    if (!filter || !expand.split(',').includes('teamsApp')) return error(res, 400, 'BadRequest', {});
    const wanted = filter[1] === 'id' ? options.teamsAppId : options.manifestId;
    const mine = standIn.installations.get(user);
    // With the Self permission and another app's token the API "returns an empty result".
    const value =
      selfAllowed && mine !== undefined && filter[2] === wanted
        ? [{ id: mine, teamsApp: { id: options.teamsAppId, externalId: options.manifestId ?? null, displayName: 'Practice Health Check', distributionMethod: 'organization' } }]
        : [];
    return json(res, { '@odata.context': `${standIn.baseUrl}/$metadata#users('${user}')/teamwork/installedApps(teamsApp())`, '@odata.count': value.length, value });
  }

  function chatOf(user: string, installation: string, res: http.ServerResponse, selfAllowed: boolean): void {
    if (!selfAllowed) return error(res, 403, 'Forbidden', {});
    if (standIn.installations.get(user) !== installation) return error(res, 404, 'NotFound', {});
    return json(res, { '@odata.context': `${standIn.baseUrl}/$metadata#chats/$entity`, id: standIn.chatOf(user) });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const standIn: GraphStandIn = {
    baseUrl: `http://127.0.0.1:${port}/v1.0`,
    requests: [],
    installs: new Map(),
    installations: new Map((options.preinstalled ?? []).map((u) => [u, installationId(u)])),
    chatOf: (userId) => `19:${userId}_${options.teamsAppId}@unq.gbl.spaces`,
    webApplicationInfoId,
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
function error(res: http.ServerResponse, status: number, code: string, headers: Record<string, string>, message = code): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify({ error: { code, message } }));
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
