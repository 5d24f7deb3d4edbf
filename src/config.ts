import * as fs from 'node:fs';
import * as path from 'node:path';
import { retentionSchedule, type RetentionSchedule } from './domain/dataProtection/retention';

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
  readonly bot: BotConfig;
  /**
   * Installing the app for staff the bot has not talked to, through Microsoft Graph. Only with
   * `PHC_TEAMS_APP_ID` (the app's id in the org's Teams app catalog, not the manifest id).
   * Graph lets an app install itself only as the Entra app named in the package's
   * `webApplicationInfo` (the tab's, `PHC_TAB_CLIENT_ID`), so the Graph identity must be that
   * app: checked at start (docs/adr/0018-app-registration.md).
   */
  readonly graph?: InstallsConfig;
  /**
   * The tab's sign-in and who holds the roles the directory does not record. With no
   * `PHC_TAB_CLIENT_ID` the tab runs in local mode: a persona switcher over the directory,
   * no tokens checked. With one, every API request needs an Entra token for that app.
   */
  readonly tab: TabConfig;
  /**
   * SharePoint lists as the system of record, only with `PHC_SHAREPOINT_SITE` (docs/sharepoint.md).
   * Without it SQLite holds everything.
   */
  readonly sharepoint?: SharePointConfig;
  /**
   * Where the organisation comes from. `PHC_DIRECTORY`: `stored` (default: the last
   * `phc org import`, else the demo) or `graph` (`phc org sync` reads the tenant through
   * Microsoft Graph and stores a snapshot; the app reads the snapshot). With `graph` the demo
   * organisation is off unless `PHC_DEMO=on`.
   */
  readonly directory: DirectoryConfig;
  /**
   * Where the participation secrets are kept, out of the SQLite file (docs/adr/0024):
   * `PHC_KEY_VAULT_URL` names an Azure Key Vault (an instance rebuilt from SharePoint reads the
   * same secrets back); without it, a folder beside the SQLite file.
   */
  readonly secrets: SecretsConfig;
  /**
   * `APPLICATIONINSIGHTS_CONNECTION_STRING`: traces of requests, Microsoft Graph and Bot
   * Connector calls and the outbox to Application Insights. Off without it.
   */
  readonly telemetry?: { readonly connectionString: string };
  /** What staff are told about their data, and how long it is kept (docs/data-protection.md). */
  readonly dataProtection: DataProtectionConfig;
}

/**
 * The privacy information the welcome card, `help` and the tab give (UK GDPR Article 13), filled
 * from configuration, and the council's retention schedule over the defaults.
 */
export interface DataProtectionConfig {
  /** `PHC_PRIVACY_CONTROLLER`, else `PHC_COUNCIL_NAME`: who decides what is done with the data. */
  readonly controller: string | undefined;
  /** `PHC_PRIVACY_CONTACT`: how to reach the council's Data Protection Officer (an email address or a page). */
  readonly contact: string | undefined;
  /** `PHC_PRIVACY_NOTICE_URL`: the council's full privacy notice for the app (the manifest's privacy URL). */
  readonly noticeUrl: string | undefined;
  /** `PHC_RETENTION`: the council's periods, e.g. `audit-records=7y,caseloads=2y`, over the defaults. */
  readonly retention: RetentionSchedule;
}

/**
 * `local`: a folder beside the SQLite file. `key-vault`: `PHC_KEY_VAULT_URL`, signed in as
 * `PHC_KEY_VAULT_IDENTITY`: `system` (the default: the host's system-assigned managed
 * identity), a user-assigned identity's client id, or `cli` (the Azure CLI's sign-in, for
 * running `phc` or the smoke test from an administrator's computer).
 */
export type SecretsConfig =
  | { readonly kind: 'local' }
  | { readonly kind: 'key-vault'; readonly vaultUrl: string; readonly identity: { readonly kind: 'managed-identity'; readonly clientId: string | undefined } | { readonly kind: 'cli' } };

/** The Bot Framework app types botbuilder 4.23 accepts (`MicrosoftAppType`). */
export const BOT_APP_TYPES = ['SingleTenant', 'UserAssignedMSI', 'MultiTenant'] as const;
export type BotAppType = (typeof BOT_APP_TYPES)[number];

