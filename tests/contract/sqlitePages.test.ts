import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { PAGE_SIZE } from '../../src/adapters/sqlite/database';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { asCycleId, asIsoDate } from '../../src/domain/shared/brand';

/**
 * The page size of the SQLite file. A response (1–3 KB of JSON) in a table ordered by random
 * id took two 4 KB pages, one of them almost empty: reading a closed cycle of 100,000 took
 * seconds (`npm run bench:results`). Files are made with 16 KB pages, and an older file is
 * moved to them when it is next compacted (a cycle closing), keeping everything in it.
 */
describe('SQLite pages', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-pages-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cycleId = asCycleId('2025-26');
  const file = () => path.join(dir, 'phc.sqlite');

  async function closeACycle(sqlite: ReturnType<typeof openSqlite>, responses: number): Promise<void> {
    const { stores } = sqlite;
    await stores.cycles.create(
      {
        id: cycleId,
        surveyId: 'health-check',
        surveyVersion: 1,
        title: 'Health Check 2025/26',
        kind: 'live',
        status: 'draft',
        opensOn: asIsoDate('2026-01-05'),
        closesOn: asIsoDate('2026-03-31'),
        threshold: 5,
        textThreshold: 10,
      },
      Buffer.alloc(32, 1),
    );
    await stores.cycles.setStatus(cycleId, 'open');
    await stores.responses.importMany(
      cycleId,
      Array.from({ length: responses }, (_, i) => ({ surveyVersion: 1, submittedOn: asIsoDate('2026-02-01'), answers: { role: 'social-worker', seq: i, comment: 'x'.repeat(1_500) } })),
    );
    await stores.cycles.setStatus(cycleId, 'closed');
  }

  /** The size of a file whose closed cycle holds `responses` responses. */
  async function sizeWith(responses: number): Promise<number> {
    const at = path.join(dir, `with-${responses}.sqlite`);
    const sqlite = openSqlite(at);
    try {
      expect(sqlite.operational.db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
      await closeACycle(sqlite, responses);
    } finally {
      await sqlite.stores.close();
    }
    return fs.statSync(at).size;
  }

  it('are 16 KB in a new file, which keeps a response on its page beside others', async () => {
    // 300 responses of about 1.6 KB: about 0.5 MB on 16 KB pages (1.2 MB when each took two 4 KB pages).
    expect((await sizeWith(300)) - (await sizeWith(0))).toBeLessThan(700_000);
  });

  it('become 16 KB in an older file of 4 KB pages when a cycle closes, with nothing lost and the file still in WAL mode', async () => {
    const old = new Database(file());
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE kept_from_before (x TEXT)');
    old.prepare('INSERT INTO kept_from_before VALUES (?)').run('still here');
    old.close();
    const sqlite = openSqlite(file());
    try {
      const { db } = sqlite.operational;
      expect(db.pragma('page_size', { simple: true })).toBe(4096);
      await closeACycle(sqlite, 50);
      expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(await sqlite.stores.responses.count(cycleId)).toBe(50);
      expect(db.prepare('SELECT x FROM kept_from_before').pluck().get()).toBe('still here');
    } finally {
      await sqlite.stores.close();
    }
  });
});
