import type { FieldError } from '../actionPlan/validate';
import type { AuditActivityId } from '../audit/plan/rules';
import { EMPLOYER_STANDARDS } from '../standards/standards';
import type { IsoDate } from '../shared/brand';
import { APPENDIX_5_THEMES, type FocusGroupThemeId } from './appendix5';
import type { Checked } from './focusGroups';

/**
 * The organisational self-assessments of the annual audit plan (Appendix 6): the national
 * professional standards audit ("self-assessment against standards and improvement
 * planning", October–December) against the eight Standards for Employers of Social Workers
 * the app already scores, and the annual Health Check ("a self-assessment against the 5
 * areas", January–March). Each item is pre-filled with the app's own evidence, then rated,
 * commented on, and endorsed; its improvement plan items become actions.
 *
 * Lifecycle: `draft` (evidence refreshed, items rated) → `submitted` (every item rated, and a
 * comment wherever it is not met) → `endorsed` by a member of the management team, which
 * completes the audit task; the management team may instead return it to `draft` with a note.
 */

export type SelfAssessmentKind = 'national-standards' | 'health-check';
export const SELF_ASSESSMENT_KINDS: readonly SelfAssessmentKind[] = ['national-standards', 'health-check'];
export const KIND_TITLES: Readonly<Record<SelfAssessmentKind, string>> = {
  'national-standards': 'National professional standards self-assessment',
  'health-check': 'Annual health check self-assessment',
};
/** Which task of the annual audit plan each self-assessment carries out. */
export const KIND_ACTIVITY: Readonly<Record<SelfAssessmentKind, AuditActivityId>> = {
  'national-standards': 'national-standards-audit',
  'health-check': 'health-check',
};

/** The five areas of the Social Work Task Force's health check, as the framework lists them. */
export type HealthCheckAreaId = 'workload' | 'workflow' | 'tools' | 'healthy-workplace' | 'service-delivery';
export const HEALTH_CHECK_AREAS: readonly { readonly id: HealthCheckAreaId; readonly title: string }[] = [
  { id: 'workload', title: 'Effective workload management' },
  { id: 'workflow', title: 'Proactive workflow management' },
  { id: 'tools', title: 'Having the right tools to do the job' },
  { id: 'healthy-workplace', title: 'A healthy workplace' },
  { id: 'service-delivery', title: 'Effective service delivery' },
];

export type Rating = 'met' | 'partly-met' | 'not-met';
export const RATINGS: readonly Rating[] = ['met', 'partly-met', 'not-met'];
export const RATING_LABELS: Readonly<Record<Rating, string>> = { met: 'Met', 'partly-met': 'Partly met', 'not-met': 'Not met' };

export type SelfAssessmentStatus = 'draft' | 'submitted' | 'endorsed';
export const SELF_ASSESSMENT_STATUSES: readonly SelfAssessmentStatus[] = ['draft', 'submitted', 'endorsed'];
export const SELF_ASSESSMENT_STATUS_LABELS: Readonly<Record<SelfAssessmentStatus, string>> = { draft: 'Draft', submitted: 'Waiting for endorsement', endorsed: 'Endorsed' };

export type EvidenceSource = 'survey' | '39-steps' | 'audits' | 'caseloads' | 'focus-groups';
export const EVIDENCE_SOURCE_LABELS: Readonly<Record<EvidenceSource, string>> = {
  survey: 'Health check survey',
  '39-steps': '39 steps returns',
  audits: 'Audit compliance',
  caseloads: 'Caseload audit',
  'focus-groups': 'Focus groups',
};

export interface EvidenceLine {
  readonly source: EvidenceSource;
  readonly label: string;
  /** As read, e.g. "62 out of 100 (moderate)", "14.2 open cases a worker". */
  readonly figure: string;
}

export interface SelfAssessmentItem {
  /** A standard's id (`safe-workloads`) or a health check area's (`workload`). */
  readonly id: string;
  readonly title: string;
  readonly evidence: readonly EvidenceLine[];
  readonly rating: Rating | null;
  readonly comment: string;
  /** The improvement plan: actions in the action plan made from this item. */
  readonly actionIds: readonly string[];
}

export interface SelfAssessment {
  /** `<kind>-<year>`, e.g. `national-standards-2026`. */
  readonly id: string;
  readonly kind: SelfAssessmentKind;
  readonly year: number;
  readonly status: SelfAssessmentStatus;
  readonly items: readonly SelfAssessmentItem[];
  /** The day the evidence was read. */
  readonly evidenceOn: IsoDate;
  readonly submittedOn: IsoDate | null;
  readonly submittedBy: string | null;
  readonly endorsedOn: IsoDate | null;
  readonly endorsedBy: string | null;
  /** Why the management team returned it, until it is submitted again. */
  readonly returnedNote: string | null;
  readonly createdBy: string;
  readonly createdOn: IsoDate;
  readonly updatedOn: IsoDate;
  readonly version: number;
}