export interface BotConfig {
  readonly appId: string | undefined;
  /** Never set for `UserAssignedMSI`: botbuilder refuses a password for a managed identity. */
  readonly appPassword: string | undefined;
  readonly appTenantId: string | undefined;
  /**
   * `SingleTenant` (client secret; the default), `UserAssignedMSI` (the Azure host's
   * user-assigned managed identity, no secret) or `MultiTenant` (registrations made before
   * Azure stopped creating them in July 2025; they keep working).
   */
  readonly appType: BotAppType;
}

/**
 * How the app calls Microsoft Graph (installs, the directory, SharePoint): which Entra app, or
 * managed identity, it acts as and how it proves it. One identity for all of them, configured
 * with `PHC_GRAPH_*` and defaulting to the bot's own (docs/adr/0018-app-registration.md).
 */
export interface GraphIdentity {
  /** `PHC_GRAPH_BASE_URL`, default `https://graph.microsoft.com/v1.0` (tests: a stand-in). */
  readonly baseUrl: string;
  readonly credential: GraphCredential;
  /** `PHC_COUNCIL_NAME`: who runs the app, in the User-Agent of every Graph request (SharePoint's traffic decoration). */
  readonly councilName: string | undefined;
}

/**
 * App-only credentials: `PHC_GRAPH_TENANT_ID`, `PHC_GRAPH_CLIENT_ID` (default the bot's
 * `MicrosoftAppTenantId` and `MicrosoftAppId`) and either a certificate
 * (`PHC_GRAPH_CERTIFICATE_KEY_FILE`, a PEM private key, and `PHC_GRAPH_CERTIFICATE_THUMBPRINT`,
 * its SHA-256 thumbprint) or a secret (`PHC_GRAPH_CLIENT_SECRET`, default `MicrosoftAppPassword`).
 * On Azure, `PHC_GRAPH_MANAGED_IDENTITY=system` (or a user-assigned identity's client id) uses
 * the host's managed identity instead, with no secret at all; a `UserAssignedMSI` bot's own
 * identity is the default. `PHC_GRAPH_STATIC_TOKEN` is a fixed bearer token, accepted only for
 * a Graph on this machine (a stand-in).
 */
export type GraphCredential =
  | { readonly kind: 'secret'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'certificate'; readonly tenantId: string; readonly clientId: string; readonly certificatePrivateKey: string; readonly certificateThumbprint: string }
  | { readonly kind: 'managed-identity'; readonly clientId: string | undefined }
  | { readonly kind: 'static-token'; readonly token: string };

/** The Entra app (client) id Graph sees the app as; undefined for a system-assigned identity or a fixed token. */
export function graphAppIdOf(credential: GraphCredential): string | undefined {
  return credential.kind === 'static-token' ? undefined : credential.clientId;
}

export interface InstallsConfig {
  /** `PHC_TEAMS_APP_ID`: the app's id in the organisation's Teams app catalog. */
  readonly teamsAppId: string;
  readonly identity: GraphIdentity;
  /**
   * `PHC_BOT_SERVICE_URL`: where the Bot Connector is for people who already have the app and
   * have not talked to the bot. Without it, the service URL of a conversation the bot already
   * has, else Teams' global `https://smba.trafficmanager.net/teams/`.
   */
  readonly botServiceUrl: string | undefined;
}

export interface DirectoryConfig {
  readonly source: 'stored' | 'graph';
  /** Only for `graph`: the app's Graph identity (application permission User.Read.All). */
  readonly graph?: {
    readonly identity: GraphIdentity;
    /** `PHC_DIRECTORY_MAPPING`: a JSON file (relative to where phc runs) mapping job titles to roles and departments to teams; the built-in titles without it. */
    readonly mappingFile: string | undefined;
    /** `PHC_GRAPH_MANAGERS`: `expand` (default, managers with each page of users) or `per-user`. */
    readonly managers: 'expand' | 'per-user';
  };
}

