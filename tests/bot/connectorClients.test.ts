import type { CloudAdapter, TurnContext } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter';
import { createBotMessenger } from '../../src/bot/proactive/botMessenger';
import { startConnectorStandIn, standInReference, type ConnectorStandIn } from '../support/connectorStandIn';
import { localBot, openCycle as cycle } from '../support/localBot';

/** One turn through the adapter as the endpoint runs it (local mode), returning the connector client the turn was given. */
async function clientOfTurn(adapter: CloudAdapter, serviceUrl: string, id: string): Promise<unknown> {
  let client: unknown;
  const activity = { type: 'message', id, text: 'hello', channelId: 'msteams', serviceUrl, from: { id: `29:${id}` }, recipient: { id: '28:bot' }, conversation: { id: `a:1on1-${id}` } };
  const response = { socket: undefined, status: () => response, header: () => response, send: () => response, end: () => response };
  await adapter.process({ body: activity, headers: {}, method: 'POST' }, response as never, async (context) => {
    client = context.turnState.get(adapter.ConnectorClientKey);
    await context.sendActivity('hi');
  });
  return client;
}

/**
 * The bot keeps its connector clients: botbuilder builds a new one, with a new HTTP pipeline,
 * for every turn and every proactive message, and under a whole council answering at once that
 * was a good part of every reply's time.
 */
describe('connector clients for the Bot Connector', () => {
  let standIn: ConnectorStandIn;
  beforeEach(async () => {
    standIn = await startConnectorStandIn();
  });
  afterEach(() => standIn.close());

  it('are kept from one turn to the next, per service URL', async () => {
    const adapter = createAdapter(localBot);
    const first = await clientOfTurn(adapter, standIn.serviceUrl, 'amy');
    expect(first).toBeDefined();
    expect(await clientOfTurn(adapter, standIn.serviceUrl, 'bea')).toBe(first);
    const other = await startConnectorStandIn();
    try {
      expect(await clientOfTurn(adapter, other.serviceUrl, 'cal')).not.toBe(first);
    } finally {
      await other.close();
    }
    expect(standIn.stats.accepted).toBe(2);
  });

  it("are kept from one proactive message to the next, apart from the turns' (no SDK retries), each send running its own last step before the request leaves", async () => {
    const adapter = createAdapter(localBot);
    const messenger = createBotMessenger({ adapter, appId: '', minutes: 15, timeoutMs: 5000 });
    const clients = new Set<unknown>();
    const remember = adapter.continueConversationAsync.bind(adapter);
    adapter.continueConversationAsync = ((appId: string, reference: never, logic: (context: TurnContext) => Promise<void>) =>
      remember(appId, reference, async (context) => {
        clients.add(context.turnState.get(adapter.ConnectorClientKey));
        await logic(context);
      })) as typeof adapter.continueConversationAsync;
    const gates = new Map<string, number>();
    const send = (id: string) => messenger.send({ kind: 'invitation', cycle }, standInReference(standIn.serviceUrl, id), { beforeRequest: async () => void gates.set(id, (gates.get(id) ?? 0) + 1) });
    for (let i = 0; i < 5; i++) expect(await send(`one-${i}`)).toEqual({ kind: 'sent' });
    // Several at once, as the sender sends them: each gate is its own send's.
    const together = await Promise.all(Array.from({ length: 8 }, (_, i) => send(`together-${i}`)));
    expect(together.every((o) => o.kind === 'sent')).toBe(true);
    expect([...gates.values()]).toEqual(Array(13).fill(1));
    expect(clients.size).toBe(1);
    expect(await clientOfTurn(adapter, standIn.serviceUrl, 'dan')).not.toBe([...clients][0]);
    expect(standIn.stats.accepted).toBe(14);
  });
});
