import type { GraphClient } from '../graph/graphClient';
import { retryAfterMs } from '../graph/graphClient';
import { graphMessage } from './graphBatch';
import type { Fields, SyncContext } from './lists';
import { RU_COST, type RuPacer } from './ruPacer';
import { listModule, SYNCED_LISTS, type SyncedList } from './schema';
import type { SharePointState } from './state';

export interface DeltaSyncOptions {
  readonly client: GraphClient;
  readonly siteId: string;
  readonly state: SharePointState;
  readonly pacer: RuPacer;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Times a throttled or unavailable page is asked for again before the sync gives up (default 8). */
  readonly maxPageAttempts?: number;
}

export interface ListSyncReport {
  readonly list: SyncedList;
  /** A full read (first sync, or after SharePoint said 410 Gone), rather than changes since the last. */
  readonly full: boolean;
  readonly pages: number;
  readonly items: number;
  readonly applied: number;
  readonly removed: number;
  /**
   * Local records queued to be written back because SharePoint asked for local changes to be
   * uploaded (410 with `resyncChangesUploadDifferences`, e.g. after a restore in SharePoint)
   * and it no longer had them, or held them differently.
   */
  readonly uploaded: number;
}

export interface SyncReport {
  readonly lists: readonly ListSyncReport[];
  /** GET requests made, and the RU they cost. */
  readonly requests: number;
  readonly ru: number;
  /** Items that were not applied, and why, in plain words. */
  readonly problems: readonly string[];
}

interface DeltaItem {
  readonly id?: unknown;
  readonly deleted?: unknown;
  readonly fields?: Fields;
}

/** The resync code of a 410 (`innerError.code`), if any. */
function resyncCodeOf(body: unknown): string | undefined {
  const code = (body as { error?: { innerError?: { code?: unknown }; innererror?: { code?: unknown } } } | undefined)?.error;
  const inner = code?.innerError?.code ?? code?.innererror?.code;
  return typeof inner === 'string' ? inner : undefined;
}

/** Whether an item holds anything other than the app's fields for it (a missing field is the same as an empty one). */
function differs(mine: Fields, theirs: Fields): boolean {
  return Object.entries(mine).some(([name, value]) => (value ?? null) !== (theirs[name] ?? null));
}

/** Lists in dependency order: responses and participation need their cycle. */
const ORDER: readonly SyncedList[] = SYNCED_LISTS;

/**
 * Keeps the local read model current from SharePoint with `/items/delta`: the first sync of
 * a list reads it all, later ones only what changed since the stored delta link (SQLite,
 * migration 11). Pages follow `@odata.nextLink`; a 410 Gone drops the link and reads the
 * list again in full, and a full read removes local responses SharePoint no longer has.
 * Records still waiting to be written are left alone (the local copy is newer), and edits
 * in SharePoint that would weaken anonymity (a threshold lowered on an open cycle) are
 * refused and put back.
 */
export class DeltaSync {
  private readonly maxPageAttempts: number;

  constructor(private readonly o: DeltaSyncOptions) {
    this.maxPageAttempts = o.maxPageAttempts ?? 8;
  }

  async sync(lists: readonly SyncedList[] = ORDER): Promise<SyncReport> {
    const problems: string[] = [];
    const reports: ListSyncReport[] = [];
    let requests = 0;
    for (const list of ORDER.filter((l) => lists.includes(l))) {
      const r = await this.syncList(list, problems);
      requests += r.requests;
      reports.push(r.report);
    }
    return { lists: reports, requests, ru: requests * RU_COST.list, problems };
  }

  /** Forgets the delta links, so the next sync reads every list in full. */
  resetAll(): void {
    for (const list of ORDER) this.o.state.setDeltaLink(list, undefined);
  }