export interface SharePointConfig extends GraphIdentity {
  /** `PHC_SHAREPOINT_SITE`: the site's address (https://contoso.sharepoint.com/sites/phc) or id. */
  readonly site: string;
  /** `PHC_SHAREPOINT_RU_PER_MINUTE`: the tenant's resource-unit budget a minute (default 1,250, up to 1,000 licences). */
  readonly ruPerMinute: number;
  /** `PHC_SHAREPOINT_RU_PER_DAY`: …and per 24 hours (default 1,200,000, up to 1,000 licences). */
  readonly ruPerDay: number;
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
  /** `PHC_DATA_PROTECTION_OFFICERS`: comma-separated person ids who read the access log, retention and subject access exports. */
  readonly dataProtectionOfficers: readonly string[];
  /** `PHC_TAB_LOCAL_ANYWHERE=on`: local mode (personas) from other machines too; demo data only. */
  readonly localFromAnywhere?: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const bot = botConfig(env);
  const tab = tabConfig(env);
  const directory = directoryConfig(env);
  return {
    dataDir: path.resolve(env.PHC_DATA_DIR ?? 'data'),
    port,
    // A tenant's directory replaces the demo: fictional people must not be planned audits in a real council.
    demo: (env.PHC_DEMO ?? (directory.source === 'graph' ? 'off' : 'on')) !== 'off',
    demoAudits: (env.PHC_DEMO ?? (directory.source === 'graph' ? 'off' : 'on')) !== 'off' && env.PHC_DEMO_AUDITS !== 'off',
    directory,
    bot,
    ...installsConfig(env, bot, tab),
    ...(nonEmpty(env.PHC_SHAREPOINT_SITE) ? { sharepoint: sharepointConfig(env) } : {}),
    tab,
    secrets: secretsConfig(env),
    ...(nonEmpty(env.APPLICATIONINSIGHTS_CONNECTION_STRING) ? { telemetry: { connectionString: nonEmpty(env.APPLICATIONINSIGHTS_CONNECTION_STRING) as string } } : {}),
    dataProtection: dataProtectionConfig(env),
  };
}

function dataProtectionConfig(env: NodeJS.ProcessEnv): DataProtectionConfig {
  const noticeUrl = nonEmpty(env.PHC_PRIVACY_NOTICE_URL);
  if (noticeUrl !== undefined && !/^https?:\/\//i.test(noticeUrl)) throw new Error(`PHC_PRIVACY_NOTICE_URL must be the address of the council's privacy notice (https://…), not "${noticeUrl}".`);
  return {
    controller: nonEmpty(env.PHC_PRIVACY_CONTROLLER) ?? nonEmpty(env.PHC_COUNCIL_NAME),
    contact: nonEmpty(env.PHC_PRIVACY_CONTACT),
    noticeUrl,
    retention: retentionSchedule(env.PHC_RETENTION),
  };
}

/** Where the participation secrets live: Key Vault with `PHC_KEY_VAULT_URL`, else beside the SQLite file. */
export function secretsConfig(env: NodeJS.ProcessEnv): SecretsConfig {
  const vaultUrl = nonEmpty(env.PHC_KEY_VAULT_URL);
  if (vaultUrl === undefined) return { kind: 'local' };
  if (!URL.canParse(vaultUrl) || new URL(vaultUrl).protocol !== 'https:')
    throw new Error(`PHC_KEY_VAULT_URL must be the vault's https address, such as https://phc-kv.vault.azure.net/, not "${vaultUrl}".`);
  const identity = nonEmpty(env.PHC_KEY_VAULT_IDENTITY) ?? 'system';
  if (identity.toLowerCase() === 'cli') return { kind: 'key-vault', vaultUrl, identity: { kind: 'cli' } };
  if (identity.toLowerCase() === 'system') return { kind: 'key-vault', vaultUrl, identity: { kind: 'managed-identity', clientId: undefined } };
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(identity))
    throw new Error(`PHC_KEY_VAULT_IDENTITY must be "system", "cli" or a user-assigned managed identity's client id, not "${identity}".`);
  return { kind: 'key-vault', vaultUrl, identity: { kind: 'managed-identity', clientId: identity } };
}

