import { createGraphClient } from '../../../src/adapters/graph/graphClient';
import { startSharePointStandIn, type SharePointStandIn } from '../../support/sharepointStandIn';
import { bareGraph, responsesListDefinition } from '../../support/sharepointStandIn/testClient';

type BatchAnswer = { id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> };

const createRequests = (n: number, list: string, from = 0) => ({
  requests: Array.from({ length: n }, (_, i) => ({
    id: String(i + 1),
    method: 'POST',
    url: `${list}/items`,
    headers: { 'Content-Type': 'application/json' },
    body: { fields: { ResponseKey: `k-${from + i}`, CycleId: '2026-27', Q1: i % 5 } },
  })),
});

describe('the SharePoint stand-in: $batch', () => {
  let standIn: SharePointStandIn;
  let graph: ReturnType<typeof bareGraph>;
  let list: string;

  beforeEach(async () => {
    // 10 RU a minute: five creates, then throttling for the rest of the minute.
    standIn = await startSharePointStandIn({ ruPerMinute: 10 });
    graph = bareGraph(standIn.baseUrl);
    list = `/sites/${standIn.site.id}/lists/${standIn.model.createList(standIn.model.site(standIn.site.id), responsesListDefinition()).id}`;
  });
  afterEach(() => standIn.close());

  it('refuses a batch of 21 requests with 400 and carries none of them out', async () => {
    const reply = await graph.post('/$batch', createRequests(21, list));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'BadRequest', message: expect.stringMatching(/20/) } });
    expect(standIn.itemsPerList()['Health Check responses']).toBe(0);
  });

  it('answers each request of a batch on its own: over the budget, only the excess gets 429 with Retry-After', async () => {
    const reply = await graph.post('/$batch', createRequests(8, list));
    expect(reply.status).toBe(200);
    const responses = reply.body.responses as BatchAnswer[];
    expect(responses.map((r) => r.id).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const created = responses.filter((r) => r.status === 201);
    const throttled = responses.filter((r) => r.status === 429);
    expect(created).toHaveLength(5);
    expect(throttled).toHaveLength(3);
    for (const r of throttled) {
      expect(Number(r.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
      expect(r.body).toMatchObject({ error: { code: 'activityLimitReached' } });
    }
    expect(standIn.itemsPerList()['Health Check responses']).toBe(5);
    expect(standIn.stats.throttled.filter((t) => t.inBatch)).toHaveLength(3);
    expect(standIn.ruUsage()).toEqual([{ minute: 0, used: 10, throttled: 3 }]);
  });

  it('runs dependsOn in order and fails the dependants of a failed request with 424', async () => {
    const reply = await graph.post('/$batch', {
      requests: [
        { id: 'b', dependsOn: ['a'], method: 'GET', url: `${list}/items/1` },
        { id: 'a', method: 'GET', url: `${list}/items/999` },
        { id: 'c', method: 'POST', url: `${list}/items`, headers: { 'Content-Type': 'application/json' }, body: { fields: { ResponseKey: 'x' } } },
        { id: 'd', dependsOn: ['c'], method: 'GET', url: `${list}/items/1` },
      ],
    });
    const byId = Object.fromEntries((reply.body.responses as BatchAnswer[]).map((r) => [r.id, r.status]));
    expect(byId).toEqual({ a: 404, b: 424, c: 201, d: 200 });
  });

  it('refuses a batch whose ids repeat, and a request with a body but no Content-Type', async () => {
    const twice = await graph.post('/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `${list}/items` },
        { id: '1', method: 'GET', url: `${list}/items` },
      ],
    });
    expect(twice.status).toBe(400);
    const noType = await graph.post('/$batch', { requests: [{ id: '1', method: 'POST', url: `${list}/items`, body: { fields: {} } }] });
    expect((noType.body.responses as BatchAnswer[])[0]?.status).toBe(400);
  });
});

