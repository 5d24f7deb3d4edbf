/**
 * The SharePoint lists the app keeps its records in, as data: provisioning creates them from
 * this, the writer and the delta sync name columns from it. Column `name`s are SharePoint's
 * internal names (what Graph reads and writes); `displayName` is what people see in
 * SharePoint and Power BI. Why one item per response with the answers in one JSON column:
 * docs/adr/0011-sharepoint-lists.md.
 */
import { AUDIT_FORM_IDS } from '../../domain/audit/forms/types';

/** Bumped when a list or column is added or changed; provisioning records it in each list's description. */
export const SCHEMA_VERSION = 2;

export type ColumnType =
  | { readonly kind: 'text'; readonly multiline?: boolean }
  | { readonly kind: 'number'; readonly decimals?: number }
  | { readonly kind: 'choice'; readonly choices: readonly string[] }
  /** Date only: the app never stores a time of day (see the ADR for the noon convention). */
  | { readonly kind: 'date' }
  | { readonly kind: 'boolean' };

export interface ColumnSpec {
  readonly name: string;
  readonly displayName: string;
  readonly type: ColumnType;
  /** Indexed because the app filters on it (lists over 5,000 items refuse filters on anything else). */
  readonly indexed?: boolean;
  /** SharePoint refuses a second item with the same value (requires `indexed`). */
  readonly unique?: boolean;
  readonly required?: boolean;
}

/**
 * The lists the store adapter writes and syncs, by the name the app knows them by (the one
 * list of them: the outbox, the sync state and the SQL triggers use these names). In
 * dependency order: responses and participation need their cycle, an audit record its task.
 */
export const SYNCED_LISTS = ['cycles', 'responses', 'participation', 'auditTasks', 'auditRecords', 'supervisionLog', 'actions', 'youSaidWeDid'] as const;
export type SyncedList = (typeof SYNCED_LISTS)[number];
export type ListName = SyncedList;

/**
 * Lists whose records the app deletes: when the local row is gone, the writer deletes the
 * item. Elsewhere a missing row means "never leaves" (a participation record not yet
 * submitted) and the item, if any, is kept.
 */
export const DELETED_WITH_THE_APP: ReadonlySet<SyncedList> = new Set<SyncedList>(['actions']);

export interface ListSpec {
  readonly name: ListName;
  readonly displayName: string;
  readonly purpose: string;
  readonly columns: readonly ColumnSpec[];
}

const text = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: { kind: 'text' }, ...extra });
const number = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: { kind: 'number', decimals: 0 }, ...extra });
const date = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: { kind: 'date' }, ...extra });
const choice = (name: string, displayName: string, choices: readonly string[], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: { kind: 'choice', choices }, ...extra });
const notes = (name: string, displayName: string): ColumnSpec => ({ name, displayName, type: { kind: 'text', multiline: true } });
/** Every list's own key: what the app calls the record, so a retried write can find it. */
const phcId = text('PhcId', 'PHC id', { indexed: true, unique: true, required: true });

