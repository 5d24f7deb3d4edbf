/**
 * infra/main.bicep against the app: every setting the app reads is set by the infrastructure
 * or listed below as not needed in production, with why; nothing the infrastructure sets is
 * unknown to the app; and the settings it sets make a configuration the app accepts. No Bicep
 * compiler is installed here (docs/deploy.md: compile with the Bicep CLI), so the template is
 * read as text (tests/deploy/deployFiles.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readConfig } from '../../src/config';
import { ROOT, placeholdersIn, readBicep, readParameters, settingsTheAppReads } from './deployFiles';

/** Settings the app reads that the Azure deployment leaves unset on purpose. */
const NOT_SET_IN_AZURE: Readonly<Record<string, string>> = {
  PHC_DEMO_AUDITS: 'only with the demo organisation, which is off',
  PHC_CLOCK_START: 'demonstrations and end-to-end tests only; never in production',
  PHC_TAB_DIR: "the tab benchmark's second build; the image serves dist/tab",
  PHC_WARM_UP_TURNS: "the default practice (3,000 turns, at most 4 s before listening) suits App Service's start",
  PHC_TAB_LOCAL_ANYWHERE: 'must stay off: local mode has no sign-in',
  PHC_TAB_TENANT_ID: "defaults to MicrosoftAppTenantId, the council's tenant",
  PHC_ENTRA_KEYS_BASE: "defaults to Entra's global signing keys",
  PHC_GRAPH_BASE_URL: "defaults to Microsoft Graph; only national clouds and the tests' stand-in change it",
  PHC_GRAPH_STATIC_TOKEN: 'refused for Microsoft Graph: the local stand-in only',
  PHC_GRAPH_TENANT_ID: 'defaults to MicrosoftAppTenantId: one app registration',
  PHC_GRAPH_CLIENT_ID: 'defaults to MicrosoftAppId: one app registration',
  PHC_GRAPH_CLIENT_SECRET: 'defaults to MicrosoftAppPassword, from Key Vault',
  PHC_GRAPH_CERTIFICATE_KEY_FILE: 'a certificate instead of the client secret: not used, the secret is in Key Vault',
  PHC_GRAPH_CERTIFICATE_THUMBPRINT: 'a certificate instead of the client secret: not used, the secret is in Key Vault',
  PHC_GRAPH_LOG: 'diagnostics, off unless someone is looking into a problem',
  PHC_GRAPH_MANAGERS: 'defaults to expand, which suits Microsoft Graph',
  PHC_DIRECTORY_MAPPING: 'a file for phc org sync, given when it is run (docs/deploy.md)',
  PHC_LOG_LEVEL: 'defaults to info: one JSON line a request, never answers or names',
  PHC_HOST: 'defaults to every interface once the bot or the tab signs people in, as in Azure',
  PHC_BOT_LOCAL: 'must stay off: a bot in local mode trusts anyone on its machine',
  PHC_BOT_SERVICE_URL: 'the bot learns its Bot Connector address from Teams; only a council whose staff the bot has never heard from sets it',
  PHC_PRIVACY_CONTROLLER: 'defaults to PHC_COUNCIL_NAME: the council is the controller',
  PHC_KEY_VAULT_IDENTITY: "defaults to the App Service's system-assigned identity, which the template gives the vault role",
};

/** App Service's own settings and those for what comes later; the app does not read them. */
const PLATFORM: Readonly<Record<string, string>> = {
  WEBSITES_PORT: 'the port App Service sends requests to in the container',
  WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'off: no /home SMB share in the container',
};

const bicep = readBicep('infra/main.bicep');
const parameters = readParameters('infra/main.parameters.json').parameters;
const read = settingsTheAppReads();

