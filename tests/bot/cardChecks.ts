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

/**
 * The card's inputs as a host shows them: each once, as its labelled self (the copies in
 * `fallback` are what a 1.2 host shows instead, with the same id).
 */
export function inputsOf(card: unknown): Json[] {
  const out: Json[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Json;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
      for (const [key, value] of Object.entries(o)) if (key !== 'fallback') walk(value);
    }
  };
  walk(card);
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

// Teams renders text blocks as Markdown; markdown-it parses it as the adaptivecards library does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markdown = (require('markdown-it') as (options?: object) => { render(text: string): string })();

/**
 * What is wrong with how a card gives its inputs their words, if anything (see `labelled` in
 * bot/cards/elements.ts): a toggle says what it is in its title; any other input has a label
 * for hosts that render labels, `requires` Adaptive Cards 1.3, and falls back to a container
 * of the same words as a text block followed by the same input without a label.
 */
export function inputWordsProblems(card: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, inFallback: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, inFallback));
    else if (typeof node === 'object' && node !== null) {
      const o = node as Json;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && !inFallback) {
        if (o.type === 'Input.Toggle') {
          if (typeof o.title !== 'string' || o.title.trim() === '') problems.push(`${String(o.id)}: a toggle without a title`);
        } else {
          const fallback = o.fallback as Json | undefined;
          const items = (fallback?.items ?? []) as Json[];
          const requires = o.requires as Json | undefined;
          if (typeof o.label !== 'string' || o.label.trim() === '') problems.push(`${String(o.id)}: no label`);
          else if (requires?.adaptiveCards !== '1.3') problems.push(`${String(o.id)}: does not require 1.3, so a 1.2 host shows it without words`);
          else if (fallback?.type !== 'Container' || items[0]?.type !== 'TextBlock' || String(items[0]?.text).replace(/\u00a0/g, ' ') !== o.label)
            problems.push(`${String(o.id)}: its fallback does not start with its words`);
          else if (items[items.length - 1]?.id !== o.id || items[items.length - 1]?.label !== undefined) problems.push(`${String(o.id)}: its fallback is not the same input without a label`);
        }
      }
      for (const [key, value] of Object.entries(o)) walk(value, inFallback || key === 'fallback');
    }
  };
  walk(card, false);
  return problems;
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
 * labelled input: proof the parse really checks versions); every input's words shown on every
 * host and no `isRequired`; no text turned into a Markdown list; under 40 KB; only
 * Action.Submit; every text block wrapped.
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
    expect(events).toHaveLength(objectsOfType(json, 'Input.').filter((i) => i.label !== undefined).length);
  });

  it('gives every input its words on every host, and no isRequired', () => {
    for (const problem of inputWordsProblems(json)) expect(problem).toBeUndefined();
    for (const input of objectsOfType(json, 'Input.')) expect(input.isRequired).toBeUndefined();
  });

  it('keeps text that begins with a number as text, not a Markdown list', () => {
    for (const block of objectsOfType(json, 'TextBlock'))
      expect({ text: block.text, html: markdown.render(String(block.text)) }).not.toEqual({ text: block.text, html: expect.stringMatching(/<(ol|ul)[\s>]/) });
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
