import * as path from 'node:path';

/** Everything the app reads from its environment, in one place. */
export interface Config {
  /** Where the SQLite file lives. `PHC_DATA_DIR`, default `./data`. */
  readonly dataDir: string;
  /** HTTP port. `PORT`, default 3978 (the Bot Framework convention the Agents Playground expects). */
  readonly port: number;
  /** Load the fictional demo organisation on start. `PHC_DEMO`, default on with no tenant. */
  readonly demo: boolean;
  /**
   * The bot's Entra app registration. With no `MicrosoftAppId` the bot runs in local mode for
   * the Agents Playground (no tokens checked); with one, every request must carry a valid
   * Bot Framework token.
   */
  readonly bot: {
    readonly appId: string | undefined;
    readonly appPassword: string | undefined;
    readonly appTenantId: string | undefined;
    /** `SingleTenant` (client secret) or `UserAssignedMSI` (managed identity on Azure). */
    readonly appType: 'SingleTenant' | 'UserAssignedMSI';
  };
  /**
   * Microsoft Graph, to install the app for staff the bot has never talked to. Only with
   * `PHC_TEAMS_APP_ID` (the app's id in the org's Teams app catalog, not the manifest id);
   * the credentials are the bot's own (`MicrosoftAppTenantId`, `MicrosoftAppId`,
   * `MicrosoftAppPassword`). `PHC_GRAPH_BASE_URL`, default `https://graph.microsoft.com/v1.0`.
   */
  readonly graph?: {
    readonly teamsAppId: string;
    readonly baseUrl: string;
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: string;
  };
  /**
   * The tab's sign-in and who holds the roles the directory does not record. With no
   * `PHC_TAB_CLIENT_ID` the tab runs in local mode: a persona switcher over the directory,
   * no tokens checked. With one, every API request needs an Entra token for that app.
   */
  readonly tab: TabConfig;
}

export interface TabConfig {
  /** `PHC_TAB_CLIENT_ID`: the tab's Entra app (client) id, the token audience. */
  readonly clientId: string | undefined;
  /** `PHC_TAB_TENANT_ID`, else `MicrosoftAppTenantId`: only tokens from this tenant. */
  readonly tenantId: string | undefined;
  /** `PHC_TAB_DOMAIN`: the host in `api://<domain>/<clientId>`; any host when unset. */
  readonly domain: string | undefined;
  /** `PHC_ENTRA_KEYS_BASE`, default `https://login.microsoftonline.com`: where `{tid}/discovery/v2.0/keys` is. */
  readonly keysBaseUrl: string;
  /** `PHC_ADMINS`: comma-separated person ids with the PSW's reach. */
  readonly admins: readonly string[];
  /** `PHC_MANAGEMENT_TEAM`: comma-separated person ids who see every aggregate. */
  readonly managementTeam: readonly string[];
  /** `PHC_TAB_LOCAL_ANYWHERE=on`: local mode (personas) from other machines too; demo data only. */
  readonly localFromAnywhere?: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  return {
    dataDir: path.resolve(env.PHC_DATA_DIR ?? 'data'),
    port,
    demo: (env.PHC_DEMO ?? 'on') !== 'off',
    bot: {
      appId: nonEmpty(env.MicrosoftAppId),
      appPassword: nonEmpty(env.MicrosoftAppPassword),
      appTenantId: nonEmpty(env.MicrosoftAppTenantId),
      appType: env.MicrosoftAppType === 'UserAssignedMSI' ? 'UserAssignedMSI' : 'SingleTenant',
    },
    ...graphConfig(env),
    tab: tabConfig(env),
  };
}

function tabConfig(env: NodeJS.ProcessEnv): TabConfig {
  const keysBaseUrl = (nonEmpty(env.PHC_ENTRA_KEYS_BASE) ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  if (!URL.canParse(keysBaseUrl)) throw new Error(`PHC_ENTRA_KEYS_BASE must be a URL, not "${keysBaseUrl}".`);
  const list = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return {
    clientId: nonEmpty(env.PHC_TAB_CLIENT_ID),
    tenantId: nonEmpty(env.PHC_TAB_TENANT_ID) ?? nonEmpty(env.MicrosoftAppTenantId),
    domain: nonEmpty(env.PHC_TAB_DOMAIN),
    keysBaseUrl,
    admins: list(env.PHC_ADMINS),
    managementTeam: list(env.PHC_MANAGEMENT_TEAM),
    localFromAnywhere: env.PHC_TAB_LOCAL_ANYWHERE === 'on',
  };
}

function graphConfig(env: NodeJS.ProcessEnv): Pick<Config, 'graph'> {
  const teamsAppId = nonEmpty(env.PHC_TEAMS_APP_ID);
  if (!teamsAppId) return {};
  const [tenantId, clientId, clientSecret] = [nonEmpty(env.MicrosoftAppTenantId), nonEmpty(env.MicrosoftAppId), nonEmpty(env.MicrosoftAppPassword)];
  // Said at start-up rather than discovered at the first install.
  if (!tenantId || !clientId || !clientSecret) {
    throw new Error('PHC_TEAMS_APP_ID is set, so installing the app needs MicrosoftAppTenantId, MicrosoftAppId and MicrosoftAppPassword too.');
  }
  const baseUrl = (nonEmpty(env.PHC_GRAPH_BASE_URL) ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) throw new Error(`PHC_GRAPH_BASE_URL must be a URL, not "${baseUrl}".`);
  return { graph: { teamsAppId, baseUrl, tenantId, clientId, clientSecret } };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
