import { THEMATIC_REVIEW_COLUMNS, type ThematicReviewRow } from '../../sqlite/frameworkStores';
import { str, titleOf, toSharePointDate, type Fields, type Parsed } from './fields';
import { applyAppRecord, day, json, keptWhenDeleted, unreadable, whole } from './frameworkRecords';
import { date, notes, number, phcId, text } from './spec';
import { defineList } from './types';

/**
 * Thematic practice reviews: one item each, the theme and lead as columns (to group by in
 * views and Power BI), the plan (scope, objectives, methodology, review group, stage dates),
 * findings and recommendations as JSON.
 */
const NAMES = THEMATIC_REVIEW_COLUMNS.split(', ');

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
  heldInGroups: false,
  deletedWithTheApp: false,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT id AS item_key, '' AS cycle_id FROM thematic_reviews",
  reader(db) {
    const get = db.prepare(`SELECT ${THEMATIC_REVIEW_COLUMNS} FROM thematic_reviews WHERE id = ?`);
    return (key) => {
      const row = get.get(key) as ThematicReviewRow | undefined;
      return row && reviewFields(row);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM thematic_reviews WHERE id = ?').get(key) !== undefined,
  parse: parseReview,
  apply(context, row) {
    const local = context.db.prepare(`SELECT ${THEMATIC_REVIEW_COLUMNS} FROM thematic_reviews WHERE id = ?`).get(row.id) as ThematicReviewRow | undefined;
    return applyAppRecord(
      context,
      row,
      local,
      'thematic review',
      (db, r) => db.prepare(`INSERT INTO thematic_reviews (${THEMATIC_REVIEW_COLUMNS}) VALUES (${NAMES.map((n) => `@${n}`).join(', ')})`).run(r),
      (a, b) => NAMES.every((n) => a[n as keyof ThematicReviewRow] === b[n as keyof ThematicReviewRow]),
    );
  },
  deleted: (context, key) => keptWhenDeleted(context, key, 'thematic review'),
});
