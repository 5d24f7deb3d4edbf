import type { IsoDate } from '../../domain/shared/brand';
import type { AuditReminderRow, AuditReminderStatus, AuditReminderStore } from '../../ports/auditReminders';
import { writeTransaction, type Db } from './database';

/** Audit digests and snoozes in SQLite (`audit_reminders`, `audit_snoozes`), in the outbox store's style. */
export function sqliteAuditReminderStore(db: Db): AuditReminderStore {
  const insert = db.prepare(`INSERT INTO audit_reminders (key, person, day, status, reason) VALUES (@key, @person, @day, 'queued', NULL) ON CONFLICT (key) DO NOTHING`);
  const claim = db.prepare(`UPDATE audit_reminders SET status = 'sending', reason = NULL WHERE key = @key AND status = 'queued'`);
  const finish = db.prepare(`UPDATE audit_reminders SET status = @status, reason = @reason WHERE key = @key AND status = 'sending'`);
  const settle = db.prepare(
    `UPDATE audit_reminders SET status = 'unconfirmed', reason = 'in doubt: the sender stopped while sending, so it is not known whether Teams delivered it; not resent' WHERE status = 'sending'`,
  );
  const get = db.prepare('SELECT key, person, day, status, reason FROM audit_reminders WHERE key = ?');
  const list = db.prepare('SELECT key, person, day, status, reason FROM audit_reminders ORDER BY day, key');
  const snoozes = db.prepare('SELECT task_id, until_on FROM audit_snoozes');
  const snooze = db.prepare('INSERT INTO audit_snoozes (task_id, until_on) VALUES (?, ?) ON CONFLICT (task_id) DO NOTHING');
  return {
    queue(key: string, person: string, day: IsoDate): Promise<void> {
      writeTransaction(db, () => insert.run({ key, person, day }));
      return Promise.resolve();
    },
    claim(key: string): Promise<boolean> {
      return Promise.resolve(writeTransaction(db, () => claim.run({ key }).changes === 1));
    },
    finish(key: string, status: Exclude<AuditReminderStatus, 'sending'>, reason?: string): Promise<void> {
      writeTransaction(db, () => finish.run({ key, status, reason: reason ?? null }));
      return Promise.resolve();
    },
    settleInDoubt(): Promise<number> {
      return Promise.resolve(writeTransaction(db, () => settle.run().changes));
    },
    get(key: string): Promise<AuditReminderRow | undefined> {
      return Promise.resolve(get.get(key) as AuditReminderRow | undefined);
    },
    list(): Promise<AuditReminderRow[]> {
      return Promise.resolve(list.all() as AuditReminderRow[]);
    },
    snoozes(): Promise<Map<string, IsoDate>> {
      const rows = snoozes.all() as { task_id: string; until_on: IsoDate }[];
      return Promise.resolve(new Map(rows.map((r) => [r.task_id, r.until_on])));
    },
    snooze(taskId: string, until: IsoDate): Promise<boolean> {
      return Promise.resolve(writeTransaction(db, () => snooze.run(taskId, until).changes === 1));
    },
  };
}
