import { allQuestions, isShown } from '../../src/domain/survey/rules';
import type { AnswerValue, Answers, Questionnaire } from '../../src/domain/survey/types';

/** Seeded generator (LCG) so a benchmark run is repeatable. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Synthetic responses that answer every question they are shown (optional ones 80% of the
 * time), choosing options at random, obeying show-if rules and choice limits.
 */
export function syntheticResponses(questionnaire: Questionnaire, count: number, seed = 1): Answers[] {
  const random = seeded(seed);
  const questions = allQuestions(questionnaire).map((q) => q.question);
  const out: Answers[] = [];
  for (let i = 0; i < count; i++) {
    const answers: Record<string, AnswerValue> = {};
    for (const q of questions) {
      if (!isShown(q, answers)) continue;
      if (!q.required && random() < 0.2) continue;
      if (q.kind === 'single') answers[q.id] = q.options[Math.floor(random() * q.options.length)]!.id;
      else if (q.kind === 'multi') {
        const max = Math.min(q.maxChoices ?? q.options.length, q.options.length);
        const chosen = q.options.filter(() => random() < max / q.options.length / 1.5).slice(0, max);
        answers[q.id] = (chosen.length > 0 ? chosen : [q.options[0]!]).map((o) => o.id);
      } else if (q.kind === 'scale') answers[q.id] = q.min + Math.floor(random() * (q.max - q.min + 1));
      else if (random() < 0.1) answers[q.id] = `Comment ${i}`;
    }
    out.push(answers);
  }
  return out;
}
