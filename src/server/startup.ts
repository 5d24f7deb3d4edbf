import { ensureDemoActionPlan } from '../app/actionPlanDemo';
import { ensureDemoReports } from '../app/caseloadDemo';
import { ensureDemoCycle } from '../app/demoCycle';
import { ensureDemoFramework } from '../app/frameworkDemo';
import type { Composition } from '../composition';
import { councilYearOf } from '../domain/audit/plan/calendar';
import type { Organisation } from '../domain/organisation/types';
import { dateOf } from '../domain/shared/brand';
import { allAuditTasks } from '../ports/audits';

/**
 * What the server does once before it listens, each step said on the console: with the demo
 * on, a survey to answer, the demo's reports and action plan and this council year's audits;
 * and audit tasks brought into line with their records. Returns the organisation as it
 * stands at start.
 */
export async function prepare(phc: Composition, log: (line: string) => void = (line) => console.log(line)): Promise<Organisation> {
  const { config, app, services, clock } = phc;
  const organisation = await phc.directory.organisation();
  // An open cycle whose participation secret cannot be found takes no answers: say so now, not at the first answer.
  for (const cycle of (await app.cycles.list()).filter((c) => c.kind === 'live' && c.status === 'open')) {
    try {
      await phc.stores.stores.cycles.participationSecret(cycle.id);
    } catch (error) {
      log(`Warning: ${(error as Error).message}`);
    }
  }
  if (config.demo) {
    const opened = await ensureDemoCycle(app, clock);
    if (opened) {
      await services.invitations.queue(opened);
      log(`Demo: opened ${opened.title} (${opened.id}) until ${opened.closesOn}.`);
    }
    const seeded = await ensureDemoReports(services.reports, organisation);
    if (seeded.caseloads + seeded.returns + seeded.themes > 0) log(`Demo: ${seeded.caseloads} caseloads, ${seeded.returns} 39-steps returns, ${seeded.themes} quality themes.`);
    const plan = await ensureDemoActionPlan(services.actions, organisation, clock);
    if (plan.actions > 0) log(`Demo: an action plan of ${plan.actions} actions and ${plan.updates} "You said, we did" update.`);
  }
  // Tasks left behind by their records (written before submit and completion were one write).
  const thisYear = councilYearOf(dateOf(clock.now()));
  const repaired = await services.auditRecords.repair([thisYear - 1, thisYear]);
  if (repaired.completed + repaired.started > 0) log(`Audits: ${repaired.completed} completed and ${repaired.started} marked in progress to match their records.`);
  if (config.demoAudits && (await allAuditTasks(phc.stores.audits, thisYear)).length === 0) {
    // A newcomer's demo shows a year of audits (re-planning is idempotent: a plan kept is kept).
    const outcome = await services.audits.plan(thisYear);
    log(`Demo: planned ${outcome.added} audits for ${thisYear}/${String((thisYear + 1) % 100).padStart(2, '0')} (phc audits status shows them).`);
  }
  if (config.demo) {
    const framework = await ensureDemoFramework(services, organisation, clock);
    if (framework.focusGroups + framework.reviews + framework.selfAssessments > 0)
      log(`Demo: ${framework.focusGroups} focus groups, ${framework.reviews} thematic reviews and ${framework.selfAssessments} self-assessment.`);
  }
  // Organisational audits whose workflow is done (or begun) are brought into line with it.
  const settled = await services.framework.settleTasks([thisYear - 1, thisYear]);
  if (settled.completed + settled.started > 0) log(`Audits: ${settled.completed} organisational audits completed and ${settled.started} marked in progress to match their workflows.`);
  return organisation;
}
