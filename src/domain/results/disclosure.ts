import { answeredIn, type AtomTally } from './atoms';
import { hideUntilSafe, searchBudget, type LinkedGroup } from './linkedAudit';
import { suppress, type SuppressionReason } from './suppression';
import { unanimousCells, type UnanimityDimension } from './unanimous';
import type { BreakdownBy } from './types';

/**
 * Which groups, and which of their cells, every breakdown may show, decided for all
 * breakdowns together (ADR 0015). A reader can request every breakdown and the whole cycle
 * and set them side by side; each role sees some of these groups, and hiding is decided on
 * the union, since any part of a safe family is safe.
 *
 * 1. Within each breakdown, the rules a reader can check by subtraction alone: a group under
 *    the threshold is hidden, and so is the smallest shown group while any visible total
 *    (the whole cycle, those who gave any group, a service area) minus the shown groups
 *    leaves 1 … threshold − 1 people.
 * 2. Across breakdowns, the linked audit (linkedAudit.ts): while some set of 1 … threshold − 1
 *    people can be worked out from all the shown groups together, hide one more.
 * 3. Question by question, the same two passes on the number who answered it, since people
 *    skip questions and a group's n then differs from its size: a cell shows only if, with
 *    every other cell shown for that question, no 1 … threshold − 1 answers can be worked out.
 *    Last, the unanimous-group rule (unanimous.ts): no cell where everyone in the group gave
 *    the same answer, nor one that would let such a set be worked out from a total. Hiding
 *    more never opens a leak the earlier passes closed, so it comes after them.
 */

export interface DisclosureGroup {
  readonly id: string;
  /** The service area a team belongs to (a total the reader can see in the by-service view). */
  readonly parent?: string;
  readonly atoms: readonly number[];
}

export interface DisclosureDimension {
  readonly by: BreakdownBy;
  /** The breakdown question, for "those who gave any group". */
  readonly question: string;
  readonly groups: readonly DisclosureGroup[];
}

export interface DisclosureInput {
  readonly tally: AtomTally;
  readonly dimensions: readonly DisclosureDimension[];
  /** Questions never shown inside a group (About you): they are not audited per cell. */
  readonly notInGroups: ReadonlySet<string>;
  readonly threshold: number;
  readonly textThreshold: number;
}

export interface DisclosureDecision {
  /** Hidden groups, by `groupKey`. */
  readonly groups: ReadonlyMap<string, SuppressionReason>;
  /** Hidden cells of shown groups: question id → group key → why. */
  readonly cells: ReadonlyMap<string, ReadonlyMap<string, SuppressionReason>>;
  /** How many times the linked audit ran, and how many it had to hide (for the benchmark). */
  readonly audits: { readonly searches: number; readonly hidden: number };
}

export const groupKey = (by: BreakdownBy, id: string): string => `${by}:${id}`;

