import { THEMATIC_REVIEW_COLUMNS, type ThematicReviewRow } from '../../sqlite/frameworkStores';
import { str, titleOf, toSharePointDate, type Fields, type Parsed } from './fields';
import { day, json, unreadable, whole, oneTableRecord } from './frameworkRecords';
import { date, notes, number, phcId, text } from './spec';
import { defineList } from './types';

/**
 * Thematic practice reviews: one item each, the theme and lead as columns (to group by in
 * views and Power BI), the plan (scope, objectives, methodology, review group, stage dates),
 * findings and recommendations as JSON.
 */
export function reviewFields(row: ThematicReviewRow): Fields {
  return {
    Title: titleOf(row.theme),
    PhcId: row.id,
    Year: row.year,
    Slot: row.slot,
    LeadId: row.lead_id,
    Plan: row.plan,
    Findings: row.findings,
    Recommendations: row.recommendations,
    CreatedBy: row.created_by,
    CreatedOn: toSharePointDate(row.created_on),
    UpdatedOn: toSharePointDate(row.updated_on),
    Version: row.version,
  };
}

export function parseReview(fields: Fields): Parsed<ThematicReviewRow> {
  const id = str(fields.PhcId);
  const row = {
    id,
    year: whole(fields.Year),
    slot: whole(fields.Slot),
    theme: typeof fields.Title === 'string' && fields.Title.trim() !== '' ? fields.Title : undefined,
    lead_id: str(fields.LeadId),
    plan: json(fields.Plan),
    findings: json(fields.Findings),
    recommendations: json(fields.Recommendations),
    created_by: str(fields.CreatedBy),
    created_on: day(fields.CreatedOn),
    updated_on: day(fields.UpdatedOn),
    version: whole(fields.Version),
  };
  const missing = unreadable(row);
  if (missing.length > 0) return { ok: false, problem: `thematic review ${id ?? '(no id)'} is missing or has unreadable ${missing.join(', ')}` };
  if ((row.slot as number) < 1 || (row.slot as number) > 4) return { ok: false, problem: `thematic review ${String(id)} is in slot ${String(row.slot)}; a year has slots 1 to 4` };
  return { ok: true, row: row as ThematicReviewRow };
}

export const thematicReviews = defineList({
  spec: {
    name: 'thematicReviews',
    displayName: 'PHC Thematic Reviews',
    purpose: 'thematic practice reviews: theme, scope, objectives, methodology, review group, stage dates, findings and recommendations',
    columns: [
      phcId,
      number('Year', 'Council year', { indexed: true }),
      number('Slot', 'Review of the year (1-4)'),
      text('LeadId', 'Lead (Entra id)', { indexed: true }),
      notes('Plan', 'Plan: scope, objectives, methodology, group, stages (JSON)'),
      notes('Findings', 'Findings (JSON)'),
      notes('Recommendations', 'Recommendations (JSON)'),
      text('CreatedBy', 'Created by (Entra id)'),
      date('CreatedOn', 'Created on'),
      date('UpdatedOn', 'Updated on'),
      number('Version', 'Version'),
    ],
  },
  parse: parseReview,
  ...oneTableRecord<ThematicReviewRow>('thematic_reviews', THEMATIC_REVIEW_COLUMNS, 'thematic review', reviewFields),
});
