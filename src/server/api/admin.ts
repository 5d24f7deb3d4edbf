import { describeFinding, type AuditService } from '../../app/audits';
import type { OrganisationService } from '../../app/organisationImport';
import { UserFacingError } from '../../app/errors';
import { can, ROLE_LABELS, type Viewer } from '../../domain/access';
import { councilYearOf } from '../../domain/audit/plan/calendar';
import { FREQUENCY_WORDS, LEAD_ROLES, windowWords } from '../../domain/audit/plan/ruleChanges';
import { defaultAuditPeriod } from '../../domain/caseloads/types';
import { TASK_STATUS_LABELS } from '../../domain/audit/plan/task';
import { reviewId } from '../../domain/framework/thematicReviews';
import { dateOf } from '../../domain/shared/brand';
import { allAuditTasks } from '../../ports/audits';
import { mustBe, type RequestContext, type TabApiDeps } from './context';
import { badRequest, notFound } from './respond';
import type { AdminDto, AuditPlanChangeDto, AuditPlanDto, CaseloadUploadDto, OrganisationUploadDto, QualityThemeDto, ReplanDto } from './types';

/**
 * The PSW's admin in the tab: what `phc org import`, `phc caseloads import|level`, `phc report
 * themes` and `phc audits plan` do, with the same rules (the same use cases), for the PSW and
 * admins only. Uploads come as the file's text in JSON (`{ csv }`); a preview is the same
 * check with nothing stored, and an import refuses the whole file while any row is bad.
 */

export interface AdminServices {
  readonly audits: AuditService;
  readonly organisation: OrganisationService;
}

/** The largest upload: a council's staff (about a thousand rows) or a year's caseloads fit well inside. */
export const UPLOAD_BODY_LIMIT = 4 * 1024 * 1024;
const MAX_CSV_CHARS = 3 * 1024 * 1024;

/** "Line 4, column 3 (role): …" */
const problemLine = (p: { readonly line: number; readonly column?: string; readonly columnNumber?: number; readonly message: string }): string =>
  `Line ${p.line}${p.column === undefined ? '' : `, column ${p.columnNumber !== undefined ? `${p.columnNumber} (${p.column})` : p.column}`}: ${p.message}`;

function mayAdminister(viewer: Viewer): void {
  mustBe(can(viewer, 'administer'), 'The admin pages are for the Principal Social Worker and admins.');
}

function servicesOf(deps: TabApiDeps): AdminServices {
  if (!deps.admin || !deps.reports) throw notFound('The admin pages are not set up on this server.');
  return deps.admin;
}

function csvOf(body: Record<string, unknown>): { readonly csv: string; readonly fileName: string } {
  const csv = body.csv;
  if (typeof csv !== 'string' || csv.trim() === '') throw badRequest('Choose a CSV file to upload (send its text as "csv").');
  if (csv.length > MAX_CSV_CHARS) throw badRequest('That file is too large to upload here; split it, or use the command line.');
  const name = typeof body.fileName === 'string' && /^[\w .()-]{1,100}$/.test(body.fileName) ? body.fileName : 'upload.csv';
  // Only CSV here: the response import's JSON lines have no place in these uploads.
  return { csv, fileName: name.toLowerCase().endsWith('.csv') ? name : `${name}.csv` };
}

export async function summary(deps: TabApiDeps, ctx: RequestContext): Promise<AdminDto> {
  mayAdminister(ctx.viewer);
  const { organisation } = servicesOf(deps);
  const reports = deps.reports as NonNullable<TabApiDeps['reports']>;
  const [org, level] = await Promise.all([organisation.summary(), reports.caseloads.level()]);
  const period = defaultAuditPeriod(dateOf(deps.clock.now()));
  const quarter = reports.qualityReport.quarter();
  return {
    organisation: { importedOn: org.importedOn ?? null, people: org.people, teams: org.teams, leavers: org.leavers },
    caseloadLevel: level,
    defaultPeriod: `${period.from}..${period.to}`,
    quarter: { id: quarter.id, label: quarter.label },
  };
}

