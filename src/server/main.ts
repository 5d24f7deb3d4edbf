import { compose, startBackgroundThread, startTelemetry } from '../composition';
import { warmUp, type WarmUpResult } from '../composition/warmUp';
import { readConfig } from '../config';
import { systemClock, type Clock } from '../ports/clock';
import { createHttpServer, defaultLogger } from './http';
import { LISTEN_BACKLOG, refuseUntrustedBot, serverSettings } from './settings';
import { prepare } from './startup';
import { withoutTelemetry } from '../telemetry/spans';
import { describeRuntime } from '../runtimeMode';

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

/**
 * How long the practice may hold up the start, however many turns are left: a server restarted
 * after a crash must be sending invitations again within 10 s of starting (3,000 turns take
 * about 3.5–4 s on two cores).
 */
const WARM_UP_WITHIN_MS = 4_000;

type WarmUpOutcome = { readonly result: WarmUpResult } | { readonly error: unknown } | undefined;

function warmUpSummary(warm: WarmUpOutcome): string {
  if (warm === undefined) return 'off (PHC_WARM_UP_TURNS=0)';
  if ('error' in warm) return `stopped by an error, so the first replies after this start may be slower (${String(warm.error)})`;
  const { turns, failed, finished, ms } = warm.result;
  const problems = failed > 0 ? `; ${failed} brought no card back, so the practice no longer matches the bot` : '';
  return `${turns} practice turns (${finished} surveys answered to the end) on a private in-memory copy in ${(ms / 1000).toFixed(1)} s${problems}`;
}

/** `npm start`: one process for the bot, the proactive sender, audit reminders, the tab's API and pages. */
async function main(): Promise<void> {
  const config = readConfig();
  const settings = serverSettings(config);
  refuseUntrustedBot(config, settings);
  const logger = defaultLogger();
  // Before anything makes a span: requests, Graph and Bot Connector calls, the outbox (off without a connection string).
  const telemetry = config.telemetry ? startTelemetry(config.telemetry.connectionString) : undefined;
  const clock = clockFrom(process.env);
  const phc = await compose(config, { clock, turnLog: logger });
  const { app, stores } = phc;
  const organisation = await prepare(phc);
  // After the app is built, so the practice runs the very functions that will serve; out of
  // telemetry, so its requests are never reported as the council's.
  const warm: WarmUpOutcome =
    settings.warmUpTurns > 0
      ? await withoutTelemetry(() => warmUp({ turns: settings.warmUpTurns, withinMs: WARM_UP_WITHIN_MS, clock })).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        )
      : undefined;
  // SharePoint writes and sync, the sender, audit reminders, "You said, we did" and the
  // checkpoint after each response, on a thread of their own: no reply waits behind them.
  const background = startBackgroundThread({ clockOffsetMs: clock.now().getTime() - Date.now() });
  Object.assign(phc.nudges, background.nudges);
  const server = createHttpServer(app, organisation, phc.teams.endpoint, { tabApi: phc.tabApi, logger, ...(settings.trustProxy ? { trustProxy: settings.trustProxy } : {}) });
  await server.listen({ port: config.port, host: settings.host, backlog: LISTEN_BACKLOG });
  // Closed cycles' results are worked out now rather than on the first visit to the tab.
  void phc.tabApi.warm();
  // PORT=0 asks for any free port: report the one we got.
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const sharepoint = stores.sharepoint;
  void app.cycles.list().then((list) => {
    console.log(
      sharepoint
        ? `Practice Health Check is running with SharePoint (${sharepoint.site.webUrl ?? sharepoint.site.id}) as the system of record; local read model in ${config.dataDir}.`
        : `Practice Health Check is running on its embedded store (${config.dataDir}).`,
    );
    console.log(`  Organisation: ${organisation.people.length} people in ${organisation.teams.length} teams.`);
    console.log(`  Cycles: ${list.map((c) => `${c.id} (${c.status})`).join(', ')}.`);
    console.log(`  Bot endpoint: http://localhost:${port}/api/messages (${config.bot.appId ? 'Bot Framework tokens required' : 'local mode, for the Agents Playground on this computer'}).`);
    console.log(`  Open http://localhost:${port}/ in a browser.`);
    console.log(`  Tab sign-in: ${config.tab.clientId ? `Entra tokens for app ${config.tab.clientId}` : 'local mode, pick a persona (X-PHC-Persona)'}.`);
    console.log(`  Admin: npx phc help   (e.g. npx phc results --cycle 2024-25)`);
    console.log(`  Running: ${describeRuntime()}.`);
    console.log(`  Warm-up: ${warmUpSummary(warm)}.`);
    console.log(
      `  Telemetry: ${telemetry ? 'to Application Insights (requests, Graph and Bot Connector calls, the outbox; never answers or names)' : 'off (no APPLICATIONINSIGHTS_CONNECTION_STRING)'}.`,
    );
    console.log(`  Participation secrets: ${config.secrets.kind === 'key-vault' ? `Azure Key Vault ${config.secrets.vaultUrl}` : `a folder beside the SQLite file in ${config.dataDir}`}.`);
    // SharePoint can rebuild everything else; who has answered needs the secrets too.
    if (sharepoint && config.secrets.kind === 'local')
      console.warn(
        '  Warning: with SharePoint, keep the participation secrets in Key Vault (PHC_KEY_VAULT_URL): a new instance cannot rebuild the folder, and without it could let people answer a second time.',
      );
  });
  const stop = () => {
    void server
      .close()
      .then(() => background.stop())
      .then(() => phc.close())
      .then(() => telemetry?.shutdown())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
