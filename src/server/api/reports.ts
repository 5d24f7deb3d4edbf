import type { ReportServices } from '../../app/app';
import { can, teamInScope, type Viewer } from '../../domain/access';
import type { Organisation } from '../../domain/organisation/types';
import { councilYearOf } from '../../domain/audit/plan/calendar';
import { dateOf } from '../../domain/shared/brand';
import { mustBe, type RequestContext, type TabApiDeps } from './context';
import { ApiError, badRequest, notFound } from './respond';
import type { CaseloadReturnResult, CaseloadsDto, OrgDataDto, OrgDataHistoryDto, OrgDataReturnResult, QualityReportDto, StandardDocDto, StandardsDto } from './types';

/**
 * The tab's reports: the caseload audit, the 39-steps returns, the employer standards and the
 * Quarterly Quality Report. Who sees what comes from domain/access: team managers and up see
 * the teams in their aggregate scope; the PSW, admins and management team see every team and
 * the organisation-wide views (standards, the report); only the PSW and admins change the
 * standards mapping. Worker flags go through the caseload service's `viewFor`: a worker above
 * the level is named only to their own managers.
 */

const MANAGERS_ONLY = 'The caseload audit and the 39-steps returns are for team managers, service managers, the Principal Social Worker and the management team.';
const ORGANISATION_ONLY = 'This view is for the Principal Social Worker, admins and the management team.';

function servicesOf(deps: TabApiDeps): ReportServices {
  if (!deps.reports) throw notFound('The caseload audit, 39 steps, standards and Quality Report are not set up on this server.');
  return deps.reports;
}

/** The teams this viewer returns figures for: a team manager's own team. */
export function ownTeams(viewer: Viewer, organisation: Organisation) {
  if (viewer.person.role !== 'team-manager' || viewer.person.teamId === undefined) return [];
  return organisation.teams.filter((t) => t.id === viewer.person.teamId);
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`Give the ${field}.`);
  return value.trim();
}

