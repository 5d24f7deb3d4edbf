import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { memorySecrets } from '../../../src/adapters/secrets/memory';
import { sqliteCycleStore } from '../../../src/adapters/sqlite/cycleStore';
import { openDatabase } from '../../../src/adapters/sqlite/database';
import { asCycleId, type IsoDate } from '../../../src/domain/shared/brand';
import { healthCheck2026 } from '../../fixtures/cycles';

describe('the SQLite cycle store, read again and again by every survey turn', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-cycles-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('decodes a cycle once while it is unchanged, and sees at once what another connection changed', async () => {
    const file = path.join(dir, 'phc.sqlite');
    const [here, there] = [openDatabase(file), openDatabase(file)];
    try {
      const secrets = memorySecrets();
      const mine = sqliteCycleStore(here, secrets);
      const theirs = sqliteCycleStore(there, secrets);
      const cycle = healthCheck2026;
      await mine.create(cycle, randomBytes(32));
      const first = await mine.get(cycle.id);
      expect(await mine.get(cycle.id)).toBe(first);
      expect((await mine.list({ limit: 10 })).items[0]).toBe(first);

      // Closed by the other thread (or `phc` in another process): this store must not answer from memory.
      await theirs.setStatus(cycle.id, 'closed');
      expect((await mine.get(cycle.id))?.status).toBe('closed');
      expect((await mine.list({ limit: 10 })).items[0]?.status).toBe('closed');
      await theirs.markPublished(cycle.id, '2027-03-01' as IsoDate);
      expect((await mine.get(cycle.id))?.publishedOn).toBe('2027-03-01');
    } finally {
      here.close();
      there.close();
    }
  });

  it('keeps the list only while nothing has changed: a cycle added, changed or removed by either connection, by any route, is listed at once', async () => {
    const file = path.join(dir, 'listed.sqlite');
    const [here, there] = [openDatabase(file), openDatabase(file)];
    try {
      const secrets = memorySecrets();
      const mine = sqliteCycleStore(here, secrets);
      const theirs = sqliteCycleStore(there, secrets);
      const ids = async () => (await mine.list({ limit: 10 })).items.map((c) => `${c.id} ${c.status} ${c.title}`);
      await mine.create(healthCheck2026, randomBytes(32));
      expect(await ids()).toEqual(['2026-27 open Health Check 2026-27']);
      // Unchanged: the very same cycles again.
      const first = (await mine.list({ limit: 10 })).items;
      expect((await mine.list({ limit: 10 })).items).toEqual(first);

      // Another connection adds one.
      await theirs.create({ ...healthCheck2026, id: asCycleId('pulse-2027-02'), opensOn: '2027-02-01' as IsoDate, closesOn: '2027-02-14' as IsoDate, title: 'Pulse' }, randomBytes(32));
      expect(await ids()).toEqual(['pulse-2027-02 open Pulse', '2026-27 open Health Check 2026-27']);
      // This connection changes one without the store (a SharePoint sync, a recovery).
      here.prepare("UPDATE cycles SET title = 'Pulse survey' WHERE id = 'pulse-2027-02'").run();
      expect(await ids()).toEqual(['pulse-2027-02 open Pulse survey', '2026-27 open Health Check 2026-27']);
      // Inside a transaction of this connection: its own change is listed before the commit.
      here.transaction(() => here.prepare("UPDATE cycles SET status = 'closed' WHERE id = 'pulse-2027-02'").run())();
      expect(await ids()).toEqual(['pulse-2027-02 closed Pulse survey', '2026-27 open Health Check 2026-27']);
      // Another connection removes one without the store.
      there.prepare("DELETE FROM cycles WHERE id = 'pulse-2027-02'").run();
      expect(await ids()).toEqual(['2026-27 open Health Check 2026-27']);
      // Pages are kept apart.
      expect((await mine.list({ limit: 1, continuation: '1' })).items).toEqual([]);
      expect(await ids()).toEqual(['2026-27 open Health Check 2026-27']);
    } finally {
      here.close();
      there.close();
    }
  });

  it('keeps what it read while only other tables change, on this connection or another, and never keeps what a rolled back change showed', async () => {
    const file = path.join(dir, 'kept.sqlite');
    const [here, there] = [openDatabase(file), openDatabase(file)];
    const statement = Object.getPrototypeOf(here.prepare('SELECT 1')) as { all: (...args: unknown[]) => unknown; get: (...args: unknown[]) => unknown };
    try {
      const mine = sqliteCycleStore(here, memorySecrets());
      const ids = async () => (await mine.list({ limit: 10 })).items.map((c) => `${c.id} ${c.status} ${c.title}`);
      await mine.create(healthCheck2026, randomBytes(32));
      expect(await ids()).toEqual(['2026-27 open Health Check 2026-27']);
      await mine.get(healthCheck2026.id);

      // What every survey turn writes here (a draft, a conversation) and the background thread there (the outbox).
      here.prepare("INSERT INTO question_numbers (number, question) VALUES (1, 'role')").run();
      there.prepare("INSERT INTO question_numbers (number, question) VALUES (2, 'team')").run();
      const all = jest.spyOn(statement, 'all');
      const get = jest.spyOn(statement, 'get');
      try {
        expect(await ids()).toEqual(['2026-27 open Health Check 2026-27']);
        expect((await mine.get(healthCheck2026.id))?.title).toBe('Health Check 2026-27');
        // The cycles were not read again: one look at whether they changed, each time.
        expect(all).not.toHaveBeenCalled();
        expect(get).toHaveBeenCalledTimes(2);
      } finally {
        all.mockRestore();
        get.mockRestore();
      }

      // Inside a transaction its change is seen; rolled back, it is gone, even once another
      // connection's change has brought the file as far on as the rolled back one had.
      let during: Promise<string | undefined> | undefined;
      expect(() =>
        here.transaction(() => {
          here.prepare("UPDATE cycles SET title = 'Renamed' WHERE id = '2026-27'").run();
          during = mine.list({ limit: 10 }).then((page) => page.items[0]?.title);
          void mine.get(healthCheck2026.id);
          throw new Error('rolled back');
        })(),
      ).toThrow('rolled back');
      expect(await during).toBe('Renamed');
      there.prepare("UPDATE cycles SET title = 'Renamed there' WHERE id = '2026-27'").run();
      expect(await ids()).toEqual(['2026-27 open Renamed there']);
      expect((await mine.get(healthCheck2026.id))?.title).toBe('Renamed there');
    } finally {
      here.close();
      there.close();
    }
  });
});
