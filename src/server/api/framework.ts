import type { FrameworkServices } from '../../app/app';
import { ActionNotFound } from '../../app/actionPlan';
import { can, ROLE_LABELS, type Viewer } from '../../domain/access';
import { STATUS_LABELS as ACTION_STATUS_LABELS } from '../../domain/actionPlan/types';
import { councilYearOf } from '../../domain/audit/plan/calendar';
import { APPENDIX_5_THEMES } from '../../domain/framework/appendix5';
import { ALL_ROLES, FOCUS_GROUP_PURPOSES, FOCUS_GROUP_STATUS_LABELS, PURPOSE_LABELS, type FocusGroup } from '../../domain/framework/focusGroups';
import { EVIDENCE_SOURCE_LABELS, KIND_ACTIVITY, KIND_TITLES, RATING_LABELS, RATINGS, SELF_ASSESSMENT_STATUS_LABELS, type SelfAssessment } from '../../domain/framework/selfAssessment';
import {
  COVERAGE_LABELS,
  MAX_REVIEWS_A_YEAR,
  METHOD_LABELS,
  missingCoverage,
  REASON_LABELS,
  REVIEW_COVERAGE,
  REVIEW_METHODS,
  REVIEW_REASONS,
  REVIEW_STAGES,
  REVIEW_STATUS_LABELS,
  reviewId,
  STAGE_TITLES,
  statusOf,
  type ThematicReview,
} from '../../domain/framework/thematicReviews';
import { dateOf } from '../../domain/shared/brand';
import { allAuditTasks } from '../../ports/audits';
import { mustBe, type RequestContext, type TabApiDeps } from './context';
import { badRequest, notFound } from './respond';
import type { FocusGroupDto, FocusGroupListDto, FocusGroupSummaryDto, ReviewDto, ReviewYearDto, SelfAssessmentDto, SelfAssessmentPageDto } from './types';

/**
 * Focus groups, thematic reviews and the self-assessments in the tab. The records are
 * organisational, so they follow the audits' rule for an organisational audit: the PSW and
 * admins see and run them all, the management team sees them all (and endorses the
 * self-assessments), and anyone else sees the ones they take part in: the focus groups they
 * facilitate, the reviews they lead or are in the group of. Who was invited and what they
 * replied (named) is for the PSW, admins and the facilitator; everyone else gets numbers.
 * A record a viewer may not see answers 404, as one that does not exist.
 */

const FRAMEWORK_ONLY = 'Focus groups and thematic reviews are for supervisors, managers, the Principal Social Worker and the management team.';

function servicesOf(deps: TabApiDeps): FrameworkServices {
  if (!deps.framework) throw notFound('Focus groups, thematic reviews and self-assessments are not set up on this server.');
  return deps.framework;
}

/** The PSW, admins and the management team: every framework record. */
const seesAll = (viewer: Viewer): boolean => viewer.scope.all || viewer.aggregateScope.all;
const manages = (viewer: Viewer): boolean => can(viewer, 'manage-framework');

function versionOf(body: Record<string, unknown>): number {
  const v = body.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw badRequest('Send back the version you read ("version"), so a change made meanwhile is not overwritten.');
  return v;
}

function yearParam(deps: TabApiDeps, raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return councilYearOf(dateOf(deps.clock.now()));
  const text = String(raw);
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2999)
    throw badRequest(`"year" must be the year the council year starts in, e.g. 2026 for April 2026 – March 2027, not "${text.slice(0, 20)}".`);
  return Number(text);
}

const nameIn =
  (ctx: RequestContext) =>
  (id: string): string =>
    ctx.organisation.people.find((p) => p.id === id)?.displayName ?? `${id} (not in the directory)`;

// ─────────────── focus groups ───────────────

const facilitates = (viewer: Viewer, g: Pick<FocusGroup, 'facilitatorId'>): boolean => g.facilitatorId === viewer.person.id;
const mayViewGroup = (viewer: Viewer, g: FocusGroup): boolean => seesAll(viewer) || facilitates(viewer, g);

