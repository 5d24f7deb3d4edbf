import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { participationKey } from '../../src/app/participation';
import { asCycleId, asIsoDate, asUserId } from '../../src/domain/shared/brand';
import { idempotencyKey } from '../../src/domain/outbox/types';

/**
 * What waits for the disk. Every commit waiting for it (SQLite's default) made each draft saved
 * and each reference kept a disk flush, a good part of each reply's time when a whole council
 * answers at once. Now ordinary writes survive a crash of the process but may be lost to a
 * power cut; a response (the person has been thanked) and a message marked as being sent (it
 * must never go twice) wait for the disk.
 */
describe('SQLite durability', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-durable-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cycleId = asCycleId('2026-27');

  async function open() {
    const sqlite = openSqlite(path.join(dir, 'phc.sqlite'));
    await sqlite.stores.cycles.create(
      {
        id: cycleId,
        surveyId: 'health-check',
        surveyVersion: 1,
        title: 'Health Check 2026/27',
        kind: 'live',
        status: 'draft',
        opensOn: asIsoDate('2027-01-11'),
        closesOn: asIsoDate('2027-01-29'),
        threshold: 5,
        textThreshold: 10,
      },
      Buffer.alloc(32, 3),
    );
    await sqlite.stores.cycles.setStatus(cycleId, 'open');
    return sqlite;
  }

  /** The synchronous level in force at each commit (1 NORMAL, 2 FULL). */
  function watchCommits(db: ReturnType<typeof openSqlite>['operational']['db']): number[] {
    const levels: number[] = [];
    const pragma = db.pragma.bind(db);
    jest.spyOn(db, 'pragma').mockImplementation(((source: string, options?: { simple?: boolean }) => {
      const result = pragma(source, options);
      if (/^synchronous = FULL$/i.test(source)) levels.push(2);
      return result;
    }) as typeof db.pragma);
    return levels;
  }

  it('commits a draft without waiting for the disk, and a response waiting for it', async () => {
    const { stores, operational } = await open();
    try {
      expect(operational.db.pragma('synchronous', { simple: true })).toBe(1);
      const key = participationKey(Buffer.alloc(32, 3), asUserId('amy'));
      const full = watchCommits(operational.db);
      await stores.participation.saveDraft(cycleId, key, { answers: { role: 'social-worker' }, sectionIndex: 1, savedOn: asIsoDate('2027-01-12') });
      expect(full).toEqual([]);
      await stores.participation.submit(cycleId, key, { surveyVersion: 1, submittedOn: asIsoDate('2027-01-12'), answers: { role: 'social-worker' } });
      expect(full).toEqual([2]);
      // …and back to NORMAL for whatever comes next.
      expect(operational.db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      await stores.close();
    }
  });

  it('marks a message as being sent waiting for the disk', async () => {
    const { stores, operational } = await open();
    try {
      await operational.outbox.enqueue([{ cycleId, userId: asUserId('amy'), kind: 'invitation', dueAt: 0 }]);
      const claimed = await operational.outbox.claimNext(1, 'me', 60_000);
      const full = watchCommits(operational.db);
      expect(await operational.outbox.markSending(idempotencyKey(cycleId, asUserId('amy'), 'invitation'), 'me', 60_000)).toBe(true);
      expect(claimed?.key).toBe(idempotencyKey(cycleId, asUserId('amy'), 'invitation'));
      expect(full).toEqual([2]);
      expect(operational.db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      await stores.close();
    }
  });
});
