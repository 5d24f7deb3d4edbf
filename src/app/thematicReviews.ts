import { randomBytes } from 'node:crypto';
import type { Action } from '../domain/actionPlan/types';
import { DEFAULT_WORKING_HOURS } from '../domain/outbox/types';
import { councilYearOf } from '../domain/audit/plan/calendar';
import {
  checkReviewPlan,
  checkReviewText,
  completeStageProblem,
  MAX_REVIEWS_A_YEAR,
  REVIEW_LIMITS,
  REVIEW_STAGES,
  reviewId,
  STAGE_TITLES,
  stageNoticesDue,
  type ReviewStage,
  type ThematicReview,
} from '../domain/framework/thematicReviews';
import { dateOf, type IsoDate } from '../domain/shared/brand';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { ThematicReviewStore } from '../ports/framework';
import type { ActionService } from './actionPlan';
import type { FrameworkMessage } from './focusGroups';
import { FieldsRefused, staleChange } from './frameworkErrors';
import { UserFacingError } from './errors';

/**
 * Thematic practice reviews: a year's up to four reviews, their plan, the three stages in
 * order, findings and recommendations (refused if they name anyone), a recommendation turned
 * into an action, and the stage reminders the review group is sent. Completing the last stage
 * completes that quarter's "Thematic practice review" task (see `settleFrameworkTasks`).
 */
