import type { IsoDate } from '../../domain/shared/brand';
import type { CloseOut, CloseOutStore } from '../../ports/retention';
import { StoreError } from '../../ports/stores';
import { checkDate } from './codec';
import { compact, writeTransaction, type Db } from './database';
import { queueSharePointRemoval } from './retentionStore';
import { packAnswers, questionNumbers, unpackAnswers } from './storedAnswers';

/** Closed cycles' kept figures (`cycle_close_outs`), and the close-out itself: see the port. */
export function sqliteCloseOutStore(db: Db): CloseOutStore {
  const select = db.prepare('SELECT closed_out_on, results, response_rate FROM cycle_close_outs WHERE cycle_id = ?');
  const numbers = questionNumbers(db);
  return {
    async get(cycleId: string): Promise<CloseOut | undefined> {
      const row = select.get(cycleId) as { closed_out_on: string; results: string | null; response_rate: string | null } | undefined;
      if (!row) return undefined;
      return {
        closedOutOn: checkDate(row.closed_out_on, 'close-out date') as IsoDate,
        results: row.results === null ? undefined : (JSON.parse(row.results) as unknown),
        responseRate: row.response_rate === null ? undefined : (JSON.parse(row.response_rate) as unknown),
      };
    },

    async closeOut(cycleId: string, kept: CloseOut, aboutYou: readonly string[]): Promise<{ readonly draftsDeleted: number }> {
      const day = checkDate(kept.closedOutOn, 'close-out date');
      const outcome = writeTransaction(db, () => {
        const status = db.prepare('SELECT status FROM cycles WHERE id = ?').pluck().get(cycleId) as string | undefined;
        if (status === undefined) throw new StoreError('not-found', `There is no cycle ${cycleId}.`);
        if (status !== 'closed') throw new StoreError('conflict', `Cycle ${cycleId} is ${status}; only a closed cycle is closed out.`);
        if (select.get(cycleId)) return { draftsDeleted: 0 };
        db.prepare('INSERT INTO cycle_close_outs (cycle_id, closed_out_on, results, response_rate) VALUES (?, ?, ?, ?)').run(
          cycleId,
          day,
          kept.results === undefined ? null : JSON.stringify(kept.results),
          kept.responseRate === undefined ? null : JSON.stringify(kept.responseRate),
        );
        // People who started and never sent: their drafts and their "started" mark go.
        const draftsDeleted = db.prepare('DELETE FROM drafts WHERE cycle_id = ?').run(cycleId).changes;
        db.prepare("DELETE FROM participation WHERE cycle_id = ? AND status = 'started'").run(cycleId);
        // The About you answers did their work in the figures kept above; off the stored rows.
        const update = db.prepare('UPDATE responses SET answers = ? WHERE id = ?');
        for (const { id, answers } of db.prepare('SELECT id, answers FROM responses WHERE cycle_id = ?').all(cycleId) as { id: string; answers: string }[]) {
          const stored = unpackAnswers(answers, `response ${id}`, numbers);
          if (!aboutYou.some((q) => q in stored)) continue;
          const parsed = { ...stored };
          for (const q of aboutYou) delete parsed[q];
          update.run(packAnswers(parsed, numbers), id);
          // Its SharePoint item is deleted and written afresh: an item's earlier versions would keep them.
          queueSharePointRemoval(db, 'responses', id, cycleId, true);
        }
        return { draftsDeleted };
      });
      // Rewritten without the old rows' order, zeroed pages, no stale WAL frames.
      compact(db);
      return outcome;
    },
  };
}
