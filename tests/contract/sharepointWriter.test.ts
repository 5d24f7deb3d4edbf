import { createHash } from 'node:crypto';
import type { GraphClient } from '../../src/adapters/graph/graphClient';
import { asIsoDate, asParticipationKey } from '../../src/domain/shared/brand';
import type { SharePointRuntime } from '../../src/adapters/sharepoint';
import type { SharePointStandIn } from '../support/sharepointStandIn';
import { manualStandInClock } from '../support/sharepointStandIn/clock';
import { draftCycle2025, openOn, provisionedStandIn, standInClient } from './sharepointHarness';

const cycleId = draftCycle2025.id;
const key = (n: number) => asParticipationKey(createHash('sha256').update(`person-${n}`).digest('hex'));
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A client that also records the size of every `$batch` it sends. */
function recording(client: GraphClient): { client: GraphClient; batches: number[]; urls: string[] } {
  const batches: number[] = [];
  const urls: string[] = [];
  return {
    batches,
    urls,
    client: {
      ...client,
      request: (method, url, body, headers) => {
        urls.push(`${method} ${url}`);
        if (url === '/$batch') batches.push(((body as { requests: unknown[] }).requests ?? []).length);
        return client.request(method, url, body, headers);
      },
    },
  };
}

async function openCycleWith(app: SharePointRuntime, submissions: number, from = 0): Promise<void> {
  if (!(await app.stores.cycles.get(cycleId))) {
    await app.stores.cycles.create(draftCycle2025, Buffer.alloc(32, 7));
    await app.stores.cycles.setStatus(cycleId, 'open');
  }
  for (let i = from; i < from + submissions; i++) {
    await app.stores.participation.submit(cycleId, key(i), { surveyVersion: 1, submittedOn: asIsoDate('2025-02-14'), answers: { seq: i } });
  }
}

