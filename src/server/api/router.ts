import type * as http from 'node:http';
import { can, personInScope, ROLE_LABELS, rolesOf, type TabRole } from '../../domain/access';
import type { Organisation, Person } from '../../domain/organisation/types';
import * as actions from './actions';
import * as audits from './audits';
import { personDto, scopeDto, signIn, type ApiDeps, type RequestContext, type TabApiDeps } from './context';
import { resultsCache } from './resultsCache';
import * as healthCheck from './healthCheck';
import * as reports from './reports';
import { renderQualityReportHtml } from '../../domain/qualityReport/html';
import { ApiError, notFound, readJson, safeDecode, send, sendError } from './respond';
import { LOCAL_ONLY } from '../auth/authenticate';
import * as supervision from './supervision';
import * as surveys from './surveys';
import type { AuthModeDto, MeDto, PeopleDto, PersonaDto } from './types';

/** Answers a request if it is the tab's API's; `false` to let the server try its other routes. */
export type TabApi = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;

/** The API, and a way to work out closed cycles' results before the first page asks. */
export type WarmableTabApi = TabApi & { readonly warm: () => Promise<void> };

type Handler = (ctx: RequestContext, match: RegExpExecArray) => Promise<{ readonly status?: number; readonly body?: unknown }>;

interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: RegExp;
  readonly handle: Handler;
}

const ok = (body: unknown) => ({ body });
const SEGMENT = '([^/]+)';

/**
 * The tab's JSON API. Every route but `/api/auth/mode` and (in local mode) `/api/personas`
 * needs a signed-in viewer, and every handler decides what that viewer may see from the
 * rules in domain/access: nothing is left to the browser.
 */
