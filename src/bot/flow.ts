import { UserFacingError } from '../app/errors';
import type { App } from '../app/app';
import { asCycleId, type UserId } from '../domain/shared/brand';
import { isShown } from '../domain/survey/rules';
import type { Answers } from '../domain/survey/types';
import type { AnswerError } from '../domain/survey/validate';
import type { Cycle } from '../ports/stores';
import {
  alreadySubmittedCard,
  helpCard,
  messageCard,
  promptCard,
  reviewCard,
  sectionCard,
  statusCard,
  thanksCard,
} from './cards';
import type { AdaptiveCard, CycleSummary } from './cards/types';
import { VERBS } from './cards/verbs';
import { readAction, type SurveyAction } from './handlers/actionData';

/**
 * What the bot says next. `replace` means "update the card the person just used", so the
 * survey moves forward in one card instead of filling the chat with old ones.
 */
export interface Reply {
  readonly card: AdaptiveCard;
  readonly replace: boolean;
}

function summary(cycle: Cycle): CycleSummary {
  return { id: cycle.id, title: cycle.title, closesOn: cycle.closesOn, threshold: cycle.threshold, textThreshold: cycle.textThreshold };
}

/**
 * The conversation, without Bot Framework: text commands and card actions in, cards out.
 * Everything a person sends is checked here or in the use cases; nothing they send can
 * change another person's draft (the user id comes from Teams, not from the card).
 */
export class SurveyFlow {
  constructor(private readonly app: App) {}

  private get sections() {
    return this.app.questionnaire.sections;
  }

  /** The cycle staff are answering now, if any. */
  async openCycle(): Promise<Cycle | undefined> {
    const cycles = await this.app.cycles.list();
    return cycles.find((c) => c.kind === 'live' && c.status === 'open' && c.surveyId === this.app.questionnaire.id);
  }

  async onText(userId: UserId, raw: string): Promise<Reply> {
    const text = raw.trim().toLowerCase().replace(/[^a-z ]/g, '');
    if (text === 'survey' || text === 'start') return this.prompt(userId);
    if (text === 'status') return this.status(userId);
    return { card: helpCard(), replace: false };
  }

  async onAction(userId: UserId, value: unknown): Promise<Reply> {
    const action = readAction(value);
    if ('refused' in action) return this.say('I could not use that', [action.refused]);
    try {
      return await this.act(userId, action);
    } catch (error) {
      if (error instanceof UserFacingError) return this.say('That could not be done', [error.message]);
      throw error;
    }
  }

  private async act(userId: UserId, action: SurveyAction): Promise<Reply> {
    const cycle = await this.app.stores.cycles.get(asCycleId(action.cycleId));
    if (!cycle || cycle.kind !== 'live') return this.say('That survey could not be found', ['Type "survey" to see the survey that is open now.']);
    if (action.section !== undefined && action.section >= this.sections.length) {
      return this.say('I could not use that', ['That card points at a part of the survey that does not exist. Type "survey" to get a fresh card.']);
    }
    if (cycle.status !== 'open') {
      return this.say(`${cycle.title} is ${cycle.status === 'closed' ? 'closed' : 'not open yet'}`, [
        cycle.status === 'closed' ? `It closed on ${cycle.closesOn}, so answers can no longer be sent. Thank you for your interest.` : `It opens on ${cycle.opensOn}.`,
      ]);
    }
    const cycleId = asCycleId(cycle.id);
    const { status, draft } = await this.app.survey.status(cycleId, userId);
    if (status === 'submitted') return { card: alreadySubmittedCard({ cycle: summary(cycle) }), replace: true };
    const section = action.section ?? draft?.sectionIndex ?? 0;

    switch (action.verb) {
      case VERBS.start:
      case VERBS.edit:
        return this.showSection(cycle, section, draft?.answers ?? {});
      case VERBS.next: {
        const sectionId = this.sections[section]?.id;
        const last = section + 1 >= this.sections.length;
        // Saved with the place to come back to: the next section, or the last one for the review.
        const saved = await this.app.survey.saveDraft(cycleId, userId, action.answers, last ? section : section + 1, sectionId);
        if (!saved.ok) return this.showAgain(cycle, section, draft?.answers ?? {}, action.answers, saved.errors);
        if (last) return { card: reviewCard({ questionnaire: this.app.questionnaire, cycle: summary(cycle), answers: saved.answers }), replace: true };
        return this.showSection(cycle, section + 1, saved.answers);
      }
      case VERBS.back: {
        const saved = await this.app.survey.saveDraft(cycleId, userId, action.answers, Math.max(0, section - 1));
        if (!saved.ok) return this.showSection(cycle, section, { ...(draft?.answers ?? {}), ...action.answers }, saved.errors);
        return this.showSection(cycle, Math.max(0, section - 1), saved.answers);
      }
      case VERBS.saveForLater: {
        const saved = await this.app.survey.saveDraft(cycleId, userId, action.answers, section);
        if (!saved.ok) return this.showSection(cycle, section, { ...(draft?.answers ?? {}), ...action.answers }, saved.errors);
        return this.say('Saved for later', [
          `Your answers so far are saved. Type "survey" when you are ready to carry on from section ${section + 1}.`,
          `${cycle.title} closes on ${cycle.closesOn}.`,
        ]);
      }
      case VERBS.submit: {
        const outcome = await this.app.survey.submit(cycleId, userId, {});
        if (outcome.ok) {
          return outcome.outcome === 'submitted'
            ? { card: thanksCard({ cycle: summary(cycle) }), replace: true }
            : { card: alreadySubmittedCard({ cycle: summary(cycle) }), replace: true };
        }
        return this.showFirstProblem(cycle, draft?.answers ?? {}, outcome.errors);
      }
    }
  }