/**
 * The bot's sign-in to the Bot Framework, checked as botbuilder 4.23 will check it when the
 * adapter is made (ConfigurationServiceClientCredentialFactory), but said here, at start, in
 * words that say what to set. Without `MicrosoftAppId` the bot runs in local mode.
 */
function botConfig(env: NodeJS.ProcessEnv): BotConfig {
  const appId = nonEmpty(env.MicrosoftAppId);
  const appPassword = nonEmpty(env.MicrosoftAppPassword);
  const appTenantId = nonEmpty(env.MicrosoftAppTenantId);
  const given = nonEmpty(env.MicrosoftAppType);
  const appType = given === undefined ? 'SingleTenant' : BOT_APP_TYPES.find((t) => t.toLowerCase() === given.toLowerCase());
  if (!appType) throw new Error(`MicrosoftAppType must be SingleTenant, UserAssignedMSI or MultiTenant, not "${given}".`);
  if (appId === undefined) return { appId, appPassword: undefined, appTenantId, appType };
  if (appType === 'UserAssignedMSI') {
    if (appPassword)
      throw new Error(
        "MicrosoftAppType=UserAssignedMSI signs the bot in with the Azure host's managed identity, and botbuilder refuses a password for it: remove MicrosoftAppPassword (for Microsoft Graph with a secret, use PHC_GRAPH_CLIENT_ID and PHC_GRAPH_CLIENT_SECRET).",
      );
    if (!appTenantId) throw new Error('MicrosoftAppType=UserAssignedMSI needs MicrosoftAppTenantId (the tenant of the managed identity) as well as MicrosoftAppId (its client id).');
  }
  if (appType === 'SingleTenant' && (!appTenantId || !appPassword)) {
    throw new Error(
      "The bot signs in to the Bot Framework as MicrosoftAppId (MicrosoftAppType=SingleTenant), so it needs MicrosoftAppTenantId and MicrosoftAppPassword (the app's client secret); on Azure, MicrosoftAppType=UserAssignedMSI uses the host's managed identity instead.",
    );
  }
  if (appType === 'MultiTenant' && !appPassword) throw new Error("MicrosoftAppType=MultiTenant needs MicrosoftAppPassword (the app's client secret).");
  return { appId, appPassword, appTenantId, appType };
}

