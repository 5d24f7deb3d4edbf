import { deliverYouSaidWeDidOnce } from '../app/youSaidWeDidDelivery';
import { runAuditRemindersOnce } from '../app/auditReminders';
import { startAuditReminders } from '../app/auditReminderSchedule';
import { realSleep, startSender } from '../app/senderLoop';
import { councilYearOf } from '../domain/audit/plan/calendar';
import { dateOf } from '../domain/shared/brand';
import { allAuditTasks } from '../ports/audits';
import type { Composition } from '.';
import { recordSharePointFlush, recordUpdatesRun } from './telemetry';

/** How long stopping waits for SharePoint to take what is waiting (App Service gives a stopping container a short grace). */
const DRAIN_ON_STOP_MS = 15_000;

/** Every minute, in working hours: "You said, we did" updates the tab queued. */
const UPDATES_EVERY_MS = 60_000;
/** The retention run is looked at hourly and runs once a day (the first look of each UK day). */
const RETENTION_LOOK_EVERY_MS = 60 * 60_000;

export interface Background {
  /** Lets the work in hand finish (a send, a pass, a SharePoint batch), then resolves. */
  stop(): Promise<void>;
}

/**
 * The server's background work, for as long as it runs: SharePoint writes and sync (when
 * configured), the proactive sender, audit reminders every 15 minutes, "You said, we did"
 * every minute and the retention run once a day. Audit reminders send under the sender's lease (ADR 0008): while this server
 * runs no other process sends to Teams, and a second server waits its turn. Fills in the
 * composition's nudges, so the bot and the tab wake the loops when something is ready.
 */
export function startBackground(phc: Composition, log: (line: string) => void = (line) => console.log(line)): Background {
  const { stores, services, clock, nudges } = phc;
  const sharepoint = stores.sharepoint?.startBackground({
    onError: (error) => console.error(`SharePoint: ${(error as Error).message}; will try again.`),
    onSync: (report) => report.problems.forEach((p) => console.warn(`SharePoint sync: ${p}`)),
    onFlush: recordSharePointFlush,
  });
  const sender = startSender({ ...phc.sender, log });
  const reminders = startAuditReminders({
    clock,
    sleep: realSleep,
    log,
    run: async () => {
      const year = councilYearOf(dateOf(clock.now()));
      // Samples first, so the auditor reminded of a staff supervision audit finds it ready.
      // A failed draw must not hold up the reminders: the auditor's form draws it again when opened.
      try {
        const drawn = await services.audits.drawDueSamples([year - 1, year]);
        if (drawn > 0) log(`Audits: ${drawn} staff supervision audit sample${drawn === 1 ? '' : 's'} drawn from the supervision log.`);
      } catch (error) {
        console.error(`Audits: the supervision audit samples could not be drawn this time (${(error as Error).message}); will try again.`);
      }
      // Organisational audits whose workflow is done (a review completed, a self-assessment endorsed, a team's caseloads in) are completed first, so nobody is reminded of them.
      try {
        await services.framework.settleTasks([year - 1, year]);
      } catch (error) {
        console.error(`Audits: the framework's audits could not be brought up to date this time (${(error as Error).message}); will try again.`);
      }
      // Last year's audits still open are reminded too (a plan year ends on 31 March).
      const tasks = [...(await allAuditTasks(stores.audits, year - 1)), ...(await allAuditTasks(stores.audits, year))];
      return runAuditRemindersOnce({ ...phc.reminders, tasks, lease: { outbox: stores.operational.outbox, owner: sender.owner, keep: true } });
    },
  });
  let delivering: Promise<void> | undefined;
  const deliverUpdates = (): Promise<void> => {
    const startedAt = Date.now();
    return (delivering ??= deliverYouSaidWeDidOnce({ store: stores.actions, messenger: phc.teams.messenger, conversations: stores.operational.conversations, clock })
      .then((run) => {
        recordUpdatesRun(run, startedAt, Date.now());
        if (run.sent + run.failed > 0) log(`You said, we did: ${run.sent} sent, ${run.failed} not delivered${run.retryLater ? ` (${run.retryLater} to try again)` : ''}.`);
      })
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        delivering = undefined;
      }));
  };
  const updatesTimer = setInterval(() => void deliverUpdates(), UPDATES_EVERY_MS);
  updatesTimer.unref();
  // Retention (ADR 0023): closed cycles closed out, then what is due disposed of, once a day.
  let retentionDay: string | undefined;
  let retaining: Promise<void> | undefined;
  const runRetention = (): Promise<void> => {
    const today = dateOf(clock.now());
    if (retentionDay === today) return Promise.resolve();
    return (retaining ??= services.dataProtection.retention
      .run()
      .then((run) => {
        retentionDay = today;
        const done = run.outcome.counts.filter((c) => c.disposed > 0 || c.held > 0);
        for (const c of run.closedOut) log(c.problem ? `Retention: ${c.problem}` : `Retention: closed out cycle ${c.cycle} (${c.draftsDeleted} unsent drafts deleted, participation key destroyed).`);
        if (done.length > 0 || run.outcome.restricted > 0)
          log(
            `Retention: ${[...done.map((c) => `${c.type} ${c.disposed}${c.held > 0 ? ` (${c.held} held)` : ''}`), ...(run.outcome.restricted > 0 ? [`leavers stopped ${run.outcome.restricted}`] : [])].join(', ')}.`,
          );
      })
      .catch((error: unknown) => console.error(`Retention: the daily run did not finish (${(error as Error).message}); it runs again within the hour.`))
      .finally(() => {
        retaining = undefined;
      }));
  };
  const retentionTimer = setInterval(() => void runRetention(), RETENTION_LOOK_EVERY_MS);
  retentionTimer.unref();
  const firstRetention = setTimeout(() => void runRetention(), 60_000);
  firstRetention.unref();
  nudges.sender = () => sender.wake();
  nudges.reminders = () => reminders.wake();
  nudges.updates = () => void deliverUpdates();
  return {
    async stop() {
      clearInterval(updatesTimer);
      clearInterval(retentionTimer);
      clearTimeout(firstRetention);
      await retaining;
      await reminders.stop();
      await sender.stop();
      await delivering;
      await sharepoint?.stop();
      // The container's disk goes with it: write out what is waiting, held groups too, while
      // the platform waits for us (a new instance rebuilds itself from SharePoint).
      const writer = stores.sharepoint?.writer;
      if (writer) {
        const left = await writer.drain({ deadline: Date.now() + DRAIN_ON_STOP_MS }).catch((error: unknown) => {
          console.error(`SharePoint: could not write everything out before stopping (${(error as Error).message}).`);
          return undefined;
        });
        if (left && left.pending.waiting > 0) console.warn(`SharePoint: ${left.pending.waiting} record(s) not yet written when the app stopped; they are written when it starts again on this disk.`);
      }
    },
  };
}
