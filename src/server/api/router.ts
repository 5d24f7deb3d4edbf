import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, personInScope, ROLE_LABELS, rolesOf, type TabRole } from '../../domain/access';
import type { Organisation, Person } from '../../domain/organisation/types';
import * as actions from './actionPlan';
import * as admin from './admin';
import * as framework from './framework';
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
import * as surveyAdmin from './surveyAdmin';
import type { AuthModeDto, MeDto, PeopleDto, PersonaDto } from './types';
// Data protection: the access log and the DPO's routes.
import * as dataProtection from './dataProtection';
import { peopleNamedIn, type NamedRecordKind } from '../../domain/dataProtection/access';

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
  /** Every route, and what named records it serves if any (each such route writes the access log): for the access log's test. */
  readonly routes: readonly { readonly method: string; readonly url: string; readonly named?: NamedRecordKind }[];
}

/** The name the composition root knows the API by. */
export type WarmableTabApi = TabApi;

type Params = Readonly<Record<string, string>>;
type Handler = (ctx: RequestContext, params: Params, body: () => Record<string, unknown>) => Promise<{ readonly status?: number; readonly body?: unknown; readonly contentType?: string }>;

interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly handle: Handler;
  /** A larger body than the API's own limit (the uploads). */
  readonly bodyLimit?: number;
  /**
   * Serves named records (about people other than the viewer): each answer is written to the
   * access log, as this kind, with how many people it named (no content).
   */
  readonly named?: NamedRecordKind;
  /** Whom the records are about, when the route knows better than counting names (an audit form: the person audited). */
  readonly about?: (ctx: RequestContext, body: unknown) => string | undefined;
  /** The use case writes its own line (an export is logged as one, by the export itself). */
  readonly logsItself?: true;
  /**
   * A page everyone opens (the home page): a line only when the answer names someone other than
   * the viewer, so the log holds the reads of named records, not every visit to one's own page.
   */
  readonly loggedWhenNaming?: true;
}

