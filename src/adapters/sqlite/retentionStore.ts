import { randomBytes } from 'node:crypto';
import { RECORD_TYPES, holdScopeKey, parseHoldScope, type DisposalCount, type RecordType } from '../../domain/dataProtection/retention';
import type { IsoDate } from '../../domain/shared/brand';
import type { Cutoffs, DisposalLogLine, DisposalOutcome, Hold, RetentionStore } from '../../ports/retention';
import { StoreError } from '../../ports/stores';
import { updateDeliveryKey } from '../sharepoint/lists/messages';
import type { SyncedList } from '../sharepoint/lists/spec';
import { checkDate } from './codec';
import { compact, writeTransaction, type Db } from './database';
import { PERSON_REFERENCES, holdsPerson, replacedPerson, replacePerson, type PersonReference } from './personReferences';

/**
 * Queues a SharePoint item for deletion (the record was disposed of here) or for deletion and
 * a fresh write (`recreate`: the record changed so that no earlier version may stay), as the
 * triggers queue every other change: only once a site is bound.
 */
export function queueSharePointRemoval(db: Db, list: SyncedList, key: string, cycleId: string, recreate: boolean): void {
  if (db.prepare('SELECT 1 FROM sharepoint_site').get() === undefined) return;
  db.prepare('INSERT INTO sharepoint_disposals (list, item_key, recreate) VALUES (?, ?, ?) ON CONFLICT (list, item_key) DO UPDATE SET recreate = excluded.recreate').run(list, key, recreate ? 1 : 0);
  db.prepare('INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES (?, ?, ?, 1) ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0, released = 1').run(
    list,
    key,
    cycleId,
  );
}

/** Queues a record to be written to SharePoint (a key no trigger sees: one renamed here), once a site is bound. */
function queueSharePointWrite(db: Db, list: SyncedList, key: string, cycleId: string): void {
  if (db.prepare('SELECT 1 FROM sharepoint_site').get() === undefined) return;
  db.prepare('INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES (?, ?, ?, 1) ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0, released = 1').run(
    list,
    key,
    cycleId,
  );
}

/** People and cycles a legal hold keeps, and kinds of record held whole. */
interface Held {
  readonly people: readonly string[];
  readonly cycles: readonly string[];
  readonly types: ReadonlySet<RecordType>;
}

/** A record (or a cycle's answers, `weight` of them) due for disposal, and whether a hold keeps it. */
interface Due {
  readonly key: string;
  readonly held: number;
  readonly weight?: number;
}

/**
 * One kind of record: which rows are due (given its cutoff), which of those a hold keeps, and
 * how to dispose of the rest. `keys` selects the due rows' keys with a column `held` (1 when a
 * hold keeps it); `dispose` removes the given keys and says how many records went.
 */
interface Disposer {
  readonly keys: (cutoff: IsoDate, held: Held) => Due[];
  readonly dispose: (keys: readonly string[], today: IsoDate) => number;
  readonly action: 'deleted' | 'pseudonymised';
}

const placeholders = (n: number): string => (n === 0 ? "''" : Array.from({ length: n }, () => '?').join(', '));

