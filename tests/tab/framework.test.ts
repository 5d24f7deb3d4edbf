import { parseHash, parsePath, PAGES } from '../../tab/src/model/route';
import { evidenceTable, focusGroupsTable, frameworkReportTables, planChangeTable, reviewSlotsTable, uploadProblemsTable } from '../../tab/src/model/framework';
import type { QualityReportDto, ReviewYearDto } from '../../src/server/api/types';
import { toCsv } from '../../tab/src/model/csv';

describe("the framework's pages in the tab", () => {
  it('has a page each, in the navigation and reached by address', () => {
    for (const page of ['focus-groups', 'reviews', 'self-assessment', 'admin'] as const) {
      expect(PAGES.find((p) => p.id === page)?.nav).toBe(true);
      expect(parseHash(`#/${page}?year=2026`)).toEqual({ page, params: { year: '2026' } });
    }
    expect(parsePath('/tab/thematic-reviews')?.page).toBe('reviews');
  });

  it('lists focus groups with replies as numbers, and reviews by the slot of the annual plan', () => {
    const table = focusGroupsTable(2026, [
      {
        id: 'fg-1',
        title: 'Health check',
        purpose: 'health-check',
        purposeLabel: 'Annual health check',
        date: '2027-01-28',
        time: '14:00',
        place: 'Teams',
        facilitatorId: 'p',
        facilitator: 'Amara Adeyemi',
        status: 'invited',
        statusLabel: 'Invitations sent',
        invited: 12,
        coming: 7,
        notComing: 2,
        attended: null,
        themes: 0,
      },
    ]);
    expect(table.title).toBe('Focus groups 2026/27');
    expect(table.rows[0]).toEqual(['Health check', 'Annual health check', '28 January 2027, 14:00', 'Amara Adeyemi', 'Invitations sent', '12', '7 coming, 2 not', '']);
    const year = {
      year: 2026,
      slots: [
        {
          slot: 1,
          task: { id: 't', due: '2026-06-10', status: 'completed' },
          review: { theme: 'Capacity', statusLabel: 'Completed', stages: [{ stage: 'scope', title: 'Scope', due: '2026-05-01', completedOn: '2026-05-01' }] },
        },
        { slot: 2, task: null, review: null },
      ],
    } as unknown as ReviewYearDto;
    expect(reviewSlotsTable(year).rows).toEqual([
      ['Review 1', '10 June 2026', 'Capacity', 'All stages complete', 'Completed'],
      ['Review 2', 'Not planned', 'No theme chosen yet', '', ''],
    ]);
  });

  it('shows upload problems by line and column, evidence by source, and what a rules change does', () => {
    expect(
      uploadProblemsTable('Problems', [
        { line: 4, column: 'role', columnNumber: 3, message: 'Wizard is not a role.' },
        { line: 1, message: 'No rows.' },
      ]).rows,
    ).toEqual([
      ['4', '3 (role)', 'Wizard is not a role.'],
      ['1', 'The whole file', 'No rows.'],
    ]);
    expect(
      evidenceTable({ id: 'x', title: 'Standard 3', evidence: [{ source: 'caseloads', sourceLabel: 'Caseload audit', label: 'Average', figure: '14.2' }], rating: null, comment: '', actions: [] })
        .rows,
    ).toEqual([['Caseload audit', 'Average', '14.2']]);
    expect(
      planChangeTable({ year: 2026, changes: [], byActivity: [{ activity: 'a', title: 'Thematic practice review', added: 0, cancelled: 2, moved: 1, kept: 1 }], findings: [], saved: false }).title,
    ).toBe('What the change would do to 2026/27');
  });

  it("adds the Quality Report's framework sections only where the quarter has them, safe in a CSV", () => {
    const none = { framework: { focusGroups: [], reviews: [], selfAssessments: [] } } as unknown as QualityReportDto;
    expect(frameworkReportTables(none)).toEqual([]);
    const some = {
      framework: {
        focusGroups: [{ date: '2027-01-21', purpose: 'Annual health check', attended: 9, themes: [{ area: 'A healthy workplace', summary: '=cmd|x', inActionPlan: true }] }],
        reviews: [],
        selfAssessments: [{ title: 'Annual health check self-assessment 2026/27', status: 'Endorsed', endorsedOn: '2027-01-25', items: [{ title: 'A healthy workplace', rating: 'Met' }] }],
      },
    } as unknown as QualityReportDto;
    const tables = frameworkReportTables(some);
    expect(tables.map((t) => t.title)).toEqual(['Focus group themes', 'Annual health check self-assessment 2026/27: endorsed 25 January 2027']);
    expect(toCsv(tables[0]!)).toContain("'=cmd|x");
  });
});