describe('SharePoint writer against the stand-in', () => {
  let sp: SharePointStandIn;
  let app: SharePointRuntime | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await sp.close();
  });

  it('sends at most 20 requests a batch and writes every record exactly once', async () => {
    const world = await provisionedStandIn();
    sp = world.sp;
    const rec = recording(world.client);
    app = await openOn(sp, rec.client);
    await openCycleWith(app, 45);
    const { report, pending } = await app.writer.drain();
    expect(pending.waiting).toBe(0);
    expect(report.written).toBe(1 + 45 + 45);
    expect(Math.max(...rec.batches)).toBeLessThanOrEqual(20);
    expect(rec.batches.reduce((a, b) => a + b, 0)).toBe(91);
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Cycles': 1, 'PHC Survey Responses': 45, 'PHC Participation': 45 });
  });

  it('puts back only the requests SharePoint throttled inside a batch, and retries them after Retry-After', async () => {
    // 30 RU a minute: a batch of 20 creates (40 RU) has a quarter refused. The stand-in's clock
    // moves only when the writer sleeps, so its minutes turn where the test says, however busy the machine.
    const clock = manualStandInClock(Date.parse('2025-02-14T09:00:00Z'));
    const world = await provisionedStandIn({ ruPerMinute: 30, clock, retryAfterIn: 'standIn' });
    sp = world.sp;
    const rec = recording(standInClient(sp, { maxAttempts: 1 }));
    // Provisioning the lists used up the minutes it ran in (waiting as the stand-in asked): the app opens in the next one.
    clock.advance(60_000 - ((clock.nowMs() - clock.startAt) % 60_000) + 200);
    // The writer is told the budget is far larger, to provoke throttling on purpose.
    app = await openOn(sp, rec.client, { budget: { perMinute: 1_000_000 }, now: () => clock.nowMs(), sleep: async (ms) => clock.advance(ms), minGroup: 1 });
    await openCycleWith(app, 0);
    await app.writer.drain(); // the cycle, alone
    await openCycleWith(app, 10);
    // The start of a fresh minute of the stand-in's budget (its minutes count from its start).
    clock.advance(60_000 - ((clock.nowMs() - clock.startAt) % 60_000) + 500);
    rec.batches.length = 0;
    const first = await app.writer.flush({ force: true });
    expect(first.requests).toBe(20);
    expect(first.written).toBe(15);
    expect(first.throttled).toBe(5);
    const { pending } = await app.writer.drain();
    expect(pending.waiting).toBe(0);
    // The 5 refused requests went again in the next batch, after Retry-After, and nothing else.
    expect(rec.batches).toEqual([20, 5]);
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Survey Responses': 10, 'PHC Participation': 10 });
  });

  it('keeps within the 24-hour budget too, counting every request it sends, so SharePoint never has to refuse one for the day', async () => {
    // A stand-in day passes in 3 s (the clock runs 28,800 times fast); the app may use 400 RU
    // a day (SharePoint's own limit here is 440, leaving room for provisioning's requests).
    const world = await provisionedStandIn({ ruPerDay: 440, speed: 28_800, retryAfterIn: 'standIn' });
    sp = world.sp;
    app = await openOn(sp, standInClient(sp, { maxAttempts: 1 }), {
      budget: { perMinute: 1_000_000, perDay: 400, minuteMs: 60_000, dayMs: 86_400_000 },
      now: () => sp.clock.nowMs(),
      sleep: (ms) => realSleep(sp.clock.toRealMs(ms)),
      minGroup: 1,
    });
    await openCycleWith(app, 150); // 301 writes: 602 RU, more than a day's
    const { pending } = await app.writer.drain();
    expect(pending.waiting).toBe(0);
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Cycles': 1, 'PHC Survey Responses': 150, 'PHC Participation': 150 });
    expect(sp.stats.throttled).toEqual([]);
    expect(sp.budget.dayUsage().length).toBeGreaterThanOrEqual(2);
  });

  it('decorates every request with the User-Agent SharePoint asks for (NONISV|council|app/version)', async () => {
    const world = await provisionedStandIn();
    sp = world.sp;
    app = await openOn(sp, world.client);
    await openCycleWith(app, 3);
    await app.writer.drain();
    await app.sync.sync();
    expect(sp.stats.requests).toBeGreaterThan(5);
    expect(sp.stats.undecorated).toBe(0);
    expect(Object.keys(sp.stats.userAgents)).toEqual([expect.stringMatching(/^NONISV\|[A-Za-z0-9-]+\|PracticeHealthCheck\/\d+\.\d+\.\d+$/)]);
  });

  it('takes a duplicate answered 400 (not 409) as "already there": looks it up and updates it, rather than refusing the record', async () => {
    const world = await provisionedStandIn({ duplicateStatus: 400 });
    sp = world.sp;
    app = await openOn(sp, world.client);
    await openCycleWith(app, 0);
    // The cycle's item is already in SharePoint (made by an earlier copy whose bookkeeping was lost).
    const list = sp.findList('PHC Cycles');
    const made = await world.client.request('POST', `/sites/${sp.site.id}/lists/${list?.id}/items`, { fields: { Title: 'Old title', PhcId: cycleId, Status: 'draft' } });
    expect(made.status).toBe(201);
    const { pending } = await app.writer.drain();
    expect(pending).toMatchObject({ waiting: 0, failed: 0 });
    expect([...(list?.items.values() ?? [])].map((i) => i.fields)).toEqual([expect.objectContaining({ PhcId: cycleId, Title: 'Health Check 2025', Status: 'open' })]);
  });

  it('looks up a record whose answer was lost before writing it again, so no duplicate is made', async () => {
    const world = await provisionedStandIn();
    sp = world.sp;
    const rec = recording(standInClient(sp, { maxAttempts: 1 }));
    app = await openOn(sp, rec.client);
    await openCycleWith(app, 3);
    // The batch reaches SharePoint and is carried out, but the connection drops before the answer.
    sp.faults.inject({ kind: 'drop', after: true });
    const lost = await app.writer.flush({ force: true });
    expect(lost.written).toBe(0);
    expect(sp.itemsPerList()['PHC Survey Responses']).toBe(3);
    const { pending } = await app.writer.drain();
    expect(pending.waiting).toBe(0);
    expect(rec.urls.filter((u) => u === 'POST /$batch').length).toBeGreaterThanOrEqual(3); // lost, look-ups, updates
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Cycles': 1, 'PHC Survey Responses': 3, 'PHC Participation': 3 });
  });

  it('holds responses until a group of them can leave together, in an order unrelated to arrival', async () => {
    let now = Date.parse('2025-02-14T09:00:00Z');
    const world = await provisionedStandIn();
    sp = world.sp;
    app = await openOn(sp, world.client, { now: () => now, minGroup: 5, maxHoldMs: 3_600_000 });
    await openCycleWith(app, 4);
    await app.writer.flush();
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Cycles': 1, 'PHC Survey Responses': 0, 'PHC Participation': 0 });
    await openCycleWith(app, 1, 4);
    await app.writer.drain({ deadline: now });
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Survey Responses': 5, 'PHC Participation': 5 });

    // A lone response leaves once its group has waited long enough.
    await openCycleWith(app, 1, 5);
    await app.writer.flush();
    expect(sp.itemsPerList()['PHC Survey Responses']).toBe(5);
    now += 3_600_000;
    await app.writer.flush();
    expect(sp.itemsPerList()['PHC Survey Responses']).toBe(6);

    // SharePoint's item ids follow the random response ids, not the order of arrival.
    const list = sp.findList('PHC Survey Responses');
    const bySharePointOrder = [...(list?.items.values() ?? [])]
      .sort((a, b) => Number(a.id) - Number(b.id))
      .slice(0, 5)
      .map((i) => i.fields.PhcId as string);
    expect(bySharePointOrder).toEqual([...bySharePointOrder].sort());
  });

  it('puts nothing in the outbox about a person who has only started', async () => {
    const world = await provisionedStandIn();
    sp = world.sp;
    app = await openOn(sp, world.client);
    await openCycleWith(app, 0);
    await app.stores.participation.saveDraft(cycleId, key(1), { answers: { role: 'sw' }, sectionIndex: 0, savedOn: asIsoDate('2025-02-13') });
    const rows = app.operational.db.prepare("SELECT list FROM sharepoint_pending WHERE list <> 'cycles'").all();
    expect(rows).toEqual([]);
  });

  it('writes in the background until stopped, and stops at once', async () => {
    const world = await provisionedStandIn();
    sp = world.sp;
    app = await openOn(sp, world.client, { minGroup: 1 });
    const errors: unknown[] = [];
    const loop = app.startBackground({ idleMs: 20, syncEveryMs: 60_000, onError: (e) => errors.push(e) });
    await openCycleWith(app, 3);
    for (let i = 0; i < 100 && (sp.itemsPerList()['PHC Survey Responses'] ?? 0) < 3; i++) await realSleep(20);
    const started = Date.now();
    await loop.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(errors).toEqual([]);
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Cycles': 1, 'PHC Survey Responses': 3, 'PHC Participation': 3 });
  });
});
