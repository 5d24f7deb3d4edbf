/**
 * Tables of the Caseloads, 39 steps, Standards and Quality report pages, as shown and as
 * exported (pure, so the e2e can work out what the page must say from the services' output).
 */
import type { CaseloadsDto, MeasureDefinition, OrgDataDto, OrgDataHistoryDto, OrgMeasures, QualityReportDto, StandardScore } from '../../../src/server/api/types';
import type { TableData } from './csv';
import { frameworkReportTables } from './framework';
import { formatCount, formatDay, formatDecimal, formatMonth, formatPercent } from './format';

const orDash = (n: number | null | undefined, f: (n: number) => string = formatDecimal): string => (n === null || n === undefined ? '—' : f(n));

export function caseloadTeamsTable(dto: CaseloadsDto): TableData {
  return {
    title: 'Average caseload by team',
    columns: [
      'Team',
      'Service area',
      'Average open cases',
      '2019/20',
      'Weighted average',
      'Workers',
      'Lower quartile',
      'Median',
      'Upper quartile',
      'Highest',
      `Above ${formatCount(dto.audit.level)} cases`,
    ],
    rows: dto.audit.teams.map((t) => [
      t.name,
      t.serviceAreaName,
      orDash(t.average.published),
      orDash(t.previous.find((p) => p.audit === '2019-20')?.average),
      orDash(t.average.weightedAverage),
      orDash(t.distribution?.workers, formatCount),
      orDash(t.distribution?.lowerQuartile),
      orDash(t.distribution?.median),
      orDash(t.distribution?.upperQuartile),
      orDash(t.distribution?.highest),
      formatCount(t.aboveLevel),
    ]),
  };
}

export function caseloadAreasTable(dto: CaseloadsDto): TableData {
  return {
    title: 'Average caseload by service area',
    columns: ['Service area', 'Teams', 'Average open cases', 'Weighted average'],
    rows: dto.audit.serviceAreas.map((a) => [a.serviceAreaName, formatCount(a.teams.length), orDash(a.average.published), orDash(a.average.weightedAverage)]),
  };
}

export function flaggedTable(dto: CaseloadsDto): TableData {
  const team = (id: string) => dto.audit.teams.find((t) => t.teamId === id)?.name ?? id;
  return {
    title: `People you manage above ${formatCount(dto.audit.level)} cases`,
    columns: ['Worker', 'Team', 'Average open cases', 'Weighted average'],
    rows: dto.audit.aboveLevel.map((w) => [w.workerName, team(w.teamId), formatDecimal(w.average), orDash(w.weightedAverage)]),
  };
}

export function caseloadSurveyTable(dto: CaseloadsDto): TableData | undefined {
  const survey = dto.survey;
  if (!survey) return undefined;
  const teamName = (id: string) => dto.audit.teams.find((t) => t.teamId === id)?.name ?? id;
  const questions = survey.overall.map((q) => q.questionId);
  const cell = (f: { percent: number | null; hidden?: string } | undefined) => (f === undefined ? '—' : f.percent === null ? 'Hidden (small group)' : formatPercent(f.percent));
  return {
    title: `The health check's caseload questions (${survey.title})`,
    columns: ['Who', ...survey.overall.map((q) => q.text)],
    rows: [
      ['All staff', ...survey.overall.map(cell)],
      ...Object.entries(survey.byTeam ?? {})
        .sort(([a], [b]) => teamName(a).localeCompare(teamName(b), 'en-GB'))
        .map(([id, figures]) => [teamName(id), ...questions.map((q) => cell(figures.find((f) => f.questionId === q)))]),
    ],
  };
}

export function measureValue(d: MeasureDefinition, v: number | boolean | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (d.kind === 'percent') return `${formatDecimal(v)}%`;
  return d.kind === 'count' ? formatCount(v) : formatDecimal(v);
}

/** A sickness figure of a team of fewer than five: not shown, since it could be one person's health. */
export const HIDDEN_HEALTH = 'Hidden (team under 5)';

/** Steps down, teams across: reads like the return form. */
export function orgDataTable(dto: OrgDataDto): TableData {
  return {
    title: `39-steps returns by team (${dto.cycleId})`,
    columns: ['Step', 'Measure', ...dto.teams.map((t) => t.name)],
    rows: [
      ['', 'Returned on', ...dto.teams.map((t) => (t.submittedOn ? formatDay(t.submittedOn) : 'Not yet returned'))],
      ...dto.measures.map((d) => [String(d.step), d.label, ...dto.teams.map((t) => (t.hidden?.[d.id] ? HIDDEN_HEALTH : measureValue(d, (t.measures as OrgMeasures | undefined)?.[d.id])))]),
    ],
  };
}

