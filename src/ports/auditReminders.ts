import type { IsoDate } from '../domain/shared/brand';

/** `sending`: claimed and committed just before the send; left so only if the sender died. */
export type AuditReminderStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unconfirmed';

export interface AuditReminderRow {
  readonly key: string;
  readonly person: string;
  readonly day: IsoDate;
  readonly status: AuditReminderStatus;
  readonly reason: string | null;
}

/** The audit digests and snoozes. Separate from the survey outbox. */
export interface AuditReminderStore {
  /** Adds the row as `queued` unless the key is already there (then nothing changes). */
  queue(key: string, person: string, day: IsoDate): Promise<void>;
  /** `queued` → `sending`, committed; `false` if the row is not queued (sent, in doubt…). */
  claim(key: string): Promise<boolean>;
  /** Ends a `sending` row: `sent`, `failed`, `unconfirmed`, or back to `queued` to try again. */
  finish(key: string, status: Exclude<AuditReminderStatus, 'sending'>, reason?: string): Promise<void>;
  /** Rows left `sending` (a sender that died) become `unconfirmed`; returns how many. */
  settleInDoubt(): Promise<number>;
  get(key: string): Promise<AuditReminderRow | undefined>;
  list(): Promise<AuditReminderRow[]>;
  /** Task id → the day its snooze ends. */
  snoozes(): Promise<Map<string, IsoDate>>;
  /** Records a snooze; `false` if the task was already snoozed once. */
  snooze(taskId: string, until: IsoDate): Promise<boolean>;
}
