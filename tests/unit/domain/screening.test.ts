import { explainScreening, nameScreen, screenFreeText } from '../../../src/domain/dataProtection/screening';

const names = nameScreen([{ displayName: 'Sam Worker' }, { displayName: 'Priya Shah' }, { displayName: 'Jo Li' }, { displayName: 'Will' }]);

describe('screening free text', () => {
  it('masks directory names, a title with a surname, email addresses and case numbers, and says which', () => {
    const out = screenFreeText('Sam Worker and ms shah (priya.shah@anytown.gov.uk) handled case 1234567 and NHS 485 777 3456, CD-204518.', names);
    expect(out.text).toBe('[name removed] and [name removed] ([email removed]) handled case [case number removed] and NHS [case number removed], [case number removed].');
    expect(out.found).toEqual(['email', 'name', 'name', 'case-number', 'case-number', 'case-number']);
    expect(explainScreening(out.found, 'your comment')).toBe(
      'We took 2 names, 1 email address and 3 case numbers out of your comment before saving it, so that it cannot identify anyone. Please check it still says what you meant.',
    );
  });

  it('leaves ordinary words, first names, dates and small figures alone', () => {
    const text = 'Will it help? I work 37 hours a week, since 2019, 12 cases; review on 2026-05-04. Sam was kind. Workers need time.';
    expect(screenFreeText(text, names)).toEqual({ text, found: [] });
    expect(explainScreening([], 'x')).toBeUndefined();
  });

  it("keeps a case number where the box is for one (the audit's case identifier), but not a name", () => {
    expect(screenFreeText('1234567 Priya Shah', names, { allow: ['case-number'] })).toEqual({ text: '1234567 [name removed]', found: ['name'] });
  });

  it('works with no directory at all', () => {
    expect(screenFreeText('Sam Worker 1234567', nameScreen([]))).toEqual({ text: 'Sam Worker [case number removed]', found: ['case-number'] });
  });
});
