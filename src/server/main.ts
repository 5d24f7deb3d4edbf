import { createAdapter } from '../../bot/adapter';
import { botEndpoint } from '../../bot/endpoint';
import { SurveyFlow } from '../../bot/flow';
import { proactiveSenderDeps } from '../../bot/proactive';
import { SurveyBot } from '../../bot/surveyBot';
import { SupervisionFlow } from '../../bot/supervisionFlow';
import { AuditFlow } from '../../bot/auditFlow';
import { AuditRecordService } from '../app/auditRecords';
import { SupervisionLogService } from '../app/supervisionLog';
import { AuditService } from '../app/audits';
import { createGraphAppInstaller } from '../adapters/graph/graphAppInstaller';
import { createGraphClient, msalTokenProvider } from '../adapters/graph/graphClient';
import { DEFAULT_TEXT_THRESHOLD, DEFAULT_THRESHOLD } from '../app/cycles';
import { ensureDemoCycle } from '../app/demoCycle';
import { InvitationPlanner } from '../app/invitations';
import { ResponseRateService } from '../app/responseRate';
import { startSender } from '../app/senderLoop';
import { directoryFor, openRuntime } from '../compose';
import { readConfig } from '../config';
import { systemClock } from '../ports/clock';
import { createHttpServer } from './http';
import { sqliteActionStore } from '../adapters/sqlite/actionStore';
import { tabApiFor } from './api/wire';
import { deliverYouSaidWeDidOnce } from '../app/actionsDelivery';
import { createBotMessenger } from '../../bot/proactive';

/** `npm start`: one process for the bot, the proactive sender, the tab's API and pages. */
async function main(): Promise<void> {
  const config = readConfig();
  const { app, operational, supervisionLog, audits, auditRecords, organisations } = await openRuntime(config);
  const directory = directoryFor(config, organisations);
  const organisation = await directory.organisation();
  if (config.demo) {
    const opened = await ensureDemoCycle(app, systemClock);
    if (opened) {
      await new InvitationPlanner(operational.outbox, directory, systemClock).queue(opened);
      console.log(`Demo: opened ${opened.title} (${opened.id}) until ${opened.closesOn}.`);
    }
  }
  const installer = config.graph
    ? createGraphAppInstaller({ client: createGraphClient({ baseUrl: config.graph.baseUrl, tokenProvider: msalTokenProvider(config.graph) }), teamsAppId: config.graph.teamsAppId })
    : undefined;
  const sender = startSender(proactiveSenderDeps({ stores: app.stores, operational, bot: config.bot, minutes: app.questionnaire.minutes, installer, log: (line) => console.log(line) }));
  const flow = new SurveyFlow(app);
  const thresholds = async () => {
    const open = await flow.openCycle();
    return { threshold: open?.threshold ?? DEFAULT_THRESHOLD, textThreshold: open?.textThreshold ?? DEFAULT_TEXT_THRESHOLD };
  };
  const supervision = new SupervisionFlow(new SupervisionLogService(supervisionLog, directory, systemClock));
  const auditFlow = new AuditFlow(new AuditRecordService(auditRecords, audits, directory, systemClock), audits, directory, systemClock);
  const bot = new SurveyBot(flow, operational.conversations, thresholds, () => sender.wake(), supervision, auditFlow);
  // "You said, we did" (issue 6): queued by the tab, delivered by the bot every minute in working hours.
  const actions = sqliteActionStore(operational.db);
  const updatesMessenger = createBotMessenger({ adapter: createAdapter(config.bot), appId: config.bot.appId ?? '', minutes: app.questionnaire.minutes });
  let delivering: Promise<void> | undefined;
  const deliverUpdates = (): Promise<void> =>
    (delivering ??= deliverYouSaidWeDidOnce({ store: actions, messenger: updatesMessenger, conversations: operational.conversations, clock: systemClock })
      .then((run) => {
        if (run.sent + run.failed > 0) console.log(`You said, we did: ${run.sent} sent, ${run.failed} not delivered${run.retryLater ? ` (${run.retryLater} to try again)` : ''}.`);
      })
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        delivering = undefined;
      }));
  const updatesTimer = setInterval(() => void deliverUpdates(), 60_000);
  updatesTimer.unref();
  const tabApi = tabApiFor({ config, app, directory, audits, auditRecords, supervisionLog, actions, clock: systemClock, afterAnnounce: () => void deliverUpdates(), outbox: operational.outbox, afterOpen: () => sender.wake() });
  const server = createHttpServer(app, organisation, botEndpoint(createAdapter(config.bot), bot), {
    responseRate: (cycleId) => new ResponseRateService(app.stores, directory, app.cycles).rate(cycleId),
    compliance: async (year) => {
      const service = new AuditService(audits, directory, systemClock);
      return { year: year ?? service.yearOf(), ...(await service.status(year)) };
    },
    tabApi,
  });
  server.listen(config.port, () => {
    // Closed cycles' results are worked out now rather than on the first visit to the tab.
    void tabApi.warm();
    // PORT=0 asks for any free port: report the one we got.
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    void app.cycles.list().then((list) => {
      console.log(`Practice Health Check is running on its embedded store (${config.dataDir}).`);
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
    server.close(() => void sender.stop().then(() => delivering).then(() => app.close()).then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
