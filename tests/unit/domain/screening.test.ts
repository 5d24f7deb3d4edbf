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

describe('names found word by word', () => {
  it('finds the longest name, names with hyphens and brackets, and any case', () => {
    const screen = nameScreen([{ displayName: 'Sam Worker' }, { displayName: 'Sam Worker-Jones' }, { displayName: 'Zoë  Ó Briain' }, { displayName: 'Kim Lee (Agency)' }]);
    expect(screenFreeText('SAM WORKER-JONES met sam worker, zoë ó briain and Kim Lee (Agency).', screen).text).toBe('[name removed] met [name removed], [name removed] and [name removed].');
    expect(screenFreeText('Dr. Worker-Jones and Mx Briain; Mr  Worker and Samuel Workers stay', screen).text).toBe('[name removed] and [name removed]; Mr  Worker and Samuel Workers stay');
  });

  /** The expression the screen used before it read word by word: the reference it must agree with. */
  function byExpression(people: readonly string[], text: string): string {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const full = new Set<string>();
    const surnames = new Set<string>();
    for (const raw of people) {
      const name = raw.trim().replace(/\s+/g, ' ');
      if (name.length < 3 || !name.includes(' ')) continue;
      full.add(name);
      const last = name.split(' ').at(-1) ?? '';
      if (last.length >= 3) surnames.add(last);
    }
    if (full.size === 0) return text;
    const alternatives = [...[...full].map(escape), ...[...surnames].map((s) => `(?:Mr|Mrs|Ms|Miss|Mx|Dr)\\.? ${escape(s)}`)].sort((a, b) => b.length - a.length);
    return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), '[name removed]');
  }

  it('masks what one expression with every name in it masked, over 2,000 generated comments', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const first = ['Sam', 'Priya', 'Jo', 'Will', 'Zoë', 'Ana'];
    const last = ['Worker', 'Shah', 'Li', 'Worker-Jones', "O'Neil", 'Ng', 'Hope'];
    const people = first.flatMap((f) => last.map((l) => `${f} ${l}`)).filter(() => random() < 0.5);
    const pieces = [...first, ...last, 'ms', 'Dr.', 'MR', 'mrs', 'and', 'the', 'Workers', 'Samuel', '-', ',', '.', "'", '(', ')', '2024', ' ', '  '];
    for (let n = 0; n < 2_000; n++) {
      const text = Array.from({ length: 3 + Math.floor(random() * 12) }, () => pick(pieces)).join(pick([' ', ' ', '']));
      expect([text, screenFreeText(text, nameScreen(people.map((displayName) => ({ displayName }))), { allow: ['email', 'case-number'] }).text]).toEqual([text, byExpression(people, text)]);
    }
  });
});
