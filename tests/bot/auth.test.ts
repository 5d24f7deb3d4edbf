import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createAdapter } from '../../src/bot/adapter';
import { botEndpoint } from '../../src/bot/endpoint';
import { SurveyFlow } from '../../src/bot/flow';
import { SurveyBot } from '../../src/bot/surveyBot';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { wire } from '../../src/composition';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import type { ConversationStore } from '../../src/ports/conversations';
import { createHttpServer } from '../../src/server/http';
import { isMicrosoftServiceUrl } from '../../src/server/security';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connectorStandIn';
import { listening } from '../support/listening';
import { TestClock } from '../fixtures/testClock';

/**
 * With an app id: the Bot Framework's token service is a local stand-in (its OpenID metadata and
 * signing keys, as login.botframework.com publishes them), so tokens can be signed here and
 * CloudAdapter checks them as it checks Microsoft's. Only the stand-in connector on this
 * machine counts as "Microsoft's" serviceUrl in this test.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.com';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function token(serviceurl: string | undefined, overrides: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'bf-key' })}.${b64({ iss: ISSUER, aud: APP_ID, nbf: now - 60, exp: now + 3600, ...(serviceurl ? { serviceurl } : {}), ...overrides })}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
}

function activity(serviceUrl: string, from: Record<string, unknown> = { id: '29:mallory', aadObjectId: 'mallory' }): Record<string, unknown> {
  return { type: 'message', id: 'm1', text: 'survey', channelId: 'msteams', serviceUrl, from, recipient: { id: `28:${APP_ID}` }, conversation: { id: 'a:mallory' } };
}

describe('with a Bot Framework app id configured', () => {
  let server: FastifyInstance;
  let tokens: Server;
  let connector: ConnectorStandIn;
  let url: string;
  let conversations: ConversationStore;

  beforeAll(async () => {
    tokens = createServer((req, res) => {
      const base = `http://127.0.0.1:${(tokens.address() as AddressInfo).port}`;
      res.writeHead(req.url?.startsWith('/v1/.well-known/') || req.url === '/keys' ? 200 : 404, { 'content-type': 'application/json' });
      if (req.url?.startsWith('/v1/.well-known/')) res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      else if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'bf-key', use: 'sig', endorsements: ['msteams'] }] }));
      else res.end('{}');
    });
    await new Promise<void>((resolve) => tokens.listen(0, '127.0.0.1', resolve));
    connector = await startConnectorStandIn({ keepActivities: true });
    const { stores, operational } = openSqlite(':memory:');
    conversations = operational.conversations;
    const app = await wire(stores, healthCheck, new TestClock(new Date('2027-01-11T10:00:00Z')));
    const bot = new SurveyBot({ flows: [new SurveyFlow(app)], conversations, thresholds: async () => ({ threshold: 5, textThreshold: 10 }) });
    const logger = pino({ level: 'silent' });
    const adapter = createAdapter(
      { appId: APP_ID, appPassword: 'not-a-real-secret', appTenantId: '66666666-7777-8888-9999-000000000000', appType: 'SingleTenant' },
      {
        log: logger,
        outboundMs: 1_000,
        standIns: {
          ToBotFromChannelOpenIdMetadataUrl: `http://127.0.0.1:${(tokens.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`,
          ToBotFromChannelTokenIssuer: ISSUER,
          // Getting a token to reply fails at once: what is checked here is what the bot stores.
          ToChannelFromBotLoginUrl: 'https://127.0.0.1:1/botframework.com',
        },
      },
    );
    const allowed = (serviceUrl: string) => serviceUrl === connector.serviceUrl || isMicrosoftServiceUrl(serviceUrl);
    server = createHttpServer(app, { teams: [], people: [] }, botEndpoint(adapter, bot, { mode: 'microsoft', serviceUrlAllowed: allowed }), { logger });
    url = `${await listening(server)}/api/messages`;
  });
  afterAll(async () => {
    await server.close();
    await connector.close();
    await new Promise((resolve) => tokens.close(resolve));
  });

  const send = (body: unknown, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it.each([
    ['no token', {}],
    ['a malformed token', { authorization: 'Bearer not.a.jwt' }],
    ['an unsigned token', { authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"11111111-2222-3333-4444-555555555555"}').toString('base64url')}.` }],
  ])('refuses a request with %s with 401 and does nothing', async (_what, headers) => {
    const res = await send(activity(connector.serviceUrl), headers);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toMatch(/Unauthorized|Error|claim/);
    expect(await conversations.get('mallory' as never)).toBeUndefined();
  });

  it('refuses a body that is not an activity with 400', async () => {
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' })).status).toBe(400);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2]' })).status).toBe(400);
    expect((await fetch(url, { method: 'GET' })).status).toBe(405);
  });

  it("stores a conversation reference from a signed activity whose serviceUrl is the token's and Microsoft's", async () => {
    const res = await send(activity(connector.serviceUrl, { id: '29:alex', aadObjectId: 'alex-0001' }), { authorization: `Bearer ${token(connector.serviceUrl)}` });
    expect(res.status).toBe(200);
    expect((await conversations.get('alex-0001' as never))?.serviceUrl).toBe(connector.serviceUrl);
  });

  it("does not let a refused request use up a real activity's id: the channel's own delivery of it is still taken", async () => {
    const real = { ...activity(connector.serviceUrl, { id: '29:lee', aadObjectId: 'lee-0001' }), id: 'lee-message-1', conversation: { id: 'a:lee' } };
    expect((await send(real, { authorization: `Bearer ${token(connector.serviceUrl, { aud: '99999999-2222-3333-4444-555555555555' })}` })).status).toBe(401);
    expect((await send(real, { authorization: 'Bearer not.a.jwt' })).status).toBe(401);
    expect(await conversations.get('lee-0001' as never)).toBeUndefined();
    expect((await send(real, { authorization: `Bearer ${token(connector.serviceUrl)}` })).status).toBe(200);
    expect((await conversations.get('lee-0001' as never))?.serviceUrl).toBe(connector.serviceUrl);
  });

  it("refuses a signed activity for a serviceUrl that is not Microsoft's, even when the token names it", async () => {
    const evil = 'https://attacker.example/';
    const res = await send(activity(evil, { id: '29:sam', aadObjectId: 'sam-0001' }), { authorization: `Bearer ${token(evil)}` });
    expect(res.status).toBe(400);
    expect(await conversations.get('sam-0001' as never)).toBeUndefined();
  });

  it('refuses a signed activity whose serviceUrl is not the one its token was issued for', async () => {
    const res = await send(activity(connector.serviceUrl, { id: '29:jo', aadObjectId: 'jo-0001' }), { authorization: `Bearer ${token('https://smba.trafficmanager.net/uk/')}` });
    expect(res.status).toBe(401);
    expect(await conversations.get('jo-0001' as never)).toBeUndefined();
  });

  it('refuses a token for another app, or one that has expired', async () => {
    for (const overrides of [{ aud: '99999999-2222-3333-4444-555555555555' }, { exp: Math.floor(Date.now() / 1000) - 3600 }]) {
      const res = await send(activity(connector.serviceUrl, { id: '29:kim', aadObjectId: 'kim-0001' }), { authorization: `Bearer ${token(connector.serviceUrl, overrides)}` });
      expect(res.status).toBe(401);
    }
    expect(await conversations.get('kim-0001' as never)).toBeUndefined();
  });
});

describe("Microsoft's serviceUrls", () => {
  it.each([
    ['https://smba.trafficmanager.net/uk/', true],
    ['https://smba.trafficmanager.net/amer/11111111-2222-3333-4444-555555555555/', true],
    ['https://smba.infra.gcc.teams.microsoft.com/gcc/', true],
    ['https://webchat.botframework.com/', true],
    ['http://smba.trafficmanager.net/uk/', false],
    ['https://smba.trafficmanager.net.attacker.example/', false],
    ['https://user:pw@smba.trafficmanager.net/uk/', false],
    ['https://smba.trafficmanager.net:8443/uk/', false],
    ['https://127.0.0.1/', false],
    ['not a url', false],
  ])('%s: %s', (serviceUrl, allowed) => {
    expect(isMicrosoftServiceUrl(serviceUrl)).toBe(allowed);
  });
});
