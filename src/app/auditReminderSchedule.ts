import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../domain/audit/reminders';
import { nextWorkingTime } from '../domain/outbox/workingHours';
import type { Clock } from '../ports/clock';
import type { AuditReminderRun } from './auditReminders';

/**
 * Audit reminders on a schedule, for as long as the server runs: a first
 * pass soon after start, then every `intervalMs`. Outside working hours it sleeps until they
 * start (quiet hours), and while another process holds the sender lease it waits for that
 * lease to run out. A pass is cheap when there is nothing new: digests are keyed per person
 * per day, so a second pass the same day sends nothing twice.
 */

export interface AuditReminderScheduleOptions {
  /** Between passes; default 15 minutes. */
  readonly intervalMs: number;
  /** Before the first pass; default 5 s, so the server is listening first. */
  readonly firstRunMs: number;
  /** For the quiet hours (working days and hours). */
  readonly settings: ReminderSettings;
}

export const DEFAULT_SCHEDULE: AuditReminderScheduleOptions = { intervalMs: 15 * 60_000, firstRunMs: 5_000, settings: DEFAULT_REMINDER_SETTINGS };

export interface AuditReminderScheduleDeps {
  /** One pass: `runAuditRemindersOnce` with today's tasks and the server's sender lease. */
  readonly run: () => Promise<AuditReminderRun>;
  readonly clock: Clock;
  /** Waits `ms` or until `signal` aborts (the injected clock's sleep in tests). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly log?: (line: string) => void;
}

export interface RunningSchedule {
  /** Run a pass now (someone opened the bot, an audit was submitted). */
  wake(): void;
  /** Finishes the pass in hand and resolves. */
  stop(): Promise<void>;
}

/** How long to wait after a pass. */
export function nextWaitMs(run: AuditReminderRun | undefined, now: number, options: AuditReminderScheduleOptions): number {
  if (run?.busy) return Math.min(options.intervalMs, Math.max(1_000, run.busy.until - now + 1_000));
  if (run?.outsideWorkingHours) return Math.max(1_000, nextWorkingTime(now, options.settings.workingHours) - now);
  return options.intervalMs;
}

export function startAuditReminders(deps: AuditReminderScheduleDeps, options: Partial<AuditReminderScheduleOptions> = {}): RunningSchedule {
  const opts: AuditReminderScheduleOptions = { ...DEFAULT_SCHEDULE, ...options };
  let stopped = false;
  let woken = false;
  let idle: AbortController | undefined;
  const pause = async (ms: number): Promise<void> => {
    if (woken) return;
    idle = new AbortController();
    await deps.sleep(ms, idle.signal);
  };
  const loop = (async () => {
    await pause(opts.firstRunMs);
    while (!stopped) {
      woken = false;
      let run: AuditReminderRun | undefined;
      try {
        run = await deps.run();
        if (run.sent + run.failed + run.settledInDoubt > 0) {
          deps.log?.(
            `Audit reminders: ${run.sent} sent, ${run.failed} not sent${run.retryLater > 0 ? ` (${run.retryLater} to try again)` : ''}${run.settledInDoubt > 0 ? `, ${run.settledInDoubt} in doubt (not resent)` : ''}.`,
          );
        }
      } catch (error) {
        deps.log?.(`Audit reminders: a pass failed and will be tried again (${(error as Error).message}).`);
      }
      if (stopped) break;
      await pause(nextWaitMs(run, deps.clock.now().getTime(), opts));
    }
  })();
  return {
    wake: () => {
      woken = true;
      idle?.abort();
    },
    stop: async () => {
      stopped = true;
      idle?.abort();
      await loop;
    },
  };
}
