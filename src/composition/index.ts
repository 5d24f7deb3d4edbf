import { StoredOrDemoDirectory } from '../adapters/directory/storedOrDemoDirectory';
import { graphDirectoryFor } from '../adapters/graph/fromConfig';
import type { App } from '../app/app';
import type { AuditReminderDeps } from '../app/auditReminders';
import { teamManagedBy } from '../app/invitations';
import type { SenderDeps } from '../app/sender';
import { realSleep } from '../app/senderLoop';
import type { Config } from '../config';
import type { DirectoryMapping } from '../domain/organisation/directoryMapping';
import type { UserId } from '../domain/shared/brand';
import { healthCheck } from '../domain/survey/healthCheck';
import type { Questionnaire } from '../domain/survey/types';
import type { SecretStore } from '../ports/secrets';
import type { AuditTaskId } from '../domain/audit/plan/task';
import { systemClock, type Clock } from '../ports/clock';
import type { Directory, OrganisationSource } from '../ports/directory';
import type { WarmableTabApi } from '../server/api/router';
import type { Authenticator } from '../server/auth/authenticate';
import { buildServices, wire, type Services } from './services';
import { openStores, type StoreSet } from './stores';
import { buildTabApi } from './tabApi';
import { FreeTextScreen } from '../app/screening';
import { recordSenderPass } from './telemetry';
import { buildTeams, type Nudges, type TeamsParts } from './teams';
import type { TurnLog } from '../bot/adapter';
import { checkpoint } from '../adapters/sqlite/database';

export { wire, type Services } from './services';
export { DATABASE_FILE, provisioningClient, storedFieldsAndDeclarations, type StoreSet } from './stores';
export { accessSettingsFor, authenticatorFor } from './tabApi';
export { startBackground, type Background } from './background';
export { startBackgroundThread, type BackgroundThread } from './backgroundThread';
// Telemetry starts before anything is built, so the server's entry point takes it from here.
export { startTelemetry } from '../adapters/telemetry/azureMonitor';
export type { Nudges, TeamsParts } from './teams';

/**
 * The app, built once: every store, use case, bot flow, messenger and port implementation,
 * wired to the adapters configuration picks. The server (src/server/main.ts), `phc`
 * (src/cli/run.ts) and the tests build it here and nowhere else, so a port left unwired is
 * visible in this one folder. Nothing in src/app, src/domain or src/ports imports it.
 */
export interface Composition {
  readonly config: Config;
  readonly clock: Clock;
  /** Every store (SQLite, with SharePoint behind it when configured). */
  readonly stores: StoreSet;
  /** Where people come from: the imported organisation, else the demo one in demo mode, else nobody. */
  readonly directory: Directory;
  /** The Health Check's use cases. */
  readonly app: App;
  /** Every other use case. */
  readonly services: Services;
  /** The bot in Teams: its one adapter, the messenger proactive sends use, the bot and its endpoint. */
  readonly teams: TeamsParts;
  /** The tab's signed-in API. */
  readonly tabApi: WarmableTabApi;
  /** What the proactive sender runs on: the server's loop, `phc send --once`. */
  readonly sender: SenderDeps;
  /** An audit reminder pass's ports (the tasks and the lease are the caller's): the server's schedule, `phc audits remind --once`. */
  readonly reminders: Omit<AuditReminderDeps, 'tasks' | 'lease'>;
  /** `phc org sync`: the tenant's directory through Microsoft Graph, with a job-title mapping; absent unless `PHC_DIRECTORY=graph`. */
  readonly organisationSource: ((mapping: DirectoryMapping) => OrganisationSource) | undefined;
  /** Wake the background loops (`startBackground` fills them in; until then they do nothing). */
  readonly nudges: Nudges;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Default the system clock; the server may start it elsewhere (`PHC_CLOCK_START`), tests use a test clock. */
  readonly clock?: Clock;
  /** Tests: a private in-memory database instead of the data directory's file. */
  readonly inMemory?: boolean;
  /** Tests: an organisation of their own instead of the configured directory. */
  readonly directory?: Directory;
  /** Tests: a shorter questionnaire. Default the Health Check. */
  readonly questionnaire?: Questionnaire;
  /** Tests: the tab's sign-in checked against a stand-in key set. */
  readonly tabAuth?: Authenticator;
  /** Where a failed bot turn is logged: the server's structured log (stderr otherwise). */
  readonly turnLog?: TurnLog;
  /** Tests: the seed new audit plans are drawn with. */
  readonly auditSeed?: () => number;
  /** Tests: a secret store of their own (a Key Vault stand-in) instead of the configured one. */
  readonly secrets?: SecretStore;
}

export async function compose(config: Config, options: ComposeOptions = {}): Promise<Composition> {
  const clock = options.clock ?? systemClock;
  const nudges: Nudges = { sender: () => undefined, reminders: () => undefined, updates: () => undefined, checkpoint: () => undefined };
  const stores = await openStores(config, { ...(options.inMemory ? { inMemory: true } : {}), afterSubmit: () => nudges.checkpoint(), ...(options.secrets ? { secrets: options.secrets } : {}) });
  // Until the server hands it to its background thread, at once and here.
  nudges.checkpoint = () => checkpoint(stores.operational.db);
  try {
    const directory = options.directory ?? new StoredOrDemoDirectory(stores.organisations, config.demo, clock);
    const app = await wire(stores.stores, options.questionnaire ?? healthCheck, clock, directory, stores.closeOuts, new FreeTextScreen(directory));
    const services = buildServices(stores, app, directory, clock, { retention: config.dataProtection.retention, ...(options.auditSeed ? { auditSeed: options.auditSeed } : {}) });
    const teams = buildTeams(config, stores, app, services, directory, clock, nudges, options.turnLog);
    const tabApi = buildTabApi(config, stores, app, services, directory, clock, nudges, options.tabAuth);
    const sender: SenderDeps = {
      stores: stores.stores,
      outbox: stores.operational.outbox,
      conversations: stores.operational.conversations,
      messenger: teams.messenger,
      installer: teams.installer,
      clock,
      random: Math.random,
      sleep: realSleep,
      teamOf: async (userId: UserId) => teamManagedBy(await directory.organisation(), userId),
      onRun: recordSenderPass,
    };
    const reminders: Composition['reminders'] = {
      directory,
      store: stores.auditReminders,
      messenger: teams.messenger,
      conversations: stores.operational.conversations,
      clock,
      // Sent audits waiting for someone: the person audited's part, a sign-off.
      notices: () => services.auditRecords.notices(),
      sampleReady: async (taskId) => (await stores.supervisionSamples.get(taskId as AuditTaskId)) !== undefined,
      // Focus group invitations (and word of a cancellation) and thematic review stage reminders.
      framework: async (delivered) => [...(await services.framework.focusGroups.messages(delivered)), ...(await services.framework.reviews.messages())],
    };
    const graph = config.directory.source === 'graph' ? config.directory.graph : undefined;
    const organisationSource = graph ? (mapping: DirectoryMapping) => graphDirectoryFor(graph, mapping) : undefined;
    return { config, clock, stores, directory, app, services, teams, tabApi, sender, reminders, organisationSource, nudges, close: () => app.close() };
  } catch (error) {
    await stores.stores.close();
    throw error;
  }
}
