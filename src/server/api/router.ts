import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, personInScope, ROLE_LABELS, rolesOf, type TabRole } from '../../domain/access';
import type { Organisation, Person } from '../../domain/organisation/types';
import * as actions from './actions';
import * as audits from './audits';
import { personDto, scopeDto, signIn, type ApiDeps, type RequestContext, type TabApiDeps } from './context';
import { resultsCache } from './resultsCache';
import * as healthCheck from './healthCheck';
import { home } from './home';
import * as reports from './reports';
import { renderQualityReportHtml } from '../../domain/qualityReport/html';
import { ApiError, notFound, objectBody } from './respond';
import { LOCAL_ONLY, PERSONA_HEADER } from '../auth/authenticate';
import { PAGE_CSP } from '../security';
import * as supervision from './supervision';
import * as surveys from './surveys';
import type { AuthModeDto, MeDto, PeopleDto, PersonaDto } from './types';

/** What the server gives the API for each request: where it came from, as far as can be trusted. */
export interface ApiServerHooks {
  /** The client's address, or undefined where it cannot be trusted (a proxy passed it on and none is trusted). */
  readonly clientAddress: (request: FastifyRequest) => string | undefined;
  /** Run once the person is known: the per-person rate limit (answers 429 itself). */
  readonly perPerson: (request: FastifyRequest, reply: FastifyReply, personId: string) => Promise<void>;
}

/** The tab's API as Fastify routes, and a way to work out closed cycles' results before the first page asks. */
export interface TabApi {
  readonly register: (server: FastifyInstance, hooks: ApiServerHooks) => void;
  readonly warm: () => Promise<void>;
}

/** The name the composition root knows the API by. */
export type WarmableTabApi = TabApi;

type Params = Readonly<Record<string, string>>;
type Handler = (ctx: RequestContext, params: Params, body: () => Record<string, unknown>) => Promise<{ readonly status?: number; readonly body?: unknown }>;

interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly handle: Handler;
}

const ok = (body: unknown) => ({ body });
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The tab's JSON API. Every route but `/api/auth/mode` and (in local mode) `/api/personas`
 * needs a signed-in viewer, and every handler decides what that viewer may see from the
 * rules in domain/access: nothing is left to the browser.
 */
