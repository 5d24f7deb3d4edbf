import { validateAnswers, type AnswerError } from '../../../src/domain/survey/validate';
import { holds } from '../../../src/domain/survey/rules';
import { pruneHidden } from '../../../src/domain/survey/prune';
import { mini } from '../../fixtures/miniSurvey';

const complete = { role: 'sw', fair: 'yes', pcf: 'no' };

function errorsOf(input: unknown, mode: 'submit' | 'draft' = 'submit'): readonly AnswerError[] {
  const result = validateAnswers(mini, input, { mode });
  return result.ok ? [] : result.errors;
}

describe('validateAnswers', () => {
  it('accepts a complete set of answers and cleans them', () => {
    const result = validateAnswers(mini, { ...complete, helps: 'learning, coaching', confidence: '8', comment: '  thanks  ' }, { mode: 'submit' });
    expect(result).toEqual({
      ok: true,
      // Multi-choice kept in questionnaire order, scale as a number, text trimmed.
      answers: { role: 'sw', fair: 'yes', pcf: 'no', helps: ['coaching', 'learning'], confidence: 8, comment: 'thanks' },
    });
  });

  it('treats empty values as not answered', () => {
    const result = validateAnswers(mini, { ...complete, team: '', helps: [], confidence: null, comment: '   ' }, { mode: 'submit' });
    expect(result).toEqual({ ok: true, answers: complete });
  });

  it.each<[string, unknown, AnswerError['code'], string]>([
    ['an unknown question', { ...complete, salary: 'high' }, 'unknown-question', 'salary'],
    ['an unknown option', { ...complete, fair: 'maybe' }, 'unknown-option', 'fair'],
    ['an unknown option in a multi-choice', { ...complete, helps: ['coaching', 'golf'] }, 'unknown-option', 'helps'],
    ['a list for a one-answer question', { ...complete, fair: ['yes'] }, 'wrong-type', 'fair'],
    ['a number for a text question', { ...complete, comment: 42 }, 'wrong-type', 'comment'],
    ['text for a scale', { ...complete, confidence: 'very' }, 'wrong-type', 'confidence'],
    ['an object for a multi-choice', { ...complete, helps: { a: 1 } }, 'wrong-type', 'helps'],
    ['a fraction on a scale', { ...complete, confidence: 7.5 }, 'not-whole-number', 'confidence'],
    ['a number above the scale', { ...complete, confidence: 11 }, 'out-of-range', 'confidence'],
    ['a number below the scale', { ...complete, confidence: '-1' }, 'out-of-range', 'confidence'],
    ['more choices than allowed', { ...complete, helps: ['coaching', 'learning', 'shadowing'] }, 'too-many-choices', 'helps'],
    ['the same choice twice', { ...complete, helps: 'coaching;coaching' }, 'duplicate-choice', 'helps'],
    ['an answer to a question the rules hide', { role: 'ot', fair: 'yes', pcf: 'yes' }, 'hidden-question', 'pcf'],
    ['over-long text', { ...complete, comment: 'x'.repeat(21) }, 'too-long', 'comment'],
    ['a missing required answer', { role: 'sw', pcf: 'no' }, 'required', 'fair'],
    ['a missing required answer the rules show', { role: 'sw', fair: 'yes' }, 'required', 'pcf'],
  ])('refuses %s with a typed error naming the question', (_what, input, code, questionId) => {
    const errors = errorsOf(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code, questionId });
    // Plain words, quoting the question the person saw.
    const question = mini.sections.flatMap((s) => s.questions).find((q) => q.id === questionId);
    expect(errors[0]?.message).toContain(question ? `"${question.text}"` : `"${questionId}"`);
  });

  it('refuses something that is not a set of answers at all', () => {
    for (const input of [null, 'role=sw', 42, ['sw'], undefined]) {
      expect(errorsOf(input)).toEqual([expect.objectContaining({ code: 'not-answers', questionId: '' })]);
    }
  });

  it('reports every problem at once, not just the first', () => {
    const errors = errorsOf({ role: 'sw', fair: 'maybe', confidence: 99, nonsense: 1 });
    expect(errors.map((e) => e.code).sort()).toEqual(['out-of-range', 'required', 'unknown-option', 'unknown-question']);
  });

  it('counts characters, not bytes, for the text limit (accents and emoji are one each)', () => {
    expect(errorsOf({ ...complete, comment: 'é'.repeat(20) })).toEqual([]);
    expect(errorsOf({ ...complete, comment: '👍'.repeat(20) })).toEqual([]);
  });

  it('does not let "__proto__" or other inherited names through as questions', () => {
    const input = JSON.parse('{"role":"sw","fair":"yes","pcf":"no","__proto__":{"x":1},"constructor":"y"}') as unknown;
    expect(errorsOf(input).map((e) => e.code)).toEqual(['unknown-question', 'unknown-question']);
  });

  it('in draft mode accepts partial answers but still checks what is given', () => {
    expect(errorsOf({ role: 'sw' }, 'draft')).toEqual([]);
    expect(errorsOf({ role: 'sw', confidence: 12 }, 'draft').map((e) => e.code)).toEqual(['out-of-range']);
  });

  it('in draft mode with a section to complete requires only that section', () => {
    const result = validateAnswers(mini, { role: 'sw' }, { mode: 'draft', requireSection: 'about' });
    expect(result.ok).toBe(true);
    const next = validateAnswers(mini, {}, { mode: 'draft', requireSection: 'about' });
    expect(next.ok ? [] : next.errors.map((e) => e.questionId)).toEqual(['role']);
  });
});

describe('show-if rules', () => {
  it('hold only when the earlier answer is one of the listed options', () => {
    const rule = { question: 'role', anyOf: ['sw'] };
    expect(holds(rule, { role: 'sw' })).toBe(true);
    expect(holds(rule, { role: 'ot' })).toBe(false);
    expect(holds(rule, {})).toBe(false);
  });

  it('combine with all, any and not, and read multi-choice answers', () => {
    const answers = { role: 'ot', helps: ['coaching', 'learning'] };
    expect(
      holds(
        {
          all: [
            { question: 'role', anyOf: ['ot'] },
            { question: 'helps', anyOf: ['learning'] },
          ],
        },
        answers,
      ),
    ).toBe(true);
    expect(
      holds(
        {
          any: [
            { question: 'role', anyOf: ['sw'] },
            { question: 'helps', anyOf: ['shadowing'] },
          ],
        },
        answers,
      ),
    ).toBe(false);
    expect(holds({ not: { question: 'role', anyOf: ['sw'] } }, answers)).toBe(true);
  });

  it('drop answers that a changed role has made irrelevant', () => {
    expect(pruneHidden(mini, { role: 'ot', fair: 'yes', pcf: 'yes' })).toEqual({ role: 'ot', fair: 'yes' });
    expect(pruneHidden(mini, { role: 'sw', fair: 'yes', pcf: 'yes' })).toEqual({ role: 'sw', fair: 'yes', pcf: 'yes' });
  });
});
