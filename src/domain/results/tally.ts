import { allQuestions } from '../survey/rules';
import type { Answers, Question, Questionnaire } from '../survey/types';

/**
 * Counting answers, once, for the whole cycle and every group of a breakdown at the same
 * time. Counts live in one flat Int32Array (group × slot) so 100,000 responses × 70
 * questions is a few million increments with no allocation per answer.
 */

interface CompiledQuestion {
  readonly question: Question;
  readonly sectionId: string;
  /** Slot of this question's n. Option counts follow at `nSlot + 1 + optionIndex`. */
  readonly nSlot: number;
  /** Option id → index; for scale questions the value minus `min`. */
  readonly optionIndex: ReadonlyMap<string, number>;
  readonly optionCount: number;
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
  /** Free-text answers for the whole cycle, by question id, in response order. */
  readonly comments: ReadonlyMap<string, readonly string[]>;
}

export const WHOLE_CYCLE = '*';

function compile(questionnaire: Questionnaire): { questions: CompiledQuestion[]; slots: number } {
  let slot = 0;
  const questions = allQuestions(questionnaire).map(({ sectionId, question }) => {
    const ids =
      question.kind === 'scale'
        ? Array.from({ length: question.max - question.min + 1 }, (_, i) => String(question.min + i))
        : question.kind === 'text'
          ? []
          : question.options.map((o) => o.id);
    const compiled: CompiledQuestion = {
      question,
      sectionId,
      nSlot: slot,
      optionIndex: new Map(ids.map((id, i) => [id, i])),
      optionCount: ids.length,
    };
    slot += 1 + ids.length;
    return compiled;
  });
  return { questions, slots: slot };
}

/**
 * Counts every answer. `groupOf` puts a response into a breakdown group (return
 * `undefined` to leave it out of every group but the whole cycle).
 */
export function tally(
  questionnaire: Questionnaire,
  responses: Iterable<Answers>,
  breakdown?: { readonly groups: readonly string[]; readonly groupOf: (answers: Answers) => string | undefined },
): Tally {
  const { questions, slots } = compile(questionnaire);
  const groups = [WHOLE_CYCLE, ...(breakdown?.groups ?? [])];
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const counts = new Int32Array(groups.length * slots);
  const scaleSums = new Float64Array(groups.length * slots);
  const respondents = new Int32Array(groups.length);
  const comments = new Map<string, string[]>();
  for (const q of questions) if (q.question.kind === 'text') comments.set(q.question.id, []);

  for (const answers of responses) {
    const g = breakdown ? groupIndex.get(breakdown.groupOf(answers) ?? '') : undefined;
    respondents[0]! += 1;
    if (g !== undefined) respondents[g]! += 1;
    for (const q of questions) {
      const value = answers[q.question.id];
      if (value === undefined) continue;
      count(q, value, 0, slots, counts, scaleSums, comments);
      if (g !== undefined) count(q, value, g, slots, counts, scaleSums, undefined);
    }
  }
  return { questions, groups, respondents, counts, slots, scaleSums, comments };
}

function count(
  q: CompiledQuestion,
  value: Answers[string],
  group: number,
  slots: number,
  counts: Int32Array,
  scaleSums: Float64Array,
  comments: Map<string, string[]> | undefined,
): void {
  const base = group * slots + q.nSlot;
  if (Array.isArray(value)) {
    let any = false;
    for (const v of value) {
      const i = q.optionIndex.get(v);
      if (i !== undefined) {
        counts[base + 1 + i]! += 1;
        any = true;
      }
    }
    if (any) counts[base]! += 1;
    return;
  }
  if (q.question.kind === 'text') {
    counts[base]! += 1;
    comments?.get(q.question.id)?.push(String(value));
    return;
  }
  const i = q.optionIndex.get(String(value));
  if (i === undefined) return;
  counts[base]! += 1;
  counts[base + 1 + i]! += 1;
  if (typeof value === 'number') scaleSums[base]! += value;
}
