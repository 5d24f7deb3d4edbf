import { asIsoDate } from '../../domain/shared/brand';
import { readQuestionnaire } from '../../domain/survey/read';
import { kindOf, type SurveyId } from '../../domain/survey/types';
import { StoreError, type QuestionnaireStore, type StoredQuestionnaire } from '../../ports/stores';
import { checkDate, checkSurveyVersion, parseObject } from './codec';
import { writeTransaction, type Db } from './database';

export interface QuestionnaireRow {
  readonly id: string;
  readonly version: number;
  readonly kind: string;
  readonly title: string;
  readonly definition: string;
  /** `template-supervision@1`, or null. */
  readonly based_on: string | null;
  readonly saved_by: string;
  readonly saved_on: string;
}

export const QUESTIONNAIRE_COLUMNS = 'id, version, kind, title, definition, based_on, saved_by, saved_on';

/** `id@version`: how a version is named in one string (SharePoint's item key, `based_on`). */
export const versionKey = (id: string, version: number): string => `${id}@${version}`;

export function parseVersionKey(key: string): { readonly id: SurveyId; readonly version: number } | undefined {
  const m = /^(.+)@(\d{1,6})$/.exec(key);
  return m?.[1] && m[2] ? { id: m[1], version: Number(m[2]) } : undefined;
}

export function toStored(row: QuestionnaireRow): StoredQuestionnaire {
  const questionnaire = readQuestionnaire(parseObject(row.definition));
  if (!questionnaire || questionnaire.id !== row.id || questionnaire.version !== row.version) {
    throw new StoreError('invalid', `The stored survey ${row.id} (version ${row.version}) cannot be read.`);
  }
  const basedOn = row.based_on === null ? undefined : parseVersionKey(row.based_on);
  return { questionnaire, ...(basedOn ? { basedOn } : {}), savedBy: row.saved_by, savedOn: checkDate(row.saved_on, `the day survey ${row.id} was saved`) };
}

export function toRow(entry: StoredQuestionnaire): QuestionnaireRow {
  const q = entry.questionnaire;
  return {
    id: q.id,
    version: checkSurveyVersion(q.version),
    kind: kindOf(q),
    title: q.title,
    definition: JSON.stringify(q),
    based_on: entry.basedOn ? versionKey(entry.basedOn.id, entry.basedOn.version) : null,
    saved_by: entry.savedBy,
    saved_on: asIsoDate(entry.savedOn),
  };
}

export function sqliteQuestionnaireStore(db: Db): QuestionnaireStore {
  const insert = db.prepare(`INSERT INTO questionnaires (${QUESTIONNAIRE_COLUMNS}) VALUES (@id, @version, @kind, @title, @definition, @based_on, @saved_by, @saved_on)`);
  const one = db.prepare(`SELECT ${QUESTIONNAIRE_COLUMNS} FROM questionnaires WHERE id = ? AND version = ?`);
  const latest = db.prepare(`SELECT ${QUESTIONNAIRE_COLUMNS} FROM questionnaires WHERE id = ? ORDER BY version DESC LIMIT 1`);
  const all = db.prepare(`SELECT ${QUESTIONNAIRE_COLUMNS} FROM questionnaires q WHERE version = (SELECT max(version) FROM questionnaires WHERE id = q.id) ORDER BY id`);
  return {
    async add(entry: StoredQuestionnaire): Promise<void> {
      const row = toRow(entry);
      writeTransaction(db, () => {
        if (one.get(row.id, row.version))
          throw new StoreError('already-exists', `Version ${row.version} of the survey ${row.id} was saved at the same time by someone else: reload it and make your changes again.`);
        insert.run(row);
      });
    },
    async get(id: SurveyId, version?: number): Promise<StoredQuestionnaire | undefined> {
      const row = (version === undefined ? latest.get(id) : one.get(id, version)) as QuestionnaireRow | undefined;
      return row && toStored(row);
    },
    async list(): Promise<readonly StoredQuestionnaire[]> {
      return (all.all() as QuestionnaireRow[]).map(toStored);
    },
  };
}
