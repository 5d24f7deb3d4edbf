import type { App } from './app';
import { caseloadQuestionsBeside, type CaseloadSurveyBeside } from '../domain/caseloads/survey';
import type { BreakdownResults, CycleResults } from '../domain/results/types';

/**
 * The newest Health Check with results (a closed cycle, or published history), through the
 * results service, so every threshold and the differencing guard apply exactly as in the
 * results view. `cycleId` picks another. `undefined` when there are no results at all.
 */
export async function newestResults(app: Pick<App, 'cycles' | 'results'>, cycleId?: string): Promise<{ whole: CycleResults; byTeam?: BreakdownResults } | undefined> {
  const cycles = await app.cycles.list();
  const cycle = cycleId === undefined ? [...cycles].sort((a, b) => b.opensOn.localeCompare(a.opensOn)).find((c) => c.kind === 'published' || c.status === 'closed') : await app.cycles.require(cycleId);
  if (!cycle) return undefined;
  const whole = await app.results.results(cycle.id);
  if (cycle.kind === 'published') return { whole };
  return { whole, byTeam: (await app.results.results(cycle.id, 'team')) as BreakdownResults };
}

export async function caseloadQuestions(app: Pick<App, 'cycles' | 'results'>, cycleId?: string): Promise<CaseloadSurveyBeside | undefined> {
  const results = await newestResults(app, cycleId);
  return results && caseloadQuestionsBeside(results.whole, results.byTeam);
}
