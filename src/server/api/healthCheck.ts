import { explainRate } from '../../domain/results/responseRate';
import { formatPrevious } from '../../domain/results/format';
import { BREAKDOWNS, type BreakdownBy, type BreakdownResults, type CycleResults, type QuestionResult } from '../../domain/results/types';
import { breakdownAccess, can, teamInScope, type Viewer } from '../../domain/access';
import { describeAudience } from '../../domain/organisation/audience';
import { findQuestion } from '../../domain/survey/rules';
import { yearOf } from '../../app/results';
import type { Cycle } from '../../ports/stores';
import type { ApiDeps as TabApiDeps, RequestContext } from './context';
import { ApiError, badRequest, forbidden } from './respond';
import type { ChangeDto, ChangesDto, CycleDto, OpenCycleDto, QuestionsDto, RateGrowthDto, ResponseRateDto, ResultsDto, TrendPoint, TrendSeries, TrendsDto } from './types';

/**
 * Whether the viewer may read a cycle's results: history always; a closed live cycle once its
 * results are published, and before that only to those who check them first (ADR 0021).
 */
export function resultsVisible(cycle: Cycle, viewer: Viewer | undefined): boolean {
  if (cycle.kind === 'published') return true;
  if (cycle.status !== 'closed') return false;
  return cycle.publishedOn !== undefined || (viewer !== undefined && can(viewer, 'view-unpublished-results'));
}

export function cycleDto(cycle: Cycle, deps?: Pick<TabApiDeps, 'app'>, viewer?: Viewer): CycleDto {
  return {
    id: cycle.id,
    title: cycle.title,
    kind: cycle.kind,
    status: cycle.status,
    opensOn: cycle.opensOn,
    closesOn: cycle.closesOn,
    year: yearOf(cycle),
    threshold: cycle.threshold,
    textThreshold: cycle.textThreshold,
    hasResults: viewer ? resultsVisible(cycle, viewer) : cycle.kind === 'published' || cycle.status === 'closed',
    surveyId: cycle.surveyId,
    ...(deps ? { surveyKind: cycle.surveyId === deps.app.questionnaire.id ? 'health-check' : 'pulse' } : {}),
    publishedOn: cycle.publishedOn ?? null,
  };
}

export async function cycles(deps: TabApiDeps, ctx: RequestContext): Promise<CycleDto[]> {
  const manager = can(ctx.viewer, 'manage-cycles');
  // Drafts are the PSW's work in progress: nobody else is shown them.
  return (await deps.app.cycles.list()).filter((c) => manager || c.status !== 'draft').map((c) => cycleDto(c, deps, ctx.viewer));
}

/** 403 unless the viewer may read this cycle's results now (see `resultsVisible`). */
function mustSeeResults(cycle: Cycle, viewer: Viewer): void {
  if (cycle.kind === 'live' && cycle.status === 'closed' && !resultsVisible(cycle, viewer)) {
    throw forbidden(`The results of ${cycle.title} have not been published to staff yet: the Principal Social Worker publishes them once they are checked.`);
  }
}

export function parseBy(raw: string | null): BreakdownBy | undefined {
  if (raw === null || raw === '') return undefined;
  if (!(BREAKDOWNS as readonly string[]).includes(raw)) throw badRequest(`"by" must be one of ${BREAKDOWNS.join(', ')}.`);
  return raw as BreakdownBy;
}

/** Comments are people's own words: only for those allowed, and never beside a group. */
function withoutComments(q: QuestionResult): QuestionResult {
  if (q.comments === undefined) return q;
  const { comments: _omit, ...rest } = q;
  return rest;
}

/**
 * Results as the viewer may see them: the domain's suppressed aggregates, cut to the groups
 * in their scope, free text removed unless they may read it. Nothing is added here.
 */
