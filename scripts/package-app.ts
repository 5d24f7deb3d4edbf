import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';

/**
 * `npm run package`: builds the Teams app package (dist/appPackage.zip) from appPackage/.
 *
 * appPackage/manifest.json is a template in the Microsoft 365 Agents Toolkit's form: its
 * `${{NAME}}` placeholders are filled from the environment, here as the toolkit's
 * `teamsApp/zipAppPackage` fills them from env/.env.<environment> (m365agents.yml), so both
 * build the same package. It uses TEAMS_APP_ID, BOT_ID, TAB_CLIENT_ID and TAB_DOMAIN; unset,
 * they fall back to placeholder ids and localhost:3978, good only for checking the package.
 * The bot and the tab share one Entra app (docs/adr/0018, 0020), so TAB_CLIENT_ID defaults to BOT_ID:
 * it is also `webApplicationInfo.id`, the only app Graph lets install the app for staff;
 * the server reads the same id from PHC_TAB_CLIENT_ID and accepts `api://<TAB_DOMAIN>/<id>` as
 * the audience. The result is checked against the official Teams manifest JSON schema bundled
 * in @microsoft/app-manifest (for the manifest's own manifestVersion) and refused if invalid.
 *
 * PRIVACY_URL and TERMS_URL are the council's own privacy notice and terms of use, which Teams
 * shows staff before they add the app (UK GDPR Article 13: the right to be informed). They have
 * no usable default: a package that points staff at a placeholder (example.org) or at nothing
 * is refused, and so is an address that is not https.
 */

const ROOT = path.resolve(__dirname, '..');
export const APP_PACKAGE_DIR = path.join(ROOT, 'appPackage');
export const DEFAULT_OUT_FILE = path.join(ROOT, 'dist', 'appPackage.zip');

/** The ids the package gets when the environment does not give them (checking the package only). */
export const PLACEHOLDER_IDS = {
  TEAMS_APP_ID: '00000000-0000-4000-8000-000000000001',
  BOT_ID: '00000000-0000-4000-8000-000000000002',
  TAB_CLIENT_ID: '00000000-0000-4000-8000-000000000003',
} as const;
export const DEFAULT_TAB_DOMAIN = 'localhost:3978';
/** What the manifest says when PRIVACY_URL or TERMS_URL is not given: only for checking the manifest, never packaged. */
export const PLACEHOLDER_URLS = {
  PRIVACY_URL: 'https://example.org/practice-health-check/privacy',
  TERMS_URL: 'https://example.org/practice-health-check/terms',
} as const;

/** The only `${{NAME}}` placeholders the template may use. */
export const TEMPLATE_VARIABLES = ['TEAMS_APP_ID', 'BOT_ID', 'TAB_CLIENT_ID', 'TAB_DOMAIN', 'PRIVACY_URL', 'TERMS_URL'] as const;
type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** `${{NAME}}`, as the Agents Toolkit writes it (spaces inside the braces allowed). */
export const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\d{1,5})?$/;

export class PackageError extends Error {
  override name = 'PackageError';
}

export interface PackageSettings {
  teamsAppId: string;
  botId: string;
  tabClientId: string;
  tabDomain: string;
  /** The council's privacy notice for the app (PRIVACY_URL). */
  privacyUrl: string;
  /** The council's terms of use, or acceptable use policy (TERMS_URL). */
  termsUrl: string;
  /** Which settings fell back to their defaults (for a warning). */
  defaulted: TemplateVariable[];
}

