import type { AtomTally } from './atoms';
import type { SuppressionReason } from './suppression';
import type { CompiledQuestion } from './tally';

/**
 * The unanimous-group rule. A published group in which everyone gave the same answer tells
 * each member's answer, however large the group: "100% of the hospital team said no" says it
 * of every one of them, to anyone who knows who is in the hospital team. So, question by
 * question, a group's cell is not published when everyone in it who answered gave the same
 * answer (for a question with several ticks: when everyone ticked the same option), and
 * neither is anything that would let it be worked out: a visible total (the whole cycle, a
 * service area) minus the groups shown inside it must not leave a set of people who all
 * answered alike. The whole cycle itself is not a group and stays.
 *
 * What this does not attempt, as ADR 0015 does not for ranges: differences across two
 * breakdowns (a role group minus a team) whose members all answered alike.
 */

export interface UnanimityGroup {
  readonly key: string;
  readonly atoms: readonly number[];
  /** The key of the visible total this group is part of besides the whole cycle (its service area's group). */
  readonly parentKey?: string;
}

export interface UnanimityDimension {
  readonly groups: readonly UnanimityGroup[];
}

/** One question's counts over some atoms: n, then one per option. */
function countsOver(t: AtomTally, q: CompiledQuestion, atoms: readonly number[]): Int32Array {
  const width = 1 + q.optionIds.length;
  const out = new Int32Array(width);
  for (const a of atoms) {
    const base = a * t.slots + q.nSlot;
    for (let s = 0; s < width; s++) out[s]! += t.counts[base + s] ?? 0;
  }
  return out;
}

/** Everyone counted gave one answer (single, scale) or ticked one same option (multi). */
export function allAlike(counts: ArrayLike<number>): boolean {
  const n = counts[0] ?? 0;
  if (n <= 0) return false;
  for (let i = 1; i < counts.length; i++) if (counts[i] === n) return true;
  return false;
}

function minus(a: Int32Array, b: Int32Array): Int32Array {
  return a.map((v, i) => v - (b[i] ?? 0));
}

/**
 * The cells of one question to hide under the rule, given the groups already hidden for this
 * question (`hidden`: group key → why). Returns the further keys and why.
 */
export function unanimousCells(t: AtomTally, q: CompiledQuestion, dimensions: readonly UnanimityDimension[], hidden: (key: string) => boolean): Map<string, SuppressionReason> {
  const out = new Map<string, SuppressionReason>();
  if (q.question.kind === 'text') return out;
  const isHidden = (key: string) => hidden(key) || out.has(key);
  const counts = new Map<string, Int32Array>();
  const countsOf = (g: UnanimityGroup): Int32Array => {
    let c = counts.get(g.key);
    if (!c) counts.set(g.key, (c = countsOver(t, q, g.atoms)));
    return c;
  };
  const all = t.values.map((_, a) => a);
  const whole = countsOver(t, q, all);

  for (const dim of dimensions) {
    for (const g of dim.groups) if (!isHidden(g.key) && allAlike(countsOf(g))) out.set(g.key, 'everyone-answered-alike');
  }
  // A visible total minus its shown groups must not be a set who all answered alike. Hiding one
  // more can open another such gap, so repeat until nothing changes.
  const byKey = new Map(dimensions.flatMap((d) => d.groups.map((g) => [g.key, g] as const)));
  let changed = true;
  while (changed) {
    changed = false;
    for (const dim of dimensions) {
      const totals: { readonly counts: Int32Array; readonly members: readonly UnanimityGroup[] }[] = [{ counts: whole, members: dim.groups }];
      const parents = new Set(dim.groups.flatMap((g) => (g.parentKey === undefined ? [] : [g.parentKey])));
      for (const p of parents) {
        const parent = byKey.get(p);
        if (parent && !isHidden(p)) totals.push({ counts: countsOf(parent), members: dim.groups.filter((g) => g.parentKey === p) });
      }
      for (const total of totals) {
        const shown = total.members.filter((g) => !isHidden(g.key) && (countsOf(g)[0] ?? 0) > 0);
        const rest = shown.reduce((acc, g) => minus(acc, countsOf(g)), total.counts);
        if (shown.length > 0 && allAlike(rest)) {
          const smallest = shown.reduce((a, b) => ((countsOf(b)[0] ?? 0) < (countsOf(a)[0] ?? 0) ? b : a));
          out.set(smallest.key, 'would-reveal-alike');
          changed = true;
        }
      }
    }
  }
  return out;
}
