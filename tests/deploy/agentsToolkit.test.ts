/**
 * The Microsoft 365 Agents Toolkit's project files (m365agents.yml, m365agents.local.yml), the
 * env templates, the Entra app manifest and the Teams app manifest, checked offline: against
 * the toolkit's own schema, and by walking the steps in the order the toolkit runs them to see
 * that every `${{NAME}}` a step uses (in the file itself or in a file it reads) has a value by
 * then, from the env template or from an earlier step.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnySchemaObject } from 'ajv';
import { compileSchema, renderManifest, settingsFrom, validateManifest } from '../../scripts/package-app';
import { ROOT, STAGES, placeholdersIn, readBicep, readEnvTemplate, readFromRepo, readParameters, readProject, scriptOutputs, type Read, type Step } from './deployFiles';

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/schemas/m365agents-yaml-v1.11.json'), 'utf8')) as AnySchemaObject;

/**
 * What the toolkit supplies itself when the env file has the name but no value: it asks for
 * the subscription and resource group, and makes up the suffix, on the first provision that
 * deploys to Azure.
 */
const TOOLKIT_SUPPLIES = ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'RESOURCE_SUFFIX'];

/**
 * What the council writes in its env file before the first provision: the addresses of its own
 * privacy notice and terms of use. Committed empty, so nobody publishes a placeholder; left
 * empty, the manifest's privacyUrl is no https address and validateManifest stops the provision.
 */
const COUNCIL_SUPPLIES = ['PRIVACY_URL', 'TERMS_URL'];

/** The files a step reads and fills placeholders in, besides its own arguments. */
function filesReadBy(step: Step): string[] {
  const args = step.with ?? {};
  if (step.uses === 'aadApp/update' || step.uses === 'teamsApp/validateManifest' || step.uses === 'teamsApp/zipAppPackage') return [path.normalize(String(args.manifestPath))];
  if (step.uses === 'arm/deploy') return (args.templates as Array<{ parameters?: string }>).flatMap((t) => (t.parameters ? [path.normalize(t.parameters)] : []));
  return [];
}

/** The names a step writes to the environment. */
function outputsOf(step: Step, read: Read): string[] {
  const written = Object.values(step.writeToEnvironmentFile ?? {});
  const args = step.with ?? {};
  if (step.uses === 'teamsApp/create') written.push('TEAMS_APP_TENANT_ID');
  if (step.uses === 'script') written.push(...scriptOutputs(String(args.run)));
  if (step.uses === 'arm/deploy') {
    for (const t of args.templates as Array<{ path: string }>) written.push(...readBicep(path.normalize(t.path), read).outputs.keys());
  }
  return written;
}

interface Walk {
  readonly problems: string[];
  /** Every name some step writes, by the step that writes it. */
  readonly written: Map<string, string>;
}

