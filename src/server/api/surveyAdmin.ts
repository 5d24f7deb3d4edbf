import type { QuestionnaireSummary } from '../../app/questionnaires';
import { can } from '../../domain/access';
import { describeAudience, EVERYONE, peopleIn, SURVEY_ROLES } from '../../domain/organisation/audience';
import { ROLE_LABELS } from '../../domain/access';
import { DEFAULT_PLAN } from '../../domain/outbox/types';
import { ABOUT_YOU_QUESTIONS } from '../../domain/survey/bank';
import { CUSTOM_QUESTION_KIND_LABELS, CUSTOM_QUESTION_KINDS } from '../../domain/survey/authoring';
import type { Condition, Question } from '../../domain/survey/types';
import type { Cycle } from '../../ports/stores';
import type { ApiDeps, RequestContext } from './context';
import { cycleDto } from './healthCheck';
import { ApiError, badRequest, forbidden, notFound } from './respond';
import type {
  AudienceChoicesDto,
  BankQuestionDto,
  CardPreviewDto,
  CycleDto,
  CycleSettingsDto,
  OpenCycleDto,
  PublishCycleDto,
  QuestionBankDto,
  QuestionnaireDto,
  QuestionnaireListDto,
  QuestionnaireSummaryDto,
} from './types';

/**
 * Running surveys from the tab (docs/adr/0021-questionnaires-as-a-registry.md): the
 * questionnaire registry (the Health Check, the templates, the PSW's own pulses) and a
 * cycle's life (draft, settings, preview, open, close, publish). For the PSW and admins only.
 * Every refusal comes from the same use cases `phc` calls, field by field.
 */

function manage(ctx: RequestContext): void {
  if (!can(ctx.viewer, 'manage-cycles')) throw forbidden('Surveys are made and run by the Principal Social Worker or an admin.');
}

const text = (v: unknown, what: string): string | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw badRequest(`The ${what} must be text.`);
  return v.trim();
};

function summaryDto(s: QuestionnaireSummary): QuestionnaireSummaryDto {
  return { ...s };
}

export async function list(deps: ApiDeps, ctx: RequestContext): Promise<QuestionnaireListDto> {
  manage(ctx);
  return { questionnaires: (await deps.app.questionnaires.list()).map(summaryDto) };
}

function conditionText(c: Condition, question: (id: string) => Question | undefined): string {
  if ('all' in c) return c.all.map((x) => conditionText(x, question)).join(' and ');
  if ('any' in c) return c.any.map((x) => conditionText(x, question)).join(' or ');
  if ('not' in c) return `not ${conditionText(c.not, question)}`;
  return question(c.question)?.text ?? c.question;
}

export function bank(deps: ApiDeps, ctx: RequestContext): QuestionBankDto {
  manage(ctx);
  const entries = deps.app.questionnaires.bank();
  const byId = (id: string) => entries.find((e) => e.question.id === id)?.question;
  const topics: { topic: string; questions: BankQuestionDto[] }[] = [];
  for (const { question, topic, inHealthCheck } of entries) {
    let group = topics.find((t) => t.topic === topic);
    if (!group) topics.push((group = { topic, questions: [] }));
    const answers =
      question.kind === 'scale' ? [`${question.min} (${question.minLabel})`, `${question.max} (${question.maxLabel})`] : question.kind === 'text' ? [] : question.options.map((o) => o.label);
    group.questions.push({
      id: question.id,
      text: question.text,
      kind: question.kind,
      answers,
      inHealthCheck,
      aboutYou: ABOUT_YOU_QUESTIONS.includes(question.id),
      ...(question.showIf ? { dependsOn: conditionText(question.showIf, byId) } : {}),
    });
  }
  return { topics, customKinds: CUSTOM_QUESTION_KINDS.map((kind) => ({ kind, label: CUSTOM_QUESTION_KIND_LABELS[kind] })) };
}

async function questionnaireDto(deps: ApiDeps, ctx: RequestContext, id: string): Promise<QuestionnaireDto> {
  const found = await deps.app.questionnaires.find(id);
  if (!found) throw notFound(`There is no survey "${id}".`);
  const summary = (await deps.app.questionnaires.list()).find((s) => s.id === id);
  if (!summary) throw notFound(`There is no survey "${id}".`);
  const cycles = (await deps.app.cycles.list()).filter((c) => c.kind === 'live' && c.surveyId === id).map((c) => cycleDto(c, deps, ctx.viewer));
  return { questionnaire: found.questionnaire, summary: summaryDto(summary), cycles };
}

export async function get(deps: ApiDeps, ctx: RequestContext, id: string): Promise<QuestionnaireDto> {
  manage(ctx);
  return questionnaireDto(deps, ctx, id);
}

