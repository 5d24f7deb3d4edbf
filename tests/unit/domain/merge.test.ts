import { mergeAnswers } from '../../../src/domain/survey/merge';
import { mini } from '../../fixtures/miniSurvey';

describe('mergeAnswers: one section at a time over the saved draft', () => {
  it('applies show-if rules using answers from earlier sections', () => {
    // Role was given in section 1; the PCF question comes in section 2.
    expect(mergeAnswers(mini, { role: 'sw' }, { fair: 'yes', pcf: 'no' }, { mode: 'draft' })).toEqual({ ok: true, answers: { role: 'sw', fair: 'yes', pcf: 'no' } });
  });

  it('refuses an answer given now to a question the saved answers hide', () => {
    const result = mergeAnswers(mini, { role: 'ot' }, { pcf: 'yes' }, { mode: 'draft' });
    expect(result.ok ? [] : result.errors).toEqual([expect.objectContaining({ code: 'hidden-question', questionId: 'pcf' })]);
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/only asked when the answer to "What is your role\?" is "Social worker"/);
  });

  it('quietly drops a saved answer that a changed role no longer asks for', () => {
    expect(mergeAnswers(mini, { role: 'sw', fair: 'no', pcf: 'yes' }, { role: 'ot' }, { mode: 'draft' })).toEqual({ ok: true, answers: { role: 'ot', fair: 'no' } });
  });

  it('clears a saved answer the person has now left empty', () => {
    expect(mergeAnswers(mini, { role: 'sw', confidence: 7 }, { confidence: '' }, { mode: 'draft' })).toEqual({ ok: true, answers: { role: 'sw' } });
  });

  it('checks required questions across the whole set at submit', () => {
    const result = mergeAnswers(mini, { role: 'sw' }, { fair: 'yes' }, { mode: 'submit' });
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.questionId])).toEqual([['required', 'pcf']]);
  });

  it('refuses a step that is not a set of answers, and bad values in it, before merging', () => {
    expect(mergeAnswers(mini, { role: 'sw' }, 'fair=yes', { mode: 'draft' }).ok).toBe(false);
    const result = mergeAnswers(mini, { role: 'sw' }, { fair: 'perhaps' }, { mode: 'draft' });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['unknown-option']);
  });
});
