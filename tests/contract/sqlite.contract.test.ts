import { migrations } from '../../src/adapters/sqlite/migrations';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStores } from '../../src/adapters/sqlite/sqliteStores';
import { asCycleId } from '../../src/domain/shared/brand';
import { storeContractSuite } from './storeContract';

storeContractSuite('SQLite in memory', () => openSqliteStores(':memory:'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-contract-'));
let files = 0;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

storeContractSuite('SQLite file', () => {
  files += 1;
  return openSqliteStores(path.join(dir, `stores-${files}.sqlite`));
});

describe('SQLite file reopened', () => {
  it('keeps what was stored, and opening again does not re-run migrations', async () => {
    const file = path.join(dir, 'reopen.sqlite');
    const first = openSqliteStores(file);
    await first.published.put({
      id: asCycleId('2022-23'),
      title: 'Health Check 2022',
      year: '2022',
      respondents: 1,
      opensOn: '2022-09-01',
      closesOn: '2022-09-30',
      figures: [],
      notComparable: [],
      unmapped: [],
    });
    await first.close();
    const second = openSqliteStores(file);
    expect((await second.published.list()).map((p) => p.id)).toEqual(['2022-23']);
    await second.close();
    const third = openSqliteStores(file);
    expect(await third.published.list()).toHaveLength(1);
    await third.close();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT id FROM schema_migrations').all()).toEqual(migrations.map((m) => ({ id: m.id })));
    } finally {
      raw.close();
    }
  });
});
