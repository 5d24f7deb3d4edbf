import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { demoOrgDataReturn } from '../../../src/app/orgDataDemo';
import { indicatorById } from '../../../src/domain/standards/indicators';
import { checkMapping, DEFAULT_STANDARDS_MAPPING, parseSurveyItems } from '../../../src/domain/standards/mapping';
import { bandOf, scoreStandards } from '../../../src/domain/standards/score';
import { EMPLOYER_STANDARDS } from '../../../src/domain/standards/standards';
import type { CycleResults, QuestionResult } from '../../../src/domain/results/types';
import { healthCheck } from '../../../src/domain/survey/healthCheck';

const q = (id: string, percent: number, extra: Partial<QuestionResult> = {}): QuestionResult => ({
  id,
  section: 's',
  text: id,
  resultText: id,
  kind: 'single',
  n: 30,
  headline: { label: 'agree', percent, previous: [] },
  options: [],
  ...extra,
});

describe('employer standards', () => {
  it("lists the eight standards of the council's Social Work Health Check briefing (2017), in its order", () => {
    expect(EMPLOYER_STANDARDS.map((s) => s.title)).toEqual([
      'Clear social work accountability framework',
      'Effective workforce planning',
      'Safe workloads and case allocation',
      'Managing risks and resources',
      'Effective and appropriate supervision',
      'Continuing professional development',
      'Effective partnerships',
      'Professional registration',
    ]);
  });

  it('bands scores as the LGA health check does: 0–50 low, 51–74 moderate, 75–100 high', () => {
    expect([0, 50, 50.4, 50.5, 51, 74, 74.4, 75, 100].map(bandOf)).toEqual(['low', 'low', 'low', 'moderate', 'moderate', 'moderate', 'moderate', 'high', 'high']);
  });

  it('has a default mapping that fits the questionnaire', () => {
    expect(checkMapping(DEFAULT_STANDARDS_MAPPING, healthCheck)).toEqual([]);
  });

  it('refuses a mapping to a question, answer or measure that does not exist', () => {
    expect(checkMapping({ 'safe-workloads': { questions: parseSurveyItems('no-such-question,caseload-fair:maybe,pcf-mapped'), measures: ['vibes'] } }, healthCheck)).toEqual([
      '"no-such-question" is not a question in the Health Check (see "phc survey show health-check").',
      '"maybe" is not an answer to "caseload-fair" (answers: strongly-agree, agree, neither, disagree, strongly-disagree).',
      '"pcf-mapped" has no headline answer: say which answers count, e.g. pcf-mapped:yes.',
      expect.stringMatching(/^"vibes" is not an organisational measure/),
    ]);
  });

  it('scores a standard as the mean of its figures, leaving hidden ones out (never as zero)', () => {
    const survey: CycleResults = {
      cycle: 'c',
      title: 'HC',
      published: false,
      respondents: 40,
      threshold: 5,
      textThreshold: 10,
      questions: [q('caseload-fair', 80), q('caseload-time', 60), q('caseload-appropriate', 0, { suppressed: 'Hidden: fewer than 5', headline: undefined })],
    };
    const mapping = { ...DEFAULT_STANDARDS_MAPPING, 'safe-workloads': { questions: parseSurveyItems('caseload-fair,caseload-time,caseload-appropriate'), measures: ['cases-allocated'] } };
    // 90 allocated, 10 waiting → 90.
    const returns = [{ 'establishment-fte': 5, 'unallocated-cases': 10, 'allocated-team-members': 90 }];
    const safe = scoreStandards(mapping, survey, returns).find((s) => s.id === 'safe-workloads')!;
    expect(safe.items.map((i) => i.score)).toEqual([80, 60, null, 90]);
    expect(safe.items[2]?.why).toBe('Hidden: fewer than 5');
    expect(safe).toMatchObject({ score: 77, band: 'high' });
  });

  it('scores nothing from a cycle hidden whole', () => {
    const hidden: CycleResults = { cycle: 'c', title: 'HC', published: false, respondents: 3, threshold: 5, textThreshold: 10, suppressed: 'Hidden: too few', questions: [q('caseload-fair', 80)] };
    const scores = scoreStandards(DEFAULT_STANDARDS_MAPPING, hidden, []);
    expect(scores.every((s) => s.score === null)).toBe(true);
  });

  it('turns 39-steps returns into measures where higher is better', () => {
    const org = demoOrganisation();
    const returns = org.teams.map((t) => demoOrgDataReturn(org, t.id));
    for (const id of ['posts-filled', 'posts-without-agency', 'staff-retained', 'cases-allocated', 'supervision-in-policy', 'supervision-monitored', 'appraisal-360', 'welfare-known']) {
      const value = indicatorById.get(id)!.score(returns);
      expect(value).not.toBeNull();
      expect(value!).toBeGreaterThanOrEqual(0);
      expect(value!).toBeLessThanOrEqual(100);
    }
    expect(
      indicatorById.get('posts-filled')!.score([
        { 'establishment-fte': 10, 'unfilled-posts-fte': 2 },
        { 'establishment-fte': 30, 'unfilled-posts-fte': 2 },
      ]),
    ).toBe(90);
    expect(indicatorById.get('supervision-monitored')!.score([])).toBeNull();
  });
});
