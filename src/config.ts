import * as fs from 'node:fs';
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
   * With the demo on, plan this council year's audits on start when none are planned, so the
   * tab's Audits page and the bot's reminders have something to show. `PHC_DEMO_AUDITS=off`
   * leaves planning to `phc audits plan` (the end-to-end tests that plan a year of their own).
   */
  readonly demoAudits: boolean;
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
  /**
   * SharePoint lists as the system of record, only with `PHC_SHAREPOINT_SITE` (README,
   * "SharePoint"). Without it SQLite holds everything.
   */
  readonly sharepoint?: SharePointConfig;
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

export interface SharePointConfig {
  /** `PHC_SHAREPOINT_SITE`: the site's address (https://contoso.sharepoint.com/sites/phc) or id. */
  readonly site: string;
  /** `PHC_GRAPH_BASE_URL`, default `https://graph.microsoft.com/v1.0` (tests: the stand-in). */
  readonly baseUrl: string;
  /**
   * App-only credentials: `PHC_GRAPH_TENANT_ID`, `PHC_GRAPH_CLIENT_ID` (default the bot's
   * `MicrosoftAppTenantId` and `MicrosoftAppId`) and either a certificate
   * (`PHC_GRAPH_CERTIFICATE_KEY_FILE`, a PEM private key, and `PHC_GRAPH_CERTIFICATE_THUMBPRINT`,
   * its SHA-256 thumbprint) or a secret (`PHC_GRAPH_CLIENT_SECRET`, default `MicrosoftAppPassword`).
   * On Azure, `PHC_GRAPH_MANAGED_IDENTITY=system` (or a user-assigned identity's client id)
   * uses the host's managed identity instead, with no secret at all.
   * `PHC_GRAPH_STATIC_TOKEN` is a fixed bearer token, accepted only for a Graph on this machine
   * (the stand-in).
   */
  readonly credential:
    | { readonly kind: 'secret'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
    | { readonly kind: 'certificate'; readonly tenantId: string; readonly clientId: string; readonly certificatePrivateKey: string; readonly certificateThumbprint: string }
    | { readonly kind: 'managed-identity'; readonly clientId: string | undefined }
    | { readonly kind: 'static-token'; readonly token: string };
  /** `PHC_SHAREPOINT_RU_PER_MINUTE`: the tenant's resource-unit budget a minute (default 1,250, up to 1,000 licences). */
  readonly ruPerMinute: number;
  /** `PHC_SHAREPOINT_RU_PER_DAY`: …and per 24 hours (default 1,200,000, up to 1,000 licences). */
  readonly ruPerDay: number;
  /** `PHC_COUNCIL_NAME`: who runs the app, in the User-Agent of every Graph request (SharePoint's traffic decoration). */
  readonly councilName: string | undefined;
  /** `PHC_GRAPH_LOG=on`: one line per Graph request (method, path, status, time) on the console. */
  readonly logRequests?: boolean;
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
  const directory = directoryConfig(env);
  return {
    dataDir: path.resolve(env.PHC_DATA_DIR ?? 'data'),
    port,
    // A tenant's directory replaces the demo: fictional people must not be planned audits in a real council.
    demo: (env.PHC_DEMO ?? (directory.source === 'graph' ? 'off' : 'on')) !== 'off',
    demoAudits: (env.PHC_DEMO ?? (directory.source === 'graph' ? 'off' : 'on')) !== 'off' && env.PHC_DEMO_AUDITS !== 'off',
    directory,
    bot: {
      appId: nonEmpty(env.MicrosoftAppId),
      appPassword: nonEmpty(env.MicrosoftAppPassword),
      appTenantId: nonEmpty(env.MicrosoftAppTenantId),
      appType: env.MicrosoftAppType === 'UserAssignedMSI' ? 'UserAssignedMSI' : 'SingleTenant',
    },
    ...graphConfig(env),
    ...(nonEmpty(env.PHC_SHAREPOINT_SITE) ? { sharepoint: sharepointConfig(env) } : {}),
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

/**
 * The SharePoint settings from the environment (also used by `phc sharepoint provision --site`,
 * which passes the site in). Throws with what is missing, in words an admin can act on.
 */
export function sharepointConfig(env: NodeJS.ProcessEnv): SharePointConfig {
  const site = nonEmpty(env.PHC_SHAREPOINT_SITE);
  if (!site) throw new Error('Say which SharePoint site to use: PHC_SHAREPOINT_SITE (or --site) with its address or id.');
  const baseUrl = (nonEmpty(env.PHC_GRAPH_BASE_URL) ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) throw new Error(`PHC_GRAPH_BASE_URL must be a URL, not "${baseUrl}".`);
  const ruPerMinute = Number(env.PHC_SHAREPOINT_RU_PER_MINUTE ?? 1_250);
  if (!Number.isInteger(ruPerMinute) || ruPerMinute < 1) throw new Error(`PHC_SHAREPOINT_RU_PER_MINUTE must be a whole number of resource units, not "${env.PHC_SHAREPOINT_RU_PER_MINUTE}".`);
  const ruPerDay = Number(env.PHC_SHAREPOINT_RU_PER_DAY ?? 1_200_000);
  if (!Number.isInteger(ruPerDay) || ruPerDay < ruPerMinute) throw new Error(`PHC_SHAREPOINT_RU_PER_DAY must be a whole number of resource units, at least the minute's, not "${env.PHC_SHAREPOINT_RU_PER_DAY}".`);
  const logRequests = env.PHC_GRAPH_LOG === 'on';
  const common = { site, baseUrl, ruPerMinute, ruPerDay, councilName: nonEmpty(env.PHC_COUNCIL_NAME), ...(logRequests ? { logRequests } : {}) };
  const staticToken = nonEmpty(env.PHC_GRAPH_STATIC_TOKEN);
  if (staticToken) {
    const host = new URL(baseUrl).hostname;
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error('PHC_GRAPH_STATIC_TOKEN is for a local Graph stand-in only; for Microsoft Graph give the app registration\'s credentials.');
    return { ...common, credential: { kind: 'static-token', token: staticToken } };
  }
  const managed = nonEmpty(env.PHC_GRAPH_MANAGED_IDENTITY);
  if (managed) return { ...common, credential: { kind: 'managed-identity', clientId: managed.toLowerCase() === 'system' ? undefined : managed } };
  const tenantId = nonEmpty(env.PHC_GRAPH_TENANT_ID) ?? nonEmpty(env.MicrosoftAppTenantId);
  const clientId = nonEmpty(env.PHC_GRAPH_CLIENT_ID) ?? nonEmpty(env.MicrosoftAppId);
  const keyFile = nonEmpty(env.PHC_GRAPH_CERTIFICATE_KEY_FILE);
  const thumbprint = nonEmpty(env.PHC_GRAPH_CERTIFICATE_THUMBPRINT);
  const secret = nonEmpty(env.PHC_GRAPH_CLIENT_SECRET) ?? nonEmpty(env.MicrosoftAppPassword);
  if (!tenantId || !clientId) throw new Error('SharePoint needs the app registration: PHC_GRAPH_TENANT_ID and PHC_GRAPH_CLIENT_ID (or the bot\'s MicrosoftAppTenantId and MicrosoftAppId).');
  if (keyFile || thumbprint) {
    if (!keyFile || !thumbprint) throw new Error('A certificate needs both PHC_GRAPH_CERTIFICATE_KEY_FILE (the PEM private key) and PHC_GRAPH_CERTIFICATE_THUMBPRINT.');
    let certificatePrivateKey: string;
    try {
      certificatePrivateKey = fs.readFileSync(keyFile, 'utf8');
    } catch {
      throw new Error(`Cannot read the certificate's private key at PHC_GRAPH_CERTIFICATE_KEY_FILE (${keyFile}).`);
    }
    return { ...common, credential: { kind: 'certificate', tenantId, clientId, certificatePrivateKey, certificateThumbprint: thumbprint } };
  }
  if (!secret) throw new Error('SharePoint needs a credential for the app: a certificate (PHC_GRAPH_CERTIFICATE_KEY_FILE and PHC_GRAPH_CERTIFICATE_THUMBPRINT, preferred) or PHC_GRAPH_CLIENT_SECRET.');
  return { ...common, credential: { kind: 'secret', tenantId, clientId, clientSecret: secret } };
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
