import type { FieldKind, StoreClassification } from '../../../domain/dataProtection/inventory';
import { SQLITE_INVENTORY } from '../../sqlite/inventory';

/**
 * What every SharePoint list and column holds (the data inventory, `phc dpia pack`): each list
 * mirrors a table of the local store and shares its purpose, basis, retention and readers; the
 * columns are classified here. SharePoint's own Created and Modified are on every item: the
 * time the app wrote it, by the app's identity (responses leave in groups, so it is no one's
 * time of answering).
 */
const SHAREPOINT_OWN: Readonly<Record<string, FieldKind>> = { Created: 'operational', Modified: 'operational' };

/** The fields SharePoint adds to every item, which the inventory counts as stored. */
export const SHAREPOINT_SYSTEM_FIELDS = Object.keys(SHAREPOINT_OWN);

function mirror(table: string, whoSees: string, fields: Readonly<Record<string, FieldKind>>): StoreClassification {
  const local = SQLITE_INVENTORY[`SQLite:${table}`];
  if (!local) throw new Error(`No inventory entry for the table ${table}`);
  return { ...local, whoSees, leaves: "Microsoft 365 (the council's tenant), read by the app", fields: { ...SHAREPOINT_OWN, Title: 'operational', PhcId: 'operational', ...fields } };
}

const LIST_READERS = 'The app, and the people the council names on the list (restricted: see docs/data-protection.md)';
const SITE_READERS = "The app, and the site's members";

