import { runTenantSmoke, SMOKE_LIST } from '../../scripts/smoke-tenant';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connectorStandIn';
import { startGraphFrontDoor, type GraphFrontDoor } from '../support/graphFrontDoor';
import { startGraphStandIn, type GraphStandIn } from '../support/graphStandIn';
import { startSharePointStandIn, type SharePointStandIn } from '../support/sharepointStandIn';

const TOKEN = 'stand-in-token';
const TEAMS_APP = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const TAB = '7ab07ab0-0000-4000-8000-0000000007ab';
const TESTER = 'aaaaaaaa-0000-4000-8000-000000000001';
const NEWCOMER = 'aaaaaaaa-0000-4000-8000-000000000002';

describe('npm run smoke:tenant', () => {
  it('is skipped, saying what to set, without a test site and a test user', async () => {
    const lines: string[] = [];
    expect(await runTenantSmoke({}, (l) => lines.push(l))).toBe('skipped');
    expect(lines.join('\n')).toMatch(/skipped: set PHC_SMOKE_SHAREPOINT_SITE .* and PHC_SMOKE_USER/);
    expect(await runTenantSmoke({ PHC_SMOKE_SHAREPOINT_SITE: 'https://contoso.sharepoint.com/sites/test', PHC_SMOKE_USER: TESTER }, (l) => lines.push(l))).toBe('skipped');
    expect(lines.join('\n')).toContain('set PHC_TEAMS_APP_ID');
  });

  describe('against the stand-ins as the tenant', () => {
    let sp: SharePointStandIn;
    let teams: GraphStandIn;
    let connector: ConnectorStandIn;
    let graph: GraphFrontDoor;
    beforeEach(async () => {
      sp = await startSharePointStandIn({ ruPerMinute: 1_000_000 });
      teams = await startGraphStandIn({ token: TOKEN, webApplicationInfoId: TAB, teamsAppId: TEAMS_APP, users: [TESTER, NEWCOMER], preinstalled: [TESTER] });
      connector = await startConnectorStandIn({ keepActivities: true });
      graph = await startGraphFrontDoor([
        { prefix: '/sites', baseUrl: sp.baseUrl },
        { prefix: '/$batch', baseUrl: sp.baseUrl },
        { prefix: '/users', baseUrl: teams.baseUrl },
      ]);
    });
    afterEach(async () => {
      await graph.close();
      await Promise.all([sp.close(), teams.close(), connector.close()]);
    });

    const env = (user: string) => ({
      PHC_SMOKE_SHAREPOINT_SITE: sp.site.webUrl,
      PHC_SMOKE_USER: user,
      PHC_GRAPH_BASE_URL: graph.baseUrl,
      PHC_GRAPH_STATIC_TOKEN: TOKEN,
      PHC_TEAMS_APP_ID: TEAMS_APP,
      PHC_TAB_CLIENT_ID: TAB,
      PHC_BOT_SERVICE_URL: connector.serviceUrl,
    });

    it('provisions the throwaway list, writes and reads through $batch, runs a delta round, and sends the test user one card', async () => {
      const lines: string[] = [];
      const outcome = await runTenantSmoke(env(TESTER), (l) => lines.push(l));
      expect(lines.join('\n')).toContain('One delta round');
      expect(outcome).toBe('passed');
      expect(lines).toEqual(expect.arrayContaining([`Provisioned the list "${SMOKE_LIST}".`, 'Wrote an item and read it back through $batch.', 'Sent the test user one card.']));
      expect(sp.itemsPerList()[SMOKE_LIST]).toBe(0); // the item is cleaned up; the list stays
      expect(connector.received.get(teams.chatOf(TESTER))).toHaveLength(1);
      // A second run finds the list it made.
      expect(await runTenantSmoke(env(TESTER), (l) => lines.push(l))).toBe('passed');
      expect(lines).toContain(`The list "${SMOKE_LIST}" is already there.`);
    });

    it('installs the app for a test user who does not have it, waits for Teams to show it, then sends the card', async () => {
      const lines: string[] = [];
      const outcome = await runTenantSmoke(env(NEWCOMER), (l) => lines.push(l), { sleep: async () => undefined });
      expect(outcome).toBe('passed');
      expect(lines).toContain('Asked Teams to install the app for the test user; waiting for it to show.');
      expect(teams.installs.get(NEWCOMER)).toBe(1);
      expect(connector.received.get(teams.chatOf(NEWCOMER))).toHaveLength(1);
    });

    it('fails, saying why, when Graph refuses to install the app', async () => {
      teams.noPermission = true;
      const lines: string[] = [];
      expect(await runTenantSmoke(env(NEWCOMER), (l) => lines.push(l))).toBe('failed');
      expect(lines.join('\n')).toMatch(/could not install the app for the test user: .*TeamsAppInstallation.ReadWriteSelfForUser.All/);
    });
  });
});
