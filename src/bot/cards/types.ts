import type { AnswerError } from '../../domain/survey/validate';
import type { Answers, Questionnaire } from '../../domain/survey/types';

/** An Adaptive Card as JSON (what goes in an attachment's `content`). */
export type AdaptiveCard = Readonly<Record<string, unknown>>;

/** What a survey card needs to know about the cycle. */
export interface CycleSummary {
  readonly id: string;
  readonly title: string;
  /** YYYY-MM-DD */
  readonly closesOn: string;
  readonly threshold: number;
  readonly textThreshold: number;
}

export interface SectionCardInput {
  readonly questionnaire: Questionnaire;
  readonly cycle: CycleSummary;
  readonly sectionIndex: number;
  /** Everything answered so far (the draft): pre-fills inputs and decides show-if rules. */
  readonly answers: Answers;
  /** Refused answers, each shown next to its question, in red, in plain words. */
  readonly errors?: readonly AnswerError[];
  /** A line shown under the section intro, e.g. when an answer has opened a follow-up question. */
  readonly note?: string;
  /** Which page of the section (0-based; see surveyPages.ts). Default 0. */
  readonly page?: number;
  /** Questions an answer on this page has just opened: shown under that answer, marked as new. */
  readonly newQuestions?: readonly string[];
  /** The person came from the review with Change: the last page goes back to it. */
  readonly fromReview?: boolean;
}
