import { sqliteActionStore } from '../../src/adapters/sqlite/actionPlanStore';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import type { Action } from '../../src/domain/actionPlan/types';
import { asIsoDate } from '../../src/domain/shared/brand';
import { StoreError } from '../../src/ports/stores';

const base: Omit<Action, 'version'> = {
  id: 'act-1',
  what: 'Protected time for case recording',
  ownerId: 'demo-007',
  due: asIsoDate('2027-04-30'),
  status: 'not-started',
  link: { kind: 'question', questionId: 'caseload-fair', cycleId: '2025-26' },
  progress: '',
  createdBy: 'demo-001',
  createdOn: asIsoDate('2027-01-11'),
  updatedOn: asIsoDate('2027-01-11'),
};

describe('the action plan store', () => {
  it('creates, reads, updates at the expected version only, lists by due date, and removes', async () => {
    const { operational, stores } = openSqlite(':memory:');
    const store = sqliteActionStore(operational.db);
    expect(await store.create(base)).toEqual({ ...base, version: 1 });
    await expect(store.create(base)).rejects.toMatchObject({ code: 'already-exists' });
    await store.create({ ...base, id: 'act-0', due: asIsoDate('2027-02-01'), link: { kind: 'none' } });
    expect((await store.list()).map((a) => a.id)).toEqual(['act-0', 'act-1']);
    const updated = await store.update({ ...base, status: 'done' }, 1);
    expect(updated).toMatchObject({ status: 'done', version: 2, link: base.link });
    await expect(store.update({ ...base, status: 'dropped' }, 1)).rejects.toBeInstanceOf(StoreError);
    await expect(store.update({ ...base, status: 'dropped' }, 1)).rejects.toMatchObject({ code: 'conflict' });
    await expect(store.update({ ...base, id: 'act-9' }, 1)).rejects.toMatchObject({ code: 'not-found' });
    await store.remove('act-1');
    expect(await store.get('act-1')).toBeUndefined();
    await expect(store.remove('act-1')).rejects.toMatchObject({ code: 'not-found' });
    await stores.close();
  });

  it('refuses what the schema forbids: a bad date or status', () => {
    const { operational } = openSqlite(':memory:');
    const insert = operational.db.prepare(
      `INSERT INTO actions (id, what, owner_id, due, status, link, progress, created_by, created_on, updated_on, version) VALUES ('x', 'w', 'o', ?, ?, '{}', '', 'c', '2027-01-01', '2027-01-01', 1)`,
    );
    expect(() => insert.run('31/12/2027', 'done')).toThrow();
    expect(() => insert.run('2027-12-31', 'finished')).toThrow();
    expect(() => insert.run('2027-12-31', 'done')).not.toThrow();
    operational.db.close();
  });

  it('records "You said, we did" and queues each person once', async () => {
    const { operational } = openSqlite(':memory:');
    const store = sqliteActionStore(operational.db);
    await store.addUpdate({ id: 'ysd-1', message: 'We did it.', actionIds: ['act-1'], sentBy: 'demo-001', sentOn: asIsoDate('2027-01-11') });
    expect(await store.queueDeliveries('ysd-1', ['a', 'b', 'c'])).toBe(3);
    expect(await store.queueDeliveries('ysd-1', ['a', 'b', 'c', 'd'])).toBe(1);
    expect(await store.deliveries('ysd-1')).toEqual({ queued: 4 });
    expect(await store.updates()).toEqual([{ id: 'ysd-1', message: 'We did it.', actionIds: ['act-1'], sentBy: 'demo-001', sentOn: '2027-01-11' }]);
    operational.db.close();
  });
});
