import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { UserFacingError } from '../../../src/app/errors';
import { SupervisionLogService } from '../../../src/app/supervisionLog';
import { TestClock } from '../../fixtures/testClock';
import { supervisionDirectory } from '../../fixtures/supervisionOrg';

describe('the supervision log use case', () => {
  let service: SupervisionLogService;
  let close: () => Promise<void>;
  const clock = new TestClock(new Date('2026-07-10T09:00:00Z'));
  beforeEach(() => {
    const opened = openSqlite(':memory:');
    service = new SupervisionLogService(opened.supervisionLog, supervisionDirectory(), clock);
    close = () => opened.stores.close();
  });
  afterEach(() => close());

  const ok = { supervisorId: 'maya', superviseeId: 'amara', date: '2026-07-01', outcome: 'held' };
  const refusal = async (request: Partial<typeof ok>): Promise<string> => {
    const error = await service.record({ ...ok, ...request }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserFacingError);
    return (error as Error).message;
  };

  it('records a supervision of a supervisee by their supervisor, and a second press replaces it', async () => {
    const first = await service.record(ok);
    expect(first).toMatchObject({ superviseeName: 'Amara Adeyemi', replaced: undefined, record: { outcome: 'held', date: '2026-07-01' } });
    const second = await service.record({ ...ok, outcome: 'Cancelled' });
    expect(second).toMatchObject({ replaced: 'held', record: { id: first.record.id, outcome: 'cancelled' } });
  });

  it('refuses in plain words', async () => {
    expect(await refusal({ superviseeId: 'chloe' })).toBe(
      'Chloe Clarke is not supervised by Maya Morgan in the directory, so this supervision cannot be recorded. If their supervisor has changed, update the directory first.',
    );
    expect(await refusal({ supervisorId: 'dev' })).toMatch(/Amara Adeyemi is not supervised by Dev Dhillon/);
    expect(await refusal({ supervisorId: 'nobody' })).toMatch(/nobody is not in the directory/);
    expect(await refusal({ superviseeId: 'ghost' })).toMatch(/ghost is not in the directory/);
    expect(await refusal({ superviseeId: '' })).toBe('Choose the person you supervised.');
    expect(await refusal({ date: '2026-07-11' })).toMatch(/Saturday 11 July 2026 is in the future/);
    expect(await refusal({ date: '2026-04-10' })).toMatch(/more than 90 days ago.*Saturday 11 April 2026 onwards/);
    expect(await refusal({ date: '10/07/2026' })).toMatch(/not a date in the form YYYY-MM-DD/);
    expect(await refusal({ date: '' })).toBe('Give the date of the supervision.');
    expect(await refusal({ outcome: 'maybe' })).toMatch(/held, postponed or cancelled \("maybe" is none of these\)/);
    expect(await refusal({ outcome: '' })).toBe('Say whether the supervision was held, postponed or cancelled.');
    // Today and exactly 90 days ago are allowed.
    await expect(service.record({ ...ok, date: '2026-07-10' })).resolves.toBeDefined();
    await expect(service.record({ ...ok, date: '2026-04-11' })).resolves.toBeDefined();
  });

  it('gives frequency against the monthly policy by team; postponed and cancelled do not count', async () => {
    for (const date of ['2026-04-15', '2026-05-15', '2026-06-15']) await service.record({ ...ok, date });
    for (const date of ['2026-04-20', '2026-06-20']) await service.record({ ...ok, superviseeId: 'ben', date });
    await service.record({ ...ok, superviseeId: 'ben', date: '2026-05-20', outcome: 'postponed' });
    for (const date of ['2026-04-21', '2026-05-21', '2026-06-21']) await service.record({ ...ok, supervisorId: 'sam', superviseeId: 'chloe', date });
    const report = await service.frequency();
    expect(report.period).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(report.months).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(report.overall).toEqual({ supervisees: 3, supervisedMonthly: 2, share: 2 / 3 });
    expect(report.byTeam).toEqual([
      { teamId: 'hospital', supervisees: 2, supervisedMonthly: 1, share: 0.5 },
      { teamId: 'intake', supervisees: 1, supervisedMonthly: 1, share: 1 },
    ]);
    expect(report.missed).toEqual([{ superviseeId: 'ben', months: ['2026-05'] }]);
    const may = await service.frequency('2026-05-10', '2026-05-20');
    expect(may.period).toEqual({ start: '2026-05-01', end: '2026-05-31' });
    expect(may.byTeam.find((t) => t.teamId === 'hospital')?.supervisedMonthly).toBe(1);
    await expect(service.frequency('2026-06-01', '2026-05-01')).rejects.toThrow(/starts \(2026-06-01\) after it ends \(2026-05-31\)/);
  });
});