export class ThematicReviewService {
  constructor(
    private readonly store: ThematicReviewStore,
    private readonly actions: ActionService,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  private today(): IsoDate {
    return dateOf(this.clock.now());
  }

  listYear(year: number): Promise<ThematicReview[]> {
    return this.store.listYear(year);
  }

  async get(id: string): Promise<ThematicReview> {
    const review = await this.store.get(id);
    if (!review) throw new UserFacingError('That thematic review could not be found; reload the page.');
    return review;
  }

  /** A new review in one of the year's four slots. */
  async create(year: number, slot: number, input: unknown, by: string): Promise<ThematicReview> {
    if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new UserFacingError(`The year must be a council year such as 2026 (April 2026 – March 2027), not ${String(year)}.`);
    if (!Number.isInteger(slot) || slot < 1 || slot > MAX_REVIEWS_A_YEAR)
      throw new UserFacingError(`A year has up to ${MAX_REVIEWS_A_YEAR} thematic reviews: choose review 1 to ${MAX_REVIEWS_A_YEAR}.`);
    if (await this.store.get(reviewId(year, slot))) throw new UserFacingError(`Review ${slot} of ${year} already has a theme; open it to change it.`);
    const checked = checkReviewPlan(input, { organisation: await this.directory.organisation(), year, today: this.today() });
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    const today = this.today();
    try {
      return await this.store.create({ ...checked.value, id: reviewId(year, slot), year, slot, findings: [], recommendations: [], createdBy: by, createdOn: today, updatedOn: today });
    } catch (error) {
      throw staleChange(error, 'thematic review');
    }
  }

  async update(id: string, input: unknown, version: number): Promise<ThematicReview> {
    const review = await this.get(id);
    const checked = checkReviewPlan(input, { organisation: await this.directory.organisation(), year: review.year, today: this.today() }, review);
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    return this.save({ ...review, ...checked.value }, version);
  }

  async completeStage(id: string, stage: string, version: number): Promise<ThematicReview> {
    const review = await this.get(id);
    if (!REVIEW_STAGES.includes(stage as ReviewStage)) throw new UserFacingError('The stages are scope, research and report.');
    const problem = completeStageProblem(review, stage as ReviewStage);
    if (problem) throw new UserFacingError(problem);
    const stages = { ...review.stages, [stage]: { ...review.stages[stage as ReviewStage], completedOn: this.today() } };
    return this.save({ ...review, stages }, version);
  }

  async addFinding(id: string, text: unknown, version: number): Promise<ThematicReview> {
    const review = await this.get(id);
    if (review.stages.report.completedOn !== null) throw new UserFacingError('This review is completed, so its findings no longer change.');
    if (review.findings.length >= REVIEW_LIMITS.findings) throw new UserFacingError(`A review records at most ${REVIEW_LIMITS.findings} findings.`);
    const checked = checkReviewText(text, 'finding', await this.names());
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    return this.save({ ...review, findings: [...review.findings, { id: `f-${randomBytes(4).toString('hex')}`, text: checked.value, recordedOn: this.today() }] }, version);
  }

  async addRecommendation(id: string, text: unknown, version: number): Promise<ThematicReview> {
    const review = await this.get(id);
    if (review.stages.report.completedOn !== null) throw new UserFacingError('This review is completed, so its recommendations no longer change.');
    if (review.recommendations.length >= REVIEW_LIMITS.recommendations) throw new UserFacingError(`A review records at most ${REVIEW_LIMITS.recommendations} recommendations.`);
    const checked = checkReviewText(text, 'recommendation', await this.names());
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    return this.save(
      { ...review, recommendations: [...review.recommendations, { id: `r-${randomBytes(4).toString('hex')}`, text: checked.value, recordedOn: this.today(), actionId: null }] },
      version,
    );
  }

  /** A recommendation becomes an action in the action plan (once); the recommendation keeps its id. */
  async recommendationToAction(
    id: string,
    recommendationId: string,
    input: { readonly ownerId?: unknown; readonly due?: unknown },
    by: string,
    version: number,
  ): Promise<{ readonly review: ThematicReview; readonly action: Action }> {
    const review = await this.get(id);
    const recommendation = review.recommendations.find((r) => r.id === recommendationId);
    if (!recommendation) throw new UserFacingError('That recommendation could not be found; reload the review.');
    if (recommendation.actionId !== null) throw new UserFacingError('That recommendation is already in the action plan.');
    if (review.version !== version) throw new UserFacingError('Someone else changed this thematic review at the same time, so your change was not saved. Please reload it and redo your change.');
    const action = await this.actions.create(
      {
        what: recommendation.text,
        ownerId: input.ownerId,
        due: input.due,
        status: 'not-started',
        progress: `From the thematic practice review "${review.theme}" (review ${review.slot} of ${review.year}/${String((review.year + 1) % 100).padStart(2, '0')}).`,
        link: null,
      },
      by,
    );
    const recommendations = review.recommendations.map((r) => (r.id === recommendationId ? { ...r, actionId: action.id } : r));
    return { review: await this.save({ ...review, recommendations }, version), action };
  }

  /** The stage reminders due today, for the reminder pass (each once, ever). */
  async messages(): Promise<FrameworkMessage[]> {
    const today = this.today();
    const organisation = await this.directory.organisation();
    const name = (id: string): string => organisation.people.find((p) => p.id === id)?.displayName ?? 'the lead';
    const year = councilYearOf(today);
    const reviews = [...(await this.store.listYear(year - 1)), ...(await this.store.listYear(year))];
    const byId = new Map(reviews.map((r) => [r.id, r]));
    return stageNoticesDue(reviews, organisation, today, DEFAULT_WORKING_HOURS).flatMap((n): FrameworkMessage[] => {
      const review = byId.get(n.reviewId);
      if (!review) return [];
      return [
        {
          key: n.key,
          personId: n.personId,
          message: {
            kind: 'review-stage',
            stage: {
              reviewId: review.id,
              theme: review.theme,
              stageNumber: REVIEW_STAGES.indexOf(n.stage) + 1,
              stageTitle: STAGE_TITLES[n.stage],
              due: n.due,
              when: n.when,
              lead: name(review.leadId),
              scope: review.scope,
            },
          },
        },
      ];
    });
  }

  private async names(): Promise<string[]> {
    return (await this.directory.organisation()).people.map((p) => p.displayName);
  }

  private async save(review: ThematicReview, version: number): Promise<ThematicReview> {
    const { version: _stored, ...rest } = review;
    try {
      return await this.store.update({ ...rest, updatedOn: this.today() }, version);
    } catch (error) {
      throw staleChange(error, 'thematic review');
    }
  }
}
