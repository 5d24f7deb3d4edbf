/** The printable one-page infographic: a cycle's headline figures with the earlier years (pure). */
import type { CycleResults, QuestionResult } from '../../../src/server/api/types';
import { formatPercent } from './format';

export interface InfoCell {
  readonly questionId: string;
  readonly big: string;
  readonly text: string;
  /** "73% in 2022 · 81% in 2019", or '' when not asked before. */
  readonly earlier: string;
}

/** At most `max` headline figures, one section after another (one A4 page holds 16). */
export function infographicCells(results: CycleResults, max = 16): InfoCell[] {
  const withHeadline = results.questions.filter((q): q is QuestionResult & { headline: NonNullable<QuestionResult['headline']> } => !q.suppressed && q.headline !== undefined);
  // One per section first, so every part of the survey is on the page, then the rest in order.
  const seen = new Set<string>();
  const firsts = withHeadline.filter((q) => (seen.has(q.section) ? false : (seen.add(q.section), true)));
  const rest = withHeadline.filter((q) => !firsts.includes(q));
  const chosen = new Set([...firsts, ...rest].slice(0, max).map((q) => q.id));
  return withHeadline
    .filter((q) => chosen.has(q.id))
    .map((q) => ({
      questionId: q.id,
      big: formatPercent(q.headline.percent),
      text: q.resultText,
      earlier: q.headline.previous.map((p) => `${formatPercent(p.percent)} in ${p.year}`).join(' · '),
    }));
}
