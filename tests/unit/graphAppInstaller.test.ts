import { createGraphAppInstaller } from '../../src/adapters/graph/graphAppInstaller';
import { createGraphClient, type GraphClientOptions } from '../../src/adapters/graph/graphClient';
import { asUserId } from '../../src/domain/shared/brand';
import type { AppInstaller } from '../../src/ports/messenger';
import { startGraphStandIn, type GraphStandIn } from '../support/graphStandIn';

// The real adapter, the real Graph SDK client and its real middleware, against a local
// stand-in for Graph: only the network on the other side is fake.

const TOKEN = 'token-for-tests';
const TEAMS_APP_ID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const KNOWN = asUserId('5b649834-7412-4cce-9e69-176e95a394f5');
const STRANGER = asUserId('11111111-2222-4333-8444-555555555555');

let graph: GraphStandIn;
let slept: number[];

beforeEach(async () => {
  graph = await startGraphStandIn({ token: TOKEN, teamsAppId: TEAMS_APP_ID, users: [KNOWN] });
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
  return createGraphAppInstaller({ client, teamsAppId: TEAMS_APP_ID });
}

test('installs the app for someone who has never had it', async () => {
  await expect(installer().install(KNOWN)).resolves.toEqual({ kind: 'requested' });
  expect(graph.installs.get(KNOWN)).toBe(1);
});

test('an app already installed (409) is still requested, and not installed twice', async () => {
  const app = installer();
  await app.install(KNOWN);
  await expect(app.install(KNOWN)).resolves.toEqual({ kind: 'requested' });
  expect(graph.requests).toHaveLength(2);
  expect(graph.installs.get(KNOWN)).toBe(1);
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
  expect(graph.requests).toHaveLength(3);
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
  expect(outcome).toEqual({ kind: 'failed', reason: 'Microsoft Graph answered 503 to the install request' });
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
