import { csvCell } from '../shared/csv';
import type { QualityReport } from './model';

/**
 * The report as tables, one per section, for CSV (and for the HTML page, so both always show
 * the same figures). Cells are text or numbers; an empty figure is `''`.
 */
export interface ReportTable {
  /** File-name friendly, e.g. `compliance-by-type`. */
  readonly name: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

const n = (v: number | null | undefined): string | number => (v === null || v === undefined ? '' : v);
const one = (v: number | null): string => (v === null ? '' : v.toFixed(1));

export function reportTables(report: QualityReport): ReportTable[] {
  const compliance = (name: string, title: string, lines: QualityReport['compliance']['byType']): ReportTable => ({
    name,
    title,
    header: ['', 'Due so far', 'Completed on time', 'Completed late', 'Overdue', '% on time'],
    rows: lines.map((l) => [l.label, l.dueSoFar, l.completedOnTime, l.completedLate, l.overdue, n(l.percentOnTime)]),
  });
  const tables: ReportTable[] = [
    compliance('compliance-by-type', 'Audit compliance by type', [...report.compliance.byType, report.compliance.overall]),
    compliance('compliance-by-team', 'Audit compliance by team', report.compliance.byTeam),
    {
      name: 'themes',
      title: 'Key themes from audits',
      header: ['Theme', 'Times tagged', 'Seen in', 'Notes'],
      rows: report.themes.map((t) => [t.theme, t.times, t.sources.join('; '), t.notes.join(' / ')]),
    },
    {
      name: 'supervision',
      title: `Supervision held every month (${report.supervision.months.join(', ') || 'no months yet'})`,
      header: ['', 'Supervisees', 'Supervised every month', '%'],
      rows: [...report.supervision.byTeam, report.supervision.overall].map((s) => [s.label, s.supervisees, s.supervisedMonthly, n(s.percent)]),
    },
    {
      name: 'caseloads',
      title: `Average caseloads, ${report.caseloads.period.from} to ${report.caseloads.period.to}`,
      header: ['Team', 'Average', '2019/20', 'Median', 'Highest', `Above ${report.caseloads.level}`],
      rows: [
        ...report.caseloads.teams.map((t) => [t.name, one(t.average), one(t.previous), one(t.median), one(t.highest), t.aboveLevel]),
        ['All teams', one(report.caseloads.overall), '', '', '', report.caseloads.teams.reduce((s, t) => s + t.aboveLevel, 0)],
      ],
    },
  ];
  if (report.health) {
    tables.push({
      name: 'health-check',
      title: `Health check headlines: ${report.health.title}`,
      header: ['Staff who…', '%'],
      rows: report.health.headlines.map((h) => [h.text, h.percent === null ? `hidden: ${h.hidden ?? 'not shown'}` : h.percent]),
    });
  }
  const f = report.framework;
  if (f.focusGroups.length > 0) {
    tables.push({
      name: 'focus-group-themes',
      title: 'Focus group themes',
      header: ['Focus group', 'Attended', 'Appendix 5 theme', 'Theme', 'In the action plan'],
      rows: f.focusGroups.flatMap((g) =>
        g.themes.length === 0
          ? [[`${g.date}, ${g.purpose}`, n(g.attended), '', 'No themes recorded yet', '']]
          : g.themes.map((t) => [`${g.date}, ${g.purpose}`, n(g.attended), t.area, t.summary, t.inActionPlan ? 'Yes' : 'No']),
      ),
    });
  }
  if (f.reviews.length > 0) {
    tables.push({
      name: 'thematic-reviews',
      title: 'Thematic practice reviews',
      header: ['Theme', 'Stage', 'Findings', 'Recommendations'],
      rows: f.reviews.map((r) => [r.theme, r.stage, r.findings.join(' / '), r.recommendations.map((x) => `${x.text}${x.inActionPlan ? ' (in the action plan)' : ''}`).join(' / ')]),
    });
  }
  for (const a of f.selfAssessments) {
    tables.push({
      name: `self-assessment-${a.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}`,
      title: `${a.title}: ${a.endorsedOn ? `endorsed ${a.endorsedOn}` : a.status.toLowerCase()}`,
      header: ['Standard or area', 'Rating'],
      rows: a.items.map((i) => [i.title, i.rating]),
    });
  }
  tables.push({
    name: 'actions',
    title: 'Health check action plan',
    header: ['Actions', 'Done', 'In progress', 'Not started', 'Dropped', 'Overdue', '“You said, we did” updates sent'],
    rows: report.actions
      ? [[report.actions.total, report.actions.done, report.actions.inProgress, report.actions.notStarted, report.actions.dropped, report.actions.overdue, report.actions.updatesSent]]
      : [],
  });
  return tables;
}

/** RFC 4180 CSV, with cells that a spreadsheet would run as a formula made safe. */
export function toCsv(table: ReportTable): string {
  return [table.header, ...table.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
