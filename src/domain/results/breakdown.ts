import { serviceAreaName } from '../organisation/serviceAreas';
import { findQuestion } from '../survey/rules';
import type { Answers, Questionnaire } from '../survey/types';
import { tallyAtoms, tallyOfGroups, type AtomTally } from './atoms';
import { decideDisclosure, groupKey, type DisclosureDecision, type DisclosureDimension, type DisclosureInput } from './disclosure';
import { encodeResponses, layoutOf, type EncodedResponses } from './encoding';
import { liveResults, questionResult, type CycleFacts } from './live';
import type { EarlierCycle } from './previous';
import { explain, explainOption, suppress, type SuppressionReason } from './suppression';
import { BREAKDOWNS, type BreakdownBy, type BreakdownResults, type CycleResults, type GroupResults, type QuestionResult } from './types';

interface Dimension {
  readonly question: string;
  readonly groups: readonly { readonly id: string; readonly label: string; readonly parent?: string }[];
  readonly groupOfOption: ReadonlyMap<string, string>;
}

/** The groups of a breakdown, from the questionnaire's "about you" questions. */
export function dimension(questionnaire: Questionnaire, by: BreakdownBy): Dimension {
  const b = questionnaire.breakdowns;
  if (!b) throw new Error(`${questionnaire.title} asks nothing to break results down by.`);
  const questionId = by === 'role' ? b.role : by === 'length-of-service' ? b.lengthOfService : b.team;
  const question = findQuestion(questionnaire, questionId);
  if (!question || question.kind !== 'single') throw new Error(`The questionnaire has no single-choice question "${questionId}" to break results down by.`);
  if (by === 'service') {
    const serviceOf = new Map(question.options.map((o) => [o.id, o.group ?? 'other']));
    const services = [...new Set(serviceOf.values())];
    return { question: questionId, groups: services.map((s) => ({ id: s, label: serviceAreaName(s) })), groupOfOption: serviceOf };
  }
  return {
    question: questionId,
    groups: question.options.map((o) => ({ id: o.id, label: o.label, ...(by === 'team' ? { parent: o.group ?? 'other' } : {}) })),
    groupOfOption: new Map(question.options.map((o) => [o.id, o.id])),
  };
}

/**
 * The About you questions: those in the sections that hold the breakdown questions (role,
 * team, length of service, and contract beside them). They describe the person, and the
 * directory knows most of it, so inside a group they would be a table of two breakdowns
 * whose small cells pick people out. They are shown for the whole cycle only.
 */
export function aboutYouQuestions(questionnaire: Questionnaire): ReadonlySet<string> {
  const b = questionnaire.breakdowns;
  // A pulse without breakdowns asks nothing about the person (ADR 0021: all or nothing).
  if (!b) return new Set();
  const keys = new Set([b.role, b.team, b.lengthOfService]);
  return new Set(questionnaire.sections.filter((s) => s.questions.some((q) => keys.has(q.id))).flatMap((s) => s.questions.map((q) => q.id)));
}

const NOT_IN_GROUPS =
  'Not shown inside groups: the roles, teams, lengths of service and contracts within a group would pick out smaller groups of people. The whole-cycle figures and the other breakdowns show them.';

/** Every published view of a closed cycle, decided together: the whole cycle and each breakdown. */
export interface ResultsFamily {
  readonly whole: CycleResults;
  readonly breakdowns: Readonly<Record<BreakdownBy, BreakdownResults>>;
  /** What the disclosure audit decided (absent when the whole cycle is hidden). */
  readonly decision?: DisclosureDecision;
}

interface Built {
  readonly tally: AtomTally;
  readonly dims: readonly (Dimension & { readonly by: BreakdownBy; readonly atomsOf: readonly (readonly number[])[] })[];
}

/** Counts every atom once, and which atoms make up each group of each breakdown. */
function build(questionnaire: Questionnaire, responses: Iterable<Answers> | EncodedResponses): Built {
  const encoded = 'cells' in responses ? responses : encodeResponses(layoutOf(questionnaire), responses);
  const dims = questionnaire.breakdowns ? BREAKDOWNS.map((by) => ({ by, ...dimension(questionnaire, by) })) : [];
  const keys = [...new Set(dims.map((d) => d.question))];
  const tally = tallyAtoms(encoded, keys);
  const optionIdsOf = new Map(encoded.layout.questions.map((q) => [q.question.id, q.optionIds]));
  return {
    tally,
    dims: dims.map((d) => {
      const k = keys.indexOf(d.question);
      const optionIds = optionIdsOf.get(d.question) ?? [];
      const groupOfAtom = tally.values.map((v) => {
        const value = v[k] ?? 0;
        return value === 0 ? undefined : d.groupOfOption.get(optionIds[value - 1] ?? '');
      });
      return { ...d, atomsOf: d.groups.map((g) => groupOfAtom.flatMap((id, a) => (id === g.id ? [a] : []))) };
    }),
  };
}

function inputOf(questionnaire: Questionnaire, { tally, dims }: Built, facts: Pick<CycleFacts, 'threshold' | 'textThreshold'>): DisclosureInput {
  const dimensions: DisclosureDimension[] = dims.map((d) => ({
    by: d.by,
    question: d.question,
    groups: d.groups.map((g, i) => ({ id: g.id, atoms: d.atomsOf[i] ?? [], ...(g.parent !== undefined ? { parent: g.parent } : {}) })),
  }));
  return { tally, dimensions, notInGroups: aboutYouQuestions(questionnaire), threshold: facts.threshold, textThreshold: facts.textThreshold };
}

