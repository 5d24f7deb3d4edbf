import { fromSharePointDate, int, missingOf, str, toSharePointDate, type Fields, type Parsed } from './fields';
import { date, notes, number, phcId, text } from './spec';
import { defineList } from './types';
import type { Answers } from '../../../domain/survey/types';
import { checkAnswers, parseObject } from '../../sqlite/codec';
import { answersAsObjectJson, packAnswers, questionNumbers } from '../../sqlite/storedAnswers';

/**
 * Anonymous survey responses: one item per response, the answers as one JSON column, and
 * nothing about who or exactly when (ADR 0011).
 */
export interface ResponseRow {
  id: string;
  cycle_id: string;
  survey_version: number;
  submitted_on: string;
  answers: string;
}

export function responseFields(row: ResponseRow): Fields {
  // Title is SharePoint's required column; a constant, so it says nothing.
  return { Title: 'Survey response', PhcId: row.id, CycleId: row.cycle_id, SurveyVersion: row.survey_version, SubmittedOn: toSharePointDate(row.submitted_on), Answers: row.answers };
}

/** An item read from SharePoint: its row, and the answers as checked (so they are parsed once). */
export interface ResponseItem extends ResponseRow {
  readonly checked: Answers;
}

export function parseResponse(fields: Fields): Parsed<ResponseItem> {
  const row = { id: str(fields.PhcId), cycle_id: str(fields.CycleId), survey_version: int(fields.SurveyVersion), submitted_on: fromSharePointDate(fields.SubmittedOn), answers: str(fields.Answers) };
  const missing = missingOf(row);
  if (missing.length > 0) return { ok: false, problem: `a response item is missing or has unreadable ${missing.join(', ')}` };
  if (!/^[0-9a-f]{32}$/.test(row.id as string)) return { ok: false, problem: `a response item has an id the app did not give (${row.id})` };
  let checked: Answers;
  try {
    checked = checkAnswers(JSON.parse(row.answers as string));
    if ('' in checked) throw new Error('an answer to no question');
  } catch {
    return { ok: false, problem: `response ${row.id} has answers that are not readable JSON` };
  }
  return { ok: true, row: { ...(row as ResponseRow), checked } };
}

export const responses = defineList({
  spec: {
    name: 'responses',
    displayName: 'PHC Survey Responses',
    purpose: 'anonymous survey responses: answers, cycle and day, nothing about who',
    columns: [phcId, text('CycleId', 'Cycle', { indexed: true, required: true }), number('SurveyVersion', 'Survey version'), date('SubmittedOn', 'Submitted on'), notes('Answers', 'Answers (JSON)')],
  },
  heldInGroups: true,
  deletedWithTheApp: false,
  // A response deleted in SharePoint (perhaps while the delta token had expired) goes here too.
  fullReadRemovesUnseen: true,
  localKeysSql: 'SELECT id AS item_key, cycle_id FROM responses',
  reader(db) {
    const get = db.prepare('SELECT id, cycle_id, survey_version, submitted_on, answers FROM responses WHERE id = ?');
    const numbers = questionNumbers(db);
    return (key) => {
      const row = get.get(key) as ResponseRow | undefined;
      // SharePoint keeps the answers keyed by question id, readable without this file.
      return row && responseFields({ ...row, answers: answersAsObjectJson(row.answers, `response ${row.id}`, numbers) });
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM responses WHERE id = ?').get(key) !== undefined,
  parse: parseResponse,
  apply({ db, problems }, r) {
    if (!db.prepare('SELECT 1 FROM cycles WHERE id = ?').get(r.cycle_id)) {
      problems.push(`response ${r.id} belongs to cycle ${r.cycle_id}, which is not known here; left out`);
      return false;
    }
    db.prepare(
      `INSERT INTO responses (id, cycle_id, survey_version, submitted_on, answers) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET survey_version = excluded.survey_version, submitted_on = excluded.submitted_on, answers = excluded.answers`,
    ).run(r.id, r.cycle_id, r.survey_version, r.submitted_on, packAnswers(r.checked, questionNumbers(db)));
    return true;
  },
  deleted: ({ db }, key) => db.prepare('DELETE FROM responses WHERE id = ?').run(key).changes > 0,
  // Questions are numbered outside the page's transaction, so the numbers are settled and every
  // item after the first reads them from memory (see QuestionNumbers).
  beforePage(db, items) {
    const numbers = questionNumbers(db);
    for (const fields of items) {
      const answers = parseObject(typeof fields.Answers === 'string' ? fields.Answers : '');
      if (answers) for (const question of Object.keys(answers)) if (question !== '') numbers.number(question);
    }
  },
});
