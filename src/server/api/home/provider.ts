import type { Viewer } from '../../../domain/access';
import type { ApiDeps, RequestContext } from '../context';
import type { HomeItemDto, HomeLineDto } from '../types';

/**
 * One part of the home page: whom it is for, and its items for this viewer (none when there
 * is nothing to say). Providers read through the same functions as the pages they link to,
 * so the home page and the page agree, and each applies the viewer's scope as that page does.
 */
export interface HomeProvider {
  /** For logs when it fails. */
  readonly name: string;
  readonly appliesTo: (viewer: Viewer) => boolean;
  readonly items: (deps: ApiDeps, ctx: RequestContext) => Promise<readonly HomeItemDto[]>;
}

/** At most this many lines under an item: the rest are on its page. */
export const MAX_LINES = 5;

/** The first few lines, and one saying how many more are on the page. */
export function firstLines(lines: readonly HomeLineDto[], more: (n: number) => HomeLineDto): HomeLineDto[] {
  if (lines.length <= MAX_LINES) return [...lines];
  return [...lines.slice(0, MAX_LINES - 1), more(lines.length - (MAX_LINES - 1))];
}

export const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
