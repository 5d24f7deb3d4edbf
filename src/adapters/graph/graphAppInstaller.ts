import type { UserId } from '../../domain/shared/brand';
import type { AppInstaller, ConversationReference, InstallOutcome } from '../../ports/messenger';
import type { GraphAnswer, GraphClient } from './graphClient';

export interface GraphAppInstallerOptions {
  readonly client: GraphClient;
  /**
   * The app's id in the organisation's Teams app catalog (`GET /appCatalogs/teamsApps?$filter=externalId eq '{manifest id}'`),
   * not the manifest id, unless the app comes from the Teams Store.
   */
  readonly teamsAppId: string;
  /**
   * How to reach someone who already has the app: the bot's Microsoft app id, its tenant, and
   * where the Bot Connector is for them (asked when needed: it may come from a stored conversation).
   */
  readonly bot: { readonly appId: string; readonly tenantId: string | undefined; serviceUrl(): Promise<string> };
}

/** Entra object ids are GUIDs; demo ids such as `demo-sw-01` are not and never reach Graph. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Makes sure the Teams app is in a person's personal scope and, when it already is, says how
 * to reach them, with Graph (application permission TeamsAppInstallation.ReadWriteSelfForUser.All,
 * "Send proactive installation messages" in the Teams docs):
 *
 * 1. `GET /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '{app}'`:
 *    already installed (an admin's setup policy installs it for everyone, so this is the
 *    common case) → 2. Not installed → `POST /users/{id}/teamwork/installedApps`: 201 means
 *    Teams will send the bot a `conversationUpdate`; 409 (installed meanwhile) → 2.
 * 2. `GET …/installedApps/{installation id}/chat`: the chat's id, which with the bot's service
 *    URL is a conversation reference, so the person is messaged now instead of waiting for a
 *    `conversationUpdate` that an existing installation never sends.
 *
 * Retries, throttling, auth and timeouts are the client's middleware; this maps answers to
 * outcomes. Never throws.
 */
export function createGraphAppInstaller(options: GraphAppInstallerOptions): AppInstaller {
  const bind = `${options.client.baseUrl}/appCatalogs/teamsApps/${encodeURIComponent(options.teamsAppId)}`;
  const installations = (userId: string) => `/users/${userId}/teamwork/installedApps`;
  const filter = `$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${options.teamsAppId.replace(/'/g, "''")}'`)}`;

  /** The person's installation of this app, if they have it. */
  async function installationOf(userId: UserId): Promise<{ readonly id: string } | { readonly none: true } | { readonly outcome: InstallOutcome }> {
    const answer = await options.client.request('GET', `${installations(userId)}?${filter}`);
    if (answer.status !== 200) return { outcome: outcomeOf(answer, 'looking for the app') };
    const found = ((answer.body as { value?: { id?: unknown }[] } | undefined)?.value ?? []).find((v) => typeof v.id === 'string');
    return found ? { id: found.id as string } : { none: true };
  }

  /** The 1:1 chat between the person and the app, as a conversation reference. */
  async function reachable(userId: UserId, installationId: string): Promise<InstallOutcome> {
    const answer = await options.client.request('GET', `${installations(userId)}/${encodeURIComponent(installationId)}/chat`);
    const chatId = (answer.body as { id?: unknown } | undefined)?.id;
    if (answer.status !== 200 || typeof chatId !== 'string' || chatId === '') {
      return answer.status === 200
        ? { kind: 'failed', reason: 'the person has the app, but Microsoft Graph did not say which chat it is in; will try again later' }
        : outcomeOf(answer, 'finding their chat with the app');
    }
    return { kind: 'reachable', reference: await referenceTo(userId, chatId) };
  }

  async function referenceTo(userId: UserId, chatId: string): Promise<ConversationReference> {
    return {
      channelId: 'msteams',
      serviceUrl: await options.bot.serviceUrl(),
      conversation: { id: chatId, conversationType: 'personal', ...(options.bot.tenantId ? { tenantId: options.bot.tenantId } : {}) },
      bot: { id: `28:${options.bot.appId}` },
      user: { aadObjectId: userId },
    };
  }

  return {
    async install(userId: UserId): Promise<InstallOutcome> {
      if (!GUID.test(userId)) {
        return { kind: 'failed', reason: 'this person has no Microsoft Entra object id, so the app cannot be installed for them' };
      }
      try {
        const before = await installationOf(userId);
        if ('outcome' in before) return before.outcome;
        if ('id' in before) return await reachable(userId, before.id);
        const answer = await options.client.request('POST', installations(userId), { 'teamsApp@odata.bind': bind });
        if (answer.status === 201) return { kind: 'requested' };
        if (answer.status !== 409) return outcomeOf(answer, 'installing the app');
        // Installed meanwhile (by a setup policy, or the person): no conversationUpdate will come for it.
        const after = await installationOf(userId);
        if ('id' in after) return await reachable(userId, after.id);
        return 'outcome' in after ? after.outcome : { kind: 'failed', reason: 'Microsoft Graph says the person has the app but does not list it; will try again later' };
      } catch (error) {
        return { kind: 'failed', reason: `could not reach Microsoft Graph (${describe(error)})` };
      }
    },
  };
}

function outcomeOf(answer: GraphAnswer, doing: string): InstallOutcome {
  switch (answer.status) {
    case 401:
      return { kind: 'failed', reason: "Microsoft Graph did not accept the app's token (401): check the app registration and its secret" };
    case 403:
      // "AAD App Id '…' is not allowed to manage the Teams App '…'": the token's app is not the
      // one in the package's webApplicationInfo.
      if (/not allowed to manage/i.test(messageOf(answer))) {
        return {
          kind: 'unavailable',
          reason:
            "Microsoft Graph lets only the Entra app named in the Teams package's webApplicationInfo install it: build the package with TAB_CLIENT_ID set to the app Graph is called as (PHC_GRAPH_CLIENT_ID)",
        };
      }
      return { kind: 'unavailable', reason: 'the app is not allowed to install itself for staff: grant TeamsAppInstallation.ReadWriteSelfForUser.All' };
    case 404:
      return { kind: 'failed', reason: "this person is not in the organisation's directory" };
    case 429:
      return { kind: 'failed', reason: 'Microsoft Graph is throttling the app (429); will try again later' };
    default:
      return { kind: 'failed', reason: `Microsoft Graph answered ${answer.status} when ${doing}` };
  }
}

function messageOf(answer: GraphAnswer): string {
  const message = (answer.body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : '';
}

function describe(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}
