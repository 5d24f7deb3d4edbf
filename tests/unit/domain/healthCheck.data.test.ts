import { publishedCycles } from '../../../src/domain/history/published';
import { HEADLINE, type PublishedCycle } from '../../../src/domain/history/types';
import { healthCheck } from '../../../src/domain/survey/healthCheck';
import type { Condition, Question } from '../../../src/domain/survey/types';

/** The questionnaire and its published history are data; these tests keep them consistent. */

const questions: readonly Question[] = healthCheck.sections.flatMap((s) => s.questions);
const byId = new Map(questions.map((q) => [q.id, q]));

/** Option ids a figure or rule may name: scale values are their own ids. */
function optionIds(q: Question): string[] {
  if (q.kind === 'scale') return Array.from({ length: q.max - q.min + 1 }, (_, i) => String(q.min + i));
  if (q.kind === 'text') return [];
  return q.options.map((o) => o.id);
}

function duplicates(ids: readonly string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

function referencedQuestions(c: Condition): { question: string; anyOf: readonly string[] }[] {
  if ('all' in c) return c.all.flatMap(referencedQuestions);
  if ('any' in c) return c.any.flatMap(referencedQuestions);
  if ('not' in c) return referencedQuestions(c.not);
  return [c];
}

function cycle(id: string): PublishedCycle {
  const found = publishedCycles.find((c) => c.id === id);
  if (!found) throw new Error(`no cycle ${id}`);
  return found;
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('the Health Check questionnaire', () => {
  it('has unique, kebab-case section and question ids', () => {
    const sectionIds = healthCheck.sections.map((s) => s.id);
    const questionIds = questions.map((q) => q.id);
    expect(duplicates(sectionIds)).toEqual([]);
    expect(duplicates(questionIds)).toEqual([]);
    expect([...sectionIds, ...questionIds].filter((id) => !KEBAB.test(id))).toEqual([]);
    // One namespace for both, so a card input or CSV column can never mean either.
    expect(questionIds.filter((id) => sectionIds.includes(id))).toEqual([]);
  });

  it('has the sections in the agreed order', () => {
    expect(healthCheck.sections.map((s) => s.id)).toEqual([
      'about-you',
      'evidence',
      'ict',
      'care-director',
      'professional-development',
      'caseloads',
      'team-culture',
      'team-meetings-and-management',
      'supervision',
      'your-role',
      'career-development',
      'statements',
      'cultural-competence',
      'anything-else',
    ]);
  });

  it('has unique, kebab-case option ids within each question', () => {
    for (const q of questions) {
      if (q.kind !== 'single' && q.kind !== 'multi') continue;
      const ids = q.options.map((o) => o.id);
      expect({ question: q.id, duplicates: duplicates(ids) }).toEqual({ question: q.id, duplicates: [] });
      expect({ question: q.id, bad: ids.filter((id) => !KEBAB.test(id)) }).toEqual({ question: q.id, bad: [] });
      expect(q.options.length).toBeGreaterThan(1);
    }
  });

  it('breaks results down by questions that exist, and every team has a service area', () => {
    const { role, team, lengthOfService } = healthCheck.breakdowns;
    for (const id of [role, team, lengthOfService]) expect(byId.get(id)?.kind).toBe('single');
    const teamQ = byId.get(team);
    if (teamQ?.kind !== 'single') throw new Error('team is not single choice');
    const areas = ['hospital-and-intake', 'occupational-therapy', 'older-people', 'all-age-disability', 'short-term', 'other'];
    for (const o of teamQ.options) expect(areas).toContain(o.group);
  });

  it('has the role options exactly as agreed', () => {
    const role = byId.get('role');
    expect(role?.kind === 'single' && role.options).toEqual([
      { id: 'social-worker', label: 'Social worker' },
      { id: 'social-care-professional', label: 'Social care professional (including community case worker)' },
      { id: 'occupational-therapist', label: 'Occupational therapist' },
    ]);
  });

  it('has show-if rules that refer to earlier questions and options they have', () => {
    const seen = new Set<string>();
    for (const q of questions) {
      if (q.showIf) {
        for (const ref of referencedQuestions(q.showIf)) {
          expect({ question: q.id, refersToEarlier: seen.has(ref.question) }).toEqual({ question: q.id, refersToEarlier: true });
          const target = byId.get(ref.question);
          if (!target) throw new Error(`${q.id} refers to unknown ${ref.question}`);
          for (const option of ref.anyOf) expect(optionIds(target)).toContain(option);
        }
      }
      seen.add(q.id);
    }
  });

  it('asks the framework questions only of the role they are about', () => {
    expect(byId.get('pcf-mapped')?.showIf).toEqual({ question: 'role', anyOf: ['social-worker'] });
    expect(byId.get('ot-framework-mapped')?.showIf).toEqual({ question: 'role', anyOf: ['occupational-therapist'] });
  });

  it('has headlines only on single and scale questions, naming options they have', () => {
    for (const q of questions) {
      if (!q.headline) continue;
      expect({ question: q.id, kind: q.kind }).toEqual({ question: q.id, kind: expect.stringMatching(/^(single|scale)$/) });
      expect(q.headline.options.length).toBeGreaterThan(0);
      for (const option of q.headline.options) expect(optionIds(q)).toContain(option);
    }
  });

  it('has sensible limits on multi-choice, scale and text questions', () => {
    for (const q of questions) {
      if (q.kind === 'multi' && q.maxChoices !== undefined) {
        expect(q.maxChoices).toBeGreaterThanOrEqual(q.minChoices ?? 1);
        expect(q.maxChoices).toBeLessThanOrEqual(q.options.length);
      }
      if (q.kind === 'scale') expect(q.max).toBeGreaterThan(q.min);
      if (q.kind === 'text') {
        expect(q.maxLength).toBeGreaterThan(0);
        expect(q.required).toBe(false);
      }
    }
    const career = byId.get('career-development-help');
    expect(career?.kind === 'multi' && career.maxChoices).toBe(2);
  });
});

describe('the published history', () => {
  it('has the four cycles, oldest first, with their respondents', () => {
    expect(publishedCycles.map((c) => [c.id, c.year, c.respondents])).toEqual([
      ['2017-18', '2017', 80],
      ['2019-20', '2019', 92],
      ['2022-23', '2022', 83],
      ['2024-25', '2024', 82],
    ]);
    for (const c of publishedCycles) {
      expect(c.opensOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.closesOn >= c.opensOn).toBe(true);
    }
    const opens = publishedCycles.map((c) => c.opensOn);
    expect([...opens].sort()).toEqual(opens);
  });

  it.each(publishedCycles.map((c) => [c.id, c] as const))('%s: every figure names a question and an option it has', (_id, c) => {
    for (const f of c.figures) {
      const q = byId.get(f.question);
      if (!q) throw new Error(`${c.id}: no question ${f.question}`);
      if (f.option === HEADLINE) {
        expect({ question: f.question, hasHeadline: q.headline !== undefined }).toEqual({ question: f.question, hasHeadline: true });
      } else {
        expect({ question: f.question, option: f.option, known: optionIds(q).includes(f.option) }).toEqual({
          question: f.question,
          option: f.option,
          known: true,
        });
      }
      expect(f.source.trim()).not.toBe('');
    }
  });

  it.each(publishedCycles.map((c) => [c.id, c] as const))('%s: one figure per question and option', (_id, c) => {
    const keys = c.figures.map((f) => `${f.question} ${f.option}`);
    expect(duplicates(keys)).toEqual([]);
  });

  it.each(publishedCycles.map((c) => [c.id, c] as const))('%s: percentages are whole numbers from 0 to 100', (_id, c) => {
    for (const f of c.figures) {
      const all = [f.percent, ...Object.values(f.quoted ?? {})];
      for (const p of all) {
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
      }
    }
  });

  it.each(publishedCycles.map((c) => [c.id, c] as const))('%s: quotes are of earlier cycles only', (_id, c) => {
    const earlier = publishedCycles.filter((e) => e.opensOn < c.opensOn).map((e) => String(e.id));
    for (const f of c.figures) for (const key of Object.keys(f.quoted ?? {})) expect(earlier).toContain(key);
  });

  it.each(publishedCycles.map((c) => [c.id, c] as const))('%s: not-comparable questions exist and give a reason', (_id, c) => {
    for (const n of c.notComparable) {
      expect(byId.has(n.question)).toBe(true);
      expect(n.reason.trim()).not.toBe('');
    }
    for (const u of c.unmapped) expect(u.reason.trim()).not.toBe('');
  });

  it('has the 2024/25 caseload headline with the earlier years as that report printed them', () => {
    const f = cycle('2024-25').figures.find((x) => x.question === 'caseload-fair' && x.option === HEADLINE);
    expect(f?.percent).toBe(65);
    expect(f?.quoted).toEqual({ '2022-23': 73, '2019-20': 81, '2017-18': 43 });
  });

  it("keeps the 2017/18 report's own caseload figure, though later reports quote another", () => {
    const f = cycle('2017-18').figures.find((x) => x.question === 'caseload-fair' && x.option === HEADLINE);
    expect(f?.percent).toBe(57);
  });

  it('adds a figure quoted only in a later report to its own cycle', () => {
    const f = cycle('2022-23').figures.find((x) => x.question === 'supervision-postponed' && x.option === HEADLINE);
    expect(f?.percent).toBe(69);
    expect(f?.source).toMatch(/2024\/25 report/);
  });

  it.each(publishedCycles.map((c) => [c.id, c] as const))('%s: role counts add up to the respondents', (_id, c) => {
    const roles = c.figures.filter((f) => f.question === 'role');
    const role = byId.get('role');
    const allPublished = role?.kind === 'single' && roles.length === role.options.length && roles.every((f) => f.count !== undefined);
    expect(allPublished).toBe(true); // every report gives all three role counts
    expect(roles.reduce((sum, f) => sum + (f.count ?? 0), 0)).toBe(c.respondents);
  });
});
