/**
 * How survey sections and audit parts are split into pages: every question or item once, in
 * order; as few pages as the height budget allows, split evenly; a follow-up question on the
 * page of the question that opens it, directly under it; no audit page of a single box.
 * (The card render check measures the pages as drawn.)
 */
import { auditFormPages } from '../../src/bot/cards/auditForm';
import { splitIntoPages } from '../../src/bot/cards/paging';
import { pageOf, PAGE_BUDGET, questionHeight, sectionPages } from '../../src/bot/cards/surveyPages';
import { auditForms, itemsOf } from '../../src/domain/audit/forms';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { allQuestions } from '../../src/domain/survey/rules';
import type { Section } from '../../src/domain/survey/types';

describe('splitting into pages', () => {
  const h = (n: number) => n;

  it('uses as few pages as the budget allows, split evenly rather than filled in turn', () => {
    // Two pages hold 1,500 within 1,000 each; the tallest as short as it can be.
    expect(splitIntoPages([300, 300, 300, 300, 300], h, 1000)).toEqual([
      [300, 300],
      [300, 300, 300],
    ]);
    // Two pages, the tallest 700: never 500 + 100 + 100 on one page and 500 + 100 on the other... nor 800 on one.
    const pages = splitIntoPages([500, 100, 100, 100, 500], h, 700);
    expect(pages).toHaveLength(2);
    expect(Math.max(...pages.map((p) => p.reduce((a, b) => a + b, 0)))).toBe(700);
    // Five of 250 in a budget of 600: three pages (two would need a page of 750), the tallest 500.
    expect(splitIntoPages([250, 250, 250, 250, 250], h, 600).map((p) => p.length)).toEqual([1, 2, 2]);
    expect(splitIntoPages([100, 100], h, 1000)).toEqual([[100, 100]]);
    expect(splitIntoPages([], h, 1000)).toEqual([]);
  });

  it('puts an item taller than the budget on a page of its own rather than failing', () => {
    expect(splitIntoPages([1500, 100], h, 1000)).toEqual([[1500], [100]]);
  });

  it('with two a page at least, never leaves one item alone', () => {
    expect(splitIntoPages([100, 900, 900, 100, 100], h, 1000, 2)).toEqual([
      [100, 900],
      [900, 100, 100],
    ]);
    expect(splitIntoPages([100], h, 1000, 2)).toEqual([[100]]);
    for (const pages of [splitIntoPages([400, 400, 400], h, 500, 2), splitIntoPages([900, 50, 900, 50, 900], h, 1000, 2)]) {
      expect(pages.every((p) => p.length >= 2)).toBe(true);
    }
  });
});

describe('survey pages', () => {
  it('hold every question of the Health Check once, in order, on pages within the budget', () => {
    const ids = healthCheck.sections.flatMap((s) =>
      sectionPages(s)
        .flat()
        .map((q) => q.id),
    );
    expect(ids).toEqual(allQuestions(healthCheck).map((q) => q.question.id));
    for (const section of healthCheck.sections) {
      for (const page of sectionPages(section)) expect(page.reduce((n, q) => n + questionHeight(q), 0)).toBeLessThanOrEqual(PAGE_BUDGET);
    }
  });

  it('split only the long sections, into two', () => {
    const split = healthCheck.sections.filter((s) => sectionPages(s).length > 1).map((s) => [s.id, sectionPages(s).length]);
    expect(split).toEqual([
      ['ict', 2],
      ['professional-development', 2],
      ['team-culture', 2],
      ['supervision', 2],
    ]);
  });

  it('keep a follow-up question on the page of the question that opens it, directly under it', () => {
    const section: Section = {
      id: 's',
      title: 'S',
      questions: [
        {
          id: 'trained',
          kind: 'single',
          text: 'Trained?',
          required: true,
          options: [
            { id: 'yes', label: 'Yes' },
            { id: 'no', label: 'No' },
          ],
        },
        ...Array.from({ length: 12 }, (_, i) => ({ id: `q${i}`, kind: 'text' as const, text: `Question ${i}`, required: false, maxLength: 100 })),
        {
          id: 'how-good',
          kind: 'single',
          text: 'How good was it?',
          required: false,
          options: [
            { id: 'good', label: 'Good' },
            { id: 'bad', label: 'Bad' },
          ],
          showIf: { question: 'trained', anyOf: ['yes'] },
        },
      ],
    };
    const pages = sectionPages(section);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.slice(0, 2).map((q) => q.id)).toEqual(['trained', 'how-good']);
  });

  it('find the page a question is on', () => {
    expect(pageOf(healthCheck, 'role')).toEqual({ section: 0, page: 0 });
    const ict = healthCheck.sections.findIndex((s) => s.id === 'ict');
    expect(pageOf(healthCheck, 'ict-problems-mobile-phone')).toEqual({ section: ict, page: 1 });
    expect(pageOf(healthCheck, 'not-a-question')).toBeUndefined();
  });
});

describe('audit pages', () => {
  it.each(auditForms.flatMap((form) => form.parts.map((part) => [form.id, part, form] as const)))('%s %s: every item once, in order, none alone on a page', (_id, part, form) => {
    const pages = auditFormPages(form, part);
    const ids = pages.flatMap((p) => p.flatMap((b) => b.items.map((i) => i.id)));
    expect(ids).toEqual(
      itemsOf(form)
        .filter((e) => e.section.part === part)
        .map((e) => e.item.id),
    );
    if (ids.length > 1) expect(pages.map((p) => p.flatMap((b) => b.items).length).filter((n) => n < 2)).toEqual([]);
  });
});