/** This month and the eleven before it, newest first (a return is for a month that has begun). */
function recentMonths(today: string): string[] {
  const [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

export async function caseloads(deps: TabApiDeps, ctx: RequestContext): Promise<CaseloadsDto> {
  const { viewer, organisation, url } = ctx;
  mustBe(can(viewer, 'view-breakdowns'), MANAGERS_ONLY);
  const period = url.searchParams.get('period') ?? undefined;
  const report = await servicesOf(deps).caseloads.report({ ...(period ? { period } : {}), viewerId: viewer.person.id });
  const scope = viewer.aggregateScope;
  const teams = report.audit.teams.filter((t) => teamInScope(scope, t.teamId));
  // A service area's average only where the viewer sees every one of its teams.
  const serviceAreas = report.audit.serviceAreas.filter((a) => a.teams.every((id) => teamInScope(scope, id)));
  const survey = report.survey
    ? { ...report.survey, ...(report.survey.byTeam ? { byTeam: Object.fromEntries(Object.entries(report.survey.byTeam).filter(([id]) => teamInScope(scope, id))) } : {}) }
    : undefined;
  return {
    audit: { ...report.audit, teams, serviceAreas, overall: scope.all ? report.audit.overall : null },
    ...(survey ? { survey } : {}),
    returnTeams: ownTeams(viewer, organisation).map((t) => ({
      teamId: t.id,
      name: t.name,
      workers: organisation.people
        .filter((p) => p.teamId === t.id && p.id !== viewer.person.id && p.leftOn === undefined)
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'))
        .map((p) => ({ id: p.id, displayName: p.displayName })),
    })),
    returnMonths: recentMonths(deps.clock.now().toISOString()),
  };
}

export async function caseloadReturn(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<CaseloadReturnResult> {
  const { viewer, organisation } = ctx;
  const teamId = text(body.teamId, 'team');
  mustBe(
    ownTeams(viewer, organisation).some((t) => t.id === teamId),
    "Only the team's own manager makes its monthly caseload return.",
  );
  if (!Array.isArray(body.lines)) throw badRequest("Give each worker's open cases (lines).");
  const lines = (body.lines as unknown[]).map((l) => {
    if (typeof l !== 'object' || l === null) throw badRequest('Each line of the return needs a worker and their open cases.');
    const line = l as Record<string, unknown>;
    const value = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? v : undefined);
    return {
      worker: String(line.worker ?? ''),
      openCases: value(line.openCases) ?? '',
      ...(value(line.complexity) !== undefined ? { complexity: value(line.complexity) as number | string } : {}),
      ...(value(line.risk) !== undefined ? { risk: value(line.risk) as number | string } : {}),
      ...(value(line.travel) !== undefined ? { travel: value(line.travel) as number | string } : {}),
    };
  });
  const saved = await servicesOf(deps).caseloads.submitMonthlyReturn(viewer.person.id, teamId, text(body.month, 'month'), lines);
  // The team's caseload audit is done once its returns cover the audit period.
  const year = councilYearOf(dateOf(deps.clock.now()));
  await deps.framework?.settleTasks([year - 1, year]);
  return saved;
}

export async function orgData(deps: TabApiDeps, ctx: RequestContext): Promise<OrgDataDto> {
  const { viewer, organisation, url } = ctx;
  mustBe(can(viewer, 'view-breakdowns'), MANAGERS_ONLY);
  const cycle = url.searchParams.get('cycle') ?? undefined;
  const view = await servicesOf(deps).orgData.byTeam(cycle);
  const teams = view.teams.filter((t) => teamInScope(viewer.aggregateScope, t.teamId));
  return {
    cycleId: view.cycleId,
    measures: view.measures,
    teams,
    returned: teams.filter((t) => t.measures !== undefined).length,
    returnTeams: (viewer.roles.includes('psw') ? organisation.teams : ownTeams(viewer, organisation)).map((t) => ({ teamId: t.id, name: t.name })),
  };
}

export async function orgDataHistory(deps: TabApiDeps, ctx: RequestContext, teamId: string): Promise<OrgDataHistoryDto> {
  const { viewer } = ctx;
  mustBe(can(viewer, 'view-breakdowns'), MANAGERS_ONLY);
  if (!ctx.organisation.teams.some((t) => t.id === teamId)) throw notFound(`There is no team "${teamId}".`);
  mustBe(teamInScope(viewer.aggregateScope, teamId), 'That team is not one of yours, so its 39-steps returns are not shown to you.');
  return servicesOf(deps).orgData.overTime(teamId);
}

export async function orgDataReturn(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<OrgDataReturnResult> {
  const { viewer, organisation } = ctx;
  const teamId = text(body.teamId, 'team');
  const mayReturn = viewer.roles.includes('psw') || ownTeams(viewer, organisation).some((t) => t.id === teamId);
  mustBe(mayReturn, "Only the team's own manager (or the Principal Social Worker) makes its 39-steps return.");
  if (typeof body.measures !== 'object' || body.measures === null || Array.isArray(body.measures)) throw badRequest("Give the team's figures (measures).");
  const cycleId = typeof body.cycleId === 'string' && body.cycleId !== '' ? body.cycleId : undefined;
  const { orgDataReturn: saved, replaced } = await servicesOf(deps).orgData.submit(viewer.person.id, teamId, cycleId, body.measures as Record<string, unknown>);
  return { cycleId: saved.cycleId, teamId: saved.teamId, replaced };
}

export async function standards(deps: TabApiDeps, ctx: RequestContext): Promise<StandardsDto> {
  const { viewer, url } = ctx;
  mustBe(can(viewer, 'view-organisation-breakdowns'), ORGANISATION_ONLY);
  const services = servicesOf(deps);
  const surveyCycle = url.searchParams.get('cycle') ?? undefined;
  const [view, documented] = await Promise.all([services.standards.show(surveyCycle ? { surveyCycle } : {}), services.standards.documented()]);
  return { ...view, documented: documented.standards.map(docDto), mayAdjust: mayAdjust(viewer) };
}

/** The mapping in words for the page; the ids beside, for the PSW's mapping form. */
function docDto(s: Awaited<ReturnType<ReportServices['standards']['documented']>>['standards'][number]): StandardDocDto {
  return { id: s.id, number: s.number, title: s.title, questions: s.questions.map((q) => q.text), questionIds: s.questions.map((q) => q.id), measures: s.measures };
}

const mayAdjust = (viewer: Viewer): boolean => viewer.roles.includes('psw') || viewer.roles.includes('admin');

export async function mapStandard(deps: TabApiDeps, ctx: RequestContext, standardId: string, body: Record<string, unknown>): Promise<StandardDocDto> {
  mustBe(mayAdjust(ctx.viewer), 'Only the Principal Social Worker (or an admin) changes how the standards are scored.');
  const optional = (v: unknown, field: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw badRequest(`"${field}" must be a list separated by commas.`);
    return v;
  };
  const questions = optional(body.questions, 'questions');
  const measures = optional(body.measures, 'measures');
  const reset = body.reset === true;
  if (questions === undefined && measures === undefined && !reset) throw badRequest('Say what to change: questions, measures, or reset.');
  const services = servicesOf(deps);
  await services.standards.map(standardId, { ...(questions !== undefined ? { questions } : {}), ...(measures !== undefined ? { measures } : {}), ...(reset ? { reset } : {}) });
  const doc = (await services.standards.documented()).standards.find((s) => s.id === standardId);
  if (!doc) throw new ApiError(500, 'The standard was changed but could not be read back.');
  return docDto(doc);
}

export async function qualityReport(deps: TabApiDeps, ctx: RequestContext): Promise<QualityReportDto> {
  mustBe(can(ctx.viewer, 'view-organisation-breakdowns'), 'The Quarterly Quality Report is for the Principal Social Worker, admins and the management team.');
  return servicesOf(deps).qualityReport.report(ctx.url.searchParams.get('quarter') ?? undefined);
}
