import type { Action, ActionLink, YouSaidWeDid } from '../../domain/actionPlan/types';
import type { IsoDate } from '../../domain/shared/brand';
import type { ActionStore } from '../../ports/actionPlan';
import { StoreError } from '../../ports/stores';
import { writeTransaction, type Db } from './database';

/** A row of `actions` (the SharePoint adapter writes and reads the same rows). */
export interface ActionRow {
  id: string;
  what: string;
  owner_id: string;
  due: string;
  status: string;
  /** JSON, as src/domain/actionPlan/types.ts's ActionLink. */
  link: string;
  progress: string;
  created_by: string;
  created_on: string;
  updated_on: string;
  version: number;
}

export const ACTION_COLUMNS = 'id, what, owner_id, due, status, link, progress, created_by, created_on, updated_on, version';

function toAction(row: ActionRow): Action {
  return {
    id: row.id,
    what: row.what,
    ownerId: row.owner_id,
    due: row.due as IsoDate,
    status: row.status as Action['status'],
    link: JSON.parse(row.link) as ActionLink,
    progress: row.progress,
    createdBy: row.created_by,
    createdOn: row.created_on as IsoDate,
    updatedOn: row.updated_on as IsoDate,
    version: row.version,
  };
}

const params = (a: Omit<Action, 'version'>) => ({
  id: a.id,
  what: a.what,
  owner_id: a.ownerId,
  due: a.due,
  status: a.status,
  link: JSON.stringify(a.link),
  progress: a.progress,
  created_by: a.createdBy,
  created_on: a.createdOn,
  updated_on: a.updatedOn,
});

/** Runs a synchronous store step as a promise, so a `StoreError` is a rejection, not a throw. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}

/** The action plan in SQLite (`actions`, `you_said_we_did` and its messages). */
export function sqliteActionStore(db: Db): ActionStore {
  const list = db.prepare(`SELECT ${ACTION_COLUMNS} FROM actions ORDER BY due, id`);
  const get = db.prepare(`SELECT ${ACTION_COLUMNS} FROM actions WHERE id = ?`);
  const insert = db.prepare(
    `INSERT INTO actions (${ACTION_COLUMNS}) VALUES (@id, @what, @owner_id, @due, @status, @link, @progress, @created_by, @created_on, @updated_on, 1) ON CONFLICT (id) DO NOTHING`,
  );
  const update = db.prepare(
    `UPDATE actions SET what = @what, owner_id = @owner_id, due = @due, status = @status, link = @link, progress = @progress, updated_on = @updated_on, version = version + 1 WHERE id = @id AND version = @expected`,
  );
  const remove = db.prepare('DELETE FROM actions WHERE id = ?');
  const addUpdate = db.prepare('INSERT INTO you_said_we_did (id, message, action_ids, sent_by, sent_on) VALUES (?, ?, ?, ?, ?)');
  const updates = db.prepare('SELECT id, message, action_ids, sent_by, sent_on FROM you_said_we_did ORDER BY sent_on, id');
  const queue = db.prepare(`INSERT INTO you_said_we_did_messages (update_id, user_id, status) VALUES (?, ?, 'queued') ON CONFLICT DO NOTHING`);
  const deliveries = db.prepare('SELECT status, count(*) AS n FROM you_said_we_did_messages WHERE update_id = ? GROUP BY status');
  const queued = db.prepare(
    `SELECT m.update_id, m.user_id FROM you_said_we_did_messages m JOIN you_said_we_did u ON u.id = m.update_id WHERE m.status = 'queued' ORDER BY u.sent_on, m.update_id, m.user_id LIMIT ?`,
  );
  const claim = db.prepare(`UPDATE you_said_we_did_messages SET status = 'sending', reason = NULL WHERE update_id = ? AND user_id = ? AND status = 'queued'`);
  const finish = db.prepare(`UPDATE you_said_we_did_messages SET status = ?, reason = ? WHERE update_id = ? AND user_id = ? AND status = 'sending'`);
  const settleInDoubt = db.prepare(
    `UPDATE you_said_we_did_messages SET status = 'unconfirmed', reason = 'in doubt: the sender stopped while sending, so it is not known whether Teams delivered it; not resent' WHERE status = 'sending'`,
  );
  const read = (id: string): Action | undefined => {
    const row = get.get(id) as ActionRow | undefined;
    return row ? toAction(row) : undefined;
  };
  return {
    list: () => Promise.resolve((list.all() as ActionRow[]).map(toAction)),
    get: (id) => Promise.resolve(read(id)),
    create(action) {
      return settle(() =>
        writeTransaction(db, () => {
          if (insert.run(params(action)).changes !== 1) throw new StoreError('already-exists', `There is already an action ${action.id}.`);
          return read(action.id) as Action;
        }),
      );
    },
    update(action, expectedVersion) {
      return settle(() =>
        writeTransaction(db, () => {
          if (update.run({ ...params(action), expected: expectedVersion }).changes !== 1) {
            if (!read(action.id)) throw new StoreError('not-found', `There is no action ${action.id}.`);
            throw new StoreError('conflict', `Action ${action.id} has changed since version ${expectedVersion} was read.`);
          }
          return read(action.id) as Action;
        }),
      );
    },
    remove(id) {
      return settle(() =>
        writeTransaction(db, () => {
          if (remove.run(id).changes !== 1) throw new StoreError('not-found', `There is no action ${id}.`);
        }),
      );
    },
    addUpdate(u: YouSaidWeDid) {
      return settle(() => {
        writeTransaction(db, () => addUpdate.run(u.id, u.message, JSON.stringify(u.actionIds), u.sentBy, u.sentOn));
      });
    },
    updates() {
      const rows = updates.all() as { id: string; message: string; action_ids: string; sent_by: string; sent_on: string }[];
      return Promise.resolve(rows.map((r) => ({ id: r.id, message: r.message, actionIds: JSON.parse(r.action_ids) as string[], sentBy: r.sent_by, sentOn: r.sent_on as IsoDate })));
    },
    queueDeliveries(updateId, userIds) {
      return settle(() => writeTransaction(db, () => userIds.reduce((n, id) => n + queue.run(updateId, id).changes, 0)));
    },
    queuedDeliveries(limit) {
      const rows = queued.all(limit) as { update_id: string; user_id: string }[];
      return Promise.resolve(rows.map((r) => ({ updateId: r.update_id, userId: r.user_id })));
    },
    claimDelivery(updateId, userId) {
      return settle(() => writeTransaction(db, () => claim.run(updateId, userId).changes === 1));
    },
    finishDelivery(updateId, userId, status, reason) {
      return settle(() => {
        writeTransaction(db, () => finish.run(status, reason ?? null, updateId, userId));
      });
    },
    settleDeliveriesInDoubt() {
      return settle(() => writeTransaction(db, () => settleInDoubt.run().changes));
    },
    deliveries(updateId) {
      const rows = deliveries.all(updateId) as { status: string; n: number }[];
      return Promise.resolve(Object.fromEntries(rows.map((r) => [r.status, r.n])));
    },
  };
}
