import { dateOf, type CycleId, type UserId } from '../domain/shared/brand';
import { longDate } from '../domain/shared/dates';
import { mergeAnswers } from '../domain/survey/merge';
import type { Answers } from '../domain/survey/types';
import type { AnswerError } from '../domain/survey/validate';
import type { Clock } from '../ports/clock';
import type { Cycle, Draft, ParticipationStatus, Stores } from '../ports/stores';
import type { CycleService } from './cycles';
import { UserFacingError } from './errors';
import { participationKey } from './participation';
import type { FreeTextScreen, ScreenedAnswer } from './screening';

/**
 * Whether a person is in a cycle's audience (the directory's say). A cycle for everyone is
 * answered by anyone the bot talks to, as always; one for some teams or roles only by them.
 */
export type AudienceCheck = (cycle: Cycle, userId: UserId) => Promise<boolean>;

/** `screened`: written answers that had names, emails or case numbers taken out before saving (the person is told). */
export type SaveOutcome = { readonly ok: true; readonly answers: Answers; readonly screened?: readonly ScreenedAnswer[] } | { readonly ok: false; readonly errors: readonly AnswerError[] };
export type SubmitOutcome = { readonly ok: true; readonly outcome: 'submitted' | 'already-submitted' } | { readonly ok: false; readonly errors: readonly AnswerError[] };

/**
 * A person answering a cycle: resume, save a draft, submit once. The user id is turned into
 * the cycle's participation key at once and goes no further; the response stored at submit
 * carries answers, cycle and date only.
 */
export class SurveyService {
  constructor(
    private readonly stores: Stores,
    private readonly cycles: Pick<CycleService, 'questionnaireOf'>,
    private readonly clock: Clock,
    private readonly inAudience: AudienceCheck = async () => true,
    /** Takes names, emails and case numbers out of comments before they are kept. */
    private readonly screen?: FreeTextScreen,
  ) {}

  async status(cycleId: CycleId, userId: UserId): Promise<{ status: ParticipationStatus | undefined; draft: Draft | undefined }> {
    const { cycle, key } = await this.keyFor(cycleId, userId);
    const status = await this.stores.participation.status(cycle.id, key);
    const draft = status === 'started' ? await this.stores.participation.getDraft(cycle.id, key) : undefined;
    return { status, draft };
  }

  /**
   * Saves what the person has answered so far, merged over their earlier draft. `require`
   * makes required questions compulsory (the Next button): a section id for that section's,
   * or the ids of the questions on one page of it.
   */
  async saveDraft(cycleId: CycleId, userId: UserId, sectionAnswers: unknown, sectionIndex: number, require?: string | readonly string[]): Promise<SaveOutcome> {
    const { cycle, key } = await this.keyFor(cycleId, userId, true);
    if ((await this.stores.participation.status(cycle.id, key)) === 'submitted') {
      throw new UserFacingError('You have already sent your answers for this survey, so they can no longer be changed. Thank you for taking part.');
    }
    const earlier = (await this.stores.participation.getDraft(cycle.id, key))?.answers ?? {};
    const requiring = typeof require === 'string' ? { requireSection: require } : require ? { requireQuestions: require } : {};
    const questionnaire = await this.cycles.questionnaireOf(cycle);
    const checked = mergeAnswers(questionnaire, earlier, sectionAnswers, { mode: 'draft', ...requiring });
    if (!checked.ok) return checked;
    const { answers: merged, screened } = this.screen ? await this.screen.surveyAnswers(questionnaire, checked.answers) : { answers: checked.answers, screened: [] };
    await this.stores.participation.saveDraft(cycle.id, key, { answers: merged, sectionIndex, savedOn: dateOf(this.clock.now()) });
    return { ok: true, answers: merged, ...(screened.length > 0 ? { screened } : {}) };
  }

  /** Submits the saved draft (plus any last answers). A second submit stores nothing. */
  async submit(cycleId: CycleId, userId: UserId, lastAnswers: unknown = {}): Promise<SubmitOutcome> {
    const { cycle, key } = await this.keyFor(cycleId, userId, true);
    if ((await this.stores.participation.status(cycle.id, key)) === 'submitted') return { ok: true, outcome: 'already-submitted' };
    const draft = (await this.stores.participation.getDraft(cycle.id, key))?.answers ?? {};
    const questionnaire = await this.cycles.questionnaireOf(cycle);
    const checked = mergeAnswers(questionnaire, draft, lastAnswers, { mode: 'submit' });
    if (!checked.ok) return checked;
    const answers = this.screen ? (await this.screen.surveyAnswers(questionnaire, checked.answers)).answers : checked.answers;
    const outcome = await this.stores.participation.submit(cycle.id, key, {
      surveyVersion: questionnaire.version,
      submittedOn: dateOf(this.clock.now()),
      answers,
    });
    return { ok: true, outcome };
  }

  private async keyFor(cycleId: CycleId, userId: UserId, mustBeOpen = false) {
    const cycle = await this.stores.cycles.get(cycleId);
    if (!cycle || cycle.kind !== 'live') throw new UserFacingError('That survey could not be found. Type "survey" to see the one that is open.');
    if (mustBeOpen) this.refuseUnlessOpen(cycle);
    if (cycle.audience && cycle.audience.kind !== 'everyone' && !(await this.inAudience(cycle, userId))) {
      throw new UserFacingError(`${cycle.title} is for a group of staff you are not in, so there is nothing for you to answer. Type "survey" to see the surveys open to you.`);
    }
    const key = participationKey(await this.stores.cycles.participationSecret(cycle.id), userId);
    return { cycle, key };
  }

  private refuseUnlessOpen(cycle: Cycle): void {
    const today = dateOf(this.clock.now());
    if (cycle.status === 'draft' || today < cycle.opensOn) throw new UserFacingError(`${cycle.title} has not opened yet; it opens on ${longDate(cycle.opensOn)}.`);
    if (cycle.status === 'closed' || today > cycle.closesOn)
      throw new UserFacingError(`${cycle.title} closed on ${longDate(cycle.closesOn)}, so answers can no longer be sent. Thank you for your interest.`);
  }
}
