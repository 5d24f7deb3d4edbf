import { ResponseType } from '@microsoft/microsoft-graph-client';
import type { UserId } from '../../domain/shared/brand';
import type { AppInstaller, InstallOutcome } from '../../ports/messenger';
import type { GraphClient } from './graphClient';

export interface GraphAppInstallerOptions {
  readonly client: GraphClient;
  /**
   * The app's id in the organisation's Teams app catalog (`GET /appCatalogs/teamsApps?$filter=externalId eq '{manifest id}'`),
   * not the manifest id, unless the app comes from the Teams Store.
   */
  readonly teamsAppId: string;
}

/** Entra object ids are GUIDs; demo ids such as `demo-sw-01` are not and never reach Graph. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Installs the Teams app in a person's personal scope with Graph
 * (`POST /users/{id}/teamwork/installedApps`, application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All). Retries, throttling, auth and timeouts are
 * the client's middleware; this only maps the answer to an outcome. Never throws.
 */
export function createGraphAppInstaller(options: GraphAppInstallerOptions): AppInstaller {
  const bind = `${options.client.baseUrl}/appCatalogs/teamsApps/${encodeURIComponent(options.teamsAppId)}`;
  return {
    async install(userId: UserId): Promise<InstallOutcome> {
      if (!GUID.test(userId)) {
        return { kind: 'failed', reason: 'this person has no Microsoft Entra object id, so the app cannot be installed for them' };
      }
      try {
        // RAW: the status is ours to read; the SDK would otherwise turn every non-2xx into a thrown GraphError.
        const response = (await options.client.sdk
          .api(`/users/${userId}/teamwork/installedApps`)
          .responseType(ResponseType.RAW)
          .post({ 'teamsApp@odata.bind': bind })) as Response;
        await response.body?.cancel();
        return outcomeOf(response.status);
      } catch (error) {
        return { kind: 'failed', reason: `could not reach Microsoft Graph (${describe(error)})` };
      }
    },
  };
}

function outcomeOf(status: number): InstallOutcome {
  switch (status) {
    case 201:
      return { kind: 'requested' };
    case 409:
      // Already installed for this person. Reinstalling would not help: Teams sends the
      // conversationUpdate once the bot is reachable, and the sender keeps waiting for it.
      // (The chat could also be found with GET /users/{id}/teamwork/installedApps/{id}/chat.)
      return { kind: 'requested' };
    case 401:
      return { kind: 'failed', reason: 'Microsoft Graph did not accept the app\'s token (401): check the app registration and its secret' };
    case 403:
      return { kind: 'unavailable', reason: 'the app is not allowed to install itself for staff: grant TeamsAppInstallation.ReadWriteSelfForUser.All' };
    case 404:
      return { kind: 'failed', reason: "this person is not in the organisation's directory" };
    case 429:
      return { kind: 'failed', reason: 'Microsoft Graph is throttling the app (429); will try again later' };
    default:
      return { kind: 'failed', reason: `Microsoft Graph answered ${status} to the install request` };
  }
}

function describe(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}
