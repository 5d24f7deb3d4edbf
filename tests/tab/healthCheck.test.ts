import { formatPrevious } from '../../src/domain/results/format';
import type { BreakdownResults, CycleResults, QuestionResult } from '../../src/domain/results/types';
import type { CycleDto } from '../../src/server/api/types';
import { breakdownTable, defaultCycle, headlineLine, optionLines, sectionsOf, sectionTable } from '../../tab/src/model/healthCheck';
import { infographicCells } from '../../tab/src/model/infographic';

const caseload: QuestionResult = {
  id: 'caseload-fair',
  section: 'caseloads',
  text: 'My caseload is fair and manageable',
  resultText: 'say their caseload is fair and manageable',
  kind: 'single',
  n: 82,
  headline: { label: 'strongly agree or agree', percent: 65, previous: [{ cycle: '2022-23', year: '2022', percent: 73 }, { cycle: '2019-20', year: '2019', percent: 81 }] },
  options: [
    { id: 'agree', label: 'Agree', count: 40, percent: 49, previous: [{ cycle: '2022-23', year: '2022', percent: 50 }] },
    { id: 'disagree', label: 'Disagree', count: 42, percent: 51, previous: [] },
  ],
};
const hidden: QuestionResult = { id: 'ot-only', section: 'caseloads', text: 'OT question', resultText: 'OT question', kind: 'single', n: null, suppressed: 'Fewer than 5 people answered this question.', options: [] };
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

  it('opens on the newest cycle with results', () => {
    const cycle = (id: string, opensOn: string, hasResults: boolean) => ({ id, opensOn, hasResults }) as CycleDto;
    expect(defaultCycle([cycle('2022-23', '2022-10-01', true), cycle('2024-25', '2024-10-01', true), cycle('2026-27', '2026-10-01', false)])?.id).toBe('2024-25');
    expect(defaultCycle([])).toBeUndefined();
  });

  it('puts headline figures with earlier years on the infographic, never hidden ones', () => {
    expect(infographicCells(results)).toEqual([{ questionId: 'caseload-fair', big: '65%', text: 'say their caseload is fair and manageable', earlier: '73% in 2022 · 81% in 2019' }]);
  });
});
