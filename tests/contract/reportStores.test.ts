import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import type { CaseloadEntry } from '../../src/domain/caseloads/types';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import type { ReportStores } from '../../src/ports/reportStores';
import { StoreError } from '../../src/ports/stores';

const entry = (worker: string | undefined, teamId: string, month: string, openCases: number, weights = {}): CaseloadEntry => ({
  workerId: worker === undefined ? undefined : asUserId(worker),
  workerName: worker ?? 'Jo Agency',
  teamId,
  month,
  openCases,
  weights,
  source: 'import',
});
const day = asIsoDate('2026-11-23');

describe('SQLite report stores', () => {
  let reports: ReportStores;
  let close: () => Promise<void>;
  beforeEach(() => {
    const opened = openSqlite(':memory:');
    reports = opened.reports;
    close = () => opened.stores.close();
  });
  afterEach(() => close());

  it('keeps caseloads with their weights and unmatched workers, and reads a period back', async () => {
    await reports.caseloads.replace(
      [
        { teamId: 'hospital', month: '2026-07' },
        { teamId: 'hospital', month: '2026-08' },
      ],
      [entry('w1', 'hospital', '2026-07', 20, { complexity: 1.5 }), entry(undefined, 'hospital', '2026-07', 9), entry('w1', 'hospital', '2026-08', 21)],
      day,
    );
    const back = await reports.caseloads.between('2026-07', '2026-07');
    expect(back.map((e) => [e.workerId, e.workerName, e.openCases, e.weights, e.recordedOn])).toEqual([
      [undefined, 'Jo Agency', 9, {}, '2026-11-23'],
      ['w1', 'w1', 20, { complexity: 1.5 }, '2026-11-23'],
    ]);
    expect(
      await reports.caseloads.existing([
        { teamId: 'hospital', month: '2026-08' },
        { teamId: 'intake', month: '2026-08' },
      ]),
    ).toEqual([{ teamId: 'hospital', month: '2026-08', workers: 1, source: 'import' }]);
  });

  it('replaces a team-month whole, and leaves other team-months alone', async () => {
    await reports.caseloads.replace(
      [
        { teamId: 'hospital', month: '2026-07' },
        { teamId: 'intake', month: '2026-07' },
      ],
      [entry('w1', 'hospital', '2026-07', 20), entry('w2', 'hospital', '2026-07', 22), entry('w3', 'intake', '2026-07', 12)],
      day,
    );
    expect(await reports.caseloads.replace([{ teamId: 'hospital', month: '2026-07' }], [entry('w1', 'hospital', '2026-07', 25)], day)).toEqual({ removed: 2, stored: 1 });
    expect((await reports.caseloads.between('2026-07', '2026-07')).map((e) => [e.workerId, e.openCases])).toEqual([
      ['w1', 25],
      ['w3', 12],
    ]);
  });

  it('refuses an entry outside what is replaced, and a worker twice in a team-month, changing nothing', async () => {
    await expect(reports.caseloads.replace([{ teamId: 'hospital', month: '2026-07' }], [entry('w1', 'intake', '2026-07', 5)], day)).rejects.toBeInstanceOf(StoreError);
    await reports.caseloads.replace([{ teamId: 'hospital', month: '2026-07' }], [entry('w1', 'hospital', '2026-07', 5)], day);
    await expect(reports.caseloads.replace([{ teamId: 'hospital', month: '2026-07' }], [entry('w2', 'hospital', '2026-07', 6), entry('w2', 'hospital', '2026-07', 7)], day)).rejects.toBeInstanceOf(
      StoreError,
    );
    expect((await reports.caseloads.between('2026-07', '2026-07')).map((e) => [e.workerId, e.openCases])).toEqual([['w1', 5]]);
  });

  it('keeps one 39-steps return per team per cycle', async () => {
    const r = { cycleId: '2026-27', teamId: 'hospital', submittedBy: asUserId('tm'), submittedOn: day, measures: { 'establishment-fte': 12, 'supervision-monitored': true } };
    expect(await reports.orgDataReturns.put(r)).toEqual({ replaced: false });
    expect(await reports.orgDataReturns.put({ ...r, measures: { 'establishment-fte': 13 } })).toEqual({ replaced: true });
    expect(await reports.orgDataReturns.forCycle('2026-27')).toEqual([{ ...r, measures: { 'establishment-fte': 13 } }]);
    expect(await reports.orgDataReturns.forTeam('intake')).toEqual([]);
  });

  it('keeps settings as JSON by key, and themes by quarter', async () => {
    expect(await reports.settings.get('caseload-level')).toBeUndefined();
    await reports.settings.set('caseload-level', 28);
    expect(await reports.settings.get('caseload-level')).toBe(28);
    await reports.settings.remove('caseload-level');
    expect(await reports.settings.get('caseload-level')).toBeUndefined();
    const t = await reports.themes.add({ quarter: '2026-Q3', theme: 'Capacity', source: '', note: '', taggedBy: 'psw', taggedOn: day });
    expect(await reports.themes.forQuarter('2026-Q3')).toEqual([t]);
    expect(await reports.themes.forQuarter('2026-Q4')).toEqual([]);
    expect(await reports.themes.remove(t.id)).toBe(true);
    expect(await reports.themes.remove(t.id)).toBe(false);
    await expect(reports.themes.add({ ...t, quarter: '2026-Q5' })).rejects.toBeInstanceOf(StoreError);
  });
});