export function createTabApi(input: TabApiDeps): TabApi {
  const deps: ApiDeps = { ...input, resultsOf: resultsCache(input.app) };
  const p = (params: Params, name: string): string => params[name] ?? '';
  const routes: Route[] = [
    { method: 'GET', url: '/api/me', handle: async (ctx) => ok(me(deps, ctx)) },
    { method: 'GET', url: '/api/people', handle: async (ctx) => ok(people(ctx)) },
    { method: 'GET', url: '/api/health-check/cycles', handle: async () => ok(await healthCheck.cycles(deps)) },
    { method: 'POST', url: '/api/health-check/cycles', handle: async (ctx, _p, body) => ({ status: 201, body: await healthCheck.openCycle(deps, ctx, body()) }) },
    { method: 'POST', url: '/api/health-check/cycles/:cycle/close', handle: async (ctx, m) => ok(await healthCheck.closeCycle(deps, ctx, p(m, 'cycle'))) },
    { method: 'GET', url: '/api/health-check/cycles/:cycle/results', handle: async (ctx, m) => ok(await healthCheck.results(deps, ctx, p(m, 'cycle'), healthCheck.parseBy(ctx.url.searchParams.get('by')))) },
    { method: 'GET', url: '/api/health-check/cycles/:cycle/changes', handle: async (ctx, m) => ok(await healthCheck.changes(deps, p(m, 'cycle'), ctx.url.searchParams.get('limit'))) },
    { method: 'GET', url: '/api/health-check/cycles/:cycle/response-rate', handle: async (ctx, m) => ok(await healthCheck.responseRate(deps, ctx, p(m, 'cycle'))) },
    { method: 'GET', url: '/api/health-check/trends', handle: async (ctx) => ok(await healthCheck.trends(deps, ctx.url.searchParams.get('question'))) },
    { method: 'GET', url: '/api/audits/compliance', handle: async (ctx) => ok(await audits.complianceOf(deps, ctx, ctx.url.searchParams.get('year'))) },
    { method: 'GET', url: '/api/audits/due', handle: async (ctx) => ok(await audits.due(deps, ctx, ctx.url.searchParams.get('year'))) },
    { method: 'GET', url: '/api/audits/mine', handle: async (ctx) => ok(await audits.mine(deps, ctx, ctx.url.searchParams.get('year'))) },
    { method: 'GET', url: '/api/audits/task', handle: async (ctx) => ok(await audits.view(deps, ctx)) },
    ...(['draft', 'submit', 'amend', 'subject', 'sign-off'] as const).map(
      (step): Route => ({ method: 'POST', url: `/api/audits/task/${step}`, handle: async (ctx, _p, body) => ok(await audits.step(deps, ctx, step, body())) }),
    ),
    { method: 'GET', url: '/api/supervision/frequency', handle: async (ctx) => ok(await supervision.frequency(deps, ctx)) },
    { method: 'GET', url: '/api/surveys/open', handle: async (ctx) => ok(await surveys.open(deps, ctx)) },
    { method: 'POST', url: '/api/surveys/:cycle/draft', handle: async (ctx, m, body) => ok(await surveys.saveStep(deps, ctx, p(m, 'cycle'), body())) },
    { method: 'POST', url: '/api/surveys/:cycle/submit', handle: async (ctx, m, body) => ok(await surveys.submit(deps, ctx, p(m, 'cycle'), body())) },
    { method: 'POST', url: '/api/actions/you-said-we-did', handle: async (ctx, _p, body) => ({ status: 202, body: await actions.youSaidWeDid(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/actions', handle: async (ctx) => ok(await actions.list(deps, ctx)) },
    { method: 'POST', url: '/api/actions', handle: async (ctx, _p, body) => ({ status: 201, body: await actions.create(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/actions/:id', handle: async (ctx, m) => ok(await actions.get(deps, ctx, p(m, 'id'))) },
    { method: 'PATCH', url: '/api/actions/:id', handle: async (ctx, m, body) => ok(await actions.update(deps, ctx, p(m, 'id'), body())) },
    {
      method: 'DELETE',
      url: '/api/actions/:id',
      handle: async (ctx, m) => {
        await actions.remove(deps, ctx, p(m, 'id'));
        return { status: 204 };
      },
    },
    // The caseload audit, 39 steps, employer standards, Quarterly Quality Report.
    { method: 'GET', url: '/api/caseloads', handle: async (ctx) => ok(await reports.caseloads(deps, ctx)) },
    { method: 'POST', url: '/api/caseloads/returns', handle: async (ctx, _p, body) => ({ status: 201, body: await reports.caseloadReturn(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/org-data', handle: async (ctx) => ok(await reports.orgData(deps, ctx)) },
    { method: 'GET', url: '/api/org-data/teams/:team', handle: async (ctx, m) => ok(await reports.orgDataHistory(deps, ctx, p(m, 'team'))) },
    { method: 'POST', url: '/api/org-data/returns', handle: async (ctx, _p, body) => ({ status: 201, body: await reports.orgReturn(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/standards', handle: async (ctx) => ok(await reports.standards(deps, ctx)) },
    { method: 'POST', url: '/api/standards/:standard/mapping', handle: async (ctx, m, body) => ok(await reports.mapStandard(deps, ctx, p(m, 'standard'), body())) },
    { method: 'GET', url: '/api/report/quarterly', handle: async (ctx) => ok(await reports.qualityReport(deps, ctx)) },
    // The home page and the charts' own figures.
    { method: 'GET', url: '/api/home', handle: async (ctx) => ok(await home(deps, ctx)) },
    { method: 'GET', url: '/api/health-check/questions', handle: async () => ok(healthCheck.questions(deps)) },
    { method: 'GET', url: '/api/health-check/cycles/:cycle/response-rate/growth', handle: async (_ctx, m) => ok(await healthCheck.responseRateGrowth(deps, p(m, 'cycle'))) },
  ];

  const register = (server: FastifyInstance, hooks: ApiServerHooks): void => {
    const urlOf = (request: FastifyRequest) => new URL(request.url, 'http://localhost');
    const signedIn = async (request: FastifyRequest, reply: FastifyReply, headers = request.headers): Promise<RequestContext> => {
      // Sign-in before anything else, so nothing is learnt about the request without it.
      const ctx = await signIn(deps, headers, hooks.clientAddress(request), urlOf(request), request.log);
      await hooks.perPerson(request, reply, ctx.viewer.person.id);
      return ctx;
    };
    const send = (reply: FastifyReply, status: number, body: unknown) => {
      reply.code(status).header('cache-control', 'no-store');
      return body === undefined ? reply.send() : reply.send(body);
    };

    server.get('/api/auth/mode', async (_request, reply) => send(reply, 200, { mode: deps.auth.mode, ...(deps.auth.clientId ? { clientId: deps.auth.clientId } : {}) } satisfies AuthModeDto));
    server.get('/api/personas', async (request, reply) => {
      // Local mode only: in Teams mode there is no such thing, not even a refusal.
      if (deps.auth.mode !== 'local') throw notFound(`Nothing at ${urlOf(request).pathname}.`);
      // The same rule as signing in as a persona: only from where local mode is accepted.
      if (deps.auth.acceptsFrom && !deps.auth.acceptsFrom(hooks.clientAddress(request))) throw new ApiError(401, LOCAL_ONLY);
      return send(reply, 200, personas(await deps.directory.organisation(), deps));
    });
    for (const route of routes) {
      server.route({
        method: route.method,
        url: route.url,
        handler: async (request, reply) => {
          const ctx = await signedIn(request, reply);
          if (reply.sent) return reply;
          const result = await route.handle(ctx, request.params as Params, () => objectBody(request.body));
          return send(reply, result.status ?? 200, result.body);
        },
      });
    }
    if (deps.reports) {
      // The printable Quality Report (`/report/quarterly?quarter=2026-Q3`), behind the API's sign-in.
      // A page opened in a new browser tab carries no headers, so in local mode only the persona
      // may come as `?persona=<id>` (the same trust as the header: local mode only, from where
      // local mode is accepted). In Teams the tab prints the report it renders itself.
      server.get('/report/quarterly', async (request, reply) => {
        const persona = urlOf(request).searchParams.get('persona');
        const headers = deps.auth.mode === 'local' && persona ? { ...request.headers, [PERSONA_HEADER]: persona } : request.headers;
        const ctx = await signedIn(request, reply, headers);
        if (reply.sent) return reply;
        const report = await reports.qualityReport(deps, ctx);
        // A page to print: no scripts or external assets, so it may not load any.
        return reply.code(200).headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': PAGE_CSP }).send(renderQualityReportHtml(report));
      });
    }
    // A known address asked with the wrong method: 405, after nothing else (no sign-in, no body read).
    const known = new Map<string, Set<string>>();
    for (const r of [...routes, { method: 'GET', url: '/api/auth/mode' }, { method: 'GET', url: '/api/personas' }, ...(deps.reports ? [{ method: 'GET', url: '/report/quarterly' }] : [])]) {
      known.set(r.url, (known.get(r.url) ?? new Set()).add(r.method));
    }
    for (const [url, used] of known) {
      const others = METHODS.filter((m) => !used.has(m) && !(m === 'HEAD' && used.has('GET')));
      server.route({ method: [...others], url, bodyLimit: 1, handler: async (request) => {
        throw new ApiError(405, `${request.method} is not allowed at ${urlOf(request).pathname}.`);
      } });
    }
  };

  const warm = async (): Promise<void> => {
    // Whole-cycle results of every cycle with results: what the Health Check page asks first.
    for (const cycle of await deps.app.cycles.list()) {
      if (cycle.kind === 'published' || cycle.status === 'closed') await deps.resultsOf(cycle).catch(() => undefined);
    }
  };
  return { register, warm };
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