export const selfAssessmentId = (kind: SelfAssessmentKind, year: number): string => `${kind}-${year}`;
export const SELF_ASSESSMENT_LIMITS = { comment: 2000, note: 1000 } as const;

/** What the app knows, as the evidence builder reads it (all already through suppression and scope). */
export interface EvidenceInputs {
  readonly standards: readonly {
    readonly id: string;
    readonly number: number;
    readonly title: string;
    readonly score: number | null;
    readonly band: string | null;
    readonly items: readonly { readonly kind: 'survey' | 'measure'; readonly label: string; readonly score: number | null; readonly why?: string }[];
  }[];
  /** The survey cycle behind the standards' survey figures, if any. */
  readonly surveyTitle?: string;
  /** Compliance of the year's audits by activity. */
  readonly compliance: readonly { readonly activity: string; readonly label: string; readonly summary: string }[];
  readonly caseloads: { readonly from: string; readonly to: string; readonly average: number | null; readonly level: number; readonly aboveLevel: number; readonly teams: number };
  readonly orgData: { readonly cycleId: string | undefined; readonly returned: number; readonly teams: number };
  /** Themes drawn out by the year's focus groups held for this purpose. */
  readonly focusGroupThemes: readonly { readonly area: FocusGroupThemeId; readonly summary: string; readonly date: string }[];
}

interface ItemSources {
  readonly standards: readonly string[];
  readonly audits: readonly AuditActivityId[];
  readonly caseloads?: boolean;
  readonly orgData?: boolean;
  readonly focusGroups: readonly FocusGroupThemeId[];
}

/**
 * Which evidence goes with which item. Ours (the framework names the areas but not their
 * evidence): each standard with its own score and the audits, caseloads and Appendix 5
 * themes that speak to it; each health check area with the standards closest to it.
 */
const STANDARD_SOURCES: Readonly<Record<string, ItemSources>> = {
  accountability: { standards: ['accountability'], audits: ['practice-standards-audit', 'supervision-audit'], focusGroups: ['workflow'] },
  'workforce-planning': { standards: ['workforce-planning'], audits: [], orgData: true, focusGroups: [] },
  'safe-workloads': { standards: ['safe-workloads'], audits: ['caseload-workload-audit'], caseloads: true, focusGroups: ['workload'] },
  'risks-and-resources': { standards: ['risks-and-resources'], audits: [], focusGroups: ['tools'] },
  supervision: { standards: ['supervision'], audits: ['supervision-audit', 'practice-observation'], focusGroups: ['healthy-workplace'] },
  cpd: { standards: ['cpd'], audits: [], focusGroups: ['approach-to-practice'] },
  partnerships: { standards: ['partnerships'], audits: [], focusGroups: [] },
  registration: { standards: ['registration'], audits: [], focusGroups: [] },
};

const AREA_SOURCES: Readonly<Record<HealthCheckAreaId, ItemSources>> = {
  workload: { standards: ['safe-workloads'], audits: ['caseload-workload-audit'], caseloads: true, focusGroups: ['workload'] },
  workflow: { standards: ['accountability'], audits: [], orgData: true, focusGroups: ['workflow'] },
  tools: { standards: ['risks-and-resources', 'cpd'], audits: [], focusGroups: ['tools'] },
  'healthy-workplace': { standards: ['supervision'], audits: ['supervision-audit'], focusGroups: ['healthy-workplace'] },
  'service-delivery': { standards: [], audits: ['practice-standards-audit', 'practice-observation'], focusGroups: ['approach-to-practice'] },
};

const one = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

function evidenceFrom(sources: ItemSources, inputs: EvidenceInputs): EvidenceLine[] {
  const lines: EvidenceLine[] = [];
  for (const id of sources.standards) {
    const s = inputs.standards.find((x) => x.id === id);
    if (!s) continue;
    lines.push({ source: 'survey', label: `Standard ${s.number}: ${s.title}`, figure: s.score === null ? 'Not scored yet' : `${s.score} out of 100${s.band ? ` (${s.band})` : ''}` });
    for (const item of s.items) {
      lines.push({ source: item.kind === 'survey' ? 'survey' : '39-steps', label: item.label, figure: item.score === null ? `No figure: ${item.why ?? 'not available'}` : `${item.score} out of 100` });
    }
  }
  for (const activity of sources.audits) {
    const row = inputs.compliance.find((c) => c.activity === activity);
    if (row) lines.push({ source: 'audits', label: row.label, figure: row.summary });
  }
  if (sources.caseloads) {
    const c = inputs.caseloads;
    lines.push({
      source: 'caseloads',
      label: `Average caseload, ${c.from} to ${c.to}`,
      figure:
        c.average === null
          ? 'No caseloads held for this period'
          : `${one.format(c.average)} open cases a worker; ${c.aboveLevel} ${c.aboveLevel === 1 ? 'worker' : 'workers'} above the level of ${c.level}`,
    });
  }
  if (sources.orgData) {
    const o = inputs.orgData;
    lines.push({ source: '39-steps', label: '39 steps returns', figure: o.cycleId === undefined ? 'No returns yet' : `${o.returned} of ${o.teams} teams returned their figures for ${o.cycleId}` });
  }
  for (const area of sources.focusGroups) {
    const title = APPENDIX_5_THEMES.find((t) => t.id === area)?.title ?? area;
    for (const t of inputs.focusGroupThemes.filter((x) => x.area === area)) lines.push({ source: 'focus-groups', label: `Focus group, ${t.date} (${title})`, figure: t.summary });
  }
  return lines;
}