  private showSection(cycle: Cycle, sectionIndex: number, answers: Answers, errors?: readonly AnswerError[], note?: string): Reply {
    const card = sectionCard({ questionnaire: this.app.questionnaire, cycle: summary(cycle), sectionIndex, answers, ...(errors ? { errors } : {}), ...(note ? { note } : {}) });
    return { card, replace: true };
  }

  /**
   * The same section again after Next was refused. A question that only appeared because of
   * an answer on this card (trained in Care Director → how satisfied with the training) is not
   * an error: the person has not seen it yet, so it is introduced, not marked.
   */
  private showAgain(cycle: Cycle, sectionIndex: number, draft: Answers, typed: Answers, errors: readonly AnswerError[]): Reply {
    const questions = this.sections[sectionIndex]?.questions ?? [];
    const seen = new Set(questions.filter((q) => isShown(q, draft)).map((q) => q.id));
    const isNew = (e: AnswerError) => e.code === 'required' && !seen.has(e.questionId) && questions.some((q) => q.id === e.questionId);
    const fresh = errors.filter(isNew);
    const rest = errors.filter((e) => !isNew(e));
    const note = fresh.length === 0 ? undefined : fresh.length === 1 ? 'Your answers mean there is one more question for you in this section.' : `Your answers mean there are ${fresh.length} more questions for you in this section.`;
    return this.showSection(cycle, sectionIndex, { ...draft, ...typed }, rest, note);
  }

  /** At Submit, take the person to the first section with a problem, marked. */
  private showFirstProblem(cycle: Cycle, answers: Answers, errors: readonly AnswerError[]): Reply {
    const ids = new Set(errors.map((e) => e.questionId));
    const index = Math.max(0, this.sections.findIndex((s) => s.questions.some((q) => ids.has(q.id))));
    return this.showSection(cycle, index, answers, errors);
  }

  private async prompt(userId: UserId): Promise<Reply> {
    const cycle = await this.openCycle();
    if (!cycle) return { card: statusCard({ state: 'no-open-survey' }), replace: false };
    const { status, draft } = await this.app.survey.status(asCycleId(cycle.id), userId);
    if (status === 'submitted') return { card: alreadySubmittedCard({ cycle: summary(cycle) }), replace: false };
    const resuming = draft ? { resuming: { sectionIndex: draft.sectionIndex, totalSections: this.sections.length } } : {};
    return { card: promptCard({ cycle: summary(cycle), minutes: this.app.questionnaire.minutes, ...resuming }), replace: false };
  }

  private async status(userId: UserId): Promise<Reply> {
    const cycle = await this.openCycle();
    if (!cycle) return { card: statusCard({ state: 'no-open-survey' }), replace: false };
    const { status, draft } = await this.app.survey.status(asCycleId(cycle.id), userId);
    const state = status === 'submitted' ? 'submitted' : draft ? 'in-progress' : 'not-started';
    return {
      card: statusCard({ cycle: summary(cycle), state, ...(draft ? { sectionIndex: draft.sectionIndex, totalSections: this.sections.length } : {}) }),
      replace: false,
    };
  }

  private say(title: string, lines: readonly string[]): Reply {
    return { card: messageCard(title, lines), replace: false };
  }
}
