import { GraphDirectory, GraphDirectoryError } from '../../../src/adapters/graph/graphDirectory';
import { createGraphClient } from '../../../src/adapters/graph/graphClient';
import { COUNCIL_MAPPING as MAPPING, councilTenant as tenant, guid, startGraphStandIn, type GraphStandIn } from '../../support/graphStandIn';

// The real adapter, the real Graph SDK client and its middleware (retry, auth, timeout),
// against a local stand-in for Graph's users endpoints: only the network is fake.

const TOKEN = 'directory-token';
let graph: GraphStandIn;
let slept: number[];

beforeEach(async () => {
  graph = await startGraphStandIn({ token: TOKEN, teamsAppId: 'unused', users: [], directory: tenant(), expandPageCap: 100 });
  slept = [];
});
afterEach(() => graph.close());

function directory(options: { managers?: 'expand' | 'per-user'; pageSize?: number } = {}): GraphDirectory {
  const client = createGraphClient({
    baseUrl: graph.baseUrl,
    tokenProvider: { getAccessToken: () => Promise.resolve(TOKEN) },
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
  });
  return new GraphDirectory({ client, mapping: MAPPING, ...options });
}

test('reads every page of users with their managers, one request per 100 users, and maps roles and teams', async () => {
  const { organisation, report, requests } = await directory().read();
  // 248 users, at most 100 a page with $expand: three requests, following @odata.nextLink.
  expect(requests).toBe(3);
  expect(graph.requests.map((r) => r.url)).toEqual([
    '/v1.0/users?$select=id,displayName,jobTitle,department,officeLocation,accountEnabled,userType&$expand=manager($select=id)&$top=999',
    expect.stringContaining('$skiptoken=100'),
    expect.stringContaining('$skiptoken=200'),
  ]);
  expect(report).toMatchObject({ users: 248, people: 44, teams: 2, disabled: 1, guests: 1, outsideService: 201, managerOutside: 2, supervisionKept: 0, problems: [] });
  expect(report.unmapped).toEqual([{ id: guid(6), displayName: 'Bea Support', jobTitle: 'Business Support Officer', department: 'Adult Social Care' }]);
  expect(report.unmappedTitles).toEqual([{ title: 'Business Support Officer', people: 1 }]);

  const byId = new Map(organisation.people.map((p) => [p.id as string, p]));
  expect(byId.get(guid(2))).toMatchObject({ role: 'principal-social-worker', teamId: undefined, lineManagerId: undefined });
  expect(byId.get(guid(5))).toMatchObject({ role: 'team-manager', teamId: 'occupational-therapy', lineManagerId: guid(3), supervisorId: guid(3) });
  // Supervision is line management when the tenant knows nothing else.
  expect(byId.get(guid(100))).toMatchObject({ role: 'senior-practitioner', teamId: 'hospital', lineManagerId: guid(4), supervisorId: guid(4) });
  expect(byId.get(guid(126))).toMatchObject({ role: 'occupational-therapist', teamId: 'occupational-therapy' });
  expect(byId.get(guid(127))).toMatchObject({ role: 'ot-assistant' });
  expect(byId.has(guid(7))).toBe(false); // disabled account
  expect(byId.has(guid(8))).toBe(false); // a guest, though titled Social Worker
  expect(organisation.teams.map((t) => t.id)).toEqual(['hospital', 'occupational-therapy']);
});

test('waits as Graph asks when throttled (429 with Retry-After), then reads everything', async () => {
  graph.fault({ status: 429, retryAfter: '2' });
  const { report } = await directory().read();
  expect(slept).toEqual([2000]);
  expect(report.people).toBe(44);
  expect(graph.requests).toHaveLength(4);
});

test('gives up in plain words when throttling goes on', async () => {
  graph.fault({ status: 429, retryAfter: '1' }, 3);
  await expect(directory().read()).rejects.toThrow(/throttling the app \(429\)/);
});

test('falls back to one manager lookup per person when the tenant refuses $expand; 404 means no manager', async () => {
  graph.rejectExpand = true;
  const { organisation, report } = await directory({ pageSize: 999 }).read();
  const managerCalls = graph.requests.filter((r) => r.url.includes('/manager'));
  // Everyone with an enabled account is asked (not the disabled account, nor the guest).
  expect(managerCalls).toHaveLength(246);
  expect(report).toMatchObject({ people: 44, managerOutside: 2 });
  const byId = new Map(organisation.people.map((p) => [p.id as string, p]));
  expect(byId.get(guid(120))?.lineManagerId).toBe(guid(4));
  expect(byId.get(guid(2))?.lineManagerId).toBeUndefined();
});

test('asks one by one when configured to, and a person without a manager (404) simply has none', async () => {
  const { organisation } = await directory({ managers: 'per-user' }).read();
  expect(graph.requests[0]?.url).not.toContain('$expand');
  expect(graph.requests.some((r) => r.url === `/v1.0/users/${guid(1)}/manager?$select=id`)).toBe(true);
  expect(organisation.people.find((p) => p.id === guid(3))?.lineManagerId).toBeUndefined(); // Sol's manager is outside the service
  expect(organisation.people.find((p) => p.id === guid(4))?.lineManagerId).toBe(guid(3));
});

test('says which permission is missing (403), and never reads with a wrong token silently (401)', async () => {
  graph.noDirectoryPermission = true;
  const error = await directory()
    .read()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GraphDirectoryError);
  expect((error as Error).message).toContain('User.Read.All');
  graph.noDirectoryPermission = false;
  const client = createGraphClient({ baseUrl: graph.baseUrl, tokenProvider: { getAccessToken: () => Promise.resolve('wrong') } });
  await expect(new GraphDirectory({ client, mapping: MAPPING }).read()).rejects.toThrow(/did not accept the app's token \(401\)/);
});
