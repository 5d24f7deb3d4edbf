import type { CycleId } from '../shared/brand';
import type { OptionId, QuestionId } from '../survey/types';

/** Marks a figure that counts several options together, e.g. "strongly agree or agree". */
export const HEADLINE = '@headline';

/**
 * One figure from a published Health Check report, mapped onto the questionnaire's ids.
 * Only figures the council published: nothing is derived or invented.
 */
export interface PublishedFigure {
  readonly question: QuestionId;
  /** An option id of the question, or `HEADLINE` for the question's headline figure. */
  readonly option: OptionId | typeof HEADLINE;
  /** Whole percent as published. */
  readonly percent: number;
  /** Head count, where the report gave one (e.g. "36 (44%) social worker"). */
  readonly count?: number;
  /**
   * Figures for earlier cycles that this cycle's report printed beside this one, e.g.
   * `{ '2022-23': 73, '2019-20': 81, '2017-18': 43 }`. Kept as printed, even where an
   * earlier report published something different for its own year.
   */
  readonly quoted?: Readonly<Partial<Record<string, number>>>;
  /** Where it came from, in the report's words, for anyone checking the import. */
  readonly source: string;
}

/** A question this cycle asked so differently that its figures must not sit beside ours. */
export interface NotComparable {
  readonly question: QuestionId;
  readonly reason: string;
}

/** A cycle known only from its published results (no individual responses exist). */
export interface PublishedCycle {
  readonly id: CycleId;
  readonly title: string;
  /** How later reports refer to this cycle: "in 2022". */
  readonly year: string;
  readonly respondents: number;
  /** When the survey ran, as far as the report says (first day of that month if unknown). */
  readonly opensOn: string;
  readonly closesOn: string;
  readonly figures: readonly PublishedFigure[];
  /** Averages the report gave for scale questions, e.g. "the average confidence rating was 8". */
  readonly means?: readonly { readonly question: QuestionId; readonly mean: number; readonly source: string }[];
  readonly notComparable: readonly NotComparable[];
  /** Figures printed in this report that could not be mapped, and why. */
  readonly unmapped: readonly { readonly text: string; readonly reason: string }[];
}
