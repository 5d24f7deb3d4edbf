import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { asIsoDate } from '../../../src/domain/shared/brand';
import { ABOUT_YOU_QUESTIONS, QUESTION_BANK, bankEntry, isBankQuestion } from '../../../src/domain/survey/bank';
import { applyEdits, checkQuestionnaire, copyOf, customQuestion, CUSTOM_QUESTION_KINDS, parseEdits, questionnaireIdProblem, type Edit } from '../../../src/domain/survey/authoring';
import { checkCycleSettings, type CycleSettings, type SettingsContext } from '../../../src/domain/survey/cycleSettings';
import { healthCheck } from '../../../src/domain/survey/healthCheck';
import { allQuestions, findQuestion } from '../../../src/domain/survey/rules';
import { PULSE_TEMPLATES } from '../../../src/domain/survey/templates';
import type { Questionnaire } from '../../../src/domain/survey/types';
import { validateAnswers } from '../../../src/domain/survey/validate';

const template = (topic: string): Questionnaire => {
  const found = PULSE_TEMPLATES.find((t) => t.questionnaire.id === `template-${topic}`);
  if (!found) throw new Error(`no template ${topic}`);
  return found.questionnaire;
};
const ids = (q: Questionnaire): string[] => allQuestions(q).map((x) => x.question.id);
const fields = (result: { ok: boolean; errors?: readonly { field: string }[] }): string[] => (result.ok ? [] : (result.errors ?? []).map((e) => e.field));
const apply = (q: Questionnaire, edits: Edit[]) => applyEdits(q, edits);
const pulse = (): Questionnaire => copyOf(template('supervision'), { id: 'supervision-spring', title: 'Supervision pulse, spring 2027' });

describe('the question bank', () => {
  it('holds every Health Check question under its own id, and the follow-up questions beside them', () => {
    for (const { question } of allQuestions(healthCheck)) expect(bankEntry(question.id)?.question).toBe(question);
    const followUp = QUESTION_BANK.filter((e) => !e.inHealthCheck).map((e) => e.question.id);
    expect(followUp).toEqual(['updates-seen', 'actions-made-difference', 'changes-noticed', 'listened-to', 'what-next']);
    expect(followUp.some((id) => findQuestion(healthCheck, id))).toBe(false);
    expect(new Set(QUESTION_BANK.map((e) => e.question.id)).size).toBe(QUESTION_BANK.length);
  });

  it('passes its own check: the Health Check is a valid questionnaire', () => {
    expect(checkQuestionnaire(healthCheck)).toEqual([]);
  });
});

describe('the pulse templates', () => {
  it('are the five the council needs, each a valid pulse of bank questions only', () => {
    expect(PULSE_TEMPLATES.map((t) => t.questionnaire.title)).toEqual(['Supervision quality', 'Workload and caseloads', 'Team culture and wellbeing', 'Learning and development', 'You said, we did']);
    for (const { questionnaire } of PULSE_TEMPLATES) {
      expect(questionnaire.kind).toBe('pulse');
      expect(checkQuestionnaire(questionnaire)).toEqual([]);
      expect(ids(questionnaire).every(isBankQuestion)).toBe(true);
      expect(questionnaire.breakdowns).toBeUndefined();
      expect(ids(questionnaire).length).toBeLessThanOrEqual(7);
    }
  });

  it('asks whether the actions taken made a difference, only of those who saw the updates', () => {
    const q = template('you-said-we-did');
    expect(findQuestion(q, 'actions-made-difference')?.showIf).toEqual({ question: 'updates-seen', anyOf: ['yes'] });
    expect(validateAnswers(q, { 'updates-seen': 'no', 'actions-made-difference': 'agree' }, { mode: 'submit' })).toMatchObject({
      ok: false,
      errors: [{ code: 'hidden-question', questionId: 'actions-made-difference' }],
    });
    expect(validateAnswers(q, { 'updates-seen': 'yes', 'actions-made-difference': 'agree' }, { mode: 'submit' }).ok).toBe(true);
  });
});

