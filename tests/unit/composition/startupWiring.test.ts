import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAdapter } from '../../../src/bot/adapter';
import { graphAppInstallerFor, graphDirectoryFor, type TokenSource } from '../../../src/adapters/graph/fromConfig';
import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { BOT_APP_TYPES, graphAppIdOf, readConfig, type BotAppType } from '../../../src/config';
import { asUserId } from '../../../src/domain/shared/brand';
import { startServer } from '../../support/appServer';
import { COUNCIL_MAPPING, councilTenant, guid, startGraphStandIn, type GraphStandIn } from '../../support/graphStandIn';

/**
 * What starting the server does with the Bot Framework and Microsoft Graph, for every
 * MicrosoftAppType botbuilder 4.23 accepts, with and without installing the app for staff
 * (PHC_TEAMS_APP_ID) and reading the directory from Graph (PHC_DIRECTORY=graph): the
 * configuration is read and checked, the Bot Framework adapter is made as botbuilder makes
 * it, and the Graph installer and directory are built as the server builds them. Each either
 * works (the installer installs as the app in the package's webApplicationInfo, against a
 * Graph stand-in that refuses any other, and the directory reads the tenant) or is refused at
 * start with a message that says what to set. Entra's token endpoint is the one stand-in
 * here: it issues a token per app id, which the Graph stand-in knows.
 */
const TENANT = '11111111-2222-4333-8444-000000000001';
const BOT = 'b0b0b0b0-0000-4000-8000-0000000000b0';
const TAB = '7ab07ab0-0000-4000-8000-0000000007ab';
const TEAMS_APP = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const tokenOf = (appId: string | undefined) => `entra-token-for-${appId ?? 'system-assigned'}`;
const entraStandIn: TokenSource = (credential) => ({ getAccessToken: async () => (credential.kind === 'static-token' ? credential.token : tokenOf(graphAppIdOf(credential))) });

let graph: GraphStandIn;
beforeAll(async () => {
  const people = councilTenant();
  graph = await startGraphStandIn({
    token: tokenOf(TAB),
    webApplicationInfoId: TAB,
    tokens: { [tokenOf(BOT)]: BOT },
    teamsAppId: TEAMS_APP,
    users: people.map((p) => p.id),
    directory: people,
  });
});
afterAll(() => graph.close());

/** The bot's sign-in, as a council would give it for each app type. */
function botEnv(type: BotAppType): Record<string, string> {
  const common = { MicrosoftAppId: BOT, MicrosoftAppTenantId: TENANT, MicrosoftAppType: type };
  return type === 'UserAssignedMSI' ? common : { ...common, MicrosoftAppPassword: 'bot-secret' };
}

/** Starts as the server does, up to the point where Graph and the Bot Framework are used. */
async function start(env: Record<string, string>) {
  const config = readConfig({ PHC_GRAPH_BASE_URL: graph.baseUrl, ...env });
  createAdapter(config.bot); // botbuilder's own checks run here
  const { operational, stores } = openSqlite(':memory:');
  try {
    const installer = config.graph ? graphAppInstallerFor(config.graph, config.bot, operational.conversations, { tokens: entraStandIn }) : undefined;
    const directory = config.directory.graph ? graphDirectoryFor(config.directory.graph, COUNCIL_MAPPING, { tokens: entraStandIn }) : undefined;
    const someone = asUserId(guid(100 + Math.floor(Math.random() * 40)));
    graph.installs.delete(someone);
    graph.installations.delete(someone);
    return {
      config,
      install: await installer?.install(someone),
      people: directory ? (await directory.read()).organisation.people.length : undefined,
    };
  } finally {
    await stores.close();
  }
}

