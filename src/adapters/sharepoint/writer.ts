import { backoffDelay, type BackoffPolicy } from '../../domain/outbox/backoff';
import type { GraphClient } from '../graph/graphClient';
import { checkpoint } from '../sqlite/database';
import { BatchError, graphMessage, MAX_BATCH, sendBatch, type BatchAnswer, type BatchRequest } from './graphBatch';
import type { LocalRowReader } from './lists';
import { RU_COST, type RuPacer } from './ruPacer';
import { listModule, type SyncedList } from './schema';
import type { PendingCounts, PendingRow, SharePointState } from './state';

export interface WriterOptions {
  readonly client: GraphClient;
  readonly siteId: string;
  readonly state: SharePointState;
  readonly rows: LocalRowReader;
  readonly pacer: RuPacer;
  /** This clock's ms (the stand-in may run fast; the pacer's minute is in the same ms). */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Responses (and participation) leave in groups of at least this many per cycle (default 10)… */
  readonly minGroup?: number;
  /** …or once the group has waited this long (default 2 hours). */
  readonly maxHoldMs?: number;
  readonly backoff?: BackoffPolicy;
}

/** What one flush did. */
export interface FlushReport {
  /** Inner requests sent (writes and look-ups). */
  readonly requests: number;
  readonly written: number;
  /** Inner requests SharePoint throttled (429), each retried on its own. */
  readonly throttled: number;
  /** Inner requests to try again for other reasons (503, 504, no answer). */
  readonly retrying: number;
  readonly failed: number;
  /** Batches sent (0 or 1, plus 1 when records in doubt were looked up first). */
  readonly batches: number;
}

const NOTHING: FlushReport = { requests: 0, written: 0, throttled: 0, retrying: 0, failed: 0, batches: 0 };
const BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 10 * 60_000, maxAttempts: Number.POSITIVE_INFINITY };

/**
 * Writes what the local store has queued (sharepoint_pending) to SharePoint lists in `$batch`
 * requests of at most 20, paced to the resource-unit budget. Each answer inside a batch is
 * handled on its own: a 429 on request 7 puts back request 7 only, until its Retry-After.
 * Exactly once: every record is marked "in doubt" before its request leaves; one in doubt is
 * looked up by its PhcId (an indexed column) before it is written again, so a crash, a
 * timeout or a lost answer never makes a second item.
 */
export class SharePointWriter {
  private readonly minGroup: number;
  private readonly maxHoldMs: number;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly lists = new Map<SyncedList, string>();

  constructor(private readonly o: WriterOptions) {
    this.minGroup = o.minGroup ?? 10;
    this.maxHoldMs = o.maxHoldMs ?? 2 * 3_600_000;
    this.random = o.random ?? Math.random;
    this.backoff = o.backoff ?? BACKOFF;
  }

  /** One batch (after a look-up batch for records in doubt, if any). `force` releases held groups now. */
  async flush(options: { readonly force?: boolean } = {}): Promise<FlushReport> {
    const { state } = this.o;
    state.release(this.o.now(), this.minGroup, this.maxHoldMs, options.force ?? false);
    let due = state.due(this.o.now(), MAX_BATCH);
    if (due.length === 0) return NOTHING;
    let report = NOTHING;
    const unknown = due.filter((r) => r.in_doubt === 1 && state.itemId(r.list, r.item_key) === undefined);
    if (unknown.length > 0) {
      report = add(report, await this.lookUp(unknown));
      due = state.due(this.o.now(), MAX_BATCH).filter((r) => r.in_doubt === 0 || state.itemId(r.list, r.item_key) !== undefined);
      if (due.length === 0) return report;
    }
    return add(report, await this.write(due));
  }

