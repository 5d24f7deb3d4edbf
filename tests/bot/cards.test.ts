import {
  alreadySubmittedCard,
  formatDate,
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
import { VERBS } from '../../src/bot/cards/verbs';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import type { Answers, Questionnaire } from '../../src/domain/survey/types';
import type { AnswerError } from '../../src/domain/survey/validate';
import { inputsOf } from './cardChecks';

type Json = Record<string, unknown>;

const cycle: CycleSummary = { id: 'cyc_2027', title: 'Adult Social Care Organisational Health Check', closesOn: '2027-03-26', threshold: 5, textThreshold: 10 };
const sectionIndexOf = (id: string): number => healthCheck.sections.findIndex((s) => s.id === id);
const section = (id: string, answers: Answers = {}, errors?: readonly AnswerError[]): AdaptiveCard =>
  sectionCard({ questionnaire: healthCheck, cycle, sectionIndex: sectionIndexOf(id), answers, ...(errors ? { errors } : {}) });

/** Every object in the card, depth first, in reading order. */
function walk(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (typeof node === 'object' && node !== null) {
    out.push(node as Json);
    Object.values(node).forEach((v) => walk(v, out));
  }
  return out;
}
const ofType = (card: AdaptiveCard, type: string): Json[] => walk(card).filter((o) => o.type === type);
const texts = (card: AdaptiveCard): string[] => ofType(card, 'TextBlock').map((t) => String(t.text));
const allText = (card: AdaptiveCard): string => texts(card).join('\n');
/** The inputs as a host shows them, each once (a fallback holds the copy a 1.2 host shows). */
const inputs = (card: AdaptiveCard): Json[] => inputsOf(card);
const input = (card: AdaptiveCard, questionId: string): Json | undefined => inputs(card).find((i) => i.id === `a.${questionId}`);
const actions = (card: AdaptiveCard): Json[] => ofType(card, 'Action.Submit');
const button = (card: AdaptiveCard, title: string): Json | undefined => actions(card).find((a) => a.title === title);

describe('sectionCard', () => {
  it('should build section 1 of the real questionnaire with its heading and intro', () => {
    const card = section('about-you');
    expect(card.type).toBe('AdaptiveCard');
    expect(texts(card)).toContain('Section 1 of 14: About you');
    expect(allText(card)).toContain(healthCheck.sections[0]!.intro!);
  });

  it('should name inputs a.<question id>', () => {
    expect(inputs(section('about-you')).map((i) => i.id)).toEqual(['a.role', 'a.team', 'a.length-of-service', 'a.contract']);
  });

  it('should show each question as text, with (required) or (optional), and give its input a label', () => {
    const card = section('about-you');
    expect(texts(card)).toContain('What is your role? (required)');
    expect(input(card, 'role')!.label).toBe('What is your role? (required)');
    const comments = section('anything-else');
    expect(texts(comments)).toContain(`${healthCheck.sections[13]!.questions[0]!.text} (optional)`);
    expect(allText(comments)).toContain('Please do not include names');
  });

  it('should never set isRequired, so Back and Save are not blocked by Teams', () => {
    for (let i = 0; i < healthCheck.sections.length; i++) {
      const card = sectionCard({ questionnaire: healthCheck, cycle, sectionIndex: i, answers: {} });
      expect(walk(card).some((o) => 'isRequired' in o)).toBe(false);
    }
  });

  it('should build each kind of input', () => {
    const role = input(section('about-you'), 'role')!;
    expect(role).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded' });
    expect(role.isMultiSelect).toBeUndefined();
    expect(role.choices).toContainEqual({ title: 'Social worker', value: 'social-worker' });

    expect(input(section('ict'), 'ict-access')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, style: 'expanded' });

    const scale = input(section('cultural-competence'), 'cultural-confidence')!;
    expect(scale.type).toBe('Input.ChoiceSet');
    const choices = scale.choices as { title: string; value: string }[];
    expect(choices.map((c) => c.value)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(choices[0]!.title).toBe('0 – Not confident at all');
    expect(choices[5]!.title).toBe('5');
    expect(choices[10]!.title).toBe('10 – Extremely confident');

    expect(input(section('anything-else'), 'other-comments')).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 2000 });
  });

  it('should say how many to choose when a multiple choice question has a limit', () => {
    // The real question's hint already says "Choose up to two.", so it is not said twice.
    const career = allText(section('career-development'));
    expect(career).toContain('Choose up to two.');
    expect(career).not.toContain('Choose up to 2.');

    const questionnaire: Questionnaire = {
      ...healthCheck,
      sections: [
        {
          id: 's',
          title: 'Pick',
          questions: [
            {
              id: 'pick',
              kind: 'multi',
              text: 'Pick some',
              required: true,
              maxChoices: 2,
              options: [
                { id: 'a', label: 'A' },
                { id: 'b', label: 'B' },
                { id: 'c', label: 'C' },
              ],
            },
          ],
        },
      ],
    };
    expect(allText(sectionCard({ questionnaire, cycle, sectionIndex: 0, answers: {} }))).toContain('Choose up to 2.');
  });

  it('should pre-fill values from the answers (multiple choice as Teams sends it: "a,b")', () => {
    expect(input(section('about-you', { role: 'social-worker', team: 'intake' }), 'role')!.value).toBe('social-worker');
    expect(input(section('about-you', { role: 'social-worker', team: 'intake' }), 'team')!.value).toBe('intake');
    expect(input(section('about-you', { role: 'social-worker' }), 'contract')!.value).toBeUndefined();
    expect(input(section('ict', { 'ict-access': ['laptop-tablet', 'ms-teams'] }), 'ict-access')!.value).toBe('laptop-tablet,ms-teams');
    expect(input(section('cultural-competence', { 'cultural-confidence': 8 }), 'cultural-confidence')!.value).toBe('8');
    expect(input(section('anything-else', { 'other-comments': 'More time, please.' }), 'other-comments')!.value).toBe('More time, please.');
  });

  it('should leave out questions that are hidden by show-if rules', () => {
    expect(input(section('professional-development'), 'pcf-mapped')).toBeUndefined();
    expect(input(section('professional-development', { role: 'occupational-therapist' }), 'pcf-mapped')).toBeUndefined();
    expect(input(section('professional-development', { role: 'occupational-therapist' }), 'ot-framework-mapped')).toBeDefined();
    expect(input(section('professional-development', { role: 'social-worker' }), 'pcf-mapped')).toBeDefined();
    expect(allText(section('professional-development'))).not.toContain('Professional Capabilities Framework');

    expect(input(section('care-director'), 'care-director-training')).toBeUndefined();
    expect(input(section('care-director', { 'care-director-trained': 'no' }), 'care-director-training')).toBeUndefined();
    expect(input(section('care-director', { 'care-director-trained': 'yes' }), 'care-director-training')).toBeDefined();
  });

  it('should put each error under its question, in red, starting "⚠ ", with a count at the top', () => {
    const errors: AnswerError[] = [
      { code: 'required', questionId: 'team', message: '"Which team do you work in?": please answer this question.' },
      { code: 'unknown-option', questionId: 'contract', message: '"What kind of contract are you on?": "zero-hours" is not one of the answers you can choose.' },
    ];
    const card = section('about-you', {}, errors);
    const all = texts(card);
    expect(all).toContain('Please check the 2 answers marked below.');
    expect(all.indexOf('Please check the 2 answers marked below.')).toBeLessThan(all.indexOf('What is your role? (required)'));

    // Each question is a container: its input (with its words), any guidance, then what is wrong.
    const block = (questionId: string): Json => ofType(card, 'Container').find((c) => (c.items as Json[]).some((i) => i.id === `a.${questionId}`))!;
    const last = (questionId: string): Json => (block(questionId).items as Json[]).at(-1)!;
    expect(last('team')).toMatchObject({ text: '⚠ Please answer this question.', color: 'attention' });
    expect(last('contract')).toMatchObject({ text: '⚠ "zero-hours" is not one of the answers you can choose.', color: 'attention' });
    expect(String(last('role').text ?? '')).not.toMatch(/^⚠/);
  });

  it('should list at the top an error it cannot put under a question on this card', () => {
    const card = section('about-you', {}, [{ code: 'not-answers', questionId: '', message: 'The answers could not be read.' }]);
    expect(texts(card)).toContain('⚠ The answers could not be read.');
    expect(allText(card)).not.toContain('marked below');
  });

  it('should say "the answer" for one error', () => {
    const card = section('about-you', {}, [{ code: 'required', questionId: 'role', message: '"What is your role?": please answer this question.' }]);
    expect(texts(card)).toContain('Please check the answer marked below.');
  });

  it('should leave Back off the first section, and send verb, cycle and section from every button', () => {
    const first = section('about-you');
    expect(button(first, 'Back')).toBeUndefined();
    expect(button(first, 'Next')!.data).toEqual({ verb: VERBS.next, cycleId: cycle.id, section: 0 });
    expect(button(first, 'Save and finish later')!.data).toEqual({ verb: VERBS.saveForLater, cycleId: cycle.id, section: 0 });

    const second = section('evidence');
    expect(button(second, 'Back')!.data).toEqual({ verb: VERBS.back, cycleId: cycle.id, section: 1 });
    expect(actions(second).every((a) => a.type === 'Action.Submit')).toBe(true);
  });

  it('should say Next on every page, the last one too (it leads to the review), after Back', () => {
    const last = section('anything-else');
    expect(actions(last).map((a) => a.title)).toEqual(['Back', 'Next', 'Save and finish later']);
    expect(button(last, 'Next')!.data).toEqual({ verb: VERBS.next, cycleId: cycle.id, section: 13 });
  });

  it('should send the page, and whether the section was opened from the review, from every button', () => {
    const ict = sectionIndexOf('ict');
    const second = sectionCard({ questionnaire: healthCheck, cycle, sectionIndex: ict, page: 1, answers: {}, fromReview: true });
    expect(texts(second)).toContain('Section 3 of 14: ICT and support (part 2 of 2)');
    for (const a of actions(second)) expect(a.data).toMatchObject({ cycleId: cycle.id, section: ict, page: 1, fromReview: true });
    expect(allText(second)).toContain('you go back to check them all');
  });

  it('should mark a question just opened by an answer as new, directly above it', () => {
    const card = sectionCard({
      questionnaire: healthCheck,
      cycle,
      sectionIndex: sectionIndexOf('care-director'),
      answers: { 'care-director-trained': 'yes' },
      newQuestions: ['care-director-training'],
      note: 'Your answer has added a question, just below it, marked as new.',
    });
    const block = ofType(card, 'Container').find((c) => (c.items as Json[]).some((i) => i.id === 'a.care-director-training'))!;
    expect((block.items as Json[])[0]).toMatchObject({ type: 'TextBlock', text: 'New question, because of your answer above', color: 'accent' });
  });

  it('should refuse a section that does not exist', () => {
    expect(() => sectionCard({ questionnaire: healthCheck, cycle, sectionIndex: 14, answers: {} })).toThrow(RangeError);
  });
});

