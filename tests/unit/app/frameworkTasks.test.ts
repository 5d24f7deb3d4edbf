import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { demoCaseloads } from '../../../src/app/caseloadDemo';
import { allAuditTasks } from '../../../src/ports/audits';
import { TestClock } from '../../fixtures/testClock';
import { composeInMemory } from '../../support/composed';

/**
 * The organisational audits complete when their workflow does: a team's caseload and workload
 * audit once its caseloads for July–September are in (begun with some of them), as the PSW's
 * upload or a team manager's returns bring them.
 */
describe("settling the framework's audits with their workflows", () => {
  it("completes a team's caseload audit once it has every month of the period, starts it with some, and is safe to run again", async () => {
    const clock = new TestClock(new Date('2026-10-05T10:00:00Z'));
    const organisation = demoOrganisation();
    const phc = await composeInMemory({ clock, directory: { organisation: () => Promise.resolve(organisation) }, auditSeed: () => 5 });
    try {
      await phc.services.audits.plan(2026);
      const entries = demoCaseloads(organisation, { from: '2026-07', to: '2026-09' });
      await phc.services.reports.caseloads.importEntries(entries.filter((e) => e.teamId === 'hospital'));
      await phc.services.reports.caseloads.importEntries(entries.filter((e) => e.teamId === 'intake' && e.month === '2026-08'));
      expect(await phc.services.framework.settleTasks([2026])).toEqual({ completed: 1, started: 1 });
      const caseloadTasks = (await allAuditTasks(phc.stores.audits, 2026)).filter((t) => t.activity === 'caseload-workload-audit');
      const of = (team: string) => caseloadTasks.find((t) => t.subject.kind === 'team' && t.subject.teamId === team);
      expect(of('hospital')).toMatchObject({ status: 'completed', completedOn: '2026-10-05' });
      expect(of('intake')?.status).toBe('in-progress');
      expect(of('short-term')?.status).toBe('planned');
      expect(await phc.services.framework.settleTasks([2026])).toEqual({ completed: 0, started: 0 });
    } finally {
      await phc.close();
    }
  });
});