describe.each(BOT_APP_TYPES)('MicrosoftAppType=%s', (type) => {
  // One Entra app for the tab and Graph: the bot's own, except that a managed identity cannot
  // be a tab's sign-in app, so beside one Graph acts as the tab's app.
  const oneApp: Record<string, string> = type === 'UserAssignedMSI' ? { PHC_TAB_CLIENT_ID: TAB, PHC_GRAPH_CLIENT_ID: TAB, PHC_GRAPH_CLIENT_SECRET: 'tab-secret' } : { PHC_TAB_CLIENT_ID: BOT };
  const installs = { PHC_TEAMS_APP_ID: TEAMS_APP };
  const directory = { PHC_DIRECTORY: 'graph' };
  // The package's webApplicationInfo names the tab's app; with one app, the bot's.
  const webApp = type === 'UserAssignedMSI' ? TAB : BOT;

  beforeEach(() => {
    // The Graph stand-in lets only the package's webApplicationInfo app install itself.
    graph.webApplicationInfoId = webApp;
  });

  it('starts with neither installs nor the Graph directory', async () => {
    expect((await start({ ...botEnv(type) })).config.bot.appType).toBe(type);
  });

  it('starts with the Graph directory, and reads the tenant', async () => {
    const started = await start({ ...botEnv(type), ...directory });
    expect(started.people).toBe(44);
    // A managed identity's bot reads it as that identity; otherwise as the bot's app.
    expect(started.config.directory.graph?.identity.credential).toMatchObject(type === 'UserAssignedMSI' ? { kind: 'managed-identity', clientId: BOT } : { kind: 'secret', clientId: BOT });
  });

  it("starts with installs and the Graph directory, and installs as the app in the package's webApplicationInfo", async () => {
    const started = await start({ ...botEnv(type), ...oneApp, ...installs, ...directory });
    expect(started.install).toEqual({ kind: 'requested' });
    expect(graph.requests.filter((r) => r.method === 'POST').pop()).toMatchObject({ app: webApp });
    expect(started.people).toBe(44);
  });

  it("is refused at start, saying what to set, when Graph would install as another app than the tab's", async () => {
    const tabApart = { PHC_TAB_CLIENT_ID: TAB };
    const refused =
      type === 'UserAssignedMSI'
        ? /webApplicationInfo[\s\S]*PHC_TAB_CLIENT_ID=7ab07ab0[\s\S]*set PHC_GRAPH_CLIENT_ID=7ab07ab0/
        : /webApplicationInfo[\s\S]*PHC_TAB_CLIENT_ID=7ab07ab0[\s\S]*PHC_TAB_CLIENT_ID=MicrosoftAppId[\s\S]*PHC_GRAPH_CLIENT_ID=7ab07ab0/;
    await expect(start({ ...botEnv(type), ...tabApart, ...installs })).rejects.toThrow(refused);
    await expect(start({ ...botEnv(type), ...installs })).rejects.toThrow(/set PHC_TAB_CLIENT_ID/);
  });
});

describe('refused at start in words that say what to set', () => {
  it.each([
    ['a managed identity with a password', { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: BOT, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'x' }, /remove MicrosoftAppPassword/],
    ['a managed identity without its tenant', { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: BOT }, /needs MicrosoftAppTenantId/],
    [
      "a managed identity as the tab's sign-in app",
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: BOT, MicrosoftAppTenantId: TENANT, PHC_TAB_CLIENT_ID: BOT, PHC_TEAMS_APP_ID: TEAMS_APP },
      /cannot be the tab's sign-in app/,
    ],
    ['a single-tenant bot without its secret', { MicrosoftAppId: BOT, MicrosoftAppTenantId: TENANT }, /needs MicrosoftAppTenantId and MicrosoftAppPassword/],
    ['a multi-tenant bot without its secret', { MicrosoftAppType: 'MultiTenant', MicrosoftAppId: BOT }, /MultiTenant needs MicrosoftAppPassword/],
    ['an app type botbuilder does not know', { MicrosoftAppType: 'Federated', MicrosoftAppId: BOT }, /MicrosoftAppType must be SingleTenant, UserAssignedMSI or MultiTenant/],
  ])('%s', async (_what, env, message) => {
    await expect(start(env)).rejects.toThrow(message);
  });

  it('takes the app type in any case, as botbuilder does', async () => {
    expect((await start({ ...botEnv('UserAssignedMSI'), MicrosoftAppType: 'UserAssignedMsi' })).config.bot.appType).toBe('UserAssignedMSI');
  });
});

describe('the real server (src/server/main.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-wiring-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts with a managed-identity bot, installs for staff and the Graph directory', async () => {
    const server = await startServer(path.join(dir, 'data'), {
      ...botEnv('UserAssignedMSI'),
      PHC_TAB_CLIENT_ID: TAB,
      PHC_GRAPH_CLIENT_ID: TAB,
      PHC_GRAPH_CLIENT_SECRET: 'tab-secret',
      PHC_TEAMS_APP_ID: TEAMS_APP,
      PHC_DIRECTORY: 'graph',
      PHC_GRAPH_BASE_URL: graph.baseUrl,
    });
    try {
      expect(server.output()).toContain('Bot Framework tokens required');
    } finally {
      await server.stop();
    }
  });

  it("refuses to start when Graph would install as another app than the tab's, and says what to set", async () => {
    await expect(startServer(path.join(dir, 'data'), { ...botEnv('SingleTenant'), PHC_TAB_CLIENT_ID: TAB, PHC_TEAMS_APP_ID: TEAMS_APP })).rejects.toThrow(
      /webApplicationInfo[\s\S]*PHC_GRAPH_CLIENT_ID=7ab07ab0/,
    );
  });
});
