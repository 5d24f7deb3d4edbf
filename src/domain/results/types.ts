/**
 * Results in the shape the council publishes: per question, the share of those who answered
 * giving each answer, with earlier cycles' figures beside it, newest first.
 * This is also the `phc results --json` format.
 */

/** An earlier cycle's figure for the same option, e.g. `{ cycle: '2022-23', year: '2022', percent: 73 }`. */
export interface PreviousFigure {
  readonly cycle: string;
  readonly year: string;
  readonly percent: number;
  /**
   * Beside a pulse, which survey the figure is from: "the 2024 Health Check", or an earlier
   * pulse's title. Absent beside a Health Check, whose earlier figures are years.
   */
  readonly label?: string;
}

export interface OptionResult {
  readonly id: string;
  readonly label: string;
  /** Absent for published history where the report gave no count. */
  readonly count?: number;
  readonly percent: number;
  readonly previous: readonly PreviousFigure[];
}

export interface HeadlineResult {
  /** e.g. "strongly agree or agree" */
  readonly label: string;
  readonly percent: number;
  readonly previous: readonly PreviousFigure[];
}

export interface QuestionResult {
  readonly id: string;
  readonly section: string;
  readonly text: string;
  /** The published short form, e.g. "say their caseload is fair and manageable". */
  readonly resultText: string;
  readonly kind: 'single' | 'multi' | 'scale' | 'text';
  /** Those who answered; `null` for published history, where the report did not say. */
  readonly n: number | null;
  /** Present when hidden: why, in plain words. Counts and percentages are then absent. */
  readonly suppressed?: string;
  readonly headline?: HeadlineResult;
  readonly options: readonly OptionResult[];
  /** Scale questions: the average, to one decimal place. */
  readonly mean?: number;
  /** Free text, only where at least the free-text threshold answered. */
  readonly comments?: readonly string[];
  /**
   * About you answers left out of the whole-cycle figures, each with why: an answer given by
   * a group that is hidden in its breakdown is hidden here too, so its size is not shown.
   */
  readonly hiddenOptions?: readonly { readonly id: string; readonly label: string; readonly suppressed: string }[];
  /** Inside a group: an About you question, which is never shown inside groups (`suppressed` says why). */
  readonly aboutYou?: true;
  /** Earlier cycles asked this differently; their figures are not shown beside ours. */
  readonly notComparable?: readonly { readonly cycle: string; readonly reason: string }[];
}

export interface CycleResults {
  readonly cycle: string;
  readonly title: string;
  /** `true` for history known only from the published report. */
  readonly published: boolean;
  readonly respondents: number;
  readonly threshold: number;
  readonly textThreshold: number;
  /** Present when the whole cycle is hidden (too few responses). */
  readonly suppressed?: string;
  readonly questions: readonly QuestionResult[];
}

/** Every breakdown the results offer, in the order they are offered. */
export const BREAKDOWNS = ['role', 'team', 'service', 'length-of-service'] as const;
export type BreakdownBy = (typeof BREAKDOWNS)[number];

export interface GroupResults {
  readonly id: string;
  readonly label: string;
  /** `null` when hidden: even the group's size could identify people. */
  readonly respondents: number | null;
  readonly suppressed?: string;
  readonly questions: readonly QuestionResult[];
}

export interface BreakdownResults extends CycleResults {
  readonly by: BreakdownBy;
  readonly groups: readonly GroupResults[];
}
