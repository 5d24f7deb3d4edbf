/**
 * Every card the bot can send, checked the way Teams would read it: against the official
 * Adaptive Card 1.5 schema, through the adaptivecards library (as Teams desktop, 1.5, and
 * as a 1.2 renderer like Teams mobile), for labels on inputs, size, and buttons.
 */
import {
  alreadySubmittedCard,
  helpCard,
  messageCard,
  promptCard,
  reminderCard,
  reviewCard,
  sectionCard,
  statusCard,
  thanksCard,
  welcomeCard,
  type AdaptiveCard,
  type CycleSummary,
} from '../../src/bot/cards';
import { CARD_VERSION } from '../../src/bot/cards/elements';
import { sectionPages } from '../../src/bot/cards/surveyPages';
import { VERBS } from '../../src/bot/cards/verbs';
import { AUDITS_COMMAND, ORG_RETURN_COMMAND, SUPERVISION_COMMAND } from '../../src/bot/cards/wording';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { allQuestions, isShown } from '../../src/domain/survey/rules';
import type { AnswerValue, Answers, Condition, OptionId, Questionnaire, QuestionId } from '../../src/domain/survey/types';
import { hiddenQuestionError, validateAnswers, type AnswerError } from '../../src/domain/survey/validate';
import { AC, HOST_CONFIG_PATH, libraryEvents, readJson, schemaValidator, itPassesCardQuality } from './cardChecks';

// ---------------------------------------------------------------------------------------
// Answers: everything a person could answer, respecting show-if rules and maxChoices.
// ---------------------------------------------------------------------------------------

/** For each question, the options some show-if rule looks for (choosing them shows more). */
function optionsThatShowMore(questionnaire: Questionnaire): ReadonlyMap<QuestionId, readonly OptionId[]> {
  const found = new Map<QuestionId, OptionId[]>();
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else found.set(c.question, [...(found.get(c.question) ?? []), ...c.anyOf]);
  };
  for (const { question } of allQuestions(questionnaire)) if (question.showIf) visit(question.showIf);
  return found;
}

const LONG_TEXT = 'I’d like more time for reflective supervision — and a “quiet” room to write up visits & assessments. ';

/** Answers every question that is shown, choosing what shows further questions where it can. */
function answerEverything(questionnaire: Questionnaire): Answers {
  const showMore = optionsThatShowMore(questionnaire);
  const answers: Record<QuestionId, AnswerValue> = {};
  for (const { question } of allQuestions(questionnaire)) {
    if (!isShown(question, answers)) continue;
    switch (question.kind) {
      case 'single': {
        const wanted = showMore.get(question.id)?.find((id) => question.options.some((o) => o.id === id));
        answers[question.id] = wanted ?? question.options[question.options.length - 1]!.id;
        break;
      }
      case 'multi':
        answers[question.id] = question.options.slice(0, question.maxChoices ?? question.options.length).map((o) => o.id);
        break;
      case 'scale':
        answers[question.id] = question.max;
        break;
      case 'text':
        answers[question.id] = [...LONG_TEXT.repeat(Math.ceil(question.maxLength / LONG_TEXT.length))].slice(0, question.maxLength).join('');
        break;
    }
  }
  return answers;
}

/** An error on every question of a section: shown ones as unanswered, hidden ones as hidden. */
function errorsOnEveryQuestion(sectionIndex: number, answers: Answers): readonly AnswerError[] {
  return (healthCheck.sections[sectionIndex]?.questions ?? []).map((q) =>
    isShown(q, answers) ? { code: 'required' as const, questionId: q.id, message: `"${q.text}": please answer this question.` } : hiddenQuestionError(healthCheck, q),
  );
}

// ---------------------------------------------------------------------------------------
// Every card the bot can send.
// ---------------------------------------------------------------------------------------

const cycle: CycleSummary = { id: 'cyc_2027', title: healthCheck.title, closesOn: '2027-03-26', threshold: 5, textThreshold: 10 };
const full = answerEverything(healthCheck);
const total = healthCheck.sections.length;
const resuming = { sectionIndex: 5, totalSections: total };

