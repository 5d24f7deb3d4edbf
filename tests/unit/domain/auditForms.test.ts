import {
  auditForms,
  formFor,
  itemsOf,
  staffSupervisionAudit,
  practiceStandardsAuditSocialWork,
  practiceStandardsAuditTherapy,
  practiceObservation,
  type AuditForm,
} from '../../../src/domain/audit/forms';
import { validateAuditForm, isCalendarDate, type AuditAnswerError } from '../../../src/domain/audit/forms/validate';

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function countKinds(form: AuditForm): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { item } of itemsOf(form)) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}

describe('audit form definitions', () => {
  it('has the four appendices, found by id', () => {
    expect(auditForms.map((f) => f.id)).toEqual(['appendix-1', 'appendix-2', 'appendix-3', 'appendix-4']);
    expect(formFor('appendix-3')).toBe(practiceStandardsAuditTherapy);
    expect(formFor('appendix-9')).toBeUndefined();
  });

  it.each(auditForms.map((f) => [f.id, f] as const))('%s: ids are unique, non-empty kebab-case; texts non-empty', (_id, form) => {
    const ids = itemsOf(form).map((e) => e.item.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sectionIds = form.sections.map((s) => s.id);
    expect(new Set(sectionIds).size).toBe(sectionIds.length);
    for (const id of [...ids, ...sectionIds, ...form.header.map((h) => h.id)]) expect(id).toMatch(kebab);
    for (const { item, section } of itemsOf(form)) {
      expect(item.text.trim()).not.toBe('');
      expect(form.parts).toContain(section.part);
    }
    expect(form.version).toBeGreaterThanOrEqual(1);
    expect(form.parts).toContain(form.lead);
  });

  it('Appendix 1: general comments, actions arising and the subject’s comments; the rating rows are a recorded gap', () => {
    expect(itemsOf(staffSupervisionAudit).map((e) => e.item.id)).toEqual(['general-comments', 'actions-arising', 'subject-comments']);
    expect(staffSupervisionAudit.gaps?.length).toBe(1);
  });

  it.each([practiceStandardsAuditSocialWork, practiceStandardsAuditTherapy])('$id: 20 numbered questions, 1–18 rated, 19 free text, 20 the action plan, plus the case identifier', (form) => {
    const numbered = itemsOf(form)
      .filter((e) => e.item.number !== undefined)
      .map((e) => e.item);
    expect(numbered.map((i) => i.number)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(countKinds(form)).toEqual({ text: 2, rating: 18, actions: 1 });
    expect(numbered[18]?.kind).toBe('text');
    expect(numbered[19]?.kind).toBe('actions');
    expect(itemsOf(form)[0]?.item.id).toBe('case-identifier');
  });

  it('Appendix 4: the worker’s four boxes (two before, one after, one after the report) and the observer’s parts', () => {
    const worker = itemsOf(practiceObservation)
      .filter((e) => e.section.part === 'worker')
      .map((e) => e.item);
    expect(worker.map((i) => (i.kind === 'worker-box' ? [i.number, i.stage] : i.kind))).toEqual([
      ['1', 'before-observation'],
      ['2', 'before-observation'],
      ['3', 'after-observation'],
      ['4', 'after-observer-report'],
    ]);
    const observer = itemsOf(practiceObservation)
      .filter((e) => e.section.part === 'observer')
      .map((e) => e.item.id);
    expect(observer).toEqual(['observation-setting', 'capability-assessment', 'action-plan', 'person-feedback']);
  });

  it('keeps the council’s wording, with only obvious typos fixed', () => {
    const text = (form: AuditForm, id: string) => itemsOf(form).find((e) => e.item.id === id)?.item.text;
    expect(text(practiceStandardsAuditSocialWork, 'evidence-based-practice')).toBe('To what extent does the case file demonstrate that the intervention is based upon evidence-based practice?');
    expect(text(practiceStandardsAuditTherapy, 'preventative-focus')).toBe('Is there evidence that there is a focus on preventative measures to promote well-being and independence?');
    expect(text(practiceStandardsAuditTherapy, 'prevention-principles-legislation')).toContain('Housing Grants, Construction and Regeneration Act 1996');
  });
});

// A complete, valid submit of Appendix 2.
function completeAppendix2(): Record<string, unknown> {
  const input: Record<string, unknown> = { 'case-identifier': 'CASE-123', 'what-was-good': 'Clear strengths-based plan.' };
  for (const { item } of itemsOf(practiceStandardsAuditSocialWork)) if (item.kind === 'rating') input[item.id] = 'yes';
  input['timeliness-responsiveness'] = { rating: 'yes', comment: 'Visited within two days.' };
  return input;
}

function errorsOf(form: AuditForm, input: unknown, options: Parameters<typeof validateAuditForm>[2] = { mode: 'submit' }): readonly AuditAnswerError[] {
  const result = validateAuditForm(form, input, options);
  return result.ok ? [] : result.errors;
}

describe('validateAuditForm', () => {
  it('accepts a complete submit and cleans the answers', () => {
    const result = validateAuditForm(
      practiceStandardsAuditSocialWork,
      {
        ...completeAppendix2(),
        'record-coherent': { rating: ' Partly ', comment: '  Recording is two weeks behind. ' },
        'action-plan': [
          { action: 'Bring recording up to date', owner: 'A. Worker', due: '2025-03-31' },
          { action: '', owner: '', due: '' },
        ],
      },
      { mode: 'submit', part: 'auditor' },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answers['record-coherent']).toEqual({ kind: 'rating', rating: 'partly', comment: 'Recording is two weeks behind.' });
    expect(result.answers['advocacy-considered']).toEqual({ kind: 'rating', rating: 'yes' });
    expect(result.answers['action-plan']).toEqual({ kind: 'actions', actions: [{ action: 'Bring recording up to date', owner: 'A. Worker', due: '2025-03-31' }] });
    expect(result.answers['what-was-good']).toEqual({ kind: 'text', text: 'Clear strengths-based plan.' });
  });

  it('leaves out blanks and allows a partial draft', () => {
    const result = validateAuditForm(practiceStandardsAuditSocialWork, { 'record-coherent': 'no', 'advocacy-considered': '', 'risk-analysis': { rating: '', comment: '' } }, { mode: 'draft' });
    expect(result).toEqual({ ok: true, answers: { 'record-coherent': { kind: 'rating', rating: 'no' } } });
  });

  it('refuses input that is not a set of answers', () => {
    expect(errorsOf(practiceStandardsAuditSocialWork, ['yes'])).toEqual([expect.objectContaining({ code: 'not-answers', itemId: '' })]);
    expect(errorsOf(practiceStandardsAuditSocialWork, null)[0]?.code).toBe('not-answers');
  });

  it.each<[string, Record<string, unknown>, AuditAnswerError['code'], string]>([
    ['an unknown item', { salary: 'yes' }, 'unknown-item', 'salary'],
    ['a rating that is not text or an object', { 'record-coherent': 3 }, 'wrong-type', 'record-coherent'],
    ['a comment that is not text', { 'record-coherent': { rating: 'yes', comment: 5 } }, 'wrong-type', 'record-coherent'],
    ['text that is not text', { 'what-was-good': ['a'] }, 'wrong-type', 'what-was-good'],
    ['actions that are not a list', { 'action-plan': 'do better' }, 'wrong-type', 'action-plan'],
    ['an action that is not an object', { 'action-plan': ['do better'] }, 'wrong-type', 'action-plan'],
    ['an action field that is not text', { 'action-plan': [{ action: 'x', owner: 'y', due: 20250101 }] }, 'wrong-type', 'action-plan'],
    ['a bad rating value', { 'record-coherent': 'maybe' }, 'bad-rating', 'record-coherent'],
    ['a comment with no rating', { 'record-coherent': { comment: 'hmm' } }, 'bad-rating', 'record-coherent'],
    ['over-long text', { 'what-was-good': 'x'.repeat(4001) }, 'too-long', 'what-was-good'],
    ['an over-long comment', { 'record-coherent': { rating: 'yes', comment: 'x'.repeat(2001) } }, 'too-long', 'record-coherent'],
    ['an over-long action', { 'action-plan': [{ action: 'x'.repeat(501), owner: 'A', due: '2025-01-01' }] }, 'too-long', 'action-plan'],
    ['an over-long owner', { 'action-plan': [{ action: 'x', owner: 'y'.repeat(201), due: '2025-01-01' }] }, 'too-long', 'action-plan'],
    ['an action with no text', { 'action-plan': [{ owner: 'A', due: '2025-01-01' }] }, 'action-missing-text', 'action-plan'],
    ['an impossible due date', { 'action-plan': [{ action: 'x', owner: 'A', due: '2025-02-30' }] }, 'bad-due-date', 'action-plan'],
    ['a due date in another format', { 'action-plan': [{ action: 'x', owner: 'A', due: '31/03/2025' }] }, 'bad-due-date', 'action-plan'],
  ])('in a draft, refuses %s', (_what, input, code, itemId) => {
    const errors = errorsOf(practiceStandardsAuditSocialWork, input, { mode: 'draft' });
    expect(errors).toEqual([expect.objectContaining({ code, itemId })]);
    expect(errors[0]?.message.length).toBeGreaterThan(20);
  });

  it('names the item in plain words', () => {
    const [e] = errorsOf(practiceStandardsAuditSocialWork, { 'record-coherent': 'maybe' }, { mode: 'draft' });
    expect(e?.message).toBe(
      `"1. Is the record coherent and the person's story and circumstances clear to understand? Is the case recording up to date?": "maybe" is not an answer here; please choose Yes, Partly or No.`,
    );
  });

  it('at submit, requires a comment for Partly or No, and always for question 14', () => {
    const input = { ...completeAppendix2(), 'record-coherent': 'partly', 'advocacy-considered': { rating: 'no', comment: ' ' }, 'timeliness-responsiveness': 'yes' };
    const errors = errorsOf(practiceStandardsAuditSocialWork, input);
    expect(errors.map((e) => [e.code, e.itemId])).toEqual([
      ['comment-required', 'record-coherent'],
      ['comment-required', 'advocacy-considered'],
      ['comment-required', 'timeliness-responsiveness'],
    ]);
    expect(errors[0]?.message).toContain('saying why the answer is Partly');
    // A draft may save them without a comment, to finish later.
    expect(errorsOf(practiceStandardsAuditSocialWork, input, { mode: 'draft' })).toEqual([]);
  });

  it('at submit, requires every action to have an owner and a due date; a draft may leave them for later', () => {
    const input = { ...completeAppendix2(), 'action-plan': [{ action: 'Review the plan', owner: '', due: '' }] };
    expect(errorsOf(practiceStandardsAuditSocialWork, input).map((e) => e.code)).toEqual(['action-without-owner', 'bad-due-date']);
    expect(errorsOf(practiceStandardsAuditSocialWork, input)[0]?.message).toContain('"Review the plan"');
    expect(errorsOf(practiceStandardsAuditSocialWork, input, { mode: 'draft' })).toEqual([]);
  });

  it('at submit, requires every required item, but not the questions that only sometimes apply', () => {
    const input = completeAppendix2();
    delete input['safeguarding-managed'];
    delete input['continuity-of-support'];
    expect(errorsOf(practiceStandardsAuditSocialWork, input)).toEqual([]);
    delete input['risk-analysis'];
    delete input['case-identifier'];
    expect(errorsOf(practiceStandardsAuditSocialWork, input).map((e) => [e.code, e.itemId])).toEqual([
      ['required', 'case-identifier'],
      ['required', 'risk-analysis'],
    ]);
  });

  it('reports a refused answer once, not again as missing', () => {
    expect(errorsOf(practiceStandardsAuditSocialWork, { ...completeAppendix2(), 'risk-analysis': 'perhaps' }).map((e) => e.code)).toEqual(['bad-rating']);
  });

  it('Appendix 1: the auditor must answer whether there are actions; an empty list means none', () => {
    expect(errorsOf(staffSupervisionAudit, {}, { mode: 'submit', part: 'auditor' }).map((e) => [e.code, e.itemId])).toEqual([['required', 'actions-arising']]);
    expect(validateAuditForm(staffSupervisionAudit, { 'actions-arising': [] }, { mode: 'submit', part: 'auditor' })).toEqual({
      ok: true,
      answers: { 'actions-arising': { kind: 'actions', actions: [] } },
    });
  });

  it('refuses answers to a part that belongs to someone else', () => {
    const errors = errorsOf(staffSupervisionAudit, { 'actions-arising': [], 'subject-comments': 'I disagree.' }, { mode: 'submit', part: 'auditor' });
    expect(errors).toEqual([expect.objectContaining({ code: 'wrong-part', itemId: 'subject-comments' })]);
    expect(errors[0]?.message).toContain('for the person audited to fill in, not the auditor');
    // The subject submits their comments alone, and the auditor's required items are not theirs to answer.
    expect(validateAuditForm(staffSupervisionAudit, { 'subject-comments': 'I agree.' }, { mode: 'submit', part: 'subject' }).ok).toBe(true);
    expect(errorsOf(practiceObservation, { background: 'A visit.' }, { mode: 'draft', part: 'observer' })[0]?.code).toBe('wrong-part');
  });

  describe('Appendix 4 stages', () => {
    const before = { background: 'First visit after hospital discharge.', planning: 'Observer introduced as my supervisor.' };

    it('before the observation, the worker submits boxes 1–2 only', () => {
      expect(validateAuditForm(practiceObservation, before, { mode: 'submit', part: 'worker', stage: 'before-observation' }).ok).toBe(true);
      const errors = errorsOf(practiceObservation, { ...before, 'critical-reflection': 'Too early.' }, { mode: 'draft', part: 'worker', stage: 'before-observation' });
      expect(errors).toEqual([expect.objectContaining({ code: 'not-yet', itemId: 'critical-reflection' })]);
      expect(errors[0]?.message).toContain("after reading the observer's report");
    });

    it('after the observer’s report, all four boxes are required', () => {
      const errors = errorsOf(practiceObservation, before, { mode: 'submit', part: 'worker', stage: 'after-observer-report' });
      expect(errors.map((e) => [e.code, e.itemId])).toEqual([
        ['required', 'reflections'],
        ['required', 'critical-reflection'],
      ]);
    });

    it('the observer submits the setting and assessment; the action plan and the person’s feedback are optional', () => {
      expect(errorsOf(practiceObservation, { 'capability-assessment': 'Warm, clear, respectful.' }, { mode: 'submit', part: 'observer' }).map((e) => e.itemId)).toEqual(['observation-setting']);
      expect(validateAuditForm(practiceObservation, { 'observation-setting': 'Home visit', 'capability-assessment': 'Warm, clear, respectful.' }, { mode: 'submit', part: 'observer' }).ok).toBe(true);
    });
  });

  it('checks calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-1')).toBe(false);
  });
});
