import type { App } from '../../app/app';
import type { BreakdownBy, BreakdownResults, CycleResults } from '../../domain/results/types';
import type { Cycle } from '../../ports/stores';

export type ResultsOf = (cycle: Cycle, by?: BreakdownBy) => Promise<CycleResults | BreakdownResults>;

/**
 * Results of closed cycles and published history, worked out once per process and shared by
 * requests arriving together (the Health Check page asks for results, trends and changes at
 * once, and each needs every earlier cycle). They cannot change once a cycle has closed (no
 * submits, no imports: see ResultsService), so nothing is ever invalidated; an open or draft
 * cycle is never cached (and has no results to show anyway). A failure is not kept.
 */
export function resultsCache(app: Pick<App, 'results'>): ResultsOf {
  const cache = new Map<string, Promise<CycleResults | BreakdownResults>>();
  return (cycle, by) => {
    if (cycle.kind !== 'published' && cycle.status !== 'closed') return app.results.results(cycle.id, by);
    const key = `${cycle.id}|${by ?? ''}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = app.results.results(cycle.id, by);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending;
  };
}
