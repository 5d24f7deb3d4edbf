import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { DemoDirectory } from '../../../src/adapters/directory/demoDirectory';
import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { demoOrgDataReturn } from '../../../src/app/orgDataDemo';
import { OrgDataService } from '../../../src/app/orgData';
import { UserFacingError } from '../../../src/app/errors';
import { ORG_MEASURES } from '../../../src/domain/orgData/measures';
import { checkOrgDataReturn, vacancyPercent } from '../../../src/domain/orgData/validate';
import { asCycleId, asIsoDate } from '../../../src/domain/shared/brand';
import type { Cycle } from '../../../src/ports/stores';
import { TestClock } from '../../fixtures/testClock';

const good = {
  'establishment-fte': '12.5',
  'unfilled-posts-fte': 1,
  'agency-cover-fte': 0.5,
  'long-term-absence-fte': 1,
  'turnover-percent': '12%',
  'cases-per-fte': 19,
  'supervision-in-policy-percent': 85,
  'unallocated-cases': 4,
  'sickness-days-per-fte': 7.5,
  'supervision-monitored': 'Yes',
};

describe('a 39-steps return, checked', () => {
  it("covers sections 1, 2 and 4 of the council's Social Work Health Check briefing (2017), each measure tied to its step", () => {
    expect(new Set(ORG_MEASURES.map((m) => m.section))).toEqual(new Set([1, 2, 4]));
    expect(ORG_MEASURES.map((m) => m.step)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17, 18, 25, 26, 27, 28, 34]));
  });

  it('takes figures as text or numbers, yes/no as words', () => {
    const result = checkOrgDataReturn(good);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.measures['establishment-fte']).toBe(12.5);
    expect(result.measures['turnover-percent']).toBe(12);
    expect(result.measures['supervision-monitored']).toBe(true);
    expect(vacancyPercent(result.measures)).toBeCloseTo(8, 5);
  });

  it('refuses negative counts, shares over 100, FTE that does not add up, and missing figures, in plain words', () => {
    const result = checkOrgDataReturn({
      ...good,
      'unallocated-cases': -3,
      'turnover-percent': 140,
      'unfilled-posts-fte': 13,
      're-referrals': 2.5,
      'sickness-days-per-fte': '',
      surprise: 1,
      'supervision-monitored': 'maybe',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        'Unallocated cases (step 11): cannot be below 0 (it says -3).',
        'Staff turnover in the last 12 months (%) (step 4): is a share, so at most 100 (it says 140).',
        'Unfilled posts (FTE) (13) cannot be more than the posts in the team (12.5).',
        'Cases re-referred (last 3 months) (step 12): should be a whole number (it says 2.5).',
        'Sickness absence (days lost per FTE, last 12 months) (step 34) is needed.',
        '"surprise" is not one of the 39-steps figures this return collects.',
        'Frequency and quality of supervision are monitored (step 25): "maybe" should be yes or no.',
      ]),
    );
  });

  it('refuses a team with no posts, and FTE given as hours', () => {
    const zero = checkOrgDataReturn({ ...good, 'establishment-fte': 0, 'unfilled-posts-fte': 0, 'agency-cover-fte': 0, 'long-term-absence-fte': 0 });
    expect(!zero.ok && zero.problems.some((p) => p.message.startsWith('Posts in the team (FTE) cannot be 0'))).toBe(true);
    const hours = checkOrgDataReturn({ ...good, 'establishment-fte': 740 });
    expect(!hours.ok && hours.problems.some((p) => p.message.includes("give the team's FTE, not hours"))).toBe(true);
  });

  it('accepts every demo return', () => {
    const org = demoOrganisation();
    for (const t of org.teams) expect(checkOrgDataReturn(demoOrgDataReturn(org, t.id))).toMatchObject({ ok: true });
  });
});

describe('OrgDataService', () => {
  const org = demoOrganisation();
  const cycle = (id: string, opensOn: string): Cycle => ({
    id: asCycleId(id),
    surveyId: 'health-check' as never,
    surveyVersion: 1,
    title: id,
    kind: 'live',
    status: 'closed',
    opensOn: asIsoDate(opensOn),
    closesOn: asIsoDate(opensOn),
    threshold: 5,
    textThreshold: 10,
  });
  const { reports } = openSqlite(':memory:');
  const service = new OrgDataService(
    reports.orgDataReturns,
    new DemoDirectory(),
    { list: async () => [cycle('2025-26', '2026-01-10'), cycle('2026-27', '2026-11-01')] },
    new TestClock(new Date('2026-11-23T10:00:00Z')),
  );
  const manager = org.people.find((p) => p.role === 'team-manager' && p.teamId === 'intake')!;
  const other = org.people.find((p) => p.role === 'team-manager' && p.teamId === 'hospital')!;

  it("stores a team manager's return for the newest cycle, and replaces it on a second submit", async () => {
    expect((await service.submit(manager.id, 'intake', undefined, good)).replaced).toBe(false);
    const again = await service.submit(manager.id, 'intake', undefined, { ...good, 'unallocated-cases': 6 });
    expect(again).toMatchObject({ replaced: true, orgDataReturn: { cycleId: '2026-27', teamId: 'intake' } });
    const view = await service.byTeam();
    expect(view.returned).toBe(1);
    expect(view.teams.find((t) => t.teamId === 'intake')?.measures?.['unallocated-cases']).toBe(6);
    expect(view.teams.find((t) => t.teamId === 'hospital')?.measures).toBeUndefined();
  });

  it("refuses another team's manager, and a bad return, saving nothing", async () => {
    await expect(service.submit(other.id, 'intake', undefined, good)).rejects.toThrow('Only the team manager of Intake');
    await expect(service.submit(manager.id, 'intake', '2025-26', { ...good, 'unallocated-cases': -1 })).rejects.toBeInstanceOf(UserFacingError);
    expect((await service.overTime('intake')).cycles.map((c) => c.cycleId)).toEqual(['2026-27']);
  });

  it('shows a team over time, oldest first', async () => {
    await service.submit(manager.id, 'intake', '2025-26', { ...good, 'unallocated-cases': 9 });
    const history = await service.overTime('intake');
    expect(history.cycles.map((c) => c.measures['unallocated-cases'])).toEqual([9, 6]);
  });
});
