import { randomBytes } from 'node:crypto';
import type { GraphClient } from '../graph/graphClient';
import { retryAfterMs } from '../graph/graphClient';
import { graphMessage } from './graphBatch';
import { ACTION_COLUMNS, AUDIT_RECORD_COLUMNS, AUDIT_TASK_COLUMNS, parseAction, parseAuditRecord, parseUpdate, UPDATE_COLUMNS, parseAuditTask, parseCycle, parseParticipation, parseResponse, parseSupervision, splitParticipation, SUPERVISION_COLUMNS, type ActionRow, type Fields, type UpdateRow } from './mapping';
import { RU_COST, type RuPacer } from './ruPacer';
import { SYNCED_LISTS, type SyncedList } from './schema';
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

/** Lists in dependency order: responses and participation need their cycle. */
const ORDER: readonly SyncedList[] = SYNCED_LISTS;
const TABLES: Record<Exclude<SyncedList, 'participation'>, string> = { cycles: 'cycles', responses: 'responses', auditTasks: 'audit_tasks', auditRecords: 'audit_records', supervisionLog: 'supervision_log', actions: 'actions', youSaidWeDid: 'you_said_we_did' };

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
    let requests = 0;
    let seen = new Set<string>();
    for (let attempt = 1; ; ) {
      const now = this.o.now();
      const at = this.o.pacer.reserve(RU_COST.list, now);
      if (at > now) await this.o.sleep(at - now);
      requests++;
      const answer = await this.o.client.request('GET', url);
      if (answer.status === 410) {
        // The delta token has expired or SharePoint reset its change log: read it all again.
        problems.push(`SharePoint no longer had the changes of ${list} since the last sync (410 Gone); read the list again in full`);
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
      const result = state.applyingSharePoint(() => this.apply(list, page, seen, problems));
      applied += result.applied;
      removed += result.removed;
      const next = body?.['@odata.nextLink'];
      const delta = body?.['@odata.deltaLink'];
      if (typeof next === 'string') {
        url = next;
        continue;
      }
      if (typeof delta !== 'string') throw new Error(`SharePoint's answer while syncing ${list} had neither a next link nor a delta link.`);
      if (full) removed += state.applyingSharePoint(() => this.removeUnseen(list, seen, problems));
      state.setDeltaLink(list, delta);
      return { report: { list, full, pages, items, applied, removed }, requests };
    }
  }

  private apply(list: SyncedList, page: readonly DeltaItem[], seen: Set<string>, problems: string[]): { applied: number; removed: number } {
    const { state } = this.o;
    const db = state.db;
    let applied = 0;
    let removed = 0;
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
      if (list === 'cycles') {
        const parsed = parseCycle(fields);
        if (!parsed.ok) {
          problems.push(this.restore(list, key, parsed.problem));
          continue;
        }
        const c = parsed.row;
        const local = db.prepare('SELECT status, threshold, text_threshold FROM cycles WHERE id = ?').get(c.id) as { status: string; threshold: number; text_threshold: number } | undefined;
        if (!local) {
          // Made by another copy of the app: its participation secret stays there, so this one has its own.
          db.prepare(
            `INSERT INTO cycles (id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold, participation_secret)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(c.id, c.survey_id, c.survey_version, c.title, c.kind, c.status, c.opens_on, c.closes_on, c.threshold, c.text_threshold, randomBytes(32));
          applied++;
          continue;
        }
        const rank = { draft: 0, open: 1, closed: 2 } as Record<string, number>;
        const backwards = (rank[c.status] ?? 0) < (rank[local.status] ?? 0);
        const thresholdsMoved = local.status !== 'draft' && (c.threshold !== local.threshold || c.text_threshold !== local.text_threshold);
        if (backwards || thresholdsMoved) {
          problems.push(`cycle ${c.id} was changed in SharePoint in a way the app does not allow (${backwards ? 'moved back to ' + c.status : 'thresholds changed after opening'}); the app's values are written back`);
          db.prepare("INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('cycles', ?, ?, 1) ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1").run(c.id, c.id);
        }
        db.prepare('UPDATE cycles SET title = ?, closes_on = ?, opens_on = ?, status = ?, survey_id = ?, survey_version = ?, threshold = ?, text_threshold = ? WHERE id = ?').run(
          c.title,
          c.closes_on,
          c.opens_on,
          backwards ? local.status : c.status,
          c.survey_id,
          c.survey_version,
          thresholdsMoved ? local.threshold : c.threshold,
          thresholdsMoved ? local.text_threshold : c.text_threshold,
          c.id,
        );
        applied++;
      } else if (list === 'responses') {
        const parsed = parseResponse(fields);
        if (!parsed.ok) {
          problems.push(this.restore(list, key, parsed.problem));
          continue;
        }
        const r = parsed.row;
        if (!db.prepare('SELECT 1 FROM cycles WHERE id = ?').get(r.cycle_id)) {
          problems.push(`response ${r.id} belongs to cycle ${r.cycle_id}, which is not known here; left out`);
          continue;
        }
        db.prepare(
          `INSERT INTO responses (id, cycle_id, survey_version, submitted_on, answers) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET survey_version = excluded.survey_version, submitted_on = excluded.submitted_on, answers = excluded.answers`,
        ).run(r.id, r.cycle_id, r.survey_version, r.submitted_on, r.answers);
        applied++;
      } else if (list === 'auditTasks') {
        const parsed = parseAuditTask(fields);
        if (!parsed.ok) {
          problems.push(this.restore(list, key, parsed.problem));
          continue;
        }
        const t = parsed.row;
        if (!db.prepare('SELECT 1 FROM audit_plans WHERE year = ?').get(t.year)) {
          problems.push(`audit task ${t.id} belongs to ${t.year}, whose plan is not known here; left out`);
          continue;
        }
        const names = AUDIT_TASK_COLUMNS.split(', ');
        db.prepare(`INSERT INTO audit_tasks (${AUDIT_TASK_COLUMNS}) VALUES (${names.map((n) => `@${n}`).join(', ')})
           ON CONFLICT (id) DO UPDATE SET ${names.filter((n) => n !== 'id').map((n) => `${n} = excluded.${n}`).join(', ')}`).run(t);
        applied++;
      } else if (list === 'auditRecords') {
        const parsed = parseAuditRecord(fields);
        if (!parsed.ok) {
          problems.push(this.restore(list, key, parsed.problem));
          continue;
        }
        const { row, events } = parsed.row;
        if (!db.prepare('SELECT 1 FROM audit_tasks WHERE id = ?').get(row.task_id)) {
          problems.push(`audit record ${row.task_id} belongs to an audit task not known here; left out`);
          continue;
        }
        const names = AUDIT_RECORD_COLUMNS.split(', ');
        db.prepare(`INSERT INTO audit_records (${AUDIT_RECORD_COLUMNS}) VALUES (${names.map((n) => `@${n}`).join(', ')})
           ON CONFLICT (task_id) DO UPDATE SET ${names.filter((n) => n !== 'task_id').map((n) => `${n} = excluded.${n}`).join(', ')}`).run(row);
        // The history only grows: entries not here yet are added, none is changed.
        const addEvent = db.prepare('INSERT OR IGNORE INTO audit_record_events (task_id, seq, event, by_id, at) VALUES (?, ?, ?, ?, ?)');
        for (const e of events) addEvent.run(row.task_id, e.seq, e.event, e.by_id, e.at);
        applied++;
      } else if (list === 'supervisionLog') {
        const parsed = parseSupervision(fields);
        if (!parsed.ok) {
          problems.push(this.restore(list, key, parsed.problem));
          continue;
        }
        const r = parsed.row;
        try {
          db.prepare(`INSERT INTO supervision_log (${SUPERVISION_COLUMNS}) VALUES (@id, @supervisor_id, @supervisee_id, @held_on, @outcome)
             ON CONFLICT (id) DO UPDATE SET supervisor_id = excluded.supervisor_id, supervisee_id = excluded.supervisee_id, held_on = excluded.held_on, outcome = excluded.outcome`).run(r);
          applied++;
        } catch {
          problems.push(`supervision ${r.id} would be a second record for the same supervisor, supervisee and day; left out`);
        }
      } else if (list === 'actions') {
        const parsed = parseAction(fields);
        if (!parsed.ok) {
          problems.push(this.restore(list, key, parsed.problem));
          continue;
        }
        if (this.applyAction(parsed.row, problems)) applied++;
      } else if (list === 'youSaidWeDid') {
        const parsed = parseUpdate(fields);
        if (!parsed.ok) {
          problems.push(this.restore(list, key, parsed.problem));
          continue;
        }
        if (this.applyUpdate(parsed.row, problems)) applied++;
      } else {
        const parsed = parseParticipation(fields);
        if (!parsed.ok) {
          problems.push(this.restore(list, key, parsed.problem));
          continue;
        }
        const p = parsed.row;
        if (!db.prepare('SELECT 1 FROM cycles WHERE id = ?').get(p.cycle_id)) {
          problems.push(`participation in cycle ${p.cycle_id}, which is not known here; left out`);
          continue;
        }
        db.prepare("INSERT INTO participation (cycle_id, key, status) VALUES (?, ?, 'submitted') ON CONFLICT (cycle_id, key) DO UPDATE SET status = 'submitted'").run(p.cycle_id, p.key);
        db.prepare('DELETE FROM drafts WHERE cycle_id = ? AND key = ?').run(p.cycle_id, p.key);
        applied++;
      }
    }
    return { applied, removed };
  }

  /**
   * An action from SharePoint. The same as the local one (the echo of the app's own write):
   * nothing to do. Changed there: taken, at the next version, so a manager who read the old
   * one on the tab is told it has changed rather than overwriting the edit; that version is
   * written back to the item. Who made it and
   * when cannot change: such an edit is refused and the app's values are written back.
   */
  private applyAction(a: ActionRow, problems: string[]): boolean {
    const db = this.o.state.db;
    const local = db.prepare(`SELECT ${ACTION_COLUMNS} FROM actions WHERE id = ?`).get(a.id) as ActionRow | undefined;
    if (!local) {
      db.prepare(`INSERT INTO actions (${ACTION_COLUMNS}) VALUES (@id, @what, @owner_id, @due, @status, @link, @progress, @created_by, @created_on, @updated_on, @version)`).run({
        ...a,
        version: Math.max(1, a.version),
      });
      return true;
    }
    if (a.created_by !== local.created_by || a.created_on !== local.created_on) {
      problems.push(this.restore('actions', a.id, `action ${a.id} had who made it or when changed in SharePoint, which the app does not allow`));
      return false;
    }
    const same = (['what', 'owner_id', 'due', 'status', 'link', 'progress', 'updated_on'] as const).every((k) => a[k] === local[k]);
    if (same) return false;
    db.prepare('UPDATE actions SET what = @what, owner_id = @owner_id, due = @due, status = @status, link = @link, progress = @progress, updated_on = @updated_on, version = @version WHERE id = @id').run({
      ...a,
      version: local.version + 1,
    });
    // The version is the app's: written back so SharePoint (and any other copy reading it) holds the new one.
    db.prepare("INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('actions', ?, '', 1) ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1").run(a.id);
    return true;
  }

  /**
   * A "You said, we did" update from SharePoint: a new one (recorded by another copy of the
   * app) is taken; one the app has is what staff were sent, so a change to it is refused and
   * the app's values written back.
   */
  private applyUpdate(u: UpdateRow, problems: string[]): boolean {
    const db = this.o.state.db;
    const local = db.prepare(`SELECT ${UPDATE_COLUMNS} FROM you_said_we_did WHERE id = ?`).get(u.id) as UpdateRow | undefined;
    if (!local) {
      db.prepare(`INSERT INTO you_said_we_did (${UPDATE_COLUMNS}) VALUES (@id, @message, @action_ids, @sent_by, @sent_on)`).run(u);
      return true;
    }
    const same = (['message', 'action_ids', 'sent_by', 'sent_on'] as const).every((k) => u[k] === local[k]);
    if (!same) problems.push(this.restore('youSaidWeDid', u.id, `"You said, we did" update ${u.id} was changed in SharePoint, but it is a record of what staff were sent`));
    return false;
  }

  /**
   * A record deleted in SharePoint. Responses, supervision records and actions go; a cycle, a
   * participation record or an audit task is kept (deleting it would let people answer twice,
   * or lose an audit's history) and reported.
   */
  private remove(list: SyncedList, key: string, problems: string[]): boolean {
    const { state } = this.o;
    if (state.isPending(list, key)) return false;
    if (list === 'responses') return state.db.prepare('DELETE FROM responses WHERE id = ?').run(key).changes > 0;
    if (list === 'supervisionLog') return state.db.prepare('DELETE FROM supervision_log WHERE id = ?').run(key).changes > 0;
    if (list === 'actions') return state.db.prepare('DELETE FROM actions WHERE id = ?').run(key).changes > 0;
    if (list === 'youSaidWeDid') {
      problems.push(`"You said, we did" update ${key} was deleted in SharePoint; kept here, as the record of what staff were sent`);
      return false;
    }
    if (list === 'auditTasks' || list === 'auditRecords') {
      problems.push(`${list === 'auditTasks' ? 'audit task' : 'audit record'} ${key} was deleted in SharePoint; kept here with its history`);
      return false;
    }
    if (list === 'participation') {
      const { cycleId } = splitParticipation(key);
      problems.push(`a participation record of cycle ${cycleId} was deleted in SharePoint; kept here so nobody can answer twice`);
    } else {
      problems.push(`cycle ${key} was deleted in SharePoint; kept here with its responses`);
    }
    return false;
  }

  /**
   * An item SharePoint holds in a shape the app cannot take. If the app has the record, its
   * own values are written back (SharePoint then agrees again); either way it is reported.
   */
  private restore(list: SyncedList, key: string, problem: string): string {
    const db = this.o.state.db;
    const exists =
      list === 'participation'
        ? db.prepare("SELECT 1 FROM participation WHERE cycle_id = ? AND key = ? AND status = 'submitted'").get(splitParticipation(key).cycleId, splitParticipation(key).participationKey)
        : db.prepare(`SELECT 1 FROM ${TABLES[list]} WHERE ${list === 'auditRecords' ? 'task_id' : 'id'} = ?`).get(key);
    if (!exists) return `${problem}; left out`;
    db.prepare('INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES (?, ?, ?, 1) ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, released = 1').run(list, key, '');
    return `${problem}; the app's values are written back`;
  }

  /** After a full read: local responses SharePoint no longer has (and that are not waiting to be written) were deleted there. */
  private removeUnseen(list: SyncedList, seen: Set<string>, problems: string[]): number {
    if (list !== 'responses') return 0;
    const ids = this.o.state.db.prepare('SELECT id FROM responses').pluck().all() as string[];
    let removed = 0;
    for (const id of ids) {
      if (!seen.has(id) && this.remove(list, id, problems)) {
        this.o.state.forgetItem(list, id);
        removed++;
      }
    }
    return removed;
  }
}
