import type { FieldError } from '../actionPlan/validate';
import { isCalendarDate } from '../audit/forms/validate';
import { addDays } from '../audit/plan/calendar';
import { reminderDayOf } from '../audit/reminders';
import type { Organisation } from '../organisation/types';
import type { WorkingHours } from '../outbox/types';
import { asIsoDate, type IsoDate } from '../shared/brand';
import type { Checked } from './focusGroups';
import { namedMessage, namesIn } from './names';

/**
 * Thematic practice reviews (the council's Practice Quality Assurance Framework, "Thematic
 * Practice Reviews" and Appendix 6): up to four themes a year, each with its scope,
 * objectives, methodology and review group, and a date for each of the framework's three key
 * stages. The review group is reminded as each stage falls due; findings and recommendations
 * are recorded, and a recommendation becomes an action in the action plan.
 *
 * A year's reviews fill slots 1–4, one per quarterly "Thematic practice review" task of the
 * annual audit plan (slot n is the task's occurrence n), so completing review n completes
 * that task.
 */

/** The framework's "Key stages of a thematic practice review", in order. */
export type ReviewStage = 'scope' | 'research' | 'report';
export const REVIEW_STAGES: readonly ReviewStage[] = ['scope', 'research', 'report'];
export const STAGE_TITLES: Readonly<Record<ReviewStage, string>> = {
  scope: 'Scope, agree methodology and objectives',
  research: 'Research, evaluate and investigate',
  report: 'Report, recommend and propose',
};

/** Where a theme came from: the framework's "practice issues identified through a range of quality assurance activity and early warning systems". */
export type ReviewReason = 'incidents' | 'safeguarding-adults-reviews' | 'audit' | 'complaints' | 'ombudsman' | 'performance-indicators' | 'other';
export const REVIEW_REASONS: readonly ReviewReason[] = ['incidents', 'safeguarding-adults-reviews', 'audit', 'complaints', 'ombudsman', 'performance-indicators', 'other'];
export const REASON_LABELS: Readonly<Record<ReviewReason, string>> = {
  incidents: 'Recommendations arising from incidents',
  'safeguarding-adults-reviews': 'Safeguarding adults reviews',
  audit: 'Emerging issues identified from audit',
  complaints: 'Complaints processes',
  ombudsman: 'Local Government Ombudsman',
  'performance-indicators': 'Performance indicators',
  other: 'Something else',
};

/** How the review group may look into the theme, as the framework lists it. */
export type ReviewMethod = 'case-audit' | 'practice-standards-audit-tools' | 'focus-groups' | 'work-shadowing' | 'service-user-involvement';
export const REVIEW_METHODS: readonly ReviewMethod[] = ['case-audit', 'practice-standards-audit-tools', 'focus-groups', 'work-shadowing', 'service-user-involvement'];
export const METHOD_LABELS: Readonly<Record<ReviewMethod, string>> = {
  'case-audit': 'Auditing in discussion with case holders',
  'practice-standards-audit-tools': 'Practice standards audit tools',
  'focus-groups': 'Focus groups',
  'work-shadowing': 'Work shadowing care staff',
  'service-user-involvement': 'Involvement of service users and carer representatives',
};

/** "Each year a focus of audits will ensure coverage of personalisation and safeguarding practice." */
export type ReviewCoverage = 'personalisation' | 'safeguarding';
export const REVIEW_COVERAGE: readonly ReviewCoverage[] = ['personalisation', 'safeguarding'];
export const COVERAGE_LABELS: Readonly<Record<ReviewCoverage, string>> = { personalisation: 'Personalisation', safeguarding: 'Safeguarding practice' };

export const MAX_REVIEWS_A_YEAR = 4;
export const REVIEW_LIMITS = { theme: 120, text: 2000, finding: 1000, recommendation: 500, group: 15, findings: 30, recommendations: 30 } as const;

export interface StageDates {
  readonly due: IsoDate;
  readonly completedOn: IsoDate | null;
}

export interface ReviewPlan {
  readonly theme: string;
  readonly reasons: readonly ReviewReason[];
  readonly covers: readonly ReviewCoverage[];
  readonly scope: string;
  readonly objectives: string;
  readonly methods: readonly ReviewMethod[];
  readonly methodology: string;
  /** Primarily the PSW, "but audits can be led by other functions". */
  readonly leadId: string;
  readonly reviewGroup: readonly string[];
  readonly stages: Readonly<Record<ReviewStage, StageDates>>;
}

