import { checkCadence } from '../../domain/outbox/schedule';
import { idempotencyKey, isReminder, OUTBOX_STATUSES, type IdempotencyKey, type MessageKind, type OutboxPlan, type OutboxStatus } from '../../domain/outbox/types';
import { checkWorkingHours } from '../../domain/outbox/workingHours';
import { asCycleId, asUserId, type CycleId } from '../../domain/shared/brand';
import type { Finish, NewOutboxMessage, OutboxMessage, OutboxProgress, OutboxStore, Release } from '../../ports/outbox';
import { StoreError, type Page, type PageRequest } from '../../ports/stores';
import { pageLimit, parseObject } from './codec';
import { durableTransaction, writeTransaction, type Db } from './database';

/** An outbox row as stored (also what the SharePoint messages list reads and writes back). */
export interface OutboxRow {
  readonly key: string;
  readonly cycle_id: string;
  readonly user_id: string;
  readonly kind: string;
  readonly due_at: number;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly next_attempt_at: number;
  readonly reason: string | null;
}

export const OUTBOX_COLUMNS = 'key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at, reason';

/** How a finished reminder looks, whatever happened: see docs/adr/0006-outbox-delivery.md. */
const REMINDER_DONE = `status = 'done', attempts = 0, reason = NULL, next_attempt_at = due_at, lease_owner = NULL, lease_until = NULL`;

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    key: row.key as IdempotencyKey,
    cycleId: asCycleId(row.cycle_id),
    userId: asUserId(row.user_id),
    kind: row.kind as MessageKind,
    dueAt: row.due_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    reason: row.reason ?? undefined,
  };
}

function checkPlan(plan: OutboxPlan): void {
  const problem = checkCadence(plan.cadence) ?? (plan.workingHours ? checkWorkingHours(plan.workingHours) : undefined);
  if (problem) throw new StoreError('invalid', problem);
}

function readPlan(json: string, cycleId: string): OutboxPlan {
  const plan = parseObject(json) as OutboxPlan | undefined;
  if (!plan || typeof plan.cadence !== 'object' || plan.cadence === null || plan.workingHours === undefined) {
    throw new StoreError('invalid', `The stored message plan of cycle ${cycleId} cannot be read.`);
  }
  return plan;
}

const emptyCounts = (): Record<OutboxStatus, number> => Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;

