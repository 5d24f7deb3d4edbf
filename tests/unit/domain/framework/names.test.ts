import { namedMessage, namesIn, namingPhrases } from '../../../../src/domain/framework/names';

const PEOPLE = ['Amara Adeyemi', "Liam O'Brien", 'Grace Patel', 'Ben Brown', 'Priya Jane Singh', 'Una X'];

describe('names in free text', () => {
  it('finds a full name in any case and spacing', () => {
    expect(namesIn('We heard from amara   ADEYEMI about allocation.', PEOPLE).map((f) => f.found)).toEqual(['amara adeyemi']);
  });

  it('finds a title with a surname, and first and last name where there is a middle name', () => {
    expect(namesIn('Mrs Patel said supervision helps.', PEOPLE).map((f) => f.found)).toEqual(['mrs patel']);
    expect(namesIn('priya singh raised it', PEOPLE).map((f) => f.found)).toEqual(['priya singh']);
    expect(namesIn('Priya Jane Singh raised it', PEOPLE).map((f) => f.found)).toEqual(['priya jane singh']);
  });

  it('keeps apostrophes in names and matches curly ones', () => {
    expect(namesIn('Liam O’Brien explained', PEOPLE).map((f) => f.found)).toEqual(["liam o'brien"]);
  });

  it('matches whole words only, and does not flag a first name alone', () => {
    expect(namesIn('Bench Browning and amazing grace were discussed', PEOPLE)).toEqual([]);
    expect(namesIn('Grace said the team was fair', PEOPLE)).toEqual([]);
  });

  it('does not flag "Mr X" from a one-letter surname', () => {
    expect(namingPhrases('Una X')).toEqual(['una x']);
    expect(namesIn('Mr X was mentioned', PEOPLE)).toEqual([]);
  });

  it('lists each name once, in the order found, and says so in words', () => {
    const found = namesIn('Ben Brown then Grace Patel then Ben Brown again', PEOPLE);
    expect(found.map((f) => f.found)).toEqual(['ben brown', 'grace patel']);
    expect(namedMessage('The note for question 3', found)).toBe(
      'The note for question 3 names people in the staff directory ("Ben Brown", "Grace Patel"). Notes and findings must not name anyone: write "a social worker", "a team manager" or "one person" instead.',
    );
  });
});
