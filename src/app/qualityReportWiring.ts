import type { App } from '../compose';
import type { ActionPlanStatusSource } from '../ports/actionPlan';
import type { AuditTaskStore } from '../ports/audits';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { ReportStores } from '../ports/reportStores';
import type { SupervisionLogStore } from '../ports/supervisionLog';
import { CaseloadService } from './caseloads';
import { caseloadQuestions } from './caseloadSurvey';
import { OrgDataService } from './orgData';
import { QualityReportService } from './qualityReport';
import { StandardsService } from './standards';
import { SupervisionLogService } from './supervisionLog';

/** The issue 7 services over one runtime, wired the same way for `phc`, the server and the tab. */
export interface ReportServices {
  readonly caseloads: CaseloadService;
  readonly orgData: OrgDataService;
  readonly standards: StandardsService;
  readonly qualityReport: QualityReportService;
}

export function reportServices(
  runtime: { readonly app: App; readonly reports: ReportStores; readonly audits: AuditTaskStore; readonly supervisionLog: SupervisionLogStore },
  directory: Directory,
  clock: Clock,
  actions?: ActionPlanStatusSource,
): ReportServices {
  const { app, reports } = runtime;
  const caseloads = new CaseloadService(reports.caseloads, reports.settings, directory, clock, (cycleId) => caseloadQuestions(app, cycleId));
  const orgData = new OrgDataService(reports.orgReturns, directory, app.cycles, clock);
  return {
    caseloads,
    orgData,
    standards: new StandardsService(reports.settings, orgData, app, app.questionnaire),
    qualityReport: new QualityReportService({
      audits: runtime.audits,
      directory,
      supervision: new SupervisionLogService(runtime.supervisionLog, directory, clock),
      caseloads,
      app,
      themes: reports.themes,
      ...(actions ? { actions } : {}),
      clock,
    }),
  };
}
