import type { App } from './app';
import { compliance } from '../domain/audit/compliance';
import { addDays } from '../domain/audit/plan/calendar';
import { defaultAuditPeriod } from '../domain/caseloads/types';
import { withoutNames } from '../domain/caseloads/visibility';
import { actionPlanStatus } from '../domain/qualityReport/actionPlan';
import { buildQualityReport, type HealthHeadline, type QualityReport } from '../domain/qualityReport/model';
import { parseQuarter, quarterOf, type Quarter } from '../domain/qualityReport/quarter';
import { checkTheme, summariseThemes } from '../domain/qualityReport/themes';
import { asIsoDate, dateOf } from '../domain/shared/brand';
import type { ActionStore } from '../ports/actionPlan';
import { allAuditTasks, type AuditTaskStore } from '../ports/audits';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { QualityTheme, QualityThemeStore } from '../ports/qualityThemes';
import type { CaseloadService } from './caseloads';
import { newestResults } from './caseloadSurvey';
import { UserFacingError } from './errors';
import type { SupervisionLogService } from './supervisionLog';
import type { FrameworkStores } from '../ports/framework';
import type { FrameworkQuarter } from '../domain/qualityReport/model';
import { APPENDIX_5_THEMES } from '../domain/framework/appendix5';
import { PURPOSE_LABELS } from '../domain/framework/focusGroups';
import { KIND_TITLES, RATING_LABELS, SELF_ASSESSMENT_STATUS_LABELS } from '../domain/framework/selfAssessment';
import { currentStage, REVIEW_STAGES, REVIEW_STATUS_LABELS, STAGE_TITLES, statusOf } from '../domain/framework/thematicReviews';

/** The Health Check figures the report leads with, in the published reports' words. */
export const HEALTH_HEADLINES = ['caseload-fair', 'caseload-time', 'raise-concerns-workload', 'supervision-frequency', 'supervision-quality', 'cpd-opportunities', 'evidence-access'] as const;

export interface QualityReportDeps {
  readonly audits: AuditTaskStore;
  readonly directory: Directory;
  readonly supervision: SupervisionLogService;
  readonly caseloads: CaseloadService;
  readonly app: Pick<App, 'cycles' | 'results'>;
  readonly themes: QualityThemeStore;
  /** The action plan and the "You said, we did" updates (the PSW writes them in the tab). */
  readonly actions: Pick<ActionStore, 'list' | 'updates'>;
  /** Focus groups, thematic reviews and self-assessments, for their sections. */
  readonly framework: FrameworkStores;
  readonly clock: Clock;
}

/** The Quarterly Quality Report and the PSW's theme tags behind it. */
export class QualityReportService {
  constructor(private readonly deps: QualityReportDeps) {}

  quarter(text?: string): Quarter {
    if (text === undefined) return quarterOf(dateOf(this.deps.clock.now()));
    const quarter = parseQuarter(text);
    if (!quarter) throw new UserFacingError(`"${text}" is not a quarter: write it as YYYY-Qn, e.g. 2026-Q3 for October–December 2026 (the council year starts in April).`);
    return quarter;
  }

  async tagTheme(quarterText: string | undefined, input: { theme?: string; source?: string; note?: string; taggedBy: string }): Promise<QualityTheme> {
    const quarter = this.quarter(quarterText);
    const theme = { theme: input.theme ?? '', source: input.source ?? '', note: input.note ?? '' };
    const problems = checkTheme(theme);
    if (problems.length > 0) throw new UserFacingError('The theme was not saved.', problems);
    return this.deps.themes.add({
      quarter: quarter.id,
      theme: theme.theme.trim(),
      source: theme.source.trim(),
      note: theme.note.trim(),
      taggedBy: input.taggedBy,
      taggedOn: dateOf(this.deps.clock.now()),
    });
  }

  async themes(quarterText?: string): Promise<readonly QualityTheme[]> {
    return this.deps.themes.forQuarter(this.quarter(quarterText).id);
  }

  async removeTheme(id: number): Promise<void> {
    if (!(await this.deps.themes.remove(id))) throw new UserFacingError(`There is no theme ${id}. See "phc report themes list".`);
  }

