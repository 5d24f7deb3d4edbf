import { queueResultsNotices } from '../../../src/app/invitations';
import { outboxWorld } from '../../support/outboxWorld';

/**
 * "The results are out": queued for everyone a cycle asked once its results are published,
 * sent like an invitation (working hours, once, never again), and never for results not
 * published.
 */
describe('the results are out', () => {
  it('goes once to everyone asked, after the cycle has closed, when its results are published', async () => {
    const w = await outboxWorld({ people: 12, plan: { cadence: { afterOpening: [], beforeClosing: [] }, workingHours: null } });
    await w.run();
    w.clock.set('2027-01-30T10:00:00Z');
    await w.cycles.close(w.cycle.id);
    await expect(queueResultsNotices(w.operational.outbox, w.directory, w.clock, await w.cycles.require(w.cycle.id))).rejects.toThrow(/are not published, so nobody is told they are out/);
    const published = await w.cycles.publish(w.cycle.id);
    expect(published.publishedOn).toBe('2027-01-30');
    expect(await queueResultsNotices(w.operational.outbox, w.directory, w.clock, published)).toBe(w.audience.length);
    // Publishing again (a double click, a retry) queues nobody twice.
    expect((await w.cycles.publish(w.cycle.id)).publishedOn).toBe('2027-01-30');
    expect(await queueResultsNotices(w.operational.outbox, w.directory, w.clock, published)).toBe(0);
    const run = await w.run();
    expect(run).toMatchObject({ resultsSent: w.audience.length, resultsNotSent: 0 });
    for (const id of w.audience) expect(w.messenger.to(id, 'results')).toHaveLength(1);
    expect(w.row(w.audience[0]!, 'results').status).toBe('sent');
    expect(w.log.join('\n')).toMatch(new RegExp(`${w.audience.length} "results are out" sent`));
  });

  it('is cancelled, saying why, if the results it announces are not published', async () => {
    const w = await outboxWorld({ people: 3, plan: { cadence: { afterOpening: [], beforeClosing: [] }, workingHours: null } });
    await w.run();
    await w.operational.outbox.enqueue([{ cycleId: w.cycle.id, userId: w.audience[0]!, kind: 'results', dueAt: 0 }]);
    const run = await w.run();
    expect(run.resultsNotSent).toBe(1);
    expect(w.row(w.audience[0]!, 'results')).toMatchObject({ status: 'cancelled', reason: 'the results are not published' });
    expect(w.messenger.to(w.audience[0]!, 'results')).toEqual([]);
  });
});