/** The SQLite retention store: see the port. */
export function sqliteRetentionStore(db: Db): RetentionStore {
  const heldOf = (): Held => {
    const scopes = db.prepare('SELECT scope FROM retention_holds').pluck().all() as string[];
    const people: string[] = [];
    const cycles: string[] = [];
    const types = new Set<RecordType>();
    for (const s of scopes) {
      const scope = parseHoldScope(s);
      if (scope?.kind === 'person') people.push(scope.personId);
      else if (scope?.kind === 'cycle') cycles.push(scope.cycleId);
      else if (scope?.kind === 'type') types.add(scope.type);
    }
    return { people, cycles, types };
  };

  /**
   * Rows due, from SQL giving `key` and `held`: `__P__` stands for the held people's ids and
   * `__S__` for their audit subjects (`person:<id>`), as parameters in the order they appear,
   * before the query's own (the cutoff).
   */
  const select =
    (sql: string) =>
    (cutoff: IsoDate, held: Held): Due[] => {
      const params: string[] = [];
      const expanded = sql.replace(/__([PS])__/g, (_whole, which: string) => {
        params.push(...held.people.map((p) => (which === 'S' ? `person:${p}` : p)));
        return placeholders(held.people.length);
      });
      return (db.prepare(expanded).all(...params, cutoff) as Due[]).map((r) => ({ ...r, held: r.held === 1 ? 1 : 0 }));
    };

  const inPeople = (held: Held, column: string): { sql: string; params: readonly string[] } => ({ sql: `${column} IN (${placeholders(held.people.length)})`, params: held.people });

  const disposers: Record<RecordType, Disposer> = {
    'survey-answers': {
      action: 'deleted',
      // Closed live cycles, once closed out (their results kept), whose answers are still here.
      keys: (cutoff, held) =>
        db
          .prepare(
            `SELECT c.id AS key, (c.id IN (${placeholders(held.cycles.length)})) AS held,
               (SELECT count(*) FROM responses r WHERE r.cycle_id = c.id) + (SELECT count(*) FROM participation p WHERE p.cycle_id = c.id) AS weight
             FROM cycles c JOIN cycle_close_outs o ON o.cycle_id = c.id
             WHERE c.kind = 'live' AND c.status = 'closed' AND c.closes_on <= ? AND o.answers_disposed_on IS NULL`,
          )
          .all(...held.cycles, cutoff) as Due[],
      dispose: (keys, today) => {
        let n = 0;
        for (const cycleId of keys) {
          for (const id of db.prepare('SELECT id FROM responses WHERE cycle_id = ?').pluck().all(cycleId) as string[]) queueSharePointRemoval(db, 'responses', id, cycleId, false);
          for (const k of db.prepare("SELECT key FROM participation WHERE cycle_id = ? AND status = 'submitted'").pluck().all(cycleId) as string[])
            queueSharePointRemoval(db, 'participation', `${cycleId}:${k}`, cycleId, false);
          db.prepare('DELETE FROM drafts WHERE cycle_id = ?').run(cycleId);
          n += db.prepare('DELETE FROM responses WHERE cycle_id = ?').run(cycleId).changes;
          n += db.prepare('DELETE FROM participation WHERE cycle_id = ?').run(cycleId).changes;
          // The published figures stay; the comments in them are people's own words and go with the answers.
          const kept = db.prepare('SELECT results FROM cycle_close_outs WHERE cycle_id = ?').pluck().get(cycleId) as string | null | undefined;
          const results = kept ? withoutComments(JSON.parse(kept) as unknown) : null;
          db.prepare('UPDATE cycle_close_outs SET results = ?, answers_disposed_on = ? WHERE cycle_id = ?').run(results === null ? null : JSON.stringify(results), today, cycleId);
        }
        return n;
      },
    },
    messages: {
      action: 'deleted',
      keys: (cutoff, held) => {
        const endMs = Date.parse(`${cutoff}T23:59:59.999Z`);
        const outbox = db
          .prepare(
            `SELECT 'outbox|' || o.key AS key, (o.user_id IN (${placeholders(held.people.length)}) OR o.cycle_id IN (${placeholders(held.cycles.length)})) AS held
             FROM outbox o JOIN cycles c ON c.id = o.cycle_id WHERE c.status = 'closed' AND o.due_at <= ?`,
          )
          .all(...held.people, ...held.cycles, endMs) as { key: string; held: number }[];
        const reminders = db.prepare(`SELECT 'reminder|' || key AS key, (person IN (${placeholders(held.people.length)})) AS held FROM audit_reminders WHERE day <= ?`).all(...held.people, cutoff) as {
          key: string;
          held: number;
        }[];
        const updates = db
          .prepare(
            `SELECT 'update|' || m.update_id || '|' || m.user_id AS key, (m.user_id IN (${placeholders(held.people.length)})) AS held
             FROM you_said_we_did_messages m JOIN you_said_we_did u ON u.id = m.update_id WHERE u.sent_on <= ? AND m.status NOT IN ('queued', 'sending')`,
          )
          .all(...held.people, cutoff) as { key: string; held: number }[];
        return [...outbox, ...reminders, ...updates];
      },
      dispose: (keys) => {
        let n = 0;
        for (const k of keys) {
          const [kind, a = '', b = ''] = k.split('|');
          if (kind === 'outbox') {
            const cycleId = db.prepare('SELECT cycle_id FROM outbox WHERE key = ?').pluck().get(a) as string | undefined;
            if (cycleId !== undefined) queueSharePointRemoval(db, 'messages', a, cycleId, false);
            n += db.prepare('DELETE FROM outbox WHERE key = ?').run(a).changes;
          } else if (kind === 'reminder') n += db.prepare('DELETE FROM audit_reminders WHERE key = ?').run(a).changes;
          else if (kind === 'update') {
            queueSharePointRemoval(db, 'messages', updateDeliveryKey(a, b), '', false);
            n += db.prepare('DELETE FROM you_said_we_did_messages WHERE update_id = ? AND user_id = ?').run(a, b).changes;
          }
        }
        return n;
      },
    },
    'audit-records': {
      action: 'deleted',
      keys: select(
        `SELECT t.id AS key, (t.auditor IN (__P__) OR t.subject IN (__S__) OR EXISTS (SELECT 1 FROM audit_records r WHERE r.task_id = t.id AND (r.lead_id IN (__P__) OR r.subject_id IN (__P__)))) AS held
         FROM audit_tasks t WHERE (t.year + 1) || '-03-31' <= ?`,
      ),
      dispose: (keys) => {
        let n = 0;
        for (const id of keys) {
          queueSharePointRemoval(db, 'auditRecords', id, '', false);
          queueSharePointRemoval(db, 'auditTasks', id, '', false);
          db.prepare('DELETE FROM audit_record_events WHERE task_id = ?').run(id);
          n += db.prepare('DELETE FROM audit_records WHERE task_id = ?').run(id).changes;
          if (db.prepare('DELETE FROM supervision_samples WHERE task_id = ?').run(id).changes > 0) queueSharePointRemoval(db, 'supervisionSamples', id, '', false);
          db.prepare('DELETE FROM audit_snoozes WHERE task_id = ?').run(id);
          n += db.prepare('DELETE FROM audit_tasks WHERE id = ?').run(id).changes;
        }
        // A year with no tasks left has nothing to plan from.
        for (const year of db.prepare('SELECT year FROM audit_plans WHERE year NOT IN (SELECT year FROM audit_tasks)').pluck().all() as number[]) {
          queueSharePointRemoval(db, 'auditPlans', String(year), '', false);
          db.prepare('DELETE FROM audit_plans WHERE year = ?').run(year);
        }
        return n;
      },
    },
    'supervision-log': {
      action: 'deleted',
      keys: select(`SELECT id AS key, (supervisor_id IN (__P__) OR supervisee_id IN (__P__)) AS held FROM supervision_log WHERE held_on <= ?`),
      dispose: (keys) => {
        let n = 0;
        for (const id of keys) {
          queueSharePointRemoval(db, 'supervisionLog', id, '', false);
          n += db.prepare('DELETE FROM supervision_log WHERE id = ?').run(id).changes;
        }
        return n;
      },
    },
    caseloads: {
      action: 'deleted',
      keys: select(`SELECT month || '|' || team_id || '|' || worker_key AS key, (worker_id IN (__P__)) AS held FROM caseload_entries WHERE date(month || '-01', '+1 month', '-1 day') <= ?`),
      dispose: (keys) => {
        let n = 0;
        for (const k of keys) {
          const [month, team, ...worker] = k.split('|');
          n += db.prepare('DELETE FROM caseload_entries WHERE month = ? AND team_id = ? AND worker_key = ?').run(month, team, worker.join('|')).changes;
        }
        return n;
      },
    },
    '39-steps-returns': {
      action: 'deleted',
      keys: select(`SELECT cycle_id || '|' || team_id AS key, (submitted_by IN (__P__)) AS held FROM org_returns WHERE submitted_on <= ?`),
      dispose: (keys) =>
        keys.reduce((n, k) => {
          const [cycle = '', ...rest] = k.split('|');
          const team = rest.join('|');
          queueSharePointRemoval(db, 'orgDataReturns', `${cycle}:${team}`, cycle, false);
          return n + db.prepare('DELETE FROM org_returns WHERE cycle_id = ? AND team_id = ?').run(cycle, team).changes;
        }, 0),
    },
    'action-plan': {
      action: 'deleted',
      keys: (cutoff, held) => {
        const p = inPeople(held, 'owner_id');
        const c = inPeople(held, 'created_by');
        const actions = db
          .prepare(`SELECT 'action|' || id AS key, (${p.sql} OR ${c.sql}) AS held FROM actions WHERE status IN ('done', 'dropped') AND updated_on <= ?`)
          .all(...p.params, ...c.params, cutoff) as { key: string; held: number }[];
        const s = inPeople(held, 'sent_by');
        // An update goes once its deliveries have (messages): it is the record of what was sent.
        const updates = db
          .prepare(`SELECT 'update|' || id AS key, (${s.sql}) AS held FROM you_said_we_did u WHERE sent_on <= ? AND NOT EXISTS (SELECT 1 FROM you_said_we_did_messages m WHERE m.update_id = u.id)`)
          .all(...s.params, cutoff) as { key: string; held: number }[];
        return [...actions, ...updates];
      },
      dispose: (keys) => {
        let n = 0;
        for (const k of keys) {
          const [kind, ...rest] = k.split('|');
          const id = rest.join('|');
          if (kind === 'action') {
            // The delete trigger queues the item's deletion (actions go with the app already).
            n += db.prepare('DELETE FROM actions WHERE id = ?').run(id).changes;
          } else {
            queueSharePointRemoval(db, 'youSaidWeDid', id, '', false);
            n += db.prepare('DELETE FROM you_said_we_did WHERE id = ?').run(id).changes;
          }
        }
        return n;
      },
    },
    'quality-themes': {
      action: 'deleted',
      keys: select(`SELECT CAST(id AS TEXT) AS key, (tagged_by IN (__P__)) AS held FROM quality_themes WHERE tagged_on <= ?`),
      dispose: (keys) => keys.reduce((n, k) => n + db.prepare('DELETE FROM quality_themes WHERE id = ?').run(Number(k)).changes, 0),
    },
    'quality-assurance': {
      action: 'deleted',
      // Each record with everyone it names: a hold on any of them keeps it.
      keys: select(
        `SELECT key, held FROM (
         SELECT 'focus-group|' || g.id AS key, (g.facilitator_id IN (__P__) OR g.created_by IN (__P__) OR EXISTS (SELECT 1 FROM focus_group_invitations i WHERE i.focus_group_id = g.id AND i.person_id IN (__P__))) AS held, g.year AS year
         FROM focus_groups g
         UNION ALL
         SELECT 'review|' || r.id, (r.lead_id IN (__P__) OR r.created_by IN (__P__) OR EXISTS (SELECT 1 FROM json_each(r.plan, '$.reviewGroup') m WHERE m.value IN (__P__))), r.year
         FROM thematic_reviews r
         UNION ALL
         SELECT 'self-assessment|' || a.id, (a.created_by IN (__P__) OR a.submitted_by IN (__P__) OR a.endorsed_by IN (__P__)), a.year
         FROM self_assessments a
         ) WHERE (year + 1) || '-03-31' <= ?`,
      ),
      dispose: (keys) => {
        let n = 0;
        for (const k of keys) {
          const [kind, ...rest] = k.split('|');
          const id = rest.join('|');
          if (kind === 'focus-group') {
            queueSharePointRemoval(db, 'focusGroups', id, '', false);
            db.prepare('DELETE FROM focus_group_invitations WHERE focus_group_id = ?').run(id);
            n += db.prepare('DELETE FROM focus_groups WHERE id = ?').run(id).changes;
          } else if (kind === 'review') {
            queueSharePointRemoval(db, 'thematicReviews', id, '', false);
            n += db.prepare('DELETE FROM thematic_reviews WHERE id = ?').run(id).changes;
          } else if (kind === 'self-assessment') {
            queueSharePointRemoval(db, 'selfAssessments', id, '', false);
            n += db.prepare('DELETE FROM self_assessments WHERE id = ?').run(id).changes;
          }
        }
        return n;
      },
    },
    leavers: {
      action: 'pseudonymised',
      keys: select(`SELECT id AS key, (id IN (__P__)) AS held FROM people WHERE left_on IS NOT NULL AND left_on <= ? AND id NOT GLOB 'former-*'`),
      dispose: (keys) => {
        for (const id of keys) pseudonymise(db, id, `former-${randomBytes(6).toString('hex')}`);
        return keys.length;
      },
    },
    'access-log': {
      action: 'deleted',
      keys: select(`SELECT CAST(seq AS TEXT) AS key, (viewer_id IN (__P__) OR subject_id IN (__P__)) AS held FROM access_log WHERE substr(at, 1, 10) <= ?`),
      dispose: (keys) => keys.reduce((n, k) => n + db.prepare('DELETE FROM access_log WHERE seq = ?').run(Number(k)).changes, 0),
    },
  };

  const keysOf = (type: RecordType, cutoff: IsoDate, held: Held): Due[] => {
    if (held.types.has(type)) return disposers[type].keys(cutoff, held).map((r) => ({ ...r, held: 1 }));
    return disposers[type].keys(cutoff, held);
  };

  const run = (cutoffs: Cutoffs, today: IsoDate, apply: boolean): DisposalOutcome => {
    const counts: DisposalCount[] = [];
    let restricted = 0;
    writeTransaction(db, () => {
      restricted = restrictLeavers(db, today, apply);
      if (apply && restricted > 0) logLine(db, today, 'leavers', 'restricted', restricted, 0);
    });
    for (const type of RECORD_TYPES) {
      const line = writeTransaction(db, (): DisposalCount => {
        const held = heldOf();
        const rows = keysOf(type, cutoffs[type], held);
        const weigh = (list: readonly Due[]) => list.reduce((n, r) => n + (r.weight ?? 1), 0);
        // A held flag is 1, or 0 or NULL (a NULL column is in no hold's list).
        const due = rows.filter((r) => r.held !== 1).map((r) => r.key);
        const kept = weigh(rows.filter((r) => r.held === 1));
        if (!apply) return { type, disposed: weigh(rows.filter((r) => r.held !== 1)), held: kept };
        const disposed = due.length === 0 ? 0 : disposers[type].dispose(due, today);
        if (disposed > 0 || kept > 0) logLine(db, today, type, disposers[type].action, disposed, kept);
        return { type, disposed, held: kept };
      });
      counts.push(line);
    }
    // Zeroed pages, no stale WAL frames, no order left in the file.
    if (apply && counts.some((c) => c.disposed > 0)) compact(db);
    return { counts, restricted };
  };

  return {
    async due(cutoffs, today) {
      return run(cutoffs, checkDate(today, 'today') as IsoDate, false);
    },
    async dispose(cutoffs, today) {
      return run(cutoffs, checkDate(today, 'today') as IsoDate, true);
    },
    async holds() {
      const rows = db.prepare('SELECT id, scope, reason, placed_by, placed_on FROM retention_holds ORDER BY placed_on, id').all() as {
        id: string;
        scope: string;
        reason: string;
        placed_by: string;
        placed_on: string;
      }[];
      return rows.flatMap((r) => {
        const scope = parseHoldScope(r.scope);
        return scope ? [{ id: r.id, scope, reason: r.reason, placedBy: r.placed_by, placedOn: checkDate(r.placed_on, 'hold date') as IsoDate }] : [];
      });
    },
    async placeHold(hold: Hold) {
      try {
        db.prepare('INSERT INTO retention_holds (id, scope, reason, placed_by, placed_on) VALUES (?, ?, ?, ?, ?)').run(hold.id, holdScopeKey(hold.scope), hold.reason, hold.placedBy, hold.placedOn);
      } catch (error) {
        throw new StoreError('invalid', `The hold could not be kept: ${(error as Error).message}`);
      }
    },
    async liftHold(id: string) {
      return db.prepare('DELETE FROM retention_holds WHERE id = ?').run(id).changes > 0;
    },
    async disposalLog(limit: number) {
      const rows = db.prepare('SELECT run_on, record_type, action, disposed, held FROM disposal_log ORDER BY run_on DESC, record_type LIMIT ?').all(limit) as {
        run_on: string;
        record_type: RecordType;
        action: DisposalLogLine['action'];
        disposed: number;
        held: number;
      }[];
      return rows.map((r) => ({ runOn: r.run_on as IsoDate, type: r.record_type, action: r.action, disposed: r.disposed, held: r.held }));
    },
  };
}

