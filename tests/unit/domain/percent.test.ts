import { percentOf } from '../../../src/domain/results/percent';

describe('percentOf: whole percent, halves rounded up', () => {
  it.each([
    [36, 82, 44], // the council's own example: 43.9%
    [35, 82, 43], // 42.7%
    [11, 82, 13], // 13.4%
    [1, 8, 13], // 12.5% rounds up
    [1, 200, 1], // 0.5% rounds up
    [3, 8, 38], // 37.5% rounds up
    [0, 10, 0],
    [10, 10, 100],
    [1, 3, 33],
    [2, 3, 67],
  ])('%i of %i is %i%%', (count, n, expected) => {
    expect(percentOf(count, n)).toBe(expected);
  });

  it('gives 0 when nobody answered rather than dividing by zero', () => {
    expect(percentOf(0, 0)).toBe(0);
  });

  it('agrees with exact arithmetic for every count of every n up to 400', () => {
    // Division of two integers is correctly rounded in IEEE doubles, and x.5 is exact, so
    // Math.round (which rounds halves up) is a fair independent reference here.
    const mismatches: string[] = [];
    for (let n = 1; n <= 400; n++) {
      for (let count = 0; count <= n; count++) {
        if (percentOf(count, n) !== Math.round((count * 100) / n)) mismatches.push(`${count}/${n}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
