import { createGraphClient, type GraphClient } from '../../src/adapters/graph/graphClient';
import { applyPlan, openSharePoint, planForSite, type OpenSharePointOptions, type SharePointRuntime } from '../../src/adapters/sharepoint';
import { asCycleId, asIsoDate, type CycleId } from '../../src/domain/shared/brand';
import type { Cycle, Page, PageRequest, Stores, StoredResponse } from '../../src/ports/stores';
import { startSharePointStandIn, type SharePointStandIn, type SharePointStandInOptions } from '../support/sharepointStandIn';
import type { ManualStandInClock, StandInClock } from '../support/sharepointStandIn/clock';

/** The Health Check cycle the SharePoint tests store (as a draft: they open it themselves). */
export const draftCycle2025: Cycle = {
  id: asCycleId('2025-26'),
  surveyId: 'health-check',
  surveyVersion: 1,
  title: 'Health Check 2025',
  kind: 'live',
  status: 'draft',
  opensOn: asIsoDate('2025-01-06'),
  closesOn: asIsoDate('2025-03-31'),
  threshold: 5,
  textThreshold: 10,
};

/** A stand-in tenant with the lists provisioned, and a Graph client pointed at it. */
export async function provisionedStandIn(options: SharePointStandInOptions = {}): Promise<{ sp: SharePointStandIn; client: GraphClient }> {
  const sp = await startSharePointStandIn({ ruPerMinute: 1_000_000, ...options });
  const client = standInClient(sp);
  // Every list at once can use more than a small budget's minute: provisioning then waits as
  // the stand-in asks, in the stand-in's time where its Retry-After is in it.
  const sleep = standInSleep(sp, options);
  await applyPlan(standInClient(sp, { sleep }), sp.site.id, await planForSite(client, sp.site.id), { sleep });
  return { sp, client };
}

/** Sleeps for a Retry-After the stand-in gave: moves a manual clock, scales a fast one, or waits in real time. */
export function standInSleep(sp: SharePointStandIn, options: Pick<SharePointStandInOptions, 'retryAfterIn'>): (ms: number) => Promise<void> {
  const { clock } = sp;
  if (options.retryAfterIn !== 'standIn') return realSleep;
  if (isManual(clock)) return async (ms) => clock.advance(ms);
  return (ms) => realSleep(clock.toRealMs(ms));
}

const isManual = (clock: StandInClock): clock is ManualStandInClock => typeof (clock as Partial<ManualStandInClock>).advance === 'function';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function standInClient(sp: SharePointStandIn, extra: { sleep?: (ms: number) => Promise<void>; maxAttempts?: number; timeoutMs?: number } = {}): GraphClient {
  return createGraphClient({ baseUrl: sp.baseUrl, tokenProvider: { getAccessToken: async () => 'stand-in-token' }, baseDelayMs: 10, ...extra });
}

export async function openOn(sp: SharePointStandIn, client: GraphClient, extra: Partial<OpenSharePointOptions> = {}): Promise<SharePointRuntime> {
  return openSharePoint({ file: ':memory:', client, site: sp.site.webUrl, budget: { perMinute: 1_000_000 }, ...extra });
}

/** Everything a store holds that SharePoint must hold too, in a comparable shape. */
export async function snapshot(stores: Stores): Promise<{ cycles: Cycle[]; responses: Record<string, StoredResponse[]>; submitted: Record<string, string[]> }> {
  const cycles = await readAll((p) => stores.cycles.list(p));
  const responses: Record<string, StoredResponse[]> = {};
  const submitted: Record<string, string[]> = {};
  for (const c of cycles) {
    responses[c.id] = (await readAll((p) => stores.responses.list(c.id as CycleId, p))).sort((a, b) => (a.id < b.id ? -1 : 1));
    submitted[c.id] = [...(await readAll((p) => stores.participation.submittedKeys(c.id as CycleId, p)))].sort();
  }
  return { cycles, responses, submitted };
}

async function readAll<T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let continuation: string | undefined;
  do {
    const page = await read({ limit: 500, ...(continuation === undefined ? {} : { continuation }) });
    all.push(...page.items);
    continuation = page.continuation;
  } while (continuation !== undefined);
  return all;
}
