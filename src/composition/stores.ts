import * as fs from 'node:fs';
import * as path from 'node:path';
import { openSharePoint, type SharePointRuntime } from '../adapters/sharepoint';
import { graphClientFor } from '../adapters/sharepoint/fromConfig';
import { openSqlite, type SqliteStores } from '../adapters/sqlite/sqliteStores';
import type { GraphClient } from '../adapters/graph/graphClient';
import type { Config, SharePointConfig } from '../config';
import { secretStoreFor } from '../adapters/secrets/fromConfig';
import { memorySecrets } from '../adapters/secrets/memory';
import { moveSecretsOutOfTheFile } from '../adapters/sqlite/cycleStore';
import type { SecretStore } from '../ports/secrets';

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
  /** Tests: a secret store of their own (a Key Vault stand-in) instead of the configured one. */
  readonly secrets?: SecretStore;
}

/**
 * Opens the stores configuration picks, once, in the data directory (created if need be),
 * with the participation secrets in the configured secret store (any the file still held are
 * moved there first).
 */
export async function openStores(config: Pick<Config, 'dataDir' | 'sharepoint' | 'secrets'>, options: OpenStoresOptions = {}): Promise<StoreSet> {
  const file = options.inMemory ? ':memory:' : databaseFileIn(config.dataDir);
  const secrets = options.secrets ?? (options.inMemory ? memorySecrets() : secretStoreFor(config.secrets, file));
  const set = await openWith(config, file, secrets);
  try {
    await moveSecretsOutOfTheFile(set.operational.db, secrets);
    return set;
  } catch (error) {
    await set.stores.close();
    throw error;
  }
}

async function openWith(config: Pick<Config, 'sharepoint'>, file: string, secrets: SecretStore): Promise<StoreSet> {
  if (!config.sharepoint) return openSqlite(file, secrets);
  const sharepoint = await openSharePoint({
    secrets,
    file,
    client: graphClientFor(config.sharepoint, config.sharepoint.logRequests ? (line) => console.log(line) : undefined),
    site: config.sharepoint.site,
    budget: { perMinute: config.sharepoint.ruPerMinute, perDay: config.sharepoint.ruPerDay },
    onUnreachable: (message) => console.warn(message),
    // A new data directory (a new instance, or a lost disk) rebuilds itself from the site first.
    readBackWhenNew: true,
  });
  if (sharepoint.readBack) {
    const read = sharepoint.readBack.lists.filter((l) => l.applied > 0).map((l) => `${l.applied} ${l.list}`);
    console.log(`SharePoint: this data directory is new, so the app's records were read back from the site first (${read.length > 0 ? read.join(', ') : 'none there yet'}).`);
    for (const problem of sharepoint.readBack.problems) console.warn(`SharePoint read-back: ${problem}`);
  }
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
