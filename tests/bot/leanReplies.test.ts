import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorClient } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { leanReplies } from '../../src/bot/leanReplies';

/**
 * A turn's replies sent straight over HTTP must reach the channel exactly as the connector
 * client's pipeline would send them: compared request by request against the SDK itself.
 */
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly conversationHeader: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

let server: Server;
let base: string;
let seen: Seen[] = [];
let answer: (req: IncomingMessage, res: ServerResponse, n: number) => void = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"reply-1"}');

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        conversationHeader: req.headers['x-ms-conversation-id'] as string | undefined,
        contentType: req.headers['content-type'],
        body: text === '' ? undefined : JSON.parse(text),
      });
      answer(req, res, seen.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen = [];
  answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"reply-1"}');
});

/** A client whose credentials sign as the SDK's do (a token from their cache). */
function client(): ConnectorClient {
  const credentials = {
    signRequest: async (resource: { headers: { set(name: string, value: string): void } }) => {
      resource.headers.set('Authorization', 'Bearer token-from-the-cache');
      return resource;
    },
  };
  return new ConnectorClient(credentials as never, { baseUri: base });
}

const card: Partial<Activity> = {
  type: 'message',
  from: { id: '28:bot', name: 'Practice Health Check' },
  recipient: { id: '29:alex', name: 'Alex', aadObjectId: 'alex-0001' },
  conversation: { id: 'a:1ABc/+=?&', isGroup: false, conversationType: 'personal', tenantId: 'tenant-1' } as never,
  replyToId: '1:xyz',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/uk/',
  timestamp: new Date('2027-01-12T09:00:00.123Z'),
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Section 1 of 9 — "About you"', wrap: true }],
        actions: [{ type: 'Action.Submit', title: 'Next', data: { verb: 'survey.answer', n: 1 } }],
      },
    },
  ],
  channelData: { notification: { alert: false } },
  entities: [{ type: 'https://schema.org/Message', '@type': 'Message', '@context': 'https://schema.org' }],
};

const calls: readonly [string, (c: ConnectorClient) => Promise<unknown>][] = [
  ['reply to an activity', (c) => c.conversations.replyToActivity('a:1ABc/+=?&', '1:xyz', card as Activity)],
  ['send to a conversation', (c) => c.conversations.sendToConversation('a:1ABc/+=?&', card as Activity)],
  ['update an activity', (c) => c.conversations.updateActivity('a:1ABc/+=?&', '1:card', { ...card, id: '1:card' } as Activity)],
];

describe("a turn's replies sent straight over HTTP", () => {
  it.each(calls)('%s: the same request as the SDK sends, and the same answer back', async (_what, call) => {
    const sdk = client();
    const viaSdk = (await call(sdk)) as Record<string, unknown>;
    const lean = client();
    lean.sendOperationRequest = leanReplies(lean, () => Promise.reject(new Error('not a reply')));
    const viaLean = (await call(lean)) as Record<string, unknown>;
    expect(seen).toHaveLength(2);
    const [fromSdk, fromLean] = seen as [Seen, Seen];
    expect(fromLean).toEqual({ ...fromSdk, contentType: fromLean.contentType });
    expect(fromLean.contentType).toMatch(/^application\/json/);
    expect(viaLean).toEqual({ id: 'reply-1' });
    expect({ ...viaSdk }).toEqual({ id: 'reply-1' });
    expect((viaLean as { _response?: { status?: number } })._response?.status).toBe(200);
  });

  it("leaves every other call to the SDK's client", async () => {
    const lean = client();
    const other = jest.fn(() => Promise.resolve([]));
    lean.sendOperationRequest = leanReplies(lean, other as never);
    await lean.conversations.getConversationMembers('a:1');
    await lean.conversations.deleteActivity('a:1', '1:card');
    expect(other).toHaveBeenCalledTimes(2);
    expect(seen).toEqual([]);
  });

  it('waits as the channel asks after a 429, and tries again', async () => {
    answer = (_req, res, n) => (n === 1 ? res.writeHead(429, { 'retry-after': '0' }).end() : res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"reply-2"}'));
    const lean = client();
    lean.sendOperationRequest = leanReplies(lean, () => Promise.reject(new Error('not a reply')));
    expect(await lean.conversations.replyToActivity('a:1', '1:xyz', card as Activity)).toEqual({ id: 'reply-2' });
    expect(seen).toHaveLength(2);
  });

  it('gives up after three attempts at a failing channel, or at once when it refuses, naming the status as the SDK does', async () => {
    answer = (_req, res) => res.writeHead(503, { 'retry-after': '0' }).end('{"error":{"code":"ServiceError","message":"no"}}');
    const lean = client();
    lean.sendOperationRequest = leanReplies(lean, () => Promise.reject(new Error('not a reply')));
    await expect(lean.conversations.replyToActivity('a:1', '1:xyz', card as Activity)).rejects.toMatchObject({ name: 'RestError', statusCode: 503 });
    expect(seen).toHaveLength(3);
    seen = [];
    answer = (_req, res) => res.writeHead(403).end('{"error":{"code":"BotNotInConversationRoster"}}');
    await expect(lean.conversations.sendToConversation('a:1', card as Activity)).rejects.toMatchObject({ name: 'RestError', statusCode: 403 });
    expect(seen).toHaveLength(1);
  });

  it('names a channel it cannot reach as the SDK does, after trying three times', async () => {
    const gone = new ConnectorClient({ signRequest: async (r: unknown) => r } as never, { baseUri: 'http://127.0.0.1:1/' });
    gone.sendOperationRequest = leanReplies(gone, () => Promise.reject(new Error('not a reply')));
    await expect(gone.conversations.replyToActivity('a:1', '1:xyz', card as Activity)).rejects.toMatchObject({ name: 'RestError', message: 'The channel could not be reached.' });
  }, 15_000);

  it('stops when its time is up, as an AbortError', async () => {
    answer = () => undefined; // never answers
    const lean = client();
    lean.sendOperationRequest = leanReplies(lean, () => Promise.reject(new Error('not a reply')));
    const started = Date.now();
    await expect(lean.conversations.replyToActivity('a:1', '1:xyz', card as Activity, { abortSignal: AbortSignal.timeout(200) } as never)).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