describe('copying and editing a pulse', () => {
  it('copies a template as version 1 of a new pulse, keeping the bank ids', () => {
    const copy = pulse();
    expect(copy).toMatchObject({ id: 'supervision-spring', title: 'Supervision pulse, spring 2027', version: 1, kind: 'pulse', minutes: 2 });
    expect(ids(copy)).toEqual(ids(template('supervision')));
  });

  it("refuses an id that is taken, a template's or malformed", () => {
    const taken = (id: string) => id === 'supervision-spring';
    expect(questionnaireIdProblem('supervision-spring', taken)?.field).toBe('id');
    expect(questionnaireIdProblem('template-mine', taken)?.message).toMatch(/kept for the templates/);
    expect(questionnaireIdProblem('Spring Pulse', taken)?.message).toMatch(/lower-case letters/);
    expect(questionnaireIdProblem('spring-pulse', taken)).toBeUndefined();
  });

  it('rewords, removes, adds from the bank and adds a question of each kind, as the next version', () => {
    const result = apply(pulse(), [
      { op: 'reword', question: 'supervision-quality', text: 'How good is your supervision?', hint: 'Think of the last three sessions.' },
      { op: 'remove', question: 'supervision-postponed' },
      { op: 'remove', question: 'decisions-without-support' },
      { op: 'add-from-bank', question: 'caseload-fair' },
      ...CUSTOM_QUESTION_KINDS.map((kind): Edit => ({ op: 'add-custom', kind, text: `My own ${kind} question`, options: ['First answer', 'Second answer', 'First answer!'] })),
      { op: 'title', title: 'Supervision, spring' },
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const q = result.questionnaire;
    expect(q).toMatchObject({ version: 2, title: 'Supervision, spring' });
    expect(ids(q)).toEqual(['supervision-frequency', 'supervision-quality', 'supervision-reflection', 'complex-case-support', 'caseload-fair', 'own-2-1', 'own-2-2', 'own-2-3', 'own-2-4', 'own-2-5']);
    const reworded = findQuestion(q, 'supervision-quality');
    expect(reworded).toMatchObject({
      text: 'How good is your supervision?',
      hint: 'Think of the last three sessions.',
      options: bankEntry('supervision-quality')?.question.kind === 'single' ? (bankEntry('supervision-quality')?.question as { options: unknown }).options : [],
    });
    expect(findQuestion(q, 'own-2-1')).toMatchObject({
      kind: 'single',
      options: [
        { id: 'first-answer', label: 'First answer' },
        { id: 'second-answer', label: 'Second answer' },
        { id: 'first-answer-2', label: 'First answer!' },
      ],
    });
    expect(findQuestion(q, 'own-2-2')).toMatchObject({ kind: 'multi', hint: 'Choose all that apply.' });
    expect(findQuestion(q, 'own-2-3')).toMatchObject({ kind: 'single', headline: { label: 'strongly agree or agree' } });
    expect(findQuestion(q, 'own-2-4')).toMatchObject({ kind: 'scale', min: 0, max: 10 });
    expect(findQuestion(q, 'own-2-5')).toMatchObject({ kind: 'text', maxLength: 2000 });
    // Answered exactly as a Health Check question is.
    expect(validateAnswers(q, { 'own-2-4': '11' }, { mode: 'draft' })).toMatchObject({ ok: false, errors: [{ code: 'out-of-range', questionId: 'own-2-4' }] });
    expect(validateAnswers(q, { 'own-2-4': '8', 'own-2-2': 'first-answer,second-answer', 'caseload-fair': 'agree' }, { mode: 'submit' }).ok).toBe(true);
  });

  it("never reuses a custom question's id in a later version, so its figures are never put beside another question's", () => {
    const v2 = apply(pulse(), [{ op: 'add-custom', kind: 'agree', text: 'The rota works for me' }]);
    if (!v2.ok) throw new Error('refused');
    const v3 = apply(v2.questionnaire, [
      { op: 'remove', question: 'own-2-1' },
      { op: 'add-custom', kind: 'agree', text: 'Something else' },
    ]);
    if (!v3.ok) throw new Error('refused');
    expect(ids(v3.questionnaire)).toContain('own-3-1');
    expect(ids(v3.questionnaire)).not.toContain('own-2-1');
  });

  it('adds role, team and length of service together, first, and then offers breakdowns; removing one removes them all', () => {
    const added = apply(pulse(), [{ op: 'add-from-bank', question: 'team' }]);
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    expect(added.questionnaire.sections[0]).toMatchObject({ id: 'about-you', title: 'About you' });
    expect(added.questionnaire.sections[0]?.questions.map((q) => q.id)).toEqual(['role', 'team', 'length-of-service']);
    expect(added.questionnaire.breakdowns).toEqual(healthCheck.breakdowns);
    const removed = apply(added.questionnaire, [{ op: 'remove', question: 'length-of-service' }]);
    if (!removed.ok) throw new Error('refused');
    expect(ids(removed.questionnaire).some((id) => ABOUT_YOU_QUESTIONS.includes(id))).toBe(false);
    expect(removed.questionnaire.breakdowns).toBeUndefined();
  });

  it('refuses an empty survey, naming the questions', () => {
    const q = pulse();
    const result = apply(
      q,
      ids(q).map((question): Edit => ({ op: 'remove', question })),
    );
    expect(fields(result)).toEqual(['questions']);
    expect(result.ok ? '' : result.errors[0]?.message).toMatch(/no questions/);
  });

  it('refuses a show-if rule pointing at a question the survey does not ask', () => {
    const result = apply(pulse(), [{ op: 'add-from-bank', question: 'care-director-training' }]);
    expect(fields(result)).toEqual(['questions.care-director-training.showIf']);
    expect(result.ok ? '' : result.errors[0]?.message).toMatch(/asked only after "Have you had training on Care Director\?", which this survey does not ask/);
    const both = apply(pulse(), [
      { op: 'add-from-bank', question: 'care-director-trained' },
      { op: 'add-from-bank', question: 'care-director-training' },
    ]);
    expect(both.ok).toBe(true);
    const moved = apply(both.ok ? both.questionnaire : pulse(), [{ op: 'move', question: 'care-director-training', direction: 'up' }]);
    expect(fields(moved)).toEqual(['questions.care-director-training.showIf']);
  });

  it('refuses a duplicate question, an unknown one and a custom question without answers, and applies none of the edits', () => {
    const q = pulse();
    const result = apply(q, [
      { op: 'reword', question: 'supervision-quality', text: 'Fine words' },
      { op: 'add-from-bank', question: 'supervision-quality' },
      { op: 'add-from-bank', question: 'shoe-size' },
      { op: 'add-custom', kind: 'single', text: 'Pick one', options: ['Only one'] },
      { op: 'reword', question: 'appraisal', text: 'Not here' },
    ]);
    expect(fields(result)).toEqual(['questions.supervision-quality', 'questions.shoe-size', 'newQuestion.options', 'questions.appraisal']);
    expect(findQuestion(q, 'supervision-quality')?.text).toBe('How satisfied are you with the quality of your supervision?');
  });

  it('refuses a bank question whose answers were changed, and a pulse too long to be a pulse', () => {
    const q = pulse();
    const changed: Questionnaire = {
      ...q,
      sections: q.sections.map((s) => ({ ...s, questions: s.questions.map((x) => (x.id === 'supervision-quality' && x.kind === 'single' ? { ...x, options: x.options.slice(0, 2) } : x)) })),
    };
    expect(checkQuestionnaire(changed).map((e) => e.field)).toEqual(['questions.supervision-quality']);
    const long = apply(
      q,
      Array.from({ length: 25 }, (_, i): Edit => ({ op: 'add-custom', kind: 'agree', text: `Statement ${i + 1}` })),
    );
    expect(fields(long)).toEqual(['questions']);
    expect(long.ok ? '' : long.errors[0]?.message).toMatch(/at most 30 questions \(this one has 31\)/);
  });

  it('reads edits from the tab strictly, naming the edit that cannot be read', () => {
    expect(parseEdits('remove everything')).toMatchObject({ ok: false, errors: [{ field: 'edits' }] });
    const parsed = parseEdits([
      { op: 'remove', question: 'appraisal' },
      { op: 'explode' },
      { op: 'add-custom', kind: 'essay', text: 'x' },
      null,
      { op: 'add-custom', kind: 'multi', text: 'Which?', options: ['a', 2] },
    ]);
    expect(fields(parsed)).toEqual(['edits.1', 'edits.2', 'edits.3', 'edits.4']);
    expect(parseEdits([{ op: 'add-custom', kind: 'multi', text: 'Which?', options: ['a', 'b'], maxChoices: 1 }])).toEqual({
      ok: true,
      edits: [{ op: 'add-custom', kind: 'multi', text: 'Which?', options: ['a', 'b'], maxChoices: 1 }],
    });
  });

  it('words each custom question problem for the person who wrote it', () => {
    expect(customQuestion({ kind: 'multi', text: 'Which?', options: ['a', 'b'], maxChoices: 3 }, 'own-2-1')).toMatchObject({ error: { field: 'newQuestion.maxChoices' } });
    expect(customQuestion({ kind: 'single', text: '  ', options: ['a', 'b'] }, 'own-2-1')).toMatchObject({ error: { field: 'newQuestion.text' } });
    expect(customQuestion({ kind: 'single', text: 'Which?', options: ['Yes', 'yes'] }, 'own-2-1')).toMatchObject({
      error: { field: 'newQuestion.options', message: '"yes" is given twice: each answer once.' },
    });
  });
});

describe("a cycle's settings", () => {
  const organisation = demoOrganisation();
  const context = (earlier?: CycleSettings): SettingsContext => ({
    today: asIsoDate('2027-01-11'),
    organisation,
    questionnaire: (id) =>
      id === 'supervision-spring' ? { title: 'Supervision pulse' } : id.startsWith('template-') ? { refused: 'Copy the template first.' } : { refused: `There is no survey "${id}".` },
    defaultTitle: (title) => `${title} 2027`,
    ...(earlier ? { earlier } : {}),
  });

  it('takes sensible defaults: today, threshold 5, comments 10, everyone, reminders on days 3 and 5 and 2 before closing, weekdays 08:00–18:00', () => {
    const checked = checkCycleSettings({ surveyId: 'supervision-spring', closesOn: '2027-01-29' }, context());
    expect(checked).toMatchObject({
      ok: true,
      settings: {
        title: 'Supervision pulse 2027',
        opensOn: '2027-01-11',
        threshold: 5,
        textThreshold: 10,
        audience: { kind: 'everyone' },
        plan: { cadence: { afterOpening: [3, 5], beforeClosing: [2] }, workingHours: { start: '08:00', end: '18:00' } },
      },
    });
  });

  it('names every field that is wrong at once: threshold below 5, closing before opening, an audience of unknown teams, a template', () => {
    const checked = checkCycleSettings(
      {
        surveyId: 'template-supervision',
        opensOn: '2027-02-01',
        closesOn: '2027-01-20',
        threshold: 4,
        audience: { kind: 'teams', teamIds: ['no-such-team'] },
        reminders: { afterOpening: [0] },
        workingHours: '25:00-26:00',
      },
      context(),
    );
    expect(fields(checked).sort()).toEqual(['audience', 'closesOn', 'reminders', 'surveyId', 'threshold', 'workingHours']);
    const message = (field: string) => (checked.ok ? '' : checked.errors.find((e) => e.field === field)?.message);
    expect(message('threshold')).toBe('The threshold must be a whole number of at least 5: smaller groups could be identified.');
    expect(message('closesOn')).toBe('The closing date (2027-01-20) must be after the opening date (2027-02-01).');
    expect(message('audience')).toBe('"no-such-team" is not a team in the directory.');
  });

  it('refuses an audience nobody is in, and one smaller than the threshold', () => {
    const nobody = checkCycleSettings(
      { surveyId: 'supervision-spring', closesOn: '2027-01-29', audience: { kind: 'roles', roles: ['ot-assistant'] } },
      { ...context(), organisation: { ...organisation, people: organisation.people.filter((p) => p.role !== 'ot-assistant') } },
    );
    expect(nobody.ok ? '' : nobody.errors[0]?.message).toMatch(/^Nobody in the directory is in this audience \(OT assistants\)/);
    const intake = organisation.people.filter((p) => p.teamId === 'intake').length;
    const small = checkCycleSettings({ surveyId: 'supervision-spring', closesOn: '2027-01-29', threshold: intake + 1, audience: 'teams:intake' }, context());
    expect(small.ok ? '' : small.errors[0]?.message).toBe(
      `Only ${intake} people are in this audience (Intake), fewer than the threshold of ${intake + 1}, so no result could ever be shown: ask more people.`,
    );
  });

  it('changes only what is given to a draft, keeping the rest', () => {
    const first = checkCycleSettings({ surveyId: 'supervision-spring', closesOn: '2027-01-29', threshold: 6, audience: 'teams:hospital,intake', reminders: 'none', workingHours: 'any' }, context());
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const second = checkCycleSettings({ title: 'Spring supervision pulse', closesOn: '2027-02-05' }, context(first.settings));
    expect(second).toMatchObject({ ok: true, settings: { ...first.settings, title: 'Spring supervision pulse', closesOn: '2027-02-05' } });
  });
});