  async report(quarterText?: string): Promise<QualityReport> {
    const quarter = this.quarter(quarterText);
    const today = dateOf(this.deps.clock.now());
    if (quarter.start > today) throw new UserFacingError(`${quarter.label} has not started yet; there is nothing to report.`);
    const asOf = asIsoDate(quarter.end < today ? quarter.end : today);
    const [tasks, organisation] = await Promise.all([allAuditTasks(this.deps.audits, quarter.year), this.deps.directory.organisation()]);
    const due = tasks.filter((t) => t.due >= quarter.start && t.due <= quarter.end);
    const teamName = new Map(organisation.teams.map((t) => [t.id, t.name]));

    // Whole months only: a month still running would count as missed supervision.
    const lastWholeDay = addDays(asIsoDate(`${today.slice(0, 7)}-01`), -1);
    const supervisionEnd = quarter.end < lastWholeDay ? quarter.end : lastWholeDay;
    const supervision = supervisionEnd >= quarter.start ? await this.deps.supervision.frequency(quarter.start, supervisionEnd) : undefined;

    const caseloads = await this.deps.caseloads.report({ period: periodBefore(asOf) });
    const results = await newestResults(this.deps.app);
    const health = results && {
      title: results.whole.title,
      threshold: results.whole.threshold,
      ...(results.whole.suppressed ? { hidden: results.whole.suppressed } : {}),
      headlines: HEALTH_HEADLINES.flatMap((id): HealthHeadline[] => {
        const q = results.whole.questions.find((x) => x.id === id);
        if (!q) return [];
        const hidden = results.whole.suppressed ?? q.suppressed;
        if (hidden !== undefined) return [{ text: q.resultText, percent: null, hidden }];
        return q.headline ? [{ text: q.resultText, percent: q.headline.percent }] : [];
      }),
    };
    const [plan, updates] = await Promise.all([this.deps.actions.list(), this.deps.actions.updates()]);
    const actions = actionPlanStatus(plan, updates, quarter, asOf);
    return buildQualityReport({
      quarter,
      asOf,
      compliance: compliance(due, asOf, { organisation }),
      themes: summariseThemes(await this.deps.themes.forQuarter(quarter.id)),
      supervision: supervision
        ? {
            months: supervision.months,
            overall: supervision.overall,
            byTeam: supervision.byTeam.map((t) => ({
              label: t.teamId === '' ? 'No team' : (teamName.get(t.teamId) ?? t.teamId),
              supervisees: t.supervisees,
              supervisedMonthly: t.supervisedMonthly,
              share: t.share,
            })),
          }
        : { months: [], overall: { supervisees: 0, supervisedMonthly: 0, share: null }, byTeam: [] },
      caseloads: withoutNames(caseloads.audit),
      ...(health ? { health } : {}),
      ...(actions ? { actions } : {}),
      framework: await this.frameworkIn(quarter, asOf),
    });
  }

  /**
   * What the quarter has of the rest of the framework: focus groups held in it (with their
   * themes), thematic reviews with a stage, finding or recommendation in it, and
   * self-assessments worked on, submitted or endorsed in it.
   */
  private async frameworkIn(quarter: Quarter, asOf: string): Promise<FrameworkQuarter> {
    const inQuarter = (day: string | null | undefined): boolean => day !== null && day !== undefined && day >= quarter.start && day <= asOf;
    const { focusGroups, reviews, selfAssessments } = this.deps.framework;
    const area = (id: string): string => APPENDIX_5_THEMES.find((t) => t.id === id)?.title ?? id;
    const groups = (await focusGroups.listYear(quarter.year)).filter((g) => g.status === 'held' && inQuarter(g.date));
    const yearReviews = await reviews.listYear(quarter.year);
    const assessments = await selfAssessments.listYear(quarter.year);
    return {
      focusGroups: groups.map((g) => ({
        date: g.date,
        purpose: PURPOSE_LABELS[g.purpose],
        attended: g.attended,
        themes: g.themes.map((t) => ({ area: area(t.area), summary: t.summary, inActionPlan: t.actionId !== null })),
      })),
      reviews: yearReviews
        .filter(
          (r) =>
            REVIEW_STAGES.some((s) => inQuarter(r.stages[s].completedOn) || inQuarter(r.stages[s].due)) ||
            r.findings.some((f) => inQuarter(f.recordedOn)) ||
            r.recommendations.some((x) => inQuarter(x.recordedOn)),
        )
        .map((r) => {
          const stage = currentStage(r);
          return {
            theme: r.theme,
            status: REVIEW_STATUS_LABELS[statusOf(r)],
            stage: stage === undefined ? 'Completed' : `Stage ${REVIEW_STAGES.indexOf(stage) + 1}: ${STAGE_TITLES[stage]}`,
            findings: r.findings.filter((f) => inQuarter(f.recordedOn)).map((f) => f.text),
            recommendations: r.recommendations.filter((x) => inQuarter(x.recordedOn)).map((x) => ({ text: x.text, inActionPlan: x.actionId !== null })),
          };
        }),
      selfAssessments: assessments
        .filter((a) => inQuarter(a.updatedOn) || inQuarter(a.submittedOn) || inQuarter(a.endorsedOn))
        .map((a) => ({
          title: `${KIND_TITLES[a.kind]} ${a.year}/${String((a.year + 1) % 100).padStart(2, '0')}`,
          status: SELF_ASSESSMENT_STATUS_LABELS[a.status],
          endorsedOn: a.endorsedOn,
          items: a.items.map((i) => ({ title: i.title, rating: i.rating === null ? 'Not rated yet' : RATING_LABELS[i.rating] })),
        })),
    };
  }
}

/** The caseload audit period the report reads: the last complete July–September on or before `day`. */
function periodBefore(day: string): string {
  const { from, to } = defaultAuditPeriod(day);
  return `${from}..${to}`;
}
