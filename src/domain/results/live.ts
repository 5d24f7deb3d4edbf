import { HEADLINE } from '../history/types';
import type { Question } from '../survey/types';
import { percentOf } from './percent';
import { previousFigures, type EarlierCycle } from './previous';
import type { Tally } from './tally';
import type { CycleResults, OptionResult, QuestionResult } from './types';

/** What results need to know about the cycle being reported. */
export interface CycleFacts {
  readonly cycle: string;
  readonly title: string;
  readonly year: string;
  readonly opensOn: string;
  readonly threshold: number;
  readonly textThreshold: number;
}

type CompiledQuestion = Tally['questions'][number];

/** Labels of a question's options, in slot order (scale values are their own labels). */
export function optionList(question: Question): readonly { readonly id: string; readonly label: string }[] {
  if (question.kind === 'scale') {
    return Array.from({ length: question.max - question.min + 1 }, (_, i) => {
      const v = question.min + i;
      const end = v === question.min ? ` (${question.minLabel})` : v === question.max ? ` (${question.maxLabel})` : '';
      return { id: String(v), label: `${v}${end}` };
    });
  }
  return question.kind === 'text' ? [] : question.options;
}

/**
 * One question's figures for one group of the tally (group 0 is the whole cycle).
 * `withPrevious` adds earlier cycles' figures (whole-cycle results only: history has no
 * breakdowns).
 */
export function questionResult(tally: Tally, q: CompiledQuestion, group: number, facts: CycleFacts, earlier: readonly EarlierCycle[], withPrevious: boolean): QuestionResult {
  const { question } = q;
  const base = group * tally.slots + q.nSlot;
  const n = tally.counts[base] ?? 0;
  const common = {
    id: question.id,
    section: q.sectionId,
    text: question.text,
    resultText: question.resultText ?? question.text,
    kind: question.kind,
    n,
  } as const;
  const limit = question.kind === 'text' ? facts.textThreshold : facts.threshold;
  if (n > 0 && n < limit) {
    return {
      ...common,
      suppressed: `Hidden: fewer than ${limit} people answered this question${question.kind === 'text' ? ' (free text needs more, as comments can identify people)' : ''}.`,
      options: [],
    };
  }
  const previous = (option: string) => (withPrevious ? previousFigures(earlier, question.id, option) : []);
  const options: OptionResult[] = optionList(question).map((option, i) => {
    const count = tally.counts[base + 1 + i] ?? 0;
    return { id: option.id, label: option.label, count, percent: percentOf(count, n), previous: previous(option.id) };
  });
  const result: { -readonly [K in keyof QuestionResult]: QuestionResult[K] } = { ...common, options };
  if (question.headline) {
    const chosen = options.filter((o) => question.headline?.options.includes(o.id));
    // A multi-choice headline counts people, not ticks; only single and scale questions have one.
    const count = chosen.reduce((sum, o) => sum + (o.count ?? 0), 0);
    result.headline = { label: question.headline.label, percent: percentOf(count, n), previous: previous(HEADLINE) };
  }
  if (question.kind === 'scale' && n > 0) result.mean = Math.round(((tally.scaleSums[base] ?? 0) / n) * 10) / 10;
  if (question.kind === 'text' && group === 0 && n >= facts.textThreshold) result.comments = tally.comments.get(question.id) ?? [];
  const notComparable = withPrevious
    ? earlier.flatMap((e) => {
        const reason = e.notComparable.get(question.id);
        return reason === undefined ? [] : [{ cycle: e.cycle, reason }];
      })
    : [];
  if (notComparable.length > 0) result.notComparable = notComparable;
  return result;
}

/** Whole-cycle results of a cycle run in the app. */
export function liveResults(tally: Tally, facts: CycleFacts, earlier: readonly EarlierCycle[]): CycleResults {
  const respondents = tally.respondents[0] ?? 0;
  const header = {
    cycle: facts.cycle,
    title: facts.title,
    published: false,
    respondents,
    threshold: facts.threshold,
    textThreshold: facts.textThreshold,
  };
  if (respondents < facts.threshold) {
    return {
      ...header,
      suppressed: `Hidden: ${respondents === 0 ? 'no one has' : `fewer than ${facts.threshold} people have`} responded, so results could identify people.`,
      questions: [],
    };
  }
  return { ...header, questions: tally.questions.map((q) => questionResult(tally, q, 0, facts, earlier, true)) };
}

/** A closed live cycle as an earlier cycle for the ones after it. */
export function earlierFromResults(results: CycleResults, facts: CycleFacts): EarlierCycle {
  const figures = new Map<string, number>();
  for (const q of results.questions) {
    if (q.suppressed) continue;
    for (const o of q.options) figures.set(`${q.id}\u0000${o.id}`, o.percent);
    if (q.headline) figures.set(`${q.id}\u0000${HEADLINE}`, q.headline.percent);
  }
  return {
    cycle: facts.cycle,
    year: facts.year,
    opensOn: facts.opensOn,
    figure: (question, option) => figures.get(`${question}\u0000${option}`),
    notComparable: new Map(),
  };
}
