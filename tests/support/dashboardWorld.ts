/**
 * A data folder that makes the home page and the charts say something, for the dashboards'
 * end-to-end test and benchmark: the demo organisation and reports (the server adds them at
 * start), plus, seeded here through the app's own services on a test clock:
 * - this council year's audit programme planned in April, two in three of the audits due so
 *   far completed (most on time), the rest overdue;
 * - last year's Health Check answered in Teams over three weeks, then closed;
 * - this year's open since ten days ago, answered day by day, some today;
 * - some supervision recorded this month by the demo supervisor (Lynne Robbins).
 * Dates are worked out from today, so the pictures stay current whenever it runs.
 */
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { councilYearOf } from '../../src/domain/audit/plan/calendar';
import { isHealthCheckAudience } from '../../src/domain/organisation/types';
import { asCycleId, asIsoDate, asUserId, dateOf } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { allAuditTasks } from '../../src/ports/audits';
import { syntheticResponses } from '../bench/syntheticResponses';
import { TestClock } from '../fixtures/testClock';
import { composeAt } from './composed';

export const DEMO_SUPERVISOR = '00000000-0000-0000-0000-0000000000025';

export interface DashboardWorld {
  readonly today: string;
  readonly year: number;
  /** The open cycle and the one before it, both answered in Teams. */
  readonly cycle: string;
  readonly previous: string;
}

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const yearId = (start: number): string => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;

export async function seedDashboards(dataDir: string): Promise<DashboardWorld> {
  const now = Date.now();
  const today = isoDay(now);
  const year = councilYearOf(asIsoDate(today));
  const clock = new TestClock(new Date(`${year}-04-01T09:00:00Z`));
  const phc = await composeAt(dataDir, {}, { clock });
  try {
    const { app, services } = phc;
    // The audit programme, planned at the start of the year; two in three due so far done.
    await services.audits.plan(year);
    const tasks = (await allAuditTasks(phc.stores.audits, year)).filter((t) => t.due < today).sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const [i, t] of tasks.entries()) {
      if (i % 3 === 2) continue;
      const late = i % 6 === 1 ? 9 : -2;
      const on = isoDay(Math.min(Date.parse(`${t.due}T12:00:00Z`) + late * DAY, now));
      await phc.stores.audits.setStatus(t.id, 'completed', asIsoDate(on));
    }

    // Last year's survey, answered in Teams over three weeks from 1 October.
    const audience = demoOrganisation().people.filter(isHealthCheckAudience);
    const answers = syntheticResponses(healthCheck, audience.length, 11);
    const known = new Set((await app.cycles.list()).map((c) => c.id as string));
    const previous = known.has(yearId(year - 1)) ? `teams-${year - 1}` : yearId(year - 1);
    clock.set(`${year - 1}-10-01T08:00:00Z`);
    await app.cycles.open({ id: previous, title: `${healthCheck.title} ${year - 1}/${String(year % 100).padStart(2, '0')}`, closesOn: `${year - 1}-10-22` });
    const lastYear = Math.round(audience.length * 0.62);
    for (let i = 0; i < lastYear; i++) {
      clock.set(`${isoDay(Date.parse(`${year - 1}-10-01T10:00:00Z`) + Math.floor((i * i) / ((lastYear * lastYear) / 21)) * DAY)}T10:00:00Z`);
      await app.survey.submit(asCycleId(previous), asUserId(audience[i]!.id), answers[i]);
    }
    clock.set(`${year - 1}-10-23T09:00:00Z`);
    await app.cycles.close(previous);

    // This year's, open for the last ten days (nine whole days and today), answered each day.
    const opened = now - 9 * DAY;
    const cycle = known.has(yearId(year)) ? `teams-${year}` : yearId(year);
    clock.set(`${isoDay(opened)}T08:00:00Z`);
    await app.cycles.open({ id: cycle, closesOn: isoDay(now + 30 * DAY) });
    const sofar = Math.round(audience.length * 0.4);
    for (let i = 0; i < sofar; i++) {
      const day = Math.min(9, Math.floor((i * 10) / sofar));
      clock.set(`${isoDay(opened + day * DAY)}T${day === 9 ? '07' : '11'}:00:00Z`);
      await app.survey.submit(asCycleId(cycle), asUserId(audience[(i + 7) % audience.length]!.id), answers[(i + 5) % answers.length]);
    }

    // Supervision this month: two of the demo supervisor's supervisees so far.
    clock.set(new Date(now).toISOString());
    const supervisees = demoOrganisation().people.filter((p) => p.supervisorId === DEMO_SUPERVISOR);
    for (const p of supervisees.slice(0, 2)) {
      await services.supervision.record({ supervisorId: DEMO_SUPERVISOR, superviseeId: p.id, date: dateOf(new Date(now)), outcome: 'held' });
    }
    return { today, year, cycle, previous };
  } finally {
    await phc.close();
  }
}
