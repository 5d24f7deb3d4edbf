import { createAdapter } from '../../bot/adapter';
import { botEndpoint } from '../../bot/endpoint';
import { SurveyFlow } from '../../bot/flow';
import { proactiveSenderDeps } from '../../bot/proactive';
import { SurveyBot } from '../../bot/surveyBot';
import { SupervisionFlow } from '../../bot/supervisionFlow';
import { AuditFlow } from '../../bot/auditFlow';
import { OrgReturnFlow } from '../../bot/orgReturnFlow';
import { AuditRecordService } from '../app/auditRecords';
import { SupervisionLogService } from '../app/supervisionLog';
import { AuditService } from '../app/audits';
import { createGraphAppInstaller } from '../adapters/graph/graphAppInstaller';
import { createGraphClient, msalTokenProvider } from '../adapters/graph/graphClient';
import { DEFAULT_TEXT_THRESHOLD, DEFAULT_THRESHOLD } from '../app/cycles';
import { ensureDemoCycle } from '../app/demoCycle';
import { InvitationPlanner } from '../app/invitations';
import { ResponseRateService } from '../app/responseRate';
import { realSleep, startSender } from '../app/senderLoop';
import { runAuditRemindersOnce } from '../app/auditReminders';
import { startAuditReminders } from '../app/auditReminderSchedule';
import { sqliteAuditReminderStore } from '../adapters/sqlite/auditReminderStore';
import { sqliteSupervisionSampleStore } from '../adapters/sqlite/supervisionSampleStore';
import { createBotMessenger } from '../../bot/proactive';
import { councilYearOf } from '../domain/audit/plan/calendar';
import { dateOf } from '../domain/shared/brand';
import { allAuditTasks } from '../ports/audits';
import type { AuditTaskId } from '../domain/audit/plan/task';
import { directoryFor, openRuntime } from '../compose';
import { readConfig } from '../config';
import { systemClock, type Clock } from '../ports/clock';
import { createHttpServer } from './http';
import { sqliteActionStore } from '../adapters/sqlite/actionStore';
import { tabApiFor } from './api/wire';
import { deliverYouSaidWeDidOnce } from '../app/actionsDelivery';
import { reportServices } from '../app/qualityReportWiring';
import { ensureDemoReports } from '../app/caseloadDemo';

/**
 * `PHC_CLOCK_START` (an ISO instant, e.g. 2026-11-20T10:00:00Z) starts the server's clock
 * there and lets it run: for demonstrations and end-to-end tests of reminders on a given day.
 * Never set in production.
 */
function clockFrom(env: NodeJS.ProcessEnv): Clock {
  const start = env.PHC_CLOCK_START;
  if (start === undefined || start === '') return systemClock;
  const at = Date.parse(start);
  if (Number.isNaN(at)) throw new Error(`PHC_CLOCK_START must be a date and time such as 2026-11-20T10:00:00Z, not "${start}".`);
  const offset = at - Date.now();
  console.log(`Clock: starting at ${new Date(at).toISOString()} (PHC_CLOCK_START), not the real time.`);
  return { now: () => new Date(Date.now() + offset) };
}

