import { openSqlite, type SqliteOptions } from '../sqlite/sqliteStores';
import type { SecretStore } from '../../ports/secrets';
import type { GraphClient } from '../graph/graphClient';
import { DeltaSync, type SyncReport } from './deltaSync';
import { localRowReader } from './lists';
import { RuPacer, type RuBudget } from './ruPacer';
import { listSchemaVersion } from './provision';
import { listSpec, SCHEMA_VERSION, SYNCED_LISTS } from './schema';
import { readLists, resolveSite, SharePointError, type SiteRef } from './site';
import { SharePointState } from './state';
import { SharePointWriter, type FlushReport } from './writer';
import { sharePointPersonRecords } from './personItems';
import { checkRestrictedLists, describePermissionCheck, type Allowed, type PermissionCheck } from './permissions';

export { DeltaSync, type SyncReport, type ListSyncReport } from './deltaSync';
export { SharePointWriter, type FlushReport } from './writer';
export { RuPacer, DEFAULT_BUDGET, RU_COST, type RuBudget } from './ruPacer';
export { LISTS, SCHEMA_VERSION, type ListSpec, type ListName, type SyncedList } from './schema';
export { applyPlan, describeStep, describeWait, planForSite, planProvisioning, type ApplyOptions, type Plan, type ProvisionWait, type Step } from './provision';
export { resolveSite, sitePath, SharePointError, type SiteRef } from './site';
export { checkRestrictedLists, describePermissionCheck, RESTRICTED_LISTS, type Allowed, type PermissionCheck } from './permissions';
export { SharePointState, type PendingCounts } from './state';

export interface OpenSharePointOptions {
  /** The SQLite file of the local read model and operational state (`:memory:` in tests). */
  readonly file: string;
  readonly client: GraphClient;
  /** The site: `https://contoso.sharepoint.com/sites/phc`, `host:/sites/phc` or its id. */
  readonly site: string;
  /** The resource-unit budget (default 1,250 RU a minute, aiming at 95% of it). */
  readonly budget?: Partial<RuBudget>;
  /** This clock's ms, for the pacer, holds and retries (default `Date.now`; the bench passes the stand-in's). */
  readonly now?: () => number;
  /** Sleeps `ms` of that clock (the bench scales it to real time). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Responses leave in groups of at least this many per cycle (default 10; tests use 1)… */
  readonly minGroup?: number;
  /** …or once the group has waited this long (default 2 hours). */
  readonly maxHoldMs?: number;
  /** Told when SharePoint cannot be reached at opening and the app carries on from its local copy. */
  readonly onUnreachable?: (message: string) => void;
  /**
   * Who may reach the restricted lists (survey answers, audits, messages, 39-steps returns,
   * focus groups): checked at opening and told to `onPermissions` in words. Absent: not checked.
   */
  readonly restrictTo?: Allowed;
  readonly onPermissions?: (lines: readonly string[]) => void;
  /** What follows a stored response (`SqliteOptions`). */
  readonly afterSubmit?: SqliteOptions['afterSubmit'];
  /** Where the participation secrets are (default: as `openSqlite` picks for the file). */
  readonly secrets?: SecretStore;
  /**
   * A data directory that has never worked with the site (a new instance, or one whose disk
   * was lost) reads every list in full before this returns, so the app never serves from an
   * empty copy: nobody can answer twice and nothing is sent twice (docs/adr/0024). The server
   * and `phc` ask for it; adapter-level tests need not.
   */
  readonly readBackWhenNew?: boolean;
}