describe('the SharePoint stand-in: delta', () => {
  let standIn: SharePointStandIn;
  let graph: ReturnType<typeof bareGraph>;
  let items: string;

  beforeAll(async () => {
    standIn = await startSharePointStandIn();
    graph = bareGraph(standIn.baseUrl);
    await graph.post(`/sites/${standIn.site.id}/lists`, responsesListDefinition());
    items = `/sites/${standIn.site.id}/lists/Health Check responses/items`;
    for (let n = 0; n < 250; n++) standIn.model.createItem(standIn.findList('Health Check responses')!, { ResponseKey: `k-${n}`, Q1: 1 });
  });
  afterAll(() => standIn.close());

  async function readAll(url: string): Promise<{ entries: Record<string, unknown>[]; deltaLink: string; pages: number }> {
    const entries: Record<string, unknown>[] = [];
    let next: string | undefined = url;
    let pages = 0;
    for (;;) {
      const page: Record<string, unknown> = (await graph.get(next)).body;
      pages++;
      entries.push(...(page.value as Record<string, unknown>[]));
      expect('@odata.nextLink' in page && '@odata.deltaLink' in page).toBe(false);
      next = page['@odata.nextLink'] as string | undefined;
      if (!next) return { entries, deltaLink: page['@odata.deltaLink'] as string, pages };
    }
  }

  it('enumerates the list in pages, ends with a deltaLink, then gives only what changed, deletions included', async () => {
    const cold = await readAll(`${items}/delta?$expand=fields&$top=100`);
    expect(cold.pages).toBe(3);
    expect(cold.entries).toHaveLength(250);
    expect(cold.deltaLink).toMatch(/\/items\/delta\?.*token=/);

    const list = standIn.findList('Health Check responses')!;
    standIn.model.updateItem(list, standIn.model.item(list, '3'), { Q1: 5 });
    standIn.model.updateItem(list, standIn.model.item(list, '3'), { Q1: 4 });
    standIn.model.deleteItem(list, standIn.model.item(list, '7'));
    standIn.model.createItem(list, { ResponseKey: 'new' });

    const warm = await readAll(cold.deltaLink);
    expect(warm.entries.map((e) => e.id)).toEqual(['3', '7', '251']);
    expect(warm.entries[0]).toMatchObject({ fields: { Q1: 4 } });
    expect(warm.entries[1]).toMatchObject({ deleted: { state: 'deleted' } });

    const quiet = await readAll(warm.deltaLink);
    expect(quiet.entries).toEqual([]);
  });

  it('pages a long run of changes too, without losing one made while paging', async () => {
    const start = await graph.get(`${items}/delta?token=latest`);
    expect(start.body.value).toEqual([]);
    const list = standIn.findList('Health Check responses')!;
    for (let id = 10; id < 60; id++) standIn.model.updateItem(list, standIn.model.item(list, String(id)), { Q1: 2 });
    const first: Record<string, unknown> = (await graph.get(`${start.body['@odata.deltaLink'] as string}&$top=20`)).body;
    standIn.model.updateItem(list, standIn.model.item(list, '100'), { Q1: 3 }); // while paging
    const rest = await readAll(first['@odata.nextLink'] as string);
    const ids = [...(first.value as { id: string }[]), ...(rest.entries as { id: string }[])].map((e) => e.id);
    expect(ids).toHaveLength(50);
    const after = await readAll(rest.deltaLink);
    expect(after.entries.map((e) => e.id)).toEqual(['100']);
  });

  it('answers 410 resyncRequired with a Location to start afresh once a token has expired', async () => {
    const link = (await graph.get(`${items}/delta?token=latest`)).body['@odata.deltaLink'] as string;
    standIn.expireDeltaTokens('Health Check responses');
    const gone = await graph.get(link);
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ error: { code: 'resyncRequired', innerError: { code: 'resyncChangesApplyDifferences' } } });
    const fresh = await readAll(gone.headers.get('location')!);
    expect(fresh.entries.length).toBe(standIn.itemsPerList()['Health Check responses']);
  });

  it('charges 2 RU for a delta without a token and 1 with one', async () => {
    const before = standIn.ruUsage().reduce((s, m) => s + m.used, 0);
    const link = (await graph.get(`${items}/delta?token=latest`)).body['@odata.deltaLink'] as string;
    await graph.get(link);
    await graph.get(`${items}/delta?$top=1`);
    expect(standIn.ruUsage().reduce((s, m) => s + m.used, 0) - before).toBe(1 + 1 + 2);
  });
});

