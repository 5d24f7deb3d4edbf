import type { Db } from '../sqlite/database';
import { LIST_MODULES, SYNCED_LISTS, type SyncedList } from './schema';

/**
 * The SharePoint bookkeeping in SQLite (the `sharepoint_*` tables of the baseline schema): which site, which list ids and delta
 * links, which records wait to be written, and the SharePoint item id of each record written.
 * Operational state: it never leaves the server.
 */
export interface PendingRow {
  readonly list: SyncedList;
  readonly item_key: string;
  readonly cycle_id: string;
  readonly version: number;
  readonly attempts: number;
  readonly in_doubt: number;
  readonly not_before: number;
}

export interface PendingCounts {
  /** Waiting to be written (held, due or retrying). */
  readonly waiting: number;
  /** Refused by SharePoint for a reason retrying will not cure; `reasons` says why. */
  readonly failed: number;
  readonly reasons: readonly { readonly reason: string; readonly count: number }[];
}

export class SharePointState {
  constructor(readonly db: Db) {}

  site(): string | undefined {
    return this.db.prepare('SELECT site_id FROM sharepoint_site WHERE id = 1').pluck().get() as string | undefined;
  }

  /**
   * Names the site this data directory writes to, which switches the change capture on.
   * Refuses a different site: item ids and delta links belong to one site.
   */
  bindSite(siteId: string): void {
    const current = this.site();
    if (current !== undefined && current !== siteId) {
      throw new Error(`This data directory already keeps its records in SharePoint site ${current}; it cannot switch to ${siteId}. Use a new data directory for a new site.`);
    }
    if (current === undefined) {
      this.db
        .transaction(() => {
          this.db.prepare('INSERT INTO sharepoint_site (id, site_id) VALUES (1, ?)').run(siteId);
          // New to the site: whatever the site already holds is read back before the app serves.
          this.db.prepare('INSERT OR IGNORE INTO sharepoint_read_back (id) VALUES (1)').run();
          // Records already in the local store (from before SharePoint was configured) go too.
          for (const list of LIST_MODULES) this.queueLocal(list.name);
        })
        .immediate();
    }
  }

  /**
   * Queues every local record of a list to be written: all lists when a data directory is
   * first bound to a site, and a list added by a later version of the app (its records were
   * kept locally until the list existed).
   */
  queueLocal(list: SyncedList): void {
    const module = LIST_MODULES.find((m) => m.name === list);
    if (!module) throw new Error(`No SharePoint list is defined for ${list}.`);
    this.db
      .prepare(`INSERT OR IGNORE INTO sharepoint_pending (list, item_key, cycle_id, released) SELECT ?, item_key, cycle_id, ? FROM (${module.localKeysSql})`)
      .run(list, module.heldInGroups ? 0 : 1);
  }

  /** Whether this data directory has still to read its records back from the site (it is new to it). */
  mustReadBack(): boolean {
    return this.db.prepare('SELECT 1 FROM sharepoint_read_back').get() !== undefined;
  }

  readBackDone(): void {
    this.db.prepare('DELETE FROM sharepoint_read_back').run();
  }

  listId(list: SyncedList): string | undefined {
    return this.db.prepare('SELECT list_id FROM sharepoint_lists WHERE list = ?').pluck().get(list) as string | undefined;
  }

  setListId(list: SyncedList, listId: string): void {
    this.db.prepare('INSERT INTO sharepoint_lists (list, list_id) VALUES (?, ?) ON CONFLICT (list) DO UPDATE SET list_id = excluded.list_id').run(list, listId);
  }

  deltaLink(list: SyncedList): string | undefined {
    return (this.db.prepare('SELECT delta_link FROM sharepoint_lists WHERE list = ?').pluck().get(list) as string | null | undefined) ?? undefined;
  }

  setDeltaLink(list: SyncedList, link: string | undefined): void {
    this.db.prepare('UPDATE sharepoint_lists SET delta_link = ? WHERE list = ?').run(link ?? null, list);
  }

  itemId(list: SyncedList, key: string): string | undefined {
    return this.db.prepare('SELECT item_id FROM sharepoint_items WHERE list = ? AND item_key = ?').pluck().get(list, key) as string | undefined;
  }