export async function copy(deps: ApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<QuestionnaireDto> {
  manage(ctx);
  const from = text(body.from, 'template to copy') ?? '';
  const id = text(body.id, 'survey id') ?? '';
  const made = await deps.app.questionnaires.copy({ from, id, title: text(body.title, 'title') }, ctx.viewer.person.id);
  return questionnaireDto(deps, ctx, made.id);
}

export async function edit(deps: ApiDeps, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<QuestionnaireDto> {
  manage(ctx);
  if (!(await deps.app.questionnaires.find(id))) throw notFound(`There is no survey "${id}".`);
  if (typeof body.version !== 'number') throw badRequest('Send the version you changed ("version"), so that nobody else\'s changes are overwritten.');
  const saved = await deps.app.questionnaires.edit(id, { version: body.version, edits: body.edits }, ctx.viewer.person.id);
  return questionnaireDto(deps, ctx, saved.id);
}

// ───────────────────────────── cycles ─────────────────────────────

async function settingsDto(deps: ApiDeps, ctx: RequestContext, cycle: Cycle): Promise<CycleSettingsDto> {
  const questionnaire = await deps.app.questionnaires.find(cycle.surveyId);
  const audience = cycle.audience ?? EVERYONE;
  const plan = cycle.plan ?? DEFAULT_PLAN;
  return {
    cycle: cycleDto(cycle, deps, ctx.viewer),
    surveyTitle: questionnaire?.questionnaire.title ?? cycle.surveyId,
    surveyVersion: cycle.surveyVersion,
    audience,
    audienceText: describeAudience(audience, ctx.organisation),
    audienceSize: peopleIn(audience, ctx.organisation).length,
    reminders: plan.cadence,
    workingHours: plan.workingHours,
    editable: cycle.kind === 'live' && cycle.status === 'draft',
  };
}

async function liveCycle(deps: ApiDeps, id: string): Promise<Cycle> {
  const cycle = await deps.app.cycles.find(id);
  if (!cycle) throw notFound(`There is no cycle "${id}".`);
  return cycle;
}

/** Who a cycle can ask: everyone, each team, each role, with how many people each is now. */
export function audiences(ctx: RequestContext): AudienceChoicesDto {
  manage(ctx);
  const org = ctx.organisation;
  return {
    everyone: peopleIn(EVERYONE, org).length,
    teams: org.teams.map((t) => ({ id: t.id, name: t.name, people: peopleIn({ kind: 'teams', teamIds: [t.id] }, org).length })),
    roles: SURVEY_ROLES.map((r) => ({ id: r, label: ROLE_LABELS[r], people: peopleIn({ kind: 'roles', roles: [r] }, org).length })),
  };
}

export async function cycle(deps: ApiDeps, ctx: RequestContext, id: string): Promise<CycleSettingsDto> {
  manage(ctx);
  return settingsDto(deps, ctx, await liveCycle(deps, id));
}

export async function createCycle(deps: ApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<CycleSettingsDto> {
  manage(ctx);
  return settingsDto(deps, ctx, await deps.app.cycles.create(body));
}

export async function updateCycle(deps: ApiDeps, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<CycleSettingsDto> {
  manage(ctx);
  await liveCycle(deps, id);
  return settingsDto(deps, ctx, await deps.app.cycles.update(id, body));
}

export async function preview(deps: ApiDeps, ctx: RequestContext, id: string): Promise<CardPreviewDto> {
  manage(ctx);
  const found = await liveCycle(deps, id);
  if (found.kind !== 'live') throw badRequest(`${found.title} is published history: nobody is sent cards for it.`);
  if (!deps.previewCards) throw new ApiError(503, 'Cards cannot be previewed from this server.');
  return { cards: await deps.previewCards(found) };
}

export async function openCycle(deps: ApiDeps, ctx: RequestContext, id: string): Promise<OpenCycleDto> {
  manage(ctx);
  await liveCycle(deps, id);
  if (!deps.openDraft) throw new ApiError(503, 'Cycles cannot be opened from this server (it has no outbox for the invitations); use phc cycle open.');
  const { cycle: opened, queued } = await deps.openDraft(id);
  return { cycle: cycleDto(opened, deps, ctx.viewer), queued: { audience: queued.audience, invitations: queued.invitations, reminders: queued.reminders } };
}

export async function closeCycle(deps: ApiDeps, ctx: RequestContext, id: string): Promise<CycleDto> {
  manage(ctx);
  await liveCycle(deps, id);
  return cycleDto(await deps.app.cycles.close(id), deps, ctx.viewer);
}

export async function publish(deps: ApiDeps, ctx: RequestContext, id: string): Promise<PublishCycleDto> {
  manage(ctx);
  await liveCycle(deps, id);
  if (!deps.publish) throw new ApiError(503, 'Results cannot be published from this server (it has no outbox to tell staff); use phc cycle publish.');
  const { cycle: published, notices } = await deps.publish(id);
  return { cycle: cycleDto(published, deps, ctx.viewer), notices };
}
