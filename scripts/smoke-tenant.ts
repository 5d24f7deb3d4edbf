/**
 * `npm run smoke:tenant`: an opt-in check of a council's tenant on its first day, against
 * Microsoft's real services, of what the local stand-ins model (docs/smoke-tenant.md):
 *
 * 1. SharePoint: provisions a throwaway list ("PHC Smoke Test") on a test site, writes an item
 *    and reads it back through `$batch`, and runs one delta round (a full read, a change, the
 *    change seen through the delta link); the item is deleted at the end.
 * 2. Teams: installs the app for one named test user through Graph (or finds it, if an admin's
 *    setup policy already installed it), finds their chat with the app and sends them one card.
 *
 * It uses the app's own configuration (the same environment as `npm start`), and is skipped,
 * saying what to set, without PHC_SMOKE_SHAREPOINT_SITE and PHC_SMOKE_USER.
 */
import { createAdapter } from '../src/bot/adapter';
import { createBotMessenger } from '../src/bot/proactive/botMessenger';
import { graphAppInstallerFor, graphClientFor } from '../src/adapters/graph/fromConfig';
import type { GraphClient } from '../src/adapters/graph/graphClient';
import { graphMessage, sendBatch } from '../src/adapters/sharepoint/graphBatch';
import { columnDefinition } from '../src/adapters/sharepoint/provision';
import { phcId, text } from '../src/adapters/sharepoint/lists/spec';
import { readLists, resolveSite } from '../src/adapters/sharepoint/site';
import { openSqlite } from '../src/adapters/sqlite/sqliteStores';
import { readConfig, type Config } from '../src/config';
import { asUserId } from '../src/domain/shared/brand';

export type SmokeOutcome = 'passed' | 'skipped' | 'failed';

export const SMOKE_LIST = 'PHC Smoke Test';
const LOCAL = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