  keyOfItem(list: SyncedList, itemId: string): string | undefined {
    return this.db.prepare('SELECT item_key FROM sharepoint_items WHERE list = ? AND item_id = ?').pluck().get(list, itemId) as string | undefined;
  }

  rememberItem(list: SyncedList, key: string, itemId: string): void {
    this.db.prepare('DELETE FROM sharepoint_items WHERE list = ? AND item_id = ? AND item_key <> ?').run(list, itemId, key);
    this.db.prepare('INSERT INTO sharepoint_items (list, item_key, item_id) VALUES (?, ?, ?) ON CONFLICT (list, item_key) DO UPDATE SET item_id = excluded.item_id').run(list, key, itemId);
  }

  forgetItem(list: SyncedList, key: string): void {
    this.db.prepare('DELETE FROM sharepoint_items WHERE list = ? AND item_key = ?').run(list, key);
  }

  isPending(list: SyncedList, key: string): boolean {
    return this.db.prepare('SELECT 1 FROM sharepoint_pending WHERE list = ? AND item_key = ? AND failed = 0').pluck().get(list, key) !== undefined;
  }

  /**
   * Releases groups of held responses and participation: a group (one list, one cycle) goes
   * once it has `minGroup` records or has waited `maxHoldMs` (or always, with `force`). Only
   * the records there at that moment are released; later ones start a new group.
   */
  release(now: number, minGroup: number, maxHoldMs: number, force: boolean): void {
    const groups = this.db.prepare(`SELECT list, cycle_id, count(*) AS n FROM sharepoint_pending WHERE released = 0 AND failed = 0 GROUP BY list, cycle_id`).all() as {
      list: string;
      cycle_id: string;
      n: number;
    }[];
    const holdSince = this.db.prepare('SELECT since FROM sharepoint_holds WHERE list = ? AND cycle_id = ?').pluck();
    const startHold = this.db.prepare('INSERT OR IGNORE INTO sharepoint_holds (list, cycle_id, since) VALUES (?, ?, ?)');
    const endHold = this.db.prepare('DELETE FROM sharepoint_holds WHERE list = ? AND cycle_id = ?');
    const releaseGroup = this.db.prepare('UPDATE sharepoint_pending SET released = 1 WHERE list = ? AND cycle_id = ? AND released = 0 AND failed = 0');
    this.db.transaction(() => {
      for (const g of groups) {
        const since = (holdSince.get(g.list, g.cycle_id) as number | undefined) ?? now;
        if (force || g.n >= minGroup || now - since >= maxHoldMs) {
          releaseGroup.run(g.list, g.cycle_id);
          endHold.run(g.list, g.cycle_id);
        } else {
          startHold.run(g.list, g.cycle_id, Math.floor(since));
        }
      }
    })();
  }

  /**
   * Released records due now, cycles first (responses need their cycle), then in key order,
   * which is random for responses and participation. One walk of the primary key per list.
   */
  due(now: number, limit: number): PendingRow[] {
    const rows: PendingRow[] = [];
    const query = this.db.prepare(
      `SELECT list, item_key, cycle_id, version, attempts, in_doubt, not_before FROM sharepoint_pending
       WHERE list = ? AND released = 1 AND failed = 0 AND not_before <= ? ORDER BY item_key LIMIT ?`,
    );
    for (const list of SYNCED_LISTS) {
      if (rows.length >= limit) break;
      rows.push(...(query.all(list, Math.floor(now), limit - rows.length) as PendingRow[]));
    }
    return rows;
  }

  /** Committed before the request leaves: a crash from here on leaves the record in doubt, to be looked up before it is written again. */
  markAttempt(rows: readonly PendingRow[]): void {
    const mark = this.db.prepare('UPDATE sharepoint_pending SET attempts = attempts + 1, in_doubt = 1 WHERE list = ? AND item_key = ?');
    this.db.transaction(() => {
      for (const r of rows) mark.run(r.list, r.item_key);
    })();
  }

