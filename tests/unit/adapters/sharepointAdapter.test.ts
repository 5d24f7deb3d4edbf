import { fromSharePointDate, toSharePointDate } from '../../../src/adapters/sharepoint/lists';
import { parseResponse } from '../../../src/adapters/sharepoint/lists/responses';
import { columnDefinition, planProvisioning } from '../../../src/adapters/sharepoint/provision';
import { RuPacer } from '../../../src/adapters/sharepoint/ruPacer';
import { LISTS, listSpec, schemaVersionOf, describeList, SCHEMA_VERSION } from '../../../src/adapters/sharepoint/schema';
import { sitePath } from '../../../src/adapters/sharepoint/site';
import { readConfig, sharepointConfig } from '../../../src/config';
import { createGraphClient } from '../../../src/adapters/graph/graphClient';
import { startSharePointStandIn } from '../../support/sharepointStandIn';

describe('resource-unit pacing', () => {
  /** Whether any window of a minute (closed at both ends, so however SharePoint aligns and counts it) holds more than `limit` RU. */
  const overAnyMinute = (reservations: readonly { at: number; cost: number }[], limit: number): boolean =>
    reservations.some(({ at: start }) => reservations.filter((r) => r.at >= start && r.at <= start + 60_000).reduce((sum, r) => sum + r.cost, 0) > limit);

  it('keeps every minute, however aligned, within the budget, and uses nearly all of it', () => {
    const pacer = new RuPacer({ perMinute: 1_250, share: 0.95, minuteMs: 60_000 });
    const reservations: { at: number; cost: number }[] = [];
    for (let i = 0; i < 400; i++) reservations.push({ at: pacer.reserve(40, 0), cost: 40 }); // batches of 20 creates
    expect(overAnyMinute(reservations, 1_250)).toBe(false);
    // …and close to it: over ten minutes, at least 90% of the budget.
    const tenMinutes = reservations.filter((r) => r.at < 600_000).length * 40;
    expect(tenMinutes / 12_500).toBeGreaterThanOrEqual(0.9);
  });

  it('catches up after a stall: what the last minute left unspent goes at once, still within the budget', () => {
    const pacer = new RuPacer({ perMinute: 1_250, share: 0.95, minuteMs: 60_000 });
    const reservations: { at: number; cost: number }[] = [];
    const reserve = (now: number) => {
      const at = pacer.reserve(40, now);
      reservations.push({ at, cost: 40 });
      return at;
    };
    // Ten batches, then the writer stalls for half a minute (a busy machine, a slow answer).
    for (let i = 0; i < 10; i++) reserve(0);
    // 400 RU were used in the last minute: the next 19 batches (760 RU) fit in what is left.
    const after = Array.from({ length: 19 }, () => reserve(30_000));
    expect(after.every((at) => at === 30_000)).toBe(true);
    // The 20th would take the minute past 95%: it waits for the first ten to leave it.
    expect(reserve(30_000)).toBeGreaterThan(60_000);
    expect(overAnyMinute(reservations, 1_250 * 0.95)).toBe(false);
  });

  it('waits for a Retry-After before anything else leaves', () => {
    const pacer = new RuPacer({ perMinute: 1_250, share: 0.95, minuteMs: 60_000 });
    pacer.pause(5_000);
    expect(pacer.reserve(2, 100)).toBe(5_000);
    expect(pacer.nextSlot(100)).toBeGreaterThanOrEqual(5_000);
  });

  it("keeps any 24 hours within the day's budget, waiting for the oldest use to leave the window", () => {
    const pacer = new RuPacer({ perMinute: 1_250, share: 1, minuteMs: 60_000, perDay: 100, dayMs: 86_400_000 });
    const times: number[] = [];
    for (let i = 0; i < 150; i++) times.push(pacer.reserve(2, 0));
    // 50 requests of 2 RU fill the day; the 51st waits until the first has been a day old.
    expect(times[49]).toBeLessThan(60_000);
    expect(times[50]).toBeGreaterThanOrEqual(86_400_000);
    for (let start = 0; start < (times[times.length - 1] ?? 0); start += 3_600_000) {
      expect(times.filter((t) => t >= start && t < start + 86_400_000).length * 2).toBeLessThanOrEqual(100);
    }
    expect(pacer.usedInDay(times[149] ?? 0)).toBeLessThanOrEqual(100);
  });

  it('refuses a budget that makes no sense', () => {
    expect(() => new RuPacer({ perMinute: 0, share: 0.95, minuteMs: 60_000 })).toThrow(/positive rate/);
  });
});

