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
import { reportServices } from '../app/qualityReportWiring';
import { ensureDemoReports } from '../app/caseloadDemo';

/** `npm start`: one process for the bot, the proactive sender, the tab's API and pages. */
async function main(): Promise<void> {
  const config = readConfig();
  const runtime = await openRuntime(config);
  const { app, operational, supervisionLog, audits, auditRecords, organisations, sharepoint } = runtime;
  // SharePoint as the system of record: write out and sync back in the background.
  const sharepointLoop = sharepoint?.startBackground({
    onError: (error) => console.error(`SharePoint: ${(error as Error).message}; will try again.`),
    onSync: (report) => report.problems.forEach((p) => console.warn(`SharePoint sync: ${p}`)),
  });
  const directory = directoryFor(config, organisations);
  const organisation = await directory.organisation();
  if (config.demo) {
    const opened = await ensureDemoCycle(app, systemClock);
    if (opened) {
      await new InvitationPlanner(operational.outbox, directory, systemClock).queue(opened);
      console.log(`Demo: opened ${opened.title} (${opened.id}) until ${opened.closesOn}.`);
    }
  }
  const reports = reportServices(runtime, directory, systemClock);
  if (config.demo) {
    const seeded = await ensureDemoReports(reports, organisation);
    if (seeded.caseloads + seeded.returns + seeded.themes > 0) console.log(`Demo: ${seeded.caseloads} caseloads, ${seeded.returns} 39-steps returns, ${seeded.themes} quality themes.`);
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
  const server = createHttpServer(app, organisation, botEndpoint(createAdapter(config.bot), bot), {
    responseRate: (cycleId) => new ResponseRateService(app.stores, directory, app.cycles).rate(cycleId),
    compliance: async (year) => {
      const service = new AuditService(audits, directory, systemClock);
      return { year: year ?? service.yearOf(), ...(await service.status(year)) };
    },
    qualityReport: (quarter) => reports.qualityReport.report(quarter),
  });
  server.listen(config.port, () => {
    // PORT=0 asks for any free port: report the one we got.
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    void app.cycles.list().then((list) => {
      console.log(sharepoint ? `Practice Health Check is running with SharePoint (${sharepoint.site.webUrl ?? sharepoint.site.id}) as the system of record; local read model in ${config.dataDir}.` : `Practice Health Check is running on its embedded store (${config.dataDir}).`);
      console.log(`  Organisation: ${organisation.people.length} people in ${organisation.teams.length} teams.`);
      console.log(`  Cycles: ${list.map((c) => `${c.id} (${c.status})`).join(', ')}.`);
      console.log(`  Bot endpoint: http://localhost:${port}/api/messages (${config.bot.appId ? 'Bot Framework tokens required' : 'local mode, for the Agents Playground'}).`);
      console.log(`  Open http://localhost:${port}/ in a browser.`);
      console.log(`  Admin: npx phc help   (e.g. npx phc results --cycle 2024-25)`);
    });
  });
  const stop = () => {
    server.close(() => void sender.stop().then(() => sharepointLoop?.stop()).then(() => app.close()).then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
