import { can } from '../../domain/access';
import { inAudience } from '../../domain/organisation/audience';
import { asCycleId } from '../../domain/shared/brand';
import type { Cycle } from '../../ports/stores';
import { mustBe, type RequestContext, type TabApiDeps } from './context';
import { cycleDto } from './healthCheck';
import { badRequest } from './respond';
import type { OpenSurveyDto, SaveSurveyStepDto, SubmitSurveyDto } from './types';

/** The open cycles the viewer is asked to answer: the Health Check, and any pulse whose audience they are in. */
async function openCycles(deps: TabApiDeps, ctx: RequestContext): Promise<Cycle[]> {
  return (await deps.app.cycles.list()).filter((c) => c.kind === 'live' && c.status === 'open' && inAudience(c.audience, ctx.viewer.person));
}

/**
 * The open survey (the one asked for with `?cycle=`, else the Health Check's, else the first)
 * and the viewer's own draft, through the same SurveyService as the bot: the person's id
 * becomes the cycle's participation key there and goes no further.
 */
export async function open(deps: TabApiDeps, ctx: RequestContext): Promise<OpenSurveyDto> {
  const all = await openCycles(deps, ctx);
  const asked = ctx.url.searchParams.get('cycle');
  const cycle = asked ? all.find((c) => c.id === asked) : (all.find((c) => c.surveyId === deps.app.questionnaire.id) ?? all[0]);
  const choices = all.map((c) => cycleDto(c, deps, ctx.viewer));
  const promise = cycle
    ? `Your answers are anonymous: they are stored without your name or any link to you, and results are shown only for groups of ${cycle.threshold} or more (free-text comments ${cycle.textThreshold} or more).`
    : 'There is no survey open just now.';
  if (!cycle) return { cycle: null, questionnaire: null, status: 'not-started', draft: null, promise, choices };
  const { status, draft } = await deps.app.survey.status(cycle.id, ctx.viewer.person.id);
  return {
    cycle: cycleDto(cycle, deps, ctx.viewer),
    choices,
    questionnaire: await deps.app.cycles.questionnaireOf(cycle),
    status: status ?? 'not-started',
    draft: draft ? { answers: draft.answers, sectionIndex: draft.sectionIndex, savedOn: draft.savedOn } : null,
    promise,
  };
}

function mayAnswer(ctx: RequestContext): void {
  mustBe(can(ctx.viewer, 'take-survey'), 'The Health Check is answered by practitioners and team managers; service managers and the Principal Social Worker are not asked.');
}

function answersOf(body: Record<string, unknown>, required: boolean): unknown {
  if (body.answers === undefined && !required) return {};
  if (typeof body.answers !== 'object' || body.answers === null || Array.isArray(body.answers)) throw badRequest('Send the answers as an object, by question id.');
  return body.answers;
}

export async function saveStep(deps: TabApiDeps, ctx: RequestContext, cycleId: string, body: Record<string, unknown>): Promise<SaveSurveyStepDto> {
  mayAnswer(ctx);
  const cycle = await deps.app.cycles.find(cycleId);
  const sections = (cycle ? await deps.app.cycles.questionnaireOf(cycle) : deps.app.questionnaire).sections;
  const sectionIndex = body.sectionIndex;
  if (typeof sectionIndex !== 'number' || !Number.isInteger(sectionIndex) || sectionIndex < 0 || sectionIndex >= sections.length) {
    throw badRequest(`"sectionIndex" must be the number of the section (0 to ${sections.length - 1}).`);
  }
  const requireSection = body.requireSection;
  if (requireSection !== undefined && (typeof requireSection !== 'string' || !sections.some((s) => s.id === requireSection))) {
    throw badRequest('"requireSection" must be the id of a section of the survey.');
  }
  const outcome = await deps.app.survey.saveDraft(asCycleId(cycleId), ctx.viewer.person.id, answersOf(body, true), sectionIndex, requireSection as string | undefined);
  if (!outcome.ok)
    throw badRequest(outcome.errors.length === 1 ? 'Please check the answer marked.' : `Please check the ${outcome.errors.length} answers marked.`, {
      answerErrors: outcome.errors,
      details: outcome.errors.map((e) => e.message),
    });
  return { ok: true, answers: outcome.answers, ...(outcome.screened ? { screened: outcome.screened.map((x) => ({ questionId: x.questionId, note: x.note })) } : {}) };
}

export async function submit(deps: TabApiDeps, ctx: RequestContext, cycleId: string, body: Record<string, unknown>): Promise<SubmitSurveyDto> {
  mayAnswer(ctx);
  const outcome = await deps.app.survey.submit(asCycleId(cycleId), ctx.viewer.person.id, answersOf(body, false));
  if (!outcome.ok)
    throw badRequest(outcome.errors.length === 1 ? 'Please check the answer marked.' : `Please check the ${outcome.errors.length} answers marked.`, {
      answerErrors: outcome.errors,
      details: outcome.errors.map((e) => e.message),
    });
  return { ok: true, outcome: outcome.outcome };
}
