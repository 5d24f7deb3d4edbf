import { asParticipationKey, type CycleId, type ParticipationKey } from '../../domain/shared/brand';
import { StoreError, type Draft, type Page, type PageRequest, type ParticipationStatus, type ParticipationStore, type StoredResponse } from '../../ports/stores';
import { checkDate, checkResponse, decodeAnswers, encodeAnswers, pageLimit } from './codec';
import { checkpoint, durableTransaction, writeTransaction, type Db } from './database';
import { INSERT_RESPONSE, newResponseId } from './responseStore';
import { packAnswers, questionNumbers } from './storedAnswers';

interface DraftRow {
  readonly answers: string;
  readonly section_index: number;
  readonly saved_on: string;
}

function checkKey(key: ParticipationKey): void {
  if (typeof key !== 'string' || key === '') throw new StoreError('invalid', 'A participation key must be a non-empty string.');
}

/** `afterSubmit` follows each stored response: a checkpoint (see `checkpoint`), here by default. */
export function sqliteParticipationStore(db: Db, afterSubmit: (db: Db) => void = checkpoint): ParticipationStore {
  const cycleExists = db.prepare('SELECT 1 FROM cycles WHERE id = ?').pluck();
  const statusOf = db.prepare('SELECT status FROM participation WHERE cycle_id = ? AND key = ?').pluck();
  const markStarted = db.prepare(`INSERT INTO participation (cycle_id, key, status) VALUES (?, ?, 'started') ON CONFLICT (cycle_id, key) DO NOTHING`);
  const markSubmitted = db.prepare(
    `INSERT INTO participation (cycle_id, key, status) VALUES (?, ?, 'submitted')
     ON CONFLICT (cycle_id, key) DO UPDATE SET status = 'submitted'`,
  );
  const putDraft = db.prepare(
    `INSERT INTO drafts (cycle_id, key, answers, section_index, saved_on) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (cycle_id, key) DO UPDATE SET answers = excluded.answers, section_index = excluded.section_index, saved_on = excluded.saved_on`,
  );
  const selectDraft = db.prepare('SELECT answers, section_index, saved_on FROM drafts WHERE cycle_id = ? AND key = ?');
  const deleteDraft = db.prepare('DELETE FROM drafts WHERE cycle_id = ? AND key = ?');
  const insertResponse = db.prepare(INSERT_RESPONSE);
  const numbers = questionNumbers(db);
  const submittedPage = db.prepare(`SELECT key FROM participation WHERE cycle_id = ? AND status = 'submitted' AND key > ? ORDER BY key LIMIT ?`).pluck();
  const countByStatus = db.prepare('SELECT status, count(*) AS n FROM participation WHERE cycle_id = ? GROUP BY status');

  const requireCycle = (cycleId: CycleId): void => {
    if (!cycleExists.get(cycleId)) throw new StoreError('not-found', `There is no cycle ${cycleId}.`);
  };

  return {
    async status(cycleId: CycleId, key: ParticipationKey): Promise<ParticipationStatus | undefined> {
      return statusOf.get(cycleId, key) as ParticipationStatus | undefined;
    },

    async saveDraft(cycleId: CycleId, key: ParticipationKey, draft: Draft): Promise<void> {
      checkKey(key);
      const answers = encodeAnswers(draft.answers);
      if (!Number.isInteger(draft.sectionIndex) || draft.sectionIndex < 0) {
        throw new StoreError('invalid', 'The section of a draft must be a whole number from 0.');
      }
      const savedOn = checkDate(draft.savedOn, 'draft date');
      writeTransaction(db, () => {
        requireCycle(cycleId);
        if (statusOf.get(cycleId, key) === 'submitted') {
          throw new StoreError('conflict', 'These answers have already been sent, so they can no longer be changed.');
        }
        markStarted.run(cycleId, key);
        putDraft.run(cycleId, key, answers, draft.sectionIndex, savedOn);
      });
    },

    async getDraft(cycleId: CycleId, key: ParticipationKey): Promise<Draft | undefined> {
      const row = selectDraft.get(cycleId, key) as DraftRow | undefined;
      if (!row) return undefined;
      return {
        answers: decodeAnswers(row.answers, 'a saved draft'),
        sectionIndex: row.section_index,
        savedOn: checkDate(row.saved_on, 'draft date'),
      };
    },

    async submit(cycleId: CycleId, key: ParticipationKey, response: Omit<StoredResponse, 'id' | 'cycleId'>): Promise<'submitted' | 'already-submitted'> {
      checkKey(key);
      const row = checkResponse(response, (answers) => packAnswers(answers, numbers));
      // One transaction: the response, the person's status and their draft change together or not at all.
      // Durable: the person is thanked once this returns.
      const outcome = durableTransaction(db, (): 'submitted' | 'already-submitted' => {
        requireCycle(cycleId);
        if (statusOf.get(cycleId, key) === 'submitted') return 'already-submitted';
        // The response row gets a fresh random id and nothing of the key.
        insertResponse.run({ ...row, id: newResponseId(), cycleId });
        markSubmitted.run(cycleId, key);
        deleteDraft.run(cycleId, key);
        return 'submitted';
      });
      // Leave no copy of the deleted draft in the WAL: see `checkpoint`.
      if (outcome === 'submitted') afterSubmit(db);
      return outcome;
    },

    async submittedKeys(cycleId: CycleId, request: PageRequest): Promise<Page<ParticipationKey>> {
      const limit = pageLimit(request);
      const keys = submittedPage.all(cycleId, request.continuation ?? '', limit + 1) as string[];
      const items = keys.slice(0, limit).map(asParticipationKey);
      const last = items[items.length - 1];
      return keys.length > limit && last ? { items, continuation: last } : { items };
    },

    async counts(cycleId: CycleId): Promise<{ readonly started: number; readonly submitted: number }> {
      const counts = { started: 0, submitted: 0 };
      for (const { status, n } of countByStatus.all(cycleId) as { status: ParticipationStatus; n: number }[]) counts[status] = n;
      return counts;
    },
  };
}