export async function results(deps: TabApiDeps, ctx: RequestContext, cycleId: string, by: BreakdownBy | undefined): Promise<ResultsDto> {
  const { viewer } = ctx;
  let showGroup: (id: string) => boolean = () => true;
  if (by !== undefined) {
    const decision = breakdownAccess(viewer, by);
    if (!decision.ok) throw forbidden(decision.reason);
    showGroup = decision.showGroup;
  }
  const cycle = await deps.app.cycles.require(cycleId);
  mustSeeResults(cycle, viewer);
  const raw = await deps.resultsOf(cycle, by);
  // Whole-cycle results only: beside a breakdown, a comment reads as that group's.
  const comments = can(viewer, 'view-comments') && by === undefined;
  const questions = comments ? raw.questions : raw.questions.map(withoutComments);
  let out: CycleResults | BreakdownResults = { ...raw, questions };
  let scopedOut: number | undefined;
  if ('groups' in raw) {
    const groups = raw.groups.filter((g) => showGroup(g.id)).map((g) => ({ ...g, questions: g.questions.map(withoutComments) }));
    scopedOut = raw.groups.length - groups.length;
    out = { ...raw, questions, groups };
  }
  const questionnaire = await deps.app.cycles.questionnaireOf(cycle);
  const pulse = cycle.surveyId !== deps.app.questionnaire.id;
  return {
    cycle: cycleDto(cycle, deps, viewer),
    sections: questionnaire.sections.map((s) => ({ id: s.id, title: s.title })),
    ...(pulse ? { asked: describeAudience(cycle.audience, ctx.organisation) } : {}),
    results: out,
    lines: linesOf(questions),
    ...(scopedOut ? { scopedOut } : {}),
    ...(by === undefined ? { breakdownsOffered: await offeredBreakdowns(deps, ctx, cycle) } : {}),
  };
}

/**
 * The breakdowns worth offering this viewer: those they may open in which at least one group
 * of their scope is shown (a breakdown whose groups would all be hidden is not offered).
 */
async function offeredBreakdowns(deps: TabApiDeps, ctx: RequestContext, cycle: Cycle): Promise<BreakdownBy[]> {
  if (cycle.kind !== 'live' || cycle.status !== 'closed') return [];
  const offered: BreakdownBy[] = [];
  for (const by of BREAKDOWNS) {
    const decision = breakdownAccess(ctx.viewer, by);
    if (!decision.ok) continue;
    const raw = await deps.resultsOf(cycle, by);
    if ('groups' in raw && raw.groups.some((g) => decision.showGroup(g.id) && g.respondents !== null && g.respondents > 0)) offered.push(by);
  }
  return offered;
}

/** "65% say their caseload is fair and manageable (73% in 2022, 81% in 2019, 43% in 2017)". */
export function linesOf(questions: readonly QuestionResult[]): Record<string, string> {
  const lines: Record<string, string> = {};
  for (const q of questions) {
    if (q.suppressed || !q.headline) continue;
    lines[q.id] = `${q.headline.percent}% ${q.resultText}${formatPrevious(q.headline.previous)}`;
  }
  return lines;
}

/** Cycles whose results the viewer may read, oldest first: the Health Check's, or every survey's (`surveyId` undefined). */
async function withResults(deps: TabApiDeps, viewer: Viewer, surveyId: string | undefined): Promise<Cycle[]> {
  const all = await deps.app.cycles.list();
  return all.filter((c) => (surveyId === undefined || c.surveyId === surveyId) && resultsVisible(c, viewer)).sort((a, b) => (a.opensOn < b.opensOn ? -1 : a.opensOn > b.opensOn ? 1 : 0));
}

/** How a trend or a comparison names a cycle: its year for the Health Check, its title for a pulse. */
function labelOf(deps: TabApiDeps, cycle: Cycle): string {
  return cycle.surveyId === deps.app.questionnaire.id ? `${yearOf(cycle)} Health Check` : cycle.title;
}

/**
 * Headline figure of each question (or each option where it has none), cycle by cycle,
 * oldest first. With `cycle` naming a pulse: its questions, across every survey that asked
 * each (earlier pulses and the Health Checks); otherwise the Health Check's, across its years.
 */
