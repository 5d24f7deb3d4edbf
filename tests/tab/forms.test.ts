import { healthCheck } from '../../src/domain/survey/healthCheck';
import { staffSupervisionAudit } from '../../src/domain/audit/forms/staffSupervisionAudit';
import { checkAudit, toEdit, toRequest } from '../../tab/src/model/auditForm';
import { checkSection, sectionsToAsk, toggleChoice, withoutEmpty } from '../../tab/src/model/survey';

describe('the survey in the tab uses the bot’s rules', () => {
  const first = healthCheck.sections[0]!;

  it('refuses Next while a required question of the section is unanswered, with the domain’s message', () => {
    const errors = checkSection(healthCheck, {}, first.id);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.code === 'required')).toBe(true);
  });

  it('treats emptied answers as not answered and keeps choices in the questionnaire’s order', () => {
    expect(withoutEmpty({ a: '', b: [], c: 'x', d: 0 })).toEqual({ c: 'x', d: 0 });
    const multi = healthCheck.sections.flatMap((s) => s.questions).find((q) => q.kind === 'multi')!;
    if (multi.kind !== 'multi') throw new Error('no multi-choice question');
    const [a, b] = [multi.options[0]!.id, multi.options[1]!.id];
    expect(toggleChoice(multi, [b], a, true)).toEqual([a, b]);
    expect(toggleChoice(multi, [a, b], a, false)).toEqual([b]);
  });

  it('skips sections with nothing to ask', () => {
    expect(sectionsToAsk(healthCheck, {})[0]).toBe(0);
    expect(sectionsToAsk(healthCheck, {}).length).toBeLessThanOrEqual(healthCheck.sections.length);
  });
});

describe('an audit form in the tab uses the bot’s definitions and checks', () => {
  it('round-trips stored answers through the fields and leaves blank fields out', () => {
    const edit = toEdit({ a: { kind: 'rating', rating: 'partly', comment: 'Half done' }, b: { kind: 'text', text: 'Fine' }, c: { kind: 'actions', actions: [] } });
    expect(toRequest({ ...edit, d: '   ', e: {} })).toEqual({ a: { rating: 'partly', comment: 'Half done' }, b: 'Fine', c: [] });
  });

  it('asks for what the bot asks for at submit', () => {
    const errors = checkAudit(staffSupervisionAudit, staffSupervisionAudit.lead, {}, 'submit');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => e.code === 'required')).toBe(true);
    expect(checkAudit(staffSupervisionAudit, staffSupervisionAudit.lead, {}, 'draft')).toEqual([]);
  });
});