export function orgHistoryTable(dto: OrgDataHistoryDto): TableData {
  return {
    title: `${dto.name}: 39 steps over time`,
    columns: ['Step', 'Measure', ...dto.cycles.map((c) => c.cycleId)],
    rows: dto.measures.map((d) => [String(d.step), d.label, ...dto.cycles.map((c) => (c.hidden?.[d.id] ? HIDDEN_HEALTH : measureValue(d, c.measures[d.id])))]),
  };
}

const BAND: Readonly<Record<string, string>> = { low: 'Low', moderate: 'Moderate', high: 'High' };

export function scoreText(s: Pick<StandardScore, 'score'>): string {
  return s.score === null ? 'Not scored' : `${formatCount(s.score)} out of 100`;
}

export function standardsTable(standards: readonly StandardScore[]): TableData {
  return {
    title: 'Score per standard',
    columns: ['Standard', 'Score', 'Level', 'Made of'],
    rows: standards.map((s) => [
      `${s.number}. ${s.title}`,
      scoreText(s),
      s.band === null ? '—' : (BAND[s.band] ?? s.band),
      s.items.length === 0 ? 'Nothing mapped to it yet' : `${formatCount(s.items.filter((i) => i.score !== null).length)} of ${formatCount(s.items.length)} items scored`,
    ]),
  };
}

export function standardItemsTable(standards: readonly StandardScore[]): TableData {
  return {
    title: 'What each score is made of',
    columns: ['Standard', 'From', 'Item', 'Score out of 100', 'Why not scored'],
    rows: standards.flatMap((s) =>
      s.items.map((i) => [`${s.number}. ${s.title}`, i.kind === 'survey' ? 'Health check' : '39 steps', i.label, i.score === null ? 'Not scored' : formatCount(i.score), i.why ?? '']),
    ),
  };
}

/** `2026-11-23` → this council quarter and the seven before it, newest first (`2026-Q3`…). */
export function recentQuarters(today: string, count = 8): { readonly id: string; readonly label: string }[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  let councilYear = month >= 4 ? year : year - 1;
  let n = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  const months = ['April – June', 'July – September', 'October – December', 'January – March'];
  const out: { id: string; label: string }[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ id: `${councilYear}-Q${n}`, label: `Quarter ${n}, ${months[n - 1]} ${n === 4 ? councilYear + 1 : councilYear}` });
    n--;
    if (n === 0) {
      n = 4;
      councilYear--;
    }
  }
  return out;
}

const pct = (n: number | null): string => (n === null ? '—' : formatPercent(n));

export function qualityTables(r: QualityReportDto): TableData[] {
  const compliance = (title: string, by: string, rows: QualityReportDto['compliance']['byType']): TableData => ({
    title,
    columns: [by, 'Due so far', 'Completed on time', 'Completed late', 'Overdue', 'On time'],
    rows: rows.map((l) => [l.label, formatCount(l.dueSoFar), formatCount(l.completedOnTime), formatCount(l.completedLate), formatCount(l.overdue), pct(l.percentOnTime)]),
  });
  const tables: TableData[] = [
    compliance('Audit compliance by type', 'Audit', r.compliance.byType),
    compliance('Audit compliance by team', 'Team', r.compliance.byTeam),
    { title: 'Key themes', columns: ['Theme', 'Times tagged', 'From', 'Notes'], rows: r.themes.map((t) => [t.theme, formatCount(t.times), t.sources.join('; '), t.notes.join(' ')]) },
    {
      title: 'Supervision frequency',
      columns: ['Team', 'Supervisees', 'Supervised every month', 'Share'],
      rows: [r.supervision.overall, ...r.supervision.byTeam].map((l) => [l.label, formatCount(l.supervisees), formatCount(l.supervisedMonthly), pct(l.percent)]),
    },
    {
      title: 'Caseload headlines',
      columns: ['Team', 'Average open cases', '2019/20', 'Median', 'Highest', `Above ${formatCount(r.caseloads.level)} cases`],
      rows: r.caseloads.teams.map((t) => [t.name, orDash(t.average), orDash(t.previous), orDash(t.median), orDash(t.highest), formatCount(t.aboveLevel)]),
    },
  ];
  if (r.health)
    tables.push({
      title: `Health check headlines (${r.health.title})`,
      columns: ['Question', 'Agreeing'],
      rows: r.health.headlines.map((h) => [h.text, h.percent === null ? (h.hidden ?? 'Hidden') : formatPercent(h.percent)]),
    });
  // Focus groups, thematic reviews and self-assessments, where the quarter has them.
  tables.push(...frameworkReportTables(r));
  return tables;
}

export const periodText = (p: { readonly from: string; readonly to: string }): string => `${formatMonth(p.from)} to ${formatMonth(p.to)}`;
