/**
 * Tables of the framework's pages and the admin page, as shown and as exported (pure: no DOM,
 * so jest tests them). Focus groups, thematic reviews, self-assessment evidence, upload
 * problems, the audit plan's rules and what a change would do.
 */
import type { AuditPlanChangeDto, AuditPlanDto, FocusGroupSummaryDto, QualityReportDto, ReviewYearDto, SelfAssessmentDto, UploadProblemDto } from '../../../src/server/api/types';
import type { TableData } from './csv';
import { formatCount, formatDay } from './format';

export function focusGroupsTable(year: number, groups: readonly FocusGroupSummaryDto[]): TableData {
  return {
    title: `Focus groups ${year}/${String((year + 1) % 100).padStart(2, '0')}`,
    columns: ['Focus group', 'Part of', 'When', 'Facilitator', 'Status', 'Invited', 'Replies', 'Attended'],
    rows: groups.map((g) => [
      g.title,
      g.purposeLabel,
      `${formatDay(g.date)}, ${g.time}`,
      g.facilitator,
      g.statusLabel,
      formatCount(g.invited),
      g.invited === 0 ? '' : `${formatCount(g.coming)} coming, ${formatCount(g.notComing)} not`,
      g.attended === null ? '' : formatCount(g.attended),
    ]),
  };
}

export function reviewSlotsTable(year: ReviewYearDto): TableData {
  return {
    title: `Thematic reviews in the annual plan ${year.year}/${String((year.year + 1) % 100).padStart(2, '0')}`,
    columns: ['Review', 'Due in the plan', 'Theme', 'Stage', 'Status'],
    rows: year.slots.map((s) => {
      const current = s.review?.stages.find((st) => st.completedOn === null);
      return [
        `Review ${s.slot}`,
        s.task ? formatDay(s.task.due) : 'Not planned',
        s.review?.theme ?? 'No theme chosen yet',
        s.review ? (current ? `${current.title} (due ${formatDay(current.due)})` : 'All stages complete') : '',
        s.review?.statusLabel ?? '',
      ];
    }),
  };
}

export function evidenceTable(item: SelfAssessmentDto['items'][number]): TableData {
  return { title: `Evidence: ${item.title}`, columns: ['From', 'What', 'Figure'], rows: item.evidence.map((e) => [e.sourceLabel, e.label, e.figure]) };
}

export function uploadProblemsTable(title: string, problems: readonly UploadProblemDto[]): TableData {
  return {
    title,
    columns: ['Line', 'Column', 'Problem'],
    rows: problems.map((p) => [formatCount(p.line), p.column === undefined ? 'The whole file' : p.columnNumber !== undefined ? `${formatCount(p.columnNumber)} (${p.column})` : p.column, p.message]),
  };
}

export function rulesTable(plan: AuditPlanDto): TableData {
  return {
    title: `Annual audit plan (Appendix 6), ${plan.year}/${String((plan.year + 1) % 100).padStart(2, '0')}`,
    columns: ['Activity', 'Who leads', 'How often', 'When', 'Audits this year', 'Completed'],
    rows: plan.rules.map((r) => [r.title, r.who, r.frequencyWords, r.windowWords, formatCount(r.tasks), formatCount(r.completed)]),
  };
}

export function planChangeTable(change: AuditPlanChangeDto): TableData {
  return {
    title: change.saved
      ? `What the change did to ${change.year}/${String((change.year + 1) % 100).padStart(2, '0')}`
      : `What the change would do to ${change.year}/${String((change.year + 1) % 100).padStart(2, '0')}`,
    columns: ['Activity', 'New audits', 'No longer needed', 'Moved to new dates', 'Kept as planned'],
    rows: change.byActivity.map((a) => [a.title, formatCount(a.added), formatCount(a.cancelled), formatCount(a.moved), formatCount(a.kept)]),
  };
}

/** The Quality Report's framework sections, each only where the quarter has them. */
export function frameworkReportTables(r: QualityReportDto): TableData[] {
  const f = r.framework;
  const tables: TableData[] = [];
  if (f.focusGroups.length > 0) {
    tables.push({
      title: 'Focus group themes',
      columns: ['Focus group', 'Attended', 'Appendix 5 theme', 'Theme', 'In the action plan'],
      rows: f.focusGroups.flatMap((g) =>
        g.themes.length === 0
          ? [[`${formatDay(g.date)}, ${g.purpose}`, g.attended === null ? '' : formatCount(g.attended), '', 'No themes recorded yet', '']]
          : g.themes.map((t) => [`${formatDay(g.date)}, ${g.purpose}`, g.attended === null ? '' : formatCount(g.attended), t.area, t.summary, t.inActionPlan ? 'Yes' : 'No']),
      ),
    });
  }
  if (f.reviews.length > 0) {
    tables.push({
      title: 'Thematic practice reviews',
      columns: ['Theme', 'Stage', 'Findings this quarter', 'Recommendations this quarter'],
      rows: f.reviews.map((x) => [x.theme, x.stage, x.findings.join(' / '), x.recommendations.map((y) => `${y.text}${y.inActionPlan ? ' (in the action plan)' : ''}`).join(' / ')]),
    });
  }
  for (const a of f.selfAssessments)
    tables.push({
      title: `${a.title}: ${a.endorsedOn ? `endorsed ${formatDay(a.endorsedOn)}` : a.status.toLowerCase()}`,
      columns: ['Standard or area', 'Rating'],
      rows: a.items.map((i) => [i.title, i.rating]),
    });
  return tables;
}
