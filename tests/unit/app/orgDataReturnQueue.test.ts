import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { InvitationPlanner, openCycleAndQueue, teamManagedBy } from '../../../src/app/invitations';
import { wire } from '../../../src/composition';
import { healthCheck } from '../../../src/domain/survey/healthCheck';
import type { Directory } from '../../../src/ports/directory';
import type { Organisation } from '../../../src/domain/organisation/types';
import { TestClock } from '../../fixtures/testClock';

describe('opening a cycle queues the 39-steps return card for team managers', () => {
  it('queues exactly one card per team manager, for their own team, and none to anyone else; again adds nothing', async () => {
    const clock = new TestClock(new Date('2027-01-11T10:00:00Z'));
    const { stores, operational } = openSqlite(':memory:');
    const app = await wire(stores, healthCheck, clock);
    const organisation = demoOrganisation();
    const directory: Directory = { organisation: () => Promise.resolve(organisation) };
    const planner = new InvitationPlanner(operational.outbox, directory, clock);
    const { cycle, queued } = await openCycleAndQueue(app.cycles, planner, { id: '2026-27', closesOn: '2027-01-29' });
    const managers = organisation.people.filter((p) => p.role === 'team-manager');
    expect(managers).toHaveLength(organisation.teams.length);
    expect(queued.orgDataReturns).toBe(managers.length);
    const cards = (await operational.outbox.list({ cycleId: cycle.id, kind: 'org-return' }, { limit: 500 })).items;
    expect(cards.map((m) => m.userId).sort()).toEqual(managers.map((p) => p.id).sort());
    expect(new Set(cards.map((m) => m.userId)).size).toBe(cards.length);
    // Each manager's team is a different team, so every team is asked once.
    expect(new Set(cards.map((m) => teamManagedBy(organisation, m.userId)?.id)).size).toBe(organisation.teams.length);
    // Nobody else: not the service managers, not the PSW, not practitioners.
    for (const p of organisation.people.filter((x) => x.role !== 'team-manager')) expect(teamManagedBy(organisation, p.id)).toBeUndefined();
    expect((await planner.queue(cycle)).orgDataReturns).toBe(0);
    await app.close();
  });

  it('a team manager who joins later gets theirs when the cycle is queued again', async () => {
    const clock = new TestClock(new Date('2027-01-11T10:00:00Z'));
    const { stores, operational } = openSqlite(':memory:');
    const app = await wire(stores, healthCheck, clock);
    const full = demoOrganisation();
    const newManager = full.people.find((p) => p.role === 'team-manager');
    let organisation: Organisation = { ...full, people: full.people.filter((p) => p !== newManager) };
    const directory: Directory = { organisation: () => Promise.resolve(organisation) };
    const planner = new InvitationPlanner(operational.outbox, directory, clock);
    const { cycle, queued } = await openCycleAndQueue(app.cycles, planner, { id: '2026-27', closesOn: '2027-01-29' });
    expect(queued.orgDataReturns).toBe(full.teams.length - 1);
    organisation = full;
    expect((await planner.queue(cycle)).orgDataReturns).toBe(1);
    await app.close();
  });
});