/** The person an audit form is about, from its task id (`…/person:<id>/…`). */
const auditSubject = (_ctx: RequestContext, body: unknown): string | undefined => {
  const id = (body as { task?: { subjectId?: unknown } } | undefined)?.task?.subjectId;
  return typeof id === 'string' ? id : undefined;
};

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
    { method: 'GET', url: '/api/people', named: 'staff-directory', handle: async (ctx) => ok(people(ctx)) },
    { method: 'GET', url: '/api/health-check/cycles', handle: async (ctx) => ok(await healthCheck.cycles(deps, ctx)) },
    { method: 'POST', url: '/api/health-check/cycles', handle: async (ctx, _p, body) => ({ status: 201, body: await healthCheck.openCycle(deps, ctx, body()) }) },
    { method: 'POST', url: '/api/health-check/cycles/:cycle/close', handle: async (ctx, m) => ok(await healthCheck.closeCycle(deps, ctx, p(m, 'cycle'))) },
    {
      method: 'GET',
      url: '/api/health-check/cycles/:cycle/results',
      handle: async (ctx, m) => ok(await healthCheck.results(deps, ctx, p(m, 'cycle'), healthCheck.parseBy(ctx.url.searchParams.get('by')))),
    },
    { method: 'GET', url: '/api/health-check/cycles/:cycle/changes', handle: async (ctx, m) => ok(await healthCheck.changes(deps, ctx, p(m, 'cycle'), ctx.url.searchParams.get('limit'))) },
    { method: 'GET', url: '/api/health-check/cycles/:cycle/response-rate', handle: async (ctx, m) => ok(await healthCheck.responseRate(deps, ctx, p(m, 'cycle'))) },
    { method: 'GET', url: '/api/health-check/trends', handle: async (ctx) => ok(await healthCheck.trends(deps, ctx, ctx.url.searchParams.get('question'), ctx.url.searchParams.get('cycle'))) },
    { method: 'GET', url: '/api/audits/compliance', named: 'audit-lists', handle: async (ctx) => ok(await audits.complianceOf(deps, ctx, ctx.url.searchParams.get('year'))) },
    { method: 'GET', url: '/api/audits/due', named: 'audit-lists', handle: async (ctx) => ok(await audits.due(deps, ctx, ctx.url.searchParams.get('year'))) },
    { method: 'GET', url: '/api/audits/mine', named: 'audit-lists', handle: async (ctx) => ok(await audits.mine(deps, ctx, ctx.url.searchParams.get('year'))) },
    { method: 'GET', url: '/api/audits/task', named: 'audit-form', about: auditSubject, handle: async (ctx) => ok(await audits.view(deps, ctx)) },
    ...(['draft', 'submit', 'amend', 'subject', 'sign-off'] as const).map((step): Route => ({
      method: 'POST',
      url: `/api/audits/task/${step}`,
      named: 'audit-form',
      about: auditSubject,
      handle: async (ctx, _p, body) => ok(await audits.step(deps, ctx, step, body())),
    })),
    { method: 'GET', url: '/api/supervision/frequency', named: 'supervision', handle: async (ctx) => ok(await supervision.frequency(deps, ctx)) },
    { method: 'GET', url: '/api/surveys/open', handle: async (ctx) => ok(await surveys.open(deps, ctx)) },
    { method: 'POST', url: '/api/surveys/:cycle/draft', handle: async (ctx, m, body) => ok(await surveys.saveStep(deps, ctx, p(m, 'cycle'), body())) },
    { method: 'POST', url: '/api/surveys/:cycle/submit', handle: async (ctx, m, body) => ok(await surveys.submit(deps, ctx, p(m, 'cycle'), body())) },
    { method: 'POST', url: '/api/actions/you-said-we-did', handle: async (ctx, _p, body) => ({ status: 202, body: await actions.youSaidWeDid(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/actions', named: 'action-plan', handle: async (ctx) => ok(await actions.list(deps, ctx)) },
    { method: 'POST', url: '/api/actions', named: 'action-plan', handle: async (ctx, _p, body) => ({ status: 201, body: await actions.create(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/actions/:id', named: 'action-plan', handle: async (ctx, m) => ok(await actions.get(deps, ctx, p(m, 'id'))) },
    { method: 'PATCH', url: '/api/actions/:id', named: 'action-plan', handle: async (ctx, m, body) => ok(await actions.update(deps, ctx, p(m, 'id'), body())) },
    {
      method: 'DELETE',
      url: '/api/actions/:id',
      handle: async (ctx, m) => {
        await actions.remove(deps, ctx, p(m, 'id'));
        return { status: 204 };
      },
    },
    // The caseload audit, 39 steps, employer standards, Quarterly Quality Report.
    { method: 'GET', url: '/api/caseloads', named: 'caseloads', handle: async (ctx) => ok(await reports.caseloads(deps, ctx)) },
    { method: 'POST', url: '/api/caseloads/returns', named: 'caseloads', handle: async (ctx, _p, body) => ({ status: 201, body: await reports.caseloadReturn(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/org-data', named: '39-steps-returns', handle: async (ctx) => ok(await reports.orgData(deps, ctx)) },
    { method: 'GET', url: '/api/org-data/teams/:team', named: '39-steps-returns', handle: async (ctx, m) => ok(await reports.orgDataHistory(deps, ctx, p(m, 'team'))) },
    { method: 'POST', url: '/api/org-data/returns', named: '39-steps-returns', handle: async (ctx, _p, body) => ({ status: 201, body: await reports.orgDataReturn(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/standards', handle: async (ctx) => ok(await reports.standards(deps, ctx)) },
    { method: 'POST', url: '/api/standards/:standard/mapping', handle: async (ctx, m, body) => ok(await reports.mapStandard(deps, ctx, p(m, 'standard'), body())) },
    { method: 'GET', url: '/api/report/quarterly', named: 'action-plan', handle: async (ctx) => ok(await reports.qualityReport(deps, ctx)) },
    ...frameworkRoutes(deps, p),
    ...adminRoutes(deps),
    // Running surveys from the tab: the questionnaire registry and a cycle's life (ADR 0021).
    { method: 'GET', url: '/api/questionnaires', handle: async (ctx) => ok(await surveyAdmin.list(deps, ctx)) },
    { method: 'POST', url: '/api/questionnaires', handle: async (ctx, _p, body) => ({ status: 201, body: await surveyAdmin.copy(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/questionnaires/bank', handle: async (ctx) => ok(surveyAdmin.bank(deps, ctx)) },
    { method: 'GET', url: '/api/questionnaires/:id', handle: async (ctx, m) => ok(await surveyAdmin.get(deps, ctx, p(m, 'id'))) },
    { method: 'PATCH', url: '/api/questionnaires/:id', handle: async (ctx, m, body) => ok(await surveyAdmin.edit(deps, ctx, p(m, 'id'), body())) },
    { method: 'POST', url: '/api/cycles', handle: async (ctx, _p, body) => ({ status: 201, body: await surveyAdmin.createCycle(deps, ctx, body()) }) },
    { method: 'GET', url: '/api/cycles/audiences', handle: async (ctx) => ok(surveyAdmin.audiences(ctx)) },
    { method: 'GET', url: '/api/cycles/:cycle', handle: async (ctx, m) => ok(await surveyAdmin.cycle(deps, ctx, p(m, 'cycle'))) },
    { method: 'PATCH', url: '/api/cycles/:cycle', handle: async (ctx, m, body) => ok(await surveyAdmin.updateCycle(deps, ctx, p(m, 'cycle'), body())) },
    { method: 'GET', url: '/api/cycles/:cycle/preview', handle: async (ctx, m) => ok(await surveyAdmin.preview(deps, ctx, p(m, 'cycle'))) },
    { method: 'POST', url: '/api/cycles/:cycle/open', handle: async (ctx, m) => ok(await surveyAdmin.openCycle(deps, ctx, p(m, 'cycle'))) },
    { method: 'POST', url: '/api/cycles/:cycle/close', handle: async (ctx, m) => ok(await surveyAdmin.closeCycle(deps, ctx, p(m, 'cycle'))) },
    { method: 'POST', url: '/api/cycles/:cycle/publish', handle: async (ctx, m) => ok(await surveyAdmin.publish(deps, ctx, p(m, 'cycle'))) },
    // Data protection: privacy information for everyone; the DPO's and PSW's pages.
    ...dataProtectionRoutes(deps, p),
    // The home page and the charts' own figures.
    // A supervisor's or manager's home page names the people they look after (their audits, supervision).
    { method: 'GET', url: '/api/home', named: 'home-page', loggedWhenNaming: true, handle: async (ctx) => ok(await home(deps, ctx)) },
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
        ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
        handler: async (request, reply) => {
          const ctx = await signedIn(request, reply);
          if (reply.sent) return reply;
          const result = await route.handle(ctx, request.params as Params, () => objectBody(request.body));
          if (route.named && !route.logsItself && deps.dataProtection && (result.status ?? 200) < 300) {
            // Who, what, when, how many people it named; never the content.
            const named = peopleNamedIn(typeof result.body === 'string' ? result.body : JSON.stringify(result.body ?? null), ctx.organisation.people, ctx.viewer.person.id);
            const about = route.about?.(ctx, result.body) ?? (named.length === 1 ? named[0] : undefined);
            if (named.length > 0 || !route.loggedWhenNaming)
              await deps.dataProtection.access.log({ viewerId: ctx.viewer.person.id, what: route.named, ...(about !== undefined ? { subjectId: about } : {}), records: named.length, via: 'tab' });
          }
          if (result.contentType) {
            reply.header('content-type', result.contentType);
            if (result.contentType.startsWith('text/csv')) reply.header('content-disposition', 'attachment; filename="access-log.csv"');
          }
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
        const html = renderQualityReportHtml(report);
        if (deps.dataProtection) {
          const named = peopleNamedIn(html, ctx.organisation.people, ctx.viewer.person.id);
          await deps.dataProtection.access.log({ viewerId: ctx.viewer.person.id, what: 'action-plan', ...(named.length === 1 ? { subjectId: named[0] } : {}), records: named.length, via: 'tab' });
        }
        // A page to print: no scripts or external assets, so it may not load any.
        return reply.code(200).headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': PAGE_CSP }).send(html);
      });
    }
    // A known address asked with the wrong method: 405, after nothing else (no sign-in, no body read).
    const known = new Map<string, Set<string>>();
    for (const r of [...routes, { method: 'GET', url: '/api/auth/mode' }, { method: 'GET', url: '/api/personas' }, ...(deps.reports ? [{ method: 'GET', url: '/report/quarterly' }] : [])]) {
      known.set(r.url, (known.get(r.url) ?? new Set()).add(r.method));
    }
    for (const [url, used] of known) {
      const others = METHODS.filter((m) => !used.has(m) && !(m === 'HEAD' && used.has('GET')));
      server.route({
        method: [...others],
        url,
        bodyLimit: 1,
        handler: async (request) => {
          throw new ApiError(405, `${request.method} is not allowed at ${urlOf(request).pathname}.`);
        },
      });
    }
  };

  const warm = async (): Promise<void> => {
    // Whole-cycle results of every cycle with results: what the Health Check page asks first.
    for (const cycle of await deps.app.cycles.list()) {
      if (cycle.kind === 'published' || cycle.status === 'closed') await deps.resultsOf(cycle).catch(() => undefined);
    }
  };
  const listed = [
    ...routes.map((r) => ({ method: r.method, url: r.url, ...(r.named ? { named: r.named } : {}) })),
    ...(deps.reports ? [{ method: 'GET', url: '/report/quarterly', named: 'action-plan' as const }] : []),
  ];
  return { register, warm, routes: listed };
}

/** The data protection routes: 404 where the app was built without them (a test's API). */
function dataProtectionRoutes(deps: ApiDeps, p: (params: Params, name: string) => string): Route[] {
  const dp = () => {
    if (!deps.dataProtection) throw notFound('There is no data protection information on this server.');
    return deps.dataProtection;
  };
  return [
    { method: 'GET', url: '/api/privacy', handle: async () => ok(await dataProtection.privacy(dp())) },
    { method: 'GET', url: '/api/data-protection/retention', handle: async (ctx) => ok(await dataProtection.retention(dp(), ctx)) },
    { method: 'GET', url: '/api/data-protection/access-log', named: 'access-log', handle: async (ctx) => ok(await dataProtection.accessLog(dp(), ctx)) },
    {
      method: 'GET',
      url: '/api/data-protection/access-log.csv',
      named: 'access-log',
      handle: async (ctx) => ({ body: await dataProtection.accessLogCsv(dp(), ctx), contentType: 'text/csv; charset=utf-8' }),
    },
    {
      method: 'POST',
      url: '/api/data-protection/exports',
      handle: async (ctx, _p, body) => {
        await dataProtection.exported(dp(), ctx, body());
        return { status: 204 };
      },
    },
    // The export writes its own line (an export, about that person).
    { method: 'GET', url: '/api/data-protection/people/:id/export', named: 'person-export', logsItself: true, handle: async (ctx, m) => ok(await dataProtection.personExport(dp(), ctx, p(m, 'id'))) },
  ];
}

/** Focus groups (Appendix 5), thematic reviews and the self-assessments: src/server/api/framework.ts. */
function frameworkRoutes(deps: ApiDeps, p: (params: Params, name: string) => string): Route[] {
  // Every answer carries the record as its viewer may see it (facilitator, invitees, lead,
  // review group, who submitted or endorsed), so every route is logged as a read of it.
  const created = (body: unknown) => ({ status: 201, body });
  return [
    { method: 'GET', url: '/api/framework/focus-groups', named: 'focus-groups', handle: async (ctx) => ok(await framework.focusGroups(deps, ctx)) },
    { method: 'POST', url: '/api/framework/focus-groups', named: 'focus-groups', handle: async (ctx, _m, body) => created(await framework.scheduleFocusGroup(deps, ctx, body())) },
    { method: 'GET', url: '/api/framework/focus-groups/:id', named: 'focus-groups', handle: async (ctx, m) => ok(await framework.focusGroup(deps, ctx, p(m, 'id'))) },
    { method: 'PATCH', url: '/api/framework/focus-groups/:id', named: 'focus-groups', handle: async (ctx, m, body) => ok(await framework.rescheduleFocusGroup(deps, ctx, p(m, 'id'), body())) },
    { method: 'POST', url: '/api/framework/focus-groups/:id/invitations', named: 'focus-groups', handle: async (ctx, m, body) => ok(await framework.inviteFocusGroup(deps, ctx, p(m, 'id'), body())) },
    { method: 'POST', url: '/api/framework/focus-groups/:id/cancel', named: 'focus-groups', handle: async (ctx, m, body) => ok(await framework.cancelFocusGroup(deps, ctx, p(m, 'id'), body())) },
    { method: 'POST', url: '/api/framework/focus-groups/:id/notes', named: 'focus-groups', handle: async (ctx, m, body) => ok(await framework.recordFocusGroup(deps, ctx, p(m, 'id'), body())) },
    {
      method: 'POST',
      url: '/api/framework/focus-groups/:id/themes/:index/action',
      named: 'focus-groups',
      handle: async (ctx, m, body) => ok(await framework.focusGroupThemeToAction(deps, ctx, p(m, 'id'), p(m, 'index'), body())),
    },
    { method: 'GET', url: '/api/framework/reviews', named: 'thematic-reviews', handle: async (ctx) => ok(await framework.reviewYear(deps, ctx)) },
    { method: 'POST', url: '/api/framework/reviews', named: 'thematic-reviews', handle: async (ctx, _m, body) => created(await framework.createReview(deps, ctx, body())) },
    { method: 'GET', url: '/api/framework/reviews/:id', named: 'thematic-reviews', handle: async (ctx, m) => ok(await framework.review(deps, ctx, p(m, 'id'))) },
    { method: 'PATCH', url: '/api/framework/reviews/:id', named: 'thematic-reviews', handle: async (ctx, m, body) => ok(await framework.updateReview(deps, ctx, p(m, 'id'), body())) },
    {
      method: 'POST',
      url: '/api/framework/reviews/:id/stages/:stage/complete',
      named: 'thematic-reviews',
      handle: async (ctx, m, body) => ok(await framework.completeReviewStage(deps, ctx, p(m, 'id'), p(m, 'stage'), body())),
    },
    {
      method: 'POST',
      url: '/api/framework/reviews/:id/findings',
      named: 'thematic-reviews',
      handle: async (ctx, m, body) => ok(await framework.addReviewText(deps, ctx, p(m, 'id'), 'finding', body())),
    },
    {
      method: 'POST',
      url: '/api/framework/reviews/:id/recommendations',
      named: 'thematic-reviews',
      handle: async (ctx, m, body) => ok(await framework.addReviewText(deps, ctx, p(m, 'id'), 'recommendation', body())),
    },
    {
      method: 'POST',
      url: '/api/framework/reviews/:id/recommendations/:rec/action',
      named: 'thematic-reviews',
      handle: async (ctx, m, body) => ok(await framework.recommendationToAction(deps, ctx, p(m, 'id'), p(m, 'rec'), body())),
    },
    { method: 'GET', url: '/api/framework/self-assessments', named: 'self-assessments', handle: async (ctx) => ok(await framework.selfAssessmentPage(deps, ctx)) },
    { method: 'POST', url: '/api/framework/self-assessments', named: 'self-assessments', handle: async (ctx, _m, body) => created(await framework.startSelfAssessment(deps, ctx, body())) },
    ...(['refresh', 'submit', 'endorse', 'return'] as const).map((step): Route => ({
      method: 'POST',
      url: `/api/framework/self-assessments/:id/${step}`,
      named: 'self-assessments',
      handle: async (ctx, m, body) => ok(await framework.selfAssessmentStep(deps, ctx, p(m, 'id'), step, body())),
    })),
    {
      method: 'PATCH',
      url: '/api/framework/self-assessments/:id/items/:item',
      named: 'self-assessments',
      handle: async (ctx, m, body) => ok(await framework.rateItem(deps, ctx, p(m, 'id'), p(m, 'item'), body())),
    },
    {
      method: 'POST',
      url: '/api/framework/self-assessments/:id/items/:item/actions',
      named: 'self-assessments',
      handle: async (ctx, m, body) => ok(await framework.addImprovement(deps, ctx, p(m, 'id'), p(m, 'item'), body())),
    },
  ];
}

/** The PSW's admin: uploads, the caseload level, quality themes, the audit plan's rules: src/server/api/admin.ts. */
function adminRoutes(deps: ApiDeps): Route[] {
  const upload = admin.UPLOAD_BODY_LIMIT;
  return [
    { method: 'GET', url: '/api/admin', handle: async (ctx) => ok(await admin.summary(deps, ctx)) },
    { method: 'POST', url: '/api/admin/organisation/preview', bodyLimit: upload, handle: async (ctx, _m, body) => ok(await admin.organisationUpload(deps, ctx, body(), true)) },
    { method: 'POST', url: '/api/admin/organisation/import', bodyLimit: upload, handle: async (ctx, _m, body) => ok(await admin.organisationUpload(deps, ctx, body(), false)) },
    { method: 'POST', url: '/api/admin/caseloads/preview', bodyLimit: upload, handle: async (ctx, _m, body) => ok(await admin.caseloadUpload(deps, ctx, body(), true)) },
    { method: 'POST', url: '/api/admin/caseloads/import', bodyLimit: upload, handle: async (ctx, _m, body) => ok(await admin.caseloadUpload(deps, ctx, body(), false)) },
    { method: 'POST', url: '/api/admin/caseload-level', handle: async (ctx, _m, body) => ok(await admin.setCaseloadLevel(deps, ctx, body())) },
    { method: 'GET', url: '/api/admin/quality-themes', handle: async (ctx) => ok(await admin.themes(deps, ctx)) },
    { method: 'POST', url: '/api/admin/quality-themes', handle: async (ctx, _m, body) => ({ status: 201, body: await admin.addTheme(deps, ctx, body()) }) },
    {
      method: 'DELETE',
      url: '/api/admin/quality-themes/:id',
      handle: async (ctx, m) => {
        await admin.removeTheme(deps, ctx, m.id ?? '');
        return { status: 204 };
      },
    },
    { method: 'GET', url: '/api/admin/audit-plan', handle: async (ctx) => ok(await admin.auditPlan(deps, ctx)) },
    { method: 'POST', url: '/api/admin/audit-plan/preview', handle: async (ctx, _m, body) => ok(await admin.changeAuditPlan(deps, ctx, body(), false)) },
    { method: 'POST', url: '/api/admin/audit-plan', handle: async (ctx, _m, body) => ok(await admin.changeAuditPlan(deps, ctx, body(), true)) },
    // What planning again found can name people (no auditor for someone, an auditor over the weekly limit).
    { method: 'POST', url: '/api/admin/audit-plan/replan', named: 'audit-lists', handle: async (ctx, _m, body) => ok(await admin.replan(deps, ctx, body())) },
  ];
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
  dpo: 'Data Protection Officer',
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
  add(
    people.filter((p) => p.role === 'principal-social-worker'),
    1,
  );
  add(
    people.filter((p) => roles(p).includes('admin')),
    2,
  );
  add(
    people.filter((p) => roles(p).includes('management-team')),
    2,
  );
  add(
    people.filter((p) => roles(p).includes('dpo')),
    1,
  );
  add(
    people.filter((p) => p.role === 'service-manager'),
    2,
  );
  add(
    people.filter((p) => p.role === 'team-manager'),
    2,
  );
  add(
    people.filter((p) => p.role === 'senior-practitioner' && roles(p).includes('supervisor')),
    2,
  );
  const practitioners = people.filter((p) => p.role !== 'team-manager' && p.role !== 'service-manager' && p.role !== 'principal-social-worker' && !roles(p).includes('supervisor'));
  add([...practitioners.filter((p) => !p.id.startsWith('demo-')), ...practitioners], 3);
  return pick.map((p) => {
    const dto = personDto(p, organisation);
    const r = roles(p);
    const headline = r.filter((x) => x !== 'staff').map((x) => ROLE_WORDS[x]);
    return { ...dto, roles: r, description: `${headline.length > 0 ? headline.join(', ') : ROLE_LABELS[p.role]}${dto.teamName ? `, ${dto.teamName}` : ''}` };
  });
}