/** Reads TEAMS_APP_ID, BOT_ID, TAB_CLIENT_ID, TAB_DOMAIN, PRIVACY_URL and TERMS_URL (empty counts as unset) and checks the ids' form. */
export function settingsFrom(env: Record<string, string | undefined>): PackageSettings {
  const defaulted: PackageSettings['defaulted'] = [];
  const pick = (name: TemplateVariable, fallback: string): string => {
    const value = env[name]?.trim();
    if (value) return value;
    defaulted.push(name);
    return fallback;
  };
  const teamsAppId = pick('TEAMS_APP_ID', PLACEHOLDER_IDS.TEAMS_APP_ID);
  const botId = pick('BOT_ID', PLACEHOLDER_IDS.BOT_ID);
  // One Entra app for the bot and the tab: with a real BOT_ID the tab signs in with it too.
  const tabClientId = pick('TAB_CLIENT_ID', defaulted.includes('BOT_ID') ? PLACEHOLDER_IDS.TAB_CLIENT_ID : botId);
  const tabDomain = pick('TAB_DOMAIN', DEFAULT_TAB_DOMAIN);
  const privacyUrl = pick('PRIVACY_URL', PLACEHOLDER_URLS.PRIVACY_URL);
  const termsUrl = pick('TERMS_URL', PLACEHOLDER_URLS.TERMS_URL);

  const problems: string[] = [];
  if (!GUID.test(teamsAppId)) problems.push(`TEAMS_APP_ID must be a GUID (the Teams app id), got "${teamsAppId}"`);
  if (!GUID.test(botId)) problems.push(`BOT_ID must be a GUID (the bot's Microsoft App ID from its Azure Bot registration), got "${botId}"`);
  if (!GUID.test(tabClientId)) problems.push(`TAB_CLIENT_ID must be a GUID (the application (client) id of the tab's Entra app registration), got "${tabClientId}"`);
  if (!DOMAIN.test(tabDomain)) {
    problems.push(`TAB_DOMAIN must be a host name with an optional port, without https:// or a path (e.g. phc.example.org or localhost:3978), got "${tabDomain}"`);
  }
  if (problems.length > 0) throw new PackageError(`Cannot build the Teams app package:\n  - ${problems.join('\n  - ')}`);
  return { teamsAppId, botId, tabClientId, tabDomain, privacyUrl, termsUrl, defaulted };
}

/** Host names kept for examples and tests (RFC 2606, RFC 6761): never a council's page. */
const RESERVED_HOST = /(^|\.)(example\.(org|com|net)|example|test|invalid|localhost)$/i;

/**
 * Why the privacy notice and terms addresses cannot go into a package for staff, if they
 * cannot: not given, not https, or on a host kept for examples.
 */
export function privacyAddressProblems(settings: PackageSettings): string[] {
  const problems: string[] = [];
  const check = (name: 'PRIVACY_URL' | 'TERMS_URL', value: string, what: string): void => {
    if (settings.defaulted.includes(name)) {
      problems.push(`${name} is not set: give the address of the council's ${what}, which Teams shows staff before they add the app`);
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      problems.push(`${name} must be the address of the council's ${what}, not "${value}"`);
      return;
    }
    if (url.protocol !== 'https:') problems.push(`${name} must be an https:// address (the council's ${what}), got "${value}"`);
    else if (RESERVED_HOST.test(url.hostname)) problems.push(`${name} is "${value}", a placeholder (${url.hostname} is kept for examples): give the council's own ${what}`);
  };
  check('PRIVACY_URL', settings.privacyUrl, 'privacy notice for the app');
  check('TERMS_URL', settings.termsUrl, 'terms of use');
  return problems;
}

/** Fills in the manifest template and parses it. */
export function renderManifest(template: string, settings: PackageSettings): Record<string, unknown> {
  const values: Record<TemplateVariable, string> = {
    TEAMS_APP_ID: settings.teamsAppId,
    BOT_ID: settings.botId,
    TAB_CLIENT_ID: settings.tabClientId,
    TAB_DOMAIN: settings.tabDomain,
    PRIVACY_URL: settings.privacyUrl,
    TERMS_URL: settings.termsUrl,
  };
  const known = (name: string): name is TemplateVariable => (TEMPLATE_VARIABLES as readonly string[]).includes(name);
  const text = template.replace(PLACEHOLDER, (whole, name: string) => (known(name) ? values[name] : whole));

  const left = [...new Set(text.match(/\$?\{\{[^}]*\}\}/g) ?? [])];
  if (left.length > 0) {
    throw new PackageError(`appPackage/manifest.json uses placeholders this script does not fill: ${left.join(', ')} (it fills ${TEMPLATE_VARIABLES.map((v) => `\${{${v}}}`).join(', ')})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new PackageError(`appPackage/manifest.json is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new PackageError('appPackage/manifest.json must hold a JSON object');
  return manifest as Record<string, unknown>;
}

/** The folder of Teams manifest schemas that @microsoft/app-manifest ships. */
export function teamsSchemaDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve('@microsoft/app-manifest/package.json');
  } catch {
    throw new PackageError('Cannot find @microsoft/app-manifest (a devDependency): run `npm install`.');
  }
  return path.join(path.dirname(pkg), 'build', 'json-schemas', 'teams');
}

