/**
 * The actions an audit form card can send back (`Action.Submit`, data `{ verb, ...payload }`,
 * as for the survey: see verbs.ts). Teams adds the card's inputs beside them.
 */
export const AUDIT_VERBS = {
  /** Open an audit from the list (`taskId` only): the first page of the presser's part. */
  open: 'audit.open',
  /** Save this page's answers as a draft and stay on it. */
  save: 'audit.save',
  /** Save this page's answers and submit the part (on the last page only). */
  submit: 'audit.submit',
  /** Save this page's answers as a draft and show the next page. */
  next: 'audit.next',
  /** Save this page's answers as a draft and show the previous page. */
  back: 'audit.back',
  /** The person audited opens their part (`taskId`): Appendix 1's comments, Appendix 4's boxes. */
  part: 'audit.part',
  /** Read a record (`taskId`, `page`): what was sent, with Amend or Sign off for those who may. */
  review: 'audit.review',
  /** The lead opens a submitted record to amend it (`taskId`); the form's pages then say Next and Send amendment. */
  amend: 'audit.amend',
  /** The lead's line manager or the PSW signs off a submitted record (`taskId`). */
  signOff: 'audit.sign-off',
} as const;

export type AuditVerb = (typeof AUDIT_VERBS)[keyof typeof AUDIT_VERBS];

/** Every audit verb starts with this, so the bot can route them to the audit flow. */
export const AUDIT_VERB_PREFIX = 'audit.';

export interface AuditActionData {
  readonly verb: AuditVerb;
  readonly taskId: string;
  /** `auditor`, `subject`, `observer` or `worker`. */
  readonly part: string;
  /** The page the card showed (0-based). */
  readonly page: number;
  /** On an amendment's pages: the record's revision when the amendment was opened. */
  readonly revision?: number;
}

/**
 * Input ids. `q.<item>` is the answer (the rating, or the text); `c.<item>` a rating's comment;
 * `n.<item>` the "no actions" toggle; `r.<item>.<row>.<field>` a row of actions arising.
 * The prefixes keep them apart from `verb`, `taskId`, `part` and `page`.
 */
export const auditInputId = {
  answer: (item: string): string => `q.${item}`,
  comment: (item: string): string => `c.${item}`,
  noActions: (item: string): string => `n.${item}`,
  action: (item: string, row: number, field: 'action' | 'owner' | 'due'): string => `r.${item}.${row}.${field}`,
};
