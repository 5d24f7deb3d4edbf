import { readConfig } from '../../src/config';
import { refuseUntrustedBot, serverSettings } from '../../src/server/settings';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connectorStandIn';
import { call, openApiWorld, type ApiWorld } from './apiWorld';

const TAB = { PHC_TAB_CLIENT_ID: '99999999-8888-7777-6666-555555555555' };
const BOT = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000' };

describe('how the server faces the network', () => {
  it('listens on this machine only when nothing signs anyone in, and everywhere otherwise', () => {
    expect(serverSettings(readConfig({}), {}).host).toBe('127.0.0.1');
    expect(serverSettings(readConfig({ ...TAB, ...BOT }), {}).host).toBe('0.0.0.0');
    expect(serverSettings(readConfig({ PHC_TAB_LOCAL_ANYWHERE: 'on' }), {}).host).toBe('0.0.0.0');
    expect(serverSettings(readConfig({}), { PHC_HOST: '::1' }).host).toBe('::1');
    expect(serverSettings(readConfig({}), { PHC_TRUST_PROXY: '127.0.0.1' }).trustProxy).toBe('127.0.0.1');
  });

  it('starts a Teams-mode tab only beside a bot with an app id, or when told it is a demo', () => {
    const refused = () => refuseUntrustedBot(readConfig(TAB), serverSettings(readConfig(TAB), {}));
    expect(refused).toThrow(/MicrosoftAppId[\s\S]*PHC_BOT_LOCAL=on/);
    expect(() => refuseUntrustedBot(readConfig({ ...TAB, ...BOT }), { botLocal: false })).not.toThrow();
    expect(() => refuseUntrustedBot(readConfig(TAB), serverSettings(readConfig(TAB), { PHC_BOT_LOCAL: 'on' }))).not.toThrow();
    expect(() => refuseUntrustedBot(readConfig({}), { botLocal: false })).not.toThrow();
  });
});

const activity = (world: ApiWorld, serviceUrl = 'http://127.0.0.1:9/') => ({
  type: 'message',
  id: 'm1',
  text: 'help',
  channelId: 'msteams',
  serviceUrl,
  from: { id: '29:x', aadObjectId: world.who.staff.id },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:x' },
});
const postBot = (world: ApiWorld, body: unknown, headers: Record<string, string> = {}) =>
  fetch(world.botUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('behind a proxy that is not named', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it('counts nothing that came through it as from this machine: the local bot and personas refuse it', async () => {
    expect((await postBot(world, activity(world), { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    const res = await fetch(`${world.base}/api/me`, { headers: { 'x-phc-persona': world.who.psw.id, forwarded: 'for=203.0.113.9' } });
    expect(res.status).toBe(401);
    expect((await fetch(`${world.base}/api/personas`, { headers: { 'x-real-ip': '203.0.113.9' } })).status).toBe(401);
    expect(await world.conversations.get(world.who.staff.id)).toBeUndefined();
  });
});

describe('behind the named proxy', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld({ trustProxy: '127.0.0.1', limits: { perAddress: 5 } });
  });
  afterAll(() => world.close());

  it('believes its forwarded address and protocol: HSTS over HTTPS, local mode refused for a client elsewhere', async () => {
    const https = await fetch(`${world.base}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect((await fetch(`${world.base}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    expect((await call(world, world.who.psw, 'GET', '/api/me')).status).toBe(200);
    expect((await fetch(`${world.base}/api/me`, { headers: { 'x-phc-persona': world.who.psw.id, 'x-forwarded-for': '203.0.113.9' } })).status).toBe(401);
  });

  it('limits each client address separately, as the proxy reports it', async () => {
    const from = (ip: string) => fetch(`${world.base}/healthz`, { headers: { 'x-forwarded-for': ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await from('198.51.100.7')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const limited = await from('198.51.100.7');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: string }).error).toMatch(/^Too many requests from here; please wait/);
    expect((await from('198.51.100.8')).status).toBe(200);
  });
});

describe('the bot, per person', () => {
  let world: ApiWorld;
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    world = await openApiWorld({ limits: { botPerPerson: 3 } });
    connector = await startConnectorStandIn();
  });
  afterAll(async () => {
    await connector.close();
    await world.close();
  });

  it('answers a person who sends too much with 429 and Retry-After, and others as usual', async () => {
    const other = { ...activity(world, connector.serviceUrl), from: { id: '29:y', aadObjectId: world.who.psw.id } };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postBot(world, activity(world, connector.serviceUrl))).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    const limited = await postBot(world, activity(world, connector.serviceUrl));
    expect(limited.headers.get('retry-after')).not.toBeNull();
    expect((await postBot(world, other)).status).not.toBe(429);
  });
});

describe('the bot, for a whole council at once', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  // Teams sends every person's messages from a few of its own addresses: a council of 1,500
  // opening the survey at once and pressing through its cards sends thousands a minute from one.
  it('lets thousands of requests a minute from one address through to the bot', async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 70; batch++) {
      const sent = await Promise.all(Array.from({ length: 50 }, () => postBot(world, { type: 'message' })));
      statuses.push(...sent.map((r) => r.status));
    }
    expect(statuses).toHaveLength(3_500);
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
    expect(new Set(statuses)).toEqual(new Set([400]));
  }, 60_000);
});
