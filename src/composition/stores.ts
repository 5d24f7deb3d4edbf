import * as fs from 'node:fs';
import * as path from 'node:path';
import { openSharePoint, type SharePointRuntime } from '../adapters/sharepoint';
import { graphClientFor } from '../adapters/sharepoint/fromConfig';
import { openSqlite, type SqliteOptions, type SqliteStores } from '../adapters/sqlite/sqliteStores';
import type { GraphClient } from '../adapters/graph/graphClient';
import { graphAppIdOf, type Config, type SharePointConfig } from '../config';
// The data inventory (phc dpia pack): every field the stores keep, and what each holds.
import { LISTS } from '../adapters/sharepoint/lists';
import { SHAREPOINT_INVENTORY, SHAREPOINT_SYSTEM_FIELDS } from '../adapters/sharepoint/lists/inventory';
import { openDatabase } from '../adapters/sqlite/database';
import { SQLITE_INVENTORY, storedColumns } from '../adapters/sqlite/inventory';
import type { StoreClassification, StoredField } from '../domain/dataProtection/inventory';
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
  /** What follows a stored response (`SqliteOptions`): a checkpoint here, unless said otherwise. */
  readonly afterSubmit?: SqliteOptions['afterSubmit'];
  /** Tests: a secret store of their own (a Key Vault stand-in) instead of the configured one. */
  readonly secrets?: SecretStore;
}

type StoresConfig = Pick<Config, 'dataDir' | 'sharepoint' | 'secrets'> & { readonly tab?: Pick<Config['tab'], 'admins' | 'dataProtectionOfficers'> };

/**
 * Opens the stores configuration picks, once, in the data directory (created if need be),
 * with the participation secrets in the configured secret store (any the file still held are
 * moved there first).
 */
export async function openStores(config: StoresConfig, options: OpenStoresOptions = {}): Promise<StoreSet> {
  const file = options.inMemory ? ':memory:' : databaseFileIn(config.dataDir);
  const secrets = options.secrets ?? (options.inMemory ? memorySecrets() : secretStoreFor(config.secrets, file));
  const set = await openWith(config, file, { secrets, ...(options.afterSubmit ? { afterSubmit: options.afterSubmit } : {}) });
  try {
    await moveSecretsOutOfTheFile(set.operational.db, secrets);
    return set;
  } catch (error) {
    await set.stores.close();
    throw error;
  }
}

async function openWith(config: StoresConfig, file: string, options: SqliteOptions & { readonly secrets: SecretStore }): Promise<StoreSet> {
  if (!config.sharepoint) return openSqlite(file, options);
  const sharepoint = await openSharePoint({
    ...options,
    file,
    client: graphClientFor(config.sharepoint, config.sharepoint.logRequests ? (line) => console.log(line) : undefined),
    site: config.sharepoint.site,
    budget: { perMinute: config.sharepoint.ruPerMinute, perDay: config.sharepoint.ruPerDay },
    onUnreachable: (message) => console.warn(message),
    // Survey answers and audits only for the app and the admins the council names (and the DPO).
    restrictTo: { appId: graphAppIdOf(config.sharepoint.credential), people: [...(config.tab?.admins ?? []), ...(config.tab?.dataProtectionOfficers ?? [])] },
    onPermissions: (lines) => {
      for (const line of lines) console.warn(`SharePoint: ${line}`);
    },
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
    framework: s.framework,
    retention: s.retention,
    closeOuts: s.closeOuts,
    accessLog: s.accessLog,
    personRecords: s.personRecords,
  };
}

/**
 * Every field the app stores: the columns of a freshly migrated database (so the schema this
 * version makes, whatever is in the data directory) and every SharePoint list's columns, with
 * the declarations that classify them.
 */
export function storedFieldsAndDeclarations(): { readonly fields: readonly StoredField[]; readonly declarations: Readonly<Record<string, StoreClassification>> } {
  const db = openDatabase(':memory:');
  try {
    const sharepoint = LISTS.flatMap((l) =>
      ['Title', ...SHAREPOINT_SYSTEM_FIELDS, ...l.columns.map((c) => c.name)].map((field): StoredField => ({ store: 'SharePoint', place: l.displayName, field })),
    );
    return { fields: [...storedColumns(db), ...sharepoint], declarations: { ...SQLITE_INVENTORY, ...SHAREPOINT_INVENTORY } };
  } finally {
    db.close();
  }
}
