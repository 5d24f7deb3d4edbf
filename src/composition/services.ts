import { ActionService } from '../app/actions';
import type { App, ReportServices } from '../app/app';
import { AuditRecordService } from '../app/auditRecords';
import { AuditService } from '../app/audits';
import { CaseloadService } from '../app/caseloads';
import { caseloadQuestions } from '../app/caseloadSurvey';
import { CycleService } from '../app/cycles';
import { loadHistory } from '../app/history';
import { ImportService } from '../app/importResponses';
import { InvitationPlanner } from '../app/invitations';
import { OrganisationService } from '../app/organisationImport';
import { OrgDataService } from '../app/orgData';
import { QualityReportService } from '../app/qualityReport';
import { ResponseRateService } from '../app/responseRate';
import { ResultsService } from '../app/results';
import { StandardsService } from '../app/standards';
import { SupervisionLogService } from '../app/supervisionLog';
import { SurveyService } from '../app/survey';
import { publishedCycles } from '../domain/history/published';
import type { Questionnaire } from '../domain/survey/types';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { CloseOutStore } from '../ports/retention';
import type { Stores } from '../ports/stores';
import type { StoreSet } from './stores';
// Data protection (ADR 0023).
import { CloseOutService } from '../app/closeOut';
import { AccessLogger, PersonExportService } from '../app/personExport';
import { RetentionService } from '../app/retention';
import { FreeTextScreen } from '../app/screening';
import { retentionSchedule, type RetentionSchedule } from '../domain/dataProtection/retention';

/** The use cases besides the survey's (`App`), each built once over the store set. */
export interface Services {
  readonly audits: AuditService;
  readonly auditRecords: AuditRecordService;
  readonly supervision: SupervisionLogService;
  readonly organisation: OrganisationService;
  readonly reports: ReportServices;
  readonly actions: ActionService;
  readonly responseRate: ResponseRateService;
  readonly invitations: InvitationPlanner;
  /** Data protection: closing cycles out, retention, the access log, subject access exports. */
  readonly dataProtection: DataProtectionServices;
}

export interface DataProtectionServices {
  readonly closeOut: CloseOutService;
  readonly retention: RetentionService;
  readonly access: AccessLogger;
  readonly exports: PersonExportService;
}

/** The survey's use cases over any stores. Loads the published history. */
export async function wire(stores: Stores, questionnaire: Questionnaire, clock: Clock, closeOuts?: CloseOutStore, screen?: FreeTextScreen): Promise<App> {
  // History is part of every store, so `phc results --cycle 2024-25` works on a fresh data directory.
  await loadHistory(stores, questionnaire, publishedCycles);
  const cycles = new CycleService(stores, questionnaire, clock);
  return {
    questionnaire,
    stores,
    cycles,
    survey: new SurveyService(stores, questionnaire, clock, screen),
    results: new ResultsService(stores, questionnaire, cycles, closeOuts),
    imports: new ImportService(stores, questionnaire, cycles, clock),
    close: () => stores.close(),
  };
}

export interface ServiceOptions {
  /** The seed a new audit plan is drawn with (tests fix it); default random, and recorded with the plan. */
  readonly auditSeed?: () => number;
  /** The retention schedule in force (configuration); default the documented defaults. */
  readonly retention?: RetentionSchedule;
}

export function buildServices(set: StoreSet, app: App, directory: Directory, clock: Clock, options: ServiceOptions = {}): Services {
  const supervision = new SupervisionLogService(set.supervisionLog, directory, clock);
  const caseloads = new CaseloadService(set.reports.caseloads, set.reports.settings, directory, clock, (cycleId) => caseloadQuestions(app, cycleId));
  const orgData = new OrgDataService(set.reports.orgReturns, directory, app.cycles, clock);
  const responseRate = new ResponseRateService(app.stores, directory, app.cycles, clock, set.closeOuts);
  return {
    // Staff supervision audit samples are drawn from the supervision log when they fall due.
    audits: new AuditService(set.audits, directory, clock, { sampling: { log: set.supervisionLog, samples: set.supervisionSamples }, ...(options.auditSeed ? { newSeed: options.auditSeed } : {}) }),
    auditRecords: new AuditRecordService(set.auditRecords, set.audits, directory, clock, new FreeTextScreen(directory)),
    supervision,
    organisation: new OrganisationService(set.organisations, clock),
    reports: {
      caseloads,
      orgData,
      standards: new StandardsService(set.reports.settings, orgData, app, app.questionnaire),
      qualityReport: new QualityReportService({ audits: set.audits, directory, supervision, caseloads, app, themes: set.reports.themes, actions: set.actions, clock }),
    },
    actions: new ActionService(set.actions, directory, app.questionnaire, app.stores, set.audits, clock),
    responseRate,
    invitations: new InvitationPlanner(set.operational.outbox, directory, clock),
    dataProtection: dataProtectionServices(set, app, directory, clock, responseRate, options.retention ?? retentionSchedule(undefined)),
  };
}

function dataProtectionServices(set: StoreSet, app: App, directory: Directory, clock: Clock, responseRate: ResponseRateService, schedule: RetentionSchedule): DataProtectionServices {
  const closeOut = new CloseOutService({ stores: app.stores, closeOuts: set.closeOuts, results: app.results, responseRate, questionnaire: app.questionnaire, clock });
  // Closing a cycle closes it out: drafts deleted, About you answers off the rows, the secret destroyed.
  app.cycles.onClose(async (cycle) => {
    await closeOut.closeOut(cycle);
  });
  const access = new AccessLogger(set.accessLog, clock);
  return {
    closeOut,
    retention: new RetentionService({ store: set.retention, schedule, closeOut, cycles: app.cycles, clock }),
    access,
    exports: new PersonExportService({ records: set.personRecords, directory, access, clock }),
  };
}
