import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import { StoreError } from '../../src/ports/stores';
import { allSupervisionRecords, type SupervisionEntry, type SupervisionLogStore } from '../../src/ports/supervisionLog';

const entry = (date: string, supervisee = 'amara', outcome: SupervisionEntry['outcome'] = 'held', supervisor = 'maya'): SupervisionEntry => ({
  supervisorId: asUserId(supervisor),
  superviseeId: asUserId(supervisee),
  date: asIsoDate(date),
  outcome,
});
const period = (start: string, end: string) => ({ start: asIsoDate(start), end: asIsoDate(end) });

describe('SQLite supervision log store', () => {
  let store: SupervisionLogStore;
  let close: () => Promise<void>;
  beforeEach(() => {
    const opened = openSqlite(':memory:');
    store = opened.supervisionLog;
    close = () => opened.stores.close();
  });
  afterEach(() => close());

  it('records a session with a stable id and gives it back', async () => {
    const { record, replaced } = await store.record(entry('2026-05-14'));
    expect(replaced).toBeUndefined();
    expect(record).toEqual({ id: 'sup-2026-05-14-amara-by-maya', supervisorId: 'maya', superviseeId: 'amara', date: '2026-05-14', outcome: 'held' });
    expect((await store.list(period('2026-05-01', '2026-05-31'), { limit: 10 })).items).toEqual([record]);
  });

  it('keys on supervisor, supervisee and date: a second record for the day replaces the outcome, never doubles', async () => {
    const first = await store.record(entry('2026-05-14', 'amara', 'postponed'));
    await store.record(entry('2026-05-14', 'amara', 'postponed'));
    const again = await store.record(entry('2026-05-14', 'amara', 'held'));
    expect(again.replaced).toBe('postponed');
    expect(again.record.id).toBe(first.record.id);
    const all = await allSupervisionRecords(store, period('2026-01-01', '2026-12-31'));
    expect(all).toHaveLength(1);
    expect(all[0]?.outcome).toBe('held');
    // Another supervisee, day or supervisor is another record.
    await store.record(entry('2026-05-14', 'ben'));
    await store.record(entry('2026-05-15', 'amara'));
    await store.record(entry('2026-05-14', 'amara', 'held', 'sam'));
    expect(await allSupervisionRecords(store, period('2026-01-01', '2026-12-31'))).toHaveLength(4);
  });

  it('pages through a period, each record exactly once, in date order, and leaves out other dates', async () => {
    for (let day = 1; day <= 9; day++) for (const who of ['amara', 'ben', 'chloe']) await store.record(entry(`2026-05-0${day}`, who));
    await store.record(entry('2026-04-30'));
    await store.record(entry('2026-06-01'));
    const seen: string[] = [];
    let continuation: string | undefined;
    let pages = 0;
    do {
      const page = await store.list(period('2026-05-01', '2026-05-31'), { limit: 4, ...(continuation ? { continuation } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((r) => r.id));
      continuation = page.continuation;
      pages++;
    } while (continuation !== undefined);
    expect(pages).toBe(7);
    expect(seen).toHaveLength(27);
    expect(new Set(seen).size).toBe(27);
    expect([...seen].sort()).toEqual(seen);
    expect(seen.every((id) => id.startsWith('sup-2026-05-'))).toBe(true);
  });

  it('refuses bad input and foreign continuation tokens', async () => {
    await expect(store.record({ ...entry('2026-05-14'), outcome: 'maybe' as never })).rejects.toBeInstanceOf(StoreError);
    await expect(store.record({ ...entry('2026-05-14'), date: '2026-05-14T10:00' as never })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(store.record({ ...entry('2026-05-14'), superviseeId: asUserId('') })).rejects.toThrow(/supervisee/);
    await expect(store.list(period('2026-05-01', '2026-05-31'), { limit: 2, continuation: 'bogus' })).rejects.toThrow(/continuation/);
  });
});
