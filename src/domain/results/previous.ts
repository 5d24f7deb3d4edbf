import { HEADLINE, type PublishedCycle } from '../history/types';
import type { PreviousFigure } from './types';

/**
 * An earlier cycle's whole-cycle figures, whether it was run in the app (live) or is
 * known only from its published report.
 */
export interface EarlierCycle {
  readonly cycle: string;
  /** How results refer to it: "in 2022". */
  readonly year: string;
  readonly opensOn: string;
  /** Percent for an option (or `HEADLINE`), `undefined` if it has none. */
  figure(question: string, option: string): number | undefined;
  /** Questions this cycle asked too differently to compare. */
  readonly notComparable: ReadonlyMap<string, string>;
  /** How its figures are named beside another survey's (see `PreviousFigure.label`). */
  readonly label?: string;
}

export function earlierFromPublished(published: PublishedCycle): EarlierCycle {
  const figures = new Map(published.figures.map((f) => [`${f.question}\u0000${f.option}`, f.percent]));
  return {
    cycle: published.id,
    year: published.year,
    opensOn: published.opensOn,
    figure: (question, option) => figures.get(`${question}\u0000${option}`),
    notComparable: new Map(published.notComparable.map((n) => [n.question, n.reason])),
  };
}

/** Quotes a report printed for earlier years, which win over the earlier report's own figure. */
export type Quotes = (question: string, option: string) => Readonly<Partial<Record<string, number>>> | undefined;

export function quotesFromPublished(published: PublishedCycle): Quotes {
  const quotes = new Map(published.figures.map((f) => [`${f.question}\u0000${f.option}`, f.quoted]));
  return (question, option) => quotes.get(`${question}\u0000${option}`);
}

/**
 * The earlier figures to print beside a percentage, newest first, as the council does:
 * "65% (73% in 2022, 81% in 2019, 43% in 2017)". Where this cycle's own report quoted an
 * earlier year, the quote is used as printed; otherwise the earlier cycle's own figure,
 * unless that cycle asked the question too differently to compare.
 */
export function previousFigures(earlier: readonly EarlierCycle[], question: string, option: string, quotes?: Quotes): PreviousFigure[] {
  const quoted = quotes?.(question, option);
  const result: PreviousFigure[] = [];
  for (const cycle of newestFirst(earlier)) {
    const fromQuote = quoted?.[cycle.cycle];
    const own = cycle.notComparable.has(question) ? undefined : cycle.figure(question, option);
    const percent = fromQuote ?? own;
    if (percent !== undefined) result.push({ cycle: cycle.cycle, year: cycle.year, percent, ...(cycle.label !== undefined ? { label: cycle.label } : {}) });
  }
  return result;
}

function newestFirst(earlier: readonly EarlierCycle[]): readonly EarlierCycle[] {
  return [...earlier].sort((a, b) => (a.opensOn < b.opensOn ? 1 : a.opensOn > b.opensOn ? -1 : 0));
}

export { HEADLINE };