function logLine(db: Db, today: IsoDate, type: RecordType, action: DisposalLogLine['action'], disposed: number, held: number): void {
  db.prepare(
    'INSERT INTO disposal_log (run_on, record_type, action, disposed, held) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_on, record_type, action) DO UPDATE SET disposed = disposed + excluded.disposed, held = max(held, excluded.held)',
  ).run(today, type, action, disposed, held);
}

/**
 * Leavers are restricted on the day they leave: no more messages (their queued invitations,
 * reminders and updates are cancelled) and the bot forgets how to reach them in Teams, whose
 * stored reference also carries their name. Returns how many people it stopped.
 */
function restrictLeavers(db: Db, today: IsoDate, apply: boolean): number {
  const leavers = db.prepare('SELECT id FROM people WHERE left_on IS NOT NULL AND left_on <= ?').pluck().all(today) as string[];
  let stopped = 0;
  for (const id of leavers) {
    const reachable = db.prepare('SELECT 1 FROM conversations WHERE user_id = ?').get(id) !== undefined;
    const queued =
      (db.prepare("SELECT count(*) FROM outbox WHERE user_id = ? AND status IN ('queued', 'no-conversation')").pluck().get(id) as number) +
      (db.prepare("SELECT count(*) FROM you_said_we_did_messages WHERE user_id = ? AND status = 'queued'").pluck().get(id) as number);
    if (!reachable && queued === 0) continue;
    stopped++;
    if (!apply) continue;
    db.prepare('DELETE FROM conversations WHERE user_id = ?').run(id);
    db.prepare("UPDATE outbox SET status = 'cancelled', reason = 'they have left', lease_owner = NULL, lease_until = NULL WHERE user_id = ? AND status IN ('queued', 'no-conversation')").run(id);
    db.prepare("UPDATE you_said_we_did_messages SET status = 'failed', reason = 'they have left' WHERE user_id = ? AND status = 'queued'").run(id);
  }
  return stopped;
}

