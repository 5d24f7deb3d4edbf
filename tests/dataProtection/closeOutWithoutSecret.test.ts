import { openCycleAndQueue } from '../../src/app/invitations';
import type { Composition } from '../../src/composition';
import { asCycleId } from '../../src/domain/shared/brand';
import { composeInMemory } from '../support/composed';
import { ManualClock } from '../support/outboxFixtures';

/**
 * A closed cycle that was never closed out here and whose participation secret is gone (an
 * instance rebuilt from SharePoint after the old one destroyed it): the daily retention run
 * says so and carries on with everything else, rather than stopping there every day.
 */
describe('the retention run and a cycle it cannot close out', () => {
  let phc: Composition;
  const clock = new ManualClock('2026-05-04T09:00:00Z');

  beforeAll(async () => {
    phc = await composeInMemory({ clock }, { PHC_DEMO: 'on' });
  });
  afterAll(() => phc.close());

  it('reports the cycle in words and still disposes of what is due', async () => {
    const { app, services, stores } = phc;
    await openCycleAndQueue(app.cycles, services.invitations, { id: 'lost-2026', closesOn: '2026-05-29' });
    const id = asCycleId('lost-2026');
    // Closed and its secret destroyed elsewhere, with no close-out kept here.
    await stores.stores.cycles.setStatus(id, 'closed');
    await stores.stores.cycles.destroyParticipationSecret(id);
    clock.set('2026-06-01T02:00:00Z');
    const run = await services.dataProtection.retention.run();
    const report = run.closedOut.find((c) => c.cycle === 'lost-2026');
    expect(report).toMatchObject({ now: false, draftsDeleted: 0 });
    expect(report?.problem).toMatch(/could not be closed out/);
    expect(report?.problem).not.toMatch(/StoreError|at \w+ \(/);
    expect(run.outcome).toBeDefined();
  });
});