describe('the SharePoint stand-in: the resource-unit budget on a fast clock', () => {
  it('takes 625 creates a minute at 2 RU each, throttles the 626th until the minute is over, then takes more', async () => {
    // 20× real time: a stand-in minute is three real seconds (room for 32 batches on a busy machine).
    const standIn = await startSharePointStandIn({ speed: 20 });
    try {
      const graph = bareGraph(standIn.baseUrl);
      const list = `/sites/${standIn.site.id}/lists/${standIn.model.createList(standIn.model.site(standIn.site.id), responsesListDefinition()).id}`;
      const minuteNow = () => Math.floor((standIn.clock.nowMs() - standIn.clock.startAt) / 60_000);
      // Start at the beginning of a fresh stand-in minute, so 32 batches fit inside it.
      const m0 = minuteNow();
      while (minuteNow() === m0) await new Promise((r) => setTimeout(r, 5));
      const minute = minuteNow();
      const statuses: number[] = [];
      for (let b = 0; b < 32; b++) {
        const reply = await graph.post('/$batch', createRequests(20, list, b * 20));
        statuses.push(...(reply.body.responses as BatchAnswer[]).map((r) => r.status));
      }
      expect(minuteNow()).toBe(minute); // all in one stand-in minute
      expect(statuses.filter((s) => s === 201)).toHaveLength(625);
      expect(statuses.filter((s) => s === 429)).toHaveLength(640 - 625);
      expect(standIn.ruUsage().find((u) => u.minute === minute)).toEqual({ minute, used: 1_250, throttled: 15 });
      const throttle = standIn.stats.throttled[0]!;
      // The rest of the stand-in minute, in real seconds, rounded up.
      expect(throttle.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(throttle.retryAfterSeconds).toBeLessThanOrEqual(3);

      const last = await graph.post(`${list}/items`, { fields: { ResponseKey: 'late' } });
      expect(last.status).toBe(429);
      await new Promise((r) => setTimeout(r, throttle.retryAfterSeconds * 1000));
      const later = await graph.post(`${list}/items`, { fields: { ResponseKey: 'later' } });
      expect(later.status).toBe(201);
    } finally {
      await standIn.close();
    }
  });

  it('says RateLimit-Remaining once 80% of the minute is used', async () => {
    const standIn = await startSharePointStandIn({ ruPerMinute: 10 });
    try {
      const graph = bareGraph(standIn.baseUrl);
      const list = `/sites/${standIn.site.id}/lists/${standIn.model.createList(standIn.model.site(standIn.site.id), responsesListDefinition()).id}`;
      const first = await graph.get(`${list}/items`);
      expect(first.headers.get('ratelimit-remaining')).toBeNull();
      await graph.get(`${list}/items`);
      await graph.get(`${list}/items`);
      const fourth = await graph.get(`${list}/items`);
      expect(fourth.headers.get('ratelimit-remaining')).toBe('2');
      expect(fourth.headers.get('ratelimit-limit')).toBe('10');
    } finally {
      await standIn.close();
    }
  });
});

describe('the SharePoint stand-in: injected faults', () => {
  it('fails the same requests with 503 for the same seed, near the share asked for', async () => {
    const runs: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const standIn = await startSharePointStandIn({ faults: { seed: 42, failShare: 0.2 } });
      const graph = bareGraph(standIn.baseUrl);
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await graph.get(`/sites/${standIn.site.id}`)).status);
      runs.push(statuses);
      await standIn.close();
    }
    expect(runs[0]).toEqual(runs[1]);
    const failed = runs[0]!.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(60);
  });

  it('drops the connection after the write took effect, and hangs without answering', async () => {
    const standIn = await startSharePointStandIn();
    try {
      const graph = bareGraph(standIn.baseUrl);
      const list = `/sites/${standIn.site.id}/lists/${standIn.model.createList(standIn.model.site(standIn.site.id), responsesListDefinition()).id}`;
      standIn.faults.inject({ kind: 'drop', after: true });
      await expect(graph.post(`${list}/items`, { fields: { ResponseKey: 'k' } })).rejects.toThrow();
      expect(standIn.itemsPerList()['Health Check responses']).toBe(1); // it landed all the same
      standIn.faults.inject({ kind: 'hang', after: false });
      const hung = fetch(`${standIn.baseUrl}/sites/${standIn.site.id}`, { headers: { authorization: 'Bearer t' }, signal: AbortSignal.timeout(300) });
      await expect(hung).rejects.toThrow();
      expect(standIn.faults.counts).toMatchObject({ dropped: 1, hung: 1 });
    } finally {
      await standIn.close();
    }
  });

  it('waits the latency asked for, in stand-in time', async () => {
    const standIn = await startSharePointStandIn({ speed: 2, faults: { latencyMs: 200 } });
    try {
      const started = performance.now();
      await bareGraph(standIn.baseUrl).get(`/sites/${standIn.site.id}`);
      expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    } finally {
      await standIn.close();
    }
  });
});

