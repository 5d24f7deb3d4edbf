import { formatPrevious } from '../../src/domain/results/format';
import type { BreakdownResults, CycleResults, QuestionResult } from '../../src/domain/results/types';
import type { CycleDto, ResponseRateDto } from '../../src/server/api/types';
import { breakdownTable, defaultCycle, headlineLine, hiddenText, liveRateNote, optionLines, responseRateText, sectionsOf, sectionTable, teamRatesTable } from '../../tab/src/model/healthCheck';
import { infographicCells } from '../../tab/src/model/infographic';

const caseload: QuestionResult = {
  id: 'caseload-fair',
  section: 'caseloads',
  text: 'My caseload is fair and manageable',
  resultText: 'say their caseload is fair and manageable',
  kind: 'single',
  n: 82,
  headline: {
    label: 'strongly agree or agree',
    percent: 65,
    previous: [
      { cycle: '2022-23', year: '2022', percent: 73 },
      { cycle: '2019-20', year: '2019', percent: 81 },
    ],
  },
  options: [
    { id: 'agree', label: 'Agree', count: 40, percent: 49, previous: [{ cycle: '2022-23', year: '2022', percent: 50 }] },
    { id: 'disagree', label: 'Disagree', count: 42, percent: 51, previous: [] },
  ],
};
const hidden: QuestionResult = {
  id: 'ot-only',
  section: 'caseloads',
  text: 'OT question',
  resultText: 'OT question',
  kind: 'single',
  n: null,
  suppressed: 'Fewer than 5 people answered this question.',
  options: [],
};
const results: CycleResults = { cycle: '2024-25', title: 'Health Check 2024/25', published: false, respondents: 82, threshold: 5, textThreshold: 10, questions: [caseload, hidden] };

