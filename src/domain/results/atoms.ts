import type { EncodedResponses } from './encoding';
import { compileQuestions, WHOLE_CYCLE, type CompiledQuestion, type Tally } from './tally';

/**
 * Counting once for every breakdown at the same time. Respondents who gave the same answers
 * to the breakdown questions (role, team, length of service) form an atom; every published
 * group, whichever breakdown it belongs to, is a union of atoms, and so are its counts. One
 * pass over the responses counts each atom; each group is then a sum of a few hundred short
 * rows, and the disclosure audit works on the atoms directly.
 */
export interface AtomTally {
  readonly questions: readonly CompiledQuestion[];
  readonly slots: number;
  /** The breakdown questions, in the order of `values`. */
  readonly by: readonly string[];
  /** Atoms with anyone in them, each as its cell value per breakdown question (0: not said). */
  readonly values: readonly (readonly number[])[];
  readonly respondents: Int32Array;
  /** counts[atom * slots + slot] */
  readonly counts: Int32Array;
  readonly scaleSums: Float64Array;
  readonly comments: ReadonlyMap<string, readonly string[]>;
}

/** Counts encoded responses into atoms of the given single-choice questions. */
export function tallyAtoms(encoded: EncodedResponses, by: readonly string[]): AtomTally {
  const { layout, cells, count } = encoded;
  const { questions, slots } = compileQuestions(layout);
  const keyCells = by.map((id) => {
    const q = layout.questions.find((x) => x.question.id === id);
    if (!q || q.question.kind !== 'single') throw new Error(`Cannot break results down by "${id}".`);
    return q;
  });
  // Mixed radix: an atom's dense index from its cell values.
  const radix = keyCells.map((q) => q.optionIds.length + 1);
  const stride: number[] = [];
  let dense = 1;
  for (let i = radix.length - 1; i >= 0; i--) {
    stride[i] = dense;
    dense *= radix[i]!;
  }
  const atomOfRow = new Int32Array(count);
  const denseCount = new Int32Array(dense);
  const width = layout.width;
  for (let r = 0; r < count; r++) {
    let a = 0;
    for (let k = 0; k < keyCells.length; k++) {
      const v = cells[r * width + keyCells[k]!.cell]!;
      // A value past the options (cannot be produced by encoding) counts as not said.
      a += (v < radix[k]! ? v : 0) * stride[k]!;
    }
    atomOfRow[r] = a;
    denseCount[a]! += 1;
  }
  const atomOfDense = new Int32Array(dense).fill(-1);
  const values: number[][] = [];
  for (let d = 0; d < dense; d++) {
    if (denseCount[d] === 0) continue;
    atomOfDense[d] = values.length;
    values.push(radix.map((n, k) => Math.floor(d / stride[k]!) % n));
  }

  const atoms = values.length;
  const counts = new Int32Array(atoms * slots);
  const scaleSums = new Float64Array(atoms * slots);
  const respondents = new Int32Array(atoms);
  const nSlots = Int32Array.from(questions, (q) => q.nSlot);
  const kinds = Uint8Array.from(questions, (q) => (q.question.kind === 'multi' ? 1 : q.question.kind === 'scale' ? 2 : q.question.kind === 'text' ? 3 : 0));
  const mins = Int32Array.from(questions, (q) => (q.question.kind === 'scale' ? q.question.min : 0));
  const optionCounts = Int32Array.from(questions, (q) => q.optionIds.length);
  for (let r = 0; r < count; r++) {
    const atom = atomOfDense[atomOfRow[r]!]!;
    const groupBase = atom * slots;
    respondents[atom]! += 1;
    const row = r * width;
    for (let qi = 0; qi < width; qi++) {
      const value = cells[row + qi]!;
      if (value === 0) continue;
      const base = groupBase + nSlots[qi]!;
      counts[base]! += 1;
      const kind = kinds[qi]!;
      if (kind === 0) counts[base + value]! += 1;
      else if (kind === 2) {
        counts[base + value]! += 1;
        scaleSums[base]! += value - 1 + mins[qi]!;
      } else if (kind === 1) {
        const options = optionCounts[qi]!;
        for (let i = 0; i < options; i++) if ((value & (1 << i)) !== 0) counts[base + 1 + i]! += 1;
      }
    }
  }
  return { questions, slots, by, values, respondents, counts, scaleSums, comments: encoded.comments };
}

/** How many of an atom answered a question (its n slot). */
export function answeredIn(t: AtomTally, atom: number, q: CompiledQuestion): number {
  return t.counts[atom * t.slots + q.nSlot] ?? 0;
}

/**
 * A tally of the whole cycle (index 0, every atom) and the given groups (each a list of
 * atoms), in the shape the results are built from.
 */
export function tallyOfGroups(t: AtomTally, groups: readonly { readonly id: string; readonly atoms: readonly number[] }[]): Tally {
  const all = t.values.map((_, a) => a);
  const lists = [all, ...groups.map((g) => g.atoms)];
  const counts = new Int32Array(lists.length * t.slots);
  const scaleSums = new Float64Array(lists.length * t.slots);
  const respondents = new Int32Array(lists.length);
  lists.forEach((atoms, g) => {
    const base = g * t.slots;
    for (const a of atoms) {
      respondents[g]! += t.respondents[a]!;
      const from = a * t.slots;
      for (let s = 0; s < t.slots; s++) {
        counts[base + s]! += t.counts[from + s]!;
        scaleSums[base + s]! += t.scaleSums[from + s]!;
      }
    }
  });
  return { questions: t.questions, groups: [WHOLE_CYCLE, ...groups.map((g) => g.id)], respondents, counts, slots: t.slots, scaleSums, comments: t.comments };
}
