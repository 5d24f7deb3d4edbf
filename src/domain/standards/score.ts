import type { OrgMeasures } from '../orgData/measures';
import type { CycleResults, QuestionResult } from '../results/types';
import { indicatorById } from './indicators';
import type { StandardsMapping, SurveyItem } from './mapping';
import { EMPLOYER_STANDARDS, type EmployerStandard } from './standards';

/**
 * Scores per standard in the LGA Employer Standards Health Check's style: agreement turned
 * into a score out of 100, banded 0–50 low, 51–74 moderate, 75–100 high. A standard's score
 * is the mean of its items' scores, each item counting once; items with no figure (hidden
 * under the survey's threshold, not asked, no returns) are listed but left out, never zero.
 * Survey figures come from results that have been through suppression already.
 */
export type Band = 'low' | 'moderate' | 'high';

export function bandOf(score: number): Band {
  const whole = Math.round(score);
  return whole <= 50 ? 'low' : whole <= 74 ? 'moderate' : 'high';
}

export interface ScoredItem {
  readonly kind: 'survey' | 'measure';
  readonly id: string;
  readonly label: string;
  /** Whole number out of 100, or `null` with why. */
  readonly score: number | null;
  readonly why?: string;
}

export interface StandardScore extends EmployerStandard {
  readonly score: number | null;
  readonly band: Band | null;
  readonly items: readonly ScoredItem[];
}

/** A question's words where the results do not carry it (not asked that year, no results yet). */
export type QuestionWords = (questionId: string) => string | undefined;

function surveyScore(item: SurveyItem, question: QuestionResult | undefined, wholeHidden: string | undefined, words: QuestionWords): ScoredItem {
  // People read the question's words, never its id, even when the results have no figure for it.
  const label = question?.resultText ?? words(item.question) ?? item.question;
  const base = { kind: 'survey' as const, id: item.question, label };
  if (!question) return { ...base, score: null, why: 'Not asked in that survey.' };
  const hidden = wholeHidden ?? question.suppressed;
  if (hidden !== undefined) return { ...base, score: null, why: hidden };
  if (item.options === undefined) return question.headline ? { ...base, score: question.headline.percent } : { ...base, score: null, why: 'No headline figure.' };
  const chosen = question.options.filter((o) => item.options?.includes(o.id));
  if (chosen.length === 0) return { ...base, score: null, why: 'No figure for these answers.' };
  return { ...base, score: Math.round(chosen.reduce((s, o) => s + o.percent, 0)) };
}

export function scoreStandards(mapping: StandardsMapping, survey: CycleResults | undefined, returns: readonly OrgMeasures[], words: QuestionWords = () => undefined): StandardScore[] {
  const questions = new Map((survey?.questions ?? []).map((q) => [q.id, q]));
  return EMPLOYER_STANDARDS.map((standard) => {
    const entry = mapping[standard.id] ?? { questions: [], measures: [] };
    const items: ScoredItem[] = [
      ...entry.questions.map((item) =>
        survey
          ? surveyScore(item, questions.get(item.question), survey.suppressed, words)
          : { kind: 'survey' as const, id: item.question, label: words(item.question) ?? item.question, score: null, why: 'No survey results yet.' },
      ),
      ...entry.measures.map((id): ScoredItem => {
        const indicator = indicatorById.get(id);
        const value = indicator?.score(returns) ?? null;
        return value === null
          ? { kind: 'measure', id, label: indicator?.label ?? id, score: null, why: returns.length === 0 ? 'No 39-steps returns for this cycle.' : 'Not in the returns.' }
          : { kind: 'measure', id, label: indicator?.label ?? id, score: Math.round(value) };
      }),
    ];
    const scored = items.flatMap((i) => (i.score === null ? [] : [i.score]));
    const score = scored.length === 0 ? null : Math.round(scored.reduce((s, x) => s + x, 0) / scored.length);
    return { ...standard, score, band: score === null ? null : bandOf(score), items };
  });
}