export function createTabApi(input: TabApiDeps): WarmableTabApi {
  const deps: ApiDeps = { ...input, resultsOf: resultsCache(input.app) };
  const body = (ctx: RequestContext) => readJson(ctx.req);
  const routes: Route[] = [
    { method: 'GET', path: /^\/api\/me$/, handle: async (ctx) => ok(me(deps, ctx)) },
    { method: 'GET', path: /^\/api\/people$/, handle: async (ctx) => ok(people(ctx)) },
    { method: 'GET', path: /^\/api\/health-check\/cycles$/, handle: async () => ok(await healthCheck.cycles(deps)) },
    { method: 'POST', path: /^\/api\/health-check\/cycles$/, handle: async (ctx) => ({ status: 201, body: await healthCheck.openCycle(deps, ctx, await body(ctx)) }) },
    { method: 'POST', path: new RegExp(`^/api/health-check/cycles/${SEGMENT}/close$`), handle: async (ctx, m) => ok(await healthCheck.closeCycle(deps, ctx, safeDecode(m[1] as string))) },
    {
      method: 'GET',
      path: new RegExp(`^/api/health-check/cycles/${SEGMENT}/results$`),
      handle: async (ctx, m) => ok(await healthCheck.results(deps, ctx, safeDecode(m[1] as string), healthCheck.parseBy(ctx.url.searchParams.get('by')))),
    },
    { method: 'GET', path: new RegExp(`^/api/health-check/cycles/${SEGMENT}/changes$`), handle: async (ctx, m) => ok(await healthCheck.changes(deps, safeDecode(m[1] as string), ctx.url.searchParams.get('limit'))) },
    { method: 'GET', path: new RegExp(`^/api/health-check/cycles/${SEGMENT}/response-rate$`), handle: async (ctx, m) => ok(await healthCheck.responseRate(deps, ctx, safeDecode(m[1] as string))) },
    { method: 'GET', path: /^\/api\/health-check\/trends$/, handle: async (ctx) => ok(await healthCheck.trends(deps, ctx.url.searchParams.get('question'))) },
    { method: 'GET', path: /^\/api\/audits\/compliance$/, handle: async (ctx) => ok(await audits.complianceOf(deps, ctx, ctx.url.searchParams.get('year'))) },
    { method: 'GET', path: /^\/api\/audits\/due$/, handle: async (ctx) => ok(await audits.due(deps, ctx, ctx.url.searchParams.get('year'))) },
    { method: 'GET', path: /^\/api\/audits\/mine$/, handle: async (ctx) => ok(await audits.mine(deps, ctx, ctx.url.searchParams.get('year'))) },
    { method: 'GET', path: /^\/api\/audits\/task$/, handle: async (ctx) => ok(await audits.view(deps, ctx)) },
    {
      method: 'POST',
      path: /^\/api\/audits\/task\/(draft|submit|amend|subject|sign-off)$/,
      handle: async (ctx, m) => ok(await audits.step(deps, ctx, m[1] as audits.AuditStep, await body(ctx))),
    },
    { method: 'GET', path: /^\/api\/supervision\/frequency$/, handle: async (ctx) => ok(await supervision.frequency(deps, ctx)) },
    { method: 'GET', path: /^\/api\/surveys\/open$/, handle: async (ctx) => ok(await surveys.open(deps, ctx)) },
    { method: 'POST', path: new RegExp(`^/api/surveys/${SEGMENT}/draft$`), handle: async (ctx, m) => ok(await surveys.saveStep(deps, ctx, safeDecode(m[1] as string), await body(ctx))) },
    { method: 'POST', path: new RegExp(`^/api/surveys/${SEGMENT}/submit$`), handle: async (ctx, m) => ok(await surveys.submit(deps, ctx, safeDecode(m[1] as string), await body(ctx))) },
    { method: 'POST', path: /^\/api\/actions\/you-said-we-did$/, handle: async (ctx) => ({ status: 202, body: await actions.youSaidWeDid(deps, ctx, await body(ctx)) }) },
    { method: 'GET', path: /^\/api\/actions$/, handle: async (ctx) => ok(await actions.list(deps, ctx)) },
    { method: 'POST', path: /^\/api\/actions$/, handle: async (ctx) => ({ status: 201, body: await actions.create(deps, ctx, await body(ctx)) }) },
    { method: 'GET', path: new RegExp(`^/api/actions/${SEGMENT}$`), handle: async (ctx, m) => ok(await actions.get(deps, ctx, safeDecode(m[1] as string))) },
    { method: 'PATCH', path: new RegExp(`^/api/actions/${SEGMENT}$`), handle: async (ctx, m) => ok(await actions.update(deps, ctx, safeDecode(m[1] as string), await body(ctx))) },
    {
      method: 'DELETE',
      path: new RegExp(`^/api/actions/${SEGMENT}$`),
      handle: async (ctx, m) => {
        await actions.remove(deps, ctx, safeDecode(m[1] as string));
        return { status: 204 };
      },
    },
    // Issue 7: caseload audit, 39 steps, employer standards, Quarterly Quality Report.
    { method: 'GET', path: /^\/api\/caseloads$/, handle: async (ctx) => ok(await reports.caseloads(deps, ctx)) },
    { method: 'POST', path: /^\/api\/caseloads\/returns$/, handle: async (ctx) => ({ status: 201, body: await reports.caseloadReturn(deps, ctx, await body(ctx)) }) },
    { method: 'GET', path: /^\/api\/org-data$/, handle: async (ctx) => ok(await reports.orgData(deps, ctx)) },
    { method: 'GET', path: new RegExp(`^/api/org-data/teams/${SEGMENT}$`), handle: async (ctx, m) => ok(await reports.orgDataHistory(deps, ctx, safeDecode(m[1] as string))) },
    { method: 'POST', path: /^\/api\/org-data\/returns$/, handle: async (ctx) => ({ status: 201, body: await reports.orgReturn(deps, ctx, await body(ctx)) }) },
    { method: 'GET', path: /^\/api\/standards$/, handle: async (ctx) => ok(await reports.standards(deps, ctx)) },
    { method: 'POST', path: new RegExp(`^/api/standards/${SEGMENT}/mapping$`), handle: async (ctx, m) => ok(await reports.mapStandard(deps, ctx, safeDecode(m[1] as string), await body(ctx))) },
    // Was open to anyone before the tab: now behind the same sign-in as the rest of the API.
    { method: 'GET', path: /^\/api\/report\/quarterly$/, handle: async (ctx) => ok(await reports.qualityReport(deps, ctx)) },
    // The read-only routes from before the tab: same sign-in, same rules, their old shapes.
    { method: 'GET', path: /^\/api\/cycles$/, handle: async () => ok(await healthCheck.cycles(deps)) },
    {
      method: 'GET',
      path: new RegExp(`^/api/results/${SEGMENT}$`),
      handle: async (ctx, m) => ok((await healthCheck.results(deps, ctx, safeDecode(m[1] as string), healthCheck.parseBy(ctx.url.searchParams.get('by')))).results),
    },
    { method: 'GET', path: new RegExp(`^/api/response-rate/${SEGMENT}$`), handle: async (ctx, m) => ok(await healthCheck.responseRate(deps, ctx, safeDecode(m[1] as string))) },
  ];

  const api: TabApi = async (req, res, url) => {
    if (url.pathname === '/report/quarterly' && deps.reports) return printableReport(deps, req, res, url);
    if (!url.pathname.startsWith('/api/') || url.pathname === '/api/messages') return false;
    try {
      if (url.pathname === '/api/auth/mode' && req.method === 'GET') {
        send(res, 200, { mode: deps.auth.mode, ...(deps.auth.clientId ? { clientId: deps.auth.clientId } : {}) } satisfies AuthModeDto);
        return true;
      }
      if (url.pathname === '/api/personas' && req.method === 'GET') {
        // Local mode only: in Teams mode there is no such thing, not even a refusal.
        if (deps.auth.mode !== 'local') throw notFound(`Nothing at ${url.pathname}.`);
        // The same rule as signing in as a persona: only from where local mode is accepted.
        if (deps.auth.acceptsFrom && !deps.auth.acceptsFrom(req.socket.remoteAddress)) throw new ApiError(401, LOCAL_ONLY);
        send(res, 200, personas(await deps.directory.organisation(), deps));
        return true;
      }
      const matching = routes.filter((r) => r.path.test(url.pathname));
      if (matching.length === 0) return false;
      const route = matching.find((r) => r.method === req.method);
      if (!route) {
        send(res, 405, { error: `${req.method ?? ''} is not allowed at ${url.pathname}.` });
        return true;
      }
      // Sign-in before anything else, so nothing is learnt about the request without it.
      const ctx = await signIn(deps, req, url);
      const result = await route.handle(ctx, route.path.exec(url.pathname) as RegExpExecArray);
      send(res, result.status ?? 200, result.body);
    } catch (error) {
      sendError(res, error);
    }
    return true;
  };
  const warm = async (): Promise<void> => {
    // Whole-cycle results of every cycle with results: what the Health Check page asks first.
    for (const cycle of await deps.app.cycles.list()) {
      if (cycle.kind === 'published' || cycle.status === 'closed') await deps.resultsOf(cycle).catch(() => undefined);
    }
  };
  return Object.assign(api, { warm });
}

