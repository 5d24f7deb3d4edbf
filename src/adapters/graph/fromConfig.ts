import type { BotConfig, GraphCredential, GraphIdentity, InstallsConfig } from '../../config';
import type { DirectoryMapping } from '../../domain/organisation/directoryMapping';
import type { ConversationStore } from '../../ports/conversations';
import type { AppInstaller } from '../../ports/messenger';
import { createGraphAppInstaller } from './graphAppInstaller';
import { createGraphClient, graphUserAgent, managedIdentityTokenProvider, msalTokenProvider, type GraphClient, type TokenProvider } from './graphClient';
import { GraphDirectory } from './graphDirectory';

/**
 * The Graph clients and adapters the configuration asks for, built one way for the server,
 * the CLI and the start-up checks. `tokens` is where Entra tokens come from: MSAL (a secret or
 * a certificate) or the Azure host's managed identity by default; tests pass a stand-in's.
 */
export type TokenSource = (credential: GraphCredential) => TokenProvider;

/** The token provider a credential asks for: MSAL with a certificate or secret, the managed identity, or a stand-in's fixed token. */
export const entraTokens: TokenSource = (credential) => {
  switch (credential.kind) {
    case 'static-token':
      return { getAccessToken: async () => credential.token };
    case 'managed-identity':
      return managedIdentityTokenProvider({ clientId: credential.clientId });
    case 'certificate':
      return msalTokenProvider({
        tenantId: credential.tenantId,
        clientId: credential.clientId,
        certificatePrivateKey: credential.certificatePrivateKey,
        certificateThumbprint: credential.certificateThumbprint,
      });
    case 'secret':
      return msalTokenProvider({ tenantId: credential.tenantId, clientId: credential.clientId, clientSecret: credential.clientSecret });
  }
};

export interface GraphWiringOptions {
  readonly tokens?: TokenSource;
  readonly log?: (line: string) => void;
}

export function graphClientFor(identity: GraphIdentity, options: GraphWiringOptions = {}): GraphClient {
  return createGraphClient({
    baseUrl: identity.baseUrl,
    tokenProvider: (options.tokens ?? entraTokens)(identity.credential),
    userAgent: graphUserAgent(identity.councilName),
    ...(options.log ? { log: options.log } : {}),
  });
}

/** Teams' global Bot Connector endpoint, for a tenant the bot has no conversation with yet. */
export const GLOBAL_TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

/**
 * Installs (and finds) the app for staff as the configured Graph identity. Someone who already
 * has it is reached through the Bot Connector at `PHC_BOT_SERVICE_URL`, else where the bot
 * already reaches someone (any service URL of the tenant keeps working for it), else Teams'
 * global endpoint.
 */
export function graphAppInstallerFor(installs: InstallsConfig, bot: BotConfig, conversations: Pick<ConversationStore, 'list'>, options: GraphWiringOptions = {}): AppInstaller {
  return createGraphAppInstaller({
    client: graphClientFor(installs.identity, options),
    teamsAppId: installs.teamsAppId,
    bot: {
      appId: bot.appId ?? '',
      tenantId: bot.appTenantId,
      async serviceUrl() {
        if (installs.botServiceUrl) return installs.botServiceUrl;
        const known = (await conversations.list({ limit: 1 })).items[0]?.reference.serviceUrl;
        return typeof known === 'string' && known !== '' ? known : GLOBAL_TEAMS_SERVICE_URL;
      },
    },
  });
}

/** The organisation from the tenant, for `PHC_DIRECTORY=graph`. */
export function graphDirectoryFor(
  directory: { readonly identity: GraphIdentity; readonly managers: 'expand' | 'per-user' },
  mapping: DirectoryMapping,
  options: GraphWiringOptions = {},
): GraphDirectory {
  return new GraphDirectory({ client: graphClientFor(directory.identity, options), mapping, managers: directory.managers });
}