export async function trends(deps: TabApiDeps, ctx: RequestContext, questionId: string | null, cycleId: string | null = null): Promise<TrendsDto> {
  const of = cycleId === null ? undefined : await deps.app.cycles.require(cycleId);
  if (of) mustSeeResults(of, ctx.viewer);
  const pulse = of !== undefined && of.surveyId !== deps.app.questionnaire.id;
  const questionnaire = of ? await deps.app.cycles.questionnaireOf(of) : deps.app.questionnaire;
  const questions = questionnaire.sections.flatMap((s) => s.questions.map((q) => ({ ...q, section: s.id })));
  if (questionId !== null && !questions.some((q) => q.id === questionId)) throw badRequest(`There is no question "${questionId}" in the ${questionnaire.title}.`);
  const candidates = await withResults(deps, ctx.viewer, pulse ? undefined : deps.app.questionnaire.id);
  // Beside a pulse: the surveys that asked the question (a question of its own: its own runs only).
  const list: Cycle[] = [];
  for (const c of candidates) {
    if (!pulse || !of) {
      list.push(c);
      continue;
    }
    if (c.opensOn > of.opensOn) continue;
    const theirs = await deps.app.cycles.questionnaireOf(c);
    const asks = questionId === null ? questions.some((q) => findQuestion(theirs, q.id)) : findQuestion(theirs, questionId) !== undefined;
    if (asks && (c.surveyId === of.surveyId || questions.some((q) => findQuestion(theirs, q.id) && isShared(q.id, deps)))) list.push(c);
  }
  const perCycle = await Promise.all(list.map(async (c) => ({ cycle: c, results: (await deps.resultsOf(c)) as CycleResults })));
  const series: TrendSeries[] = [];
  for (const q of questions) {
    if (questionId !== null && q.id !== questionId) continue;
    if (q.kind === 'text' || q.kind === 'scale') continue;
    const lineKeys: { optionId: string | null; label: string }[] = q.headline ? [{ optionId: null, label: q.headline.label }] : q.options.map((o) => ({ optionId: o.id, label: o.label }));
    for (const key of lineKeys) {
      const points: TrendPoint[] = perCycle.map(({ cycle, results: r }) => {
        const base = { cycle: cycle.id, year: yearOf(cycle), ...(pulse ? { label: labelOf(deps, cycle), opensOn: cycle.opensOn } : {}) };
        if (pulse && of && cycle.surveyId !== of.surveyId && !isShared(q.id, deps)) return { ...base, percent: null, note: "A question of this pulse's own: not asked there." };
        if (r.suppressed) return { ...base, percent: null, note: r.suppressed };
        const result = r.questions.find((x) => x.id === q.id);
        if (!result) return { ...base, percent: null, note: 'Not asked that year.' };
        if (result.suppressed) return { ...base, percent: null, note: result.suppressed };
        const hidden = result.hiddenOptions?.find((o) => o.id === key.optionId);
        if (hidden) return { ...base, percent: null, note: hidden.suppressed };
        const percent = key.optionId === null ? result.headline?.percent : result.options.find((o) => o.id === key.optionId)?.percent;
        return percent === undefined ? { ...base, percent: null, note: 'Not published for that year.' } : { ...base, percent };
      });
      if (points.every((p) => p.percent === null)) continue;
      series.push({ questionId: q.id, section: q.section, text: q.text, label: key.label, optionId: key.optionId, points });
    }
  }
  return { cycles: list.map((c) => cycleDto(c, deps, ctx.viewer)), series };
}

/** A bank question: the same question wherever it is asked, so its figures compare across surveys. */
function isShared(questionId: string, deps: TabApiDeps): boolean {
  return deps.app.questionnaires.bank().some((e) => e.question.id === questionId);
}

/**
 * The largest rises and falls of headline figures since the cycle before: the Health Check
 * before, or beside a pulse the most recent earlier survey with figures to compare.
 */
export async function changes(deps: TabApiDeps, ctx: RequestContext, cycleId: string, rawLimit: string | null): Promise<ChangesDto> {
  const limit = rawLimit === null ? 5 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw badRequest('"limit" must be a whole number from 1 to 50.');
  const cycle = await deps.app.cycles.require(cycleId);
  mustSeeResults(cycle, ctx.viewer);
  const pulse = cycle.surveyId !== deps.app.questionnaire.id;
  const list = await withResults(deps, ctx.viewer, pulse ? undefined : deps.app.questionnaire.id);
  const r = (await deps.resultsOf(cycle)) as CycleResults;
  const earlierIds = pulse ? new Set(r.questions.flatMap((q) => q.headline?.previous.map((p) => p.cycle) ?? [])) : undefined;
  const before = list.filter((c) => c.opensOn < cycle.opensOn && (!earlierIds || earlierIds.has(c.id))).at(-1);
  if (!before || r.suppressed) return { cycle: cycle.id, comparedWith: null, rises: [], falls: [] };
  const all: ChangeDto[] = [];
  for (const q of r.questions) {
    if (q.suppressed || !q.headline) continue;
    const previous = q.headline.previous.find((p) => p.cycle === before.id);
    if (!previous) continue;
    all.push({
      questionId: q.id,
      section: q.section,
      text: q.text,
      resultText: q.resultText,
      label: q.headline.label,
      percent: q.headline.percent,
      previousPercent: previous.percent,
      previousYear: pulse ? labelOf(deps, before) : previous.year,
      change: q.headline.percent - previous.percent,
    });
  }
  const rises = all
    .filter((c) => c.change > 0)
    .sort((a, b) => b.change - a.change || a.questionId.localeCompare(b.questionId))
    .slice(0, limit);
  const falls = all
    .filter((c) => c.change < 0)
    .sort((a, b) => a.change - b.change || a.questionId.localeCompare(b.questionId))
    .slice(0, limit);
  return { cycle: cycle.id, comparedWith: before.id, ...(pulse ? { comparedWithLabel: labelOf(deps, before) } : {}), rises, falls };
}

