import { GraphProblem } from './errors';

/** Opaque tokens (`$skiptoken`, delta `token`): base64url JSON, as opaque to clients as Graph's. */
export function encodeToken(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeToken<T>(token: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    throw new GraphProblem(400, 'invalidRequest', 'The paging or delta token is not valid.');
  }
}

/** Where a paged item listing resumes: after this item id. */
export interface SkipToken {
  readonly after: number;
}

/**
 * A delta token. `enum`: a first enumeration of the list's current items, resuming after
 * item id `after`; `changes`: changes with a change sequence above `since` (resuming after
 * sequence `after`). `upto` is the list's change sequence when the round began; the round's
 * deltaLink carries it as the next `since`. `epoch` must still be the list's token epoch.
 */
export type DeltaToken =
  | { readonly mode: 'enum'; readonly list: string; readonly epoch: number; readonly after: number; readonly upto: number }
  | { readonly mode: 'changes'; readonly list: string; readonly epoch: number; readonly since: number; readonly after: number; readonly upto?: number };
