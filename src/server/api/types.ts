/**
 * The tab's JSON API: what every endpoint takes and gives (see README.md beside this file).
 * The tab imports these types, so they are kept stable: fields are added, never renamed.
 *
 * Type-only imports from the pure domain are the wire format where the domain already has
 * the shape (results, compliance, forms); nothing here pulls runtime code into the browser.
 *
 * Anonymity: no type here carries a survey response or anything from which one could be
 * rebuilt. Results are aggregates after suppression (`QuestionResult.suppressed` says why a
 * cell is hidden); free-text comments appear only for the PSW and admins, and only where the
 * cycle's free-text threshold was met.
 */
import type { Compliance, ComplianceRow, OverdueTask } from '../../domain/audit/compliance';
import type { AuditForm, AuditPart, AuditAnswers } from '../../domain/audit/forms/types';
import type { AuditAnswerError } from '../../domain/audit/forms/validate';
import type { AuditRelation, AuditStatus } from '../../domain/audit/forms/lifecycle';
import type { StaffRole } from '../../domain/organisation/types';
import type { BreakdownBy, BreakdownResults, CycleResults, QuestionResult } from '../../domain/results/types';
import type { GrowthPoint, GrowthSeries, RateFigure, RateGrowth } from '../../domain/results/responseRate';
import type { AnswerError } from '../../domain/survey/validate';
import type { Answers, Questionnaire } from '../../domain/survey/types';
import type { CaseloadAudit } from '../../domain/caseloads/audit';
import type { CaseloadSurveyBeside } from '../../domain/caseloads/survey';
import type { MeasureDefinition, OrgMeasures } from '../../domain/orgData/measures';
import type { StandardScore } from '../../domain/standards/score';
import type { QualityReport } from '../../domain/qualityReport/model';
import type { Capability, TabRole } from '../../domain/access/roles';

/** What a person may do in the tab and the roles they hold there: worked out on the server from the directory (src/domain/access). */
export type { Capability, TabRole };
export type {
  BreakdownBy,
  BreakdownResults,
  CycleResults,
  QuestionResult,
  Compliance,
  ComplianceRow,
  OverdueTask,
  AuditForm,
  AuditPart,
  AuditAnswers,
  AuditAnswerError,
  AnswerError,
  Answers,
  Questionnaire,
  RateFigure,
  StaffRole,
};

// ───────────────────────────── errors ─────────────────────────────

/**
 * Every non-2xx answer. `error` is a sentence for the person (show it as it is).
 * - 400: the request cannot be used (bad parameter, answers refused: see `fieldErrors`).
 * - 401: not signed in (no token, or a token that is forged, expired, not yet valid, for
 *   another app or from another issuer); in local mode, no `X-PHC-Persona` header.
 * - 403: signed in but not allowed to see or do this.
 * - 404: nothing at that address (and `/api/personas` outside local mode).
 * - 409: someone else changed it at the same time; reload and redo.
 */