  private async syncList(list: SyncedList, problems: string[]): Promise<{ report: ListSyncReport; requests: number }> {
    const { state } = this.o;
    const listId = state.listId(list);
    if (!listId) throw new Error(`The SharePoint list for ${list} is not known: run "phc sharepoint provision" first.`);
    const start = `/sites/${this.o.siteId}/lists/${listId}/items/delta?$expand=fields`;
    let link = state.deltaLink(list);
    let full = link === undefined;
    let url = link ?? start;
    let pages = 0;
    let items = 0;
    let applied = 0;
    let removed = 0;
    let uploaded = 0;
    let requests = 0;
    let seen = new Set<string>();
    // After a 410: whether SharePoint's state is taken (apply) or the app's changes sent back (upload).
    let resync: 'apply' | 'upload' = 'apply';
    for (let attempt = 1; ;) {
      const now = this.o.now();
      const at = this.o.pacer.reserve(RU_COST.list, now);
      if (at > now) await this.o.sleep(at - now);
      requests++;
      const answer = await this.o.client.request('GET', url);
      if (answer.status === 410) {
        // The delta token has expired or SharePoint reset its change log: read it all again
        // (from our own start, which carries $expand=fields; the Location SharePoint gives
        // starts the same fresh enumeration). Then, as the resync code says: take SharePoint's
        // state, or upload what it does not have (listItem: delta, "410 Gone").
        resync = resyncCodeOf(answer.body) === 'resyncChangesUploadDifferences' ? 'upload' : 'apply';
        problems.push(
          resync === 'upload'
            ? `SharePoint no longer had the changes of ${list} since the last sync and asked for local changes to be uploaded (410 Gone, resyncChangesUploadDifferences); read the list again in full, and records it lost or holds differently are written back`
            : `SharePoint no longer had the changes of ${list} since the last sync (410 Gone); read the list again in full`,
        );
        state.setDeltaLink(list, undefined);
        link = undefined;
        full = true;
        url = start;
        seen = new Set();
        continue;
      }
      if (answer.status === 429 || answer.status === 503 || answer.status === 504) {
        if (attempt >= this.maxPageAttempts) throw new Error(`SharePoint kept answering ${answer.status} while syncing ${list}; the sync will try again later.`);
        attempt++;
        const wait = retryAfterMs(answer.headers.get('retry-after')) ?? 1_000 * 2 ** attempt;
        this.o.pacer.pause(this.o.now() + wait);
        continue;
      }
      if (answer.status !== 200) throw new Error(`SharePoint answered ${answer.status} while syncing ${list}${graphMessage(answer.body)}.`);
      attempt = 1;
      pages++;
      const body = answer.body as { value?: DeltaItem[]; '@odata.nextLink'?: unknown; '@odata.deltaLink'?: unknown } | undefined;
      const page = Array.isArray(body?.value) ? body.value : [];
      items += page.length;
      listModule(list).beforePage(
        state.db,
        page.flatMap((item) => (item.fields ? [item.fields] : [])),
      );
      const result = state.applyingSharePoint(() => this.apply(list, page, seen, problems, resync));
      applied += result.applied;
      removed += result.removed;
      uploaded += result.uploaded;
      const next = body?.['@odata.nextLink'];
      const delta = body?.['@odata.deltaLink'];
      if (typeof next === 'string') {
        url = next;
        continue;
      }
      if (typeof delta !== 'string') throw new Error(`SharePoint's answer while syncing ${list} had neither a next link nor a delta link.`);
      if (full && resync === 'upload') uploaded += state.applyingSharePoint(() => this.uploadUnseen(list, seen));
      else if (full) removed += state.applyingSharePoint(() => this.removeUnseen(list, seen, problems));
      state.setDeltaLink(list, delta);
      return { report: { list, full, pages, items, applied, removed, uploaded }, requests };
    }
  }