describe("the infrastructure's settings", () => {
  it('finds the settings the app reads (the reader itself works)', () => {
    expect([...read.keys()]).toEqual(expect.arrayContaining(['PHC_DATA_DIR', 'PORT', 'MicrosoftAppId', 'PHC_SHAREPOINT_SITE', 'PHC_CLOCK_START', 'PHC_TAB_DIR']));
    expect(read.get('PHC_SHAREPOINT_SITE')).toContain('src/config.ts');
  });

  it('sets every setting the app reads, or says why not', () => {
    const missing = [...read.keys()].filter((name) => !bicep.appSettings.has(name) && !(name in NOT_SET_IN_AZURE));
    expect(missing).toEqual([]);
    // Not both: a setting is either set or left alone on purpose.
    expect([...bicep.appSettings.keys()].filter((name) => name in NOT_SET_IN_AZURE)).toEqual([]);
    // No reason kept for a setting the app no longer reads.
    expect(Object.keys(NOT_SET_IN_AZURE).filter((name) => !read.has(name))).toEqual([]);
  });

  it("sets nothing the app does not read, besides the platform's own settings", () => {
    expect([...bicep.appSettings.keys()].filter((name) => !read.has(name) && !(name in PLATFORM))).toEqual([]);
  });

  it('keeps SQLite off the SMB share, with the demo off, on the port the container listens on', () => {
    expect(bicep.appSettings.get('WEBSITES_ENABLE_APP_SERVICE_STORAGE')).toBe("'false'");
    expect(bicep.text).toMatch(/^var dataDir = '\/var\/lib\/phc'$/m);
    expect(bicep.appSettings.get('PHC_DATA_DIR')).toBe('dataDir');
    expect(bicep.appSettings.get('PHC_DEMO')).toBe("'off'");
    expect(bicep.appSettings.get('PORT')).toBe('string(port)');
    expect(bicep.appSettings.get('WEBSITES_PORT')).toBe('string(port)');
    expect(bicep.text).toMatch(/^var port = 3978$/m);
    // One instance: the SQLite file and the sender's lease are this instance's own.
    expect(bicep.text).toMatch(/sku: \{ name: appServicePlanSku, capacity: 1 \}/);
    expect(bicep.text).toMatch(/healthCheckPath: '\/healthz'/);
  });

  it('keeps the client secret in Key Vault: the app setting is a reference the managed identity may read', () => {
    expect(bicep.params.get('appClientSecret')?.secure).toBe(true);
    expect(bicep.appSettings.get('MicrosoftAppPassword')).toBe("'@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${appSecret.name})'");
    // No secure parameter reaches a setting any other way.
    const secure = [...bicep.params.values()].filter((p) => p.secure).map((p) => p.name);
    for (const [name, value] of bicep.appSettings) for (const s of secure) expect(`${name}: ${value}`).not.toMatch(new RegExp(`\\b${s}\\b`));
    expect(bicep.text).toMatch(/identity: \{ type: 'SystemAssigned' \}/);
    // Secrets Officer: the participation secrets are made, read and destroyed (deleted and purged) by the app.
    expect(bicep.text).toMatch(/resource readSecrets[\s\S]*?scope: vault[\s\S]*?roles\.keyVaultSecretsOfficer[\s\S]*?principalId: site\.identity\.principalId/);
    expect(bicep.text).toMatch(/keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'/);
    // A destroyed secret is purged at once: purge protection would keep it 90 days, and can never be turned off.
    expect(bicep.text).not.toMatch(/enablePurgeProtection:\s*true/);
    expect(bicep.appSettings.get('PHC_KEY_VAULT_URL')).toBe('vault.properties.vaultUri');
    expect(bicep.text).toMatch(/dependsOn: \[readSecrets\]/);
  });

  it('registers a single-tenant Azure Bot with the one app, on the App Service, in Teams', () => {
    expect(bicep.text).toMatch(/msaAppType: 'SingleTenant'/);
    expect(bicep.appSettings.get('MicrosoftAppType')).toBe("'SingleTenant'");
    expect(bicep.text).toMatch(/endpoint: 'https:\/\/\$\{site\.properties\.defaultHostName\}\/api\/messages'/);
    expect(bicep.text).toMatch(/channelName: 'MsTeamsChannel'/);
  });

  it('has a parameters file that gives every parameter without a default, and only parameters the template has', () => {
    const required = [...bicep.params.values()].filter((p) => !p.hasDefault).map((p) => p.name);
    expect(required.filter((name) => !(name in parameters))).toEqual([]);
    expect(Object.keys(parameters).filter((name) => !bicep.params.has(name))).toEqual([]);
    for (const [name, { value }] of Object.entries(parameters)) {
      const param = bicep.params.get(name);
      expect([name, typeof value]).toEqual([name, param?.type === 'int' ? 'number' : 'string']);
      // A literal must be one the template allows; a ${{…}} is filled by the toolkit (tests/deploy/agentsToolkit.test.ts).
      if (param?.allowed && typeof value === 'string' && placeholdersIn(value).length === 0) expect([name, param.allowed]).toEqual([name, expect.arrayContaining([value])]);
    }
    expect(parameters.resourceBaseName?.value).toBe('phc${{RESOURCE_SUFFIX}}');
  });

  it('makes a configuration the app accepts, with and without SharePoint', () => {
    const appId = '5b6c7d8e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
    const tenant = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const host = 'phcab12cd.azurewebsites.net';
    // What Azure makes of each expression, for a provisioned app.
    const resolve = (expression: string, choices: Record<string, string | number>): string => {
      const known: Record<string, string> = {
        dataDir: '/var/lib/phc',
        'string(port)': '3978',
        appId,
        tabClientId: appId,
        tenantId: tenant,
        'site.properties.defaultHostName': host,
        'insights.properties.ConnectionString': 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
        'vault.properties.vaultUri': 'https://phcab12cd-kv.vault.azure.net/',
        "'@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${appSecret.name})'": 'the-secret-from-key-vault',
        'string(sharePointResourceUnitsPerMinute)': String(choices.sharePointResourceUnitsPerMinute),
        'string(sharePointResourceUnitsPerDay)': String(choices.sharePointResourceUnitsPerDay),
      };
      if (expression in known) return known[expression] as string;
      if (/^'[^'$]*'$/.test(expression)) return expression.slice(1, -1);
      if (expression in choices) return String(choices[expression]);
      throw new Error(`No value for the expression ${expression}: teach this test what Azure makes of it.`);
    };
    // The council's privacy notice, as the toolkit fills it in from env/.env.<environment> (PRIVACY_URL).
    const filled = (v: string | number): string | number => (typeof v === 'string' ? v.replace(/\$\{\{\s*PRIVACY_URL\s*\}\}/, 'https://www.anytown.gov.uk/privacy/practice-health-check') : v);
    const choicesFromParameters = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, filled(v.value as string | number)]));
    const envFor = (choices: Record<string, string | number>) => Object.fromEntries([...bicep.appSettings].map(([name, expression]) => [name, resolve(expression, choices)]));

    const plain = readConfig(envFor(choicesFromParameters));
    expect(plain).toMatchObject({ dataDir: '/var/lib/phc', port: 3978, demo: false, demoAudits: false, directory: { source: 'graph' } });
    expect(plain.bot).toEqual({ appId, appPassword: 'the-secret-from-key-vault', appTenantId: tenant, appType: 'SingleTenant' });
    expect(plain.tab).toMatchObject({ clientId: appId, tenantId: tenant, domain: host, localFromAnywhere: false });
    expect(plain.sharepoint).toBeUndefined();
    // The participation secrets in the vault, through the host's own identity; telemetry on.
    expect(plain.secrets).toEqual({ kind: 'key-vault', vaultUrl: 'https://phcab12cd-kv.vault.azure.net/', identity: { kind: 'managed-identity', clientId: undefined } });
    expect(plain.telemetry).toEqual({ connectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000000' });
    expect(plain.graph).toBeUndefined();

    const withSharePoint = readConfig(envFor({ ...choicesFromParameters, sharePointSite: 'https://contoso.sharepoint.com/sites/phc', graphManagedIdentity: 'system' }));
    expect(withSharePoint.sharepoint).toMatchObject({ site: 'https://contoso.sharepoint.com/sites/phc', ruPerMinute: 1250, credential: { kind: 'managed-identity', clientId: undefined } });
    // Installing the app for staff is for the app registration the package names, never the host's identity.
    const installs = { ...choicesFromParameters, sharePointSite: 'https://contoso.sharepoint.com/sites/phc', teamsCatalogAppId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' };
    expect(() => readConfig(envFor({ ...installs, graphManagedIdentity: 'system' }))).toThrow(/webApplicationInfo/);
    expect(readConfig(envFor(installs)).graph).toMatchObject({ teamsAppId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' });
    const appSecret = readConfig(envFor({ ...choicesFromParameters, sharePointSite: 'https://contoso.sharepoint.com/sites/phc' }));
    expect(appSecret.sharepoint?.credential).toEqual({ kind: 'secret', tenantId: tenant, clientId: appId, clientSecret: 'the-secret-from-key-vault' });
  });

  it('says in docs/deploy.md what every setting does, and that the Bicep is to be compiled before use', () => {
    const docs = fs.readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
    expect([...read.keys()].filter((name) => !docs.includes(`\`${name}\``))).toEqual([]);
    expect(docs).toMatch(/Bicep CLI/);
    expect(bicep.text).toMatch(/compile before use with the Bicep CLI/);
  });
});