export interface ApiErrorBody {
  readonly error: string;
  /** Extra lines, e.g. each refused answer's message. */
  readonly details?: readonly string[];
  /** Survey answers refused (same codes and messages as the bot). */
  readonly answerErrors?: readonly AnswerError[];
  /** Audit answers refused, by item (same as the bot's card). */
  readonly auditErrors?: readonly AuditAnswerError[];
  /** Action plan fields refused, by field name. */
  readonly fieldErrors?: readonly FieldError[];
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

// ───────────────────────────── sign-in ─────────────────────────────

/** `GET /api/auth/mode` (no sign-in needed): how the tab should sign in. */
export interface AuthModeDto {
  /** `teams`: send `Authorization: Bearer <getAuthToken()>`. `local`: send `X-PHC-Persona`. */
  readonly mode: 'teams' | 'local';
  /** The tab's Entra app (client) id in Teams mode. */
  readonly clientId?: string;
}

/** Whose named records (audits, supervision) a person sees. Aggregates may be wider: see `aggregateScope`. */
export type ScopeDto =
  | { readonly kind: 'all' }
  | { readonly kind: 'service'; readonly serviceArea: string; readonly teamIds: readonly string[] }
  | { readonly kind: 'team'; readonly teamIds: readonly string[] }
  | { readonly kind: 'supervisees'; readonly personIds: readonly string[] }
  | { readonly kind: 'self' };

export interface PersonDto {
  readonly id: string;
  readonly displayName: string;
  readonly role: StaffRole;
  /** e.g. "Social worker" */
  readonly roleLabel: string;
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly serviceArea: string | null;
}

/** `GET /api/me`. */
export interface MeDto {
  readonly person: PersonDto;
  readonly roles: readonly TabRole[];
  readonly capabilities: readonly Capability[];
  /** Named records. */
  readonly scope: ScopeDto;
  /** Aggregates (compliance rows, supervision shares): `all` for the management team. */
  readonly aggregateScope: ScopeDto;
  readonly mode: 'teams' | 'local';
}

/** `GET /api/personas` (local mode only): demo people to act as, a few of each role. */
export interface PersonaDto extends PersonDto {
  readonly roles: readonly TabRole[];
  /** e.g. "Team manager, Hospital team" */
  readonly description: string;
}

/**
 * `GET /api/people?q=<part of a name>` (team managers and up, for choosing an action's owner):
 * people within the viewer's scope whose name contains `q`, at most 20, by name.
 */
export interface PeopleDto {
  readonly people: readonly PersonDto[];
}

// ───────────────────────────── health check ─────────────────────────────

export interface CycleDto {
  readonly id: string;
  readonly title: string;
  /** `published`: known only from the council's report; `live`: answered in Teams. */
  readonly kind: 'published' | 'live';
  readonly status: 'draft' | 'open' | 'closed';
  readonly opensOn: string;
  readonly closesOn: string;
  /** "in 2024": how later results refer to it. */
  readonly year: string;
  readonly threshold: number;
  readonly textThreshold: number;
  /** Results can be shown to this viewer (published history; closed live cycles once published, or before that to those who may see them first). */
  readonly hasResults: boolean;
  /** The questionnaire it asks, and whether that is the Health Check or a pulse. */
  readonly surveyId?: string;
  readonly surveyKind?: 'health-check' | 'pulse';
  /** The day its results were published to staff; `null` until then (and for history, which is published). */
  readonly publishedOn?: string | null;
}

export interface SectionDto {
  readonly id: string;
  readonly title: string;
}

/**
 * `GET /api/health-check/cycles/{cycle}/results[?by=team|service|role|length-of-service]`.
 * `results` is the domain's shape (CycleResults, or BreakdownResults when `by` is given,
 * groups limited to the viewer's scope). `lines` is each question's headline in the seed's
 * style: "65% say their caseload is fair and manageable (73% in 2022, 81% in 2019, 43% in 2017)".
 */
export interface ResultsDto {
  readonly cycle: CycleDto;
  readonly sections: readonly SectionDto[];
  readonly results: CycleResults | BreakdownResults;
  /** By question id; absent for suppressed questions and those with no headline figure. */
  readonly lines: Readonly<Record<string, string>>;
  /** Groups outside the viewer's scope were left out (not hidden for anonymity). */
  readonly scopedOut?: number;
  /**
   * Whole-cycle results only: the breakdowns this viewer may open that have at least one
   * group to show in their scope (empty for history and for anyone without breakdowns).
   */
  readonly breakdownsOffered?: readonly BreakdownBy[];
  /** A pulse's results: who it asked ("the Hospital team and Intake"), said beside earlier figures that asked others. */
  readonly asked?: string;
}

export interface TrendPoint {
  readonly cycle: string;
  readonly year: string;
  /** `null` when the cycle did not ask it, hid it, or asked it differently. */
  readonly percent: number | null;
  /** Why there is no figure, in words. */
  readonly note?: string;
  /** Beside a pulse: which survey it is ("2024 Health Check", a pulse's title) and when it opened. */
  readonly label?: string;
  readonly opensOn?: string;
}

/** One line of a trend chart: the headline figure, or one option of a question without one. */
export interface TrendSeries {
  readonly questionId: string;
  readonly section: string;
  readonly text: string;
  /** e.g. "strongly agree or agree", or the option's label. */
  readonly label: string;
  readonly optionId: string | null;
  /** Oldest cycle first. */
  readonly points: readonly TrendPoint[];
}

/** `GET /api/health-check/trends[?question=<id>][&cycle=<pulse>]`: every cycle with results, oldest first (with `cycle` a pulse: every survey that asked its questions). */
export interface TrendsDto {
  readonly cycles: readonly CycleDto[];
  readonly series: readonly TrendSeries[];
}

export interface ChangeDto {
  readonly questionId: string;
  readonly section: string;
  readonly text: string;
  readonly resultText: string;
  readonly label: string;
  readonly percent: number;
  readonly previousPercent: number;
  readonly previousYear: string;
  /** Percentage points, + for a rise. */
  readonly change: number;
}

/** `GET /api/health-check/cycles/{cycle}/changes[?limit=5]`: since the cycle before. */
export interface ChangesDto {
  readonly cycle: string;
  /** The cycle compared with; `null` when there is none. */
  readonly comparedWith: string | null;
  /** Beside a pulse, the survey compared with, in words ("2024 Health Check", an earlier pulse's title). */
  readonly comparedWithLabel?: string;
  readonly rises: readonly ChangeDto[];
  readonly falls: readonly ChangeDto[];
}

export interface TeamRateDto extends RateFigure {
  readonly id: string;
  readonly name: string;
}

/** `GET /api/health-check/cycles/{cycle}/response-rate`. Hidden figures carry `hidden` and `hiddenReason`. */
export interface ResponseRateDto {
  readonly cycle: string;
  readonly title: string;
  readonly status: string;
  readonly threshold: number;
  readonly overall: RateFigure & { readonly hiddenReason?: string };
  /** Teams within the viewer's scope (none for staff). */
  readonly teams: readonly (TeamRateDto & { readonly hiddenReason?: string })[];
  /**
   * While the cycle is open: when the figures were counted (ISO, to the minute; at most once
   * an hour) and the step they are rounded down to (`atLeast` on each figure).
   */
  readonly asOf?: string;
  readonly step?: number;
}

/**
 * `POST /api/health-check/cycles` (PSW and admins): opens a cycle and queues its invitations
 * and reminders, as `phc cycle open`. Thresholds are fixed from this moment.
 */
export interface OpenCycleRequest {
  /** e.g. `2026-27` or `pulse-2027-05` */
  readonly id: string;
  readonly closesOn: string;
  readonly opensOn?: string;
  readonly title?: string;
  readonly threshold?: number;
  readonly textThreshold?: number;
}
export interface OpenCycleDto {
  readonly cycle: CycleDto;
  /** People asked, and the invitations and reminders queued now. */
  readonly queued: { readonly audience: number; readonly invitations: number; readonly reminders: number };
}
/** `POST /api/health-check/cycles/{cycle}/close` (PSW and admins) answers the closed `CycleDto`. */

// ───────────────────────────── audits ─────────────────────────────

/** `GET /api/audits/compliance[?year=2026]`: within the viewer's scope. */
export interface ComplianceDto extends Compliance {
  readonly year: number;
  readonly scope: ScopeDto;
}

export interface AuditListItem {
  readonly id: string;
  readonly activity: string;
  readonly activityLabel: string;
  readonly subject: string;
  readonly auditorId: string;
  readonly auditor: string;
  readonly due: string;
  readonly status: 'planned' | 'in-progress' | 'completed' | 'cancelled';
  /** Days past due (overdue) or days left (due soon). */
  readonly days: number;
  /** There is a form to open in the tab. */
  readonly hasForm: boolean;
  /** Where it is carried out in the tab: its form, the caseload returns, a self-assessment or a thematic review. */
  readonly workflow: WorkflowLinkDto;
}

/** `GET /api/audits/due[?year=2026]`: overdue and due in the next 14 days, within scope. */
export interface AuditsDueDto {
  readonly today: string;
  readonly overdue: readonly AuditListItem[];
  readonly dueSoon: readonly AuditListItem[];
}

/** `GET /api/audits/mine[?year=2026]`: audits the viewer carries out, or is the subject of. */
export interface MyAuditsDto {
  readonly today: string;
  readonly asAuditor: readonly AuditListItem[];
  readonly asSubject: readonly AuditListItem[];
}

export interface AuditRecordDto {
  readonly status: AuditStatus;
  readonly revision: number;
  readonly answers: Readonly<Partial<Record<AuditPart, AuditAnswers>>>;
  readonly submittedAt?: string;
  readonly subjectSubmittedAt?: string;
  readonly signedOffAt?: string;
  readonly signedOffBy?: string;
  readonly history: readonly { readonly event: string; readonly by: string; readonly byName: string; readonly at: string }[];
}

/** `GET /api/audits/task?id=<task id>`: the form definition and the record so far. */
export interface AuditViewDto {
  readonly task: AuditListItem & { readonly subjectId: string | null; readonly window: { readonly start: string; readonly end: string } };
  readonly form: AuditForm;
  /** `null` until someone has saved it. */
  readonly record: AuditRecordDto | null;
  readonly relations: readonly AuditRelation[];
  /** What the viewer may do now, so the page shows only those buttons. */
  readonly can: {
    readonly saveLead: boolean;
    readonly submit: boolean;
    readonly amend: boolean;
    readonly saveSubject: boolean;
    readonly submitSubject: boolean;
    readonly signOff: boolean;
  };
  /** After a save: what was taken out of the notes (names, emails, case numbers) and why, to tell the person. */
  readonly screened?: readonly string[];
}

/**
 * Bodies of `POST /api/audits/task/{draft|submit|amend|subject|sign-off}?id=<task id>`.
 * `answers` as the bot's card sends them: rating items `{ rating, comment }`, text items a
 * string, actions items `[{ action, owner, due }]`. Answers are merged over what is saved.
 */
export interface AuditDraftRequest {
  readonly part: AuditPart;
  readonly answers: Readonly<Record<string, unknown>>;
}
export interface AuditAnswersRequest {
  readonly answers: Readonly<Record<string, unknown>>;
}
/** `subject`: `{ answers, submit: false }` saves the subject's part as a draft; `submit: true` submits it. */
export interface AuditSubjectRequest extends AuditAnswersRequest {
  readonly submit?: boolean;
}

// ───────────────────────────── supervision ─────────────────────────────

export interface FrequencyRowDto {
  /** Team id, or supervisor's person id. */
  readonly key: string;
  readonly label: string;
  readonly supervisees: number;
  readonly supervisedMonthly: number;
  /** 0–1; `null` when nobody to count. */
  readonly share: number | null;
  /** e.g. "75% supervised every month (9 of 12)" */
  readonly summary: string;
}

/** `GET /api/supervision/frequency[?from=2026-04-01&to=2026-06-30]`: against the monthly policy. */
export interface SupervisionFrequencyDto {
  readonly period: { readonly start: string; readonly end: string };
  readonly months: readonly string[];
  readonly overall: FrequencyRowDto;
  readonly byTeam: readonly FrequencyRowDto[];
  readonly bySupervisor: readonly FrequencyRowDto[];
  /** Who missed which months, within the viewer's named scope. */
  readonly missed: readonly { readonly superviseeId: string; readonly name: string; readonly supervisor: string; readonly months: readonly string[] }[];
  readonly scope: ScopeDto;
}

// ───────────────────────────── my surveys ─────────────────────────────

/** `GET /api/surveys/open[?cycle=<id>]`: an open cycle's questionnaire and the viewer's own draft. */
export interface OpenSurveyDto {
  /** `null` when no survey is open. */
  readonly cycle: CycleDto | null;
  readonly questionnaire: Questionnaire | null;
  readonly status: 'not-started' | 'started' | 'submitted';
  /** Only the viewer's own draft, and only before they submit. */
  readonly draft: { readonly answers: Answers; readonly sectionIndex: number; readonly savedOn: string } | null;
  /** The anonymity promise, in words, for the page. */
  readonly promise: string;
  /** Every survey open to the viewer now (a pulse during the Health Check); `?cycle=<id>` picks one. */
  readonly choices?: readonly CycleDto[];
}

/** `POST /api/surveys/{cycle}/draft`. `requireSection`: that section's required questions must be answered (the Next button). */
export interface SaveSurveyStepRequest {
  readonly answers: Readonly<Record<string, unknown>>;
  readonly sectionIndex: number;
  readonly requireSection?: string;
}
export interface SaveSurveyStepDto {
  readonly ok: true;
  readonly answers: Answers;
  /** Comments that had names, emails or case numbers taken out before saving, and what to tell the person. */
  readonly screened?: readonly { readonly questionId: string; readonly note: string }[];
}

/** `POST /api/surveys/{cycle}/submit` with `{ answers? }` (any last answers). */
export interface SubmitSurveyRequest {
  readonly answers?: Readonly<Record<string, unknown>>;
}
export interface SubmitSurveyDto {
  readonly ok: true;
  readonly outcome: 'submitted' | 'already-submitted';
}

// ───────────────────────────── action plan ─────────────────────────────

export type ActionStatusDto = 'not-started' | 'in-progress' | 'done' | 'dropped';

/** What an action is linked to: a Health Check question (optionally of a cycle), an audit, or nothing. */
export type ActionLinkDto =
  | { readonly kind: 'question'; readonly questionId: string; readonly cycleId?: string; readonly text?: string }
  | { readonly kind: 'audit'; readonly auditId: string; readonly text?: string }
  | { readonly kind: 'none' };

export interface ActionDto {
  readonly id: string;
  /** What will be done. */
  readonly what: string;
  readonly ownerId: string;
  readonly ownerName: string;
  /** `YYYY-MM-DD` */
  readonly due: string;
  readonly status: ActionStatusDto;
  readonly link: ActionLinkDto;
  /** What has been done so far, for "You said, we did". */
  readonly progress: string;
  readonly createdBy: string;
  readonly createdOn: string;
  readonly updatedOn: string;
  /** The optimistic-concurrency version to send back with a change. */
  readonly version: number;
  /** Whether the viewer may change or delete it. */
  readonly canEdit: boolean;
}

/** `GET /api/actions[?status=&link=question|audit|none&question=<id>]`. */
export interface ActionListDto {
  readonly actions: readonly ActionDto[];
}

/** `POST /api/actions`. */
export interface NewActionRequest {
  readonly what: string;
  readonly ownerId: string;
  readonly due: string;
  readonly status?: ActionStatusDto;
  readonly link?: ActionLinkDto;
  readonly progress?: string;
}

/** `PATCH /api/actions/{id}`: any fields, plus the `version` you read. */
export interface UpdateActionRequest extends Partial<NewActionRequest> {
  readonly version: number;
}

/** `POST /api/actions/you-said-we-did`: queue a message to all staff through the bot. */
export interface YouSaidWeDidRequest {
  /** The update, in plain words (max 2,000 characters). */
  readonly message: string;
  /** Actions to list under it (their "what" and status). */
  readonly actionIds?: readonly string[];
}
export interface YouSaidWeDidDto {
  readonly id: string;
  /** People the message was queued for. */
  readonly queued: number;
}

// ─────────────────── caseloads, 39 steps, standards, Quality Report ───────────────────

export type { CaseloadAudit, CaseloadSurveyBeside, MeasureDefinition, OrgMeasures, StandardScore, QualityReport };

/**
 * `GET /api/caseloads?period=YYYY-MM..YYYY-MM` (team managers and up). Teams and service areas
 * within the viewer's aggregate scope; `audit.aboveLevel` names only workers the viewer
 * line-manages (at any depth); `audit.overall` is `null` unless the viewer sees every team.
 */
export interface CaseloadsDto {
  readonly audit: Omit<CaseloadAudit, 'overall'> & { readonly overall: CaseloadAudit['overall'] | null };
  /** The health check's caseload questions beside, thresholds applied; `byTeam` only for teams in scope. */
  readonly survey?: CaseloadSurveyBeside;
  /** Teams whose monthly return this viewer makes (a team manager's own team). */
  readonly returnTeams: readonly { readonly teamId: string; readonly name: string; readonly workers: readonly { readonly id: string; readonly displayName: string }[] }[];
  /** Months a return may be made for (this month and the eleven before it, newest first). */
  readonly returnMonths: readonly string[];
}

/** `POST /api/caseloads/returns`: a team manager's monthly caseload return. */
export interface CaseloadReturnRequest {
  readonly teamId: string;
  readonly month: string;
  readonly lines: readonly {
    readonly worker: string;
    readonly openCases: number | string;
    readonly complexity?: number | string;
    readonly risk?: number | string;
    readonly travel?: number | string;
  }[];
}
export interface CaseloadReturnResult {
  readonly stored: number;
  readonly replaced: number;
}

export interface OrgTeamReturnDto {
  readonly teamId: string;
  readonly name: string;
  readonly submittedOn?: string;
  readonly measures?: OrgMeasures;
  readonly vacancyPercent?: number | null;
  /** Figures left out, with why: the sickness figures of a team of fewer than five people. */
  readonly hidden?: Readonly<Record<string, string>>;
}

/** `GET /api/org-data?cycle=` (team managers and up): the 39-steps returns of the teams in scope. */
export interface OrgDataDto {
  readonly cycleId: string;
  readonly measures: readonly MeasureDefinition[];
  readonly teams: readonly OrgTeamReturnDto[];
  /** Returns made among the teams shown. */
  readonly returned: number;
  /** Teams whose return this viewer makes. */
  readonly returnTeams: readonly { readonly teamId: string; readonly name: string }[];
}

/** `GET /api/org-data/teams/:teamId`: one team's returns, oldest cycle first. */
export interface OrgDataHistoryDto {
  readonly teamId: string;
  readonly name: string;
  readonly measures: readonly MeasureDefinition[];
  readonly cycles: readonly { readonly cycleId: string; readonly submittedOn: string; readonly measures: OrgMeasures; readonly hidden?: Readonly<Record<string, string>> }[];
}

/** `POST /api/org-data/returns`: `measures` keyed by measure id. */
export interface OrgDataReturnRequest {
  readonly teamId: string;
  readonly cycleId?: string;
  readonly measures: Readonly<Record<string, unknown>>;
}
export interface OrgDataReturnResult {
  readonly cycleId: string;
  readonly teamId: string;
  readonly replaced: boolean;
}

export interface StandardDocDto {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  /** Each question in words, with the answers counted: "Do you …? (counting: Yes)". */
  readonly questions: readonly string[];
  /** The same questions' ids, in the same order: what the PSW types to change the mapping. */
  readonly questionIds: readonly string[];
  readonly measures: readonly { readonly id: string; readonly label: string; readonly how: string }[];
}

/** `GET /api/standards` (PSW, admins, management team): scores per standard and the mapping behind them. */
export interface StandardsDto {
  readonly surveyCycle?: string;
  readonly surveyTitle?: string;
  readonly threshold?: number;
  readonly orgDataCycle?: string;
  readonly teamsReturned: number;
  readonly mapping: 'default' | 'adjusted by the PSW';
  readonly standards: readonly StandardScore[];
  readonly documented: readonly StandardDocDto[];
  /** Whether this viewer may change the mapping (the PSW and admins). */
  readonly mayAdjust: boolean;
}

/** `POST /api/standards/:id/mapping`: question ids (`id` or `id:option|option`, comma-separated), measure ids, or `reset`. */
export interface StandardMappingRequest {
  readonly questions?: string;
  readonly measures?: string;
  readonly reset?: boolean;
}

/** `GET /api/report/quarterly?quarter=2026-Q3` (PSW, admins, management team). */
export type QualityReportDto = QualityReport;

// ───────────────────────────── the rest of the framework and the PSW's admin ─────────────────────────────
// Focus groups (Appendix 5), thematic reviews, the national standards and health check
// self-assessments (/api/framework/...), and the admin pages (/api/admin/...). Every change
// sends back the `version` it read; 409 when someone else changed the record first. Refused
// fields come back in `fieldErrors` (focus group notes by `notes.q<n>` and `themes.<i>`).

/** A page of the tab and its parameters, e.g. `{ page: 'reviews', params: { year: '2026', slot: '2' } }`. */
export interface WorkflowLinkDto {
  readonly page: 'audit' | 'caseloads' | 'self-assessment' | 'reviews';
  readonly params: Readonly<Record<string, string>>;
  readonly label: string;
}

/** `GET /api/audits/task?id=` for an audit that is not a form: where it is carried out instead. */
export interface AuditElsewhereDto {
  readonly task: AuditListItem;
  readonly workflow: WorkflowLinkDto;
  /** Where it is done, in words. */
  readonly words: string;
}

export interface Appendix5Dto {
  readonly themes: readonly {
    readonly id: string;
    readonly title: string;
    readonly questions: readonly { readonly id: string; readonly number: number; readonly text: string; readonly points?: readonly string[] }[];
  }[];
}

export interface FocusGroupSummaryDto {
  readonly id: string;
  readonly title: string;
  readonly purpose: string;
  readonly purposeLabel: string;
  readonly date: string;
  readonly time: string;
  readonly place: string;
  readonly facilitatorId: string;
  readonly facilitator: string;
  readonly status: 'scheduled' | 'invited' | 'held' | 'cancelled';
  readonly statusLabel: string;
  /** Invited, and replies so far (numbers only here). */
  readonly invited: number;
  readonly coming: number;
  readonly notComing: number;
  readonly attended: number | null;
  readonly themes: number;
}

export interface FocusGroupDto extends FocusGroupSummaryDto {
  readonly reviewId: string | null;
  readonly invitedTeams: readonly string[];
  readonly invitedRoles: readonly StaffRole[];
  /** Who is invited and what they said: for the PSW, admins and the facilitator; absent for others. */
  readonly invitations?: readonly { readonly personId: string; readonly name: string; readonly reply: 'coming' | 'not-coming' | null }[];
  /** By Appendix 5 question id. */
  readonly notes: Readonly<Record<string, string>>;
  readonly keyThemes: readonly { readonly area: string; readonly areaTitle: string; readonly summary: string; readonly actionId: string | null }[];
  readonly invitationsSentOn: string | null;
  readonly version: number;
  readonly can: { readonly reschedule: boolean; readonly invite: boolean; readonly cancel: boolean; readonly record: boolean; readonly makeAction: boolean };
}

/** `GET /api/framework/focus-groups[?year=2026]` */
export interface FocusGroupListDto {
  readonly year: number;
  readonly today: string;
  readonly groups: readonly FocusGroupSummaryDto[];
  readonly canSchedule: boolean;
  readonly appendix5: Appendix5Dto;
  readonly purposes: readonly { readonly id: string; readonly label: string }[];
  readonly teams: readonly { readonly id: string; readonly name: string }[];
  readonly roles: readonly { readonly id: StaffRole; readonly label: string }[];
}

export interface ReviewDto {
  readonly id: string;
  readonly year: number;
  readonly slot: number;
  readonly theme: string;
  readonly reasons: readonly string[];
  readonly covers: readonly string[];
  readonly scope: string;
  readonly objectives: string;
  readonly methods: readonly string[];
  readonly methodology: string;
  readonly leadId: string;
  readonly lead: string;
  readonly reviewGroup: readonly { readonly id: string; readonly name: string }[];
  readonly stages: readonly { readonly stage: 'scope' | 'research' | 'report'; readonly title: string; readonly due: string; readonly completedOn: string | null }[];
  readonly status: 'planned' | 'in-progress' | 'completed';
  readonly statusLabel: string;
  readonly findings: readonly { readonly id: string; readonly text: string; readonly recordedOn: string }[];
  readonly recommendations: readonly { readonly id: string; readonly text: string; readonly recordedOn: string; readonly actionId: string | null }[];
  readonly version: number;
  readonly can: { readonly plan: boolean; readonly work: boolean; readonly makeAction: boolean };
}

/** `GET /api/framework/reviews[?year=2026]`: the year's four slots of the annual plan and the reviews in them. */
export interface ReviewYearDto {
  readonly year: number;
  readonly today: string;
  readonly slots: readonly {
    readonly slot: number;
    /** The annual plan's task for this quarter's review, if planned. */
    readonly task: { readonly id: string; readonly due: string; readonly status: string } | null;
    readonly review: ReviewDto | null;
  }[];
  /** What the framework asks every year to cover that this year's reviews do not (yet). */
  readonly missingCoverage: readonly string[];
  readonly canCreate: boolean;
  readonly choices: {
    readonly reasons: readonly { readonly id: string; readonly label: string }[];
    readonly methods: readonly { readonly id: string; readonly label: string }[];
    readonly covers: readonly { readonly id: string; readonly label: string }[];
    readonly stages: readonly { readonly id: string; readonly title: string }[];
  };
}

export interface SelfAssessmentDto {
  readonly id: string;
  readonly kind: 'national-standards' | 'health-check';
  readonly title: string;
  readonly year: number;
  readonly status: 'draft' | 'submitted' | 'endorsed';
  readonly statusLabel: string;
  readonly evidenceOn: string;
  readonly submittedOn: string | null;
  readonly submittedBy: string | null;
  readonly endorsedOn: string | null;
  readonly endorsedBy: string | null;
  readonly returnedNote: string | null;
  readonly items: readonly {
    readonly id: string;
    readonly title: string;
    readonly evidence: readonly { readonly source: string; readonly sourceLabel: string; readonly label: string; readonly figure: string }[];
    readonly rating: 'met' | 'partly-met' | 'not-met' | null;
    readonly comment: string;
    readonly actions: readonly { readonly id: string; readonly what: string; readonly status: string; readonly due: string }[];
  }[];
  readonly version: number;
}

/** `GET /api/framework/self-assessments?kind=&year=` */
export interface SelfAssessmentPageDto {
  readonly kind: 'national-standards' | 'health-check';
  readonly title: string;
  readonly year: number;
  readonly assessment: SelfAssessmentDto | null;
  /** The annual plan's task it carries out, if planned. */
  readonly task: { readonly id: string; readonly due: string; readonly status: string } | null;
  readonly ratings: readonly { readonly id: string; readonly label: string }[];
  readonly can: { readonly start: boolean; readonly edit: boolean; readonly submit: boolean; readonly endorse: boolean };
}

/** A problem with one row of an uploaded file: its line, and the column (by name and place) where there is one. */
export interface UploadProblemDto {
  readonly line: number;
  readonly column?: string;
  readonly columnNumber?: number;
  readonly message: string;
}

/** `POST /api/admin/organisation/preview` and `.../import`. */
export interface OrganisationUploadDto {
  readonly rows: number;
  readonly imported: boolean;
  readonly people: number;
  readonly teams: number;
  readonly leavers: number;
  /** People in post now who are not in the file: kept as leavers if it is imported. */
  readonly notInFile: number;
  readonly problems: readonly UploadProblemDto[];
}

/** `POST /api/admin/caseloads/preview` and `.../import`. */
export interface CaseloadUploadDto {
  readonly rows: number;
  readonly period: { readonly from: string; readonly to: string };
  readonly imported: boolean;
  readonly entries: number;
  readonly teams: number;
  readonly problems: readonly UploadProblemDto[];
  readonly unmatched: readonly { readonly line: number; readonly worker: string; readonly teamId: string }[];
  readonly alreadyStored: readonly { readonly teamId: string; readonly month: string; readonly workers: number }[];
  readonly replaced: number;
}

/** `GET /api/admin` */
export interface AdminDto {
  readonly organisation: { readonly importedOn: string | null; readonly people: number; readonly teams: number; readonly leavers: number };
  readonly caseloadLevel: number;
  /** The caseload audit period an upload is for by default, e.g. 2026-07..2026-09. */
  readonly defaultPeriod: string;
  readonly quarter: { readonly id: string; readonly label: string };
}

export interface QualityThemeDto {
  readonly id: number;
  readonly quarter: string;
  readonly theme: string;
  readonly source: string;
  readonly note: string;
  readonly taggedOn: string;
}

/** `GET /api/admin/audit-plan[?year=2026]`: Appendix 6 as in force, and the year's plan by activity. */
export interface AuditPlanDto {
  readonly year: number;
  /** Whether the PSW has changed Appendix 6's rules. */
  readonly changed: boolean;
  readonly planned: boolean;
  readonly maxDuePerAuditorPerWeek: number;
  readonly closedDays: readonly string[];
  readonly rules: readonly {
    readonly activity: string;
    readonly title: string;
    readonly frequency: 1 | 2 | 4;
    readonly frequencyWords: string;
    readonly window: { readonly from: number; readonly to: number };
    readonly windowWords: string;
    readonly who: string;
    readonly leadRole: StaffRole | null;
    /** The year's live audits of this activity. */
    readonly tasks: number;
    readonly completed: number;
  }[];
  readonly leadRoles: readonly { readonly id: StaffRole; readonly label: string }[];
  /** The year's thematic reviews as the annual plan shows them. */
  readonly reviews: readonly { readonly slot: number; readonly theme: string | null; readonly due: string | null; readonly status: string }[];
}

/** `POST /api/admin/audit-plan/preview` and `POST /api/admin/audit-plan`: what the change does (would do) to the year's plan. */
export interface AuditPlanChangeDto {
  readonly year: number;
  readonly changes: readonly string[];
  readonly byActivity: readonly { readonly activity: string; readonly title: string; readonly added: number; readonly cancelled: number; readonly moved: number; readonly kept: number }[];
  readonly findings: readonly string[];
  readonly saved: boolean;
}

/** `POST /api/admin/audit-plan/replan` */
export interface ReplanDto {
  readonly year: number;
  readonly added: number;
  readonly cancelled: number;
  readonly kept: number;
  readonly findings: readonly string[];
}
// ─────────────── pulse surveys and the survey cycle run from the tab (ADR 0021) ───────────────

export type { Edit as QuestionnaireEdit, CustomQuestionKind } from '../../domain/survey/authoring';
export type { Audience } from '../../domain/organisation/audience';
export type { Cadence, WorkingHours } from '../../domain/outbox/types';
import type { Audience } from '../../domain/organisation/audience';
import type { Cadence, WorkingHours } from '../../domain/outbox/types';
import type { CustomQuestionKind, Edit } from '../../domain/survey/authoring';

/** One questionnaire in the registry (PSW and admins). */
export interface QuestionnaireSummaryDto {
  readonly id: string;
  readonly title: string;
  readonly kind: 'health-check' | 'pulse';
  readonly version: number;
  /** A template: copied, never run as it is. */
  readonly template: boolean;
  /** The Health Check and the templates: part of the app, not changed here. */
  readonly builtIn: boolean;
  readonly questions: number;
  readonly minutes: number;
  readonly summary?: string;
  readonly basedOn?: { readonly id: string; readonly version: number };
  readonly savedOn?: string;
  readonly savedBy?: string;
}

/** `GET /api/questionnaires`: the Health Check, the templates and the PSW's own pulses. */
export interface QuestionnaireListDto {
  readonly questionnaires: readonly QuestionnaireSummaryDto[];
}

/** `GET /api/questionnaires/{id}`, and the answer to creating or editing one: its latest version, and the cycles that ask it. */
export interface QuestionnaireDto {
  readonly questionnaire: Questionnaire;
  readonly summary: QuestionnaireSummaryDto;
  readonly cycles: readonly CycleDto[];
}

/** `POST /api/questionnaires`: copy a template (or one of your own pulses) as a new pulse. Refusals name `from`, `id` or `title`. */
export interface NewQuestionnaireRequest {
  readonly from: string;
  /** e.g. `supervision-spring-2027` */
  readonly id: string;
  readonly title?: string;
}

/**
 * `PATCH /api/questionnaires/{id}`: the edits, applied in order to `version` (the version you
 * read; a newer one answers 409). Saved as the next version only if the whole survey passes;
 * otherwise 400 with `fieldErrors` (`questions`, `questions.<id>.showIf`, `newQuestion.options`,
 * `edits.<n>`…) and nothing saved.
 */
export interface EditQuestionnaireRequest {
  readonly version: number;
  readonly edits: readonly Edit[];
}

/** A question of the bank, as the editor offers it. */
export interface BankQuestionDto {
  readonly id: string;
  readonly text: string;
  readonly kind: 'single' | 'multi' | 'scale' | 'text';
  /** The answers, as people read them (scales: the two ends). */
  readonly answers: readonly string[];
  readonly inHealthCheck: boolean;
  /** Role, team, length of service or contract: added together (ADR 0021). */
  readonly aboutYou: boolean;
  /** The question it is asked after, when it has a show-if rule. */
  readonly dependsOn?: string;
}

/** `GET /api/questionnaires/bank`: the bank by topic, and the kinds of question a PSW may write. */
export interface QuestionBankDto {
  readonly topics: readonly { readonly topic: string; readonly questions: readonly BankQuestionDto[] }[];
  readonly customKinds: readonly { readonly kind: CustomQuestionKind; readonly label: string }[];
}

/** A cycle's settings (PSW and admins): `GET /api/cycles/{id}`, and the answer to making or changing one. */
export interface CycleSettingsDto {
  readonly cycle: CycleDto;
  readonly surveyTitle: string;
  readonly surveyVersion: number;
  readonly audience: Audience;
  /** "the Hospital team and Intake" */
  readonly audienceText: string;
  /** People in the audience in the directory now. */
  readonly audienceSize: number;
  readonly reminders: Cadence;
  /** `null`: any time. */
  readonly workingHours: WorkingHours | null;
  /** A draft: every setting may still change. */
  readonly editable: boolean;
}

/**
 * `POST /api/cycles` (a draft; `id` and `surveyId` needed) and `PATCH /api/cycles/{id}` (a
 * draft's changes: only what is given). Refusals: 400 with `fieldErrors` by these names; once
 * a cycle has opened every change is refused, the threshold's in its own words.
 */
export interface CycleSettingsRequest {
  readonly id?: string;
  readonly surveyId?: string;
  readonly title?: string;
  readonly opensOn?: string;
  readonly closesOn?: string;
  readonly threshold?: number;
  readonly textThreshold?: number;
  readonly audience?: Audience;
  readonly reminders?: Cadence | 'none';
  readonly workingHours?: { readonly start: string; readonly end: string } | null;
}

/** `GET /api/cycles/audiences`: who a cycle can ask, with how many people each is in the directory now. */
export interface AudienceChoicesDto {
  readonly everyone: number;
  readonly teams: readonly { readonly id: string; readonly name: string; readonly people: number }[];
  readonly roles: readonly { readonly id: StaffRole; readonly label: string; readonly people: number }[];
}

/** `GET /api/cycles/{id}/preview`: the cards staff will be sent, as Adaptive Card JSON, in order. */
export interface CardPreviewDto {
  readonly cards: readonly { readonly title: string; readonly card: Readonly<Record<string, unknown>> }[];
}

/** `POST /api/cycles/{id}/publish`: the cycle, and how many "results are out" messages were queued now. */
export interface PublishCycleDto {
  readonly cycle: CycleDto;
  readonly notices: number;
}
/** `POST /api/cycles/{id}/open` answers an `OpenCycleDto`; `POST /api/cycles/{id}/close` the closed `CycleDto`. */
// ---------------------------------------------------------------------------------------
// Data protection (ADR 0023): privacy information, the access log, retention, subject access.

export interface PrivacySectionDto {
  readonly title: string;
  readonly lines: readonly string[];
}

/** `GET /api/privacy`: what staff are told about their data, for everyone. */
export interface PrivacyDto {
  readonly summary: readonly string[];
  readonly sections: readonly PrivacySectionDto[];
  readonly noticeUrl: string | null;
}

export interface AccessLogEntryDto {
  readonly at: string;
  readonly viewerId: string;
  readonly viewerName: string | null;
  readonly action: 'read' | 'export';
  readonly what: string;
  readonly whatLabel: string;
  readonly subjectId: string | null;
  readonly subjectName: string | null;
  readonly records: number;
  readonly via: 'tab' | 'phc';
}

/** `GET /api/data-protection/access-log`: for the Data Protection Officer. */
export interface AccessLogDto {
  readonly entries: readonly AccessLogEntryDto[];
  /** True when there were more than the page shows (narrow the dates). */
  readonly more: boolean;
}

export interface RetentionLineDto {
  readonly type: string;
  readonly label: string;
  readonly covers: string;
  readonly period: string;
  readonly from: string;
  readonly basis: string;
  readonly overridden: boolean;
  readonly disposal: 'deleted' | 'pseudonymised';
  readonly due: number;
  readonly held: number;
}

/** `GET /api/data-protection/retention`. */
export interface RetentionDto {
  readonly today: string;
  readonly schedule: readonly RetentionLineDto[];
  readonly holds: readonly { readonly id: string; readonly scope: string; readonly reason: string; readonly placedOn: string }[];
  readonly log: readonly { readonly runOn: string; readonly type: string; readonly action: string; readonly disposed: number; readonly held: number }[];
}

/** `GET /api/data-protection/people/:id/export`: everything held about one person, as `phc person export --json`. */
export interface PersonExportDto {
  readonly madeAt: string;
  readonly person: { readonly id: string; readonly displayName: string | null; readonly role: string | null; readonly teamId: string | null; readonly leftOn: string | null };
  readonly store: readonly { readonly table: string; readonly because: readonly { readonly column: string; readonly means: string }[]; readonly rows: readonly Readonly<Record<string, unknown>>[] }[];
  readonly sharePoint: readonly { readonly list: string; readonly listName: string; readonly key: string; readonly itemId: string | null; readonly fields: Readonly<Record<string, unknown>> }[];
  readonly notLinked: readonly string[];
}

// ───────────────────────────── home page and charts ─────────────────────────────

/**
 * How an item on the home page stands, said in words beside its colour:
 * `attention` (overdue, below the level, not done), `due` (to do soon), `good` (nothing to
 * do), `info` (figures to read).
 */
export type HomeTone = 'attention' | 'due' | 'good' | 'info';

/** A line under a home item; `href` is a page of the tab (`#/audit?id=…`). */
export interface HomeLineDto {
  readonly text: string;
  readonly href?: string;
  readonly tone?: HomeTone;
}

/** One thing on the home page: a figure, a sentence, a few lines and the page it comes from. */
export interface HomeItemDto {
  /** Stable, e.g. `my-audits` (for keys and tests; never shown). */
  readonly id: string;
  readonly title: string;
  /** The figure at a glance, e.g. "2", "65%", "At least 40%". */
  readonly figure?: string;
  /** One sentence, e.g. "2 audits of your supervisees are overdue." */
  readonly summary: string;
  readonly tone: HomeTone;
  /** At most a few, most pressing first. */
  readonly lines: readonly HomeLineDto[];
  /** The page to go to, e.g. `{ href: '#/audits', label: 'Open Audits' }`. */
  readonly link: { readonly href: string; readonly label: string };
}

/** `GET /api/home`: what needs the viewer's attention, worked out for their roles and scope. */
export interface HomeDto {
  readonly items: readonly HomeItemDto[];
}

export type { GrowthPoint } from '../../domain/results/responseRate';

/** `GET /api/health-check/questions`: the questionnaire's questions in words, by section (to choose one by name). */
export interface QuestionsDto {
  readonly sections: readonly { readonly id: string; readonly title: string; readonly questions: readonly { readonly id: string; readonly text: string }[] }[];
}

/** A day's response rate as the API gives it: a hidden figure says why in words. */
export type GrowthPointDto = GrowthPoint & { readonly figure: RateFigure & { readonly hiddenReason?: string } };

/** One cycle's response rate at the end of each day since it opened (stepped and hidden as the live rate). */
export type GrowthSeriesDto = GrowthSeries<GrowthPointDto>;

/**
 * `GET /api/health-check/cycles/{cycle}/response-rate/growth`: the cycle's response rate as it
 * grew, beside the cycle before it by day of the cycle. `notes` say why a cycle is not drawn.
 */
export type RateGrowthDto = RateGrowth<GrowthPointDto>;