/** The official schema URL for a manifest version, as `$schema` should give it. */
export function schemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

/** Loads the official JSON schema for a manifest version from @microsoft/app-manifest; throws if it is not there. */
export function loadTeamsSchema(manifestVersion: string): AnySchemaObject {
  const dir = teamsSchemaDir();
  const file = path.join(dir, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) {
    const shipped = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((d) => /^v\d/.test(d))
          .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      : [];
    throw new PackageError(
      `No Teams manifest schema for manifestVersion "${manifestVersion}" in @microsoft/app-manifest (looked for ${file}).` +
        (shipped.length ? ` It ships ${shipped[0]} to ${shipped[shipped.length - 1]}.` : ' It ships none: is it installed?'),
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AnySchemaObject;
}

const NOT_SCHEMAS = new Set(['enum', 'const', 'default', 'examples']);

/**
 * Rewrites draft-04 specifics as draft-07 so Ajv 8 can compile it: `id` → `$id`, boolean
 * exclusiveMinimum/exclusiveMaximum → numbers, and drops the draft-04 `$schema`.
 */
export function draft04ToDraft07(schema: AnySchemaObject): AnySchemaObject {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const src = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(src)) {
      if (NOT_SCHEMAS.has(key)) out[key] = value;
      else if (key === 'id' && typeof value === 'string') out.$id = value;
      else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
        const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
        if (value && typeof src[bound] === 'number') out[key] = src[bound];
      } else out[key] = walk(value);
    }
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (src[flag] === true && typeof src[bound] === 'number') delete out[bound];
    }
    return out;
  };
  const converted = walk(schema) as AnySchemaObject;
  delete converted.$schema;
  return converted;
}

/** Compiles a schema with the Ajv for its dialect (draft-04 is converted to draft-07). */
export function compileSchema(schema: AnySchemaObject): ValidateFunction {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  const options = { allErrors: true, strict: false } as const;
  let ajv: Ajv;
  let toCompile = schema;
  if (dialect.includes('2020-12')) ajv = new Ajv2020(options);
  else if (dialect.includes('2019-09')) ajv = new Ajv2019(options);
  else {
    ajv = new Ajv(options);
    if (dialect.includes('draft-04')) toCompile = draft04ToDraft07(schema);
  }
  addFormats(ajv);
  return ajv.compile(toCompile);
}

function explain(error: ErrorObject): string {
  const where = error.instancePath || '(the manifest)';
  const params = error.params as Record<string, unknown>;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` ("${String(params.additionalProperty)}")`
      : error.keyword === 'enum'
        ? ` (one of ${JSON.stringify(params.allowedValues)})`
        : error.keyword === 'const'
          ? ` (${JSON.stringify(params.allowedValue)})`
          : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}

const compiled = new Map<string, ValidateFunction>();

/** Checks a rendered manifest against the official schema for its manifestVersion; returns the problems. */
export function validateManifest(manifest: Record<string, unknown>): string[] {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return ['manifestVersion is missing: it picks the schema to check against'];
  const problems: string[] = [];
  if (manifest.$schema !== undefined && manifest.$schema !== schemaUrl(version)) {
    problems.push(`$schema is ${JSON.stringify(manifest.$schema)} but manifestVersion ${version} needs ${schemaUrl(version)}`);
  }
  let validate = compiled.get(version);
  if (!validate) {
    validate = compileSchema(loadTeamsSchema(version));
    compiled.set(version, validate);
  }
  if (!validate(manifest)) problems.push(...[...new Set((validate.errors ?? []).map(explain))]);
  return problems;
}

