import { KIND_TITLES, SELF_ASSESSMENT_KINDS, SELF_ASSESSMENT_STATUSES, type SelfAssessmentKind } from '../../../domain/framework/selfAssessment';
import { SELF_ASSESSMENT_COLUMNS, type SelfAssessmentRow } from '../../sqlite/frameworkStores';
import { dateOrNull, optionalText, str, toSharePointDate, type Fields, type Parsed } from './fields';
import { day, json, optionalDay, unreadable, whole, oneTableRecord } from './frameworkRecords';
import { choice, date, notes, number, phcId, text } from './spec';
import { defineList } from './types';

/**
 * The national standards and health check self-assessments: one item each, with its items
 * (evidence as read, rating, comment, improvement actions) as JSON, and who submitted and
 * endorsed it and when as columns.
 */
export function selfAssessmentFields(row: SelfAssessmentRow): Fields {
  return {
    Title: `${KIND_TITLES[row.kind as SelfAssessmentKind] ?? row.kind} ${row.year}`,
    PhcId: row.id,
    Kind: row.kind,
    Year: row.year,
    Status: row.status,
    Items: row.items,
    EvidenceOn: toSharePointDate(row.evidence_on),
    SubmittedOn: dateOrNull(row.submitted_on),
    SubmittedBy: row.submitted_by,
    EndorsedOn: dateOrNull(row.endorsed_on),
    EndorsedBy: row.endorsed_by,
    ReturnedNote: row.returned_note,
    CreatedBy: row.created_by,
    CreatedOn: toSharePointDate(row.created_on),
    UpdatedOn: toSharePointDate(row.updated_on),
    Version: row.version,
  };
}

export function parseSelfAssessment(fields: Fields): Parsed<SelfAssessmentRow> {
  const id = str(fields.PhcId);
  const row = {
    id,
    kind: str(fields.Kind),
    year: whole(fields.Year),
    status: str(fields.Status),
    items: json(fields.Items),
    evidence_on: day(fields.EvidenceOn),
    submitted_on: optionalDay(fields.SubmittedOn),
    submitted_by: optionalText(fields.SubmittedBy),
    endorsed_on: optionalDay(fields.EndorsedOn),
    endorsed_by: optionalText(fields.EndorsedBy),
    returned_note: optionalText(fields.ReturnedNote),
    created_by: str(fields.CreatedBy),
    created_on: day(fields.CreatedOn),
    updated_on: day(fields.UpdatedOn),
    version: whole(fields.Version),
  };
  const missing = unreadable(row);
  if (missing.length > 0) return { ok: false, problem: `self-assessment ${id ?? '(no id)'} is missing or has unreadable ${missing.join(', ')}` };
  if (!SELF_ASSESSMENT_KINDS.includes(row.kind as never) || !SELF_ASSESSMENT_STATUSES.includes(row.status as never))
    return { ok: false, problem: `self-assessment ${String(id)} has a kind or status the app does not know` };
  if ((row.status === 'endorsed') !== (row.endorsed_on !== null && row.endorsed_by !== null))
    return { ok: false, problem: `self-assessment ${String(id)} says it is endorsed without saying by whom and when, or the other way round` };
  return { ok: true, row: row as SelfAssessmentRow };
}

export const selfAssessments = defineList({
  spec: {
    name: 'selfAssessments',
    displayName: 'PHC Self-Assessments',
    purpose: 'the national professional standards and health check self-assessments: evidence, ratings, comments, improvement actions, endorsement',
    columns: [
      phcId,
      choice('Kind', 'Self-assessment', SELF_ASSESSMENT_KINDS),
      number('Year', 'Council year', { indexed: true }),
      choice('Status', 'Status', SELF_ASSESSMENT_STATUSES, { indexed: true }),
      notes('Items', 'Items: evidence, rating, comment, actions (JSON)'),
      date('EvidenceOn', 'Evidence read on'),
      date('SubmittedOn', 'Submitted on'),
      text('SubmittedBy', 'Submitted by (Entra id)'),
      date('EndorsedOn', 'Endorsed on'),
      text('EndorsedBy', 'Endorsed by (Entra id)'),
      notes('ReturnedNote', 'Returned with'),
      text('CreatedBy', 'Created by (Entra id)'),
      date('CreatedOn', 'Created on'),
      date('UpdatedOn', 'Updated on'),
      number('Version', 'Version'),
    ],
  },
  parse: parseSelfAssessment,
  ...oneTableRecord<SelfAssessmentRow>('self_assessments', SELF_ASSESSMENT_COLUMNS, 'self-assessment', selfAssessmentFields),
});
