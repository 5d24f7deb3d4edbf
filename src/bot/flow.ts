import { UserFacingError } from '../app/errors';
import type { App } from '../app/app';
import { asCycleId, type UserId } from '../domain/shared/brand';
import { longDate } from '../domain/shared/dates';
import { inAudience } from '../domain/organisation/audience';
import { mergeAnswers } from '../domain/survey/merge';
import { isShown } from '../domain/survey/rules';
import type { AnswerValue, Answers, QuestionId, Questionnaire } from '../domain/survey/types';
import type { AnswerError } from '../domain/survey/validate';
import type { Directory } from '../ports/directory';
import type { Cycle } from '../ports/stores';
import { alreadySubmittedCard, helpCard, privacyCard, messageCard, promptCard, reviewCard, sectionCard, statusCard, thanksCard } from './cards';
import { pageOf, sectionPages } from './cards/surveyPages';
import { chooseSurveyCard, type OpenSurvey } from './cards/surveys';
import type { AdaptiveCard, CycleSummary } from './cards/types';
import { VERBS } from './cards/verbs';
import type { Command } from './cards/wording';
import { readAction, type SurveyAction } from './handlers/cardActionData';
import { OneAtATime } from './oneAtATime';
import type { PrivacyNotice } from '../domain/dataProtection/privacy';

/**
 * What the bot says next. `replace` means "update the card the person just used", so the
 * survey moves forward in one card instead of filling the chat with old ones.
 */
export interface Reply {
  readonly card: AdaptiveCard;
  readonly replace: boolean;
}

/**
 * Something else the bot does for some people (supervision, audits, the 39-steps return):
 * the commands it offers this person, none if it has nothing for them, so that `help` lists
 * only what they can use.
 */
export interface HelpSource {
  helpFor(userId: UserId): Promise<readonly Command[]>;
}

function summary(cycle: Cycle): CycleSummary {
  return { id: cycle.id, title: cycle.title, closesOn: cycle.closesOn, threshold: cycle.threshold, textThreshold: cycle.textThreshold };
}

const isAnswered = (value: AnswerValue | undefined): boolean => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * The conversation, without Bot Framework: text commands and card actions in, cards out.
 * Everything a person sends is checked here or in the use cases; nothing they send can
 * change another person's draft (the user id comes from Teams, not from the card). One
 * person's actions are handled one after another, so a double click is two presses in a row.
 */
export class SurveyFlow {
  private readonly oneAtATime = new OneAtATime();

  constructor(
    private readonly app: App,
    /** What else `help` may offer, person by person. */
    private readonly helpSources: readonly HelpSource[] = [],
    /** Who is in a pulse's audience (a cycle for everyone is open to anyone the bot talks to). */
    private readonly directory?: Directory,
    /** The privacy information staff are given (`privacy`, and the first layer in `help`), from configuration. */
    private readonly privacy?: () => Promise<PrivacyNotice>,
  ) {}

  /** The cycle staff are answering now, if any: the Health Check's first. */
  async openCycle(): Promise<Cycle | undefined> {
    const open = (await this.app.cycles.list()).filter((c) => c.kind === 'live' && c.status === 'open');
    return open.find((c) => c.surveyId === this.app.questionnaire.id) ?? open[0];
  }

  /** The cycles open to this person now: the Health Check, and any pulse whose audience they are in. */
  private async openCyclesFor(userId: UserId): Promise<Cycle[]> {
    const open = (await this.app.cycles.list()).filter((c) => c.kind === 'live' && c.status === 'open');
    const person = open.some((c) => c.audience && c.audience.kind !== 'everyone') ? (await this.directory?.organisation())?.people.find((p) => p.id === userId) : undefined;
    const mine = open.filter((c) => !c.audience || c.audience.kind === 'everyone' || (person !== undefined && inAudience(c.audience, person)));
    // The Health Check first, then pulses by closing date.
    return mine.sort((a, b) => Number(b.surveyId === this.app.questionnaire.id) - Number(a.surveyId === this.app.questionnaire.id) || a.closesOn.localeCompare(b.closesOn));
  }

  async onText(userId: UserId, raw: string): Promise<Reply> {
    const text = raw
      .trim()
      .toLowerCase()
      .replace(/[^a-z ]/g, '');
    if (text === 'survey' || text === 'start') return this.prompt(userId);
    if (text === 'status') return this.status(userId);
    const notice = await this.privacy?.();
    if (text === 'privacy' && notice) return { card: privacyCard(notice), replace: false };
    return { card: helpCard(await this.moreCommands(userId), notice), replace: false };
  }

  async onAction(userId: UserId, value: unknown): Promise<Reply> {
    const action = readAction(value);
    if ('refused' in action) return this.say('I could not use that', [action.refused]);
    return this.oneAtATime.run(`${userId} ${action.cycleId}`, async () => {
      try {
        return await this.act(userId, action);
      } catch (error) {
        if (error instanceof UserFacingError) return this.say('That could not be done', [error.message]);
        throw error;
      }
    });
  }

  private async moreCommands(userId: UserId): Promise<Command[]> {
    return (await Promise.all(this.helpSources.map((source) => source.helpFor(userId)))).flat();
  }