export const SHAREPOINT_INVENTORY: Readonly<Record<string, StoreClassification>> = {
  'SharePoint:PHC Cycles': mirror('cycles', SITE_READERS, {
    SurveyId: 'operational',
    SurveyVersion: 'operational',
    Kind: 'operational',
    Status: 'operational',
    OpensOn: 'operational',
    ClosesOn: 'operational',
    Threshold: 'operational',
    TextThreshold: 'operational',
    Audience: 'operational',
    Plan: 'operational',
    PublishedOn: 'operational',
  }),
  'SharePoint:PHC Questionnaires': mirror('questionnaires', SITE_READERS, {
    Title: 'typed-text',
    SurveyId: 'operational',
    SurveyVersion: 'operational',
    Kind: 'operational',
    BasedOn: 'reference',
    Definition: 'survey-questions',
    SavedBy: 'person-id',
    SavedOn: 'operational',
  }),
  'SharePoint:PHC Survey Responses': mirror('responses', LIST_READERS, { CycleId: 'reference', SurveyVersion: 'operational', SubmittedOn: 'operational', Answers: 'survey-answer' }),
  'SharePoint:PHC Participation': mirror('participation', LIST_READERS, { CycleId: 'reference', ParticipationKey: 'keyed-hash', Status: 'operational' }),
  // Audit tasks and their records are keyed by the task id, which holds the person audited's id; supervision by the two people's.
  'SharePoint:PHC Audit Tasks': mirror('audit_tasks', LIST_READERS, {
    PhcId: 'person-id',
    Year: 'operational',
    Activity: 'work-record',
    Subject: 'person-id',
    Occurrence: 'operational',
    Auditor: 'person-id',
    Form: 'operational',
    WindowStart: 'work-record',
    WindowEnd: 'work-record',
    DueOn: 'work-record',
    Status: 'work-record',
    CompletedOn: 'work-record',
    CancelledOn: 'work-record',
    CancelledReason: 'work-record',
  }),
  'SharePoint:PHC Audit Records': mirror('audit_records', LIST_READERS, {
    PhcId: 'person-id',
    FormId: 'operational',
    FormVersion: 'operational',
    Status: 'work-record',
    Revision: 'operational',
    LeadId: 'person-id',
    SubjectId: 'person-id',
    SignOffNeedsSubjectPart: 'operational',
    SubmittedAt: 'work-record',
    SubjectSubmittedAt: 'work-record',
    SignedOffAt: 'work-record',
    SignedOffBy: 'person-id',
    Answers: 'free-text',
    History: 'work-record',
    Version: 'operational',
  }),
  'SharePoint:PHC Supervision Log': mirror('supervision_log', SITE_READERS, {
    PhcId: 'person-id',
    SupervisorId: 'person-id',
    SuperviseeId: 'person-id',
    HeldOn: 'work-record',
    Outcome: 'work-record',
  }),
  'SharePoint:PHC Actions': mirror('actions', SITE_READERS, {
    What: 'typed-text',
    OwnerId: 'person-id',
    DueOn: 'work-record',
    Status: 'work-record',
    LinkKind: 'reference',
    QuestionId: 'reference',
    CycleId: 'reference',
    AuditId: 'reference',
    Progress: 'typed-text',
    CreatedBy: 'person-id',
    CreatedOn: 'work-record',
    UpdatedOn: 'work-record',
    Version: 'operational',
  }),
  // Who was invited and their replies travel in the focus group's item: a restricted list.
  'SharePoint:PHC Focus Groups': mirror('focus_groups', LIST_READERS, {
    Title: 'typed-text',
    Year: 'operational',
    Purpose: 'operational',
    ReviewId: 'reference',
    HeldOn: 'work-record',
    StartsAt: 'work-record',
    Place: 'typed-text',
    FacilitatorId: 'person-id',
    InvitedTeams: 'reference',
    InvitedRoles: 'operational',
    Status: 'work-record',
    InvitationsSentOn: 'work-record',
    Attended: 'aggregate',
    Notes: 'practice-notes',
    Themes: 'practice-notes',
    Invitations: 'person-id',
    CreatedBy: 'person-id',
    CreatedOn: 'work-record',
    UpdatedOn: 'work-record',
    Version: 'operational',
  }),
  'SharePoint:PHC Thematic Reviews': mirror('thematic_reviews', SITE_READERS, {
    Title: 'practice-notes',
    Year: 'operational',
    Slot: 'operational',
    LeadId: 'person-id',
    Plan: 'person-id',
    Findings: 'practice-notes',
    Recommendations: 'practice-notes',
    CreatedBy: 'person-id',
    CreatedOn: 'work-record',
    UpdatedOn: 'work-record',
    Version: 'operational',
  }),
  'SharePoint:PHC Self-Assessments': mirror('self_assessments', SITE_READERS, {
    Kind: 'operational',
    Year: 'operational',
    Status: 'work-record',
    Items: 'typed-text',
    EvidenceOn: 'operational',
    SubmittedOn: 'work-record',
    SubmittedBy: 'person-id',
    EndorsedOn: 'work-record',
    EndorsedBy: 'person-id',
    ReturnedNote: 'typed-text',
    CreatedBy: 'person-id',
    CreatedOn: 'work-record',
    UpdatedOn: 'work-record',
    Version: 'operational',
  }),
  // A new instance is rebuilt from these (docs/adr/0024).
  'SharePoint:PHC Message Plans': mirror('outbox_plans', SITE_READERS, { CycleId: 'reference', Plan: 'operational' }),
  'SharePoint:PHC Audit Plans': mirror('audit_plans', SITE_READERS, { Year: 'operational', Seed: 'operational', RulesHash: 'operational', PlannedOn: 'operational' }),
  // Keyed by the audit task's id, which holds the supervisor's.
  'SharePoint:PHC Supervision Samples': mirror('supervision_samples', LIST_READERS, {
    PhcId: 'person-id',
    Year: 'operational',
    SupervisorId: 'person-id',
    Seed: 'operational',
    PeriodStart: 'work-record',
    PeriodEnd: 'work-record',
    DrawnOn: 'work-record',
    Supervisees: 'person-id',
    Picks: 'work-record',
    WithoutRecords: 'person-id',
  }),
  'SharePoint:PHC 39 Steps Returns': mirror('org_returns', LIST_READERS, {
    CycleId: 'reference',
    TeamId: 'reference',
    SubmittedBy: 'person-id',
    SubmittedOn: 'operational',
    Measures: 'health-aggregate',
  }),
  // Survey invitations, reminders and 39-steps cards (the outbox) and "You said, we did" deliveries, keyed by whom they went to.
  'SharePoint:PHC Messages': {
    ...mirror('outbox', LIST_READERS, {
      PhcId: 'person-id',
      Kind: 'operational',
      PersonId: 'person-id',
      CycleId: 'reference',
      UpdateId: 'reference',
      Status: 'operational',
      Attempts: 'operational',
      DueAt: 'operational',
      NextAttemptAt: 'operational',
      Reason: 'operational',
    }),
    purpose:
      'Every message the app sent or will send to a person (survey invitations and reminders, 39-steps return cards, "You said, we did" updates) and what became of it, so a new instance never sends one twice',
  },
  'SharePoint:PHC You Said We Did': mirror('you_said_we_did', SITE_READERS, { Message: 'typed-text', ReportedActionIds: 'reference', SentBy: 'person-id', SentOn: 'operational' }),
};
