import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { StoredOrDemoDirectory } from '../../../src/adapters/directory/storedOrDemoDirectory';
import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { asIsoDate, asUserId } from '../../../src/domain/shared/brand';
import { TestClock } from '../../fixtures/testClock';

describe('StoredOrDemoDirectory', () => {
  const clock = new TestClock(new Date('2026-05-11T10:00:00Z'));
  const org = {
    teams: [{ id: 'hospital', name: 'Hospital team', serviceArea: 'hospital-and-intake' }],
    people: [
      { id: asUserId('tm'), displayName: 'Tia', role: 'team-manager' as const, teamId: 'hospital', lineManagerId: undefined, supervisorId: undefined },
      { id: asUserId('sw'), displayName: 'Wes', role: 'social-worker' as const, teamId: 'hospital', lineManagerId: asUserId('tm'), supervisorId: asUserId('tm') },
      { id: asUserId('gone'), displayName: 'Gil', role: 'social-worker' as const, teamId: 'hospital', lineManagerId: asUserId('tm'), supervisorId: asUserId('tm'), leftOn: '2026-05-01' },
      { id: asUserId('going'), displayName: 'Gia', role: 'social-worker' as const, teamId: 'hospital', lineManagerId: asUserId('tm'), supervisorId: asUserId('tm'), leftOn: '2026-06-30' },
    ],
  };

  it('is nobody with demo off and nothing imported, the demo with demo on', async () => {
    const { organisations, stores } = openSqlite(':memory:');
    expect(await new StoredOrDemoDirectory(organisations, false, clock).organisation()).toEqual({ teams: [], people: [] });
    expect((await new StoredOrDemoDirectory(organisations, true, clock).organisation()).people).toHaveLength(demoOrganisation().people.length);
    await stores.close();
  });

  it('is the imported organisation once there is one, without people who have already left; the store keeps them', async () => {
    const { organisations, stores } = openSqlite(':memory:');
    await organisations.save(org, asIsoDate('2026-05-11'));
    const people = (await new StoredOrDemoDirectory(organisations, true, clock).organisation()).people.map((p) => p.id);
    expect(people).toEqual(['going', 'sw', 'tm']);
    const stored = await organisations.load();
    expect(stored?.importedOn).toBe('2026-05-11');
    expect(stored?.organisation.people.find((p) => p.id === 'gone')).toMatchObject({ displayName: 'Gil', leftOn: '2026-05-01' });

    // A later import without Wes keeps him, as a leaver from that day.
    const outcome = await organisations.save({ ...org, people: org.people.filter((p) => p.id !== 'sw') }, asIsoDate('2026-05-12'));
    expect(outcome.markedLeft).toBe(1);
    expect((await organisations.load())?.organisation.people.find((p) => p.id === 'sw')).toMatchObject({ displayName: 'Wes', leftOn: '2026-05-12' });
    await stores.close();
  });
});