export interface ReviewFinding {
  readonly id: string;
  readonly text: string;
  readonly recordedOn: IsoDate;
}

export interface ReviewRecommendation extends ReviewFinding {
  /** The action it became in the action plan, once it has. */
  readonly actionId: string | null;
}

export interface ThematicReview extends ReviewPlan {
  /** `review-<year>-<slot>`, e.g. `review-2026-2`. */
  readonly id: string;
  readonly year: number;
  /** 1–4: the quarterly task of the annual plan it carries out. */
  readonly slot: number;
  readonly findings: readonly ReviewFinding[];
  readonly recommendations: readonly ReviewRecommendation[];
  readonly createdBy: string;
  readonly createdOn: IsoDate;
  readonly updatedOn: IsoDate;
  readonly version: number;
}

export type ReviewStatus = 'planned' | 'in-progress' | 'completed';
export const REVIEW_STATUS_LABELS: Readonly<Record<ReviewStatus, string>> = { planned: 'Planned', 'in-progress': 'In progress', completed: 'Completed' };

export const reviewId = (year: number, slot: number): string => `review-${year}-${slot}`;

export function statusOf(review: Pick<ThematicReview, 'stages'>): ReviewStatus {
  if (review.stages.report.completedOn !== null) return 'completed';
  return REVIEW_STAGES.some((s) => review.stages[s].completedOn !== null) ? 'in-progress' : 'planned';
}

/** The first stage not completed, or undefined when all are. */
export function currentStage(review: Pick<ThematicReview, 'stages'>): ReviewStage | undefined {
  return REVIEW_STAGES.find((s) => review.stages[s].completedOn === null);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);
