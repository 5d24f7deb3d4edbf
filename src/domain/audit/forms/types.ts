/**
 * An audit form is data: sections of items with stable ids, each section filled by one
 * party. Ids never change once a version is published, because stored audit records refer
 * to them. Wording may be corrected in a new version; meaning may not.
 *
 * The four forms are Appendices 1–4 of the Practice Quality Assurance Framework.
 */

/**
 * The framework's forms, in appendix order: `appendix-1` staff supervision audit,
 * `appendix-2` practice standards (social work / social care), `appendix-3` therapy,
 * `appendix-4` practice observation. The one list of form ids: the store, the plan's rules
 * and the SharePoint list take theirs from here.
 */
export const AUDIT_FORM_IDS = ['appendix-1', 'appendix-2', 'appendix-3', 'appendix-4'] as const;
export type AuditFormId = (typeof AUDIT_FORM_IDS)[number];
/** e.g. `record-coherent` */
export type AuditItemId = string;
/** e.g. `questions` */
export type AuditSectionId = string;

/**
 * Who fills a part of the form.
 * - `auditor`: leads an audit (Appendices 1–3).
 * - `subject`: the person audited commenting on the audit (Appendix 1: the supervisor).
 * - `observer`: leads a practice observation (Appendix 4: the supervisor).
 * - `worker`: the person observed, who fills boxes 1–4 (Appendix 4).
 */
export type AuditPart = 'auditor' | 'subject' | 'observer' | 'worker';

/** Yes / Partly / No, in that order on the card. */
export type Rating = 'yes' | 'partly' | 'no';
export const RATINGS: readonly { readonly id: Rating; readonly label: string }[] = [
  { id: 'yes', label: 'Yes' },
  { id: 'partly', label: 'Partly' },
  { id: 'no', label: 'No' },
];

/**
 * When a rating needs a comment.
 * - `unless-yes`: a Partly or No must say why (the default; see `practiceStandardsAuditSocialWork.ts`).
 * - `always`: the question asks for an impression, so the comment is the answer.
 * - `optional`: never required.
 */
export type CommentRule = 'unless-yes' | 'always' | 'optional';

/**
 * When the worker fills an observation box (Appendix 4, Part 1): boxes 1–2 before the
 * observation, box 3 after it, box 4 after reading the observer's report.
 */
export type ObservationStage = 'before-observation' | 'after-observation' | 'after-observer-report';
export const OBSERVATION_STAGES: readonly ObservationStage[] = ['before-observation', 'after-observation', 'after-observer-report'];

interface ItemBase {
  readonly id: AuditItemId;
  /** The question or box heading, in the council's words. */
  readonly text: string;
  /** The number printed on the council's form, e.g. "7"; absent for unnumbered items. */
  readonly number?: string;
  /** Guidance printed under the heading on the council's form. */
  readonly hint?: string;
  /** Must be answered at submit. Drafts may leave anything blank. */
  readonly required: boolean;
}

export interface RatingItem extends ItemBase {
  readonly kind: 'rating';
  readonly comment: CommentRule;
  /** Longest comment accepted, in characters. */
  readonly maxLength: number;
}

export interface TextItem extends ItemBase {
  readonly kind: 'text';
  readonly maxLength: number;
}

/** Actions arising: a list of { action, owner, due date }. An empty list means none. */
export interface ActionsItem extends ItemBase {
  readonly kind: 'actions';
  /** Longest action text accepted, in characters. */
  readonly maxLength: number;
}

/** The audited person's own comments on the audit (free text, in the subject's part). */
export interface SubjectCommentsItem extends ItemBase {
  readonly kind: 'subject-comments';
  readonly maxLength: number;
}

/** One of the worker's boxes in an observation, filled at a given stage. */
export interface WorkerBoxItem extends ItemBase {
  readonly kind: 'worker-box';
  readonly stage: ObservationStage;
  readonly maxLength: number;
}

export type AuditItem = RatingItem | TextItem | ActionsItem | SubjectCommentsItem | WorkerBoxItem;

export interface AuditSection {
  readonly id: AuditSectionId;
  readonly title: string;
  /** Who fills every item of this section. */
  readonly part: AuditPart;
  /** A line of instruction from the council's form, shown at the top of the section. */
  readonly intro?: string;
  readonly items: readonly AuditItem[];
}

/**
 * A field at the top of the council's form that the app fills from the audit record
 * (people, dates), never typed in: e.g. "Name of Auditor".
 */
export interface HeaderField {
  readonly id: string;
  readonly label: string;
  readonly from: 'auditor' | 'subject' | 'observer' | 'worker' | 'audit-date';
}

export interface AuditForm {
  readonly id: AuditFormId;
  /** Bumped whenever wording, items or rules change. */
  readonly version: number;
  readonly title: string;
  /** The parties that lead the form and are audited or observed. */
  readonly lead: 'auditor' | 'observer';
  readonly subject: 'subject' | 'worker';
  /** Which parts exist on this form, in the order they are filled. */
  readonly parts: readonly AuditPart[];
  readonly header: readonly HeaderField[];
  readonly sections: readonly AuditSection[];
  /**
   * Sign-off waits for the audited person's part to be submitted. True for the observation,
   * where box 4 (reflection on the observer's report) completes the record.
   */
  readonly signOffNeedsSubjectPart: boolean;
  /** What the seed does not give and the form therefore leaves out, in plain words. */
  readonly gaps?: readonly string[];
}

/** One action arising. `due` is a calendar date, `YYYY-MM-DD`. */
export interface AuditAction {
  readonly action: string;
  readonly owner: string;
  readonly due: string;
}

export type AuditAnswer =
  | { readonly kind: 'rating'; readonly rating: Rating; readonly comment?: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'actions'; readonly actions: readonly AuditAction[] };

/** A record's answers by item id. An item not answered is absent. */
export type AuditAnswers = Readonly<Record<AuditItemId, AuditAnswer>>;

/** Common lengths, in characters. */
export const LIMITS = {
  comment: 2000,
  text: 4000,
  action: 500,
  owner: 200,
} as const;
