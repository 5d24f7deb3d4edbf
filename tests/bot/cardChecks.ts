/**
 * The card checks of cardQuality.test.ts, as helpers other card tests can share: the
 * official Adaptive Card 1.5 schema, the adaptivecards library (as Teams desktop, 1.5, and
 * as a 1.2 renderer like Teams mobile), and small helpers over card JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// The library's package entry is an ES module; its UMD bundle loads in Node with no DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

const SCHEMAS = path.resolve(__dirname, '../fixtures/schemas');
const SCHEMA_PATH = path.join(SCHEMAS, 'adaptive-card-1.5.json');
export const HOST_CONFIG_PATH = path.join(SCHEMAS, 'teams-hostconfig-light.json');
export const MAX_BYTES = 40 * 1024;

export type Json = Record<string, unknown>;

export function readJson(file: string, what: string): Json {
  if (!fs.existsSync(file)) {
    throw new Error(`${what} is missing: expected it at ${file} (see tests/fixtures/schemas/README.md). These checks cannot run without it.`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
}

let validator: ValidateFunction | undefined;
/** The official schema is draft-06 with a draft-04 style `id`, which Ajv 8 only takes as `$id`. */
export function schemaValidator(): ValidateFunction {
  if (validator) return validator;
  const { id, ...schema } = readJson(SCHEMA_PATH, 'The official Adaptive Card 1.5 JSON schema');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  validator = ajv.compile({ ...schema, ...(typeof id === 'string' ? { $id: id } : {}) });
  return validator;
}

/** The card as Teams receives it (JSON text, parsed back). */
export function wire(card: Readonly<Record<string, unknown>>): Json {
  return JSON.parse(JSON.stringify(card)) as Json;
}

/** Every object in the card whose `type` starts with `prefix`. */
export function objectsOfType(node: unknown, prefix: string, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => objectsOfType(n, prefix, out));
  else if (typeof node === 'object' && node !== null) {
    const obj = node as Json;
    if (typeof obj.type === 'string' && obj.type.startsWith(prefix)) out.push(obj);
    Object.values(obj).forEach((v) => objectsOfType(v, prefix, out));
  }
  return out;
}

export interface CardEvent {
  readonly event: string;
  readonly message: string;
  readonly source: string | undefined;
}

/**
 * Parses as a renderer of `targetVersion` would (properties newer than that are reported),
 * with Teams' host config, then runs the library's own validation.
 */
export function libraryEvents(card: Readonly<Record<string, unknown>>, targetVersion: InstanceType<typeof AC.Version>): CardEvent[] {
  const hostConfig = readJson(HOST_CONFIG_PATH, 'The Teams host config');
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = new AC.HostConfig(hostConfig);
  parsed.maxVersion = targetVersion;
  const context = new AC.SerializationContext(targetVersion);
  parsed.parse(wire(card), context);
  const raw = [...Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i)), ...parsed.validateProperties().validationEvents];
  return raw.map((e) => ({
    event: AC.ValidationEvent[e.event],
    message: e.message,
    source: e.source instanceof AC.CardObject ? e.source.getJsonTypeName() : undefined,
  }));
}

export interface CardQualityOptions {
  /** Checks the data of each Action.Submit (its verb and the ids it carries). */
  readonly checkAction: (data: Json) => void;
  /** The card must have at least one button. */
  readonly needsActions?: boolean;
}

/**
 * The checks every card the bot sends must pass, as `it` blocks for the calling `describe`:
 * the official 1.5 schema; version 1.2 with fallback text; the adaptivecards library as
 * Teams desktop (1.5, no events) and as a 1.2 renderer (nothing but one "label" warning per
 * input: proof the parse really checks versions); a label on every input and no
 * `isRequired`; under 40 KB; only Action.Submit; every text block wrapped.
 */
export function itPassesCardQuality(card: Readonly<Record<string, unknown>>, version: string, options: CardQualityOptions): void {
  const json = wire(card);

  it('validates against the Adaptive Card 1.5 schema', () => {
    const validate = schemaValidator();
    const ok = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it(`declares version ${version} (what Teams mobile renders) with fallback text`, () => {
    expect(json.version).toBe(version);
    expect(typeof json.fallbackText).toBe('string');
  });

  it('parses in the adaptivecards library as Teams desktop (1.5) would, with no validation events', () => {
    expect(libraryEvents(card, AC.Versions.v1_5)).toEqual([]);
  });

  it('parses as a 1.2 renderer would, flagging nothing but the labels it ignores', () => {
    const events = libraryEvents(card, AC.Versions.v1_2);
    expect(events.filter((e) => !(e.event === 'UnsupportedProperty' && e.message.includes('"label"') && e.source?.startsWith('Input.')))).toEqual([]);
    expect(events).toHaveLength(objectsOfType(json, 'Input.').length);
  });

  it('gives every input a non-empty label and no isRequired', () => {
    for (const input of objectsOfType(json, 'Input.')) {
      expect(typeof input.label === 'string' && input.label.trim() !== '').toBe(true);
      expect(input.isRequired).toBeUndefined();
    }
  });

  it('is under 40 KB', () => {
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(MAX_BYTES);
  });

  it('uses only Action.Submit, each with a known verb and its ids', () => {
    const actions = objectsOfType(json, 'Action.');
    if (options.needsActions) expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(action.type).toBe('Action.Submit');
      options.checkAction((action.data ?? {}) as Json);
    }
  });

  it('wraps every text block', () => {
    for (const block of objectsOfType(json, 'TextBlock')) expect(block.wrap).toBe(true);
  });
}
