/**
 * Splits items, in order, into the fewest pages that the budget allows, then so that the
 * tallest page is as short as it can be (a page split evenly rather than filled greedily:
 * a greedy fill leaves the last page holding whatever did not fit). With `minPerPage` 2, no
 * page holds a single item when there are two or more. Heights are estimates in px.
 */
export function splitIntoPages<T>(items: readonly T[], heightOf: (item: T) => number, budget: number, minPerPage = 1): T[][] {
  const n = items.length;
  if (n === 0) return [];
  const min = n >= minPerPage ? minPerPage : 1;
  const heights = items.map(heightOf);
  const prefix = [0];
  for (const h of heights) prefix.push(prefix[prefix.length - 1]! + h);
  const sum = (from: number, to: number): number => prefix[to]! - prefix[from]!;
  const most = Math.floor(n / min);
  const fewest = Math.min(most, Math.max(1, Math.ceil(sum(0, n) / budget)));
  for (let pages = fewest; ; pages++) {
    const split = bestSplit(n, pages, min, sum);
    if (split && (split.tallest <= budget || pages >= most)) return split.cuts.map(([from, to]) => items.slice(from, to));
    if (pages >= most) return [items.slice()];
  }
}

/** The split of n items into exactly `pages` pages of at least `min` items whose tallest page is shortest. */
function bestSplit(n: number, pages: number, min: number, sum: (from: number, to: number) => number): { tallest: number; cuts: [number, number][] } | undefined {
  // best[p][i]: the shortest tallest page splitting the first i items into p pages.
  const best: number[][] = Array.from({ length: pages + 1 }, () => Array<number>(n + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: pages + 1 }, () => Array<number>(n + 1).fill(-1));
  best[0]![0] = 0;
  for (let p = 1; p <= pages; p++) {
    for (let i = p * min; i <= n; i++) {
      for (let j = (p - 1) * min; j <= i - min; j++) {
        const tallest = Math.max(best[p - 1]![j]!, sum(j, i));
        if (tallest < best[p]![i]!) {
          best[p]![i] = tallest;
          from[p]![i] = j;
        }
      }
    }
  }
  if (!Number.isFinite(best[pages]![n]!)) return undefined;
  const cuts: [number, number][] = [];
  for (let p = pages, i = n; p > 0; p--) {
    const j = from[p]![i]!;
    cuts.unshift([j, i]);
    i = j;
  }
  return { tallest: best[pages]![n]!, cuts };
}