/** The items of a self-assessment of this kind, in order, with the app's evidence and nothing rated yet. */
export function prefilledItems(kind: SelfAssessmentKind, inputs: EvidenceInputs): SelfAssessmentItem[] {
  const blank = { rating: null, comment: '', actionIds: [] as readonly string[] };
  if (kind === 'national-standards') {
    return EMPLOYER_STANDARDS.map((s) => ({
      id: s.id,
      title: `Standard ${s.number}: ${s.title}`,
      evidence: evidenceFrom(STANDARD_SOURCES[s.id] ?? { standards: [s.id], audits: [], focusGroups: [] }, inputs),
      ...blank,
    }));
  }
  return HEALTH_CHECK_AREAS.map((a) => ({ id: a.id, title: a.title, evidence: evidenceFrom(AREA_SOURCES[a.id], inputs), ...blank }));
}

/** The same items with fresh evidence; ratings, comments and the improvement plan stay. */
export function refreshedItems(items: readonly SelfAssessmentItem[], kind: SelfAssessmentKind, inputs: EvidenceInputs): SelfAssessmentItem[] {
  const fresh = new Map(prefilledItems(kind, inputs).map((i) => [i.id, i.evidence]));
  return items.map((i) => ({ ...i, evidence: fresh.get(i.id) ?? i.evidence }));
}

/** An item's rating and comment as typed: a rating from the list (or none yet) and a comment within its length. */
export function checkItemChange(input: unknown, item: SelfAssessmentItem): Checked<Pick<SelfAssessmentItem, 'rating' | 'comment'>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: [{ field: 'item', message: 'Send the rating and comment as an object.' }] };
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  let rating = item.rating;
  if (Object.prototype.hasOwnProperty.call(raw, 'rating')) {
    if (raw.rating === null) rating = null;
    else if (RATINGS.includes(raw.rating as Rating)) rating = raw.rating as Rating;
    else errors.push({ field: 'rating', message: 'Rate it met, partly met or not met.' });
  }
  let comment = item.comment;
  if (Object.prototype.hasOwnProperty.call(raw, 'comment')) {
    if (typeof raw.comment !== 'string') errors.push({ field: 'comment', message: 'The comment must be text.' });
    else if (raw.comment.trim().length > SELF_ASSESSMENT_LIMITS.comment)
      errors.push({ field: 'comment', message: `Keep the comment to ${SELF_ASSESSMENT_LIMITS.comment} characters (this is ${raw.comment.trim().length}).` });
    else comment = raw.comment.trim();
  }
  if (!Object.prototype.hasOwnProperty.call(raw, 'rating') && !Object.prototype.hasOwnProperty.call(raw, 'comment'))
    errors.push({ field: 'item', message: 'Say what to change: the rating, the comment or both.' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { rating, comment } };
}

/** Why it cannot be submitted for endorsement, item by item, or [] when it can. */
export function submitProblems(assessment: Pick<SelfAssessment, 'status' | 'items'>): FieldError[] {
  if (assessment.status !== 'draft') return [{ field: 'status', message: assessment.status === 'endorsed' ? 'It has been endorsed already.' : 'It is already waiting for endorsement.' }];
  const errors: FieldError[] = [];
  for (const item of assessment.items) {
    if (item.rating === null) errors.push({ field: `items.${item.id}`, message: `${item.title}: rate it before submitting.` });
    else if (item.rating !== 'met' && item.comment === '')
      errors.push({ field: `items.${item.id}`, message: `${item.title}: say in a comment why it is ${RATING_LABELS[item.rating].toLowerCase()}.` });
  }
  return errors;
}

/** Whether ratings, comments and evidence may still change: only while it is a draft. */
export const editable = (assessment: Pick<SelfAssessment, 'status'>): boolean => assessment.status === 'draft';

/** Ratings counted, for the Quality Report. */
export function ratingCounts(items: readonly Pick<SelfAssessmentItem, 'rating'>[]): Readonly<Record<Rating | 'unrated', number>> {
  const counts: Record<Rating | 'unrated', number> = { met: 0, 'partly-met': 0, 'not-met': 0, unrated: 0 };
  for (const i of items) counts[i.rating ?? 'unrated'] += 1;
  return counts;
}
