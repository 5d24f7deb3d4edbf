import type { StoreClassification, StoredField } from '../../domain/dataProtection/inventory';
import type { Db } from './database';

/**
 * What every table and column of the SQLite store holds and why (the data inventory, `phc dpia
 * pack`). A new table or column is classified here in the same change that adds it: the pack,
 * and its test, refuse a field nobody has classified.
 */
const SERVER = 'Stays on the server';
const WITH_RECORDS = { plainly: 'Goes with the records it serves' } as const;
const KEPT = { plainly: 'Kept: it identifies nobody' } as const;
const ADMINS = 'Nobody in the tab: the app itself, and administrators of the server';

export const SQLITE_INVENTORY: Readonly<Record<string, StoreClassification>> = {
  'SQLite:cycles': {
    purpose: 'Survey cycles: when each survey is open, who is asked (teams or roles, never named people), its reminder days, the smallest groups it shows and when its results were published',
    basis: 'not-personal',
    retention: KEPT,
    whoSees: 'Everyone (the cycles list); the settings: the PSW and admins',
    // Each cycle's participation secret is in the secret store (Key Vault, or a folder beside the file), never here or in SharePoint.
    leaves: 'SharePoint: PHC Cycles (the participation secret is kept apart, in Key Vault or a folder beside the file, and destroyed when the cycle closes)',
    fields: {
      id: 'operational', survey_id: 'operational', survey_version: 'operational', title: 'operational', kind: 'operational', status: 'operational', opens_on: 'operational', closes_on: 'operational', threshold: 'operational', text_threshold: 'operational',
      audience: 'operational', plan: 'operational', published_on: 'operational',
    },
  },
  'SQLite:questionnaires': {
    purpose: 'The PSW\'s own surveys (pulse surveys), every version as saved, and who saved it',
    basis: 'public-task',
    retention: { plainly: 'Kept: the cycles that asked a version name it; who saved it is pseudonymised when they leave (leavers)' },
    whoSees: 'The PSW and admins; the questions: everyone the survey asks',
    leaves: 'SharePoint: PHC Questionnaires',
    fields: { id: 'operational', version: 'operational', kind: 'operational', title: 'typed-text', definition: 'survey-questions', based_on: 'reference', saved_by: 'person-id', saved_on: 'operational' },
  },
  'SQLite:responses': {
    purpose: 'Staff survey answers, to find out across teams what helps and what gets in the way of practice',
    basis: 'public-task',
    retention: 'survey-answers',
    whoSees: 'Nobody one by one: results are totals for groups of at least the threshold; comments are read by the PSW and admins',
    leaves: 'SharePoint: PHC Survey Responses (restricted list)',
    fields: { id: 'operational', cycle_id: 'reference', survey_version: 'operational', submitted_on: 'operational', answers: 'survey-answer' },
  },
  'SQLite:participation': {
    purpose: 'Who has answered, as keyed hashes: reminders, one response each',
    basis: 'public-task',
    retention: 'survey-answers',
    whoSees: ADMINS,
    leaves: 'SharePoint: PHC Participation (submitted only)',
    fields: { cycle_id: 'reference', key: 'keyed-hash', status: 'operational' },
  },
  'SQLite:drafts': {
    purpose: 'Unsent answers, so people can carry on later',
    basis: 'public-task',
    retention: { plainly: 'Deleted when the person sends, or when the cycle closes' },
    whoSees: 'The person themselves',
    leaves: SERVER,
    fields: { cycle_id: 'reference', key: 'keyed-hash', answers: 'survey-answer', section_index: 'operational', saved_on: 'operational' },
  },
  'SQLite:published_cycles': {
    purpose: 'Earlier years\' published Health Check figures',
    basis: 'not-personal',
    retention: KEPT,
    whoSees: 'Everyone',
    leaves: SERVER,
    fields: { id: 'operational', opens_on: 'operational', body: 'aggregate' },
  },
  'SQLite:cycle_close_outs': {
    purpose: 'A closed cycle\'s results and response rate as published, kept once its About you answers and secret are gone',
    basis: 'not-personal',
    retention: { plainly: 'Kept; written comments in it go with the answers (survey-answers)' },
    whoSees: 'As the results: groups of at least the threshold, comments for the PSW and admins',
    leaves: SERVER,
    fields: { cycle_id: 'reference', closed_out_on: 'operational', results: 'aggregate', response_rate: 'aggregate', answers_disposed_on: 'operational' },
  },
  'SQLite:conversations': {
    purpose: 'How the bot reaches each person in Teams',
    basis: 'public-task',
    retention: { plainly: 'Deleted when the person leaves' },
    whoSees: ADMINS,
    leaves: SERVER,
    fields: { user_id: 'person-id', reference: 'name' },
  },
  'SQLite:outbox_plans': { purpose: 'When a cycle\'s reminders go', basis: 'not-personal', retention: KEPT, whoSees: 'Admins (phc outbox status)', leaves: 'SharePoint: PHC Message Plans', fields: { cycle_id: 'reference', plan: 'operational' } },
  'SQLite:outbox': {
    purpose: 'Survey invitations and reminders to send, and what happened to each',
    basis: 'public-task',
    retention: 'messages',
    whoSees: 'Admins (phc outbox status, counts)',
    leaves: 'Microsoft Teams (the message itself); SharePoint: PHC Messages (to whom, and what became of it; restricted list)',
    fields: { key: 'person-id', cycle_id: 'reference', user_id: 'person-id', kind: 'operational', due_at: 'operational', status: 'operational', attempts: 'operational', next_attempt_at: 'operational', lease_owner: 'operational', lease_until: 'operational', reason: 'operational' },
  },
  'SQLite:outbox_sender': { purpose: 'Which process may send to Teams', basis: 'not-personal', retention: KEPT, whoSees: ADMINS, leaves: SERVER, fields: { id: 'operational', owner: 'operational', lease_until: 'operational' } },
  'SQLite:audit_plans': { purpose: 'How each year\'s audits were planned (the seed), so the plan can be reproduced', basis: 'not-personal', retention: 'audit-records', whoSees: 'The PSW and admins', leaves: 'SharePoint: PHC Audit Plans', fields: { year: 'operational', seed: 'operational', rules_hash: 'operational', planned_on: 'operational' } },
  'SQLite:audit_tasks': {
    purpose: 'The audit programme: who audits whose practice, by when',
    basis: 'public-task',
    retention: 'audit-records',
    whoSees: 'The auditor, the person audited, their line managers, the PSW and admins',
    leaves: 'SharePoint: PHC Audit Tasks (restricted list)',
    fields: { id: 'person-id', year: 'operational', activity: 'work-record', subject: 'person-id', occurrence: 'operational', auditor: 'person-id', form: 'operational', window_start: 'work-record', window_end: 'work-record', due_on: 'work-record', status: 'work-record', completed_on: 'work-record', cancelled_on: 'work-record', cancelled_reason: 'work-record' },
  },
  'SQLite:supervision_log': {
    purpose: 'Supervision held, postponed or cancelled, for the supervision audits and frequency figures',
    basis: 'public-task',
    retention: 'supervision-log',
    whoSees: 'The supervisor, the supervisee, their line managers, the PSW and admins; counts for the management team',
    leaves: 'SharePoint: PHC Supervision Log',
    fields: { id: 'person-id', supervisor_id: 'person-id', supervisee_id: 'person-id', held_on: 'work-record', outcome: 'work-record' },
  },
  'SQLite:audit_records': {
    purpose: 'Filled-in audit forms (Appendices 1 to 4): ratings and comments on practice',
    basis: 'public-task',
    retention: 'audit-records',
    whoSees: 'The auditor, the person audited, their line managers, the PSW and admins',
    leaves: 'SharePoint: PHC Audit Records (restricted list)',
    fields: {
      task_id: 'person-id', form_id: 'operational', form_version: 'operational', status: 'work-record', revision: 'operational', lead_id: 'person-id', subject_id: 'person-id', sign_off_needs_subject_part: 'operational',
      submitted_at: 'work-record', subject_submitted_at: 'work-record', signed_off_at: 'work-record', signed_off_by: 'person-id', answers_auditor: 'free-text', answers_subject: 'free-text', answers_observer: 'free-text', answers_worker: 'free-text', version: 'operational',
    },
  },
  'SQLite:audit_record_events': { purpose: 'Who changed an audit form, and when', basis: 'public-task', retention: 'audit-records', whoSees: 'As the form', leaves: 'SharePoint: PHC Audit Records (History)', fields: { task_id: 'person-id', seq: 'operational', event: 'work-record', by_id: 'person-id', at: 'work-record' } },
  'SQLite:people': {
    purpose: 'The staff directory: who is in which team and role, who manages and supervises whom',
    basis: 'public-task',
    retention: 'leavers',
    whoSees: 'Everyone sees names in their own records; managers and the PSW their teams',
    leaves: SERVER,
    fields: { id: 'person-id', display_name: 'name', role: 'work-record', team_id: 'reference', line_manager_id: 'person-id', supervisor_id: 'person-id', left_on: 'work-record' },
  },
  'SQLite:teams': { purpose: 'The teams and service areas', basis: 'not-personal', retention: KEPT, whoSees: 'Everyone', leaves: SERVER, fields: { id: 'operational', name: 'operational', service_area: 'operational' } },
  'SQLite:organisation_import': { purpose: 'When the directory was last taken', basis: 'not-personal', retention: KEPT, whoSees: ADMINS, leaves: SERVER, fields: { id: 'operational', imported_on: 'operational' } },
  'SQLite:audit_reminders': { purpose: 'Audit reminders sent, one a person a day', basis: 'public-task', retention: 'messages', whoSees: ADMINS, leaves: 'Microsoft Teams (the message itself)', fields: { key: 'person-id', person: 'person-id', day: 'operational', status: 'operational', reason: 'operational' } },
  'SQLite:audit_snoozes': { purpose: 'An audit reminder put off once', basis: 'public-task', retention: 'audit-records', whoSees: 'The auditor', leaves: SERVER, fields: { task_id: 'person-id', until_on: 'work-record' } },
  'SQLite:supervision_samples': {
    purpose: 'The supervision records drawn for each staff supervision audit, kept as drawn',
    basis: 'public-task',
    retention: 'audit-records',
    whoSees: 'As the audit',
    leaves: 'SharePoint: PHC Supervision Samples (restricted list)',
    fields: { task_id: 'person-id', year: 'operational', supervisor_id: 'person-id', seed: 'operational', period_start: 'work-record', period_end: 'work-record', drawn_on: 'work-record', supervisees: 'person-id', picks: 'work-record', without_records: 'person-id' },
  },
  'SQLite:actions': {
    purpose: 'The action plan: what will be done about the Health Check and the audits, by whom',
    basis: 'public-task',
    retention: 'action-plan',
    whoSees: 'Everyone (owners by name); actions linked to an audit as that audit',
    leaves: 'SharePoint: PHC Actions',
    fields: { id: 'operational', what: 'typed-text', owner_id: 'person-id', due: 'work-record', status: 'work-record', link: 'reference', progress: 'typed-text', created_by: 'person-id', created_on: 'work-record', updated_on: 'work-record', version: 'operational' },
  },
  'SQLite:you_said_we_did': { purpose: '"You said, we did" updates as sent to staff', basis: 'public-task', retention: 'action-plan', whoSees: 'Everyone (the message); who sent it: the PSW and admins', leaves: 'SharePoint: PHC You Said We Did', fields: { id: 'operational', message: 'typed-text', action_ids: 'reference', sent_by: 'person-id', sent_on: 'operational' } },
  'SQLite:you_said_we_did_messages': { purpose: 'Delivery of each update to each person', basis: 'public-task', retention: 'messages', whoSees: ADMINS, leaves: 'Microsoft Teams (the message itself); SharePoint: PHC Messages (to whom, and what became of it; restricted list)', fields: { update_id: 'reference', user_id: 'person-id', status: 'operational', reason: 'operational' } },
  'SQLite:caseload_entries': {
    purpose: 'Each worker\'s open cases per month, for the caseload audit',
    basis: 'public-task',
    retention: 'caseloads',
    whoSees: 'Team averages for managers and the PSW; a worker\'s own figure to them and their managers',
    leaves: SERVER,
    fields: { team_id: 'reference', month: 'work-record', worker_key: 'person-id', worker_id: 'person-id', worker_name: 'name', open_cases: 'work-record', complexity: 'work-record', risk: 'work-record', travel: 'work-record', source: 'operational', recorded_on: 'operational' },
  },
  'SQLite:org_returns': {
    purpose: 'Each team\'s 39-steps figures for a cycle, including team sickness figures',
    basis: 'public-task-health',
    retention: '39-steps-returns',
    whoSees: 'The PSW, managers and the management team; sickness figures only for teams of at least five',
    leaves: 'SharePoint: PHC 39 Steps Returns (restricted list)',
    fields: { cycle_id: 'reference', team_id: 'reference', submitted_by: 'person-id', submitted_on: 'operational', measures: 'health-aggregate' },
  },
  'SQLite:focus_groups': {
    purpose: 'Focus groups (Appendix 5): when and where, who facilitates, which teams and roles are invited, how many came (a number, never who), the notes by question and the themes drawn out',
    basis: 'public-task',
    retention: 'quality-assurance',
    whoSees: 'The PSW, admins and the management team; a facilitator their own; the themes, without names, in the Quarterly Quality Report',
    leaves: 'SharePoint: PHC Focus Groups (restricted list)',
    fields: {
      id: 'operational', year: 'operational', purpose: 'operational', review_id: 'reference', title: 'typed-text', held_on: 'work-record', starts_at: 'work-record', place: 'typed-text', facilitator_id: 'person-id', invited_teams: 'reference', invited_roles: 'operational',
      status: 'work-record', invitations_sent_on: 'work-record', attended: 'aggregate', notes: 'practice-notes', themes: 'practice-notes', created_by: 'person-id', created_on: 'work-record', updated_on: 'work-record', version: 'operational',
    },
  },
  'SQLite:focus_group_invitations': {
    purpose: 'Who was invited to each focus group and what they replied, so the facilitator knows who is coming',
    basis: 'public-task',
    retention: 'quality-assurance',
    whoSees: 'The PSW, admins and the facilitator; everyone else sees numbers',
    leaves: 'SharePoint: PHC Focus Groups (with its focus group; restricted list)',
    fields: { focus_group_id: 'reference', person_id: 'person-id', reply: 'work-record', replied_on: 'work-record' },
  },
  'SQLite:thematic_reviews': {
    purpose: 'Thematic practice reviews: the theme, the plan (scope, objectives, methods, the review group by id, stage dates), findings and recommendations',
    basis: 'public-task',
    retention: 'quality-assurance',
    whoSees: 'The PSW, admins and the management team; the lead and the review group their own',
    leaves: 'SharePoint: PHC Thematic Reviews',
    fields: {
      id: 'operational', year: 'operational', slot: 'operational', theme: 'practice-notes', lead_id: 'person-id', plan: 'person-id', findings: 'practice-notes', recommendations: 'practice-notes',
      created_by: 'person-id', created_on: 'work-record', updated_on: 'work-record', version: 'operational',
    },
  },
  'SQLite:self_assessments': {
    purpose: 'The national standards and health check self-assessments: the app\'s evidence (figures after suppression), ratings and comments on the service, who submitted and who endorsed them',
    basis: 'public-task',
    retention: 'quality-assurance',
    whoSees: 'The PSW, admins and the management team',
    leaves: 'SharePoint: PHC Self-Assessments',
    fields: {
      id: 'operational', kind: 'operational', year: 'operational', status: 'work-record', items: 'typed-text', evidence_on: 'operational', submitted_on: 'work-record', submitted_by: 'person-id', endorsed_on: 'work-record', endorsed_by: 'person-id',
      returned_note: 'typed-text', created_by: 'person-id', created_on: 'work-record', updated_on: 'work-record', version: 'operational',
    },
  },
  'SQLite:report_settings': { purpose: 'The PSW\'s report settings (standards mapping, caseload level)', basis: 'not-personal', retention: KEPT, whoSees: 'The PSW', leaves: SERVER, fields: { key: 'operational', value: 'operational' } },
  'SQLite:quality_themes': { purpose: 'Themes the PSW tags for the Quarterly Quality Report', basis: 'public-task', retention: 'quality-themes', whoSees: 'The PSW, the management team', leaves: SERVER, fields: { id: 'operational', quarter: 'operational', theme: 'work-record', source: 'work-record', note: 'typed-text', tagged_by: 'person-id', tagged_on: 'operational' } },
  'SQLite:retention_holds': { purpose: 'Legal holds that stop disposal', basis: 'public-task', retention: { plainly: 'Until released' }, whoSees: 'The DPO, the PSW and admins', leaves: SERVER, fields: { id: 'operational', scope: 'person-id', reason: 'typed-text', placed_by: 'person-id', placed_on: 'operational' } },
  'SQLite:disposal_log': { purpose: 'What each day\'s disposal did, as counts', basis: 'not-personal', retention: KEPT, whoSees: 'The DPO, the PSW and admins', leaves: SERVER, fields: { run_on: 'operational', record_type: 'operational', action: 'operational', disposed: 'aggregate', held: 'aggregate' } },
  'SQLite:access_log': { purpose: 'Who read or exported named records, and when (no content)', basis: 'public-task', retention: 'access-log', whoSees: 'The DPO', leaves: SERVER, fields: { seq: 'operational', at: 'operational', viewer_id: 'person-id', action: 'operational', what: 'operational', subject_id: 'person-id', records: 'operational', via: 'operational' } },
  'SQLite:schema_migrations': { purpose: 'The schema\'s version', basis: 'not-personal', retention: KEPT, whoSees: ADMINS, leaves: SERVER, fields: { id: 'operational', name: 'operational' } },
  'SQLite:sharepoint_site': { purpose: 'Which SharePoint site holds the records', basis: 'not-personal', retention: KEPT, whoSees: ADMINS, leaves: SERVER, fields: { id: 'operational', site_id: 'operational' } },
  'SQLite:sharepoint_lists': { purpose: 'The SharePoint lists and their change tokens', basis: 'not-personal', retention: KEPT, whoSees: ADMINS, leaves: SERVER, fields: { list: 'operational', list_id: 'operational', delta_link: 'operational' } },
  'SQLite:sharepoint_pending': { purpose: 'Records waiting to be written to SharePoint', basis: 'public-task', retention: WITH_RECORDS, whoSees: ADMINS, leaves: SERVER, fields: { list: 'operational', item_key: 'person-id', cycle_id: 'reference', version: 'operational', released: 'operational', attempts: 'operational', in_doubt: 'operational', not_before: 'operational', failed: 'operational', reason: 'operational' } },
  'SQLite:sharepoint_holds': { purpose: 'Responses held back to leave in groups', basis: 'not-personal', retention: WITH_RECORDS, whoSees: ADMINS, leaves: SERVER, fields: { list: 'operational', cycle_id: 'reference', since: 'operational' } },
  'SQLite:sharepoint_items': { purpose: 'Which SharePoint item holds each record', basis: 'public-task', retention: WITH_RECORDS, whoSees: ADMINS, leaves: SERVER, fields: { list: 'operational', item_key: 'person-id', item_id: 'operational' } },
  'SQLite:sharepoint_sync_guard': { purpose: 'Marks SharePoint\'s own changes while they are applied', basis: 'not-personal', retention: KEPT, whoSees: ADMINS, leaves: SERVER, fields: { id: 'operational' } },
  'SQLite:sharepoint_read_back': { purpose: 'Marks a new data directory that has not yet read its records back from SharePoint, so it serves nobody until it has', basis: 'not-personal', retention: { plainly: 'Deleted once the records are read back' }, whoSees: ADMINS, leaves: SERVER, fields: { id: 'operational' } },
  'SQLite:participation_secrets_to_move': {
    purpose: 'Open cycles\' participation secrets from before they were kept apart, while the first start after the upgrade moves each to the secret store (Key Vault, or a folder beside the file)',
    basis: 'public-task',
    retention: { plainly: 'Deleted, and its bytes zeroed, as soon as each is moved (the first start after the upgrade)' },
    whoSees: ADMINS,
    leaves: 'The secret store (Key Vault, or a folder beside the file)',
    fields: { cycle_id: 'reference', secret: 'secret' },
  },
  'SQLite:sharepoint_disposals': { purpose: 'SharePoint items to delete (or write afresh) after disposal', basis: 'public-task', retention: WITH_RECORDS, whoSees: ADMINS, leaves: SERVER, fields: { list: 'operational', item_key: 'person-id', recreate: 'operational' } },
};

/** Every column of every table the schema has (read from the database itself). */
export function storedColumns(db: Db): StoredField[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return tables.flatMap((t) => (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).map((c): StoredField => ({ store: 'SQLite', place: t, field: c })));
}
