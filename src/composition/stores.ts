import * as fs from 'node:fs';
import * as path from 'node:path';
import { openSharePoint, type SharePointRuntime } from '../adapters/sharepoint';
import { graphClientFor } from '../adapters/sharepoint/fromConfig';
import { openSqlite, type SqliteOptions, type SqliteStores } from '../adapters/sqlite/sqliteStores';
import type { GraphClient } from '../adapters/graph/graphClient';
import type { Config, SharePointConfig } from '../config';

/** The one SQLite file in the data directory. */
export const DATABASE_FILE = 'phc.sqlite';

/**
 * Every store. Without SharePoint they are SQLite alone; with a SharePoint site configured,
 * the same SQLite stores become the local read model and every change leaves for SharePoint
 * through the outbox (src/adapters/sharepoint/README.md): `sharepoint` is that runtime.
 */
export interface StoreSet extends SqliteStores {
  readonly sharepoint?: SharePointRuntime;
}

export interface OpenStoresOptions {
  /** A private database in memory instead of the data directory's file (tests). */
  readonly inMemory?: boolean;
  /** What follows a stored response (`SqliteOptions`): a checkpoint here, unless said otherwise. */
  readonly afterSubmit?: SqliteOptions['afterSubmit'];
}

/** Opens the stores configuration picks, once, in the data directory (created if need be). */
export async function openStores(config: Pick<Config, 'dataDir' | 'sharepoint'>, options: OpenStoresOptions = {}): Promise<StoreSet> {
  const file = options.inMemory ? ':memory:' : databaseFileIn(config.dataDir);
  const after = options.afterSubmit ? { afterSubmit: options.afterSubmit } : {};
  if (!config.sharepoint) return openSqlite(file, after);
  const sharepoint = await openSharePoint({
    file,
    ...after,
    client: graphClientFor(config.sharepoint, config.sharepoint.logRequests ? (line) => console.log(line) : undefined),
    site: config.sharepoint.site,
    budget: { perMinute: config.sharepoint.ruPerMinute, perDay: config.sharepoint.ruPerDay },
    onUnreachable: (message) => console.warn(message),
  });
  return { ...storesOf(sharepoint), sharepoint };
}

/**
 * The Graph client for `phc sharepoint provision`, which runs before the lists exist (so before
 * `compose` can open the stores), with the site given on the command line.
 */
export function provisioningClient(config: SharePointConfig): GraphClient {
  return graphClientFor(config);
}

function databaseFileIn(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  return path.join(dataDir, DATABASE_FILE);
}

function storesOf(s: SqliteStores): SqliteStores {
  return {
    stores: s.stores,
    operational: s.operational,
    audits: s.audits,
    auditRecords: s.auditRecords,
    auditReminders: s.auditReminders,
    supervisionSamples: s.supervisionSamples,
    supervisionLog: s.supervisionLog,
    organisations: s.organisations,
    reports: s.reports,
    actions: s.actions,
  };
}
