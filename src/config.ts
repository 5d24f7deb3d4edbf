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
   * Where the organisation comes from. `PHC_DIRECTORY`: `stored` (default: the last
   * `phc org import`, else the demo) or `graph` (`phc org sync` reads the tenant through
   * Microsoft Graph and stores a snapshot; the app reads the snapshot). With `graph` the demo
   * organisation is off unless `PHC_DEMO=on`.
   */
  readonly directory: DirectoryConfig;
}

export interface DirectoryConfig {
  readonly source: 'stored' | 'graph';
  /** Only for `graph`: the bot's credentials (`MicrosoftAppTenantId`, `MicrosoftAppId`, `MicrosoftAppPassword`). */
  readonly graph?: {
    readonly baseUrl: string;
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** `PHC_DIRECTORY_MAPPING`: a JSON file (relative to where phc runs) mapping job titles to roles and departments to teams; the built-in titles without it. */
    readonly mappingFile: string | undefined;
    /** `PHC_GRAPH_MANAGERS`: `expand` (default, managers with each page of users) or `per-user`. */
    readonly managers: 'expand' | 'per-user';
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const directory = directoryConfig(env);
  return {
    dataDir: path.resolve(env.PHC_DATA_DIR ?? 'data'),
    port,
    // A tenant's directory replaces the demo: fictional people must not be planned audits in a real council.
    demo: (env.PHC_DEMO ?? (directory.source === 'graph' ? 'off' : 'on')) !== 'off',
    directory,
    bot: {
      appId: nonEmpty(env.MicrosoftAppId),
      appPassword: nonEmpty(env.MicrosoftAppPassword),
      appTenantId: nonEmpty(env.MicrosoftAppTenantId),
      appType: env.MicrosoftAppType === 'UserAssignedMSI' ? 'UserAssignedMSI' : 'SingleTenant',
    },
    ...graphConfig(env),
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

function directoryConfig(env: NodeJS.ProcessEnv): DirectoryConfig {
  const source = (nonEmpty(env.PHC_DIRECTORY) ?? 'stored').toLowerCase();
  if (source === 'stored') return { source: 'stored' };
  if (source !== 'graph') throw new Error(`PHC_DIRECTORY must be "stored" or "graph", not "${env.PHC_DIRECTORY}".`);
  const [tenantId, clientId, clientSecret] = [nonEmpty(env.MicrosoftAppTenantId), nonEmpty(env.MicrosoftAppId), nonEmpty(env.MicrosoftAppPassword)];
  if (!tenantId || !clientId || !clientSecret) {
    throw new Error('PHC_DIRECTORY=graph reads the directory with the app\'s own identity, so it needs MicrosoftAppTenantId, MicrosoftAppId and MicrosoftAppPassword.');
  }
  const baseUrl = (nonEmpty(env.PHC_GRAPH_BASE_URL) ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) throw new Error(`PHC_GRAPH_BASE_URL must be a URL, not "${baseUrl}".`);
  const managers = (nonEmpty(env.PHC_GRAPH_MANAGERS) ?? 'expand').toLowerCase();
  if (managers !== 'expand' && managers !== 'per-user') throw new Error(`PHC_GRAPH_MANAGERS must be "expand" or "per-user", not "${env.PHC_GRAPH_MANAGERS}".`);
  const mappingFile = nonEmpty(env.PHC_DIRECTORY_MAPPING);
  return { source: 'graph', graph: { baseUrl, tenantId, clientId, clientSecret, mappingFile, managers } };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