  private async act(userId: UserId, action: SurveyAction): Promise<Reply> {
    const cycle = await this.app.stores.cycles.get(asCycleId(action.cycleId));
    if (!cycle || cycle.kind !== 'live') return this.say('That survey could not be found', ['Type "survey" to see the survey that is open now.']);
    const questionnaire = await this.app.cycles.questionnaireOf(cycle);
    const pointed = action.section === undefined ? undefined : questionnaire.sections[action.section];
    if (action.section !== undefined && (!pointed || action.page >= sectionPages(pointed).length)) {
      return this.say('I could not use that', ['That card points at a part of the survey that does not exist. Type "survey" to get a fresh card.']);
    }
    if (cycle.status !== 'open') {
      return this.say(`${cycle.title} is ${cycle.status === 'closed' ? 'closed' : 'not open yet'}`, [
        cycle.status === 'closed' ? `It closed on ${longDate(cycle.closesOn)}, so answers can no longer be sent. Thank you for your interest.` : `It opens on ${longDate(cycle.opensOn)}.`,
      ]);
    }
    const cycleId = asCycleId(cycle.id);
    const { status, draft } = await this.app.survey.status(cycleId, userId);
    if (status === 'submitted') {
      // Send pressed again (a double click, Teams retrying after a crash, the same card later):
      // the answers did go, so the person sees what the first press showed them.
      return { card: action.verb === VERBS.submit ? thanksCard({ cycle: summary(cycle) }) : alreadySubmittedCard({ cycle: summary(cycle) }), replace: true };
    }
    const section = action.section ?? draft?.sectionIndex ?? 0;
    const page = action.section === undefined ? 0 : action.page;
    const earlier = draft?.answers ?? {};
    const at: Place = { cycle, questionnaire, section, page, fromReview: action.fromReview };

    switch (action.verb) {
      case VERBS.start:
        return this.showPage({ ...at, page: 0, fromReview: false }, earlier);
      case VERBS.edit:
        return this.showPage({ ...at, page: 0, fromReview: true }, earlier);
      case VERBS.next:
        return this.next(userId, at, earlier, action.answers);
      case VERBS.back: {
        const previous = this.previous(at);
        const saved = await this.app.survey.saveDraft(cycleId, userId, action.answers, previous === 'review' ? section : previous.section);
        if (!saved.ok) return this.showPage(at, { ...earlier, ...action.answers }, { errors: saved.errors });
        return previous === 'review' ? this.review(at, saved.answers) : this.showPage({ ...at, ...previous }, saved.answers);
      }
      case VERBS.saveForLater: {
        const saved = await this.app.survey.saveDraft(cycleId, userId, action.answers, section);
        if (!saved.ok) return this.showPage(at, { ...earlier, ...action.answers }, { errors: saved.errors });
        return this.say('Saved for later', [
          ...(saved.screened ?? []).map((x) => x.note),
          `Your answers so far are saved. Type "survey" when you are ready to carry on from section ${section + 1}.`,
          `${cycle.title} closes on ${longDate(cycle.closesOn)}.`,
        ]);
      }
      case VERBS.submit: {
        const outcome = await this.app.survey.submit(cycleId, userId, {});
        // "already-submitted": another press got there first; its outcome was this card too.
        if (outcome.ok) return { card: thanksCard({ cycle: summary(cycle) }), replace: true };
        return this.showFirstProblem(at, earlier, outcome.errors);
      }
    }
  }

  /**
   * Next: saves the page, with its required questions. An answer on the page may open a
   * question on the same page that the person has not seen (trained in Care Director → how
   * satisfied with the training): the page comes back with that question under the answer,
   * marked as new, instead of going on without it being seen. Otherwise on to the next page,
   * the next section, or the review (at the end, or after a Change from the review).
   */
  private async next(userId: UserId, at: Place, earlier: Answers, typed: Answers): Promise<Reply> {
    const cycleId = asCycleId(at.cycle.id);
    const questions = sectionPages(at.questionnaire.sections[at.section]!)[at.page] ?? [];
    const preview = mergeAnswers(at.questionnaire, earlier, typed, { mode: 'draft' });
    const now = preview.ok ? preview.answers : { ...earlier, ...typed };
    const opened = questions.filter((q) => isShown(q, now) && !isShown(q, earlier) && !isAnswered(now[q.id])).map((q) => q.id);
    const forward = this.following(at);
    const stay = opened.length > 0;
    const position = stay || forward === 'review' ? at.section : forward.section;
    const require = questions.map((q) => q.id).filter((id) => !opened.includes(id));
    const saved = await this.app.survey.saveDraft(cycleId, userId, typed, position, require);
    if (!saved.ok) return this.showPage(at, { ...earlier, ...typed }, { errors: saved.errors, opened });
    // Names, emails or case numbers were taken out of a comment: the page again, saying so, to check it.
    if (saved.screened && saved.screened.length > 0) return this.showPage(at, saved.answers, { opened, screened: saved.screened.map((x) => x.note) });
    if (stay) return this.showPage(at, saved.answers, { opened });
    return forward === 'review' ? this.review(at, saved.answers) : this.showPage({ ...at, ...forward }, saved.answers);
  }