const given = (raw: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(raw, key) && raw[key] !== undefined;

export interface ReviewContext {
  readonly organisation: Organisation;
  readonly year: number;
  readonly today: IsoDate;
}

function textField(raw: Record<string, unknown>, key: string, label: string, max: number, errors: FieldError[], required: boolean, earlier: string | undefined): string {
  if (!given(raw, key) && earlier !== undefined) return earlier;
  const v = raw[key];
  if (v !== undefined && v !== null && typeof v !== 'string') {
    errors.push({ field: key, message: `The ${label} must be text.` });
    return earlier ?? '';
  }
  const text = str(v) ?? '';
  if (required && text === '') errors.push({ field: key, message: `Give the ${label}.` });
  else if (text.length > max) errors.push({ field: key, message: `Keep the ${label} to ${max} characters (this is ${text.length}).` });
  return text;
}

function listField<T extends string>(raw: Record<string, unknown>, key: string, allowed: readonly T[], message: string, errors: FieldError[], earlier: readonly T[] | undefined): readonly T[] {
  if (!given(raw, key)) return earlier ?? [];
  const v = raw[key];
  if (!Array.isArray(v) || v.some((x) => !allowed.includes(x as T))) {
    errors.push({ field: key, message });
    return earlier ?? [];
  }
  return allowed.filter((a) => (v as string[]).includes(a));
}

/** The first and last day a review of the council year `year` may have a stage on: April to March. */
export function yearSpan(year: number): { readonly start: IsoDate; readonly end: IsoDate } {
  return { start: asIsoDate(`${year}-04-01`), end: asIsoDate(`${year + 1}-03-31`) };
}

/**
 * A review's plan as the PSW writes or changes it. Stage dates are real days within the
 * council year, in the order of the stages; the lead and the review group are people in post.
 * A stage already completed keeps its date.
 */
export function checkReviewPlan(input: unknown, context: ReviewContext, earlier?: ReviewPlan): Checked<ReviewPlan> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: [{ field: 'review', message: 'Send the review as an object with its theme, scope, objectives, review group and stage dates.' }] };
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const theme = textField(raw, 'theme', 'theme', REVIEW_LIMITS.theme, errors, true, earlier?.theme);
  const scope = textField(raw, 'scope', 'scope', REVIEW_LIMITS.text, errors, true, earlier?.scope);
  const objectives = textField(raw, 'objectives', 'objectives', REVIEW_LIMITS.text, errors, true, earlier?.objectives);
  const methodology = textField(raw, 'methodology', 'methodology', REVIEW_LIMITS.text, errors, false, earlier?.methodology);
  const reasons = listField(
    raw,
    'reasons',
    REVIEW_REASONS,
    'Say where the theme came from: incidents, safeguarding adults reviews, audit, complaints, the Ombudsman, performance indicators or something else.',
    errors,
    earlier?.reasons,
  );
  const covers = listField(raw, 'covers', REVIEW_COVERAGE, 'Coverage is personalisation, safeguarding, both or neither.', errors, earlier?.covers);
  const methods = listField(
    raw,
    'methods',
    REVIEW_METHODS,
    'Choose the methods from the list: case audit, practice standards audit tools, focus groups, work shadowing, service user involvement.',
    errors,
    earlier?.methods,
  );

  const inPost = (id: string): boolean => {
    const p = context.organisation.people.find((x) => x.id === id);
    return p !== undefined && (p.leftOn === undefined || p.leftOn > context.today);
  };
  let leadId = earlier?.leadId ?? '';
  if (given(raw, 'leadId') || !earlier) {
    const l = str(raw.leadId) ?? '';
    if (!inPost(l)) errors.push({ field: 'leadId', message: 'The lead must be someone in post in the staff directory.' });
    else leadId = l;
  }
  let reviewGroup = earlier?.reviewGroup ?? [];
  if (given(raw, 'reviewGroup') || !earlier) {
    const g = raw.reviewGroup ?? [];
    if (!Array.isArray(g) || g.some((x) => typeof x !== 'string')) errors.push({ field: 'reviewGroup', message: 'List the review group by their ids.' });
    else {
      const ids = [...new Set((g as string[]).map((x) => x.trim()))];
      const unknown = ids.filter((id) => !inPost(id));
      if (ids.length === 0) errors.push({ field: 'reviewGroup', message: 'Name at least one person in the review group.' });
      else if (ids.length > REVIEW_LIMITS.group) errors.push({ field: 'reviewGroup', message: `A review group has at most ${REVIEW_LIMITS.group} people.` });
      else if (unknown.length > 0) errors.push({ field: 'reviewGroup', message: `${unknown.length === 1 ? 'One member is' : `${unknown.length} members are`} not in post in the staff directory.` });
      else reviewGroup = ids.sort();
    }
  }

  const span = yearSpan(context.year);
  const stages: Record<ReviewStage, StageDates> = { ...(earlier?.stages ?? ({} as Record<ReviewStage, StageDates>)) };
  const rawStages = (given(raw, 'stages') && typeof raw.stages === 'object' && raw.stages !== null && !Array.isArray(raw.stages) ? raw.stages : {}) as Record<string, unknown>;
  if (given(raw, 'stages') && (typeof raw.stages !== 'object' || raw.stages === null || Array.isArray(raw.stages)))
    errors.push({ field: 'stages', message: 'Send the stage dates by stage: scope, research, report.' });
  for (const stage of REVIEW_STAGES) {
    const before = earlier?.stages[stage];
    const value = rawStages[stage];
    if (value === undefined && before) continue;
    const field = `stages.${stage}`;
    if (before?.completedOn) {
      if (value !== undefined && value !== before.due) errors.push({ field, message: `"${STAGE_TITLES[stage]}" is completed, so its date stays ${before.due}.` });
      continue;
    }
    const d = typeof value === 'string' ? value.trim() : '';
    if (d === '') errors.push({ field, message: `Give the date "${STAGE_TITLES[stage]}" is due.` });
    else if (!isCalendarDate(d)) errors.push({ field, message: `"${d}" is not a date: write it as YYYY-MM-DD.` });
    else if (d < span.start || d > span.end) errors.push({ field, message: `"${STAGE_TITLES[stage]}" must be due within the council year, ${span.start} to ${span.end}.` });
    else stages[stage] = { due: asIsoDate(d), completedOn: null };
  }
  if (!errors.some((e) => e.field.startsWith('stages')) && REVIEW_STAGES.every((s) => stages[s] !== undefined)) {
    for (let i = 1; i < REVIEW_STAGES.length; i++) {
      const prev = REVIEW_STAGES[i - 1] as ReviewStage;
      const next = REVIEW_STAGES[i] as ReviewStage;
      if (stages[next].due < stages[prev].due) errors.push({ field: `stages.${next}`, message: `"${STAGE_TITLES[next]}" cannot be due before "${STAGE_TITLES[prev]}" (${stages[prev].due}).` });
    }
  }
  const displayNames = context.organisation.people.map((p) => p.displayName);
  for (const [field, label, text] of [
    ['scope', 'The scope', scope],
    ['objectives', 'The objectives', objectives],
    ['methodology', 'The methodology', methodology],
  ] as const) {
    const named = namesIn(text, displayNames);
    if (named.length > 0) errors.push({ field, message: namedMessage(label, named) });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { theme, reasons, covers, scope, objectives, methods, methodology, leadId, reviewGroup, stages } };
}

