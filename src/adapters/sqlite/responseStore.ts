import { randomBytes } from 'node:crypto';
import { asResponseId, isoDateProblem, type CycleId, type IsoDate } from '../../domain/shared/brand';
import { StoreError, type Page, type PageRequest, type ResponseStore, type StoredResponse } from '../../ports/stores';
import { checkDate, checkResponse, pageLimit } from './codec';
import { writeTransaction, type Db } from './database';
import { packAnswers, questionNumbers, unpackAnswers, type QuestionNumbers } from './storedAnswers';

/** A row as the page query gives it (`raw`: an array, not an object with named keys); its cycle is the one asked for. */
type ResponseRow = readonly [id: string, surveyVersion: number, submittedOn: string, answers: string];

/** 128 random bits as hex: the primary key, and so the only order the table has. */
export function newResponseId(): string {
  return randomBytes(16).toString('hex');
}

const RESPONSE_ID = /^[0-9a-f]{32}$/;

export const INSERT_RESPONSE = `INSERT INTO responses (id, cycle_id, survey_version, submitted_on, answers)
  VALUES (@id, @cycleId, @surveyVersion, @submittedOn, @answers)`;

/**
 * A page's rows as responses. Each day is checked as `checkDate` checks it (the message built
 * only for a bad one), except a day the same as the row before's, already checked: a closed
 * cycle's 100,000 rows carry a few dozen days between them.
 */
function toResponses(cycleId: CycleId, rows: readonly ResponseRow[], numbers: QuestionNumbers): StoredResponse[] {
  let dayChecked = '';
  return rows.map(([id, surveyVersion, submittedOn, answers]) => {
    if (submittedOn !== dayChecked) {
      if (isoDateProblem(submittedOn) !== undefined) checkDate(submittedOn, `date of response ${id}`);
      dayChecked = submittedOn;
    }
    // Exactly these five fields: nothing else about a response exists to be handed out.
    return {
      id: asResponseId(id),
      cycleId,
      surveyVersion,
      submittedOn: submittedOn as IsoDate,
      answers: unpackAnswers(answers, () => `response ${id}`, numbers),
    };
  });
}

export function sqliteResponseStore(db: Db): ResponseStore {
  // Rows as arrays, cheaper to make than an object with named keys each, and without the cycle
  // (the one asked for): a closed cycle's results read 100,000 of them.
  const page = db
    .prepare(
      `SELECT id, survey_version, submitted_on, answers FROM responses
       WHERE cycle_id = ? AND id > ? ORDER BY id LIMIT ?`,
    )
    .raw();
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
      const items = toResponses(cycleId, rows.slice(0, limit), numbers);
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