/**
 * The printable Quality Report (`/report/quarterly?quarter=2026-Q3`), behind the API's sign-in.
 * A page opened in a new browser tab carries no headers, so in local mode only the persona
 * may come as `?persona=<id>` (the same trust as the header: local mode only, from where
 * local mode is accepted). In Teams the tab prints the report it renders itself.
 */
async function printableReport(deps: ApiDeps, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
  try {
    if (req.method !== 'GET') {
      send(res, 405, { error: `${req.method ?? ''} is not allowed at ${url.pathname}.` });
      return true;
    }
    const persona = url.searchParams.get('persona');
    const headers = deps.auth.mode === 'local' && persona ? { ...req.headers, 'x-phc-persona': persona } : req.headers;
    const ctx = await signIn(deps, req, url, headers);
    const report = await reports.qualityReport(deps, ctx);
    // A page to print: no scripts or external assets, so it may not load any.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
    res.end(renderQualityReportHtml(report));
  } catch (error) {
    sendError(res, error);
  }
  return true;
}

function me(deps: TabApiDeps, ctx: RequestContext): MeDto {
  const { viewer, organisation } = ctx;
  return {
    person: personDto(viewer.person, organisation),
    roles: viewer.roles,
    capabilities: viewer.capabilities,
    scope: scopeDto(viewer.scope),
    aggregateScope: scopeDto(viewer.aggregateScope),
    mode: deps.auth.mode,
  };
}