export const LISTS: readonly ListSpec[] = [
  {
    name: 'cycles',
    displayName: 'PHC Cycles',
    purpose: 'survey cycles (the participation secret never leaves the server)',
    columns: [
      phcId,
      text('SurveyId', 'Survey'),
      number('SurveyVersion', 'Survey version'),
      choice('Kind', 'Kind', ['live', 'published']),
      choice('Status', 'Status', ['draft', 'open', 'closed'], { indexed: true }),
      date('OpensOn', 'Opens on', { indexed: true }),
      date('ClosesOn', 'Closes on'),
      number('Threshold', 'Smallest group shown'),
      number('TextThreshold', 'Smallest group for comments'),
    ],
  },
  {
    name: 'responses',
    displayName: 'PHC Survey Responses',
    purpose: 'anonymous survey responses: answers, cycle and day, nothing about who',
    columns: [
      phcId,
      text('CycleId', 'Cycle', { indexed: true, required: true }),
      number('SurveyVersion', 'Survey version'),
      date('SubmittedOn', 'Submitted on'),
      notes('Answers', 'Answers (JSON)'),
    ],
  },
  {
    name: 'participation',
    displayName: 'PHC Participation',
    purpose: 'who has answered, as keyed hashes, for reminders and one response per person',
    columns: [
      phcId,
      text('CycleId', 'Cycle', { indexed: true, required: true }),
      text('ParticipationKey', 'Participation key'),
      choice('Status', 'Status', ['started', 'submitted']),
    ],
  },
  {
    name: 'auditTasks',
    displayName: 'PHC Audit Tasks',
    purpose: 'the audit programme: who audits what, by when',
    columns: [
      phcId,
      number('Year', 'Year', { indexed: true }),
      text('Activity', 'Activity'),
      text('Subject', 'Subject'),
      number('Occurrence', 'Occurrence'),
      text('Auditor', 'Auditor (Entra id)', { indexed: true }),
      text('Form', 'Form'),
      date('WindowStart', 'Window starts'),
      date('WindowEnd', 'Window ends'),
      date('DueOn', 'Due on', { indexed: true }),
      choice('Status', 'Status', ['planned', 'in-progress', 'completed', 'cancelled'], { indexed: true }),
      date('CompletedOn', 'Completed on'),
      date('CancelledOn', 'Cancelled on'),
      choice('CancelledReason', 'Why cancelled', ['subject-left', 'auditor-changed', 'no-longer-required']),
    ],
  },
  {
    name: 'auditRecords',
    displayName: 'PHC Audit Records',
    purpose: 'filled-in audit forms (Appendices 1 to 4), one per audit task, with their history',
    columns: [
      phcId,
      choice('FormId', 'Form', AUDIT_FORM_IDS),
      number('FormVersion', 'Form version'),
      choice('Status', 'Status', ['draft', 'submitted', 'signed-off'], { indexed: true }),
      number('Revision', 'Revision'),
      text('LeadId', 'Lead auditor (Entra id)', { indexed: true }),
      text('SubjectId', 'Subject (Entra id)'),
      { name: 'SignOffNeedsSubjectPart', displayName: 'Sign-off needs subject part', type: { kind: 'boolean' } },
      text('SubmittedAt', 'Submitted at (UTC)'),
      text('SubjectSubmittedAt', 'Subject part submitted at (UTC)'),
      text('SignedOffAt', 'Signed off at (UTC)'),
      text('SignedOffBy', 'Signed off by (Entra id)'),
      notes('Answers', 'Answers (JSON, by part)'),
      notes('History', 'History (JSON)'),
      number('Version', 'Version'),
    ],
  },
  {
    name: 'supervisionLog',
    displayName: 'PHC Supervision Log',
    purpose: 'supervision sessions held, postponed or cancelled',
    columns: [
      phcId,
      text('SupervisorId', 'Supervisor (Entra id)', { indexed: true }),
      text('SuperviseeId', 'Supervisee (Entra id)', { indexed: true }),
      date('HeldOn', 'Held on', { indexed: true }),
      choice('Outcome', 'Outcome', ['held', 'postponed', 'cancelled']),
    ],
  },
  {
    name: 'actions',
    displayName: 'PHC Actions',
    purpose: 'the action plan: what will be done about the Health Check and the audits, by whom, by when',
    // Schema 2 (issue 6's action plan). Schema 1's Source, Description and Overdue columns are
    // no longer written; provisioning leaves them (and the old "open" choice) where they exist.
    columns: [
      phcId,
      notes('What', 'What will be done'),
      text('OwnerId', 'Owner (Entra id)', { indexed: true }),
      date('DueOn', 'Due on', { indexed: true }),
      choice('Status', 'Status', ['not-started', 'in-progress', 'done', 'dropped'], { indexed: true }),
      choice('LinkKind', 'Linked to', ['none', 'question', 'audit']),
      text('QuestionId', 'Question'),
      text('CycleId', 'Cycle', { indexed: true }),
      text('AuditId', 'Audit task'),
      notes('Progress', 'Progress'),
      text('CreatedBy', 'Created by (Entra id)'),
      date('CreatedOn', 'Created on'),
      date('UpdatedOn', 'Updated on'),
      number('Version', 'Version'),
    ],
  },
  {
    name: 'youSaidWeDid',
    displayName: 'PHC You Said We Did',
    purpose: '"You said, we did" updates sent to staff, as they were sent (who received each stays on the server)',
    columns: [
      phcId,
      notes('Message', 'Message'),
      text('ActionIds', 'Actions (PHC ids)'),
      text('SentBy', 'Sent by (Entra id)'),
      date('SentOn', 'Sent on', { indexed: true }),
    ],
  },
];

export function listSpec(name: ListName): ListSpec {
  const spec = LISTS.find((l) => l.name === name);
  if (!spec) throw new Error(`No SharePoint list is defined for ${name}.`);
  return spec;
}

/** The marker provisioning writes at the end of a list's description. */
export function describeList(spec: ListSpec, version = SCHEMA_VERSION): string {
  return `Practice Health Check: ${spec.purpose}. Managed by the app [phc-schema ${version}].`;
}

/** The schema version a list description records, if any. */
export function schemaVersionOf(description: string | undefined): number | undefined {
  const match = /\[phc-schema (\d+)\]/.exec(description ?? '');
  return match ? Number(match[1]) : undefined;
}
