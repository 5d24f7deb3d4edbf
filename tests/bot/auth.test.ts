import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdapter } from '../../src/bot/adapter';
import { botEndpoint } from '../../src/bot/endpoint';
import { SurveyFlow } from '../../src/bot/flow';
import { SurveyBot } from '../../src/bot/surveyBot';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { wire } from '../../src/composition';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import type { ConversationStore } from '../../src/ports/conversations';
import { createHttpServer } from '../../src/server/http';
import { TestClock } from '../fixtures/testClock';

const activity = {
  type: 'message',
  id: 'm1',
  text: 'survey',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:mallory', aadObjectId: 'mallory' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:mallory' },
};

describe('with a Bot Framework app id configured', () => {
  let server: Server;
  let url: string;
  let conversations: ConversationStore;

  beforeAll(async () => {
    const { stores, operational } = openSqlite(':memory:');
    conversations = operational.conversations;
    const app = await wire(stores, healthCheck, new TestClock(new Date('2027-01-11T10:00:00Z')));
    const bot = new SurveyBot({ flows: [new SurveyFlow(app)], conversations, thresholds: async () => ({ threshold: 5, textThreshold: 10 }) });
    const adapter = createAdapter({ appId: '11111111-2222-3333-4444-555555555555', appPassword: 'not-a-real-secret', appTenantId: '66666666-7777-8888-9999-000000000000', appType: 'SingleTenant' });
    server = createHttpServer(app, { teams: [], people: [] }, botEndpoint(adapter, bot));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each([
    ['no token', {}],
    ['a malformed token', { authorization: 'Bearer not.a.jwt' }],
    ['an unsigned token', { authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"11111111-2222-3333-4444-555555555555"}').toString('base64url')}.` }],
  ])('refuses a request with %s with 401 and does nothing', async (_what, headers) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    expect(await conversations.get('mallory' as never)).toBeUndefined();
  });

  it('refuses a body that is not an activity with 400', async () => {
    expect((await fetch(url, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect((await fetch(url, { method: 'POST', body: '[1,2]' })).status).toBe(400);
    expect((await fetch(url, { method: 'GET' })).status).toBe(405);
  });
});
