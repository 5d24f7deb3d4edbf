import { randomBytes } from 'node:crypto';
import { asCycleId, asResponseId, isoDateProblem, type CycleId, type IsoDate } from '../../domain/shared/brand';
import { StoreError, type Page, type PageRequest, type ResponseStore, type StoredResponse } from '../../ports/stores';
import { checkDate, checkResponse, pageLimit } from './codec';
import { writeTransaction, type Db } from './database';
import { packAnswers, questionNumbers, unpackAnswers, type QuestionNumbers } from './storedAnswers';

interface ResponseRow {
  readonly id: string;
  readonly cycle_id: string;
  readonly survey_version: number;
  readonly submitted_on: string;
  readonly answers: string;
}

/** 128 random bits as hex: the primary key, and so the only order the table has. */
export function newResponseId(): string {
  return randomBytes(16).toString('hex');
}

const RESPONSE_ID = /^[0-9a-f]{32}$/;

export const INSERT_RESPONSE = `INSERT INTO responses (id, cycle_id, survey_version, submitted_on, answers)
  VALUES (@id, @cycleId, @surveyVersion, @submittedOn, @answers)`;

/** The day checked as `checkDate` checks it; the message is built only for a bad one. */
function checkDay(day: string, id: string): IsoDate {
  return isoDateProblem(day) === undefined ? (day as IsoDate) : checkDate(day, `date of response ${id}`);
}

function toResponse(row: ResponseRow, numbers: QuestionNumbers): StoredResponse {
  // Exactly these five fields: nothing else about a response exists to be handed out.
  return {
    id: asResponseId(row.id),
    cycleId: asCycleId(row.cycle_id),
    surveyVersion: row.survey_version,
    submittedOn: checkDay(row.submitted_on, row.id),
    answers: unpackAnswers(row.answers, () => `response ${row.id}`, numbers),
  };
}

export function sqliteResponseStore(db: Db): ResponseStore {
  const page = db.prepare(
    `SELECT id, cycle_id, survey_version, submitted_on, answers FROM responses
     WHERE cycle_id = ? AND id > ? ORDER BY id LIMIT ?`,
  );
  const count = db.prepare('SELECT count(*) FROM responses WHERE cycle_id = ?').pluck();
  const cycleExists = db.prepare('SELECT 1 FROM cycles WHERE id = ?').pluck();
  const insert = db.prepare(INSERT_RESPONSE);
  const numbers = questionNumbers(db);
  const pack = (answers: unknown): string => packAnswers(answers, numbers);

  return {
    async list(cycleId: CycleId, request: PageRequest): Promise<Page<StoredResponse>> {
      const limit = pageLimit(request);
      const after = request.continuation ?? '';
      if (after !== '' && !RESPONSE_ID.test(after)) throw new StoreError('invalid', 'That continuation token is not one this store gave out.');
      // By random id, so the order says nothing about when responses arrived.
      const rows = page.all(cycleId, after, limit + 1) as ResponseRow[];
      const items = rows.slice(0, limit).map((row) => toResponse(row, numbers));
      const last = items[items.length - 1];
      return rows.length > limit && last ? { items, continuation: last.id } : { items };
    },

    async count(cycleId: CycleId): Promise<number> {
      return count.get(cycleId) as number;
    },

    async importMany(cycleId: CycleId, responses: readonly Omit<StoredResponse, 'id' | 'cycleId'>[]): Promise<number> {
      const rows = responses.map((response, i) => {
        try {
          return { ...checkResponse(response, pack), id: newResponseId(), cycleId };
        } catch (error) {
          if (error instanceof StoreError) {
            throw new StoreError(error.code, `Response ${i + 1} of ${responses.length}: ${error.message} Nothing was imported.`);
          }
          throw error;
        }
      });
      // Written in random-id order, not file order, so the pages do not keep the file's order
      // (an export is often sorted by time).
      rows.sort((a, b) => (a.id < b.id ? -1 : 1));
      return writeTransaction(db, () => {
        if (!cycleExists.get(cycleId)) throw new StoreError('not-found', `There is no cycle ${cycleId}.`);
        for (const row of rows) insert.run(row);
        return rows.length;
      });
    },
  };
}
