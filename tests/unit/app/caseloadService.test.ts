import { DemoDirectory, demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { CaseloadService } from '../../../src/app/caseloads';
import { UserFacingError } from '../../../src/app/errors';
import { TestClock } from '../../fixtures/testClock';

describe("a team manager's monthly caseload return (teams without an export)", () => {
  const org = demoOrganisation();
  const manager = org.people.find((p) => p.role === 'team-manager' && p.teamId === 'short-term')!;
  const otherManager = org.people.find((p) => p.role === 'team-manager' && p.teamId === 'intake')!;
  const team = org.people.filter((p) => p.teamId === 'short-term' && p.role !== 'team-manager');
  const outsider = org.people.find((p) => p.teamId === 'intake' && p.role === 'social-worker')!;
  const fresh = () => {
    const { reports } = openSqlite(':memory:');
    return { reports, service: new CaseloadService(reports.caseloads, reports.settings, new DemoDirectory(), new TestClock(new Date('2026-09-15T10:00:00Z'))) };
  };

  it('stores the return, by worker id or name, and a second return for the month replaces the first', async () => {
    const { service } = fresh();
    const lines = team.map((p, i) => ({ worker: i === 0 ? p.displayName : p.id, openCases: 20 + i }));
    expect(await service.submitMonthlyReturn(manager.id, 'short-term', '2026-08', lines)).toEqual({ stored: team.length, replaced: 0 });
    expect(await service.submitMonthlyReturn(manager.id, 'short-term', '2026-08', lines.slice(1))).toEqual({ stored: team.length - 1, replaced: team.length });
    const report = await service.report({ period: '2026-08..2026-08' });
    expect(report.audit.teams.map((t) => t.teamId)).toEqual(['short-term']);
    expect(report.audit.teams[0]?.distribution?.workers).toBe(team.length - 1);
  });

  it("refuses another team's manager, someone outside the team, a bad figure or a month not begun, saving nothing", async () => {
    const { service } = fresh();
    const ok = [{ worker: team[0]!.id, openCases: 20 }];
    await expect(service.submitMonthlyReturn(otherManager.id, 'short-term', '2026-08', ok)).rejects.toThrow('Only the team manager of Short term services can make its caseload return.');
    await expect(service.submitMonthlyReturn(manager.id, 'short-term', '2026-10', ok)).rejects.toThrow('2026-10 has not started yet');
    const refused = await service
      .submitMonthlyReturn(manager.id, 'short-term', '2026-08', [...ok, { worker: outsider.id, openCases: 3 }, { worker: team[1]!.id, openCases: 'twelve' }, { worker: team[0]!.id, openCases: 4 }])
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserFacingError);
    expect((refused as UserFacingError).details).toEqual([
      `Line 2: "${outsider.id}" is not in Short term services.`,
      `Line 3: ${team[1]!.displayName}'s open cases "twelve" must be a whole number from 0 to 200.`,
      `Line 4: ${team[0]!.displayName} is in the return twice.`,
    ]);
    expect((await service.report({ period: '2026-08..2026-08' })).audit.teams).toEqual([]);
  });

  it('does not overwrite a month that came from the Care Director export', async () => {
    const { service } = fresh();
    const csv = `worker,team,month,open_cases\n${team[0]!.id},short-term,2026-08,18\n`;
    expect((await service.importCsv('cd.csv', csv, '2026-07..2026-09')).imported).toBe(true);
    await expect(service.submitMonthlyReturn(manager.id, 'short-term', '2026-08', [{ worker: team[0]!.id, openCases: 20 }])).rejects.toThrow('came from the Care Director export');
  });
});
