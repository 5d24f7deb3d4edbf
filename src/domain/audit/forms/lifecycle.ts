/**
 * The life of one audit record, as a pure state machine:
 *
 *   draft ──submit──▶ submitted ──sign-off──▶ signed-off
 *     ▲ save-draft      │  ▲ amend
 *                       └──┘
 *
 * Who may do what:
 * - The lead (the auditor on Appendices 1–3, the observer on Appendix 4) saves drafts,
 *   submits, and amends after submitting until the record is signed off.
 * - The person audited (the supervisor on Appendix 1, the worker observed on Appendix 4)
 *   saves their part at any time before sign-off, and submits it once the lead has
 *   submitted (their comments, or box 4, respond to the lead's findings). An amendment by
 *   the lead reopens their part, so they can respond to what changed.
 * - Sign-off is by the lead's line manager or the Principal Social Worker, never by the
 *   lead or the person audited. The seed makes line managers of supervisors the check on
 *   supervisors (Appendix 1's audit lead) and has the PSW own the framework and report
 *   its outcomes; it names no signatory, so this is our decision.
 * - Nothing changes after sign-off.
 *
 * Relations are worked out by the caller from the organisation; this module only decides.
 */

export type AuditStatus = 'draft' | 'submitted' | 'signed-off';

/** How the person acting relates to this record. A person may hold several (a PSW who is also the lead's line manager). */
export type AuditRelation = 'lead' | 'subject' | 'lead-line-manager' | 'psw';

export interface AuditActor {
  readonly personId: string;
  readonly relations: readonly AuditRelation[];
}

export type AuditEvent = 'save-draft' | 'submit' | 'amend' | 'save-subject-part' | 'submit-subject-part' | 'sign-off';

export interface AuditRecordState {
  readonly status: AuditStatus;
  /** 0 until submitted; 1 on submit; +1 for each amendment. */
  readonly revision: number;
  readonly leadId: string;
  readonly subjectId: string;
  /** Whether the sign-off waits for the subject's part (the form's `signOffNeedsSubjectPart`). */
  readonly signOffNeedsSubjectPart: boolean;
  readonly submittedAt?: string;
  readonly subjectSubmittedAt?: string;
  readonly signedOffAt?: string;
  readonly signedOffBy?: string;
  readonly history: readonly { readonly event: AuditEvent; readonly by: string; readonly at: string }[];
}

export type LifecycleErrorCode = 'not-allowed' | 'wrong-status' | 'own-audit' | 'subject-part-missing';

export interface LifecycleError {
  readonly code: LifecycleErrorCode;
  readonly message: string;
}

export type Transition = { readonly ok: true; readonly state: AuditRecordState } | { readonly ok: false; readonly error: LifecycleError };

export function newAuditRecord(leadId: string, subjectId: string, signOffNeedsSubjectPart: boolean): AuditRecordState {
  return { status: 'draft', revision: 0, leadId, subjectId, signOffNeedsSubjectPart, history: [] };
}

const EVENT_NAMES: Readonly<Record<AuditEvent, string>> = {
  'save-draft': 'save a draft of this audit',
  submit: 'submit this audit',
  amend: 'amend this audit',
  'save-subject-part': 'save your part of this audit',
  'submit-subject-part': 'submit your part of this audit',
  'sign-off': 'sign off this audit',
};

const WHO: Readonly<Record<AuditEvent, readonly AuditRelation[]>> = {
  'save-draft': ['lead'],
  submit: ['lead'],
  amend: ['lead'],
  'save-subject-part': ['subject'],
  'submit-subject-part': ['subject'],
  'sign-off': ['lead-line-manager', 'psw'],
};

const WHO_NAMES: Readonly<Record<AuditEvent, string>> = {
  'save-draft': 'Only the person leading the audit',
  submit: 'Only the person leading the audit',
  amend: 'Only the person leading the audit',
  'save-subject-part': 'Only the person audited',
  'submit-subject-part': 'Only the person audited',
  'sign-off': "Only the auditor's line manager or the Principal Social Worker",
};

const FROM: Readonly<Record<AuditEvent, readonly AuditStatus[]>> = {
  'save-draft': ['draft'],
  submit: ['draft'],
  amend: ['submitted'],
  'save-subject-part': ['draft', 'submitted'],
  'submit-subject-part': ['submitted'],
  'sign-off': ['submitted'],
};

/** Whether `actor` may do `event` now; the refusal in plain words if not. */
export function check(state: AuditRecordState, event: AuditEvent, actor: AuditActor): LifecycleError | undefined {
  if (!WHO[event].some((r) => actor.relations.includes(r))) {
    return { code: 'not-allowed', message: `You cannot ${EVENT_NAMES[event]}. ${WHO_NAMES[event]} can.` };
  }
  if (event === 'sign-off' && (actor.personId === state.leadId || actor.personId === state.subjectId)) {
    return { code: 'own-audit', message: 'You cannot sign off an audit you led or that is about your own work; another manager or the Principal Social Worker must.' };
  }
  if (!FROM[event].includes(state.status)) return { code: 'wrong-status', message: wrongStatus(state, event) };
  if (event === 'sign-off' && state.signOffNeedsSubjectPart && state.subjectSubmittedAt === undefined) {
    return { code: 'subject-part-missing', message: 'This cannot be signed off yet: the worker has not yet submitted their part (box 4, their reflection on the observer’s report).' };
  }
  return undefined;
}

function wrongStatus(state: AuditRecordState, event: AuditEvent): string {
  if (state.status === 'signed-off') return `You cannot ${EVENT_NAMES[event]}: it has been signed off and can no longer change.`;
  if (state.status === 'submitted') {
    return event === 'submit' || event === 'save-draft' ? 'This audit has already been submitted; amend it instead.' : `You cannot ${EVENT_NAMES[event]} yet.`;
  }
  // draft
  if (event === 'amend') return 'This audit has not been submitted yet, so there is nothing to amend; save or submit the draft instead.';
  if (event === 'submit-subject-part') return 'You can submit your part once the audit itself has been submitted; you can save it until then.';
  return 'This audit cannot be signed off until it has been submitted.';
}

/** Applies `event` by `actor` at `at` (an ISO timestamp), or says why not. */
export function apply(state: AuditRecordState, event: AuditEvent, actor: AuditActor, at: string): Transition {
  const refused = check(state, event, actor);
  if (refused) return { ok: false, error: refused };
  const history = [...state.history, { event, by: actor.personId, at }];
  switch (event) {
    case 'save-draft':
    case 'save-subject-part':
      return { ok: true, state: { ...state, history } };
    case 'submit':
      return { ok: true, state: { ...state, status: 'submitted', revision: 1, submittedAt: at, history } };
    case 'amend': {
      // The subject's part is reopened: they may want to respond to the change.
      const { subjectSubmittedAt: _reopened, ...rest } = state;
      return { ok: true, state: { ...rest, revision: state.revision + 1, history } };
    }
    case 'submit-subject-part':
      return { ok: true, state: { ...state, subjectSubmittedAt: at, history } };
    case 'sign-off':
      return { ok: true, state: { ...state, status: 'signed-off', signedOffAt: at, signedOffBy: actor.personId, history } };
  }
}
