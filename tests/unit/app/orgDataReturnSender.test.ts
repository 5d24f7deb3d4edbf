import { ProactiveSender } from '../../../src/app/sender';
import { outboxWorld, user } from '../../support/outboxWorld';

describe('the proactive sender: 39-steps return cards', () => {
  it('sends a team manager their team’s card once, as a message that is sent (not "done"), and cancels one for someone who no longer manages a team', async () => {
    const w = await outboxWorld({ people: 4 });
    const dueAt = w.clock.now().getTime();
    expect(await w.operational.outbox.enqueue([user(1), user(2)].map((userId) => ({ cycleId: w.cycle.id, userId, kind: 'org-return' as const, dueAt })))).toBe(2);
    const sender = new ProactiveSender({ ...w.deps, teamOf: (id) => Promise.resolve(id === user(1) ? { id: 'hospital', name: 'Hospital team' } : undefined) });
    const run = await sender.runOnce();
    expect(run).toMatchObject({ orgDataReturnsSent: 1, orgDataReturnsNotSent: 1 });
    expect(w.messenger.to(user(1), 'org-return')).toHaveLength(1);
    expect(w.messenger.to(user(2), 'org-return')).toEqual([]);
    expect(w.row(user(1), 'org-return')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(w.row(user(2), 'org-return')).toMatchObject({ status: 'cancelled', reason: 'no longer manages a team, so there is no 39-steps return to ask for' });
    // Their invitations went out as before, and nothing is sent twice.
    expect(w.messenger.to(user(1), 'invitation')).toHaveLength(1);
    expect((await sender.runOnce()).orgDataReturnsSent).toBe(0);
    const progress = await w.operational.outbox.progress(w.cycle.id);
    expect(progress.map((p) => p.kind).slice(0, 2)).toEqual(['invitation', 'org-return']);
  });

  it('without a way to look up teams, cancels the card saying why rather than sending an empty one', async () => {
    const w = await outboxWorld({ people: 2 });
    await w.operational.outbox.enqueue([{ cycleId: w.cycle.id, userId: user(1), kind: 'org-return', dueAt: w.clock.now().getTime() }]);
    await w.run();
    expect(w.messenger.to(user(1), 'org-return')).toEqual([]);
    expect(w.row(user(1), 'org-return')).toMatchObject({ status: 'cancelled', reason: 'this sender cannot look up teams, so the 39-steps card was not sent' });
  });
});