const cards: (readonly [string, AdaptiveCard])[] = [
  ['welcome', welcomeCard({ threshold: 5, textThreshold: 10 })],
  ['prompt', promptCard({ cycle, minutes: healthCheck.minutes })],
  ['prompt, resuming', promptCard({ cycle, minutes: healthCheck.minutes, resuming })],
  ['reminder', reminderCard({ cycle, minutes: healthCheck.minutes, daysLeft: 3 })],
  ['reminder, last day, resuming', reminderCard({ cycle, minutes: healthCheck.minutes, daysLeft: 0, resuming })],
  ...healthCheck.sections.flatMap((section, i) =>
    sectionPages(section).flatMap((_questions, page) => {
      const name = `section ${i + 1} (${section.id}) page ${page + 1}`;
      const input = { questionnaire: healthCheck, cycle, sectionIndex: i, page };
      return [
        [`${name}, empty`, sectionCard({ ...input, answers: {} })],
        [`${name}, fully answered`, sectionCard({ ...input, answers: full })],
        [`${name}, errors on every question`, sectionCard({ ...input, answers: {}, errors: errorsOnEveryQuestion(i, {}) })],
        [`${name}, fully answered with errors on every question, changing from the review`, sectionCard({ ...input, answers: full, errors: errorsOnEveryQuestion(i, full), fromReview: true })],
      ] as const;
    }),
  ),
  ['review, nothing answered', reviewCard({ questionnaire: healthCheck, cycle, answers: {} })],
  ['review, fully answered', reviewCard({ questionnaire: healthCheck, cycle, answers: full })],
  ['thanks', thanksCard({ cycle })],
  ['already submitted', alreadySubmittedCard({ cycle })],
  ['status, not started', statusCard({ cycle, state: 'not-started' })],
  ['status, in progress', statusCard({ cycle, state: 'in-progress', sectionIndex: 5, totalSections: total })],
  ['status, in progress (no section)', statusCard({ cycle, state: 'in-progress' })],
  ['status, submitted', statusCard({ cycle, state: 'submitted' })],
  ['status, no open survey', statusCard({ state: 'no-open-survey' })],
  ['help', helpCard()],
  ['help, for a supervisor, auditor and team manager', helpCard([SUPERVISION_COMMAND, AUDITS_COMMAND, ORG_RETURN_COMMAND])],
  ['message', messageCard('That survey has closed', ['It closed on Friday 26 March 2027, so answers can no longer be sent.', 'Thank you for your interest.'])],
];

const KNOWN_VERBS: readonly string[] = Object.values(VERBS);

// ---------------------------------------------------------------------------------------

describe('card quality', () => {
  it('has the official schema and the Teams host config to check against', () => {
    expect(() => schemaValidator()).not.toThrow();
    expect(() => readJson(HOST_CONFIG_PATH, 'The Teams host config')).not.toThrow();
  });

  it('answers every shown question of the real questionnaire (the generator is valid)', () => {
    const result = validateAnswers(healthCheck, full, { mode: 'submit' });
    expect(result.ok).toBe(true);
    expect(full['pcf-mapped']).toBeDefined();
    expect(full['care-director-training']).toBeDefined();
  });

  it('covers every page of every section of the real questionnaire', () => {
    expect(cards.filter(([name]) => name.startsWith('section ')).length).toBe(4 * healthCheck.sections.reduce((n, s) => n + sectionPages(s).length, 0));
  });

  describe.each(cards)('%s', (_name, card) => {
    itPassesCardQuality(card, CARD_VERSION, {
      checkAction: (data) => {
        expect(KNOWN_VERBS).toContain(data.verb);
        expect(data.cycleId).toBe(cycle.id);
      },
    });
  });
});

describe('the checks themselves', () => {
  it('the schema refuses a card with a misspelt property', () => {
    const validate = schemaValidator();
    expect(validate({ type: 'AdaptiveCard', version: '1.2', body: [{ type: 'TextBlock', text: 'x', colour: 'red' }] })).toBe(false);
  });

  it('the 1.2 parse reports a 1.3 property other than label', () => {
    const card = { type: 'AdaptiveCard', version: '1.2', body: [{ type: 'Input.Text', id: 'a.x', label: 'X', isRequired: true }] };
    const events = libraryEvents(card, AC.Versions.v1_2).map((e) => e.message);
    expect(events.some((m) => m.includes('"isRequired"'))).toBe(true);
  });

  it('a card declaring 1.3 is refused by a 1.2 renderer', () => {
    const card = { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'x', wrap: true }] };
    expect(libraryEvents(card, AC.Versions.v1_2).map((e) => e.event)).toContain('UnsupportedCardVersion');
  });
});