describe('the Health check page', () => {
  it("writes each headline in the seed's style, as the domain formats earlier years", () => {
    expect(headlineLine(caseload)).toBe('65% say their caseload is fair and manageable (73% in 2022, 81% in 2019)');
    expect(headlineLine(caseload)).toBe(`65% ${caseload.resultText}${formatPrevious(caseload.headline!.previous)}`);
    expect(headlineLine(hidden)).toBeUndefined();
    expect(optionLines(caseload)).toEqual(['Agree: 49% (40) (50% in 2022)', 'Disagree: 51% (42)']);
  });

  it('groups questions under their sections and says why a hidden one is hidden', () => {
    const sections = sectionsOf(results, [{ id: 'caseloads', title: 'Caseloads' }]);
    expect(sections.map((s) => [s.title, s.questions.length])).toEqual([['Caseloads', 2]]);
    const table = sectionTable(results.title, sections[0]!);
    expect(table.rows[1]).toEqual(['OT question', 'Not published', 'Hidden: Fewer than 5 people answered this question.']);
  });

  it('keeps suppressed groups and cells suppressed in a breakdown (and so in its CSV)', () => {
    const breakdown: BreakdownResults = {
      ...results,
      by: 'team',
      groups: [
        { id: 'intake', label: 'Intake', respondents: 40, questions: [{ ...caseload, n: 40 }, hidden] },
        { id: 'hospital', label: 'Hospital team', respondents: null, suppressed: 'Fewer than 5 people in this group answered.', questions: [] },
      ],
    };
    const table = breakdownTable(breakdown);
    expect(table.columns).toEqual(['Question', 'Intake (40)', 'Hospital team']);
    expect(table.rows[0]).toEqual(['Respondents', '40', 'Hidden: Fewer than 5 people in this group answered.']);
    expect(table.rows[1]).toEqual(['say their caseload is fair and manageable', '65%', 'Hidden']);
    expect(table.rows[2]).toEqual(['OT question', 'Hidden: Fewer than 5 people answered this question.', 'Hidden']);
    expect(JSON.stringify(table)).not.toMatch(/"\d+%".*Hospital/);
  });

  it('says why once, in the server\'s words, without doubling "Hidden"', () => {
    expect(hiddenText('Hidden: fewer than 5 people answered in this group, so showing it could identify them.')).toBe(
      'Hidden: fewer than 5 people answered in this group, so showing it could identify them.',
    );
    expect(hiddenText('Hidden so that a smaller group cannot be worked out by comparing views.')).toBe('Hidden so that a smaller group cannot be worked out by comparing views.');
    expect(hiddenText('fewer than 5 have answered')).toBe('Hidden: fewer than 5 have answered');
    expect(hiddenText(undefined)).toBe('Hidden to protect anonymity.');
  });

  it('lists an About you answer hidden in the whole-cycle figures with its reason (and so in the CSV)', () => {
    const team: QuestionResult = {
      id: 'team',
      section: 'about-you',
      text: 'Which team do you work in?',
      resultText: 'team',
      kind: 'single',
      n: 82,
      options: [{ id: 'intake', label: 'Intake', count: 40, percent: 49, previous: [] }],
      hiddenOptions: [{ id: 'hospital', label: 'Hospital team', suppressed: 'Hidden so that a smaller group cannot be worked out by comparing views.' }],
    };
    expect(optionLines(team)).toEqual(['Intake: 49% (40)', 'Hospital team: Hidden so that a smaller group cannot be worked out by comparing views.']);
    expect(sectionTable('Health Check', { id: 'about-you', title: 'About you', questions: [team] }).rows[0]?.[2]).toContain(
      'Hospital team: Hidden so that a smaller group cannot be worked out by comparing views.',
    );
  });

  it('puts the About you questions of a breakdown in one row that says why they are not shown in groups', () => {
    const notInGroups = 'Not shown inside groups: the roles, teams, lengths of service and contracts within a group would pick out smaller groups of people.';
    const role: QuestionResult = { id: 'role', section: 'about-you', text: 'What is your role?', resultText: 'role', kind: 'single', n: 82, options: [] };
    const aboutCell: QuestionResult = { ...role, n: null, suppressed: notInGroups, aboutYou: true };
    const breakdown: BreakdownResults = {
      ...results,
      questions: [role, caseload],
      by: 'role',
      groups: [
        { id: 'sw', label: 'Social worker', respondents: 40, questions: [aboutCell, { ...caseload, n: 40 }] },
        {
          id: 'ot',
          label: 'Occupational therapist',
          respondents: null,
          suppressed: 'Hidden so that a smaller group cannot be worked out by comparing views: set beside the other breakdowns, this would give away the answers of fewer than 5 people.',
          questions: [],
        },
      ],
    };
    const table = breakdownTable(breakdown);
    expect(table.rows.map((r) => r[0])).toEqual(['Respondents', 'say their caseload is fair and manageable', 'About you questions']);
    expect(table.rows[0]?.[2]).toMatch(/^Hidden so that a smaller group cannot be worked out by comparing views/);
    expect(table.rows[2]).toEqual(['About you questions', notInGroups, 'Hidden']);
  });

  it('shows live response rates as "at least", counted hourly in steps, and exact ones plainly', () => {
    const live: ResponseRateDto = {
      cycle: '2026-27',
      title: 'Health Check 2026/27',
      status: 'open',
      threshold: 5,
      overall: { audience: 30, respondents: 10, percent: 33, atLeast: true },
      teams: [{ id: 'intake', name: 'Intake', audience: 20, respondents: 5, percent: 25, atLeast: true }],
      asOf: '2027-01-11T09:20Z',
      step: 5,
    };
    expect(responseRateText(live)).toBe('At least 33% (10 or more of 30)');
    expect(liveRateNote(live)).toBe('Counted once an hour (last at 09:20 UTC) and in steps of 5 while the survey is open, so that the figures do not show when someone answers.');
    expect(teamRatesTable(live).rows[0]).toEqual(['Intake', '20', '5 or more', 'At least 25%']);
    const { asOf: _asOf, step: _step, ...counted } = live;
    const closed: ResponseRateDto = { ...counted, status: 'closed', overall: { audience: 30, respondents: 13, percent: 43 }, teams: [] };
    expect(liveRateNote(closed)).toBeUndefined();
    expect(responseRateText(closed)).toBe('43% (13 of 30)');
  });

  it('opens on the newest cycle with results', () => {
    const cycle = (id: string, opensOn: string, hasResults: boolean) => ({ id, opensOn, hasResults }) as CycleDto;
    expect(defaultCycle([cycle('2022-23', '2022-10-01', true), cycle('2024-25', '2024-10-01', true), cycle('2026-27', '2026-10-01', false)])?.id).toBe('2024-25');
    expect(defaultCycle([])).toBeUndefined();
  });

  it('puts headline figures with earlier years on the infographic, never hidden ones', () => {
    expect(infographicCells(results)).toEqual([{ questionId: 'caseload-fair', big: '65%', text: 'say their caseload is fair and manageable', earlier: '73% in 2022 · 81% in 2019' }]);
  });
});