  private apply(list: SyncedList, page: readonly DeltaItem[], seen: Set<string>, problems: string[], resync: 'apply' | 'upload'): { applied: number; removed: number; uploaded: number } {
    const { state } = this.o;
    const module = listModule(list);
    const context = this.context(list, problems);
    const local = resync === 'upload' ? module.reader(state.db) : undefined;
    let applied = 0;
    let removed = 0;
    let uploaded = 0;
    for (const item of page) {
      const itemId = typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : undefined;
      if (itemId === undefined) continue;
      if (item.deleted !== undefined && item.deleted !== null) {
        const key = state.keyOfItem(list, itemId);
        if (key !== undefined && this.remove(list, key, problems)) removed++;
        if (key !== undefined) state.forgetItem(list, key);
        continue;
      }
      const fields = item.fields ?? {};
      const key = typeof fields.PhcId === 'string' ? fields.PhcId : undefined;
      if (!key) {
        problems.push(`${list} item ${itemId} has no PHC id (added by hand in SharePoint?); left out`);
        continue;
      }
      seen.add(key);
      state.rememberItem(list, key, itemId);
      // Waiting to be written: the local copy is newer than SharePoint's.
      if (state.isPending(list, key)) continue;
      if (local) {
        // Uploading differences: the app's copy wins where it has one; SharePoint's is taken only where it has none.
        const mine = module.has(state.db, key) ? local(key) : undefined;
        if (mine) {
          if (differs(mine, fields)) {
            this.queueUpload(list, key);
            uploaded++;
          }
          continue;
        }
      }
      if (module.take(context, key, fields)) applied++;
    }
    return { applied, removed, uploaded };
  }

  /** Queues a local record to be written to SharePoint again (an update if its item is known, else a create). */
  private queueUpload(list: SyncedList, key: string, cycleId = ''): void {
    this.o.state.db
      .prepare('INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES (?, ?, ?, 1) ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, released = 1')
      .run(list, key, cycleId);
  }

  /** After a full read that asked for uploads: local records SharePoint did not return go back to it. */
  private uploadUnseen(list: SyncedList, seen: Set<string>): number {
    const { state } = this.o;
    const keys = state.db.prepare(`SELECT item_key, cycle_id FROM (${listModule(list).localKeysSql})`).all() as { item_key: string; cycle_id: string }[];
    let uploaded = 0;
    for (const { item_key: key, cycle_id: cycleId } of keys) {
      if (seen.has(key) || state.isPending(list, key)) continue;
      // Its item is gone: written again as a new one.
      state.forgetItem(list, key);
      this.queueUpload(list, key, cycleId);
      uploaded++;
    }
    return uploaded;
  }

  /** What a list's module needs to apply SharePoint's changes. */
  private context(list: SyncedList, problems: string[]): SyncContext {
    return { db: this.o.state.db, problems, restore: (key, problem) => this.restore(list, key, problem) };
  }

  /** A record deleted in SharePoint: its module says whether the local record goes too. Never one still waiting to be written. */
  private remove(list: SyncedList, key: string, problems: string[]): boolean {
    if (this.o.state.isPending(list, key)) return false;
    return listModule(list).deleted(this.context(list, problems), key);
  }

  /**
   * An item SharePoint holds in a shape the app cannot take. If the app has the record, its
   * own values are written back (SharePoint then agrees again); either way it is reported.
   */
  private restore(list: SyncedList, key: string, problem: string): string {
    const db = this.o.state.db;
    if (!listModule(list).has(db, key)) return `${problem}; left out`;
    db.prepare('INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES (?, ?, ?, 1) ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, released = 1').run(
      list,
      key,
      '',
    );
    return `${problem}; the app's values are written back`;
  }

  /** After a full read: local records SharePoint no longer has (and that are not waiting to be written) were deleted there, for the lists where that means anything. */
  private removeUnseen(list: SyncedList, seen: Set<string>, problems: string[]): number {
    const module = listModule(list);
    if (!module.fullReadRemovesUnseen) return 0;
    const keys = this.o.state.db.prepare(`SELECT item_key FROM (${module.localKeysSql})`).pluck().all() as string[];
    let removed = 0;
    for (const key of keys) {
      if (!seen.has(key) && this.remove(list, key, problems)) {
        this.o.state.forgetItem(list, key);
        removed++;
      }
    }
    return removed;
  }
}
