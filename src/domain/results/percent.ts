/**
 * Whole percent of `count` out of `n`, halves rounded up, as the council publishes
 * (36 of 82 is 43.9%, shown as 44%; 1 of 8 is 12.5%, shown as 13%).
 * Integer arithmetic, so 0.5 boundaries never fall foul of floating point.
 *
 * @example percentOf(36, 82) === 44
 */
export function percentOf(count: number, n: number): number {
  if (n <= 0) return 0;
  return Math.floor((200 * count + n) / (2 * n));
}
