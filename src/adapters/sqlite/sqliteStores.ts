import type { Stores } from '../../ports/stores';
import { sqliteCycleStore } from './cycleStore';
import { openDatabase } from './database';
import { sqliteParticipationStore } from './participationStore';
import { sqlitePublishedStore } from './publishedStore';
import { sqliteResponseStore } from './responseStore';

/**
 * All the stores in one SQLite file (WAL mode, foreign keys on, secure delete on), with the
 * schema brought up to date on open. `file` may be `:memory:` for tests; otherwise the caller
 * has created its directory.
 */
export function openSqliteStores(file: string): Stores {
  const db = openDatabase(file);
  return {
    cycles: sqliteCycleStore(db),
    responses: sqliteResponseStore(db),
    participation: sqliteParticipationStore(db),
    published: sqlitePublishedStore(db),
    async close(): Promise<void> {
      // Closing the last connection checkpoints and removes the -wal file.
      if (db.open) db.close();
    },
  };
}
