import { HEADLINE, type PublishedCycle } from '../history/types';
import { allQuestions } from '../survey/rules';
import type { Questionnaire } from '../survey/types';
import { optionList } from './live';
import { previousFigures, quotesFromPublished, type EarlierCycle } from './previous';
import type { CycleResults, QuestionResult } from './types';

/**
 * Results of a cycle known only from its published report: exactly the figures the council
 * published, in questionnaire order, with the earlier years its report printed beside them.
 * Questions the report said nothing about are left out rather than shown as zero.
 */
export function publishedResults(
  questionnaire: Questionnaire,
  cycle: PublishedCycle,
  earlier: readonly EarlierCycle[],
  thresholds: { readonly threshold: number; readonly textThreshold: number },
): CycleResults {
  const quotes = quotesFromPublished(cycle);
  const questions: QuestionResult[] = [];
  for (const { sectionId, question } of allQuestions(questionnaire)) {
    const figures = cycle.figures.filter((f) => f.question === question.id);
    if (figures.length === 0 && !cycle.means?.some((m) => m.question === question.id)) continue;
    const options = optionList(question).flatMap((option) => {
      const figure = figures.find((f) => f.option === option.id);
      if (!figure) return [];
      return [
        {
          id: option.id,
          label: option.label,
          ...(figure.count !== undefined ? { count: figure.count } : {}),
          percent: figure.percent,
          previous: previousFigures(earlier, question.id, option.id, quotes),
        },
      ];
    });
    const headlineFigure = figures.find((f) => f.option === HEADLINE);
    const mean = cycle.means?.find((m) => m.question === question.id)?.mean;
    const notComparable = earlier.flatMap((e) => {
      const reason = e.notComparable.get(question.id);
      return reason === undefined ? [] : [{ cycle: e.cycle, reason }];
    });
    questions.push({
      id: question.id,
      section: sectionId,
      text: question.text,
      resultText: question.resultText ?? question.text,
      kind: question.kind,
      n: null,
      options,
      ...(headlineFigure
        ? {
            headline: {
              label: question.headline?.label ?? 'combined',
              percent: headlineFigure.percent,
              previous: previousFigures(earlier, question.id, HEADLINE, quotes),
            },
          }
        : {}),
      ...(mean !== undefined ? { mean } : {}),
      ...(notComparable.length > 0 ? { notComparable } : {}),
    });
  }
  return {
    cycle: cycle.id,
    title: cycle.title,
    published: true,
    respondents: cycle.respondents,
    threshold: thresholds.threshold,
    textThreshold: thresholds.textThreshold,
    questions,
  };
}
