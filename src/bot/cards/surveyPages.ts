import type { Condition, Question, QuestionId, Questionnaire, Section } from '../../domain/survey/types';
import { splitIntoPages } from './paging';

/**
 * A section whose card would be taller than about 1,200 px at Teams' card width is split into
 * pages. Teams keeps the scroll position when a card is updated in place, so a long card
 * leaves the person at the bottom of the next one, far below its heading; short pages keep
 * the heading in view. The split is by an estimate of each question's height, made on the
 * section's questions as written (not on what a person's answers show), so a page holds the
 * same questions whoever answers and a stored position always means the same thing. A
 * question that an answer on the same section opens (the Care Director training question)
 * stays on the page of the question that opens it, directly under it.
 *
 * The card render check (tests/bot/cardRender.test.ts) measures every page as drawn and
 * holds them to the limit; these figures only have to be close enough to keep it green.
 */

/** Estimated px the questions of one page may take at 1.5 on desktop (the rest is heading, intro, notes and buttons). */
export const PAGE_BUDGET = 900;

/** Characters on one line of a 416 px wide text block, regular and bold. */
const CHARS_PER_LINE = 54;
const lines = (text: string, perLine = CHARS_PER_LINE): number => Math.max(1, Math.ceil([...text].length / perLine));

/** About how tall a question is on a card: its words, hint, choices or box, and the space above it. */
export function questionHeight(question: Question): number {
  const words = lines(`${question.text} (optional)`, CHARS_PER_LINE - 4) * 20 + 8;
  const hint = question.hint ? lines(question.hint) * 19 + 6 : 0;
  const gap = 30;
  switch (question.kind) {
    case 'single':
    case 'multi':
      return gap + words + hint + question.options.reduce((sum, o) => sum + lines(o.label, CHARS_PER_LINE - 4) * 20 + 3, 0);
    case 'scale':
      return gap + words + hint + (question.max - question.min + 1) * 23;
    case 'text':
      return gap + words + hint + 80;
  }
}

/** The questions a condition looks at. */
function referenced(condition: Condition): QuestionId[] {
  if ('all' in condition) return condition.all.flatMap(referenced);
  if ('any' in condition) return condition.any.flatMap(referenced);
  if ('not' in condition) return referenced(condition.not);
  return [condition.question];
}

/**
 * The section's questions in groups that may not be split across pages: a question with the
 * questions of the same section that it opens, each directly under it.
 */
function groups(section: Section): Question[][] {
  const ids = new Set(section.questions.map((q) => q.id));
  const openerOf = new Map<QuestionId, QuestionId>();
  for (const question of section.questions) {
    const opener = question.showIf ? referenced(question.showIf).find((id) => ids.has(id)) : undefined;
    if (opener !== undefined) openerOf.set(question.id, opener);
  }
  const root = (id: QuestionId): QuestionId => {
    const seen = new Set<QuestionId>();
    let current = id;
    while (openerOf.has(current) && !seen.has(current)) {
      seen.add(current);
      current = openerOf.get(current)!;
    }
    return current;
  };
  const out: Question[][] = [];
  const byRoot = new Map<QuestionId, Question[]>();
  for (const question of section.questions) {
    const key = root(question.id);
    const group = byRoot.get(key);
    if (group) group.push(question);
    else {
      const fresh = [question];
      byRoot.set(key, fresh);
      out.push(fresh);
    }
  }
  return out;
}

/** Each section's pages, worked out once: every card shown and every press needs them, and a section never changes. */
const pagesOf = new WeakMap<Section, readonly (readonly Question[])[]>();

/** The pages of a section: its questions in order, in as few pages as fit the budget, evenly split. */
export function sectionPages(section: Section): readonly (readonly Question[])[] {
  let pages = pagesOf.get(section);
  if (!pages) {
    const height = (group: readonly Question[]): number => group.reduce((sum, q) => sum + questionHeight(q), 0);
    pages = splitIntoPages(groups(section), height, PAGE_BUDGET).map((page) => page.flat());
    pagesOf.set(section, pages);
  }
  return pages;
}

/** Where a question is asked: its section and page (0-based). */
export function pageOf(questionnaire: Questionnaire, questionId: QuestionId): { readonly section: number; readonly page: number } | undefined {
  for (const [section, s] of questionnaire.sections.entries()) {
    const page = sectionPages(s).findIndex((questions) => questions.some((q) => q.id === questionId));
    if (page >= 0) return { section, page };
  }
  return undefined;
}