  /** Written: done, unless the record changed again meanwhile (then it goes again, as an update). */
  done(row: PendingRow): void {
    const removed = this.db.prepare('DELETE FROM sharepoint_pending WHERE list = ? AND item_key = ? AND version = ?').run(row.list, row.item_key, row.version);
    if (removed.changes === 0) this.settle(row, 0, undefined);
  }

  /** Not written, for certain (`inDoubt` false) or perhaps; try again from `notBefore`. */
  retry(row: PendingRow, notBefore: number, inDoubt: boolean, reason: string): void {
    this.db
      .prepare('UPDATE sharepoint_pending SET not_before = ?, in_doubt = ?, reason = ? WHERE list = ? AND item_key = ?')
      .run(Math.ceil(notBefore), inDoubt ? 1 : 0, reason, row.list, row.item_key);
  }

  settle(row: PendingRow, notBefore: number, reason: string | undefined): void {
    this.db.prepare('UPDATE sharepoint_pending SET not_before = ?, in_doubt = 0, reason = ? WHERE list = ? AND item_key = ?').run(Math.ceil(notBefore), reason ?? null, row.list, row.item_key);
  }

  drop(row: PendingRow): void {
    this.db.prepare('DELETE FROM sharepoint_pending WHERE list = ? AND item_key = ?').run(row.list, row.item_key);
  }

  fail(row: PendingRow, reason: string): void {
    this.db.prepare('UPDATE sharepoint_pending SET failed = 1, in_doubt = 0, reason = ? WHERE list = ? AND item_key = ?').run(reason, row.list, row.item_key);
  }

  /** Puts every refused record back in the queue (after the cause was put right). Returns how many. */
  retryFailed(): number {
    return this.db.prepare('UPDATE sharepoint_pending SET failed = 0, in_doubt = 1, not_before = 0, reason = NULL WHERE failed = 1').run().changes;
  }

  counts(): PendingCounts {
    const waiting = this.db.prepare('SELECT count(*) FROM sharepoint_pending WHERE failed = 0').pluck().get() as number;
    const reasons = this.db.prepare("SELECT coalesce(reason, 'no reason given') AS reason, count(*) AS count FROM sharepoint_pending WHERE failed = 1 GROUP BY reason ORDER BY count DESC").all() as {
      reason: string;
      count: number;
    }[];
    return { waiting, failed: reasons.reduce((n, r) => n + r.count, 0), reasons };
  }

  /** Records held back for their group (not yet released). */
  held(): number {
    return this.db.prepare('SELECT count(*) FROM sharepoint_pending WHERE released = 0 AND failed = 0').pluck().get() as number;
  }

  /** When the earliest waiting, released record falls due, if any. */
  nextDue(): number | undefined {
    return (this.db.prepare('SELECT min(not_before) FROM sharepoint_pending WHERE released = 1 AND failed = 0').pluck().get() as number | null) ?? undefined;
  }

  /**
   * Whether a record's item is to be deleted (the app disposed of the record) or deleted and
   * written afresh (`recreate`: its earlier versions must not keep what the app removed).
   */
  disposal(list: SyncedList, key: string): 'delete' | 'recreate' | undefined {
    const recreate = this.db.prepare('SELECT recreate FROM sharepoint_disposals WHERE list = ? AND item_key = ?').pluck().get(list, key) as number | undefined;
    return recreate === undefined ? undefined : recreate === 1 ? 'recreate' : 'delete';
  }

  /** The item is gone from SharePoint: nothing more to delete for this record. */
  disposed(list: SyncedList, key: string): void {
    this.db.prepare('DELETE FROM sharepoint_disposals WHERE list = ? AND item_key = ?').run(list, key);
  }

  /** Runs `fn` with the change capture off: SharePoint's own changes must not be queued back to it. */
  applyingSharePoint<T>(fn: () => T): T {
    return this.db
      .transaction(() => {
        this.db.prepare('INSERT OR IGNORE INTO sharepoint_sync_guard (id) VALUES (1)').run();
        try {
          return fn();
        } finally {
          this.db.prepare('DELETE FROM sharepoint_sync_guard').run();
        }
      })
      .immediate();
  }
}