  /**
   * Flushes until nothing is waiting or `deadline` (this clock's ms) passes. With `force`
   * (the default) held groups of responses are released at once; without it, records still
   * held back stay for their group, and the drain ends when only they are left. Records
   * SharePoint refused for good stay `failed` and are reported.
   */
  async drain(options: { readonly deadline?: number; readonly force?: boolean } = {}): Promise<{ readonly report: FlushReport; readonly pending: PendingCounts; readonly held: number }> {
    const force = options.force ?? true;
    let report = NOTHING;
    for (;;) {
      const r = await this.flush({ force });
      report = add(report, r);
      const pending = this.o.state.counts();
      const held = this.o.state.held();
      if (pending.waiting === held) return { report, pending, held };
      const now = this.o.now();
      if (options.deadline !== undefined && now >= options.deadline) return { report, pending, held };
      if (r.requests === 0) {
        const next = Math.max(this.o.state.nextDue() ?? now, this.o.pacer.nextSlot(now));
        const until = options.deadline === undefined ? next : Math.min(next, options.deadline);
        await this.o.sleep(Math.max(1, until - now));
      }
    }
  }

  pending(): PendingCounts {
    return this.o.state.counts();
  }

  private listId(list: SyncedList): string {
    const id = this.lists.get(list) ?? this.o.state.listId(list);
    if (!id) throw new Error(`The SharePoint list for ${list} is not known: run "phc sharepoint provision" first.`);
    this.lists.set(list, id);
    return id;
  }

  private itemsUrl(list: SyncedList): string {
    return `/sites/${this.o.siteId}/lists/${this.listId(list)}/items`;
  }

  private async pace(cost: number): Promise<void> {
    const now = this.o.now();
    const at = this.o.pacer.reserve(cost, now);
    if (at > now) await this.o.sleep(at - now);
  }