describe('site addresses', () => {
  it.each([
    ['https://contoso.sharepoint.com/sites/phc', '/sites/contoso.sharepoint.com:/sites/phc'],
    ['https://contoso.sharepoint.com/sites/phc/', '/sites/contoso.sharepoint.com:/sites/phc'],
    ['https://contoso.sharepoint.com', '/sites/contoso.sharepoint.com'],
    ['contoso.sharepoint.com,1111,2222', '/sites/contoso.sharepoint.com,1111,2222'],
  ])('%s → %s', (input, path) => {
    expect(sitePath(input)).toBe(path);
  });

  it('asks for a site when given none', () => {
    expect(() => sitePath('  ')).toThrow(/Say which SharePoint site/);
  });
});

describe('dates in SharePoint', () => {
  it('writes a day as noon UTC and reads it back as the same day, whatever the site shows', () => {
    expect(toSharePointDate('2025-02-14')).toBe('2025-02-14T12:00:00Z');
    expect(fromSharePointDate('2025-02-14T12:00:00Z')).toBe('2025-02-14');
    // Midnight in London in summer (British Summer Time), as SharePoint's own form stores a date-only value.
    expect(fromSharePointDate('2025-06-13T23:00:00Z')).toBe('2025-06-14');
    expect(fromSharePointDate('2025-06-14')).toBe('2025-06-14');
    expect(fromSharePointDate('next Tuesday')).toBeUndefined();
    expect(fromSharePointDate(45_000)).toBeUndefined();
  });

  it('refuses a response item whose answers are not a JSON object', () => {
    const fields = { PhcId: 'a'.repeat(32), CycleId: 'c', SurveyVersion: 1, SubmittedOn: '2025-02-14T12:00:00Z' };
    expect(parseResponse({ ...fields, Answers: '{"role":"sw"}' })).toMatchObject({ ok: true });
    expect(parseResponse({ ...fields, Answers: '[1,2]' })).toMatchObject({ ok: false });
    expect(parseResponse({ ...fields, SurveyVersion: 1.5, Answers: '{}' })).toMatchObject({ ok: false });
  });
});

describe('list schema and provisioning plan', () => {
  it('indexes every column the app filters on, and gives every list its own unique PHC id', () => {
    for (const list of LISTS) {
      const phcId = list.columns.find((c) => c.name === 'PhcId');
      expect(phcId).toMatchObject({ indexed: true, unique: true });
    }
    expect(listSpec('responses').columns.find((c) => c.name === 'CycleId')?.indexed).toBe(true);
    expect(listSpec('participation').columns.find((c) => c.name === 'CycleId')?.indexed).toBe(true);
  });

  it('keeps anything that could identify a person out of the responses list', () => {
    const names = listSpec('responses').columns.map((c) => c.name);
    expect(names).toEqual(['PhcId', 'CycleId', 'SurveyVersion', 'SubmittedOn', 'Answers']);
    expect(listSpec('responses').columns.some((c) => c.type.kind === 'date' && c.name !== 'SubmittedOn')).toBe(false);
  });

  it('plans every list on an empty site, and nothing once they are there', () => {
    const plan = planProvisioning([]);
    expect(plan.steps.map((s) => s.kind)).toEqual(LISTS.map(() => 'create-list'));
    const provisioned = LISTS.map((l, i) => ({
      id: `list-${i}`,
      displayName: l.displayName,
      description: describeList(l),
      columns: l.columns.map((c, j) => ({ id: `c-${j}`, ...columnDefinition(c) }) as never),
    }));
    expect(planProvisioning(provisioned)).toEqual({ steps: [], conflicts: [] });
  });

  it('refuses to downgrade a list a newer version of the app has provisioned', () => {
    const l = listSpec('cycles');
    const newer = [{ id: 'x', displayName: l.displayName, description: describeList(l, SCHEMA_VERSION + 1), columns: l.columns.map((c, j) => ({ id: `c-${j}`, ...columnDefinition(c) }) as never) }];
    const plan = planProvisioning(newer, [l]);
    expect(plan.steps).toEqual([]);
    expect(plan.conflicts[0]).toMatch(/newer than this version of the app/);
    expect(schemaVersionOf('no marker')).toBeUndefined();
  });
});