/** Runs the project's steps in order on paper, as `atk provision`, `deploy` and `publish` would for this environment. */
function walk(projectFile: string, envName: string, read: Read = readFromRepo): Walk {
  const project = readProject(projectFile, read);
  const env = readEnvTemplate(envName, read);
  const known = new Set(
    Object.entries(env)
      .filter(([, v]) => v !== '')
      .map(([k]) => k),
  );
  // The toolkit fills APP_NAME_SUFFIX even when it is empty (its one exception).
  if ('APP_NAME_SUFFIX' in env) known.add('APP_NAME_SUFFIX');
  const usesAzure = STAGES.some((stage) => (project[stage] ?? []).some((s) => s.uses === 'arm/deploy'));
  if (usesAzure) for (const name of TOOLKIT_SUPPLIES) if (name in env) known.add(name);
  for (const name of COUNCIL_SUPPLIES) if (name in env) known.add(name);
  const problems: string[] = [];
  const written = new Map<string, string>();
  for (const stage of STAGES) {
    (project[stage] ?? []).forEach((step, index) => {
      const where = `${projectFile} ${stage}[${index}] (${step.uses})`;
      // aadApp/update makes up the scope's id before it fills its manifest.
      if (step.uses === 'aadApp/update') known.add('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
      const texts: Array<[string, string]> = [[where, JSON.stringify(step.with ?? {})], ...filesReadBy(step).map((f): [string, string] => [`${f} (read by ${where})`, read(f)])];
      for (const [source, text] of texts) {
        for (const name of placeholdersIn(text)) if (!known.has(name)) problems.push(`${source} uses \${{${name}}}, which nothing has set by then`);
      }
      for (const name of outputsOf(step, read)) {
        known.add(name);
        written.set(name, where);
      }
    });
  }
  return { problems, written };
}

describe('the Agents Toolkit project files', () => {
  const validate = compileSchema(schema);

  it.each(['m365agents.yml', 'm365agents.local.yml'])("%s is valid against the toolkit's schema (v1.11)", (file) => {
    const project = readProject(file);
    expect(project.version).toBe('v1.11');
    expect(readFromRepo(file)).toContain('$schema=https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json');
    expect(validate(project) ? [] : validate.errors).toEqual([]);
  });

  it('the schema refuses an action the toolkit does not have, or a wrong argument', () => {
    const project = readProject('m365agents.yml');
    const [create, ...rest] = project.provision ?? [];
    expect(validate({ ...project, provision: [{ ...create, with: { ...create?.with, generateClientSecret: 'yes' } }, ...rest] })).toBe(false);
    expect(validate({ ...project, deploy: [{ uses: 'azureAppService/containerDeploy', with: {} }] })).toBe(false);
  });

  it('provisions the Entra app, the Azure resources and the Teams app, deploys the image and publishes', () => {
    const project = readProject('m365agents.yml');
    expect((project.provision ?? []).map((s) => s.uses)).toEqual([
      'aadApp/create',
      'script',
      'teamsApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(project.provision?.[0]?.with).toMatchObject({ signInAudience: 'AzureADMyOrg', generateClientSecret: true, generateServicePrincipal: true });
    expect((project.deploy ?? []).map((s) => s.uses)).toEqual(['script', 'script']);
    expect(String(project.deploy?.[0]?.with?.run)).toMatch(/az acr build .*--file Dockerfile \./);
    expect((project.publish ?? []).map((s) => s.uses).at(-1)).toBe('teamsApp/publishAppPackage');
    expect(readProject('m365agents.local.yml').provision).toBeUndefined();
  });

  it.each([
    ['m365agents.yml', 'dev'],
    ['m365agents.local.yml', 'local'],
  ])('every placeholder in %s and the files it reads resolves from env/.env.%s and the steps before it', (file, env) => {
    expect(walk(file, env).problems).toEqual([]);
  });

  it('leaves the privacy notice and terms addresses for the council to fill in, empty, in the env template', () => {
    const dev = readEnvTemplate('dev');
    expect(COUNCIL_SUPPLIES.map((name) => [name, dev[name]])).toEqual(COUNCIL_SUPPLIES.map((name) => [name, '']));
    // Without the template's names the walk finds them unset.
    const read: Read = (file) => (path.normalize(file) === path.normalize('env/.env.dev') ? readFromRepo(file).replace(/^(PRIVACY_URL|TERMS_URL)=.*$/gm, '') : readFromRepo(file));
    expect(walk('m365agents.yml', 'dev', read).problems.some((p) => p.includes('${{PRIVACY_URL}}'))).toBe(true);
  });

  it('says which placeholder is unset, and where, when a step runs before what sets it', () => {
    const read =
      (doctored: Record<string, (text: string) => string>): Read =>
      (file) =>
        (doctored[path.normalize(file)] ?? ((t: string) => t))(readFromRepo(file));
    // The bicep no longer gives the host name: the Entra manifest and the Teams manifest cannot be filled.
    const noDomain = walk('m365agents.yml', 'dev', read({ 'infra/main.bicep': (t) => t.replace(/^output TAB_DOMAIN .*$/m, '') }));
    expect(noDomain.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aad\.manifest\.json \(read by m365agents\.yml provision\[4\] \(aadApp\/update\)\) uses \$\{\{TAB_DOMAIN\}\}/),
        expect.stringMatching(/^appPackage\/manifest\.json \(read by .*teamsApp\/validateManifest\)\) uses \$\{\{TAB_DOMAIN\}\}/),
      ]),
    );
    // A new placeholder in the Teams manifest that no env template or step gives.
    const unknown = walk('m365agents.yml', 'dev', read({ 'appPackage/manifest.json': (t) => t.replace('${{TAB_DOMAIN}}/tab/surveys', '${{TAB_HOST}}/tab/surveys') }));
    expect(unknown.problems.some((p) => p.includes('${{TAB_HOST}}'))).toBe(true);
    // The one-app step moved after the infrastructure that needs BOT_ID.
    const late = walk('m365agents.yml', 'dev', read({ 'm365agents.yml': (t) => t.replace('::set-teamsfx-env BOT_ID=', '::set-teamsfx-env OTHER_ID=') }));
    expect(late.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^infra\/main\.parameters\.json .* uses \$\{\{BOT_ID\}\}/)]));
  });

  it('lists in the env templates every value the steps write, and no secrets', () => {
    const dev = walk('m365agents.yml', 'dev').written;
    expect([...dev.keys()].filter((name) => name.startsWith('SECRET_'))).toEqual(['SECRET_AAD_APP_CLIENT_SECRET']);
    for (const [file, env] of [
      ['m365agents.yml', 'dev'],
      ['m365agents.local.yml', 'local'],
    ] as const) {
      const { written } = walk(file, env);
      const template = readEnvTemplate(env);
      expect([...written.keys()].filter((name) => !name.startsWith('SECRET_') && !(name in template))).toEqual([]);
      expect(Object.keys(template).filter((k) => k.startsWith('SECRET_'))).toEqual([]);
      // Nothing that the steps write is committed with a value.
      expect(Object.entries(template).filter(([k, v]) => written.has(k) && v !== '')).toEqual([]);
    }
    // Where the toolkit keeps the secrets is not committed.
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['env/.env.*.user', '/appPackage/build/', '/build/']));
  });
});

