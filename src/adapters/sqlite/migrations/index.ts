import type Database from 'better-sqlite3';
import { baseline } from './0001-baseline';
import { questionnairesAndCycleSettings } from './0002-questionnaires-and-cycle-settings';
import { framework } from './0003-framework';
import { dataProtection } from './0004-data-protection';
import { recoverableState } from './0005-recoverable-state';
import { questionNumbers } from './0006-question-numbers';
import { cycleChanges } from './0007-cycle-changes';

/**
 * The schema, as an ordered list of migrations: the 0.1.0 baseline, then one file per change
 * (`0002-….ts`, …), each added to this list. A migration is never edited once released:
 * change the schema by adding the next one.
 */
export interface Migration {
  /** Applied in increasing order; recorded in `schema_migrations`. */
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [baseline, questionnairesAndCycleSettings, framework, dataProtection, recoverableState, questionNumbers, cycleChanges];

/**
 * Brings the database up to date in one immediate transaction (so two processes opening the
 * same file at once, e.g. the server and `phc`, cannot both apply a migration). Safe to call
 * on every open. Returns the ids applied now.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number[] {
  list.forEach((m, i) => {
    const previous = list[i - 1];
    if (previous && m.id <= previous.id) throw new Error(`Migrations out of order: ${m.id} after ${previous.id}`);
  });
  const run = db.transaction((): number[] => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL) STRICT');
    const done = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as number[]);
    if (isDevelopmentSchema(db, done)) {
      throw new Error(
        'This database was made by a development build from before 0.1.0, whose schema was since folded into one baseline. Nothing released ever wrote it, so it holds test or demo data: move the file aside (or delete the data folder) and start again.',
      );
    }
    const known = new Set(list.map((m) => m.id));
    const unknown = [...done].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new Error(`The database has migrations this version does not know (${unknown.join(', ')}): it was written by a newer version.`);
    }
    const record = db.prepare('INSERT INTO schema_migrations (id, name) VALUES (?, ?)');
    const applied: number[] = [];
    for (const m of list) {
      if (done.has(m.id)) continue;
      db.exec(m.sql);
      record.run(m.id, m.name);
      applied.push(m.id);
    }
    return applied;
  });
  return run.immediate();
}

/** Migration 1 recorded under its development name ("initial schema"), not the baseline's. */
function isDevelopmentSchema(db: Database.Database, done: ReadonlySet<number>): boolean {
  if (!done.has(1)) return false;
  const first = db.prepare('SELECT name FROM schema_migrations WHERE id = 1').pluck().get() as string | undefined;
  return first !== undefined && first !== baseline.name;
}
