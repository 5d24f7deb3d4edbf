import type { CaseloadEntry, CaseloadSource, Month } from '../../domain/caseloads/types';
import { asUserId, type IsoDate } from '../../domain/shared/brand';
import type { CaseloadStore, StoredCaseloadEntry, TeamMonth } from '../../ports/caseloads';
import { StoreError } from '../../ports/stores';
import { checkDate } from './codec';
import { writeTransaction, type Db } from './database';

interface Row {
  readonly team_id: string;
  readonly month: string;
  readonly worker_id: string | null;
  readonly worker_name: string;
  readonly open_cases: number;
  readonly complexity: number | null;
  readonly risk: number | null;
  readonly travel: number | null;
  readonly source: CaseloadSource;
  readonly recorded_on: string;
}

const workerKey = (e: CaseloadEntry): string => e.workerId ?? `name:${e.workerName.trim().toLowerCase()}`;

function toEntry(r: Row): StoredCaseloadEntry {
  return {
    workerId: r.worker_id === null ? undefined : asUserId(r.worker_id),
    workerName: r.worker_name,
    teamId: r.team_id,
    month: r.month,
    openCases: r.open_cases,
    weights: { ...(r.complexity === null ? {} : { complexity: r.complexity }), ...(r.risk === null ? {} : { risk: r.risk }), ...(r.travel === null ? {} : { travel: r.travel }) },
    source: r.source,
    recordedOn: checkDate(r.recorded_on, 'recorded date'),
  };
}

/** Monthly caseloads (`caseload_entries`), replaced a team-month at a time. */
export function sqliteCaseloadStore(db: Db): CaseloadStore {
  const count = db.prepare('SELECT count(*) AS workers, min(source) AS source FROM caseload_entries WHERE team_id = ? AND month = ?');
  const remove = db.prepare('DELETE FROM caseload_entries WHERE team_id = ? AND month = ?');
  const insert = db.prepare(`
    INSERT INTO caseload_entries (team_id, month, worker_key, worker_id, worker_name, open_cases, complexity, risk, travel, source, recorded_on)
    VALUES (@teamId, @month, @workerKey, @workerId, @workerName, @openCases, @complexity, @risk, @travel, @source, @recordedOn)`);
  const between = db.prepare('SELECT * FROM caseload_entries WHERE month >= ? AND month <= ? ORDER BY month, team_id, worker_key');

  return {
    async existing(scope: readonly TeamMonth[]) {
      return scope.flatMap((s) => {
        const row = count.get(s.teamId, s.month) as { workers: number; source: string | null };
        return row.workers > 0 ? [{ ...s, workers: row.workers, source: row.source ?? '' }] : [];
      });
    },

    async replace(scope: readonly TeamMonth[], entries: readonly CaseloadEntry[], recordedOn: IsoDate) {
      const day = checkDate(recordedOn, 'recorded date');
      const inScope = new Set(scope.map((s) => `${s.teamId}|${s.month}`));
      const outside = entries.find((e) => !inScope.has(`${e.teamId}|${e.month}`));
      if (outside) throw new StoreError('invalid', `A caseload for ${outside.teamId} in ${outside.month} is outside what is being replaced.`);
      const keys = new Set<string>();
      for (const e of entries) {
        const key = `${e.teamId}|${e.month}|${workerKey(e)}`;
        if (keys.has(key)) throw new StoreError('invalid', `${e.workerName} has two caseloads for ${e.teamId} in ${e.month}.`);
        keys.add(key);
      }
      return writeTransaction(db, () => {
        let removed = 0;
        for (const s of scope) removed += remove.run(s.teamId, s.month).changes;
        for (const e of entries) {
          insert.run({
            teamId: e.teamId,
            month: e.month,
            workerKey: workerKey(e),
            workerId: e.workerId ?? null,
            workerName: e.workerName,
            openCases: e.openCases,
            complexity: e.weights.complexity ?? null,
            risk: e.weights.risk ?? null,
            travel: e.weights.travel ?? null,
            source: e.source,
            recordedOn: day,
          });
        }
        return { removed, stored: entries.length };
      });
    },

    async between(from: Month, to: Month) {
      return (between.all(from, to) as Row[]).map(toEntry);
    },
  };
}
