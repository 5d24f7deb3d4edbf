import * as fs from 'node:fs';
import * as path from 'node:path';
import { StoredOrDemoDirectory } from './adapters/directory/storedOrDemoDirectory';
import { openSqlite, type OperationalState } from './adapters/sqlite/sqliteStores';
import { openSharePoint, type SharePointRuntime } from './adapters/sharepoint';
import { graphClientFor } from './adapters/sharepoint/fromConfig';
import { CycleService } from './app/cycles';
import { loadHistory } from './app/history';
import { ImportService } from './app/importResponses';
import { ResultsService } from './app/results';
import { SurveyService } from './app/survey';
import type { Config } from './config';
import { publishedCycles } from './domain/history/published';
import { healthCheck } from './domain/survey/healthCheck';
import type { Questionnaire } from './domain/survey/types';
import { systemClock, type Clock } from './ports/clock';
import type { AuditTaskStore } from './ports/audits';
import type { AuditRecordStore } from './ports/auditRecords';
import type { Directory } from './ports/directory';
import type { Stores } from './ports/stores';
import type { SupervisionLogStore } from './ports/supervisionLog';
import type { OrganisationStore } from './ports/organisation';
import type { ReportStores } from './ports/reportStores';

/** The use cases, wired to the adapters configuration picks. One place, for server and CLI alike. */
export interface App {
  readonly questionnaire: Questionnaire;
  readonly stores: Stores;
  readonly cycles: CycleService;
  readonly survey: SurveyService;
  readonly results: ResultsService;
  readonly imports: ImportService;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'phc.sqlite';

export async function openApp(config: Pick<Config, 'dataDir'>, clock: Clock = systemClock): Promise<App> {
  return (await openRuntime(config, clock)).app;
}

/**
 * The app plus the operational state (conversation references, outbox) and the audit
 * programme's task store, all in the same file.
 */
export async function openRuntime(
  config: Pick<Config, 'dataDir'> & Partial<Pick<Config, 'sharepoint'>>,
  clock: Clock = systemClock,
): Promise<{ readonly app: App; readonly operational: OperationalState; readonly audits: AuditTaskStore; readonly auditRecords: AuditRecordStore; readonly supervisionLog: SupervisionLogStore; readonly organisations: OrganisationStore; readonly reports: ReportStores; readonly sharepoint?: SharePointRuntime }> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, DATABASE_FILE);
  // With a SharePoint site configured, the same SQLite stores become the local read model and
  // every change leaves for SharePoint through the outbox (src/adapters/sharepoint/README.md).
  const sharepoint = config.sharepoint
    ? await openSharePoint({ file, client: graphClientFor(config.sharepoint, config.sharepoint.logRequests ? (line) => console.log(line) : undefined), site: config.sharepoint.site, budget: { perMinute: config.sharepoint.ruPerMinute, perDay: config.sharepoint.ruPerDay }, onUnreachable: (message) => console.warn(message) })
    : undefined;
  const { stores, operational, audits, auditRecords, supervisionLog, organisations, reports } = sharepoint ?? openSqlite(file);
  return { app: await wire(stores, healthCheck, clock), operational, audits, auditRecords, supervisionLog, organisations, reports, ...(sharepoint ? { sharepoint } : {}) };
}

/** Wires use cases over any stores (tests pass in-memory SQLite). Loads the published history. */
export async function wire(stores: Stores, questionnaire: Questionnaire, clock: Clock): Promise<App> {
  // History is part of every store, so `phc results --cycle 2024-25` works on a fresh data directory.
  await loadHistory(stores, questionnaire, publishedCycles);
  const cycles = new CycleService(stores, questionnaire, clock);
  return {
    questionnaire,
    stores,
    cycles,
    survey: new SurveyService(stores, questionnaire, clock),
    results: new ResultsService(stores, questionnaire, cycles),
    imports: new ImportService(stores, questionnaire, cycles, clock),
    close: () => stores.close(),
  };
}

/**
 * Where people come from: the imported organisation (`phc org import`) once there is one, else
 * the demo organisation when demo mode is on, else nobody until a directory is configured.
 * Without a store (older callers) only the demo or nobody.
 */
export function directoryFor(config: Pick<Config, 'demo'>, organisations?: OrganisationStore, clock: Clock = systemClock): Directory {
  return new StoredOrDemoDirectory(organisations, config.demo, clock);
}