describe('the SharePoint stand-in and the real Graph SDK client', () => {
  it("serves the app's own Graph client (middleware chain, $batch body, nextLink paging)", async () => {
    const standIn = await startSharePointStandIn();
    try {
      const { sdk } = createGraphClient({ baseUrl: standIn.baseUrl, tokenProvider: { getAccessToken: async () => 'token' } });
      const site = (await sdk.api(`/sites/${standIn.site.hostname}:${standIn.site.path}`).get()) as { id: string };
      const list = (await sdk.api(`/sites/${site.id}/lists`).post(responsesListDefinition())) as { id: string };
      const batch = (await sdk.api('/$batch').post(createRequests(20, `/sites/${site.id}/lists/${list.id}`))) as { responses: BatchAnswer[] };
      expect(batch.responses.every((r) => r.status === 201)).toBe(true);
      const first = (await sdk.api(`/sites/${site.id}/lists/${list.id}/items`).query({ $top: '15' }).expand('fields').get()) as Record<string, unknown>;
      // The SDK rewrites absolute URLs it does not take for Graph's own, so the link is given as a path.
      const next = (first['@odata.nextLink'] as string).slice(standIn.baseUrl.length);
      const second = (await sdk.api(next).get()) as { value: unknown[] };
      expect(second.value).toHaveLength(5);
    } finally {
      await standIn.close();
    }
  });
});

describe('the SharePoint stand-in in its own process', () => {
  it('keeps the same clock as the process that started it and reports what it holds', async () => {
    const { startSharePointStandInProcess } = await import('../../support/sharepointStandIn/process');
    const remote = await startSharePointStandInProcess({ speed: 10, startAt: Date.parse('2027-01-12T09:00:00Z') });
    try {
      const graph = bareGraph(remote.baseUrl);
      const created = await graph.post(`/sites/${remote.site.id}/lists`, responsesListDefinition());
      await graph.post(`/sites/${remote.site.id}/lists/${created.body.id as string}/items`, { fields: { ResponseKey: 'k' } });
      const report = await remote.report();
      expect(report.lists['Health Check responses']).toMatchObject({ id: created.body.id, items: 1 });
      expect(report.ruUsage.reduce((s, m) => s + m.used, 0)).toBe(4);
      const item = (await graph.get(`/sites/${remote.site.id}/lists/${created.body.id as string}/items/1`)).body;
      expect(Math.abs(Date.parse(item.createdDateTime as string) - remote.clock.nowMs())).toBeLessThan(20_000);
    } finally {
      await remote.close();
    }
  });
});