  /** Where Next goes from a page. */
  private following(at: Place): { section: number; page: number } | 'review' {
    const sections = at.questionnaire.sections;
    const pages = sectionPages(sections[at.section]!).length;
    if (at.page + 1 < pages) return { section: at.section, page: at.page + 1 };
    if (at.fromReview || at.section + 1 >= sections.length) return 'review';
    return { section: at.section + 1, page: 0 };
  }

  /** Where Back goes from a page: the page before, the last page of the section before, or the review it came from. */
  private previous(at: Place): { section: number; page: number } | 'review' {
    if (at.page > 0) return { section: at.section, page: at.page - 1 };
    if (at.fromReview) return 'review';
    if (at.section === 0) return { section: 0, page: 0 };
    return { section: at.section - 1, page: sectionPages(at.questionnaire.sections[at.section - 1]!).length - 1 };
  }

  private showPage(at: Place, answers: Answers, extra: { errors?: readonly AnswerError[]; opened?: readonly QuestionId[]; screened?: readonly string[] } = {}): Reply {
    const opened = extra.opened ?? [];
    const added =
      opened.length === 0
        ? undefined
        : opened.length === 1
          ? 'Your answer has added a question, just below it, marked as new.'
          : `Your answers have added ${opened.length} questions, each just below the answer that added it, marked as new.`;
    const note = [added, ...(extra.screened ?? [])].filter((n): n is string => n !== undefined).join(' ') || undefined;
    const card = sectionCard({
      questionnaire: at.questionnaire,
      cycle: summary(at.cycle),
      sectionIndex: at.section,
      page: at.page,
      answers,
      ...(extra.errors ? { errors: extra.errors } : {}),
      ...(note ? { note, newQuestions: opened } : {}),
      ...(at.fromReview ? { fromReview: true } : {}),
    });
    return { card, replace: true };
  }

  private review(at: Pick<Place, 'cycle' | 'questionnaire'>, answers: Answers): Reply {
    return { card: reviewCard({ questionnaire: at.questionnaire, cycle: summary(at.cycle), answers }), replace: true };
  }

  /** At Submit, take the person to the page with the first problem, marked. */
  private showFirstProblem(at: Pick<Place, 'cycle' | 'questionnaire'>, answers: Answers, errors: readonly AnswerError[]): Reply {
    const first = errors.map((e) => pageOf(at.questionnaire, e.questionId)).find((p) => p !== undefined) ?? { section: 0, page: 0 };
    return this.showPage({ ...at, ...first, fromReview: false }, answers, { errors });
  }

  /** Where the person stands with each survey open to them. */
  private async standing(userId: UserId): Promise<OpenSurvey[]> {
    const out: OpenSurvey[] = [];
    for (const cycle of await this.openCyclesFor(userId)) {
      const questionnaire = await this.app.cycles.questionnaireOf(cycle);
      const { status, draft } = await this.app.survey.status(asCycleId(cycle.id), userId);
      out.push({
        cycle: summary(cycle),
        minutes: questionnaire.minutes,
        state: status === 'submitted' ? 'submitted' : draft ? 'in-progress' : 'not-started',
        ...(draft ? { sectionIndex: draft.sectionIndex, totalSections: questionnaire.sections.length } : {}),
      });
    }
    return out;
  }

  /** "survey": the one survey open to the person, or a choice when there are several. */
  private async prompt(userId: UserId): Promise<Reply> {
    const open = await this.standing(userId);
    if (open.length > 1) return { card: chooseSurveyCard(open), replace: false };
    const only = open[0];
    if (!only) return { card: statusCard({ state: 'no-open-survey' }), replace: false };
    if (only.state === 'submitted') return { card: alreadySubmittedCard({ cycle: only.cycle }), replace: false };
    const resuming = only.sectionIndex !== undefined && only.totalSections !== undefined ? { resuming: { sectionIndex: only.sectionIndex, totalSections: only.totalSections } } : {};
    return { card: promptCard({ cycle: only.cycle, minutes: only.minutes, ...resuming }), replace: false };
  }

  private async status(userId: UserId): Promise<Reply> {
    const open = await this.standing(userId);
    if (open.length > 1) return { card: chooseSurveyCard(open), replace: false };
    const only = open[0];
    if (!only) return { card: statusCard({ state: 'no-open-survey' }), replace: false };
    return {
      card: statusCard({
        cycle: only.cycle,
        state: only.state,
        ...(only.sectionIndex !== undefined && only.totalSections !== undefined ? { sectionIndex: only.sectionIndex, totalSections: only.totalSections } : {}),
      }),
      replace: false,
    };
  }

  private say(title: string, lines: readonly string[]): Reply {
    return { card: messageCard(title, lines), replace: false };
  }
}

/** Where a card was: its cycle and the questions it asks, section and page, and whether the section was opened from the review. */
interface Place {
  readonly cycle: Cycle;
  readonly questionnaire: Questionnaire;
  readonly section: number;
  readonly page: number;
  readonly fromReview: boolean;
}
