import { dateOf } from '../domain/shared/brand';
import type { App } from './app';
import type { Clock } from '../ports/clock';
import type { Cycle } from '../ports/stores';

/** How long the demo survey stays open from the first start. */
const DEMO_WEEKS_OPEN = 6;

/**
 * With demo data and no survey ever run, open one so that someone trying the app in the
 * Agents Playground has a survey to answer. Never runs once any live cycle exists.
 */
export async function ensureDemoCycle(app: App, clock: Clock): Promise<Cycle | undefined> {
  const cycles = await app.cycles.list();
  if (cycles.some((c) => c.kind === 'live')) return undefined;
  const now = clock.now();
  const closes = new Date(now.getTime() + DEMO_WEEKS_OPEN * 7 * 24 * 3600 * 1000);
  const year = Number(dateOf(now).slice(0, 4));
  // The health check year runs April to March, so November 2026 is in 2026/27.
  const startYear = Number(dateOf(now).slice(5, 7)) >= 4 ? year : year - 1;
  const id = `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
  return app.cycles.open({ id, closesOn: dateOf(closes) });
}