export function sqliteOutboxStore(db: Db): OutboxStore {
  const insertPlan = db.prepare('INSERT INTO outbox_plans (cycle_id, plan) VALUES (?, ?) ON CONFLICT (cycle_id) DO NOTHING');
  const selectPlan = db.prepare('SELECT plan FROM outbox_plans WHERE cycle_id = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO outbox (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at)
     VALUES (@key, @cycleId, @userId, @kind, @dueAt, 'queued', 0, @dueAt) ON CONFLICT (key) DO NOTHING`,
  );
  // One query per status, so each walks the (status, next_attempt_at) index in order and
  // stops at the first free row; one query over both would sort every due row on each claim.
  const nextOf = (status: 'queued' | 'no-conversation') =>
    db.prepare(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE status = '${status}' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)
       ORDER BY next_attempt_at LIMIT 1`,
    );
  const nextQueued = nextOf('queued');
  const nextWaiting = nextOf('no-conversation');
  const selectOne = db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE key = ?`);
  const lease = db.prepare('UPDATE outbox SET lease_owner = @owner, lease_until = @until WHERE key = @key');
  const sending = db.prepare(
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = @until
     WHERE key = @key AND lease_owner = @owner AND status IN ('queued', 'no-conversation')
       AND NOT EXISTS (SELECT 1 FROM outbox_sender WHERE id = 1 AND owner != @owner)`,
  );
  const release = db.prepare(
    `UPDATE outbox SET status = @status, next_attempt_at = @nextAttemptAt, reason = CASE WHEN kind NOT GLOB 'reminder-*' OR @status = 'no-conversation' THEN @reason END,
       lease_owner = NULL, lease_until = NULL
     WHERE key = @key AND lease_owner = @owner AND status IN ('queued', 'no-conversation', 'sending')`,
  );
  const finishInvitation = db.prepare(
    `UPDATE outbox SET status = @status, reason = @reason, lease_owner = NULL, lease_until = NULL
     WHERE key = @key AND kind NOT GLOB 'reminder-*' AND lease_owner = @owner AND status IN ('queued', 'no-conversation', 'sending')`,
  );
  const finishReminder = db.prepare(
    `UPDATE outbox SET ${REMINDER_DONE}
     WHERE key = @key AND kind GLOB 'reminder-*' AND lease_owner = @owner AND status IN ('queued', 'no-conversation', 'sending')`,
  );
  const settleInvitations = db.prepare(
    `UPDATE outbox SET status = 'unconfirmed', reason = 'in doubt: the sender stopped while sending, so it is not known whether Teams delivered it; not resent, the first reminder covers it',
       lease_owner = NULL, lease_until = NULL
     WHERE status = 'sending' AND lease_until < @now AND kind NOT GLOB 'reminder-*'`,
  );
  const settleReminders = db.prepare(`UPDATE outbox SET ${REMINDER_DONE} WHERE status = 'sending' AND lease_until < @now AND kind GLOB 'reminder-*'`);
  const wake = db.prepare(
    `UPDATE outbox SET next_attempt_at = @now
     WHERE status = 'no-conversation' AND next_attempt_at > @now AND user_id IN (SELECT user_id FROM conversations)`,
  );
  const nextDue = db.prepare(`SELECT min(max(next_attempt_at, coalesce(lease_until, 0))) FROM outbox WHERE status IN ('queued', 'no-conversation')`).pluck();
  const progressAll = db.prepare(`SELECT cycle_id, kind, status, count(*) AS n, sum(attempts > 1) AS retried, min(due_at) AS due_at FROM outbox GROUP BY cycle_id, kind, status`);
  const progressOne = db.prepare(`SELECT cycle_id, kind, status, count(*) AS n, sum(attempts > 1) AS retried, min(due_at) AS due_at FROM outbox WHERE cycle_id = ? GROUP BY cycle_id, kind, status`);
  const reasonsAll = db.prepare(`SELECT cycle_id, kind, status, reason, count(*) AS n FROM outbox WHERE reason IS NOT NULL GROUP BY cycle_id, kind, status, reason ORDER BY n DESC`);
  const reasonsOne = db.prepare(`SELECT cycle_id, kind, status, reason, count(*) AS n FROM outbox WHERE reason IS NOT NULL AND cycle_id = ? GROUP BY cycle_id, kind, status, reason ORDER BY n DESC`);
  const listPage = db.prepare(
    `SELECT ${OUTBOX_COLUMNS} FROM outbox
     WHERE key > @after AND (@cycleId IS NULL OR cycle_id = @cycleId) AND (@kind IS NULL OR kind = @kind) AND (@status IS NULL OR status = @status)
     ORDER BY key LIMIT @limit`,
  );
  const senderSelect = db.prepare('SELECT owner, lease_until FROM outbox_sender WHERE id = 1');
  // Fencing: a sender that has lost the lease to another may not claim or mark anything.
  const heldByAnother = db.prepare('SELECT 1 FROM outbox_sender WHERE id = 1 AND owner != ?').pluck();
  // Taking over from another sender (it stopped, or was killed): its claims are free at once,
  // and what it was sending is in doubt now rather than when its claims would have run out.
  const freeClaimsOfOthers = db.prepare(`UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL AND lease_owner != @owner AND status IN ('queued', 'no-conversation')`);
  const expireSendingOfOthers = db.prepare(`UPDATE outbox SET lease_until = 0 WHERE status = 'sending' AND lease_owner IS NOT NULL AND lease_owner != @owner`);
  const senderUpsert = db.prepare(
    'INSERT INTO outbox_sender (id, owner, lease_until) VALUES (1, @owner, @until) ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until',
  );
  const senderDelete = db.prepare('DELETE FROM outbox_sender WHERE id = 1 AND owner = ?');

  const changed = (result: { changes: number }) => result.changes > 0;

  return {
    async savePlan(cycleId: CycleId, plan: OutboxPlan): Promise<OutboxPlan> {
      checkPlan(plan);
      return writeTransaction(db, () => {
        insertPlan.run(cycleId, JSON.stringify(plan));
        return readPlan(selectPlan.get(cycleId) as string, cycleId);
      });
    },

    async plan(cycleId: CycleId): Promise<OutboxPlan | undefined> {
      const json = selectPlan.get(cycleId) as string | undefined;
      return json === undefined ? undefined : readPlan(json, cycleId);
    },

    async enqueue(messages: readonly NewOutboxMessage[]): Promise<number> {
      const rows = messages.map((m) => {
        if (typeof m.userId !== 'string' || m.userId === '') throw new StoreError('invalid', 'A message needs a person to send it to.');
        if (!Number.isSafeInteger(m.dueAt)) throw new StoreError('invalid', 'A message needs the time it is due.');
        return { key: idempotencyKey(m.cycleId, m.userId, m.kind), cycleId: m.cycleId, userId: m.userId, kind: m.kind, dueAt: m.dueAt };
      });
      return writeTransaction(db, () => rows.reduce((n, row) => n + insert.run(row).changes, 0));
    },

    async get(key: IdempotencyKey): Promise<OutboxMessage | undefined> {
      const row = selectOne.get(key) as OutboxRow | undefined;
      return row && toMessage(row);
    },

    async claimNext(now: number, owner: string, leaseMs: number): Promise<OutboxMessage | undefined> {
      return writeTransaction(db, () => {
        if (heldByAnother.get(owner)) return undefined;
        const queued = nextQueued.get({ now }) as OutboxRow | undefined;
        const waiting = nextWaiting.get({ now }) as OutboxRow | undefined;
        const row = queued && waiting ? (waiting.next_attempt_at < queued.next_attempt_at ? waiting : queued) : (queued ?? waiting);
        if (!row) return undefined;
        lease.run({ owner, until: now + leaseMs, key: row.key });
        return toMessage(row);
      });
    },

    async markSending(key: IdempotencyKey, owner: string, leaseUntil: number): Promise<boolean> {
      // Durable: once the message may have gone, no restart, even after a power cut, may send it again.
      return durableTransaction(db, () => changed(sending.run({ key, owner, until: leaseUntil })));
    },

    async release(key: IdempotencyKey, owner: string, r: Release): Promise<boolean> {
      return changed(release.run({ key, owner, status: r.status, nextAttemptAt: r.nextAttemptAt, reason: r.reason ?? null }));
    },

    async finish(key: IdempotencyKey, owner: string, f: Finish): Promise<boolean> {
      // A reminder can only end `done`, whatever the sender says: the row must not tell.
      if (f.status === 'done') return changed(finishReminder.run({ key, owner }));
      return changed(finishInvitation.run({ key, owner, status: f.status, reason: f.reason ?? null })) || changed(finishReminder.run({ key, owner }));
    },

    async settleInDoubt(now: number): Promise<number> {
      return writeTransaction(db, () => settleInvitations.run({ now }).changes + settleReminders.run({ now }).changes);
    },

    async wakeReachable(now: number): Promise<number> {
      return wake.run({ now }).changes;
    },

    async nextDue(): Promise<number | undefined> {
      const at = nextDue.get() as number | null;
      return at ?? undefined;
    },

    async progress(cycleId?: CycleId): Promise<readonly OutboxProgress[]> {
      type Row = { cycle_id: string; kind: string; status: OutboxStatus; n: number; retried: number; due_at: number };
      type ReasonRow = { cycle_id: string; kind: string; status: OutboxStatus; reason: string; n: number };
      const rows = (cycleId === undefined ? progressAll.all() : progressOne.all(cycleId)) as Row[];
      const reasons = (cycleId === undefined ? reasonsAll.all() : reasonsOne.all(cycleId)) as ReasonRow[];
      const byKey = new Map<string, { cycleId: CycleId; kind: MessageKind; dueAt: number; counts: Record<OutboxStatus, number>; retried: number; reasons: OutboxProgress['reasons'][number][] }>();
      for (const r of rows) {
        const id = `${r.cycle_id}\u0000${r.kind}`;
        const entry = byKey.get(id) ?? { cycleId: asCycleId(r.cycle_id), kind: r.kind as MessageKind, dueAt: r.due_at, counts: emptyCounts(), retried: 0, reasons: [] };
        entry.counts[r.status] += r.n;
        entry.dueAt = Math.min(entry.dueAt, r.due_at);
        if (!isReminder(r.kind as MessageKind)) entry.retried += r.retried;
        byKey.set(id, entry);
      }
      for (const r of reasons) byKey.get(`${r.cycle_id}\u0000${r.kind}`)?.reasons.push({ status: r.status, reason: r.reason, count: r.n });
      // Invitations, then the 39-steps returns, then reminders in order, then "results are out".
      const kindOrder = (k: string) => (k === 'invitation' ? 0 : k === 'org-return' ? 0.5 : k === 'results' ? Number.MAX_SAFE_INTEGER : Number(k.slice('reminder-'.length)));
      return [...byKey.values()].sort((a, b) => (a.cycleId === b.cycleId ? kindOrder(a.kind) - kindOrder(b.kind) : a.cycleId < b.cycleId ? -1 : 1));
    },

    async list(filter, request: PageRequest): Promise<Page<OutboxMessage>> {
      const limit = pageLimit(request);
      const rows = listPage.all({
        after: request.continuation ?? '',
        cycleId: filter.cycleId ?? null,
        kind: filter.kind ?? null,
        status: filter.status ?? null,
        limit: limit + 1,
      }) as OutboxRow[];
      const items = rows.slice(0, limit).map(toMessage);
      const last = items[items.length - 1];
      return rows.length > limit && last ? { items, continuation: last.key } : { items };
    },

    async acquireSender(owner: string, now: number, leaseMs: number) {
      return writeTransaction(db, () => {
        const current = senderSelect.get() as { owner: string; lease_until: number } | undefined;
        if (current && current.owner !== owner && current.lease_until >= now) {
          return { acquired: false as const, holder: current.owner, until: current.lease_until };
        }
        if (current?.owner !== owner) {
          freeClaimsOfOthers.run({ owner });
          expireSendingOfOthers.run({ owner });
        }
        senderUpsert.run({ owner, until: now + leaseMs });
        return { acquired: true as const };
      });
    },

    async releaseSender(owner: string): Promise<void> {
      senderDelete.run(owner);
    },
  };
}
