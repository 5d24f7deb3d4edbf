/**
 * Reading the deployment files as the Microsoft 365 Agents Toolkit and Azure would: the
 * toolkit's project files and env templates, the Bicep's parameters, outputs and app settings.
 * No Bicep compiler can be installed here, so the Bicep is read as text: main.bicep keeps to
 * one declaration per line, which these readers rely on (and fail loudly when it does not).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { PLACEHOLDER } from '../../scripts/package-app';

export const ROOT = path.resolve(__dirname, '../..');

export type Read = (file: string) => string;
export const readFromRepo: Read = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');

export interface Step {
  readonly uses: string;
  readonly name?: string;
  readonly with?: Record<string, unknown>;
  readonly writeToEnvironmentFile?: Record<string, string>;
}

export interface ToolkitProject {
  readonly version: string;
  readonly environmentFolderPath?: string;
  readonly provision?: Step[];
  readonly deploy?: Step[];
  readonly publish?: Step[];
}

export const STAGES = ['provision', 'deploy', 'publish'] as const;

export function readProject(file: string, read: Read = readFromRepo): ToolkitProject {
  return parseYaml(read(file)) as ToolkitProject;
}

export function readEnvTemplate(name: string, read: Read = readFromRepo): Record<string, string> {
  return parseDotenv(read(`env/.env.${name}`));
}

export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** The toolkit's `::set-teamsfx-env NAME=value` outputs of a script step, as its script driver parses them. */
export function scriptOutputs(run: string): string[] {
  return [...run.matchAll(/::(?:set-teamsfx-env|set-output)\s+(\w+)=/g)].map((m) => m[1] as string);
}

export interface BicepParam {
  readonly name: string;
  readonly type: string;
  readonly hasDefault: boolean;
  readonly allowed?: readonly unknown[];
  readonly secure: boolean;
}

export interface Bicep {
  readonly params: ReadonlyMap<string, BicepParam>;
  readonly outputs: ReadonlyMap<string, string>;
  /** The App Service's settings: name → Bicep expression. */
  readonly appSettings: ReadonlyMap<string, string>;
  readonly text: string;
}

export function readBicep(file: string, read: Read = readFromRepo): Bicep {
  const text = read(file);
  const lines = text.split('\n');
  const params = new Map<string, BicepParam>();
  let decorators: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('@')) {
      decorators.push(trimmed);
      continue;
    }
    const param = /^param (\w+) (\w+)( = .*)?$/.exec(line);
    if (param) {
      const allowed = decorators.find((d) => d.startsWith('@allowed('));
      params.set(param[1] as string, {
        name: param[1] as string,
        type: param[2] as string,
        hasDefault: param[3] !== undefined,
        secure: decorators.includes('@secure()'),
        ...(allowed ? { allowed: JSON.parse(allowed.slice('@allowed('.length, -1).replace(/'/g, '"')) as unknown[] } : {}),
      });
    }
    if (trimmed !== '' && !trimmed.startsWith('//')) decorators = [];
  }
  const outputs = new Map([...text.matchAll(/^output (\w+) \w+ = (.+)$/gm)].map((m) => [m[1] as string, (m[2] as string).trim()]));

  // The `properties` of the one `Microsoft.Web/sites/config` resource named 'appsettings'.
  const start = lines.findIndex((l) => /^resource \w+ 'Microsoft\.Web\/sites\/config@/.test(l));
  if (start < 0) throw new Error(`${file} has no Microsoft.Web/sites/config resource for the app settings.`);
  const end = lines.findIndex((l, i) => i > start && l === '}');
  const block = lines.slice(start, end);
  if (!block.some((l) => l.trim() === "name: 'appsettings'")) throw new Error(`${file}: the sites/config resource is not the appsettings.`);
  const open = block.findIndex((l) => l === '  properties: {');
  const close = block.findIndex((l, i) => i > open && l === '  }');
  if (open < 0 || close < 0) throw new Error(`${file}: cannot find the app settings' properties block (one setting a line, indented four spaces).`);
  const appSettings = new Map<string, string>();
  for (const line of block.slice(open + 1, close)) {
    if (line.trim() === '' || line.trim().startsWith('//')) continue;
    const setting = /^ {4}(\w+): (.+)$/.exec(line);
    if (!setting) throw new Error(`${file}: an app setting that is not one "NAME: value" line: ${line}`);
    appSettings.set(setting[1] as string, (setting[2] as string).trim());
  }
  return { params, outputs, appSettings, text };
}

export interface ParametersFile {
  readonly parameters: Record<string, { value: unknown }>;
}

export function readParameters(file: string, read: Read = readFromRepo): ParametersFile {
  return JSON.parse(read(file)) as ParametersFile;
}

/** Every environment variable the app reads: `env.NAME` or `env['NAME']` in src/. */
export function settingsTheAppReads(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts')) {
        const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
        for (const m of text.matchAll(/\benv(?:\.([A-Z][A-Za-z0-9_]*)|\[\s*'([A-Za-z][A-Za-z0-9_]*)'\s*\])/g)) {
          const name = (m[1] ?? m[2]) as string;
          found.set(name, [...new Set([...(found.get(name) ?? []), rel])]);
        }
      }
    }
  };
  walk('src');
  return found;
}