describe('reviewCard', () => {
  const answers: Answers = {
    role: 'social-worker',
    team: 'intake',
    'length-of-service': 'over-10',
    'ict-access': ['laptop-tablet', 'ms-teams'],
    'care-director-trained': 'no',
    'cultural-confidence': 10,
    'other-comments': 'More time for reflection.',
  };
  const card = reviewCard({ questionnaire: healthCheck, cycle, answers });
  const all = texts(card);

  it('should give each section in one line: how many of its questions were answered', () => {
    expect(all).toContain('**Section 1: About you.** 3 of 4 answered, 1 skipped.');
    expect(all).toContain('**Section 13: Culturally competent and inclusive practice.** All 1 question answered.');
    expect(all).toContain('**Section 2: Best practice and evidence.** 0 of 1 answered, 1 skipped.');
  });

  it('should count the questions skipped in each section, and name none: the card stays in the chat', () => {
    expect(all.some((t) => t.startsWith('Skipped: '))).toBe(false);
    expect(all).toContain('**Section 3: ICT and support.** 1 of 8 answered, 7 skipped.');
  });

  it('should count only the questions asked: a social worker is asked the PCF question, nobody here the training one', () => {
    expect(all).toContain('**Section 5: Professional development.** 0 of 6 answered, 6 skipped.');
    expect(all).toContain('**Section 4: Care Director.** 1 of 3 answered, 2 skipped.');
  });

  it('should say which required questions still need an answer', () => {
    const missing = reviewCard({ questionnaire: healthCheck, cycle, answers: { team: 'intake' } });
    expect(texts(missing)).toContain('Needs an answer: What is your role?');
  });

  it('should have a Change button for every section and a Send button with the warning', () => {
    const changes = actions(card).filter((a) => a.title === 'Change');
    expect(changes.map((a) => a.data)).toEqual(healthCheck.sections.map((_, i) => ({ verb: VERBS.edit, cycleId: cycle.id, section: i })));
    expect(button(card, 'Send my answers')!.data).toEqual({ verb: VERBS.submit, cycleId: cycle.id });
    expect(all).toContain('Once sent, answers cannot be changed and are not linked to you.');
  });
});

