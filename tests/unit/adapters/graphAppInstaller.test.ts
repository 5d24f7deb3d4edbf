import { createGraphAppInstaller } from '../../../src/adapters/graph/graphAppInstaller';
import { createGraphClient, type GraphClientOptions } from '../../../src/adapters/graph/graphClient';
import { asUserId } from '../../../src/domain/shared/brand';
import type { AppInstaller } from '../../../src/ports/messenger';
import { startGraphStandIn, type GraphStandIn } from '../../support/graphStandIn';

// The real adapter, the real Graph SDK client and its real middleware, against a local
// stand-in for Graph that answers as Microsoft documents: only the network on the other side is fake.

const TOKEN = 'token-for-tests';
const OTHER_APP_TOKEN = 'token-of-another-app';
const OTHER_APP = '99999999-0000-4000-8000-000000000099';
const TEAMS_APP_ID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const BOT_APP_ID = '0a0b0c0d-0000-4000-8000-00000000a11d';
const TENANT = '11111111-2222-4333-8444-000000000001';
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';
const KNOWN = asUserId('5b649834-7412-4cce-9e69-176e95a394f5');
const HAS_IT = asUserId('97a5a533-833d-494b-b543-c0afe026cb96');
const STRANGER = asUserId('11111111-2222-4333-8444-555555555555');

let graph: GraphStandIn;
let slept: number[];

beforeEach(async () => {
  graph = await startGraphStandIn({ token: TOKEN, teamsAppId: TEAMS_APP_ID, users: [KNOWN, HAS_IT], preinstalled: [HAS_IT], tokens: { [OTHER_APP_TOKEN]: OTHER_APP } });
  slept = [];
});
afterEach(() => graph.close());

function installer(options: Partial<GraphClientOptions> = {}): AppInstaller {
  const client = createGraphClient({
    baseUrl: graph.baseUrl,
    tokenProvider: { getAccessToken: () => Promise.resolve(TOKEN) },
    // Delays are recorded, not waited for, so the tests stay fast and can check them.
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
    ...options,
  });
  return createGraphAppInstaller({ client, teamsAppId: TEAMS_APP_ID, bot: { appId: BOT_APP_ID, tenantId: TENANT, serviceUrl: async () => SERVICE_URL } });
}

const paths = () => graph.requests.map((r) => `${r.method} ${decodeURIComponent(r.url)}`);

test('installs the app for someone who has never had it, after checking they do not have it', async () => {
  await expect(installer().install(KNOWN)).resolves.toEqual({ kind: 'requested' });
  expect(graph.installs.get(KNOWN)).toBe(1);
  expect(paths()).toEqual([`GET /v1.0/users/${KNOWN}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '${TEAMS_APP_ID}'`, `POST /v1.0/users/${KNOWN}/teamwork/installedApps`]);
});

test("someone who already has the app (an admin's setup policy) is reachable at once: their chat with the app, as a conversation reference", async () => {
  await expect(installer().install(HAS_IT)).resolves.toEqual({
    kind: 'reachable',
    reference: {
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      conversation: { id: graph.chatOf(HAS_IT), conversationType: 'personal', tenantId: TENANT },
      bot: { id: `28:${BOT_APP_ID}` },
      user: { aadObjectId: HAS_IT },
    },
  });
  expect(graph.installs.size).toBe(0);
  expect(paths()[1]).toMatch(new RegExp(`^GET /v1.0/users/${HAS_IT}/teamwork/installedApps/.+/chat$`));
  expect(paths()).toHaveLength(2);
});

