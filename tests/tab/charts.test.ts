import { compliance, type AuditTaskRecord } from '../../src/domain/audit/compliance';
import type { AuditTaskId } from '../../src/domain/audit/plan/task';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import type { CaseloadsDto, CycleResults, QuestionResult, RateGrowthDto, StandardScore } from '../../src/server/api/types';
import { caseloadsChart, complianceChart, growthChart, questionsChart, standardsChart, type GroupedSpec, type LinesSpec, type StackedRowsSpec } from '../../tab/src/model/charts';

/**
 * The charts as data: every figure drawn is the API's, a hidden one is drawn as nothing and
 * said in words, and the chart's labels are written as its table writes them.
 */
const standard = (id: string, number: number, title: string, score: number | null, band: StandardScore['band']): StandardScore =>
  ({ id, number, title, score, band, items: [] }) as unknown as StandardScore;

describe('the charts', () => {
  it('draws each scored standard as a bar in its band, on 0–100 with the bands marked, and says which are not scored', () => {
    const model = standardsChart([
      standard('a', 1, 'Accountability', 70, 'moderate'),
      standard('b', 2, 'Workforce', 86, 'high'),
      standard('c', 3, 'Partnerships', null, null),
      standard('d', 4, 'Registration', 45, 'low'),
    ]);
    const spec = model.spec as GroupedSpec;
    expect(spec.bars.map((b) => [b.legend, b.points.map((p) => p.label)])).toEqual([
      ['Low (0–50)', ['Registration: 45 out of 100 (Low)']],
      ['Moderate (51–74)', ['Accountability: 70 out of 100 (Moderate)']],
      ['High (75–100)', ['Workforce: 86 out of 100 (High)']],
    ]);
    expect(spec.bars.flatMap((b) => b.points.map((p) => p.category))).not.toContain('Partnerships');
    expect(spec).toMatchObject({ yMax: 100, yTicks: [0, 50, 75, 100] });
    expect(spec.bands?.map((b) => b.label)).toEqual(['Low', 'Moderate', 'High']);
    expect(model.alt).toMatch(/Not scored: Partnerships\.$/);
    // The table's Level column says the band as the bars' labels do.
    expect(model.table.rows.map((r) => r[2])).toEqual(['Moderate', 'High', '—', 'Low']);
  });

  it("draws each team's average beside 2019/20 with the level as a line, in the table's words", () => {
    const team = (teamId: string, name: string, published: number | null, then?: number) => ({
      teamId,
      name,
      serviceArea: 'a',
      serviceAreaName: 'Area',
      average: { published },
      distribution: null,
      previous: then === undefined ? [] : [{ audit: '2019-20', average: then }],
      aboveLevel: 0,
    });
    const dto = {
      audit: {
        period: { from: '2026-07', to: '2026-09' },
        level: 30,
        teams: [team('h', 'Hospital team', 21.6, 20.6), team('i', 'Intake', 33.1), team('n', 'New team', null)],
        serviceAreas: [],
        aboveLevel: [],
        overall: null,
        unmatched: 0,
      },
      returnTeams: [],
      returnMonths: [],
    } as unknown as CaseloadsDto;
    const model = caseloadsChart(dto);
    const spec = model.spec as GroupedSpec;
    expect(spec.bars.map((b) => b.legend)).toEqual(['Average open cases', '2019/20']);
    expect(model.table.columns).toEqual(expect.arrayContaining(['Average open cases', '2019/20']));
    expect(spec.bars[0]?.points.map((p) => p.label)).toEqual([
      'Hospital team: 21.6 open cases per worker (Average open cases, Jul 2026 to Sept 2026)',
      'Intake: 33.1 open cases per worker (Average open cases, Jul 2026 to Sept 2026)',
    ]);
    expect(spec.bars[1]?.points.map((p) => p.category)).toEqual(['Hospital team']);
    expect(spec.lines[0]).toMatchObject({ legend: 'Level: 30 cases', style: 'dashed' });
    expect(spec.lines[0]?.points.every((p) => p.value === 30)).toBe(true);
    expect(spec).toMatchObject({ yMax: 40, yTicks: [0, 10, 20, 30, 40] });
    expect(model.alt).toMatch(/Above the level on average: Intake\./);
  });

  it("splits each audit type's bar by how its audits stand, in the domain's words, counting what the domain counts", () => {
    const task = (n: number, due: string, extra: Partial<AuditTaskRecord> = {}): AuditTaskRecord =>
      ({
        id: `t${n}` as AuditTaskId,
        year: 2026,
        activity: 'practice-standards-audit',
        subject: { kind: 'person', personId: asUserId('p') },
        occurrence: n,
        auditorId: asUserId('a'),
        form: null,
        window: { start: asIsoDate('2026-04-01'), end: asIsoDate('2027-03-31') },
        due: asIsoDate(due),
        status: 'planned',
        ...extra,
      }) as AuditTaskRecord;
    const c = compliance([task(1, '2026-05-01', { status: 'completed', completedOn: asIsoDate('2026-04-30') }), task(2, '2026-06-01'), task(3, '2027-02-01')], asIsoDate('2026-11-02'));
    const model = complianceChart('by-type', 'Compliance by audit type', 'Audit type', c.byType);
    const spec = model.spec as StackedRowsSpec;
    expect(spec.rows.map((r) => r.label)).toEqual(['Practice standards audit']);
    expect(spec.rows[0]?.segments.filter((s) => s.value > 0).map((s) => s.label)).toEqual([
      'Practice standards audit: 1 completed on time',
      'Practice standards audit: 1 overdue',
      'Practice standards audit: 1 not yet due',
    ]);
    expect(model.table.columns).toEqual(['Audit type', 'Due so far', 'Completed on time', 'Completed late', 'Overdue', 'Due in the next 14 days', 'Not yet due', 'Completed on time (share)']);
    expect(model.alt).toMatch(/None this year: /);
    const quarters = complianceChart('by-quarter', 'Compliance by quarter', 'Quarter', c.byQuarter);
    expect((quarters.spec as StackedRowsSpec).rows.map((r) => r.label)).toEqual(['Quarter 1, April – June 2026', 'Quarter 4, January – March 2027']);
  });

  it('draws the response rate day by day, this cycle beside the one before, leaving out the days the API hides', () => {
    const point = (day: number, respondents?: number) => ({
      day,
      date: `2026-10-0${day}`,
      figure:
        respondents === undefined
          ? { audience: 30, hidden: 'few-respondents' as const, hiddenReason: 'fewer than 5 have answered' }
          : { audience: 30, respondents, percent: Math.round((respondents / 30) * 100), atLeast: true as const },
    });
    const dto: RateGrowthDto = {
      cycle: 'c2',
      title: 'HC 2026/27',
      threshold: 5,
      notes: [],
      series: [
        { cycle: 'c2', title: 'HC 2026/27', year: '2026', status: 'open', opensOn: '2026-10-01', closesOn: '2026-11-01', audience: 30, points: [point(1), point(2, 5), point(3, 10)] },
        {
          cycle: 'c1',
          title: 'HC 2025/26',
          year: '2025',
          status: 'closed',
          opensOn: '2025-10-01',
          closesOn: '2025-11-01',
          audience: 30,
          points: [point(1, 5), point(2, 10), point(3, 15), point(4, 20)],
        },
      ],
    };
    const model = growthChart(dto);
    const spec = model.spec as LinesSpec;
    expect(spec.series.map((s) => [s.legend, s.points.map((p) => [p.x, p.y])])).toEqual([
      [
        'HC 2026/27',
        [
          [2, 17],
          [3, 33],
        ],
      ],
      [
        'HC 2025/26',
        [
          [1, 17],
          [2, 33],
          [3, 50],
          [4, 67],
        ],
      ],
    ]);
    expect(spec.series[0]?.points[0]?.label).toBe('HC 2026/27, day 2 (2 October 2026): at least 17% (5 or more of 30)');
    expect(model.table.columns).toEqual(['Day', 'HC 2026/27: date', 'HC 2026/27', 'HC 2025/26: date', 'HC 2025/26']);
    expect(model.table.rows[0]).toEqual(['1', '1 October 2026', 'Hidden: fewer than 5 have answered', '1 October 2026', 'At least 17% (5 or more of 30)']);
    expect(model.table.rows[3]).toEqual(['4', '', '', '4 October 2026', 'At least 67% (20 or more of 30)']);
    expect(model.alt).toMatch(
      /HC 2026\/27: at least 33% \(10 or more of 30\) by day 3\. HC 2025\/26: at least 50% \(15 or more of 30\) by day 3, and at least 67% \(20 or more of 30\) when it closed on day 4\./,
    );
  });

  it("draws a section's questions as bars of this cycle with earlier years as markers, and a hidden question as nothing", () => {
    const q = (id: string, percent: number | undefined, previous: { year: string; percent: number }[], extra: Partial<QuestionResult> = {}): QuestionResult =>
      ({
        id,
        section: 's',
        text: `${id}?`,
        resultText: `say ${id}`,
        kind: 'single',
        n: 40,
        options: [],
        ...(percent === undefined ? {} : { headline: { label: 'agree', percent, previous: previous.map((p) => ({ cycle: p.year, ...p })) } }),
        ...extra,
      }) as QuestionResult;
    const questions = [
      q('a', 65, [
        { year: '2022', percent: 73 },
        { year: '2019', percent: 81 },
      ]),
      q('b', 48, [{ year: '2022', percent: 51 }]),
      q('c', undefined, [], { suppressed: 'Hidden: fewer than 5 people answered.' }),
      q('d', undefined, [], { kind: 'multi' }),
    ];
    const results = { cycle: 'x', title: 'HC 2024/25', published: false, respondents: 80, threshold: 5, textThreshold: 10, questions } as CycleResults;
    const model = questionsChart(results, { id: 's', title: 'Caseloads', questions }, '2024')!;
    const spec = model.spec as GroupedSpec;
    expect(spec.bars).toEqual([
      {
        legend: '2024',
        tone: 'now',
        points: [
          { category: 'say a', value: 65, label: 'say a: 65% in 2024' },
          { category: 'say b', value: 48, label: 'say b: 48% in 2024' },
        ],
      },
    ]);
    expect(spec.lines.map((l) => [l.legend, l.style, l.points.map((p) => p.label)])).toEqual([
      ['2022', 'markers', ['say a: 73% in 2022', 'say b: 51% in 2022']],
      ['2019', 'markers', ['say a: 81% in 2019']],
    ]);
    expect(spec.categories).not.toContain('say c');
    expect(model.table).toEqual({
      title: 'HC 2024/25: Caseloads',
      columns: ['Question', '2024', '2022', '2019'],
      rows: [
        ['say a', '65%', '73%', '81%'],
        ['say b', '48%', '51%', 'Not compared'],
        ['say c', 'Hidden: fewer than 5 people answered.', 'Not compared', 'Not compared'],
      ],
    });
    expect(model.alt).toMatch(/Not shown: say c \(Hidden: fewer than 5 people answered\.\)\.$/);
    expect(questionsChart(results, { id: 't', title: 'Other', questions: [q('d', undefined, [], { kind: 'multi' })] }, '2024')).toBeUndefined();
  });
});