  /** `GET …/items?$filter=fields/PhcId eq '…'` for each row: PhcId is indexed, so this works past 5,000 items. */
  private findRequests(rows: readonly PendingRow[]): BatchRequest[] {
    return rows.map((r, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `${this.itemsUrl(r.list)}?$select=id&$expand=fields($select=PhcId)&$filter=${encodeURIComponent(`fields/PhcId eq '${r.item_key.replace(/'/g, "''")}'`)}`,
    }));
  }

  /** Records in doubt: did the last attempt make an item? Ask by PhcId before writing again. */
  private async lookUp(rows: readonly PendingRow[]): Promise<FlushReport> {
    const requests = this.findRequests(rows);
    await this.pace(requests.length * RU_COST.list);
    const answers = await this.send(rows, requests, false);
    if (!answers) return { ...NOTHING, requests: requests.length, retrying: requests.length, batches: 1 };
    let throttled = 0;
    let retrying = 0;
    rows.forEach((row, i) => {
      const a = answers.get(String(i + 1)) as BatchAnswer;
      if (a.status === 200) {
        const found = ((a.body as { value?: { id?: unknown }[] } | undefined)?.value ?? []).find((v) => typeof v.id === 'string');
        if (found) this.o.state.rememberItem(row.list, row.item_key, found.id as string);
        // Known now either way: found (update it) or certainly absent (create it).
        this.o.state.settle(row, 0, undefined);
      } else if (a.status === 429) {
        throttled++;
        this.putBack(row, a, true);
      } else {
        retrying++;
        this.putBack(row, a, true);
      }
    });
    return { ...NOTHING, requests: requests.length, throttled, retrying, batches: 1 };
  }

  private async write(rows: readonly PendingRow[]): Promise<FlushReport> {
    const { state } = this.o;
    const sent: { row: PendingRow; request: BatchRequest; kind: 'create' | 'update' | 'delete' }[] = [];
    for (const row of rows) {
      let fields;
      try {
        fields = this.o.rows.fieldsOf(row.list, row.item_key);
      } catch (error) {
        // One unreadable local record must not hold up every other: it is set aside, with why.
        state.fail(row, `the local ${row.list} record could not be read (${(error as Error).message})`);
        continue;
      }
      const id = String(sent.length + 1);
      const itemId = state.itemId(row.list, row.item_key);
      const disposal = state.disposal(row.list, row.item_key);
      if (!fields) {
        // Deleted in the app, or disposed of under the retention schedule: its item goes too (a
        // record in doubt was looked up first, so an unknown item id means SharePoint never had it).
        if ((listModule(row.list).deletedWithTheApp || disposal !== undefined) && itemId !== undefined)
          sent.push({ row, kind: 'delete', request: { id, method: 'DELETE', url: `${this.itemsUrl(row.list)}/${itemId}` } });
        else {
          state.disposed(row.list, row.item_key);
          state.drop(row); // gone locally, or not something that leaves the server
        }
        continue;
      }
      if (disposal === 'recreate' && itemId !== undefined) {
        // Changed so that its earlier versions must go (About you answers taken off, a leaver's
        // id replaced): the item is deleted, then written afresh with no history.
        sent.push({ row, kind: 'delete', request: { id, method: 'DELETE', url: `${this.itemsUrl(row.list)}/${itemId}` } });
        continue;
      }
      if (disposal === 'recreate') state.disposed(row.list, row.item_key);
      sent.push(
        itemId === undefined
          ? { row, kind: 'create', request: { id, method: 'POST', url: this.itemsUrl(row.list), body: { fields } } }
          : { row, kind: 'update', request: { id, method: 'PATCH', url: `${this.itemsUrl(row.list)}/${itemId}/fields`, body: fields } },
      );
    }
    if (sent.length === 0) return NOTHING;
    await this.pace(sent.length * RU_COST.write);
    const answers = await this.send(
      sent.map((s) => s.row),
      sent.map((s) => s.request),
      true,
    );
    if (!answers) return { ...NOTHING, requests: sent.length, retrying: sent.length, batches: 1 };
    let written = 0;
    let throttled = 0;
    let retrying = 0;
    let failed = 0;
    let removed = 0;
    // Creates refused with 400: perhaps a duplicate in the unique PhcId (SharePoint answers a
    // duplicate with 400 as well as 409), perhaps a value it will never take. A look-up says which.
    const refusedCreates: { row: PendingRow; answer: BatchAnswer }[] = [];
    for (const { row, request, kind } of sent) {
      const a = answers.get(request.id) as BatchAnswer;
      if (kind === 'delete' && ((a.status >= 200 && a.status < 300) || a.status === 404)) {
        // Gone from SharePoint (404: someone deleted it there first). A record written afresh
        // stays queued, now with no item: the next batch creates it.
        const recreate = state.disposal(row.list, row.item_key) === 'recreate';
        state.forgetItem(row.list, row.item_key);
        state.disposed(row.list, row.item_key);
        if (recreate) state.settle(row, 0, undefined);
        else state.done(row);
        written++;
        removed++;
      } else if (a.status >= 200 && a.status < 300) {
        if (kind === 'create') {
          const itemId = (a.body as { id?: unknown } | undefined)?.id;
          if (typeof itemId === 'string' || typeof itemId === 'number') state.rememberItem(row.list, row.item_key, String(itemId));
        }
        state.done(row);
        written++;
      } else if (a.status === 429) {
        // Not carried out: SharePoint refuses throttled requests before doing them.
        throttled++;
        this.putBack(row, a, false);
      } else if (kind === 'update' && a.status === 404) {
        // The item was deleted in SharePoint; the local record still exists, so it is written again.
        state.forgetItem(row.list, row.item_key);
        state.settle(row, 0, 'the SharePoint item had been deleted; writing it again');
        retrying++;
      } else if (kind === 'create' && a.status === 409) {
        // Unique PhcId: an earlier attempt did make it. Look it up, then update it.
        state.retry(row, 0, true, 'already in SharePoint; looking it up');
        retrying++;
      } else if (kind === 'create' && a.status === 400) {
        refusedCreates.push({ row, answer: a });
      } else if (a.status === 400 || a.status === 413 || a.status === 422) {
        state.fail(row, `SharePoint refused the ${row.list} record (${a.status}${graphMessage(a.body)}); retrying will not help`);
        failed++;
      } else {
        retrying++;
        this.putBack(row, a, a.status === 0 || a.status >= 500);
      }
    }
    // A record gone from SharePoint is gone from the bookkeeping too: its key (which may name
    // someone) must not stay in an old page of the file or the WAL.
    if (removed > 0) checkpoint(state.db);
    if (refusedCreates.length === 0) return { requests: sent.length, written, throttled, retrying, failed, batches: 1 };
    const checked = await this.alreadyThere(refusedCreates);
    return { requests: sent.length + checked.requests, written, throttled, retrying: retrying + checked.retrying, failed: failed + checked.failed, batches: 2 };
  }

  /**
   * Creates SharePoint refused with 400: an item with the same PhcId there already means the
   * record was written before (its item is remembered and updated next); none means the
   * refusal stands, with SharePoint's words.
   */
  private async alreadyThere(refused: readonly { row: PendingRow; answer: BatchAnswer }[]): Promise<{ requests: number; retrying: number; failed: number }> {
    const rows = refused.map((r) => r.row);
    const requests = this.findRequests(rows);
    await this.pace(requests.length * RU_COST.list);
    const answers = await this.send(rows, requests, false);
    if (!answers) return { requests: requests.length, retrying: requests.length, failed: 0 };
    let retrying = 0;
    let failed = 0;
    refused.forEach(({ row, answer }, i) => {
      const a = answers.get(String(i + 1)) as BatchAnswer;
      const found = a.status === 200 ? ((a.body as { value?: { id?: unknown }[] } | undefined)?.value ?? []).find((v) => typeof v.id === 'string') : undefined;
      if (found) {
        this.o.state.rememberItem(row.list, row.item_key, found.id as string);
        this.o.state.settle(row, 0, 'already in SharePoint; updating it');
        retrying++;
      } else if (a.status === 200) {
        this.o.state.fail(row, `SharePoint refused the ${row.list} record (400${graphMessage(answer.body)}); retrying will not help`);
        failed++;
      } else {
        // Not known yet: in doubt, so it is looked up again before anything is written.
        this.o.state.retry(row, this.o.now(), true, `SharePoint refused it (400${graphMessage(answer.body)}); looking it up`);
        retrying++;
      }
    });
    return { requests: requests.length, retrying, failed };
  }

  /** Sends a batch; on a failure of the whole batch puts every row back (in doubt) and returns undefined. */
  private async send(rows: readonly PendingRow[], requests: readonly BatchRequest[], markAttempt: boolean): Promise<Map<string, BatchAnswer> | undefined> {
    if (markAttempt) this.o.state.markAttempt(rows);
    try {
      return await sendBatch(this.o.client, requests);
    } catch (error) {
      const wait = error instanceof BatchError ? error.retryAfterMs : undefined;
      if (wait !== undefined) this.o.pacer.pause(this.o.now() + wait);
      for (const row of rows) {
        const delay = wait ?? backoffDelay(row.attempts + 1, this.random, this.backoff);
        // In doubt if it was a write that may have gone out; a look-up never changes anything.
        this.o.state.retry(row, this.o.now() + delay, markAttempt || row.in_doubt === 1, (error as Error).message);
      }
      return undefined;
    }
  }

  private putBack(row: PendingRow, a: BatchAnswer, inDoubt: boolean): void {
    const now = this.o.now();
    const delay = a.retryAfterMs ?? backoffDelay(row.attempts + 1, this.random, this.backoff);
    if (a.status === 429 && a.retryAfterMs !== undefined) this.o.pacer.pause(now + a.retryAfterMs);
    const reason = a.status === 0 ? 'no answer for this request inside the batch' : `SharePoint answered ${a.status}${graphMessage(a.body)}`;
    this.o.state.retry(row, now + delay, inDoubt, reason);
  }
}

function add(a: FlushReport, b: FlushReport): FlushReport {
  return {
    requests: a.requests + b.requests,
    written: a.written + b.written,
    throttled: a.throttled + b.throttled,
    retrying: a.retrying + b.retrying,
    failed: a.failed + b.failed,
    batches: a.batches + b.batches,
  };
}
