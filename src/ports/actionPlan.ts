import type { Action, YouSaidWeDid } from '../domain/actionPlan/types';

/**
 * The action plan's records (SQLite now, SharePoint later). Errors are `StoreError`s:
 * `not-found` for an unknown id, `conflict` when the stored version is not the one the
 * caller read (someone else changed it in between), `already-exists` for a reused id.
 */
export interface ActionStore {
  /** Every action, oldest due date first (an action plan is tens of rows, not thousands). */
  list(): Promise<Action[]>;
  get(id: string): Promise<Action | undefined>;
  create(action: Omit<Action, 'version'>): Promise<Action>;
  /** Stores the change if the stored action is still at `expectedVersion`; returns it at the next version. */
  update(action: Omit<Action, 'version'>, expectedVersion: number): Promise<Action>;
  remove(id: string): Promise<void>;
  /** Records a "You said, we did" update (kept for the record; sent through the outbox). */
  addUpdate(update: YouSaidWeDid): Promise<void>;
  updates(): Promise<YouSaidWeDid[]>;
  /** Queues the update for each person (once per person, however often it is called); returns how many were new. */
  queueDeliveries(updateId: string, userIds: readonly string[]): Promise<number>;
  /** Counts of an update's messages by status, e.g. `{ queued: 110, sent: 8 }`. */
  deliveries(updateId: string): Promise<Readonly<Record<string, number>>>;
  /** Queued messages, oldest update first, at most `limit`. */
  queuedDeliveries(limit: number): Promise<{ readonly updateId: string; readonly userId: string }[]>;
  /** `queued` → `sending`, committed before the send; `false` if it was not queued. */
  claimDelivery(updateId: string, userId: string): Promise<boolean>;
  /** Ends a `sending` message: sent, failed, unconfirmed (in doubt), or back to queued. */
  finishDelivery(updateId: string, userId: string, status: 'queued' | 'sent' | 'failed' | 'unconfirmed', reason?: string): Promise<void>;
  /** Messages left `sending` by a sender that died become `unconfirmed` (never resent); returns how many. */
  settleDeliveriesInDoubt(): Promise<number>;
}