/**
 * A leaver's id is replaced by a pseudonym in every column that holds it (PERSON_REFERENCES),
 * and their name by "Former member of staff", in one transaction with the foreign keys checked
 * at its end (an audit task's id holds the person's id, and its form and history point at it).
 * Each SharePoint item that held the id is written afresh, so no earlier version keeps it: one
 * whose key held the id is deleted and written under the new key; the rest are deleted and
 * written again under their own key.
 */
function pseudonymise(db: Db, from: string, to: string): void {
  db.pragma('defer_foreign_keys = ON');
  const refOf = (table: string, column: string): PersonReference => {
    const ref = PERSON_REFERENCES.find((r) => r.table === table && r.column === column);
    if (!ref) throw new Error(`No person reference ${table}.${column}`);
    return ref;
  };
  /** Whether any of the table's columns holds the id: the rows to write afresh. */
  const holding = (table: string): { sql: string; params: string[] } => {
    const refs = PERSON_REFERENCES.filter((r) => r.table === table).map((r) => holdsPerson(r, from));
    return { sql: refs.map((r) => r.sql).join(' OR '), params: refs.flatMap((r) => r.params) };
  };
  const rows = (sql: string, table: string) => {
    const where = holding(table);
    return db.prepare(sql.replace('__HOLDS__', `(${where.sql})`)).all(...where.params) as { key: string; cycle: string }[];
  };
  // Every record SharePoint holds with the id in it, by its key now and after the renaming.
  const taskRef = refOf('audit_tasks', 'id');
  const written: { list: SyncedList; from: string; to: string; cycle: string }[] = [
    ...rows("SELECT id AS key, '' AS cycle FROM audit_tasks WHERE __HOLDS__", 'audit_tasks').map((r) => ({
      list: 'auditTasks' as const,
      from: r.key,
      to: replacePerson(r.key, taskRef, from, to),
      cycle: '',
    })),
    ...[
      ...rows("SELECT task_id AS key, '' AS cycle FROM audit_records WHERE __HOLDS__", 'audit_records'),
      ...rows("SELECT DISTINCT task_id AS key, '' AS cycle FROM audit_record_events WHERE __HOLDS__", 'audit_record_events'),
    ]
      .filter((r, i, all) => all.findIndex((o) => o.key === r.key) === i)
      .map((r) => ({ list: 'auditRecords' as const, from: r.key, to: replacePerson(r.key, taskRef, from, to), cycle: '' })),
    ...rows("SELECT id AS key, '' AS cycle FROM supervision_log WHERE __HOLDS__", 'supervision_log').map((r) => ({
      list: 'supervisionLog' as const,
      from: r.key,
      to: replacePerson(r.key, refOf('supervision_log', 'id'), from, to),
      cycle: '',
    })),
    ...rows("SELECT task_id AS key, '' AS cycle FROM supervision_samples WHERE __HOLDS__", 'supervision_samples').map((r) => ({
      list: 'supervisionSamples' as const,
      from: r.key,
      to: replacePerson(r.key, taskRef, from, to),
      cycle: '',
    })),
    ...rows('SELECT key, cycle_id AS cycle FROM outbox WHERE __HOLDS__', 'outbox').map((r) => ({
      list: 'messages' as const,
      from: r.key,
      to: replacePerson(r.key, refOf('outbox', 'key'), from, to),
      cycle: r.cycle,
    })),
    ...rows("SELECT update_id AS key, '' AS cycle FROM you_said_we_did_messages WHERE __HOLDS__", 'you_said_we_did_messages').map((r) => ({
      list: 'messages' as const,
      from: updateDeliveryKey(r.key, from),
      to: updateDeliveryKey(r.key, to),
      cycle: '',
    })),
    ...rows("SELECT cycle_id || ':' || team_id AS key, cycle_id AS cycle FROM org_returns WHERE __HOLDS__", 'org_returns').map((r) => ({
      list: 'orgDataReturns' as const,
      from: r.key,
      to: r.key,
      cycle: r.cycle,
    })),
  ];
  // One statement a table, so a row whose columns must agree (an outbox key names its person) stays whole.
  for (const table of [...new Set(PERSON_REFERENCES.map((r) => r.table))]) {
    // The SharePoint bookkeeping follows the records themselves (below).
    if (table.startsWith('sharepoint_')) continue;
    const refs = PERSON_REFERENCES.filter((r) => r.table === table);
    const sets = refs.map((r) => ({ column: r.column, ...replacedPerson(r, from, to) }));
    const where = holding(table);
    db.prepare(`UPDATE "${table}" SET ${sets.map((x) => `"${x.column}" = ${x.sql}`).join(', ')} WHERE ${where.sql}`).run(...sets.flatMap((x) => x.params), ...where.params);
  }
  db.prepare("UPDATE people SET display_name = 'Former member of staff' WHERE id = ?").run(to);
  db.prepare("UPDATE caseload_entries SET worker_name = 'Former member of staff' WHERE worker_id = ?").run(to);
  for (const k of written) {
    if (k.from === k.to) {
      queueSharePointRemoval(db, k.list, k.from, k.cycle, true);
      continue;
    }
    queueSharePointRemoval(db, k.list, k.from, k.cycle, false);
    db.prepare('DELETE FROM sharepoint_items WHERE list = ? AND item_key = ?').run(k.list, k.to);
    queueSharePointWrite(db, k.list, k.to, k.cycle);
  }
  // Records keyed by something else (an action, an update, the framework's records, a survey
  // version) keep their key: written afresh.
  for (const id of db.prepare('SELECT id FROM actions WHERE owner_id = ? OR created_by = ?').pluck().all(to, to) as string[]) queueSharePointRemoval(db, 'actions', id, '', true);
  for (const id of db.prepare('SELECT id FROM you_said_we_did WHERE sent_by = ?').pluck().all(to) as string[]) queueSharePointRemoval(db, 'youSaidWeDid', id, '', true);
  const framework = db
    .prepare(
      `SELECT 'focusGroups' AS list, id AS key FROM focus_groups WHERE facilitator_id = @to OR created_by = @to OR id IN (SELECT focus_group_id FROM focus_group_invitations WHERE person_id = @to)
       UNION SELECT 'thematicReviews', id FROM thematic_reviews WHERE lead_id = @to OR created_by = @to OR EXISTS (SELECT 1 FROM json_each(plan, '$.reviewGroup') m WHERE m.value = @to)
       UNION SELECT 'selfAssessments', id FROM self_assessments WHERE created_by = @to OR submitted_by = @to OR endorsed_by = @to
       UNION SELECT 'questionnaires', id || '@' || version FROM questionnaires WHERE saved_by = @to`,
    )
    .all({ to }) as { list: SyncedList; key: string }[];
  for (const r of framework) queueSharePointRemoval(db, r.list, r.key, '', true);
}

/** The published figures without any written comments (they are people's own words). */
function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'comments')
      .map(([k, v]) => [k, withoutComments(v)]),
  );
}
