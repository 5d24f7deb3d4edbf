import type { ApiDeps, RequestContext } from '../context';
import { ApiError } from '../respond';
import type { HomeDto, HomeItemDto } from '../types';
import { auditCompliance, largestChanges, needsAction, standardsScores } from './organisation';
import type { HomeProvider } from './provider';
import { myAudits, openSurveys } from './staff';
import { scopedAudits, supervisionThisMonth } from './supervisor';
import { returnsDue, teamCaseloads, teamResponseRate } from './teamManager';

/**
 * The home page, in order: the viewer's own things first (surveys, audits), then what they
 * look after as a supervisor or manager, then the organisation's. A new kind of item is a new
 * provider here; each decides whom it is for.
 */
export const HOME_PROVIDERS: readonly HomeProvider[] = [
  openSurveys,
  myAudits,
  scopedAudits,
  supervisionThisMonth,
  teamResponseRate,
  teamCaseloads,
  returnsDue,
  needsAction,
  largestChanges,
  auditCompliance,
  standardsScores,
];

/**
 * Every provider that applies to the viewer, at once. A provider refused (not set up on this
 * server, or not for this viewer after all) adds nothing; one that fails says so in its place
 * and is logged, so one broken part never blanks the page.
 */
export async function home(deps: ApiDeps, ctx: RequestContext, providers: readonly HomeProvider[] = HOME_PROVIDERS): Promise<HomeDto> {
  const parts = await Promise.all(
    providers
      .filter((p) => p.appliesTo(ctx.viewer))
      .map(async (p): Promise<readonly HomeItemDto[]> => {
        try {
          return await p.items(deps, ctx);
        } catch (error) {
          if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return [];
          ctx.log?.warn({ err: error, part: p.name }, 'a part of the home page failed');
          return [
            {
              id: `unavailable-${p.name.replace(/\W+/g, '-')}`,
              title: p.name.charAt(0).toUpperCase() + p.name.slice(1),
              summary: 'This could not be worked out just now. Reload the page in a minute; if it keeps happening, tell your Health Check administrator.',
              tone: 'info',
              lines: [],
              link: { href: '#/home', label: 'Reload' },
            },
          ];
        }
      }),
  );
  return { items: parts.flat() };
}