export async function organisationUpload(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>, dryRun: boolean): Promise<OrganisationUploadDto> {
  mayAdminister(ctx.viewer);
  const { csv, fileName } = csvOf(body);
  const report = await servicesOf(deps).organisation.importCsv(fileName, csv, { dryRun });
  if (!dryRun && report.problems.length > 0) {
    const badRows = new Set(report.problems.map((p) => p.line)).size;
    throw badRequest(`Nothing was imported: ${badRows} of ${report.rows} rows have problems. Correct them and upload the whole file again.`, { details: report.problems.map(problemLine) });
  }
  return { rows: report.rows, imported: report.imported, people: report.people, teams: report.teams, leavers: report.leavers, notInFile: report.notInFile, problems: report.problems };
}

export async function caseloadUpload(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>, dryRun: boolean): Promise<CaseloadUploadDto> {
  mayAdminister(ctx.viewer);
  servicesOf(deps);
  const { csv, fileName } = csvOf(body);
  const period = typeof body.period === 'string' && body.period.trim() !== '' ? body.period.trim() : undefined;
  const replace = body.replace === true;
  const reports = deps.reports as NonNullable<TabApiDeps['reports']>;
  const report = await reports.caseloads.importCsv(fileName, csv, period, { dryRun, replace });
  if (!dryRun && report.problems.length > 0) {
    const badRows = new Set(report.problems.map((p) => p.line)).size;
    throw badRequest(`Nothing was imported: ${badRows} of ${report.rows} rows have problems. Correct them and upload the whole file again.`, { details: report.problems.map(problemLine) });
  }
  if (!dryRun && report.alreadyStored.length > 0 && !replace) {
    throw badRequest(
      `Nothing was imported: caseloads are already stored for ${report.alreadyStored.length} team-months of this file. Tick "Replace the months already held" to replace exactly those months.`,
      {
        details: report.alreadyStored.map((s) => `${s.teamId} ${s.month}: ${s.workers} workers stored`),
      },
    );
  }
  // A team's caseload audit is done once its caseloads for the period are in.
  if (report.imported) await deps.framework?.settleTasks([councilYearOf(dateOf(deps.clock.now())) - 1, councilYearOf(dateOf(deps.clock.now()))]);
  return {
    rows: report.rows,
    period: report.period,
    imported: report.imported,
    entries: report.entries,
    teams: report.teams,
    problems: report.problems,
    unmatched: report.unmatched,
    alreadyStored: report.alreadyStored.map((s) => ({ teamId: s.teamId, month: s.month, workers: s.workers })),
    replaced: report.replaced,
  };
}