export interface SharePointRuntime extends ReturnType<typeof openSqlite> {
  readonly site: SiteRef;
  /** What the check of the restricted lists' permissions found at opening (undefined: not checked, or SharePoint unreachable). */
  readonly permissions: PermissionCheck | undefined;
  readonly writer: SharePointWriter;
  readonly sync: DeltaSync;
  readonly state: SharePointState;
  readonly pacer: RuPacer;
  /** What was read back at opening, when the data directory was new to the site (`readBackWhenNew`). */
  readonly readBack?: SyncReport;
  /**
   * Writes and syncs in the background until `stop()`: a batch whenever something is due (at
   * the budget's pace), a delta sync every `syncEveryMs` (default 5 minutes).
   */
  startBackground(options?: {
    readonly idleMs?: number;
    readonly syncEveryMs?: number;
    readonly onError?: (error: unknown) => void;
    readonly onSync?: (report: SyncReport) => void;
    readonly onFlush?: (report: FlushReport, startedAt: number, endedAt: number) => void;
  }): { stop(): Promise<void> };
  /** Stops nothing by itself: call `stop()` first, and `writer.drain()` if everything must be out. */
  close(): Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every list in full, in dependency order; refused in words if SharePoint cannot give it all. */
async function readEverything(sync: DeltaSync, state: SharePointState): Promise<SyncReport> {
  try {
    const report = await sync.sync();
    state.readBackDone();
    return report;
  } catch (error) {
    throw new SharePointError(
      `This data directory is new, and the app's records could not all be read back from SharePoint (${(error as Error).message}). The app does not start from an incomplete copy, which could let someone answer twice or send a message twice; it will try again when it is restarted.`,
    );
  }
}

/**
 * SharePoint as the system of record: the SQLite stores (the local read model, which the app
 * reads and writes as before) with every change to cycles, responses and participation
 * captured into an outbox, a writer that sends it to the lists in paced `$batch`es, and a
 * delta sync that brings SharePoint's changes back. The lists must have been provisioned
 * (`phc sharepoint provision`).
 */
export async function openSharePoint(o: OpenSharePointOptions): Promise<SharePointRuntime> {
  const sqlite = openSqlite(o.file, { ...(o.afterSubmit ? { afterSubmit: o.afterSubmit } : {}), ...(o.secrets ? { secrets: o.secrets } : {}) });
  try {
    const state = new SharePointState(sqlite.operational.db);
    let site: SiteRef;
    let permissions: PermissionCheck | undefined;
    try {
      site = await resolveSite(o.client, o.site);
      const lists = await readLists(o.client, site.id);
      state.bindSite(site.id);
      const missing: string[] = [];
      const behind: string[] = [];
      for (const name of SYNCED_LISTS) {
        const spec = listSpec(name);
        const found = lists.find((l) => l.displayName.toLowerCase() === spec.displayName.toLowerCase());
        if (found) {
          // A list this version adds: the records kept locally until it existed are written to it.
          if (state.listId(name) === undefined && !state.mustReadBack()) state.queueLocal(name);
          state.setListId(name, found.id);
        } else missing.push(spec.displayName);
        // A list at an earlier schema lacks columns this version writes: every write would be refused.
        if (found && (listSchemaVersion(found) ?? 0) < SCHEMA_VERSION) behind.push(spec.displayName);
      }
      if (missing.length > 0) throw new SharePointError(`The site has no list ${missing.map((m) => `"${m}"`).join(', ')}: run "phc sharepoint provision --site ${o.site}" first.`);
      if (behind.length > 0)
        throw new SharePointError(`The site's lists ${behind.map((m) => `"${m}"`).join(', ')} were set up by an earlier version of the app: run "phc sharepoint provision --site ${o.site}" first.`);
      if (o.restrictTo) {
        // Said, not refused: a list left open is for an administrator to close (Graph cannot).
        permissions = await checkRestrictedLists(o.client, site.id, o.restrictTo).catch((error: unknown) => ({ kind: 'unchecked' as const, why: (error as Error).message }));
        o.onPermissions?.(describePermissionCheck(permissions));
      }
    } catch (error) {
      // SharePoint down or unreachable: a data directory that has worked with the site before
      // keeps going on its local copy; the outbox writes everything out once SharePoint answers.
      const transient = !(error instanceof SharePointError) || (error.status !== undefined && (error.status >= 500 || error.status === 429));
      const cached = state.site();
      if (!transient || cached === undefined || SYNCED_LISTS.some((l) => state.listId(l) === undefined)) throw error;
      site = { id: cached };
      o.onUnreachable?.(`SharePoint could not be reached (${(error as Error).message}); working from the local copy, and writing out once it answers.`);
    }
    const now = o.now ?? Date.now;
    const sleep = o.sleep ?? realSleep;
    const pacer = new RuPacer(o.budget);
    const writer = new SharePointWriter({
      client: o.client,
      siteId: site.id,
      state,
      rows: localRowReader(sqlite.operational.db),
      pacer,
      now,
      sleep,
      ...(o.random ? { random: o.random } : {}),
      ...(o.minGroup !== undefined ? { minGroup: o.minGroup } : {}),
      ...(o.maxHoldMs !== undefined ? { maxHoldMs: o.maxHoldMs } : {}),
    });
    const sync = new DeltaSync({ client: o.client, siteId: site.id, state, pacer, now, sleep });
    const resolved: SiteRef = site;
    const readBack = o.readBackWhenNew && state.mustReadBack() ? await readEverything(sync, state) : undefined;
    return {
      ...sqlite,
      personRecords: sharePointPersonRecords(sqlite.operational.db, state, sqlite.personRecords),
      ...(readBack ? { readBack } : {}),
      site: resolved,
      permissions,
      writer,
      sync,
      state,
      pacer,
      startBackground(options = {}) {
        const idleMs = options.idleMs ?? 5_000;
        const syncEveryMs = options.syncEveryMs ?? 5 * 60_000;
        let running = true;
        let lastSync = -Infinity;
        let wake: () => void = () => undefined;
        // An idle wait that stop() can cut short, so shutting down never waits for it.
        const idle = () =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, idleMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        const loop = (async () => {
          while (running) {
            try {
              if (now() - lastSync >= syncEveryMs) {
                lastSync = now();
                options.onSync?.(await sync.sync());
              }
              const startedAt = Date.now();
              const report = await writer.flush();
              if (report.requests > 0) options.onFlush?.(report, startedAt, Date.now());
              else await idle();
            } catch (error) {
              options.onError?.(error);
              if (running) await idle();
            }
          }
        })();
        return {
          async stop() {
            running = false;
            wake();
            await loop;
          },
        };
      },
      close: () => sqlite.stores.close(),
    };
  } catch (error) {
    await sqlite.stores.close();
    throw error;
  }
}