export interface PackageOptions {
  /** Folder with manifest.json and the icons (default appPackage/). */
  appPackageDir?: string;
  /** Where to write the zip (default dist/appPackage.zip). */
  outFile?: string;
  /** Where TEAMS_APP_ID, BOT_ID, TAB_CLIENT_ID, TAB_DOMAIN, PRIVACY_URL and TERMS_URL come from (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface PackageResult {
  outFile: string;
  manifest: Record<string, unknown>;
  files: string[];
  defaulted: PackageSettings['defaulted'];
}

/** Builds the app package zip: manifest.json and the two icons at the zip's root. */
export async function packageApp(options: PackageOptions = {}): Promise<PackageResult> {
  const dir = options.appPackageDir ?? APP_PACKAGE_DIR;
  const outFile = path.resolve(options.outFile ?? DEFAULT_OUT_FILE);
  const settings = settingsFrom(options.env ?? process.env);

  const templateFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(templateFile)) throw new PackageError(`No manifest at ${templateFile}`);
  const manifest = renderManifest(fs.readFileSync(templateFile, 'utf8'), settings);

  const problems = validateManifest(manifest);
  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const iconFiles = (['color', 'outline'] as const).map((k) => icons[k]).filter((f): f is string => typeof f === 'string');
  for (const icon of iconFiles) {
    if (icon.includes('/') || icon.includes('\\')) problems.push(`/icons: "${icon}" should be a file at the root of appPackage/, so it sits at the zip's root`);
    else if (!fs.existsSync(path.join(dir, icon))) problems.push(`/icons: ${icon} is not in ${dir}`);
  }
  if (problems.length > 0) {
    throw new PackageError(`The Teams manifest is not valid against the ${String(manifest.manifestVersion)} schema, so no package was written:\n  - ${problems.join('\n  - ')}`);
  }
  const addresses = privacyAddressProblems(settings);
  if (addresses.length > 0) throw new PackageError(`No package was written: staff would be pointed at a privacy notice or terms that are not the council's:\n  - ${addresses.join('\n  - ')}`);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const icon of iconFiles) zip.file(icon, fs.readFileSync(path.join(dir, icon)));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });

  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, bytes);
  return { outFile, manifest, files: Object.keys(zip.files), defaulted: settings.defaulted };
}

async function main(): Promise<void> {
  const result = await packageApp();
  const notes: Record<PackageSettings['defaulted'][number], string> = {
    TEAMS_APP_ID: `TEAMS_APP_ID not set: using the placeholder app id ${PLACEHOLDER_IDS.TEAMS_APP_ID}`,
    BOT_ID: `BOT_ID not set: using the placeholder bot id ${PLACEHOLDER_IDS.BOT_ID} (the bot will not answer)`,
    TAB_CLIENT_ID: result.defaulted.includes('BOT_ID')
      ? `TAB_CLIENT_ID not set: using the placeholder ${PLACEHOLDER_IDS.TAB_CLIENT_ID} (Teams single sign-on in the tab will not work)`
      : 'TAB_CLIENT_ID not set: using BOT_ID, one Entra app for the bot and the tab (set PHC_TAB_CLIENT_ID to the same id)',
    TAB_DOMAIN: `TAB_DOMAIN not set: tabs point at https://${DEFAULT_TAB_DOMAIN}`,
    // Never reached: a package without them is refused.
    PRIVACY_URL: 'PRIVACY_URL not set',
    TERMS_URL: 'TERMS_URL not set',
  };
  // TAB_CLIENT_ID taken from a real BOT_ID is the one-app registration working as meant, not a warning.
  const sharedApp = result.defaulted.includes('TAB_CLIENT_ID') && !result.defaulted.includes('BOT_ID');
  for (const name of result.defaulted) if (!(name === 'TAB_CLIENT_ID' && sharedApp)) console.warn(`warning: ${notes[name]}`);
  if (sharedApp) console.log("The tab signs in with the bot's app (BOT_ID): one Entra app for both.");
  console.log(`Wrote the Teams app package (manifest ${String(result.manifest.manifestVersion)}: ${result.files.join(', ')}) to ${result.outFile}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof PackageError ? error.message : error);
    process.exitCode = 1;
  });
}