export async function setCaseloadLevel(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<{ readonly level: number }> {
  mayAdminister(ctx.viewer);
  servicesOf(deps);
  const level = body.level;
  if (typeof level !== 'number') throw badRequest('Give the caseload level as a number of open cases, e.g. 30.');
  const caseloads = (deps.reports as NonNullable<TabApiDeps['reports']>).caseloads;
  await caseloads.setLevel(level);
  return { level: await caseloads.level() };
}

const themeDto = (t: { id: number; quarter: string; theme: string; source: string; note: string; taggedOn: string }): QualityThemeDto => ({
  id: t.id,
  quarter: t.quarter,
  theme: t.theme,
  source: t.source,
  note: t.note,
  taggedOn: t.taggedOn,
});

export async function themes(deps: TabApiDeps, ctx: RequestContext): Promise<readonly QualityThemeDto[]> {
  mayAdminister(ctx.viewer);
  servicesOf(deps);
  const quarter = ctx.url.searchParams.get('quarter') ?? undefined;
  return (await (deps.reports as NonNullable<TabApiDeps['reports']>).qualityReport.themes(quarter)).map(themeDto);
}

export async function addTheme(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<QualityThemeDto> {
  mayAdminister(ctx.viewer);
  servicesOf(deps);
  const text = (key: string): string | undefined => {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw badRequest(`"${key}" must be text.`);
    return v;
  };
  const quarter = text('quarter');
  const theme = text('theme');
  const source = text('source');
  const note = text('note');
  const saved = await (deps.reports as NonNullable<TabApiDeps['reports']>).qualityReport.tagTheme(quarter, {
    taggedBy: ctx.viewer.person.id,
    ...(theme === undefined ? {} : { theme }),
    ...(source === undefined ? {} : { source }),
    ...(note === undefined ? {} : { note }),
  });
  return themeDto(saved);
}

export async function removeTheme(deps: TabApiDeps, ctx: RequestContext, rawId: string): Promise<void> {
  mayAdminister(ctx.viewer);
  servicesOf(deps);
  if (!/^\d{1,9}$/.test(rawId)) throw notFound('There is no such theme.');
  try {
    await (deps.reports as NonNullable<TabApiDeps['reports']>).qualityReport.removeTheme(Number(rawId));
  } catch (error) {
    if (error instanceof UserFacingError) throw notFound('That theme has been removed already.');
    throw error;
  }
}

function yearOf(deps: TabApiDeps, raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return councilYearOf(dateOf(deps.clock.now()));
  const text = String(raw);
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2999)
    throw badRequest(`"year" must be the year the council year starts in, e.g. 2026 for April 2026 – March 2027, not "${text.slice(0, 20)}".`);
  return Number(text);
}

const WHO: Readonly<Record<string, string>> = { 'line-manager': "The supervisor's line manager", supervisor: 'Each supervisee\u2019s supervisor', 'team-manager': 'Each team\u2019s manager' };

export async function auditPlan(deps: TabApiDeps, ctx: RequestContext): Promise<AuditPlanDto> {
  mayAdminister(ctx.viewer);
  const { audits } = servicesOf(deps);
  const year = yearOf(deps, ctx.url.searchParams.get('year'));
  const [rules, changed, tasks, reviews] = await Promise.all([
    audits.rules(),
    audits.rulesChanged(),
    allAuditTasks(deps.auditTasks, year),
    deps.framework?.reviews.listYear(year) ?? Promise.resolve([]),
  ]);
  const live = tasks.filter((t) => t.status !== 'cancelled');
  return {
    year,
    changed,
    planned: tasks.length > 0,
    maxDuePerAuditorPerWeek: rules.maxDuePerAuditorPerWeek,
    closedDays: rules.closedDays ?? [],
    rules: rules.rules.map((r) => ({
      activity: r.activity,
      title: r.title,
      frequency: r.frequency,
      frequencyWords: FREQUENCY_WORDS[r.frequency],
      window: r.window,
      windowWords: windowWords(r.window),
      who: r.lead.kind === 'role' ? ROLE_LABELS[r.lead.role] : (WHO[r.lead.kind] ?? r.lead.kind),
      leadRole: r.lead.kind === 'role' ? r.lead.role : null,
      tasks: live.filter((t) => t.activity === r.activity).length,
      completed: live.filter((t) => t.activity === r.activity && t.status === 'completed').length,
    })),
    leadRoles: LEAD_ROLES.map((id) => ({ id, label: ROLE_LABELS[id] })),
    reviews: live
      .filter((t) => t.activity === 'thematic-review')
      .sort((a, b) => a.occurrence - b.occurrence)
      .map((t) => {
        const review = reviews.find((r) => r.id === reviewId(year, t.occurrence));
        return { slot: t.occurrence, theme: review?.theme ?? null, due: t.due, status: TASK_STATUS_LABELS[t.status] };
      }),
  };
}

export async function changeAuditPlan(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>, save: boolean): Promise<AuditPlanChangeDto> {
  mayAdminister(ctx.viewer);
  const { audits } = servicesOf(deps);
  const year = yearOf(deps, body.year);
  if (body.change === undefined) throw badRequest('Send the change to the rules as "change": rules, maxDuePerAuditorPerWeek or closedDays.');
  const outcome = save ? await audits.saveRules(body.change, year) : await audits.previewRules(body.change, year);
  if (save) await deps.framework?.settleTasks([year]);
  return { ...outcome, saved: save };
}

export async function replan(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<ReplanDto> {
  mayAdminister(ctx.viewer);
  const { audits } = servicesOf(deps);
  // Said, not assumed: planning changes the programme of a whole year.
  if (body.year === undefined) throw badRequest('Say which year to plan again ("year", e.g. 2026 for April 2026 – March 2027).');
  const year = yearOf(deps, body.year);
  const outcome = await audits.plan(year);
  await deps.framework?.settleTasks([year]);
  const people = new Map(ctx.organisation.people.map((p) => [p.id as string, p.displayName]));
  const rules = await audits.rules();
  return { year, added: outcome.added, cancelled: outcome.cancelled, kept: outcome.kept, findings: outcome.findings.map((f) => describeFinding(f, (id) => people.get(id) ?? id, rules)) };
}