describe('promptCard and reminderCard', () => {
  it('should format the closing date the UK way', () => {
    expect(formatDate('2027-03-26')).toBe('Friday 26 March 2027');
    expect(formatDate('2027-03-28')).toBe('Sunday 28 March 2027');
    expect(formatDate('2026-01-01')).toBe('Thursday 1 January 2026');
    expect(formatDate('2027-02-30')).toBe('2027-02-30');
    expect(formatDate('soon')).toBe('soon');
  });

  it('should give the survey name, closing date, time, the promise and a Start button', () => {
    const card = promptCard({ cycle, minutes: 15 });
    const all = allText(card);
    expect(all).toContain(cycle.title);
    expect(all).toContain('Friday 26 March 2027');
    expect(all).toContain('about 15 minutes');
    expect(all).toContain('anonymous');
    expect(all).toContain('at least 5 people');
    expect(actions(card)).toEqual([expect.objectContaining({ title: 'Start', data: { verb: VERBS.start, cycleId: cycle.id } })]);
  });

  it('should offer to carry on from the saved section (numbered from 1)', () => {
    const card = promptCard({ cycle, minutes: 15, resuming: { sectionIndex: 3, totalSections: 14 } });
    expect(button(card, 'Carry on from section 4')!.data).toEqual({ verb: VERBS.start, cycleId: cycle.id });
    expect(button(card, 'Start')).toBeUndefined();
    expect(allText(card)).toContain('section 4 of 14');
  });

  it('should remind gently, never implying anyone knows whether the person has answered', () => {
    const card = reminderCard({ cycle, minutes: 15, daysLeft: 3 });
    const all = allText(card);
    expect(all).toContain('If you have already taken part, thank you — please ignore this.');
    expect(all).toContain('There are 3 days left');
    expect(all).not.toMatch(/you have not|you haven’t|you haven't|not yet (answered|taken part)|our records/i);
    expect(button(card, 'Start')!.data).toEqual({ verb: VERBS.start, cycleId: cycle.id });
    expect(allText(reminderCard({ cycle, minutes: 15, daysLeft: 1 }))).toContain('There is 1 day left');
    expect(allText(reminderCard({ cycle, minutes: 15, daysLeft: 0 }))).toContain('Today is the last day');
  });
});

describe('the other cards', () => {
  it('should welcome with what is kept, what is not, who sees what, and what to type', () => {
    const all = allText(welcomeCard({ threshold: 5, textThreshold: 10 }));
    expect(all).toContain('Your answers, which survey they are for, and the date you sent them.');
    expect(all).toContain('never keep your name, your Teams ID or the time of day');
    expect(all).toContain('cannot be linked to your answers');
    expect(all).toContain('groups of at least 5 people');
    expect(all).toContain('reads written comments word for word, only where at least 10 people wrote one');
    for (const command of ['survey', 'status', 'help', 'privacy']) expect(all).toContain(`**${command}**`);
  });

  it('should thank, and say when someone has already taken part', () => {
    expect(allText(thanksCard({ cycle }))).toContain('Thank you for taking part');
    expect(allText(thanksCard({ cycle }))).toContain('Friday 26 March 2027');
    expect(allText(alreadySubmittedCard({ cycle }))).toContain('You have already taken part');
    expect(actions(alreadySubmittedCard({ cycle }))).toEqual([]);
  });

  it('should show each status', () => {
    expect(button(statusCard({ cycle, state: 'not-started' }), 'Start')).toBeDefined();
    const inProgress = statusCard({ cycle, state: 'in-progress', sectionIndex: 2, totalSections: 14 });
    expect(allText(inProgress)).toContain('section 3 of 14');
    expect(button(inProgress, 'Carry on from section 3')!.data).toEqual({ verb: VERBS.start, cycleId: cycle.id });
    expect(allText(statusCard({ cycle, state: 'submitted' }))).toContain('You have taken part');
    expect(allText(statusCard({ state: 'no-open-survey' }))).toContain('no survey open');
  });

  it('should explain the commands in help, and show plain messages', () => {
    expect(allText(helpCard())).toContain('**status**');
    const message = messageCard('That survey has closed', ['It closed on Friday 26 March 2027.', 'Thank you.']);
    expect(texts(message)).toEqual(['That survey has closed', 'It closed on Friday 26 March 2027.', 'Thank you.']);
    expect(actions(message)).toEqual([]);
  });
});
