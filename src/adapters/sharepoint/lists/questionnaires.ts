import { checkQuestionnaire } from '../../../domain/survey/authoring';
import { isTemplateId } from '../../../domain/survey/templates';
import { readQuestionnaire } from '../../../domain/survey/read';
import { kindOf } from '../../../domain/survey/types';
import { isCalendarDate } from '../../../domain/audit/forms/validate';
import { parseObject } from '../../sqlite/codec';
import { parseVersionKey, QUESTIONNAIRE_COLUMNS, type QuestionnaireRow } from '../../sqlite/questionnaireStore';
import { fromSharePointDate, int, missingOf, str, titleOf, toSharePointDate, type Fields, type Parsed } from './fields';
import { choice, date, notes, number, phcId, text } from './spec';
import { defineList } from './types';

/**
 * The PSW's own questionnaires, one item per version (`PhcId` = `id@version`): a cycle names
 * the version it ran, so every version is a record to keep. A version is never changed once
 * saved; the definition is the app's JSON, checked whole when it comes back.
 */
export function questionnaireFields(row: QuestionnaireRow): Fields {
  return {
    Title: titleOf(row.title),
    PhcId: `${row.id}@${row.version}`,
    SurveyId: row.id,
    SurveyVersion: row.version,
    Kind: row.kind,
    BasedOn: row.based_on,
    Definition: row.definition,
    SavedBy: row.saved_by,
    SavedOn: toSharePointDate(row.saved_on),
  };
}

export function parseQuestionnaire(fields: Fields): Parsed<QuestionnaireRow> {
  const key = str(fields.PhcId);
  const fail = (why: string): Parsed<never> => ({ ok: false, problem: `survey ${key ?? '(no id)'} ${why}` });
  const savedOn = fromSharePointDate(fields.SavedOn);
  const row = {
    id: str(fields.SurveyId),
    version: int(fields.SurveyVersion),
    kind: str(fields.Kind),
    definition: str(fields.Definition),
    saved_by: str(fields.SavedBy),
    saved_on: savedOn !== undefined && isCalendarDate(savedOn) ? savedOn : undefined,
  };
  const missing = missingOf(row);
  if (missing.length > 0) return fail(`is missing or has unreadable ${missing.join(', ')}`);
  const questionnaire = readQuestionnaire(parseObject(row.definition as string));
  if (!questionnaire) return fail('has a definition the app cannot read');
  if (key !== `${row.id}@${row.version}` || questionnaire.id !== row.id || questionnaire.version !== row.version || kindOf(questionnaire) !== row.kind)
    return fail('does not say the same id, version and kind in its columns and its definition');
  if (isTemplateId(questionnaire.id)) return fail("has a template's id, which only the app may use");
  const problems = checkQuestionnaire(questionnaire);
  if (problems.length > 0) return fail(`is not a survey the app can ask (${problems.map((p) => p.message).join(' ')})`);
  const basedOn = typeof fields.BasedOn === 'string' && parseVersionKey(fields.BasedOn) ? fields.BasedOn : null;
  return { ok: true, row: { ...(row as Omit<QuestionnaireRow, 'title' | 'based_on'>), title: questionnaire.title, based_on: basedOn } };
}

export const questionnaires = defineList({
  spec: {
    name: 'questionnaires',
    displayName: 'PHC Questionnaires',
    purpose: 'pulse surveys the Principal Social Worker made, every version as it was saved',
    columns: [
      phcId,
      text('SurveyId', 'Survey', { indexed: true }),
      number('SurveyVersion', 'Version'),
      choice('Kind', 'Kind', ['health-check', 'pulse']),
      text('BasedOn', 'Copied from'),
      notes('Definition', "Questions (the app's JSON)"),
      text('SavedBy', 'Saved by (Entra id)'),
      date('SavedOn', 'Saved on'),
    ],
  },
  heldInGroups: false,
  deletedWithTheApp: false,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT id || '@' || version AS item_key, '' AS cycle_id FROM questionnaires",
  reader(db) {
    const get = db.prepare(`SELECT ${QUESTIONNAIRE_COLUMNS} FROM questionnaires WHERE id = ? AND version = ?`);
    return (key) => {
      const parsed = parseVersionKey(key);
      const row = parsed ? (get.get(parsed.id, parsed.version) as QuestionnaireRow | undefined) : undefined;
      return row && questionnaireFields(row);
    };
  },
  has: (db, key) => {
    const parsed = parseVersionKey(key);
    return parsed !== undefined && db.prepare('SELECT 1 FROM questionnaires WHERE id = ? AND version = ?').get(parsed.id, parsed.version) !== undefined;
  },
  parse: parseQuestionnaire,
  /** A version saved by another copy of the app is taken; a change to a version the app has is refused and written back. */
  apply({ db, problems, restore }, q) {
    const local = db.prepare(`SELECT ${QUESTIONNAIRE_COLUMNS} FROM questionnaires WHERE id = ? AND version = ?`).get(q.id, q.version) as QuestionnaireRow | undefined;
    if (!local) {
      db.prepare(`INSERT INTO questionnaires (${QUESTIONNAIRE_COLUMNS}) VALUES (@id, @version, @kind, @title, @definition, @based_on, @saved_by, @saved_on)`).run(q);
      return true;
    }
    const same =
      parseObject(local.definition) !== undefined &&
      JSON.stringify(parseObject(local.definition)) === JSON.stringify(parseObject(q.definition)) &&
      local.saved_by === q.saved_by &&
      local.saved_on === q.saved_on;
    if (!same)
      problems.push(
        restore(
          `${q.id}@${q.version}`,
          `survey ${q.id} version ${q.version} was changed in SharePoint, but a saved version never changes (cycles asked it as it was): save a new version in the app instead`,
        ),
      );
    return false;
  },
  deleted({ problems }, key) {
    problems.push(`survey ${key} was deleted in SharePoint; kept here, as cycles may have asked it`);
    return false;
  },
});
