import { readAudience } from '../../../domain/organisation/audience';
import { readPlan } from '../../../domain/outbox/types';
import { parseObject } from '../../sqlite/codec';
import { dateOrNull, fromSharePointDate, int, missingOf, queueWriteBack, str, toSharePointDate, type Fields, type Parsed } from './fields';
import { choice, date, notes, number, phcId, text } from './spec';
import { defineList } from './types';

/** Survey cycles. The participation secret is never here: it is in the secret store (Key Vault), under the cycle's id. */
export interface CycleRow {
  id: string;
  survey_id: string;
  survey_version: number;
  title: string;
  kind: string;
  status: string;
  opens_on: string;
  closes_on: string;
  threshold: number;
  text_threshold: number;
  /** A cycle's settings (JSON, as SQLite keeps them; null: everyone, the default plan) and publication. */
  audience: string | null;
  plan: string | null;
  published_on: string | null;
}

const COLUMNS = 'id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold, audience, plan, published_on';

export function cycleFields(row: CycleRow): Fields {
  return {
    Title: row.title,
    PhcId: row.id,
    SurveyId: row.survey_id,
    SurveyVersion: row.survey_version,
    Kind: row.kind,
    Status: row.status,
    OpensOn: toSharePointDate(row.opens_on),
    ClosesOn: toSharePointDate(row.closes_on),
    Threshold: row.threshold,
    TextThreshold: row.text_threshold,
    Audience: row.audience,
    Plan: row.plan,
    PublishedOn: dateOrNull(row.published_on),
  };
}

/** A settings column as SharePoint holds it: absent or empty is the default; anything else must read as the app wrote it. */
function settingsColumn(value: unknown, read: (v: unknown) => unknown): string | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') return undefined;
  return read(parseObject(value)) === undefined ? undefined : JSON.stringify(read(parseObject(value)));
}

export function parseCycle(fields: Fields): Parsed<CycleRow> {
  const row = {
    id: str(fields.PhcId),
    survey_id: str(fields.SurveyId),
    survey_version: int(fields.SurveyVersion),
    title: str(fields.Title),
    kind: str(fields.Kind),
    status: str(fields.Status),
    opens_on: fromSharePointDate(fields.OpensOn),
    closes_on: fromSharePointDate(fields.ClosesOn),
    threshold: int(fields.Threshold),
    text_threshold: int(fields.TextThreshold),
    audience: settingsColumn(fields.Audience, readAudience),
    plan: settingsColumn(fields.Plan, readPlan),
    published_on: fields.PublishedOn === undefined || fields.PublishedOn === null || fields.PublishedOn === '' ? null : fromSharePointDate(fields.PublishedOn),
  };
  const missing = missingOf(row);
  if (missing.length > 0) return { ok: false, problem: `a cycle item is missing or has unreadable ${missing.join(', ')}` };
  if (!['live', 'published'].includes(row.kind as string) || !['draft', 'open', 'closed'].includes(row.status as string)) {
    return { ok: false, problem: `cycle ${row.id} has an unknown kind or status` };
  }
  return { ok: true, row: row as CycleRow };
}

const RANK: Record<string, number> = { draft: 0, open: 1, closed: 2 };

export const cycles = defineList({
  spec: {
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
      notes('Audience', "Who is asked (the app's JSON; empty: everyone)"),
      notes('Plan', "Reminder days and working hours (the app's JSON; empty: the defaults)"),
      date('PublishedOn', 'Results published to staff on'),
    ],
  },
  heldInGroups: false,
  deletedWithTheApp: false,
  fullReadRemovesUnseen: false,
  localKeysSql: 'SELECT id AS item_key, id AS cycle_id FROM cycles',
  reader(db) {
    const get = db.prepare(`SELECT ${COLUMNS} FROM cycles WHERE id = ?`);
    return (key) => {
      const row = get.get(key) as CycleRow | undefined;
      return row && cycleFields(row);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM cycles WHERE id = ?').get(key) !== undefined,
  parse: parseCycle,
  /**
   * Edits that would weaken anonymity or the cycle's rules (a threshold changed after opening,
   * a status moved back) are refused and the app's values written back.
   */
  apply({ db, problems }, c) {
    const local = db.prepare('SELECT status, threshold, text_threshold, audience, plan, published_on FROM cycles WHERE id = ?').get(c.id) as
      { status: string; threshold: number; text_threshold: number; audience: string | null; plan: string | null; published_on: string | null } | undefined;
    if (!local) {
      // Made by another copy of the app, or read back by a new instance: the participation
      // secret is found in the secret store under the cycle's id when it is first needed.
      db.prepare(`INSERT INTO cycles (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        c.id,
        c.survey_id,
        c.survey_version,
        c.title,
        c.kind,
        c.status,
        c.opens_on,
        c.closes_on,
        c.threshold,
        c.text_threshold,
        c.audience,
        c.plan,
        c.published_on,
      );
      return true;
    }
    const backwards = (RANK[c.status] ?? 0) < (RANK[local.status] ?? 0);
    // Once open, the threshold and who is asked are promises to those who answer; a publication stays made.
    const fixed = local.status !== 'draft';
    const thresholdsMoved = fixed && (c.threshold !== local.threshold || c.text_threshold !== local.text_threshold);
    const settingsMoved = fixed && (c.audience !== local.audience || c.plan !== local.plan);
    const unpublished = local.published_on !== null && c.published_on !== local.published_on;
    if (backwards || thresholdsMoved || settingsMoved || unpublished) {
      const why = backwards
        ? 'moved back to ' + c.status
        : thresholdsMoved
          ? 'thresholds changed after opening'
          : settingsMoved
            ? 'who is asked or the reminders changed after opening'
            : 'its publication date changed';
      problems.push(`cycle ${c.id} was changed in SharePoint in a way the app does not allow (${why}); the app's values are written back`);
      queueWriteBack(db, 'cycles', c.id, c.id);
    }
    const publishedOn = local.published_on ?? (c.status === 'closed' && !backwards ? c.published_on : null);
    db.prepare(
      'UPDATE cycles SET title = ?, closes_on = ?, opens_on = ?, status = ?, survey_id = ?, survey_version = ?, threshold = ?, text_threshold = ?, audience = ?, plan = ?, published_on = ? WHERE id = ?',
    ).run(
      c.title,
      c.closes_on,
      c.opens_on,
      backwards ? local.status : c.status,
      c.survey_id,
      c.survey_version,
      thresholdsMoved ? local.threshold : c.threshold,
      thresholdsMoved ? local.text_threshold : c.text_threshold,
      settingsMoved ? local.audience : c.audience,
      settingsMoved ? local.plan : c.plan,
      publishedOn,
      c.id,
    );
    return true;
  },
  deleted({ problems }, key) {
    problems.push(`cycle ${key} was deleted in SharePoint; kept here with its responses`);
    return false;
  },
});