export function decideDisclosure(input: DisclosureInput): DisclosureDecision {
  const { tally: t, dimensions, threshold } = input;
  const allAtoms = t.values.map((_, a) => a);
  const sumOver = (atoms: readonly number[], weight: (a: number) => number) => atoms.reduce((n, a) => n + weight(a), 0);
  const respondentsOf = (a: number) => t.respondents[a] ?? 0;
  const total = sumOver(allAtoms, respondentsOf);
  const stats = { searches: 0, hidden: 0 };
  const budget = searchBudget();

  // Those who gave any group of a breakdown: the atoms where its question was answered.
  const questionIndex = new Map(t.by.map((q, k) => [q, k]));
  const answeredAtoms = (question: string) => allAtoms.filter((a) => (t.values[a]?.[questionIndex.get(question) ?? -1] ?? 0) !== 0);

  // 1. Each breakdown on its own, by respondents.
  const hiddenGroups = new Map<string, SuppressionReason>();
  for (const dim of dimensions) {
    const sizes = dim.groups.map((g) => ({ id: g.id, size: sumOver(g.atoms, respondentsOf), ...(g.parent !== undefined ? { parent: g.parent } : {}) }));
    const hidden = suppress({ total, answered: sumOver(answeredAtoms(dim.question), respondentsOf), groups: sizes, parents: parentTotals(sizes), threshold });
    for (const [id, reason] of hidden) hiddenGroups.set(groupKey(dim.by, id), reason);
  }

  // 2. All breakdowns together.
  const audit = (weights: ArrayLike<number>, groups: readonly LinkedGroup[], limit: number): string[] => {
    stats.searches++;
    const hidden = hideUntilSafe(weights, groups, limit, budget);
    stats.hidden += hidden.length;
    return hidden;
  };
  const linked = (weights: (a: number) => number, shown: (key: string) => boolean): LinkedGroup[] => [
    { key: '*', atoms: allAtoms, size: sumOver(allAtoms, weights), keep: true },
    ...dimensions.flatMap((dim) =>
      dim.groups.flatMap((g) => {
        const key = groupKey(dim.by, g.id);
        const size = sumOver(g.atoms, weights);
        return shown(key) && size > 0 ? [{ key, atoms: g.atoms, size }] : [];
      }),
    ),
  ];
  const respondentWeights = Int32Array.from(allAtoms, respondentsOf);
  if (hasSmallAtom(respondentWeights, threshold)) {
    for (const key of audit(
      respondentWeights,
      linked(respondentsOf, (k) => !hiddenGroups.has(k)),
      threshold,
    ))
      hiddenGroups.set(key, 'would-reveal-by-comparing');
  }

  // 3. Question by question, on those who answered it.
  const cells = new Map<string, Map<string, SuppressionReason>>();
  const alikeDimensions: UnanimityDimension[] = dimensions.map((dim) => ({
    groups: dim.groups.map((g) => ({ key: groupKey(dim.by, g.id), atoms: g.atoms, ...(g.parent !== undefined ? { parentKey: groupKey('service', g.parent) } : {}) })),
  }));
  const seen = new Map<string, readonly string[]>();
  for (const q of t.questions) {
    if (input.notInGroups.has(q.question.id)) continue;
    const limit = q.question.kind === 'text' ? input.textThreshold : threshold;
    const answered = (a: number) => answeredIn(t, a, q);
    const n = sumOver(allAtoms, answered);
    // Under the limit the whole-cycle figure is hidden, and every group's with it.
    if (n < limit) continue;
    const hidden = new Map<string, SuppressionReason>();
    for (const dim of dimensions) {
      const all = dim.groups.map((g) => ({ id: g.id, size: sumOver(g.atoms, answered), ...(g.parent !== undefined ? { parent: g.parent } : {}) }));
      // A hidden group shows nothing; it still counts in the totals, which are shown.
      const sizes = all.map((g) => (hiddenGroups.has(groupKey(dim.by, g.id)) ? { ...g, size: 0 } : g));
      for (const [id, reason] of suppress({ total: n, groups: sizes, parents: parentTotals(all), threshold: limit })) {
        if (!hiddenGroups.has(groupKey(dim.by, id))) hidden.set(groupKey(dim.by, id), reason);
      }
    }
    const weights = Int32Array.from(allAtoms, answered);
    if (hasSmallAtom(weights, limit)) {
      const groups = linked(answered, (k) => !hiddenGroups.has(k) && !hidden.has(k));
      // Questions everyone answered alike (most of them) share their audit.
      const memo = `${limit}|${weights.join(',')}|${groups.map((g) => g.key).join(',')}`;
      const more = seen.get(memo) ?? audit(weights, groups, limit);
      seen.set(memo, more);
      for (const key of more) hidden.set(key, 'would-reveal-by-comparing');
    }
    for (const [key, reason] of unanimousCells(t, q, alikeDimensions, (k) => hiddenGroups.has(k) || hidden.has(k))) hidden.set(key, reason);
    if (hidden.size > 0) cells.set(q.question.id, hidden);
  }
  return { groups: hiddenGroups, cells, audits: stats };
}

/** Service areas' totals, from their teams. */
function parentTotals(groups: readonly { readonly size: number; readonly parent?: string }[]): Map<string, number> {
  const parents = new Map<string, number>();
  for (const g of groups) if (g.parent !== undefined) parents.set(g.parent, (parents.get(g.parent) ?? 0) + g.size);
  return parents;
}

/** Whether any atom holds 1 … limit − 1: if none does, no set under the limit exists at all. */
function hasSmallAtom(weights: ArrayLike<number>, limit: number): boolean {
  for (let a = 0; a < weights.length; a++) {
    const w = weights[a]!;
    if (w > 0 && w < limit) return true;
  }
  return false;
}
