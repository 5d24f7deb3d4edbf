import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

/** How long a write waits for another process (server and `phc` may share the file). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Bytes a page. Responses and drafts are 1–3 KB of JSON each, and responses sit in a table
 * ordered by their random id (WITHOUT ROWID), where SQLite keeps at most about a quarter of a
 * page of a row on its page and moves the rest to an overflow page of its own: with 4 KB pages
 * every response took two pages, mostly empty, and reading a closed cycle's 100,000 responses
 * meant 200,000 scattered pages (a 440 MB file for 150 MB of answers). With 16 KB pages a
 * response fits on its page beside others: the file is a third of the size and reads three
 * times as fast. Set when a file is made; an older file takes it when it is next compacted.
 */
export const PAGE_SIZE = 16_384;

/**
 * Opens (or creates) the single database file and brings its schema up to date. The caller
 * passes the path and has created the directory; `:memory:` gives a private in-memory store.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Only a file with nothing in it yet takes a new page size this way.
    if (db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${PAGE_SIZE}`);
    // Deleted content is overwritten with zeros, so a deleted draft does not linger in a free
    // page or in the unused space of a page. Per connection, so set on every open.
    db.pragma('secure_delete = ON');
    db.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL waits for the disk at checkpoints rather than at every commit: a
    // commit survives the process crashing, and only the last ones before a power cut can be
    // lost, never the file's consistency (sqlite.org/pragma.html#pragma_synchronous). Waiting
    // for the disk on every draft saved was a good part of each reply's time when a whole
    // council answers at once. Writes that must survive a power cut say so (`durableTransaction`).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Runs `fn` in a transaction that takes the write lock at once (BEGIN IMMEDIATE), so a read
 * followed by a write cannot be overtaken by another process in between.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * A write that must survive a power cut as well as a crash: committed with SQLite waiting for
 * the disk (synchronous FULL for this one commit, which also makes every earlier commit
 * durable). For what the app has promised a person it holds (a response, once they are
 * thanked) and what must never happen twice (a proactive message marked as being sent).
 */
export function durableTransaction<T>(db: Db, fn: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return writeTransaction(db, fn);
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

/**
 * Copies the WAL into the database file and truncates the WAL to nothing. In WAL mode every
 * committed page is appended to the -wal file, and old page images stay there until a
 * checkpoint: so after a submit the WAL would still hold the page with the person's draft
 * (keyed by their participation key) next to the page with their new response, in the order
 * written. `secure_delete` zeroes the draft in the database pages, but only a checkpoint makes
 * those zeroed pages the only copy, and TRUNCATE leaves no stale frames behind in the file.
 * Best effort: another connection reading at that moment can stop it completing, in which
 * case the next checkpoint (or closing the last connection) finishes the job.
 */
export function checkpoint(db: Db): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // best effort: see above
  }
}

/**
 * Copies what it can of the WAL into the database file and waits for the disk, without waiting
 * for or holding up anyone writing (wal_checkpoint(PASSIVE)). What it leaves is the WAL file's
 * own old bytes, which only `checkpoint` removes: the server's background thread runs this at
 * once after a response and `checkpoint` within a second, so that the thread answering people
 * is not held up by the TRUNCATE checkpoint's lock after every response. Best effort.
 */
export function passiveCheckpoint(db: Db): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // best effort: see above
  }
}

/**
 * Rebuilds the file. SQLite lays out pages and the cells within a page in the order rows were
 * written (new leaf and overflow pages get the next page number; a new cell goes below the
 * last one), so a forensic reading of the raw file could recover roughly the order responses
 * arrived in, and line it up with the order people first appeared in `participation`.
 * VACUUM rewrites every table in key order (random ids for responses), removing that trace.
 * Done when a cycle closes, so the file that is kept and backed up afterwards carries no
 * order. Best effort: it cannot run while another connection is writing.
 */
export function compact(db: Db): void {
  try {
    if (db.pragma('page_size', { simple: true }) === PAGE_SIZE) db.exec('VACUUM');
    else vacuumToPageSize(db);
  } catch {
    // best effort: see above
  }
  checkpoint(db);
}

/**
 * VACUUM that also moves an older file to `PAGE_SIZE`: a file in WAL mode keeps its page size,
 * so it leaves WAL mode for the rewrite (which needs no other connection open, else this is
 * skipped as any VACUUM would be) and goes back to it whatever happens.
 */
function vacuumToPageSize(db: Db): void {
  const mode = db.pragma('journal_mode', { simple: true }) as string;
  if (mode !== 'wal') {
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.exec('VACUUM');
    return;
  }
  db.pragma('journal_mode = DELETE');
  try {
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.exec('VACUUM');
  } finally {
    db.pragma('journal_mode = WAL');
  }
}
