/**
 * What a person's id may look like wherever the bot keeps something under it: an Entra object
 * id (a GUID) in Teams, a channel's own id elsewhere (`29:1a2B…`, the Agents Playground's
 * `user-id-0`), a directory id (`demo-001`). Letters, digits and `: . _ @ -`, starting with a
 * letter or digit, at most 256 characters, no `..`, and none of the names JavaScript objects
 * give special meaning to. Anything else is not a person, whatever an activity says.
 */
const SHAPE = /^[A-Za-z0-9][A-Za-z0-9:._@-]{0,255}$/;
const RESERVED: ReadonlySet<string> = new Set(['constructor', 'prototype', 'tostring', 'valueof', 'hasownproperty']);

/** Why `raw` cannot be a person's id, or undefined if it can. */
export function userIdProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return 'is not text';
  if (raw.length > 256) return 'is longer than 256 characters';
  if (!SHAPE.test(raw)) return "has characters a person's id never has";
  if (raw.includes('..')) return 'has ".." in it';
  if (RESERVED.has(raw.toLowerCase())) return 'is a reserved word';
  return undefined;
}
