import { OUTBOX_STATUSES, type OutboxStatus } from '../../../domain/outbox/types';
import { OUTBOX_COLUMNS, type OutboxRow as StoredOutboxRow } from '../../sqlite/outboxStore';
import { int, missingOf, optionalText, queueWriteBack, str, type Fields, type Parsed } from './fields';
import { choice, notes, number, phcId, text } from './spec';
import { defineList, type SyncContext } from './types';

/**
 * Every proactive message the app queues, as its outbox holds it: the survey's invitations,
 * reminders and 39-steps return cards (`cycle:person:kind`), and each "You said, we did"
 * update's delivery to each person (`update:person:you-said-we-did`). A new instance reads
 * them back and sends only what was never sent: a message that was sent stays sent, and one
 * that was being sent when the instance was lost is in doubt and never sent again (ADR 0006).
 *
 * Reminders are written exactly as the outbox keeps them: one state, `done`, whatever
 * happened, and no reason, so nothing here says who has answered. The app is the only writer:
 * its own copy always wins over the list's, and SharePoint's copy is read only by a new
 * instance that has none.
 */
export const UPDATE_DELIVERY = 'you-said-we-did';

/** The key of an update's delivery to a person. */
export const updateDeliveryKey = (updateId: string, userId: string): string => `${updateId}:${userId}:${UPDATE_DELIVERY}`;

export type MessageRow =
  | ({ readonly source: 'outbox' } & StoredOutboxRow)
  | { readonly source: 'update'; readonly key: string; readonly update_id: string; readonly user_id: string; readonly status: OutboxStatus; readonly reason: string | null };

type OutboxRow = Extract<MessageRow, { source: 'outbox' }>;
type DeliveryRow = Extract<MessageRow, { source: 'update' }>;

const KIND = /^(invitation|org-return|reminder-[1-9][0-9]*)$/;
const DELIVERY_STATUSES: readonly OutboxStatus[] = ['queued', 'sending', 'sent', 'failed', 'unconfirmed'];
const REMINDER_STATUSES: readonly OutboxStatus[] = ['queued', 'no-conversation', 'sending', 'done'];

/** What a message in doubt becomes on a new instance (as the outbox settles one after a crash). */
const IN_DOUBT = 'in doubt: the instance was lost while sending, so it is not known whether Teams delivered it; not resent';

/** `update:person:you-said-we-did` → its update and person; undefined for an outbox key. */
function deliveryKey(key: string): { updateId: string; userId: string } | undefined {
  const suffix = `:${UPDATE_DELIVERY}`;
  if (!key.endsWith(suffix)) return undefined;
  const rest = key.slice(0, -suffix.length);
  const at = rest.indexOf(':');
  return at <= 0 || at === rest.length - 1 ? undefined : { updateId: rest.slice(0, at), userId: rest.slice(at + 1) };
}

export function messageFields(row: MessageRow): Fields {
  if (row.source === 'update') {
    return {
      Title: 'You said, we did',
      PhcId: row.key,
      Kind: UPDATE_DELIVERY,
      PersonId: row.user_id,
      CycleId: null,
      UpdateId: row.update_id,
      Status: row.status,
      Attempts: null,
      DueAt: null,
      NextAttemptAt: null,
      Reason: row.reason,
    };
  }
  return {
    Title: row.kind === 'invitation' ? 'Invitation' : row.kind === 'org-return' ? '39-steps return' : 'Reminder',
    PhcId: row.key,
    Kind: row.kind,
    PersonId: row.user_id,
    CycleId: row.cycle_id,
    UpdateId: null,
    Status: row.status,
    Attempts: row.attempts,
    DueAt: row.due_at,
    NextAttemptAt: row.next_attempt_at,
    Reason: row.reason,
  };
}

export function parseMessage(fields: Fields): Parsed<MessageRow> {
  const key = str(fields.PhcId);
  const status = str(fields.Status);
  const fail = (why: string): Parsed<never> => ({ ok: false, problem: `message ${key ?? '(no id)'} ${why}` });
  if (!key) return fail('has no PHC id');
  if (!OUTBOX_STATUSES.includes(status as OutboxStatus)) return fail(`has the status "${String(status)}", which the app does not use`);
  const delivery = deliveryKey(key);
  if (delivery) {
    if (fields.Kind !== UPDATE_DELIVERY || str(fields.UpdateId) !== delivery.updateId || str(fields.PersonId) !== delivery.userId) return fail('does not match its PHC id');
    if (!DELIVERY_STATUSES.includes(status as OutboxStatus)) return fail(`has a status a "You said, we did" delivery never has (${String(status)})`);
    return { ok: true, row: { source: 'update', key, update_id: delivery.updateId, user_id: delivery.userId, status: status as OutboxStatus, reason: optionalText(fields.Reason) } };
  }
  const row = {
    cycle_id: str(fields.CycleId),
    user_id: str(fields.PersonId),
    kind: str(fields.Kind),
    due_at: int(fields.DueAt),
    attempts: int(fields.Attempts),
    next_attempt_at: int(fields.NextAttemptAt),
  };
  const missing = missingOf(row);
  if (missing.length > 0) return fail(`is missing or has unreadable ${missing.join(', ')}`);
  const r = row as { cycle_id: string; user_id: string; kind: string; due_at: number; attempts: number; next_attempt_at: number };
  if (!KIND.test(r.kind)) return fail(`is of a kind the app does not send (${r.kind})`);
  if (key !== `${r.cycle_id}:${r.user_id}:${r.kind}`) return fail('does not match its PHC id');
  if (r.kind.startsWith('reminder-') && !REMINDER_STATUSES.includes(status as OutboxStatus)) return fail(`is a reminder with a status a reminder never has (${String(status)})`);
  if (r.attempts < 0) return fail('has a negative number of attempts');
  return { ok: true, row: { source: 'outbox', key, ...r, status: status as OutboxStatus, reason: optionalText(fields.Reason) } };
}