/** What the disclosure audit works on, for one cycle (the benchmark times the audit alone). */
export function disclosureInput(questionnaire: Questionnaire, responses: Iterable<Answers> | EncodedResponses, facts: Pick<CycleFacts, 'threshold' | 'textThreshold'>): DisclosureInput {
  return inputOf(questionnaire, build(questionnaire, responses), facts);
}

/**
 * The whole-cycle results and every breakdown of one cycle. A group is shown only if neither
 * it nor anything worked out from it together with every other view (any breakdown, any
 * scope, the whole cycle) holds 1 … threshold − 1 people; the same for each question's cells
 * on those who answered it. About you answers are shown for the whole cycle only, each
 * answer only where its group is shown. Free-text comments never appear in a group.
 */
export function resultsFamily(questionnaire: Questionnaire, responses: Iterable<Answers> | EncodedResponses, facts: CycleFacts, earlier: readonly EarlierCycle[]): ResultsFamily {
  const built = build(questionnaire, responses);
  const { tally, dims } = built;
  const overall = liveResults(tallyOfGroups(tally, []), facts, earlier);
  const about = aboutYouQuestions(questionnaire);
  // Hidden as a whole, or nothing to break down by: the whole cycle is the only view.
  if (overall.suppressed || dims.length === 0) {
    return { whole: overall, breakdowns: eachBreakdown((by) => ({ ...overall, by, groups: [] })) };
  }
  const decision = decideDisclosure(inputOf(questionnaire, built, facts));

  // The whole cycle's About you answers show each group's size only where the group is shown.
  const hiddenOptionsOf = (q: QuestionResult): ReadonlyMap<string, SuppressionReason> => {
    const dim = dims.find((d) => d.question === q.id && d.by !== 'service');
    if (dim)
      return new Map(
        q.options.flatMap((o) => {
          const reason = decision.groups.get(groupKey(dim.by, o.id));
          return reason ? [[o.id, reason] as const] : [];
        }),
      );
    if (q.kind !== 'single' || q.n === null) return new Map();
    return suppress({ total: q.n, groups: q.options.map((o) => ({ id: o.id, size: o.count ?? 0 })), threshold: facts.threshold });
  };
  const questions = overall.questions.map((q) => {
    if (!about.has(q.id) || q.suppressed) return q;
    const hidden = hiddenOptionsOf(q);
    if (hidden.size === 0) return q;
    const { headline: _headline, ...rest } = q;
    return {
      ...rest,
      options: q.options.filter((o) => !hidden.has(o.id)),
      hiddenOptions: q.options.filter((o) => hidden.has(o.id)).map((o) => ({ id: o.id, label: o.label, suppressed: explainOption(hidden.get(o.id)!, facts.threshold) })),
    };
  });
  const whole: CycleResults = { ...overall, questions };

  const breakdowns = eachBreakdown((by): BreakdownResults => {
    const d = dims.find((x) => x.by === by)!;
    const t = tallyOfGroups(
      tally,
      d.groups.map((g, i) => ({ id: g.id, atoms: d.atomsOf[i] ?? [] })),
    );
    const groups: GroupResults[] = d.groups.map((g, gi) => {
      const key = groupKey(d.by, g.id);
      const reason = decision.groups.get(key);
      if (reason) return { id: g.id, label: g.label, respondents: null, suppressed: explain(reason, facts.threshold), questions: [] };
      const cells: QuestionResult[] = t.questions.map((q) => {
        const limit = q.question.kind === 'text' ? facts.textThreshold : facts.threshold;
        const hiddenCell = (suppressed: string): QuestionResult => ({
          id: q.question.id,
          section: q.sectionId,
          text: q.question.text,
          resultText: q.question.resultText ?? q.question.text,
          kind: q.question.kind,
          n: null,
          suppressed,
          options: [],
        });
        if (about.has(q.question.id)) return { ...hiddenCell(NOT_IN_GROUPS), aboutYou: true };
        const cellReason = decision.cells.get(q.question.id)?.get(key);
        const cell = questionResult(t, q, gi + 1, facts, earlier, false);
        if (cellReason === undefined && !cell.suppressed) return stripComments(cell);
        return hiddenCell(cell.suppressed ?? explain(cellReason ?? 'small-group', limit));
      });
      return { id: g.id, label: g.label, respondents: t.respondents[gi + 1] ?? 0, questions: cells };
    });
    return { ...whole, by, groups };
  });
  return { whole, breakdowns, decision };
}

function eachBreakdown<T>(f: (by: BreakdownBy) => T): Record<BreakdownBy, T> {
  return { role: f('role'), team: f('team'), service: f('service'), 'length-of-service': f('length-of-service') };
}

/** One breakdown of a cycle (decided with every other view: see `resultsFamily`). */
export function breakdownResults(
  questionnaire: Questionnaire,
  responses: Iterable<Answers> | EncodedResponses,
  by: BreakdownBy,
  facts: CycleFacts,
  earlier: readonly EarlierCycle[],
): BreakdownResults {
  return resultsFamily(questionnaire, responses, facts, earlier).breakdowns[by];
}

/** Whole-cycle results, with the About you answers as `resultsFamily` shows them. */
export function cycleResults(questionnaire: Questionnaire, responses: Iterable<Answers> | EncodedResponses, facts: CycleFacts, earlier: readonly EarlierCycle[]): CycleResults {
  return resultsFamily(questionnaire, responses, facts, earlier).whole;
}

/** Free-text comments are never shown per group: a comment plus a team is too identifying. */
function stripComments(q: QuestionResult): QuestionResult {
  if (q.comments === undefined) return q;
  const { comments: _omit, ...rest } = q;
  return rest;
}