async function summaryOf(services: FrameworkServices, ctx: RequestContext, g: FocusGroup): Promise<FocusGroupSummaryDto> {
  const invitations = await services.focusGroups.invitations(g.id);
  return {
    id: g.id,
    title: g.title,
    purpose: g.purpose,
    purposeLabel: PURPOSE_LABELS[g.purpose],
    date: g.date,
    time: g.time,
    place: g.place,
    facilitatorId: g.facilitatorId,
    facilitator: nameIn(ctx)(g.facilitatorId),
    status: g.status,
    statusLabel: FOCUS_GROUP_STATUS_LABELS[g.status],
    invited: invitations.length,
    coming: invitations.filter((i) => i.reply === 'coming').length,
    notComing: invitations.filter((i) => i.reply === 'not-coming').length,
    attended: g.attended,
    themes: g.themes.length,
  };
}

async function focusGroupDto(deps: TabApiDeps, ctx: RequestContext, g: FocusGroup): Promise<FocusGroupDto> {
  const services = servicesOf(deps);
  const { viewer } = ctx;
  const summary = await summaryOf(services, ctx, g);
  const named = viewer.scope.all || facilitates(viewer, g);
  const today = dateOf(deps.clock.now());
  const open = g.status === 'scheduled' || g.status === 'invited';
  const mayRecord = manages(viewer) || facilitates(viewer, g);
  return {
    ...summary,
    reviewId: g.reviewId,
    invitedTeams: g.invitedTeams,
    invitedRoles: g.invitedRoles,
    ...(named ? { invitations: (await services.focusGroups.invitations(g.id)).map((i) => ({ personId: i.personId, name: nameIn(ctx)(i.personId), reply: i.reply })) } : {}),
    notes: g.notes,
    keyThemes: g.themes.map((t) => ({ area: t.area, areaTitle: APPENDIX_5_THEMES.find((x) => x.id === t.area)?.title ?? t.area, summary: t.summary, actionId: t.actionId })),
    invitationsSentOn: g.invitationsSentOn,
    version: g.version,
    can: {
      reschedule: manages(viewer) && open,
      invite: manages(viewer) && open && g.date >= today,
      cancel: manages(viewer) && open,
      record: mayRecord && g.status !== 'cancelled',
      makeAction: mayRecord && can(viewer, 'edit-actions'),
    },
  };
}

async function visibleGroup(deps: TabApiDeps, ctx: RequestContext, id: string): Promise<FocusGroup> {
  mustBe(can(ctx.viewer, 'view-framework'), FRAMEWORK_ONLY);
  const group =
    id.length <= 100
      ? await servicesOf(deps)
          .focusGroups.get(id)
          .catch(() => undefined)
      : undefined;
  if (!group || !mayViewGroup(ctx.viewer, group)) throw notFound('That focus group could not be found.');
  return group;
}

export async function focusGroups(deps: TabApiDeps, ctx: RequestContext): Promise<FocusGroupListDto> {
  mustBe(can(ctx.viewer, 'view-framework'), FRAMEWORK_ONLY);
  const services = servicesOf(deps);
  const year = yearParam(deps, ctx.url.searchParams.get('year'));
  const groups = (await services.focusGroups.list(year)).filter((g) => mayViewGroup(ctx.viewer, g));
  return {
    year,
    today: dateOf(deps.clock.now()),
    groups: await Promise.all(groups.map((g) => summaryOf(services, ctx, g))),
    canSchedule: manages(ctx.viewer),
    appendix5: {
      themes: APPENDIX_5_THEMES.map((t) => ({
        id: t.id,
        title: t.title,
        questions: t.questions.map((q) => ({ id: q.id, number: q.number, text: q.text, ...(q.points ? { points: q.points } : {}) })),
      })),
    },
    purposes: FOCUS_GROUP_PURPOSES.map((id) => ({ id, label: PURPOSE_LABELS[id] })),
    teams: ctx.organisation.teams.map((t) => ({ id: t.id, name: t.name })),
    roles: ALL_ROLES.map((id) => ({ id, label: ROLE_LABELS[id] })),
  };
}

export async function focusGroup(deps: TabApiDeps, ctx: RequestContext, id: string): Promise<FocusGroupDto> {
  return focusGroupDto(deps, ctx, await visibleGroup(deps, ctx, id));
}

