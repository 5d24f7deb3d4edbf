import type { Compliance, ComplianceRow } from '../audit/compliance';
import type { CaseloadAudit } from '../caseloads/audit';
import type { Quarter } from './quarter';
import type { ThemeSummary } from './themes';

/**
 * The Quarterly Quality Report to the Adult Social Care Management Team (the council's Practice Quality Assurance Framework: "compliance
 * and key themes ... on a quarterly basis"). Aggregates only: no worker is named (caseload
 * flags are counted, not named), survey figures arrive already through suppression, and audit
 * compliance is by type and team, not by auditor.
 */
export interface ComplianceLine {
  readonly label: string;
  readonly completedOnTime: number;
  readonly completedLate: number;
  readonly overdue: number;
  readonly dueSoFar: number;
  /** Whole percent, or `null` when nothing was due yet. */
  readonly percentOnTime: number | null;
  readonly summary: string;
}

export interface SupervisionLine {
  readonly label: string;
  readonly supervisees: number;
  readonly supervisedMonthly: number;
  readonly percent: number | null;
}

export interface HealthHeadline {
  readonly text: string;
  readonly percent: number | null;
  readonly hidden?: string;
}

/** What the action plan says (`actionPlanStatus`): actions by status, those overdue, and the updates staff were sent. */
export interface ActionsStatus {
  readonly total: number;
  readonly done: number;
  readonly inProgress: number;
  readonly notStarted: number;
  readonly dropped: number;
  /** Due before the report's day and neither done nor dropped. */
  readonly overdue: number;
  /** "You said, we did" updates sent to all staff during the quarter. */
  readonly updatesSent: number;
}

export interface QualityReport {
  readonly quarter: Quarter;
  /** The day the figures are as of: the quarter's last day, or today while it runs. */
  readonly asOf: string;
  readonly compliance: { readonly overall: ComplianceLine; readonly byType: readonly ComplianceLine[]; readonly byTeam: readonly ComplianceLine[] };
  readonly themes: readonly ThemeSummary[];
  readonly supervision: { readonly months: readonly string[]; readonly overall: SupervisionLine; readonly byTeam: readonly SupervisionLine[] };
  readonly caseloads: {
    readonly period: { readonly from: string; readonly to: string };
    readonly overall: number | null;
    readonly level: number;
    readonly teams: readonly {
      readonly name: string;
      readonly average: number | null;
      readonly previous: number | null;
      readonly median: number | null;
      readonly highest: number | null;
      readonly aboveLevel: number;
    }[];
  };
  /** Absent when no Health Check has results yet. */
  readonly health?: { readonly title: string; readonly threshold: number; readonly hidden?: string; readonly headlines: readonly HealthHeadline[] };
  /** `undefined`: no action plan yet (the PSW writes it in the tab). */
  readonly actions?: ActionsStatus;
  /** Focus groups, thematic reviews and self-assessments with something in this quarter (each list empty when it has none). */
  readonly framework: FrameworkQuarter;
}

/**
 * The rest of the framework in the quarter: themes from focus groups held in it, findings of
 * thematic reviews recorded in it, and the ratings of self-assessments worked on in it. Words
 * the app refused to save if they named anyone; no facilitator, lead or member is named.
 */
export interface FrameworkQuarter {
  readonly focusGroups: readonly {
    readonly date: string;
    readonly purpose: string;
    readonly attended: number | null;
    readonly themes: readonly { readonly area: string; readonly summary: string; readonly inActionPlan: boolean }[];
  }[];
  readonly reviews: readonly {
    readonly theme: string;
    readonly status: string;
    /** The stage it is at, or "Completed". */
    readonly stage: string;
    readonly findings: readonly string[];
    readonly recommendations: readonly { readonly text: string; readonly inActionPlan: boolean }[];
  }[];
  readonly selfAssessments: readonly {
    readonly title: string;
    readonly status: string;
    readonly endorsedOn: string | null;
    readonly items: readonly { readonly title: string; readonly rating: string }[];
  }[];
}

export const NO_FRAMEWORK: FrameworkQuarter = { focusGroups: [], reviews: [], selfAssessments: [] };

const line = (row: ComplianceRow): ComplianceLine => ({
  label: row.label,
  completedOnTime: row.counts.completedOnTime,
  completedLate: row.counts.completedLate,
  overdue: row.counts.overdue,
  dueSoFar: row.dueSoFar,
  percentOnTime: row.shareOnTime === null ? null : Math.round(row.shareOnTime * 100),
  summary: row.summary,
});

export interface QualityReportInputs {
  readonly quarter: Quarter;
  readonly asOf: string;
  /** Compliance over the audit tasks due in the quarter. */
  readonly compliance: Compliance;
  readonly themes: readonly ThemeSummary[];
  readonly supervision: {
    readonly months: readonly string[];
    readonly overall: { readonly supervisees: number; readonly supervisedMonthly: number; readonly share: number | null };
    readonly byTeam: readonly { readonly label: string; readonly supervisees: number; readonly supervisedMonthly: number; readonly share: number | null }[];
  };
  /** Without names (`withoutNames`); checked again here. */
  readonly caseloads: CaseloadAudit;
  readonly health?: QualityReport['health'];
  readonly actions?: ActionsStatus;
  readonly framework?: FrameworkQuarter;
}

const pct = (share: number | null): number | null => (share === null ? null : Math.round(share * 100));

export function buildQualityReport(inputs: QualityReportInputs): QualityReport {
  const c = inputs.caseloads;
  return {
    quarter: inputs.quarter,
    asOf: inputs.asOf,
    compliance: { overall: line(inputs.compliance.overall), byType: inputs.compliance.byType.map(line), byTeam: inputs.compliance.byTeam.map(line) },
    themes: inputs.themes,
    supervision: {
      months: inputs.supervision.months,
      overall: {
        label: 'All teams',
        supervisees: inputs.supervision.overall.supervisees,
        supervisedMonthly: inputs.supervision.overall.supervisedMonthly,
        percent: pct(inputs.supervision.overall.share),
      },
      byTeam: inputs.supervision.byTeam.map((t) => ({ label: t.label, supervisees: t.supervisees, supervisedMonthly: t.supervisedMonthly, percent: pct(t.share) })),
    },
    caseloads: {
      period: c.period,
      overall: c.overall.published,
      level: c.level,
      // Counts only: who is above the level is for their own managers, not the management team.
      teams: c.teams.map((t) => ({
        name: t.name,
        average: t.average.published,
        previous: t.previous[0]?.average ?? null,
        median: t.distribution?.median ?? null,
        highest: t.distribution?.highest ?? null,
        aboveLevel: t.aboveLevel,
      })),
    },
    ...(inputs.health ? { health: inputs.health } : {}),
    ...(inputs.actions ? { actions: inputs.actions } : {}),
    framework: inputs.framework ?? NO_FRAMEWORK,
  };
}