describe('one Entra app for the bot, the tab and Microsoft Graph', () => {
  // What a provision writes, with made-up ids: filled in as the toolkit fills them.
  const provisioned: Record<string, string> = {
    AAD_APP_CLIENT_ID: '5b6c7d8e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
    AAD_APP_OBJECT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    AAD_APP_ACCESS_AS_USER_PERMISSION_ID: '9f8e7d6c-5b4a-4c3d-9e2f-1a0b9c8d7e6f',
    TEAMS_APP_ID: '3f2b6c1e-8d4a-4f6b-9c2e-1a7d5e9b0c44',
    TAB_DOMAIN: 'phcab12cd.azurewebsites.net',
    APP_NAME_SUFFIX: '',
  };
  const project = readProject('m365agents.yml');
  const oneApp = scriptOutputs(String(project.provision?.find((s) => s.uses === 'script')?.with?.run));
  for (const name of oneApp) provisioned[name] = provisioned.AAD_APP_CLIENT_ID as string;
  const fill = (text: string): string => text.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => provisioned[name] ?? whole);

  const teams = renderManifest(readFromRepo('appPackage/manifest.json'), settingsFrom(provisioned));
  const entra = JSON.parse(fill(readFromRepo('aad.manifest.json'))) as {
    appId: string;
    identifierUris: string[];
    signInAudience: string;
    api: { oauth2PermissionScopes: Array<{ id: string; value: string }>; preAuthorizedApplications: Array<{ appId: string; delegatedPermissionIds: string[] }> };
    requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
  };

  it('sets BOT_ID and TAB_CLIENT_ID to the app the toolkit created', () => {
    expect(oneApp.sort()).toEqual(['BOT_ID', 'TAB_CLIENT_ID']);
    expect(readParameters('infra/main.parameters.json').parameters).toMatchObject({ appId: { value: '${{BOT_ID}}' }, tabClientId: { value: '${{TAB_CLIENT_ID}}' } });
  });

  it("gives the Teams manifest the app as the bot and as the tab's sign-in, on an Application ID URI the app has", () => {
    expect(validateManifest(teams)).toEqual([]);
    const webApplicationInfo = teams.webApplicationInfo as { id: string; resource: string };
    expect((teams.bots as Array<{ botId: string }>)[0]?.botId).toBe(entra.appId);
    expect(webApplicationInfo.id).toBe(entra.appId);
    expect(entra.identifierUris).toContain(webApplicationInfo.resource);
    expect(teams.validDomains).toEqual([provisioned.TAB_DOMAIN]);
  });

  it('is single-tenant, exposes access_as_user to Teams, Outlook and Microsoft 365, and asks for the Graph permissions the app uses', () => {
    expect(entra.signInAudience).toBe('AzureADMyOrg');
    const [scope] = entra.api.oauth2PermissionScopes;
    expect(scope).toMatchObject({ value: 'access_as_user', id: provisioned.AAD_APP_ACCESS_AS_USER_PERMISSION_ID });
    // Teams desktop and mobile, Teams web, Microsoft 365 web, desktop and mobile, Outlook web and mobile.
    expect(entra.api.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual(
      [
        '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
        '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
        '4765445b-32c6-49b0-83e6-1d93765276ca',
        '0ec893e0-5785-4de6-99da-4ed124e5296c',
        'd3590ed6-52b3-4102-aeff-aad2292ab01c',
        'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
        '27922004-5251-4030-b22d-91ecd9a37ea4',
      ].sort(),
    );
    expect(entra.api.preAuthorizedApplications.every((a) => a.delegatedPermissionIds.join() === scope?.id)).toBe(true);
    const graph = entra.requiredResourceAccess.find((r) => r.resourceAppId === 'Microsoft Graph');
    expect(
      graph?.resourceAccess
        .filter((a) => a.type === 'Role')
        .map((a) => a.id)
        .sort(),
    ).toEqual(['Sites.Selected', 'TeamsAppInstallation.ReadWriteSelfForUser.All', 'User.Read.All']);
  });

  it('serves the tab on the host the Entra app and the server expect', () => {
    const bicep = readBicep('infra/main.bicep');
    // The server's audience is api://<PHC_TAB_DOMAIN>/<PHC_TAB_CLIENT_ID>: the same host as the toolkit's TAB_DOMAIN.
    expect(bicep.appSettings.get('PHC_TAB_DOMAIN')).toBe(bicep.outputs.get('TAB_DOMAIN'));
    expect(bicep.appSettings.get('PHC_TAB_CLIENT_ID')).toBe('tabClientId');
    expect(bicep.appSettings.get('MicrosoftAppId')).toBe('appId');
    expect(bicep.text).toMatch(/msaAppId: appId\n/);
  });
});