const MAX_PEOPLE = 20;

/**
 * People to choose an action's owner from: those who write the action plan, searching the
 * people in their scope (everyone for the PSW, admins and management team) by name.
 */
function people(ctx: RequestContext): PeopleDto {
  const { viewer, organisation, url } = ctx;
  if (!can(viewer, 'edit-actions')) throw new ApiError(403, 'Choosing people is for those who write the action plan: team managers and up.');
  const q = (url.searchParams.get('q') ?? '').trim().toLocaleLowerCase('en-GB');
  if (q.length > 100) throw new ApiError(400, 'Search with part of a name (up to 100 characters).');
  const found = organisation.people
    .filter((p) => personInScope(viewer.aggregateScope, p) || personInScope(viewer.scope, p))
    .filter((p) => q === '' || p.displayName.toLocaleLowerCase('en-GB').includes(q))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_PEOPLE);
  return { people: found.map((p) => personDto(p, organisation)) };
}

const ROLE_WORDS: Readonly<Record<TabRole, string>> = {
  staff: 'Staff',
  supervisor: 'Supervisor',
  'team-manager': 'Team manager',
  'service-manager': 'Service manager',
  psw: 'Principal Social Worker',
  admin: 'Admin',
  'management-team': 'Management team',
};

/**
 * A few demo people of each role, for the persona switcher: the PSW, admins and management
 * team, two service managers, two team managers, two supervisors and three practitioners
 * (the Agents Playground's people first, so the tab and the bot can be the same person).
 */
export function personas(organisation: Organisation, deps: Pick<TabApiDeps, 'access'>): PersonaDto[] {
  const pick: Person[] = [];
  const add = (people: readonly Person[], n: number) => {
    for (const p of people) {
      if (n <= 0) break;
      if (pick.some((x) => x.id === p.id)) continue;
      pick.push(p);
      n--;
    }
  };
  const people = organisation.people;
  const roles = (p: Person) => rolesOf(p, organisation, deps.access);
  add(people.filter((p) => p.role === 'principal-social-worker'), 1);
  add(people.filter((p) => roles(p).includes('admin')), 2);
  add(people.filter((p) => roles(p).includes('management-team')), 2);
  add(people.filter((p) => p.role === 'service-manager'), 2);
  add(people.filter((p) => p.role === 'team-manager'), 2);
  add(people.filter((p) => p.role === 'senior-practitioner' && roles(p).includes('supervisor')), 2);
  const practitioners = people.filter((p) => p.role !== 'team-manager' && p.role !== 'service-manager' && p.role !== 'principal-social-worker' && !roles(p).includes('supervisor'));
  add([...practitioners.filter((p) => !p.id.startsWith('demo-')), ...practitioners], 3);
  return pick.map((p) => {
    const dto = personDto(p, organisation);
    const r = roles(p);
    const headline = r.filter((x) => x !== 'staff').map((x) => ROLE_WORDS[x]);
    return { ...dto, roles: r, description: `${headline.length > 0 ? headline.join(', ') : ROLE_LABELS[p.role]}${dto.teamName ? `, ${dto.teamName}` : ''}` };
  });
}
