import { startSharePointStandIn, type SharePointStandIn } from '../../support/sharepointStandIn';
import { bareGraph, responsesListDefinition } from '../../support/sharepointStandIn/testClient';

/**
 * The SharePoint stand-in behaves like Graph where the adapter depends on it: list and
 * item shapes, typed columns, paging, the index rules on $filter, $batch (20 at most, each
 * request on its own), delta with deleted items and 410, and Graph's error shape.
 */
describe('the SharePoint stand-in: lists and items', () => {
  let standIn: SharePointStandIn;
  let graph: ReturnType<typeof bareGraph>;
  let lists: string;

  beforeAll(async () => {
    standIn = await startSharePointStandIn({ shuffleBatch: false });
    graph = bareGraph(standIn.baseUrl);
    lists = `/sites/${standIn.site.id}/lists`;
  });
  afterAll(() => standIn.close());

  it('finds the site by host and path, as provisioning does from a site URL', async () => {
    const reply = await graph.get(`/sites/${standIn.site.hostname}:${standIn.site.path}`);
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(standIn.site.id);
    expect((await graph.get('/sites/contoso.sharepoint.com:/sites/nowhere')).status).toBe(404);
  });

  it('creates a list with typed, indexed columns and refuses a second list of the same name', async () => {
    const created = await graph.post(lists, responsesListDefinition());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ displayName: 'Health Check responses', list: { template: 'genericList' } });
    const again = await graph.post(lists, responsesListDefinition());
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'nameAlreadyExists' } });

    const columns = (await graph.get(`${lists}/${created.body.id as string}/columns`)).body.value as Record<string, unknown>[];
    const byName = Object.fromEntries(columns.map((c) => [c.name, c]));
    expect(byName.ResponseKey).toMatchObject({ indexed: true, text: {} });
    expect(byName.Team).toMatchObject({ indexed: false });
    expect(byName.Q2).toMatchObject({ choice: { choices: ['Agree', 'Neutral', 'Disagree'] } });
    expect(byName.ID).toMatchObject({ indexed: true, readOnly: true });

    const indexed = await graph.patch(`${lists}/${created.body.id as string}/columns/${(byName.Team as { id: string }).id}`, { indexed: true });
    expect(indexed.body).toMatchObject({ name: 'Team', indexed: true });
    await graph.patch(`${lists}/${created.body.id as string}/columns/Team`, { indexed: false });
  });

  it('keeps a column description (where provisioning records its schema version), widens a choice column, and refuses to update a list', async () => {
    // Graph v1.0 documents columnDefinition update but no update of a list.
    expect((await graph.patch(`${lists}/Health Check responses`, { description: 'schema 1' })).status).toBe(400);
    const described = await graph.patch(`${lists}/Health Check responses/columns/ResponseKey`, { description: 'schema 1' });
    expect(described.body).toMatchObject({ name: 'ResponseKey', description: 'schema 1' });
    const all = (await graph.get(`${lists}?$expand=columns`)).body.value as { displayName: string; columns: { name: string; description: string }[] }[];
    expect(all.map((l) => l.displayName)).toEqual(['Documents', 'Health Check responses']);
    expect(all[1]?.columns.find((c) => c.name === 'ResponseKey')?.description).toBe('schema 1');
    const q2 = await graph.patch(`${lists}/Health Check responses/columns/Q2`, { choice: { choices: ['Agree', 'Neutral', 'Disagree', 'Not sure'] } });
    expect(q2.body).toMatchObject({ choice: { choices: ['Agree', 'Neutral', 'Disagree', 'Not sure'] } });
    expect((await graph.patch(`${lists}/Health Check responses/columns/Q2`, { number: {} })).status).toBe(400);
  });

  it('creates, reads, updates and deletes an item; ids increase; eTag and version move on each update', async () => {
    const items = `${lists}/Health Check responses/items`;
    const a = await graph.post(items, { fields: { ResponseKey: 'k-1', CycleId: '2026-27', Team: 'East', Q1: 4, Q2: 'Agree', Submitted: '2027-01-12T09:30:15.123Z', Complete: true } });
    const b = await graph.post(items, { fields: { ResponseKey: 'k-2', CycleId: '2026-27', Team: 'West', Q1: 2 } });
    expect(a.status).toBe(201);
    expect(Number(b.body.id)).toBeGreaterThan(Number(a.body.id));
    expect(a.body.fields).toMatchObject({ ResponseKey: 'k-1', Q1: 4, Submitted: '2027-01-12T09:30:15Z', _UIVersionString: '1.0', AuthorLookupId: '1073741822' });
    expect(a.body.createdBy).toEqual({ user: { displayName: 'SharePoint App' } });

    const updated = await graph.patch(`${items}/${a.body.id as string}/fields`, { Q1: 5 }, { 'if-match': a.body.eTag as string });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ Q1: 5, _UIVersionString: '2.0', ResponseKey: 'k-1' });
    const stale = await graph.patch(`${items}/${a.body.id as string}/fields`, { Q1: 1 }, { 'if-match': a.body.eTag as string });
    expect(stale.status).toBe(412);

    const got = await graph.get(`${items}/${a.body.id as string}`);
    expect(got.body.fields).toMatchObject({ Q1: 5 });
    expect(got.body.eTag).not.toBe(a.body.eTag);

    expect((await graph.del(`${items}/${b.body.id as string}`)).status).toBe(204);
    const gone = await graph.get(`${items}/${b.body.id as string}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: { code: 'itemNotFound', message: expect.any(String) } });
  });

  it('refuses values that do not fit the columns, in Graph error shape', async () => {
    const items = `${lists}/Health Check responses/items`;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ Nope: 'x' }, /Field 'Nope' is not recognized/],
      [{ Q1: 'four' }, /Q1/],
      [{ Q2: 'Strongly agree' }, /not one of the choices/],
      [{ Submitted: 'next Tuesday' }, /Submitted/],
      [{ Created: '2027-01-01T00:00:00Z' }, /read-only/],
      [{ ResponseKey: 'k-1' }, /duplicate values/],
    ];
    for (const [fields, message] of cases) {
      const reply = await graph.post(items, { fields });
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect((reply.body.error as { message: string }).message).toMatch(message);
    }
  });

  it('pages with $top and an opaque @odata.nextLink, every item once', async () => {
    const list = (await graph.post(lists, { displayName: 'Paging', columns: [{ name: 'N', number: {} }] })).body;
    for (let n = 0; n < 450; n++) standIn.model.createItem(standIn.findList('Paging')!, { N: n });
    let url: string | undefined = `${lists}/${list.id as string}/items?$expand=fields&$top=200`;
    const seen: number[] = [];
    let pages = 0;
    while (url) {
      const page: Record<string, unknown> = (await graph.get(url)).body;
      pages++;
      for (const item of page.value as { fields: { N: number } }[]) seen.push(item.fields.N);
      url = page['@odata.nextLink'] as string | undefined;
      if (url) expect(url).toMatch(/\$skiptoken=/);
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...Array(450).keys()]);
    const plain = (await graph.get(`${lists}/${list.id as string}/items`)).body;
    expect((plain.value as unknown[]).length).toBe(200);
    expect((plain.value as Record<string, unknown>[])[0]?.fields).toBeUndefined();
  });
});

describe('the SharePoint stand-in: $filter and the list view threshold', () => {
  let standIn: SharePointStandIn;
  let graph: ReturnType<typeof bareGraph>;
  let items: string;

  beforeAll(async () => {
    standIn = await startSharePointStandIn();
    graph = bareGraph(standIn.baseUrl);
    await graph.post(`/sites/${standIn.site.id}/lists`, responsesListDefinition());
    items = `/sites/${standIn.site.id}/lists/Health Check responses/items`;
    const list = standIn.findList('Health Check responses')!;
    for (let n = 0; n < 5_001; n++) standIn.model.createItem(list, { ResponseKey: `k-${n}`, CycleId: n < 10 ? '2025-26' : '2026-27', Team: n % 2 ? 'East' : 'West', Q1: n % 5 });
  });
  afterAll(() => standIn.close());

  it('filters on an indexed column without any header, whatever the size of the list', async () => {
    const reply = await graph.get(`${items}?$expand=fields&$filter=fields/CycleId eq '2025-26'`);
    expect(reply.status).toBe(200);
    expect((reply.body.value as unknown[]).length).toBe(10);
  });

  it('refuses a non-indexed column without the Prefer header, naming the header', async () => {
    const reply = await graph.get(`${items}?$filter=fields/Team eq 'East'`);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'invalidRequest' } });
    expect((reply.body.error as { message: string }).message).toMatch(/HonorNonIndexedQueriesWarningMayFailRandomly/);
  });

  it('answers the threshold error for a non-indexed filter on a list over 5,000 items, even with the header', async () => {
    const reply = await graph.get(`${items}?$filter=fields/Team eq 'East'`, { prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' });
    expect(reply.status).toBe(429);
    expect(reply.body).toMatchObject({ error: { code: 'notSupported', innerError: { code: 'tooManyResources' } } });
    expect(reply.headers.get('retry-after')).toBeNull();
  });

  it('lets an indexed eq clause that narrows below the threshold carry a non-indexed one', async () => {
    const reply = await graph.get(`${items}?$expand=fields&$filter=fields/CycleId eq '2025-26' and fields/Q1 ge 3`, { prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' });
    expect(reply.status).toBe(200);
    expect((reply.body.value as { fields: { Q1: number } }[]).map((i) => i.fields.Q1).sort()).toEqual([3, 3, 4, 4]);
  });

  it('allows a non-indexed filter with the header once the list is at or under the threshold', async () => {
    standIn.model.deleteItem(standIn.findList('Health Check responses')!, standIn.model.item(standIn.findList('Health Check responses')!, '1'));
    const reply = await graph.get(`${items}?$top=5000&$filter=fields/Team eq 'East'`, { prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' });
    expect(reply.status).toBe(200);
    expect((reply.body.value as unknown[]).length).toBe(2_500);
  });
});

describe("the stand-in's resource-unit budget, by the clock", () => {
  it('charges within whole minutes from the start and says how long until the next one', async () => {
    const { ResourceBudget } = await import('../../support/sharepointStandIn/budget');
    const start = Date.parse('2027-01-12T09:00:00Z');
    const budget = new ResourceBudget(1_250, start);
    for (let i = 0; i < 625; i++) expect(budget.charge(2, start + 10_000 + i)).toMatchObject({ ok: true });
    expect(budget.charge(1, start + 59_000)).toEqual({ ok: false, retryAfterMs: 1_000, window: 'minute' });
    expect(budget.charge(2, start + 60_000)).toEqual({ ok: true, remaining: 1_248, resetMs: 60_000 });
    expect(budget.charge(1_249, start + 61_000)).toEqual({ ok: false, retryAfterMs: 59_000, window: 'minute' });
    expect(budget.usage()).toEqual([
      { minute: 0, used: 1_250, throttled: 1 },
      { minute: 1, used: 2, throttled: 1 },
    ]);
  });
});

describe("the stand-in's 24-hour budget", () => {
  it("refuses past the day's resource units until the day is over, and counts throttled requests against the day", async () => {
    const { DAY_MS, ResourceBudget } = await import('../../support/sharepointStandIn/budget');
    const start = Date.parse('2027-01-12T00:00:00Z');
    const budget = new ResourceBudget(100, start, 150);
    // Minute 0: 50 accepted writes… then 10 refused for the minute, which still count for the day.
    for (let i = 0; i < 50; i++) expect(budget.charge(2, start + i)).toMatchObject({ ok: true });
    for (let i = 0; i < 10; i++) expect(budget.charge(2, start + 100 + i)).toMatchObject({ ok: false, window: 'minute' });
    // Minute 1: 120 RU of the day are gone, so 15 writes fit and the 16th is refused for the day.
    for (let i = 0; i < 15; i++) expect(budget.charge(2, start + 60_000 + i)).toMatchObject({ ok: true });
    expect(budget.charge(2, start + 60_100)).toEqual({ ok: false, retryAfterMs: DAY_MS - 60_100, window: 'day' });
    expect(budget.dayUsage()).toEqual([{ day: 0, used: 152, throttled: 11 }]);
    // A new day starts afresh.
    expect(budget.charge(2, start + DAY_MS)).toMatchObject({ ok: true });
  });
});

describe('the stand-in: what Microsoft leaves open or asks of clients', () => {
  it('answers a duplicate in a unique column with 409 or 400, as configured', async () => {
    for (const duplicateStatus of [409, 400] as const) {
      const sp = await startSharePointStandIn({ duplicateStatus });
      try {
        const graph = bareGraph(sp.baseUrl);
        const items = `/sites/${sp.site.id}/lists/Health Check responses/items`;
        await graph.post(`/sites/${sp.site.id}/lists`, responsesListDefinition());
        expect((await graph.post(items, { fields: { ResponseKey: 'k-1' } })).status).toBe(201);
        const again = await graph.post(items, { fields: { ResponseKey: 'k-1' } });
        expect(again.status).toBe(duplicateStatus);
        expect((again.body.error as { message: string }).message).toMatch(/duplicate values/);
      } finally {
        await sp.close();
      }
    }
  });

  it('gives the resync code it was told on an expired delta token, with a Location that starts afresh', async () => {
    const sp = await startSharePointStandIn();
    try {
      const graph = bareGraph(sp.baseUrl);
      await graph.post(`/sites/${sp.site.id}/lists`, responsesListDefinition());
      const delta = `/sites/${sp.site.id}/lists/Health Check responses/items/delta`;
      const link = (await graph.get(delta)).body['@odata.deltaLink'] as string;
      sp.expireDeltaTokens('Health Check responses', 'resyncChangesUploadDifferences');
      const gone = await graph.get(link);
      expect(gone.status).toBe(410);
      expect(gone.body).toMatchObject({ error: { code: 'resyncRequired', innerError: { code: 'resyncChangesUploadDifferences' } } });
      expect((await graph.get(gone.headers.get('location') ?? '')).status).toBe(200);
    } finally {
      await sp.close();
    }
  });

  it('counts requests that do not carry the decorated User-Agent SharePoint asks for', async () => {
    const sp = await startSharePointStandIn();
    try {
      await bareGraph(sp.baseUrl).get(`/sites/${sp.site.id}`, { 'user-agent': 'node' });
      await bareGraph(sp.baseUrl).get(`/sites/${sp.site.id}`, { 'user-agent': 'NONISV|Kent County Council|PracticeHealthCheck/0.1.0' });
      await bareGraph(sp.baseUrl).get(`/sites/${sp.site.id}`, { 'user-agent': 'NONISV|KentCountyCouncil|PracticeHealthCheck/0.1.0' });
      expect(sp.stats.undecorated).toBe(2);
      expect(sp.stats.userAgents).toMatchObject({ node: 1, 'NONISV|KentCountyCouncil|PracticeHealthCheck/0.1.0': 1 });
    } finally {
      await sp.close();
    }
  });
});