test('installed meanwhile (409 to the install): found and reached, not installed twice', async () => {
  const app = installer();
  // Both look first and find nothing; the second install is then answered 409.
  const [first, second] = await Promise.all([app.install(KNOWN), app.install(KNOWN)]);
  expect([first?.kind, second?.kind].sort()).toEqual(['reachable', 'requested']);
  expect(graph.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  expect(graph.installs.get(KNOWN)).toBe(1);
  expect(await app.install(KNOWN)).toMatchObject({ kind: 'reachable', reference: { conversation: { id: graph.chatOf(KNOWN) } } });
});

test("an app other than the one in the package's webApplicationInfo sees no installation and is refused the install (403), in words that say what to fix", async () => {
  const outcome = await installer({ tokenProvider: { getAccessToken: () => Promise.resolve(OTHER_APP_TOKEN) } }).install(HAS_IT);
  expect(outcome).toEqual({ kind: 'unavailable', reason: expect.stringContaining('webApplicationInfo') });
  expect(graph.installs.size).toBe(0);
});

test('someone not in the directory (404) fails with a plain reason', async () => {
  await expect(installer().install(STRANGER)).resolves.toEqual({ kind: 'failed', reason: "this person is not in the organisation's directory" });
});

test('without the permission (403) installing is unavailable, and says which permission', async () => {
  graph.noPermission = true;
  const outcome = await installer().install(KNOWN);
  expect(outcome.kind).toBe('unavailable');
  expect(outcome).toHaveProperty('reason', expect.stringContaining('TeamsAppInstallation.ReadWriteSelfForUser.All'));
});

test('throttled twice (429), it waits as long as Retry-After says, then installs', async () => {
  graph.fault({ status: 429, retryAfter: '2' }, 2);
  await expect(installer().install(KNOWN)).resolves.toEqual({ kind: 'requested' });
  expect(slept).toEqual([2_000, 2_000]);
  expect(graph.requests).toHaveLength(4); // two throttled looks, the look, the install
  expect(graph.installs.get(KNOWN)).toBe(1);
});

test('a Retry-After longer than it is willing to wait is not waited for', async () => {
  graph.fault({ status: 429, retryAfter: '600' }, 5);
  const outcome = await installer().install(KNOWN);
  expect(outcome.kind).toBe('failed');
  expect(outcome).toHaveProperty('reason', expect.stringContaining('429'));
  expect(slept).toEqual([]);
  expect(graph.requests).toHaveLength(1);
});

test('a Graph that stays unavailable (503) fails after a bounded number of attempts', async () => {
  graph.fault({ status: 503 }, 10);
  const outcome = await installer({ maxAttempts: 3, baseDelayMs: 5 }).install(KNOWN);
  expect(outcome).toEqual({ kind: 'failed', reason: 'Microsoft Graph answered 503 when looking for the app' });
  expect(graph.requests).toHaveLength(3);
  expect(slept).toEqual([5, 10]); // backs off when there is no Retry-After
});

test('a Graph that never answers fails by timeout', async () => {
  graph.fault({ hang: true });
  const started = Date.now();
  const outcome = await installer({ timeoutMs: 200 }).install(KNOWN);
  expect(outcome).toEqual({ kind: 'failed', reason: 'could not reach Microsoft Graph (no answer within 200 ms)' });
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('an id that is not an Entra object id is refused without a request', async () => {
  const outcome = await installer().install(asUserId('demo-sw-01'));
  expect(outcome.kind).toBe('failed');
  expect(graph.requests).toHaveLength(0);
});

test('a token Graph does not accept (401) fails', async () => {
  const outcome = await installer({ tokenProvider: { getAccessToken: () => Promise.resolve('wrong') } }).install(KNOWN);
  expect(outcome.kind).toBe('failed');
  expect(outcome).toHaveProperty('reason', expect.stringContaining('401'));
  expect(graph.installs.size).toBe(0);
});

test('a token that cannot be had fails without a request and without throwing', async () => {
  const outcome = await installer({ tokenProvider: { getAccessToken: () => Promise.reject(new Error('AADSTS7000215: invalid client secret')) } }).install(KNOWN);
  expect(outcome).toEqual({ kind: 'failed', reason: expect.stringContaining('invalid client secret') });
  expect(graph.requests).toHaveLength(0);
});
