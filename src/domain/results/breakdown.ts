import { findQuestion } from '../survey/rules';
import type { Answers, Questionnaire } from '../survey/types';
import { liveResults, questionResult, type CycleFacts } from './live';
import type { EarlierCycle } from './previous';
import { explain, suppress } from './suppression';
import { encodeResponses, layoutOf, type EncodedResponses } from './encoding';
import { tallyEncoded } from './tally';
import type { BreakdownBy, BreakdownResults, GroupResults, QuestionResult } from './types';

interface Dimension {
  readonly question: string;
  readonly groups: readonly { readonly id: string; readonly label: string; readonly parent?: string }[];
  readonly groupOfOption: ReadonlyMap<string, string>;
}

const SERVICE_LABELS: Readonly<Record<string, string>> = {
  'hospital-and-intake': 'Hospital and intake',
  'occupational-therapy': 'Occupational therapy',
  'older-people': 'Older people',
  'all-age-disability': 'All age disability',
  'short-term': 'Short term services',
  other: 'Other teams',
};

/** The groups of a breakdown, from the questionnaire's "about you" questions. */
export function dimension(questionnaire: Questionnaire, by: BreakdownBy): Dimension {
  const questionId =
    by === 'role' ? questionnaire.breakdowns.role : by === 'length-of-service' ? questionnaire.breakdowns.lengthOfService : questionnaire.breakdowns.team;
  const question = findQuestion(questionnaire, questionId);
  if (!question || question.kind !== 'single') throw new Error(`The questionnaire has no single-choice question "${questionId}" to break results down by.`);
  if (by === 'service') {
    const serviceOf = new Map(question.options.map((o) => [o.id, o.group ?? 'other']));
    const services = [...new Set(serviceOf.values())];
    return { question: questionId, groups: services.map((s) => ({ id: s, label: SERVICE_LABELS[s] ?? s })), groupOfOption: serviceOf };
  }
  return {
    question: questionId,
    groups: question.options.map((o) => ({ id: o.id, label: o.label, ...(by === 'team' ? { parent: o.group ?? 'other' } : {}) })),
    groupOfOption: new Map(question.options.map((o) => [o.id, o.id])),
  };
}

/**
 * Results for each group of a breakdown. A group is shown only if it, and anything that
 * could be worked out from it by subtraction, has at least the threshold of responses;
 * the same test is applied again to each question's answer counts, since people skip
 * questions and the groups then shrink.
 */
export function breakdownResults(
  questionnaire: Questionnaire,
  responses: Iterable<Answers> | EncodedResponses,
  by: BreakdownBy,
  facts: CycleFacts,
  earlier: readonly EarlierCycle[],
): BreakdownResults {
  const dim = dimension(questionnaire, by);
  const encoded = 'cells' in responses ? responses : encodeResponses(layoutOf(questionnaire), responses);
  const t = tallyEncoded(encoded, { question: dim.question, groups: dim.groups.map((g) => g.id), groupOfOption: dim.groupOfOption });
  const overall = liveResults(t, facts, earlier);
  const base = { ...overall, by };
  if (overall.suppressed) return { ...base, groups: [] };

  const parentsOf = (sizeOf: (groupIndex: number) => number): Map<string, number> => {
    const parents = new Map<string, number>();
    dim.groups.forEach((g, i) => {
      if (g.parent !== undefined) parents.set(g.parent, (parents.get(g.parent) ?? 0) + sizeOf(i + 1));
    });
    return parents;
  };
  const groupSizes = (sizeOf: (groupIndex: number) => number) =>
    dim.groups.map((g, i) => ({ id: g.id, size: sizeOf(i + 1), ...(g.parent !== undefined ? { parent: g.parent } : {}) }));

  const respondentsOf = (i: number) => t.respondents[i] ?? 0;
  const hiddenGroups = suppress({
    total: t.respondents[0] ?? 0,
    groups: groupSizes(respondentsOf),
    parents: parentsOf(respondentsOf),
    threshold: facts.threshold,
  });

  // Per question: which groups' cells must be hidden, given each group's n for it.
  const hiddenCells = t.questions.map((q) => {
    const limit = q.question.kind === 'text' ? facts.textThreshold : facts.threshold;
    const nOf = (i: number) => (hiddenGroups.has(dim.groups[i - 1]?.id ?? '') ? 0 : t.counts[i * t.slots + q.nSlot] ?? 0);
    // Respondents of hidden groups still count in the total, so subtraction is checked against all of them.
    const total = t.counts[q.nSlot] ?? 0;
    return suppress({ total, groups: groupSizes(nOf), parents: parentsOf((i) => t.counts[i * t.slots + q.nSlot] ?? 0), threshold: limit });
  });

  const groups: GroupResults[] = dim.groups.map((g, gi) => {
    const reason = hiddenGroups.get(g.id);
    if (reason) return { id: g.id, label: g.label, respondents: null, suppressed: explain(reason, facts.threshold), questions: [] };
    const questions: QuestionResult[] = t.questions.map((q, qi) => {
      const cellReason = hiddenCells[qi]?.get(g.id);
      const cell = questionResult(t, q, gi + 1, facts, earlier, false);
      if (cellReason === undefined && !cell.suppressed) return stripComments(cell);
      return {
        id: cell.id,
        section: cell.section,
        text: cell.text,
        resultText: cell.resultText,
        kind: cell.kind,
        n: null,
        suppressed: cell.suppressed ?? explain(cellReason ?? 'small-group', q.question.kind === 'text' ? facts.textThreshold : facts.threshold),
        options: [],
      };
    });
    return { id: g.id, label: g.label, respondents: t.respondents[gi + 1] ?? 0, questions };
  });
  return { ...base, groups };
}

/** Free-text comments are never shown per group: a comment plus a team is too identifying. */
function stripComments(q: QuestionResult): QuestionResult {
  if (q.comments === undefined) return q;
  const { comments: _omit, ...rest } = q;
  return rest;
}