export const messages = defineList({
  spec: {
    name: 'messages',
    displayName: 'PHC Messages',
    purpose: 'every proactive message the app queued and what became of it, so a new instance never sends one twice',
    columns: [
      phcId,
      text('Kind', 'Kind', { indexed: true }),
      text('PersonId', 'Person (Entra id)', { indexed: true }),
      text('CycleId', 'Cycle', { indexed: true }),
      text('UpdateId', '"You said, we did" update'),
      choice('Status', 'Status', OUTBOX_STATUSES, { indexed: true }),
      number('Attempts', 'Attempts'),
      number('DueAt', 'Due (ms since 1970, UTC)'),
      number('NextAttemptAt', 'Next attempt (ms since 1970, UTC)'),
      notes('Reason', 'Why'),
    ],
  },
  heldInGroups: false,
  // A record the app deletes (at the end of its retention) goes from SharePoint too.
  deletedWithTheApp: true,
  fullReadRemovesUnseen: false,
  localKeysSql: `SELECT key AS item_key, cycle_id FROM outbox UNION ALL SELECT update_id || ':' || user_id || ':${UPDATE_DELIVERY}' AS item_key, '' AS cycle_id FROM you_said_we_did_messages`,
  reader(db) {
    const outbox = db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE key = ?`);
    const delivery = db.prepare('SELECT status, reason FROM you_said_we_did_messages WHERE update_id = ? AND user_id = ?');
    return (key) => {
      const d = deliveryKey(key);
      if (d) {
        const row = delivery.get(d.updateId, d.userId) as { status: OutboxStatus; reason: string | null } | undefined;
        return row && messageFields({ source: 'update', key, update_id: d.updateId, user_id: d.userId, ...row });
      }
      const row = outbox.get(key) as Omit<OutboxRow, 'source'> | undefined;
      return row && messageFields({ source: 'outbox', ...row });
    };
  },
  has(db, key) {
    const d = deliveryKey(key);
    if (d) return db.prepare('SELECT 1 FROM you_said_we_did_messages WHERE update_id = ? AND user_id = ?').get(d.updateId, d.userId) !== undefined;
    return db.prepare('SELECT 1 FROM outbox WHERE key = ?').get(key) !== undefined;
  },
  parse: parseMessage,
  apply(context, m) {
    return m.source === 'update' ? applyDelivery(context, m) : applyOutbox(context, m);
  },
  deleted({ problems }, key) {
    problems.push(`message ${key} was deleted in SharePoint; kept here, so it is not sent again`);
    return false;
  },
});

/**
 * A message the app does not have (a new instance reading back). One that was being sent is in
 * doubt: an invitation or 39-steps card becomes `unconfirmed` (never resent; the first reminder
 * covers an invitation), a reminder `done`, as the outbox settles them after a crash, and that
 * state is written back to SharePoint.
 */
function applyOutbox({ db, problems }: SyncContext, m: OutboxRow): boolean {
  if (db.prepare('SELECT 1 FROM outbox WHERE key = ?').get(m.key) !== undefined) return false;
  if (!db.prepare('SELECT 1 FROM cycles WHERE id = ?').get(m.cycle_id)) {
    problems.push(`message ${m.key} is of cycle ${m.cycle_id}, which is not known here; left out`);
    return false;
  }
  const reminder = m.kind.startsWith('reminder-');
  const inDoubt = m.status === 'sending';
  const row = !inDoubt
    ? m
    : reminder
      ? { ...m, status: 'done' as const, attempts: 0, reason: null, next_attempt_at: m.due_at }
      : { ...m, status: 'unconfirmed' as const, reason: `${IN_DOUBT}${m.kind === 'invitation' ? ', the first reminder covers it' : ''}` };
  db.prepare(`INSERT INTO outbox (${OUTBOX_COLUMNS}) VALUES (@key, @cycle_id, @user_id, @kind, @due_at, @status, @attempts, @next_attempt_at, @reason)`).run(row);
  if (inDoubt) queueWriteBack(db, 'messages', m.key, m.cycle_id);
  return true;
}

function applyDelivery({ db, problems }: SyncContext, m: DeliveryRow): boolean {
  if (db.prepare('SELECT 1 FROM you_said_we_did_messages WHERE update_id = ? AND user_id = ?').get(m.update_id, m.user_id) !== undefined) return false;
  if (!db.prepare('SELECT 1 FROM you_said_we_did WHERE id = ?').get(m.update_id)) {
    problems.push(`message ${m.key} is of "You said, we did" update ${m.update_id}, which is not known here; left out`);
    return false;
  }
  const inDoubt = m.status === 'sending';
  db.prepare('INSERT INTO you_said_we_did_messages (update_id, user_id, status, reason) VALUES (?, ?, ?, ?)').run(
    m.update_id,
    m.user_id,
    inDoubt ? 'unconfirmed' : m.status,
    inDoubt ? IN_DOUBT : m.reason,
  );
  if (inDoubt) queueWriteBack(db, 'messages', m.key, '');
  return true;
}
