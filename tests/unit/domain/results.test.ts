import { HEADLINE, type PublishedCycle } from '../../../src/domain/history/types';
import { asCycleId } from '../../../src/domain/shared/brand';
import { liveResults, type CycleFacts } from '../../../src/domain/results/live';
import { earlierFromPublished } from '../../../src/domain/results/previous';
import { publishedResults } from '../../../src/domain/results/published';
import { tally } from '../../../src/domain/results/tally';
import { formatResults } from '../../../src/domain/results/format';
import type { Answers } from '../../../src/domain/survey/types';
import { mini } from '../../fixtures/miniSurvey';

const facts: CycleFacts = { cycle: '2026-27', title: 'Mini check 2026/27', year: '2026', opensOn: '2027-01-10', threshold: 5, textThreshold: 10 };

function repeat(n: number, answers: Answers): Answers[] {
  return Array.from({ length: n }, () => answers);
}

function question(results: ReturnType<typeof liveResults>, id: string) {
  const q = results.questions.find((x) => x.id === id);
  if (!q) throw new Error(`no ${id}`);
  return q;
}

describe('live results', () => {
  const responses = [
    ...repeat(36, { role: 'sw', fair: 'yes', pcf: 'yes', helps: ['coaching', 'learning'], confidence: 8 }),
    ...repeat(35, { role: 'scp', fair: 'no', helps: ['learning'], confidence: 6 }),
    ...repeat(11, { role: 'ot', fair: 'yes' }),
  ];
  const results = liveResults(tally(mini, responses), facts, []);

  it('gives n and each option as a whole percent of n, halves up', () => {
    expect(results.respondents).toBe(82);
    expect(question(results, 'role')).toMatchObject({
      n: 82,
      options: [
        { id: 'sw', count: 36, percent: 44 },
        { id: 'ot', count: 11, percent: 13 },
        { id: 'scp', count: 35, percent: 43 },
      ],
    });
  });

  it('leaves skipped questions out of n', () => {
    const confidence = question(results, 'confidence');
    expect(confidence.n).toBe(71);
    expect(confidence.mean).toBe(7);
  });

  it('counts a shown-if question only among those it was shown to', () => {
    expect(question(results, 'pcf')).toMatchObject({
      n: 36,
      options: [
        { id: 'yes', percent: 100 },
        { id: 'no', percent: 0 },
      ],
    });
  });

  it('gives multi-choice shares of the people who answered, so they can add up past 100%', () => {
    const helps = question(results, 'helps');
    expect(helps.n).toBe(71);
    expect(helps.options.map((o) => [o.id, o.count, o.percent])).toEqual([
      ['coaching', 36, 51],
      ['learning', 71, 100],
      ['shadowing', 0, 0],
    ]);
  });

  it('computes headline figures from their options', () => {
    expect(question(results, 'fair').headline).toEqual({ label: 'yes', percent: 57, previous: [] });
  });

  it('hides a question fewer than the threshold answered, and free text below its own threshold', () => {
    const few = liveResults(tally(mini, [...repeat(6, { role: 'sw', fair: 'yes', pcf: 'no' }), ...repeat(3, { role: 'ot', fair: 'no', comment: 'hello' })]), facts, []);
    expect(question(few, 'pcf').suppressed).toBeUndefined();
    expect(question(few, 'comment')).toMatchObject({ n: 3, options: [] });
    expect(question(few, 'comment').suppressed).toMatch(/fewer than 10/);
    expect(question(few, 'comment').comments).toBeUndefined();
  });

  it('hides the whole cycle below the threshold', () => {
    const tiny = liveResults(tally(mini, repeat(4, { role: 'sw', fair: 'yes', pcf: 'no' })), facts, []);
    expect(tiny.questions).toEqual([]);
    expect(tiny.suppressed).toMatch(/fewer than 5/);
  });

  it('shows free text once at least the free-text threshold answered', () => {
    const many = liveResults(tally(mini, repeat(10, { role: 'sw', fair: 'yes', pcf: 'no', comment: 'more staff please' })), facts, []);
    expect(question(many, 'comment').comments).toHaveLength(10);
  });
});

describe('earlier years beside each figure', () => {
  const published = (id: string, year: string, opensOn: string, percent: number, quoted?: Record<string, number>): PublishedCycle => ({
    id: asCycleId(id),
    title: `Mini ${id}`,
    year,
    respondents: 80,
    opensOn,
    closesOn: opensOn,
    figures: [
      { question: 'fair', option: HEADLINE, percent, source: 'test', ...(quoted ? { quoted } : {}) },
      { question: 'fair', option: 'yes', percent, source: 'test' },
    ],
    notComparable: [],
    unmapped: [],
  });
  const y2017 = published('2017-18', '2017', '2018-01-01', 57);
  const y2019 = published('2019-20', '2019', '2020-01-01', 81);
  const y2022 = published('2022-23', '2022', '2023-01-01', 73);
  const y2024 = published('2024-25', '2024', '2025-01-01', 65, { '2022-23': 73, '2019-20': 81, '2017-18': 43 });
  const earlier = [y2017, y2022, y2019].map(earlierFromPublished);

  it('lists them newest first as the council does, using what this report printed', () => {
    const results = publishedResults(mini, y2024, earlier, { threshold: 5, textThreshold: 10 });
    const fair = results.questions.find((q) => q.id === 'fair');
    expect(fair?.n).toBeNull();
    expect(fair?.headline?.previous.map((p) => `${p.percent}% in ${p.year}`)).toEqual(['73% in 2022', '81% in 2019', '43% in 2017']);
    // Where the report printed nothing, the earlier report's own figure is used.
    expect(fair?.options[0]?.previous.map((p) => p.percent)).toEqual([73, 81, 57]);
    expect(formatResults(mini, results)).toContain('65% say their caseload is fair and manageable (73% in 2022, 81% in 2019, 43% in 2017)');
  });

  it('sits beside a live cycle too, and leaves out cycles that asked differently', () => {
    const responses = [...repeat(7, { role: 'sw', fair: 'yes', pcf: 'no' }), ...repeat(3, { role: 'ot', fair: 'no' })];
    const differently = earlierFromPublished({ ...y2019, notComparable: [{ question: 'fair', reason: 'asked on a 5-point scale' }] });
    const results = liveResults(tally(mini, responses), facts, [...earlier.filter((e) => e.cycle !== '2019-20'), differently, earlierFromPublished(y2024)]);
    const fair = results.questions.find((q) => q.id === 'fair');
    expect(fair?.headline).toEqual({
      label: 'yes',
      percent: 70,
      previous: [
        { cycle: '2024-25', year: '2024', percent: 65 },
        { cycle: '2022-23', year: '2022', percent: 73 },
        { cycle: '2017-18', year: '2017', percent: 57 },
      ],
    });
    expect(fair?.notComparable).toEqual([{ cycle: '2019-20', reason: 'asked on a 5-point scale' }]);
  });
});