/** Response rate: overall for everyone, teams only within the viewer's aggregate scope. */
export async function responseRate(deps: TabApiDeps, ctx: RequestContext, cycleId: string): Promise<ResponseRateDto> {
  const report = await deps.responseRate.rate(cycleId);
  const reason = (hidden: Parameters<typeof explainRate>[0] | undefined) => (hidden ? { hiddenReason: explainRate(hidden, report.threshold) } : {});
  const scope = ctx.viewer.aggregateScope;
  return {
    ...report,
    overall: { ...report.overall, ...reason(report.overall.hidden) },
    teams: report.teams.filter((t) => teamInScope(scope, t.id)).map((t) => ({ ...t, ...reason(t.hidden) })),
  };
}

/** The overall response rate day by day, this cycle beside the one before: overall only, so open to everyone who sees the rate. */
export async function responseRateGrowth(deps: TabApiDeps, cycleId: string): Promise<RateGrowthDto> {
  const report = await deps.responseRate.growth(cycleId);
  return {
    ...report,
    series: report.series.map((s) => ({
      ...s,
      points: s.points.map((p) => ({ ...p, figure: { ...p.figure, ...(p.figure.hidden ? { hiddenReason: explainRate(p.figure.hidden, report.threshold) } : {}) } })),
    })),
  };
}

/** The questions as people read them, by section: what a page offers to choose from instead of ids. */
export function questions(deps: TabApiDeps): QuestionsDto {
  return { sections: deps.app.questionnaire.sections.map((s) => ({ id: s.id, title: s.title, questions: s.questions.map((q) => ({ id: q.id, text: q.text })) })) };
}

function manage(ctx: RequestContext): void {
  if (!can(ctx.viewer, 'manage-cycles')) throw forbidden('Survey cycles are opened and closed by the Principal Social Worker or an admin.');
}

const optionalText = (v: unknown, what: string): string | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw badRequest(`The ${what} must be text.`);
  return v.trim();
};
const optionalNumber = (v: unknown, what: string): number | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'number') throw badRequest(`The ${what} must be a whole number.`);
  return v;
};

/** Opens a cycle and queues its invitations, as `phc cycle open` (the same checks and words). */
export async function openCycle(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<OpenCycleDto> {
  manage(ctx);
  if (!deps.openCycle) throw new ApiError(503, 'Cycles cannot be opened from this server (it has no outbox for the invitations); use phc cycle open.');
  const id = optionalText(body.id, 'cycle id');
  const closesOn = optionalText(body.closesOn, 'closing date');
  if (!id || !closesOn) throw badRequest('Give the cycle an id (e.g. 2027-28) and a closing date (YYYY-MM-DD).');
  const opensOn = optionalText(body.opensOn, 'opening date');
  const title = optionalText(body.title, 'title');
  const threshold = optionalNumber(body.threshold, 'threshold');
  const textThreshold = optionalNumber(body.textThreshold, 'free-text threshold');
  const { cycle, queued } = await deps.openCycle({
    id,
    closesOn,
    ...(opensOn ? { opensOn } : {}),
    ...(title ? { title } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(textThreshold !== undefined ? { textThreshold } : {}),
  });
  return { cycle: cycleDto(cycle, deps, ctx.viewer), queued: { audience: queued.audience, invitations: queued.invitations, reminders: queued.reminders } };
}

export async function closeCycle(deps: TabApiDeps, ctx: RequestContext, cycleId: string): Promise<CycleDto> {
  manage(ctx);
  return cycleDto(await deps.app.cycles.close(cycleId), deps, ctx.viewer);
}
