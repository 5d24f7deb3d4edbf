import { formatChange, formatCount, formatDay, formatMonth, formatPercent } from '../../tab/src/model/format';

describe('numbers and dates for UK readers', () => {
  it('formats counts, percentages and changes en-GB', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatPercent(65)).toBe('65%');
    expect(formatChange(12)).toBe('+12 points');
    expect(formatChange(-1)).toBe('−1 point');
    expect(formatChange(0)).toBe('0 points');
  });

  it('formats calendar days without shifting them across time zones', () => {
    expect(formatDay('2025-03-03')).toBe('3 March 2025');
    expect(formatDay('not a date')).toBe('not a date');
    expect(formatMonth('2026-04')).toBe('Apr 2026');
  });
});