describe('SharePoint configuration', () => {
  const base = { PHC_SHAREPOINT_SITE: 'https://contoso.sharepoint.com/sites/phc', MicrosoftAppTenantId: 't', MicrosoftAppId: 'a' };

  it('is off without a site, on with one', () => {
    expect(readConfig({}).sharepoint).toBeUndefined();
    expect(readConfig({ ...base, MicrosoftAppPassword: 's' }).sharepoint).toMatchObject({
      site: base.PHC_SHAREPOINT_SITE,
      ruPerMinute: 1_250,
      credential: { kind: 'secret', tenantId: 't', clientId: 'a' },
    });
  });

  it('says what is missing', () => {
    expect(() => sharepointConfig({ PHC_SHAREPOINT_SITE: 'x' })).toThrow(/PHC_GRAPH_TENANT_ID and PHC_GRAPH_CLIENT_ID/);
    expect(() => sharepointConfig(base)).toThrow(/a certificate .* or PHC_GRAPH_CLIENT_SECRET/);
    expect(() => sharepointConfig({ ...base, PHC_GRAPH_CERTIFICATE_THUMBPRINT: 'ab' })).toThrow(/needs both/);
    expect(() => sharepointConfig({ ...base, PHC_GRAPH_CERTIFICATE_THUMBPRINT: 'ab', PHC_GRAPH_CERTIFICATE_KEY_FILE: '/no/such/key.pem' })).toThrow(/Cannot read the certificate/);
    expect(() => sharepointConfig({ ...base, MicrosoftAppPassword: 's', PHC_SHAREPOINT_RU_PER_MINUTE: 'lots' })).toThrow(/whole number/);
  });

  it("uses the Azure host's managed identity when asked, system-assigned or user-assigned", () => {
    expect(sharepointConfig({ PHC_SHAREPOINT_SITE: 'x', PHC_GRAPH_MANAGED_IDENTITY: 'system' }).credential).toEqual({ kind: 'managed-identity', clientId: undefined });
    expect(sharepointConfig({ PHC_SHAREPOINT_SITE: 'x', PHC_GRAPH_MANAGED_IDENTITY: '0000-id' }).credential).toEqual({ kind: 'managed-identity', clientId: '0000-id' });
  });

  it('accepts a fixed token only for a Graph on this machine', () => {
    expect(sharepointConfig({ PHC_SHAREPOINT_SITE: 'x', PHC_GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0', PHC_GRAPH_STATIC_TOKEN: 'tok' }).credential).toEqual({ kind: 'static-token', token: 'tok' });
    expect(() => sharepointConfig({ PHC_SHAREPOINT_SITE: 'x', PHC_GRAPH_STATIC_TOKEN: 'tok' })).toThrow(/local Graph stand-in only/);
  });
});

describe('Graph request log', () => {
  it('says one line per attempt, with the status and Retry-After, and never the query string', async () => {
    const sp = await startSharePointStandIn();
    try {
      const lines: string[] = [];
      const client = createGraphClient({ baseUrl: sp.baseUrl, tokenProvider: { getAccessToken: async () => 't' }, log: (l) => lines.push(l), baseDelayMs: 1, sleep: async () => undefined });
      sp.faults.inject({ kind: 'status', status: 503, retryAfter: '0' });
      const answer = await client.request('GET', `/sites/${sp.site.id}/lists?$filter=displayName eq 'secret'`);
      expect(answer.status).toBe(200);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^Graph GET /v1.0/sites/.+/lists → 503 in \\d+ ms \\(Retry-After 0\\)$`));
      expect(lines[1]).toMatch(/→ 200 in \d+ ms$/);
      expect(lines.join('\n')).not.toContain('secret');
    } finally {
      await sp.close();
    }
  });
});