export interface TenantSmokeOptions {
  /** How long to wait for Teams to show an app it was just asked to install (default 60 s). */
  readonly installWaitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class SmokeFailure extends Error {}

export async function runTenantSmoke(env: NodeJS.ProcessEnv, log: (line: string) => void, options: TenantSmokeOptions = {}): Promise<SmokeOutcome> {
  const site = env.PHC_SMOKE_SHAREPOINT_SITE?.trim();
  const user = env.PHC_SMOKE_USER?.trim();
  if (!site || !user) {
    log(
      'Tenant smoke test skipped: set PHC_SMOKE_SHAREPOINT_SITE (a test site, e.g. https://contoso.sharepoint.com/sites/phc-test) and PHC_SMOKE_USER (the Entra object id of a test user who may get one Teams message), ' +
        "with the app's own settings (MicrosoftAppId and its credentials, PHC_TAB_CLIENT_ID, PHC_TEAMS_APP_ID, and PHC_GRAPH_* if Graph acts as another app). See docs/smoke-tenant.md.",
    );
    return 'skipped';
  }
  let config: Config;
  try {
    config = readConfig(env);
  } catch (error) {
    log(`Tenant smoke test skipped: the app's configuration is not usable: ${(error as Error).message}`);
    return 'skipped';
  }
  if (!config.graph) {
    log("Tenant smoke test skipped: set PHC_TEAMS_APP_ID (the app's id in the organisation's Teams app catalog) so it can install the app for the test user.");
    return 'skipped';
  }
  const againstStandIn = LOCAL.test(`${config.graph.identity.baseUrl}/`);
  if (!config.bot.appId && !againstStandIn) {
    log('Tenant smoke test skipped: set MicrosoftAppId (and its credentials) so the bot can send the test card.');
    return 'skipped';
  }
  const client = graphClientFor(config.graph.identity);
  try {
    await sharePointRound(client, site, log);
    await teamsRound(config, asUserId(user), log, options);
    log('Tenant smoke test passed.');
    return 'passed';
  } catch (error) {
    log(`Tenant smoke test failed: ${error instanceof SmokeFailure ? error.message : (error as Error).message}`);
    return 'failed';
  }
}

async function sharePointRound(client: GraphClient, siteRef: string, log: (line: string) => void): Promise<void> {
  const site = await resolveSite(client, siteRef);
  log(`SharePoint site: ${site.webUrl ?? site.id}`);
  const lists = `/sites/${site.id}/lists`;
  let list = (await readLists(client, site.id)).find((l) => l.displayName === SMOKE_LIST);
  if (!list) {
    const made = await client.request('POST', lists, {
      displayName: SMOKE_LIST,
      description: 'Practice Health Check: made by npm run smoke:tenant; safe to delete.',
      list: { template: 'genericList' },
      columns: [phcId, text('Note', 'Note')].map(columnDefinition),
    });
    if (made.status !== 201)
      throw new SmokeFailure(
        `SharePoint refused to make the list "${SMOKE_LIST}" (${made.status}${graphMessage(made.body)}): the app needs Sites.Selected with "manage" on this site, or Sites.Manage.All.`,
      );
    list = { id: (made.body as { id: string }).id, displayName: SMOKE_LIST, columns: [] };
    log(`Provisioned the list "${SMOKE_LIST}".`);
  } else log(`The list "${SMOKE_LIST}" is already there.`);
  const items = `${lists}/${list.id}/items`;
  const key = `smoke-${Date.now().toString(36)}`;

  const written = (await sendBatch(client, [{ id: '1', method: 'POST', url: items, body: { fields: { Title: 'Smoke test', PhcId: key, Note: 'written' } } }])).get('1');
  const itemId = (written?.body as { id?: unknown } | undefined)?.id;
  if (written?.status !== 201 || typeof itemId !== 'string') throw new SmokeFailure(`writing an item through $batch was answered ${written?.status ?? 'not at all'}${graphMessage(written?.body)}.`);
  try {
    const read = (await sendBatch(client, [{ id: '1', method: 'GET', url: `${items}/${itemId}?$expand=fields` }])).get('1');
    const note = (read?.body as { fields?: { PhcId?: unknown; Note?: unknown } } | undefined)?.fields;
    if (read?.status !== 200 || note?.PhcId !== key || note.Note !== 'written')
      throw new SmokeFailure(`reading the item back through $batch gave ${read?.status ?? 'no answer'} and ${JSON.stringify(note ?? null)}.`);
    log('Wrote an item and read it back through $batch.');

    // One delta round: everything, then a change, then only the change.
    let url = `${items}/delta?$expand=fields`;
    let deltaLink: string | undefined;
    let seen = 0;
    while (deltaLink === undefined) {
      const page = await client.request('GET', url);
      if (page.status !== 200) throw new SmokeFailure(`the delta query was answered ${page.status}${graphMessage(page.body)}.`);
      const body = page.body as { value?: unknown[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
      seen += body.value?.length ?? 0;
      if (body['@odata.nextLink']) url = body['@odata.nextLink'];
      else if (body['@odata.deltaLink']) deltaLink = body['@odata.deltaLink'];
      else throw new SmokeFailure('the delta query gave neither a next link nor a delta link.');
    }
    const changed = (await sendBatch(client, [{ id: '1', method: 'PATCH', url: `${items}/${itemId}/fields`, body: { Note: 'changed' } }])).get('1');
    if (changed?.status !== 200) throw new SmokeFailure(`changing the item through $batch was answered ${changed?.status ?? 'not at all'}${graphMessage(changed?.body)}.`);
    const round = await client.request('GET', deltaLink);
    const changes = ((round.body as { value?: { id?: unknown; fields?: { Note?: unknown } }[] } | undefined)?.value ?? []).filter((i) => String(i.id) === itemId);
    if (round.status !== 200 || changes[changes.length - 1]?.fields?.Note !== 'changed') throw new SmokeFailure(`the delta link did not show the change (${round.status}${graphMessage(round.body)}).`);
    log(`One delta round: ${seen} item(s) on the first read, then the change through the delta link.`);
  } finally {
    const removed = await client.request('DELETE', `${items}/${itemId}`).catch(() => undefined);
    log(
      removed && (removed.status === 204 || removed.status === 404)
        ? 'Deleted the test item (the list stays, for next time).'
        : `Could not delete the test item ${itemId} from "${SMOKE_LIST}": delete it by hand.`,
    );
  }
}

async function teamsRound(config: Config, user: ReturnType<typeof asUserId>, log: (line: string) => void, options: TenantSmokeOptions): Promise<void> {
  const installs = config.graph;
  if (!installs) return;
  // The smoke test's own conversations: none, so the service URL is PHC_BOT_SERVICE_URL or Teams' global one.
  const { operational, stores } = openSqlite(':memory:');
  try {
    const installer = graphAppInstallerFor(installs, config.bot, operational.conversations);
    const sleep = options.sleep ?? realSleep;
    const deadline = Date.now() + (options.installWaitMs ?? 60_000);
    let outcome = await installer.install(user);
    if (outcome.kind === 'requested') log('Asked Teams to install the app for the test user; waiting for it to show.');
    while (outcome.kind === 'requested' && Date.now() < deadline) {
      await sleep(5_000);
      outcome = await installer.install(user);
    }
    if (outcome.kind !== 'reachable') {
      throw new SmokeFailure(
        outcome.kind === 'requested'
          ? 'Teams had not shown the app for the test user after a minute; run it again in a few minutes.'
          : `could not install the app for the test user: ${outcome.reason}.`,
      );
    }
    log(`The test user has the app; their chat with it is ${String((outcome.reference.conversation as { id?: unknown }).id)}.`);
    const messenger = createBotMessenger({ adapter: createAdapter(config.bot), appId: config.bot.appId ?? '', minutes: 15 });
    const sent = await messenger.send(
      { kind: 'you-said-we-did', update: { message: 'This is a set-up check from Practice Health Check (npm run smoke:tenant). You can ignore it.', actions: [] } },
      outcome.reference,
    );
    if (sent.kind !== 'sent') throw new SmokeFailure(`the test card was not sent: ${sent.reason}.`);
    log('Sent the test user one card.');
  } finally {
    await stores.close();
  }
}

if (require.main === module) {
  void runTenantSmoke(process.env, (line) => console.log(line)).then((outcome) => {
    process.exitCode = outcome === 'failed' ? 1 : 0;
  });
}