/** Why a stage cannot be marked complete now, or undefined: stages go in order, and the report needs findings. */
export function completeStageProblem(review: Pick<ThematicReview, 'stages' | 'findings'>, stage: ReviewStage): string | undefined {
  if (review.stages[stage].completedOn !== null) return `"${STAGE_TITLES[stage]}" is already completed.`;
  const current = currentStage(review);
  if (current !== stage) return `Complete "${STAGE_TITLES[current ?? 'scope']}" first: the stages go in order.`;
  if (stage === 'report' && review.findings.length === 0) return 'Record the review\'s findings before completing "Report, recommend and propose".';
  return undefined;
}

/** A finding or a recommendation as typed: some words, within the limit, naming nobody. */
export function checkReviewText(input: unknown, kind: 'finding' | 'recommendation', displayNames: readonly string[]): Checked<string> {
  const max = kind === 'finding' ? REVIEW_LIMITS.finding : REVIEW_LIMITS.recommendation;
  const label = kind === 'finding' ? 'The finding' : 'The recommendation';
  const text = typeof input === 'string' ? input.trim() : '';
  if (typeof input !== 'string' || text === '') return { ok: false, errors: [{ field: 'text', message: `${label} needs some words.` }] };
  if (text.length > max) return { ok: false, errors: [{ field: 'text', message: `Keep ${label.toLowerCase()} to ${max} characters (this is ${text.length}).` }] };
  const named = namesIn(text, displayNames);
  if (named.length > 0) return { ok: false, errors: [{ field: 'text', message: namedMessage(label, named) }] };
  return { ok: true, value: text };
}

/** What the year's reviews do not yet cover of what the framework asks every year to cover. */
export function missingCoverage(reviews: readonly Pick<ThematicReview, 'covers'>[]): ReviewCoverage[] {
  return REVIEW_COVERAGE.filter((c) => !reviews.some((r) => r.covers.includes(c)));
}

/** How many days before a stage's date the review group hears that it is coming. */
export const STAGE_NOTICE_DAYS = 7;
/** How long after a stage's date, still not completed, the "due" reminder may still go (the server may have been down that day). */
const DUE_GRACE_DAYS = 6;

export type StageNoticeWhen = 'coming' | 'due';

export interface StageNotice {
  /** `review-stage:<review>:<stage>:<due>:<when>:<person>`: one message each, ever. */
  readonly key: string;
  readonly personId: string;
  readonly reviewId: string;
  readonly stage: ReviewStage;
  readonly due: IsoDate;
  readonly when: StageNoticeWhen;
}

/**
 * The stage reminders the review group (and the lead) should have by `today`: for each stage
 * not completed, "coming" in the week before its date and "due" from its date for a week.
 * Only on working days. Keyed so each is sent once, and again if the date is moved.
 */
export function stageNoticesDue(reviews: readonly ThematicReview[], organisation: Organisation, today: IsoDate, hours: WorkingHours | null): StageNotice[] {
  if (reminderDayOf(today, hours) !== today) return [];
  const present = new Set(organisation.people.filter((p) => p.leftOn === undefined || p.leftOn > today).map((p) => p.id as string));
  const out: StageNotice[] = [];
  for (const review of reviews) {
    for (const stage of REVIEW_STAGES) {
      const { due, completedOn } = review.stages[stage];
      if (completedOn !== null) continue;
      let when: StageNoticeWhen | undefined;
      if (today >= addDays(due, -STAGE_NOTICE_DAYS) && today < due) when = 'coming';
      else if (today >= due && today <= addDays(due, DUE_GRACE_DAYS)) when = 'due';
      if (when === undefined) continue;
      for (const personId of [...new Set([review.leadId, ...review.reviewGroup])].sort()) {
        if (!present.has(personId)) continue;
        out.push({ key: `review-stage:${review.id}:${stage}:${due}:${when}:${personId}`, personId, reviewId: review.id, stage, due, when });
      }
    }
  }
  return out;
}