/** `npm start`: one process for the bot, the proactive sender, audit reminders, the tab's API and pages. */
async function main(): Promise<void> {
  const config = readConfig();
  const clock = clockFrom(process.env);
  const runtime = await openRuntime(config, clock);
  const { app, operational, supervisionLog, audits, auditRecords, organisations, sharepoint } = runtime;
  // SharePoint as the system of record: write out and sync back in the background.
  const sharepointLoop = sharepoint?.startBackground({
    onError: (error) => console.error(`SharePoint: ${(error as Error).message}; will try again.`),
    onSync: (report) => report.problems.forEach((p) => console.warn(`SharePoint sync: ${p}`)),
  });
  const directory = directoryFor(config, organisations, clock);
  const organisation = await directory.organisation();
  if (config.demo) {
    const opened = await ensureDemoCycle(app, clock);
    if (opened) {
      await new InvitationPlanner(operational.outbox, directory, clock).queue(opened);
      console.log(`Demo: opened ${opened.title} (${opened.id}) until ${opened.closesOn}.`);
    }
  }
  const reports = reportServices(runtime, directory, clock);
  if (config.demo) {
    const seeded = await ensureDemoReports(reports, organisation);
    if (seeded.caseloads + seeded.returns + seeded.themes > 0) console.log(`Demo: ${seeded.caseloads} caseloads, ${seeded.returns} 39-steps returns, ${seeded.themes} quality themes.`);
  }
  const auditRecordService = new AuditRecordService(auditRecords, audits, directory, clock);
  // Tasks left behind by their records (written before submit and completion were one write).
  const thisYear = councilYearOf(dateOf(clock.now()));
  const repaired = await auditRecordService.repair([thisYear - 1, thisYear]);
  if (repaired.completed + repaired.started > 0) console.log(`Audits: ${repaired.completed} completed and ${repaired.started} marked in progress to match their records.`);
  const installer = config.graph
    ? createGraphAppInstaller({ client: createGraphClient({ baseUrl: config.graph.baseUrl, tokenProvider: msalTokenProvider(config.graph) }), teamsAppId: config.graph.teamsAppId })
    : undefined;
  const sender = startSender(proactiveSenderDeps({ stores: app.stores, operational, bot: config.bot, minutes: app.questionnaire.minutes, installer, clock, directory, log: (line) => console.log(line) }));
  // Audit reminders every 15 minutes, under the sender's lease (ADR 0008): while this server
  // runs, no other process sends them, and a second server waits its turn.
  const reminderStore = sqliteAuditReminderStore(operational.db);
  // Staff supervision audit samples are drawn from the supervision log when they fall due.
  const sampleStore = sqliteSupervisionSampleStore(operational.db);
  const auditService = new AuditService(audits, directory, clock, { sampling: { log: supervisionLog, samples: sampleStore } });
  if (config.demoAudits) {
    // A newcomer's demo shows a year of audits (re-planning is idempotent: a plan kept is kept).
    const year = councilYearOf(dateOf(clock.now()));
    if ((await allAuditTasks(audits, year)).length === 0) {
      const outcome = await auditService.plan(year);
      console.log(`Demo: planned ${outcome.added} audits for ${year}/${String((year + 1) % 100).padStart(2, '0')} (phc audits status shows them).`);
    }
  }
  const reminderMessenger = createBotMessenger({ adapter: createAdapter(config.bot), appId: config.bot.appId ?? '', minutes: app.questionnaire.minutes });
  const reminders = startAuditReminders({
    clock,
    sleep: realSleep,
    log: (line) => console.log(line),
    run: async () => {
      const year = councilYearOf(dateOf(clock.now()));
      // Samples first, so the auditor reminded of a staff supervision audit finds it ready.
      // A failed draw must not hold up the reminders: the auditor's form draws it again when opened.
      try {
        const drawn = await auditService.drawDueSamples([year - 1, year]);
        if (drawn > 0) console.log(`Audits: ${drawn} staff supervision audit sample${drawn === 1 ? '' : 's'} drawn from the supervision log.`);
      } catch (error) {
        console.error(`Audits: the supervision audit samples could not be drawn this time (${(error as Error).message}); will try again.`);
      }
      // Last year's audits still open are reminded too (a plan year ends on 31 March).
      const tasks = [...(await allAuditTasks(audits, year - 1)), ...(await allAuditTasks(audits, year))];
      return runAuditRemindersOnce({
        tasks,
        directory,
        store: reminderStore,
        messenger: reminderMessenger,
        conversations: operational.conversations,
        clock,
        // Sent audits waiting for someone: the person audited's part, a sign-off.
        notices: () => auditRecordService.notices(),
        lease: { outbox: operational.outbox, owner: sender.owner, keep: true },
        sampleReady: async (taskId) => (await sampleStore.get(taskId as AuditTaskId)) !== undefined,
      });
    },
  });
  const wakeAll = () => {
    sender.wake();
    reminders.wake();
  };
  const supervision = new SupervisionFlow(new SupervisionLogService(supervisionLog, directory, clock));
  const auditFlow = new AuditFlow(auditRecordService, directory, clock, { onRecordChanged: () => reminders.wake(), sampleFor: (taskId) => auditService.sampleFor(taskId) });
  const orgReturns = new OrgReturnFlow(reports.orgData, directory, app.cycles);
  // `help` lists supervision, audits and the 39-steps return only to those they are for.
  const flow = new SurveyFlow(app, [supervision, auditFlow, orgReturns]);
  const thresholds = async () => {
    const open = await flow.openCycle();
    return { threshold: open?.threshold ?? DEFAULT_THRESHOLD, textThreshold: open?.textThreshold ?? DEFAULT_TEXT_THRESHOLD };
  };
  const bot = new SurveyBot(flow, operational.conversations, thresholds, wakeAll, supervision, auditFlow, orgReturns);
  // "You said, we did" (issue 6): queued by the tab, delivered by the bot every minute in working hours.
  const actions = sqliteActionStore(operational.db);
  const updatesMessenger = createBotMessenger({ adapter: createAdapter(config.bot), appId: config.bot.appId ?? '', minutes: app.questionnaire.minutes });
  let delivering: Promise<void> | undefined;
  const deliverUpdates = (): Promise<void> =>
    (delivering ??= deliverYouSaidWeDidOnce({ store: actions, messenger: updatesMessenger, conversations: operational.conversations, clock })
      .then((run) => {
        if (run.sent + run.failed > 0) console.log(`You said, we did: ${run.sent} sent, ${run.failed} not delivered${run.retryLater ? ` (${run.retryLater} to try again)` : ''}.`);
      })
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        delivering = undefined;
      }));
  const updatesTimer = setInterval(() => void deliverUpdates(), 60_000);
  updatesTimer.unref();
  const tabApi = tabApiFor({ config, app, directory, audits, auditRecords, supervisionLog, actions, clock, afterAnnounce: () => void deliverUpdates(), outbox: operational.outbox, afterOpen: () => sender.wake(), reports });
  const server = createHttpServer(app, organisation, botEndpoint(createAdapter(config.bot), bot), {
    responseRate: (cycleId) => new ResponseRateService(app.stores, directory, app.cycles).rate(cycleId),
    compliance: async (year) => {
      const service = new AuditService(audits, directory, clock);
      return { year: year ?? service.yearOf(), ...(await service.status(year)) };
    },
    // The Quality Report (JSON and printable) is the tab API's, behind its sign-in.
    tabApi,
  });
  server.listen(config.port, () => {
    // Closed cycles' results are worked out now rather than on the first visit to the tab.
    void tabApi.warm();
    // PORT=0 asks for any free port: report the one we got.
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    void app.cycles.list().then((list) => {
      console.log(sharepoint ? `Practice Health Check is running with SharePoint (${sharepoint.site.webUrl ?? sharepoint.site.id}) as the system of record; local read model in ${config.dataDir}.` : `Practice Health Check is running on its embedded store (${config.dataDir}).`);
      console.log(`  Organisation: ${organisation.people.length} people in ${organisation.teams.length} teams.`);
      console.log(`  Cycles: ${list.map((c) => `${c.id} (${c.status})`).join(', ')}.`);
      console.log(`  Bot endpoint: http://localhost:${port}/api/messages (${config.bot.appId ? 'Bot Framework tokens required' : 'local mode, for the Agents Playground'}).`);
      console.log(`  Open http://localhost:${port}/ in a browser.`);
      console.log(`  Tab sign-in: ${config.tab.clientId ? `Entra tokens for app ${config.tab.clientId}` : 'local mode, pick a persona (X-PHC-Persona)'}.`);
      console.log(`  Admin: npx phc help   (e.g. npx phc results --cycle 2024-25)`);
    });
  });
  const stop = () => {
    clearInterval(updatesTimer);
    server.close(() => void reminders.stop().then(() => sender.stop()).then(() => delivering).then(() => sharepointLoop?.stop()).then(() => app.close()).then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
