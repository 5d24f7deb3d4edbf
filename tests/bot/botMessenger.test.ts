import * as net from 'node:net';
import { createAdapter } from '../../src/bot/adapter';
import { createBotMessenger, retryAfterMs } from '../../src/bot/proactive/botMessenger';
import { startConnectorStandIn, standInReference, type ConnectorStandIn, type Misbehaviour } from '../support/connectorStandIn';
import { localBot, openCycle as cycle } from '../support/localBot';

describe('the botbuilder messenger (real CloudAdapter, local mode, against a Bot Connector stand-in)', () => {
  let standIn: ConnectorStandIn;
  const odd = new Map<string, Misbehaviour>();
  const messenger = createBotMessenger({ adapter: createAdapter(localBot), appId: '', minutes: 15, timeoutMs: 5000 });

  beforeAll(async () => {
    standIn = await startConnectorStandIn({ keepActivities: true, misbehave: (conversationId) => odd.get(conversationId) });
  });
  afterAll(() => standIn.close());

  const send = (userId: string, message: Parameters<typeof messenger.send>[0] = { kind: 'invitation', cycle }) => messenger.send(message, standInReference(standIn.serviceUrl, userId));
  const requestsTo = (userId: string) => standIn.received.get(`a:1on1-${userId}`) ?? [];

  it('sends the invitation card into the person’s chat, with no credentials in local mode', async () => {
    let gate = 0;
    const outcome = await messenger.send({ kind: 'invitation', cycle }, standInReference(standIn.serviceUrl, 'amy'), { beforeRequest: async () => void gate++ });
    expect(outcome).toEqual({ kind: 'sent' });
    expect(gate).toBe(1);
    const [received] = requestsTo('amy');
    expect(received?.summary).toMatch(/^Organisational Health Check 2026\/27 is open until/);
    const attachment = (received?.activity?.attachments as { contentType: string; content: { body: { text?: string }[] } }[])[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(attachment?.content)).toMatch(/anonymous|Start/);
  });

  it('sends a reminder saying how long is left', async () => {
    expect(await send('bea', { kind: 'reminder', cycle, daysLeft: 3 })).toEqual({ kind: 'sent' });
    expect(requestsTo('bea')[0]?.summary).toMatch(/^A reminder: /);
    expect(JSON.stringify(requestsTo('bea')[0]?.activity)).toMatch(/3 days left/);
  });

  it('maps a 429 to "throttled" with its Retry-After, and botbuilder does not retry behind our back', async () => {
    odd.set('a:1on1-cal', { status: 429, retryAfter: '7' });
    const before = standIn.stats.requests;
    expect(await send('cal')).toEqual({ kind: 'throttled', retryAfterMs: 7000, reason: 'Teams asked us to slow down (429, retry after 7 s)' });
    expect(standIn.stats.requests - before).toBe(1);
  });

  it('maps 412, 502, 503 and 504 to "retry" without retrying inside the SDK', async () => {
    for (const status of [412, 502, 503, 504]) {
      odd.set(`a:1on1-s${status}`, { status });
      const before = standIn.stats.requests;
      expect(await send(`s${status}`)).toEqual({ kind: 'retry', reason: `Teams was briefly unable to take it (${status})` });
      expect(standIn.stats.requests - before).toBe(1);
    }
  });

  it('maps 403 and 404 to "permanent" in plain words, and sends no apology', async () => {
    odd.set('a:1on1-dan', { status: 403, code: 'ConversationBlockedByUser' });
    odd.set('a:1on1-eve', { status: 403 });
    odd.set('a:1on1-fay', { status: 404, code: 'ConversationNotFound' });
    const before = standIn.stats.requests;
    expect(await send('dan')).toEqual({ kind: 'permanent', reason: 'the person has blocked the app (403)' });
    expect(await send('eve')).toEqual({ kind: 'permanent', reason: 'the person has blocked or uninstalled the app (403)' });
    expect(await send('fay')).toEqual({ kind: 'permanent', reason: 'the conversation no longer exists: the app was probably uninstalled (404)' });
    // The adapter's onTurnError would have sent "Sorry, something went wrong": it did not run.
    expect(standIn.stats.requests - before).toBe(3);
  });

  it('reports a request that may have arrived as "in doubt", never as something to retry', async () => {
    odd.set('a:1on1-gus', { dropAfterDelivery: true });
    const outcome = await send('gus');
    expect(outcome.kind).toBe('in-doubt');
    expect(requestsTo('gus')).toHaveLength(1);
  });

  it('says "retry" when the connector cannot be reached at all (nothing was sent)', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const outcome = await messenger.send({ kind: 'invitation', cycle }, standInReference(`http://127.0.0.1:${port}/`, 'hal'));
    expect(outcome).toMatchObject({ kind: 'retry', reason: 'could not reach Teams (ECONNREFUSED)' });
  });

  it('refuses an incomplete conversation reference as permanent', async () => {
    expect(await messenger.send({ kind: 'invitation', cycle }, { conversation: {} })).toMatchObject({ kind: 'permanent' });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('Wed, 13 Jan 2027 10:00:05 GMT', Date.parse('2027-01-13T10:00:00Z'))).toBe(5000);
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