function tabConfig(env: NodeJS.ProcessEnv): TabConfig {
  const keysBaseUrl = (nonEmpty(env.PHC_ENTRA_KEYS_BASE) ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  if (!URL.canParse(keysBaseUrl)) throw new Error(`PHC_ENTRA_KEYS_BASE must be a URL, not "${keysBaseUrl}".`);
  const list = (value: string | undefined): string[] =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return {
    clientId: nonEmpty(env.PHC_TAB_CLIENT_ID),
    tenantId: nonEmpty(env.PHC_TAB_TENANT_ID) ?? nonEmpty(env.MicrosoftAppTenantId),
    domain: nonEmpty(env.PHC_TAB_DOMAIN),
    keysBaseUrl,
    admins: list(env.PHC_ADMINS),
    managementTeam: list(env.PHC_MANAGEMENT_TEAM),
    dataProtectionOfficers: list(env.PHC_DATA_PROTECTION_OFFICERS),
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
  const ruPerMinute = Number(env.PHC_SHAREPOINT_RU_PER_MINUTE ?? 1_250);
  if (!Number.isInteger(ruPerMinute) || ruPerMinute < 1) throw new Error(`PHC_SHAREPOINT_RU_PER_MINUTE must be a whole number of resource units, not "${env.PHC_SHAREPOINT_RU_PER_MINUTE}".`);
  const ruPerDay = Number(env.PHC_SHAREPOINT_RU_PER_DAY ?? 1_200_000);
  if (!Number.isInteger(ruPerDay) || ruPerDay < ruPerMinute)
    throw new Error(`PHC_SHAREPOINT_RU_PER_DAY must be a whole number of resource units, at least the minute's, not "${env.PHC_SHAREPOINT_RU_PER_DAY}".`);
  const logRequests = env.PHC_GRAPH_LOG === 'on';
  return { site, ruPerMinute, ruPerDay, ...(logRequests ? { logRequests } : {}), ...graphIdentityConfig(env, 'SharePoint') };
}

/**
 * The app's Microsoft Graph identity from `PHC_GRAPH_*`, defaulting to the bot's own app
 * (`MicrosoftAppTenantId`, `MicrosoftAppId`, `MicrosoftAppPassword`), or to its managed
 * identity when the bot is `UserAssignedMSI`. `purpose` starts the sentence that says what is
 * missing ("SharePoint needs the app registration: …").
 */
export function graphIdentityConfig(env: NodeJS.ProcessEnv, purpose: string): GraphIdentity {
  const baseUrl = (nonEmpty(env.PHC_GRAPH_BASE_URL) ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) throw new Error(`PHC_GRAPH_BASE_URL must be a URL, not "${baseUrl}".`);
  const common = { baseUrl, councilName: nonEmpty(env.PHC_COUNCIL_NAME) };
  const staticToken = nonEmpty(env.PHC_GRAPH_STATIC_TOKEN);
  if (staticToken) {
    const host = new URL(baseUrl).hostname;
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
      throw new Error("PHC_GRAPH_STATIC_TOKEN is for a local Graph stand-in only; for Microsoft Graph give the app registration's credentials.");
    return { ...common, credential: { kind: 'static-token', token: staticToken } };
  }
  const managed = nonEmpty(env.PHC_GRAPH_MANAGED_IDENTITY);
  if (managed) return { ...common, credential: { kind: 'managed-identity', clientId: managed.toLowerCase() === 'system' ? undefined : managed } };
  const botAppId = nonEmpty(env.MicrosoftAppId);
  const botIsManaged = (nonEmpty(env.MicrosoftAppType) ?? '').toLowerCase() === 'userassignedmsi';
  const tenantId = nonEmpty(env.PHC_GRAPH_TENANT_ID) ?? nonEmpty(env.MicrosoftAppTenantId);
  const clientId = nonEmpty(env.PHC_GRAPH_CLIENT_ID) ?? botAppId;
  const keyFile = nonEmpty(env.PHC_GRAPH_CERTIFICATE_KEY_FILE);
  const thumbprint = nonEmpty(env.PHC_GRAPH_CERTIFICATE_THUMBPRINT);
  // A managed identity's bot has no password to lend.
  const secret = nonEmpty(env.PHC_GRAPH_CLIENT_SECRET) ?? (botIsManaged ? undefined : nonEmpty(env.MicrosoftAppPassword));
  if (!keyFile && !thumbprint && !secret && botIsManaged && clientId === botAppId && botAppId !== undefined) {
    // The bot's own user-assigned identity (grant it the Graph permissions).
    return { ...common, credential: { kind: 'managed-identity', clientId: botAppId } };
  }
  if (!tenantId || !clientId)
    throw new Error(`${purpose} needs the app registration: PHC_GRAPH_TENANT_ID and PHC_GRAPH_CLIENT_ID (or the bot's MicrosoftAppTenantId and MicrosoftAppId); on Azure, PHC_GRAPH_MANAGED_IDENTITY.`);
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
  if (!secret)
    throw new Error(
      `${purpose} needs a credential for the app ${clientId}: a certificate (PHC_GRAPH_CERTIFICATE_KEY_FILE and PHC_GRAPH_CERTIFICATE_THUMBPRINT, preferred) or PHC_GRAPH_CLIENT_SECRET${botIsManaged ? '' : ' (default MicrosoftAppPassword)'}; on Azure, PHC_GRAPH_MANAGED_IDENTITY.`,
    );
  return { ...common, credential: { kind: 'secret', tenantId, clientId, clientSecret: secret } };
}

/**
 * Installing the app for staff (`PHC_TEAMS_APP_ID`). Microsoft Graph lets an app install
 * itself (TeamsAppInstallation.ReadWriteSelfForUser.All) only when the token's app is the one
 * in the package's `webApplicationInfo`, which is the tab's sign-in app: the same Entra app
 * must be `PHC_TAB_CLIENT_ID` and the Graph identity. Refused at start, saying what to set,
 * rather than discovered as a 403 at every install.
 */
function installsConfig(env: NodeJS.ProcessEnv, bot: BotConfig, tab: TabConfig): Pick<Config, 'graph'> {
  const teamsAppId = nonEmpty(env.PHC_TEAMS_APP_ID);
  if (!teamsAppId) return {};
  const identity = graphIdentityConfig(env, 'Installing the app for staff (PHC_TEAMS_APP_ID)');
  const graphAppId = graphAppIdOf(identity.credential);
  const oneApp = 'register one Entra app for the bot and the tab (PHC_TAB_CLIENT_ID=MicrosoftAppId, and the package built with TAB_CLIENT_ID=BOT_ID)';
  if (!tab.clientId) {
    throw new Error(
      `PHC_TEAMS_APP_ID installs the app for staff as the Entra app named in the Teams package's webApplicationInfo, which is the tab's app: set PHC_TAB_CLIENT_ID to it (the TAB_CLIENT_ID the package was built with). The simplest is to ${oneApp}.`,
    );
  }
  if (bot.appType === 'UserAssignedMSI' && bot.appId !== undefined && tab.clientId.toLowerCase() === bot.appId.toLowerCase()) {
    throw new Error(
      "A managed identity cannot be the tab's sign-in app (it cannot expose the access_as_user scope Teams single sign-on needs): with MicrosoftAppType=UserAssignedMSI, register an Entra app for the tab, set PHC_TAB_CLIENT_ID to it, and let Graph act as that app (PHC_GRAPH_CLIENT_ID with PHC_GRAPH_CLIENT_SECRET or a certificate).",
    );
  }
  // A fixed token only ever reaches a local stand-in: there is no app id to compare.
  if (identity.credential.kind !== 'static-token' && (graphAppId === undefined || graphAppId.toLowerCase() !== tab.clientId.toLowerCase())) {
    throw new Error(
      `PHC_TEAMS_APP_ID installs the app for staff, and Microsoft Graph lets only the Entra app named in the package's webApplicationInfo do that: the tab's app, PHC_TAB_CLIENT_ID=${tab.clientId}. ` +
        `The app would call Graph as ${graphAppId ?? "the host's system-assigned managed identity"}${identity.credential.kind === 'managed-identity' ? ' (a managed identity)' : ' (PHC_GRAPH_CLIENT_ID, default MicrosoftAppId)'}. ` +
        `Either ${oneApp}, or set PHC_GRAPH_CLIENT_ID=${tab.clientId} with that app's PHC_GRAPH_CLIENT_SECRET or certificate.`,
    );
  }
  const botServiceUrl = nonEmpty(env.PHC_BOT_SERVICE_URL);
  if (botServiceUrl !== undefined && !URL.canParse(botServiceUrl)) throw new Error(`PHC_BOT_SERVICE_URL must be a URL, not "${botServiceUrl}".`);
  return { graph: { teamsAppId, identity, botServiceUrl } };
}

function directoryConfig(env: NodeJS.ProcessEnv): DirectoryConfig {
  const source = (nonEmpty(env.PHC_DIRECTORY) ?? 'stored').toLowerCase();
  if (source === 'stored') return { source: 'stored' };
  if (source !== 'graph') throw new Error(`PHC_DIRECTORY must be "stored" or "graph", not "${env.PHC_DIRECTORY}".`);
  const identity = graphIdentityConfig(env, "PHC_DIRECTORY=graph reads the directory with the app's own identity and");
  const managers = (nonEmpty(env.PHC_GRAPH_MANAGERS) ?? 'expand').toLowerCase();
  if (managers !== 'expand' && managers !== 'per-user') throw new Error(`PHC_GRAPH_MANAGERS must be "expand" or "per-user", not "${env.PHC_GRAPH_MANAGERS}".`);
  const mappingFile = nonEmpty(env.PHC_DIRECTORY_MAPPING);
  return { source: 'graph', graph: { identity, mappingFile, managers } };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
