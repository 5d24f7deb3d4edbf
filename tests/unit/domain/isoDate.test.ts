import { asIsoDate, isoDateProblem } from '../../../src/domain/shared/brand';

describe('asIsoDate', () => {
  it('accepts real calendar dates, including 29 February in a leap year', () => {
    for (const day of ['2028-02-29', '2000-02-29', '2027-02-28', '2027-01-31', '2027-04-30', '2027-12-31']) {
      expect(asIsoDate(day)).toBe(day);
      expect(isoDateProblem(day)).toBeUndefined();
    }
  });

  it('refuses days a month does not have, saying how many days it has', () => {
    expect(() => asIsoDate('2027-02-29')).toThrow('"2027-02-29" does not exist: February 2027 has 28 days');
    expect(() => asIsoDate('2027-02-30')).toThrow('"2027-02-30" does not exist: February 2027 has 28 days');
    expect(() => asIsoDate('2028-02-30')).toThrow('February 2028 has 29 days');
    expect(() => asIsoDate('2027-04-31')).toThrow('"2027-04-31" does not exist: April 2027 has 30 days');
    // Century years are leap years only when divisible by 400.
    expect(() => asIsoDate('2100-02-29')).toThrow('February 2100 has 28 days');
  });

  it('refuses anything not written YYYY-MM-DD, such as a UK date or a time of day', () => {
    for (const bad of ['31/03/2027', '2027-3-31', '2027-03-31T10:00', '2027-13-01', '2027-00-10', '2027-01-00', '2027-01-32', '']) {
      expect(() => asIsoDate(bad)).toThrow('is not a date (YYYY-MM-DD)');
    }
  });
});