export async function scheduleFocusGroup(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<FocusGroupDto> {
  mustBe(manages(ctx.viewer), 'Focus groups are scheduled by the Principal Social Worker (or an admin).');
  const services = servicesOf(deps);
  return focusGroupDto(deps, ctx, await services.focusGroups.schedule(body, ctx.viewer.person.id));
}

export async function rescheduleFocusGroup(deps: TabApiDeps, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<FocusGroupDto> {
  await visibleGroup(deps, ctx, id);
  mustBe(manages(ctx.viewer), 'Focus groups are arranged by the Principal Social Worker (or an admin).');
  const services = servicesOf(deps);
  const { version: _v, ...change } = body;
  return focusGroupDto(deps, ctx, await services.focusGroups.reschedule(id, change, versionOf(body)));
}

export async function inviteFocusGroup(deps: TabApiDeps, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<FocusGroupDto & { readonly added: number }> {
  await visibleGroup(deps, ctx, id);
  mustBe(manages(ctx.viewer), 'Invitations are sent by the Principal Social Worker (or an admin).');
  const services = servicesOf(deps);
  const { group, added } = await services.focusGroups.invite(id, versionOf(body));
  // The bot sends them in the reminder pass: now, rather than in a quarter of an hour.
  deps.wakeReminders?.();
  return { ...(await focusGroupDto(deps, ctx, group)), added };
}

export async function cancelFocusGroup(deps: TabApiDeps, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<FocusGroupDto> {
  await visibleGroup(deps, ctx, id);
  mustBe(manages(ctx.viewer), 'Focus groups are cancelled by the Principal Social Worker (or an admin).');
  const services = servicesOf(deps);
  const group = await services.focusGroups.cancel(id, versionOf(body));
  deps.wakeReminders?.();
  return focusGroupDto(deps, ctx, group);
}

export async function recordFocusGroup(deps: TabApiDeps, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<FocusGroupDto> {
  const group = await visibleGroup(deps, ctx, id);
  mustBe(manages(ctx.viewer) || facilitates(ctx.viewer, group), "A focus group's notes are recorded by its facilitator or the Principal Social Worker.");
  const services = servicesOf(deps);
  const { version: _v, ...record } = body;
  return focusGroupDto(deps, ctx, await services.focusGroups.record(id, record, versionOf(body)));
}

export async function focusGroupThemeToAction(deps: TabApiDeps, ctx: RequestContext, id: string, rawIndex: string, body: Record<string, unknown>): Promise<FocusGroupDto> {
  const group = await visibleGroup(deps, ctx, id);
  mustBe(
    (manages(ctx.viewer) || facilitates(ctx.viewer, group)) && can(ctx.viewer, 'edit-actions'),
    'A theme is put in the action plan by its facilitator or the Principal Social Worker, if they write the action plan.',
  );
  if (!/^\d{1,2}$/.test(rawIndex)) throw notFound('There is no such theme.');
  const services = servicesOf(deps);
  const { group: saved } = await services.focusGroups.themeToAction(id, Number(rawIndex), { ownerId: body.ownerId, due: body.due }, ctx.viewer.person.id, versionOf(body));
  return focusGroupDto(deps, ctx, saved);
}

// ─────────────── thematic reviews ───────────────

const leads = (viewer: Viewer, r: Pick<ThematicReview, 'leadId'>): boolean => r.leadId === viewer.person.id;
const inGroup = (viewer: Viewer, r: Pick<ThematicReview, 'reviewGroup'>): boolean => r.reviewGroup.includes(viewer.person.id);
const mayViewReview = (viewer: Viewer, r: ThematicReview): boolean => seesAll(viewer) || leads(viewer, r) || inGroup(viewer, r);

function reviewDto(ctx: RequestContext, r: ThematicReview): ReviewDto {
  const name = nameIn(ctx);
  const { viewer } = ctx;
  const status = statusOf(r);
  return {
    id: r.id,
    year: r.year,
    slot: r.slot,
    theme: r.theme,
    reasons: r.reasons,
    covers: r.covers,
    scope: r.scope,
    objectives: r.objectives,
    methods: r.methods,
    methodology: r.methodology,
    leadId: r.leadId,
    lead: name(r.leadId),
    reviewGroup: r.reviewGroup.map((id) => ({ id, name: name(id) })),
    stages: REVIEW_STAGES.map((stage) => ({ stage, title: STAGE_TITLES[stage], due: r.stages[stage].due, completedOn: r.stages[stage].completedOn })),
    status,
    statusLabel: REVIEW_STATUS_LABELS[status],
    findings: r.findings,
    recommendations: r.recommendations,
    version: r.version,
    can: {
      plan: (manages(viewer) || leads(viewer, r)) && status !== 'completed',
      work: (manages(viewer) || leads(viewer, r) || inGroup(viewer, r)) && status !== 'completed',
      makeAction: (manages(viewer) || leads(viewer, r)) && can(viewer, 'edit-actions'),
    },
  };
}

async function visibleReview(deps: TabApiDeps, ctx: RequestContext, id: string): Promise<ThematicReview> {
  mustBe(can(ctx.viewer, 'view-framework'), FRAMEWORK_ONLY);
  const review =
    id.length <= 100
      ? await servicesOf(deps)
          .reviews.get(id)
          .catch(() => undefined)
      : undefined;
  if (!review || !mayViewReview(ctx.viewer, review)) throw notFound('That thematic review could not be found.');
  return review;
}

export async function reviewYear(deps: TabApiDeps, ctx: RequestContext): Promise<ReviewYearDto> {
  mustBe(can(ctx.viewer, 'view-framework'), FRAMEWORK_ONLY);
  const services = servicesOf(deps);
  const year = yearParam(deps, ctx.url.searchParams.get('year'));
  const [reviews, tasks] = await Promise.all([services.reviews.listYear(year), allAuditTasks(deps.auditTasks, year)]);
  const visible = reviews.filter((r) => mayViewReview(ctx.viewer, r));
  const planTasks = tasks.filter((t) => t.activity === 'thematic-review' && t.status !== 'cancelled');
  const all = seesAll(ctx.viewer);
  return {
    year,
    today: dateOf(deps.clock.now()),
    // The annual plan's four slots for those who see the whole programme; the reviews they take part in for everyone else.
    slots: Array.from({ length: MAX_REVIEWS_A_YEAR }, (_, i) => i + 1)
      .filter((slot) => all || visible.some((r) => r.slot === slot))
      .map((slot) => {
        const task = planTasks.find((t) => t.occurrence === slot);
        const review = visible.find((r) => r.id === reviewId(year, slot));
        return { slot, task: task ? { id: task.id, due: task.due, status: task.status } : null, review: review ? reviewDto(ctx, review) : null };
      }),
    missingCoverage: all ? missingCoverage(reviews).map((c) => COVERAGE_LABELS[c]) : [],
    canCreate: manages(ctx.viewer),
    choices: {
      reasons: REVIEW_REASONS.map((id) => ({ id, label: REASON_LABELS[id] })),
      methods: REVIEW_METHODS.map((id) => ({ id, label: METHOD_LABELS[id] })),
      covers: REVIEW_COVERAGE.map((id) => ({ id, label: COVERAGE_LABELS[id] })),
      stages: REVIEW_STAGES.map((id) => ({ id, title: STAGE_TITLES[id] })),
    },
  };
}

export async function review(deps: TabApiDeps, ctx: RequestContext, id: string): Promise<ReviewDto> {
  return reviewDto(ctx, await visibleReview(deps, ctx, id));
}

export async function createReview(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<ReviewDto> {
  mustBe(manages(ctx.viewer), 'Thematic reviews are planned by the Principal Social Worker (or an admin).');
  const year = yearParam(deps, body.year);
  const slot = body.slot;
  if (typeof slot !== 'number' || !Number.isInteger(slot)) throw badRequest(`Say which of the year's reviews this is ("slot", 1 to ${MAX_REVIEWS_A_YEAR}).`);
  const { year: _y, slot: _s, ...plan } = body;
  return reviewDto(ctx, await servicesOf(deps).reviews.create(year, slot, plan, ctx.viewer.person.id));
}

export async function updateReview(deps: TabApiDeps, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<ReviewDto> {
  const found = await visibleReview(deps, ctx, id);
  mustBe(manages(ctx.viewer) || leads(ctx.viewer, found), "A review's plan is changed by its lead or the Principal Social Worker.");
  const { version: _v, ...plan } = body;
  return reviewDto(ctx, await servicesOf(deps).reviews.update(id, plan, versionOf(body)));
}

async function mayWork(deps: TabApiDeps, ctx: RequestContext, id: string): Promise<ThematicReview> {
  const found = await visibleReview(deps, ctx, id);
  mustBe(
    manages(ctx.viewer) || leads(ctx.viewer, found) || inGroup(ctx.viewer, found),
    "A review's stages, findings and recommendations are recorded by its lead, its review group or the Principal Social Worker.",
  );
  return found;
}

export async function completeReviewStage(deps: TabApiDeps, ctx: RequestContext, id: string, stage: string, body: Record<string, unknown>): Promise<ReviewDto> {
  await mayWork(deps, ctx, id);
  const services = servicesOf(deps);
  const saved = await services.reviews.completeStage(id, stage, versionOf(body));
  // The last stage completes the quarter's task in the annual plan.
  await services.settleTasks([saved.year]);
  return reviewDto(ctx, saved);
}

export async function addReviewText(deps: TabApiDeps, ctx: RequestContext, id: string, kind: 'finding' | 'recommendation', body: Record<string, unknown>): Promise<ReviewDto> {
  await mayWork(deps, ctx, id);
  const services = servicesOf(deps);
  const saved = kind === 'finding' ? await services.reviews.addFinding(id, body.text, versionOf(body)) : await services.reviews.addRecommendation(id, body.text, versionOf(body));
  await services.settleTasks([saved.year]);
  return reviewDto(ctx, saved);
}

export async function recommendationToAction(deps: TabApiDeps, ctx: RequestContext, id: string, recommendationId: string, body: Record<string, unknown>): Promise<ReviewDto> {
  const found = await visibleReview(deps, ctx, id);
  mustBe((manages(ctx.viewer) || leads(ctx.viewer, found)) && can(ctx.viewer, 'edit-actions'), "A recommendation is put in the action plan by the review's lead or the Principal Social Worker.");
  const { review: saved } = await servicesOf(deps).reviews.recommendationToAction(id, recommendationId, { ownerId: body.ownerId, due: body.due }, ctx.viewer.person.id, versionOf(body));
  return reviewDto(ctx, saved);
}

// ─────────────── self-assessments ───────────────

const SELF_ASSESSMENT_ONLY = 'The self-assessments are for the Principal Social Worker, admins and the management team.';

async function assessmentDto(deps: TabApiDeps, ctx: RequestContext, a: SelfAssessment): Promise<SelfAssessmentDto> {
  const name = nameIn(ctx);
  const actionOf = async (id: string) => {
    try {
      const action = await deps.actions.get(id);
      return [{ id: action.id, what: action.what, status: ACTION_STATUS_LABELS[action.status], due: action.due }];
    } catch (error) {
      // Deleted from the action plan since: no longer listed.
      if (error instanceof ActionNotFound) return [];
      throw error;
    }
  };
  return {
    id: a.id,
    kind: a.kind,
    title: KIND_TITLES[a.kind],
    year: a.year,
    status: a.status,
    statusLabel: SELF_ASSESSMENT_STATUS_LABELS[a.status],
    evidenceOn: a.evidenceOn,
    submittedOn: a.submittedOn,
    submittedBy: a.submittedBy === null ? null : name(a.submittedBy),
    endorsedOn: a.endorsedOn,
    endorsedBy: a.endorsedBy === null ? null : name(a.endorsedBy),
    returnedNote: a.returnedNote,
    items: await Promise.all(
      a.items.map(async (i) => ({
        id: i.id,
        title: i.title,
        evidence: i.evidence.map((e) => ({ source: e.source, sourceLabel: EVIDENCE_SOURCE_LABELS[e.source], label: e.label, figure: e.figure })),
        rating: i.rating,
        comment: i.comment,
        actions: (await Promise.all(i.actionIds.map(actionOf))).flat(),
      })),
    ),
    version: a.version,
  };
}

async function visibleAssessment(deps: TabApiDeps, ctx: RequestContext, id: string): Promise<SelfAssessment> {
  mustBe(can(ctx.viewer, 'view-organisation-breakdowns'), SELF_ASSESSMENT_ONLY);
  const found =
    id.length <= 100
      ? await servicesOf(deps)
          .selfAssessments.get(id)
          .catch(() => undefined)
      : undefined;
  if (!found) throw notFound('That self-assessment has not been started.');
  return found;
}

export async function selfAssessmentPage(deps: TabApiDeps, ctx: RequestContext): Promise<SelfAssessmentPageDto> {
  mustBe(can(ctx.viewer, 'view-organisation-breakdowns'), SELF_ASSESSMENT_ONLY);
  const services = servicesOf(deps);
  const kind = services.selfAssessments.kindOf(ctx.url.searchParams.get('kind') ?? 'national-standards');
  const year = yearParam(deps, ctx.url.searchParams.get('year'));
  const [found, tasks] = await Promise.all([services.selfAssessments.find(kind, year), allAuditTasks(deps.auditTasks, year)]);
  const task = tasks.find((t) => t.activity === KIND_ACTIVITY[kind] && t.status !== 'cancelled');
  const viewer = ctx.viewer;
  return {
    kind,
    title: KIND_TITLES[kind],
    year,
    assessment: found ? await assessmentDto(deps, ctx, found) : null,
    task: task ? { id: task.id, due: task.due, status: task.status } : null,
    ratings: RATINGS.map((id) => ({ id, label: RATING_LABELS[id] })),
    can: {
      start: manages(viewer) && !found,
      edit: manages(viewer) && found?.status === 'draft',
      submit: manages(viewer) && found?.status === 'draft',
      endorse: can(viewer, 'endorse-self-assessment') && found?.status === 'submitted' && found.submittedBy !== viewer.person.id,
    },
  };
}

export async function startSelfAssessment(deps: TabApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<SelfAssessmentDto> {
  mustBe(manages(ctx.viewer), 'Self-assessments are started by the Principal Social Worker (or an admin).');
  const services = servicesOf(deps);
  const kind = services.selfAssessments.kindOf(typeof body.kind === 'string' ? body.kind : undefined);
  const saved = await services.selfAssessments.start(kind, yearParam(deps, body.year), ctx.viewer.person.id);
  await services.settleTasks([saved.year]);
  return assessmentDto(deps, ctx, saved);
}

type AssessmentStep = 'refresh' | 'submit' | 'endorse' | 'return';

export async function selfAssessmentStep(deps: TabApiDeps, ctx: RequestContext, id: string, step: AssessmentStep, body: Record<string, unknown>): Promise<SelfAssessmentDto> {
  const found = await visibleAssessment(deps, ctx, id);
  const services = servicesOf(deps);
  const version = versionOf(body);
  const me = ctx.viewer.person.id;
  let saved: SelfAssessment;
  switch (step) {
    case 'refresh':
      mustBe(manages(ctx.viewer), 'The evidence is refreshed by the Principal Social Worker (or an admin).');
      saved = await services.selfAssessments.refresh(id, version);
      break;
    case 'submit':
      mustBe(manages(ctx.viewer), 'A self-assessment is submitted for endorsement by the Principal Social Worker (or an admin).');
      saved = await services.selfAssessments.submit(id, me, version);
      break;
    case 'endorse':
      mustBe(can(ctx.viewer, 'endorse-self-assessment'), 'A self-assessment is endorsed by the management team.');
      saved = await services.selfAssessments.endorse(id, me, version);
      await services.settleTasks([found.year]);
      break;
    case 'return':
      mustBe(can(ctx.viewer, 'endorse-self-assessment'), 'A self-assessment is returned by the management team.');
      saved = await services.selfAssessments.returnToDraft(id, body.note, version);
      break;
  }
  return assessmentDto(deps, ctx, saved);
}

export async function rateItem(deps: TabApiDeps, ctx: RequestContext, id: string, itemId: string, body: Record<string, unknown>): Promise<SelfAssessmentDto> {
  await visibleAssessment(deps, ctx, id);
  mustBe(manages(ctx.viewer), 'A self-assessment is rated by the Principal Social Worker (or an admin).');
  const { version: _v, ...change } = body;
  return assessmentDto(deps, ctx, await servicesOf(deps).selfAssessments.rate(id, itemId, change, versionOf(body)));
}

export async function addImprovement(deps: TabApiDeps, ctx: RequestContext, id: string, itemId: string, body: Record<string, unknown>): Promise<SelfAssessmentDto> {
  await visibleAssessment(deps, ctx, id);
  mustBe(manages(ctx.viewer) && can(ctx.viewer, 'edit-actions'), 'The improvement plan is written by the Principal Social Worker (or an admin).');
  const { assessment } = await servicesOf(deps).selfAssessments.addImprovement(id, itemId, { what: body.what, ownerId: body.ownerId, due: body.due }, ctx.viewer.person.id, versionOf(body));
  return assessmentDto(deps, ctx, assessment);
}
