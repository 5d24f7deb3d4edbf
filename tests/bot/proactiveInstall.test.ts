import { createAdapter } from '../../src/bot/adapter';
import { createBotMessenger } from '../../src/bot/proactive/botMessenger';
import { createGraphAppInstaller } from '../../src/adapters/graph/graphAppInstaller';
import { createGraphClient } from '../../src/adapters/graph/graphClient';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { CycleService } from '../../src/app/cycles';
import { QuestionnaireService } from '../../src/app/questionnaires';
import { InvitationPlanner } from '../../src/app/invitations';
import { ProactiveSender } from '../../src/app/sender';
import type { Organisation } from '../../src/domain/organisation/types';
import { asUserId } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { startConnectorStandIn, standInReference, type ConnectorStandIn } from '../support/connectorStandIn';
import { startGraphStandIn, type GraphStandIn } from '../support/graphStandIn';
import { localBot } from '../support/localBot';
import { ManualClock, seededRandom, staticDirectory } from '../support/outboxFixtures';

/**
 * Staff who already have the app (an admin's setup policy installed it for everyone) are
 * invited in the same pass: the real sender, the real Graph installer against a Graph stand-in
 * that answers as documented (409, installedApps, /chat; no conversationUpdate ever comes), and
 * the real botbuilder messenger against a Bot Connector stand-in.
 */
const TEAMS_APP_ID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const TOKEN = 'graph-token';
const TALKED = asUserId('aaaaaaaa-0000-4000-8000-000000000001');
const HAS_APP = asUserId('aaaaaaaa-0000-4000-8000-000000000002');
const NEW_STARTER = asUserId('aaaaaaaa-0000-4000-8000-000000000003');

const organisation: Organisation = {
  teams: [{ id: 'hospital', name: 'Hospital team', serviceArea: 'hospital-and-intake' }],
  people: [TALKED, HAS_APP, NEW_STARTER].map((id, i) => ({
    id,
    displayName: `Person ${i + 1}`,
    role: 'social-worker' as const,
    teamId: 'hospital',
    lineManagerId: undefined,
    supervisorId: undefined,
  })),
};

let connector: ConnectorStandIn;
let graph: GraphStandIn;

beforeEach(async () => {
  connector = await startConnectorStandIn({ keepActivities: true });
  graph = await startGraphStandIn({ token: TOKEN, teamsAppId: TEAMS_APP_ID, users: [TALKED, HAS_APP, NEW_STARTER], preinstalled: [TALKED, HAS_APP] });
});
afterEach(async () => {
  await connector.close();
  await graph.close();
});

test('someone who already has the app is invited in the same pass, without waiting for a conversationUpdate; a new starter waits for theirs', async () => {
  const clock = new ManualClock('2027-01-11T09:00:00Z'); // a Monday, in working hours
  const { stores, operational } = openSqlite(':memory:');
  const cycle = await new CycleService(stores, new QuestionnaireService(stores.questionnaires, healthCheck, clock), healthCheck, clock).open({ id: '2026-27', closesOn: '2027-01-29' });
  // The bot has talked to one person: that is where it knows Teams' service URL from.
  await operational.conversations.put(TALKED, standInReference(connector.serviceUrl, TALKED));
  await new InvitationPlanner(operational.outbox, staticDirectory(organisation), clock).queue(cycle);
  const client = createGraphClient({ baseUrl: graph.baseUrl, tokenProvider: { getAccessToken: async () => TOKEN }, maxAttempts: 1 });
  const installer = createGraphAppInstaller({
    client,
    teamsAppId: TEAMS_APP_ID,
    bot: { appId: '', tenantId: undefined, serviceUrl: async () => connector.serviceUrl },
  });
  const sender = new ProactiveSender({
    stores,
    outbox: operational.outbox,
    conversations: operational.conversations,
    messenger: createBotMessenger({ adapter: createAdapter(localBot), appId: '', minutes: 15, timeoutMs: 5_000 }),
    installer,
    clock,
    random: seededRandom(3),
    sleep: clock.sleep,
    owner: 'test-sender',
  });

  const run = await sender.runOnce();

  const status = (userId: string) => operational.db.prepare('SELECT status FROM outbox WHERE key = ?').pluck().get(`${cycle.id}:${userId}:invitation`) as string | undefined;
  expect(status(TALKED)).toBe('sent');
  expect(status(HAS_APP)).toBe('sent');
  expect(connector.received.get(graph.chatOf(HAS_APP))?.map((a) => a.summary)).toEqual([expect.stringMatching(/is open until/)]);
  // Kept, so reminders reach them too.
  expect(await operational.conversations.get(HAS_APP)).toMatchObject({ conversation: { id: graph.chatOf(HAS_APP) }, serviceUrl: connector.serviceUrl });
  // The new starter's install was requested: Teams will send the conversationUpdate.
  expect(status(NEW_STARTER)).toBe('no-conversation');
  expect(graph.installs.get(NEW_STARTER)).toBe(1);
  expect(run).toMatchObject({ invitationsSent: 2, waitingForConversation: 1 });
  await stores.close();
});
