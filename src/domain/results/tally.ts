import type { Answers, Questionnaire } from '../survey/types';
import { encodeResponses, layoutOf, type EncodedResponses, type LayoutQuestion, type ResponseLayout } from './encoding';

/**
 * Counting answers, once, for the whole cycle and every group of a breakdown at the same
 * time. Counts live in one flat Int32Array (group × slot): no allocation per answer.
 */

export interface CompiledQuestion extends LayoutQuestion {
  /** Slot of this question's n. Option counts follow at `nSlot + 1 + optionIndex`. */
  readonly nSlot: number;
}

export interface Tally {
  readonly questions: readonly CompiledQuestion[];
  /** Group ids in order; index 0 is always the whole cycle (`*`). */
  readonly groups: readonly string[];
  readonly respondents: Int32Array;
  /** counts[group * slots + slot] */
  readonly counts: Int32Array;
  readonly slots: number;
  /** Sum of scale values per group and question (for means), keyed by nSlot. */
  readonly scaleSums: Float64Array;
  /** Free-text answers for the whole cycle, by question id. */
  readonly comments: ReadonlyMap<string, readonly string[]>;
}

/** Puts each response into at most one group, by its answer to one question. */
export interface TallyBreakdown {
  readonly question: string;
  readonly groups: readonly string[];
  /** Option id of `question` → group id; options not listed belong to no group. */
  readonly groupOfOption: ReadonlyMap<string, string>;
}

export const WHOLE_CYCLE = '*';

/** Counts answer objects (encodes them first). */
export function tally(questionnaire: Questionnaire, responses: Iterable<Answers>, breakdown?: TallyBreakdown): Tally {
  return tallyEncoded(encodeResponses(layoutOf(questionnaire), responses), breakdown);
}

/** Each question's slots: its n, then one per option. */
export function compileQuestions(layout: ResponseLayout): { readonly questions: readonly CompiledQuestion[]; readonly slots: number } {
  let slot = 0;
  const questions: CompiledQuestion[] = layout.questions.map((q) => {
    const compiled = { ...q, nSlot: slot };
    slot += 1 + q.optionIds.length;
    return compiled;
  });
  return { questions, slots: slot };
}

/** Counts encoded responses: the hot loop reads only typed-array cells. */
export function tallyEncoded(encoded: EncodedResponses, breakdown?: TallyBreakdown): Tally {
  const { layout, cells, count } = encoded;
  const { questions, slots } = compileQuestions(layout);
  const groups = [WHOLE_CYCLE, ...(breakdown?.groups ?? [])];
  const groupCell = breakdown ? layout.questions.find((q) => q.question.id === breakdown.question) : undefined;
  if (breakdown && (!groupCell || groupCell.question.kind !== 'single')) throw new Error(`Cannot break results down by "${breakdown.question}".`);
  // Cell value (option index + 1) → group index, 0 meaning "no group".
  const groupOfValue = new Int32Array((groupCell?.optionIds.length ?? 0) + 1);
  groupCell?.optionIds.forEach((id, i) => {
    const g = breakdown?.groupOfOption.get(id);
    groupOfValue[i + 1] = g === undefined ? 0 : groups.indexOf(g);
  });

  const counts = new Int32Array(groups.length * slots);
  const scaleSums = new Float64Array(groups.length * slots);
  const respondents = new Int32Array(groups.length);
  const width = layout.width;
  const nSlots = Int32Array.from(questions, (q) => q.nSlot);
  const kinds = Uint8Array.from(questions, (q) => (q.question.kind === 'multi' ? 1 : q.question.kind === 'scale' ? 2 : q.question.kind === 'text' ? 3 : 0));
  const mins = Int32Array.from(questions, (q) => (q.question.kind === 'scale' ? q.question.min : 0));
  const optionCounts = Int32Array.from(questions, (q) => q.optionIds.length);

  const add = (base: number, kind: number, value: number, qi: number): void => {
    counts[base]! += 1;
    if (kind === 0) counts[base + value]! += 1;
    else if (kind === 2) {
      counts[base + value]! += 1;
      scaleSums[base]! += value - 1 + mins[qi]!;
    } else if (kind === 1) {
      const options = optionCounts[qi]!;
      for (let i = 0; i < options; i++) if ((value & (1 << i)) !== 0) counts[base + 1 + i]! += 1;
    }
  };
  for (let r = 0; r < count; r++) {
    const row = r * width;
    const g = groupCell ? (groupOfValue[cells[row + groupCell.cell] ?? 0] ?? 0) : 0;
    const groupBase = g * slots;
    respondents[0]! += 1;
    if (g !== 0) respondents[g]! += 1;
    for (let qi = 0; qi < width; qi++) {
      const value = cells[row + qi]!;
      if (value === 0) continue;
      add(nSlots[qi]!, kinds[qi]!, value, qi);
      if (g !== 0) add(groupBase + nSlots[qi]!, kinds[qi]!, value, qi);
    }
  }
  return { questions, groups, respondents, counts, slots, scaleSums, comments: encoded.comments };
}
