/**
 * The app's SharePoint adapter pointed at a stand-in, for the benchmark and the fault test:
 * the real Graph client (retry, auth, timeout middleware), provisioning, the SQLite read
 * model with its outbox, the writer and the delta sync. Everything runs on the stand-in's
 * clock: Retry-After comes in stand-in seconds and every sleep is scaled to real time.
 */
import { createGraphClient, type GraphClient } from '../../../src/adapters/graph/graphClient';
import { applyPlan, openSharePoint, planForSite, type SharePointRuntime } from '../../../src/adapters/sharepoint';
import { CycleService } from '../../../src/app/cycles';
import { QuestionnaireService } from '../../../src/app/questionnaires';
import { participationKey } from '../../../src/app/participation';
import { asCycleId, asUserId } from '../../../src/domain/shared/brand';
import { healthCheck } from '../../../src/domain/survey/healthCheck';
import { syntheticResponses } from '../../bench/syntheticResponses';
import type { SharePointStandIn } from './server';

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The app's Graph client against the stand-in, its waits scaled to the stand-in's clock. */
export function standInGraphClient(baseUrl: string, speed: number, options: { readonly timeoutMs?: number; readonly maxAttempts?: number } = {}): GraphClient {
  return createGraphClient({
    baseUrl,
    tokenProvider: { getAccessToken: async () => 'stand-in-token' },
    sleep: (ms) => realSleep(ms / speed),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  });
}

/** `phc sharepoint provision`, as its code does it. */
export async function provision(client: GraphClient, siteId: string): Promise<void> {
  await applyPlan(client, siteId, await planForSite(client, siteId));
}

export interface OpenOptions {
  readonly file: string;
  readonly baseUrl: string;
  /** `host:/path` or the site id. */
  readonly site: string;
  readonly speed: number;
  /** Stand-in clock: ms since the epoch now. */
  readonly now: () => number;
  readonly seed?: number;
  readonly timeoutMs?: number;
}

/** The runtime the app opens when SharePoint is configured. */
export function openAdapter(o: OpenOptions): Promise<SharePointRuntime> {
  let s = (o.seed ?? 1) >>> 0;
  const random = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return openSharePoint({
    file: o.file,
    client: standInGraphClient(o.baseUrl, o.speed, o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    site: o.site,
    now: o.now,
    sleep: (ms) => realSleep(ms / o.speed),
    random,
    minGroup: 1,
  });
}

export const BENCH_CYCLE = '2026-27';

/** The list the app keeps responses in (schema.ts). */
export const RESPONSES_LIST = 'PHC Survey Responses';

/** Opens the cycle responses go to (the outbox queues it too). */
export async function openCycle(runtime: SharePointRuntime, clock: { now(): Date }): Promise<void> {
  await new CycleService(runtime.stores, new QuestionnaireService(runtime.stores.questionnaires, healthCheck, clock), healthCheck, clock).open({ id: BENCH_CYCLE, closesOn: '2027-12-31' });
}

/** Stores `count` synthetic responses in the open cycle; the outbox queues them all. */
export async function queueResponses(runtime: SharePointRuntime, count: number, seed: number, clock: { now(): Date }): Promise<void> {
  const cycleId = asCycleId(BENCH_CYCLE);
  const answers = syntheticResponses(healthCheck, count, seed);
  const submittedOn = clock.now().toISOString().slice(0, 10) as never;
  await runtime.stores.responses.importMany(
    cycleId,
    answers.map((a) => ({ surveyVersion: healthCheck.version, submittedOn, answers: a })),
  );
}

/** The list participation goes to (schema.ts). */
export const PARTICIPATION_LIST = 'PHC Participation';

/** `count` people answer in the bot: each makes a response and a participation record. */
export async function submitAsPeople(runtime: SharePointRuntime, count: number, seed: number, clock: { now(): Date }): Promise<void> {
  const cycleId = asCycleId(BENCH_CYCLE);
  const secret = await runtime.stores.cycles.participationSecret(cycleId);
  const submittedOn = clock.now().toISOString().slice(0, 10) as never;
  const answers = syntheticResponses(healthCheck, count, seed);
  for (let i = 0; i < count; i++) {
    const key = participationKey(secret, asUserId(`person-${seed}-${i}`));
    await runtime.stores.participation.submit(cycleId, key, { surveyVersion: healthCheck.version, submittedOn, answers: answers[i] ?? {} });
  }
}

/** The `host:/path` form of the stand-in's site, as a council would give its site URL. */
export const siteRef = (standIn: Pick<SharePointStandIn, 'site'>) => `${standIn.site.hostname}:${standIn.site.path}`;
