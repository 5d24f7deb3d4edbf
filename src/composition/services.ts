import { ActionService } from '../app/actionPlan';
import type { App, FrameworkServices, ReportServices } from '../app/app';
import { FocusGroupService } from '../app/focusGroups';
import { settleFrameworkTasks } from '../app/frameworkTasks';
import { SelfAssessmentService } from '../app/selfAssessments';
import { ThematicReviewService } from '../app/thematicReviews';
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
import { QuestionnaireService } from '../app/questionnaires';
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
import type { Cycle, Stores } from '../ports/stores';
import { inAudience } from '../domain/organisation/audience';
import type { UserId } from '../domain/shared/brand';
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
  readonly framework: FrameworkServices;
  /** Data protection: closing cycles out, retention, the access log, subject access exports. */
  readonly dataProtection: DataProtectionServices;
}

export interface DataProtectionServices {
  readonly closeOut: CloseOutService;
  readonly retention: RetentionService;
  readonly access: AccessLogger;
  readonly exports: PersonExportService;
}

/**
 * The survey's use cases over any stores. Loads the published history. `directory`: who
 * audiences are drawn from (without one, a cycle can only ask everyone); `closeOuts`: closed
 * cycles' kept results; `screen`: takes names out of comments before they are kept.
 */
export async function wire(stores: Stores, questionnaire: Questionnaire, clock: Clock, directory?: Directory, closeOuts?: CloseOutStore, screen?: FreeTextScreen): Promise<App> {
  // History is part of every store, so `phc results --cycle 2024-25` works on a fresh data directory.
  await loadHistory(stores, questionnaire, publishedCycles);
  const questionnaires = new QuestionnaireService(stores.questionnaires, questionnaire, clock);
  const cycles = new CycleService(stores, questionnaires, questionnaire, clock, directory);
  const inAudienceOf = async (cycle: Cycle, userId: UserId): Promise<boolean> => {
    const person = directory ? (await directory.organisation()).people.find((p) => p.id === userId) : undefined;
    return person !== undefined && inAudience(cycle.audience, person);
  };
  return {
    questionnaire,
    questionnaires,
    stores,
    cycles,
    survey: new SurveyService(stores, cycles, clock, inAudienceOf, screen),
    results: new ResultsService(stores, cycles, closeOuts),
    imports: new ImportService(stores, cycles, clock),
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
  const orgData = new OrgDataService(set.reports.orgDataReturns, directory, app.cycles, clock);
  // Staff supervision audit samples are drawn from the supervision log when they fall due; the PSW's changes to Appendix 6 are kept with the report settings.
  const audits = new AuditService(set.audits, directory, clock, {
    settings: set.reports.settings,
    sampling: { log: set.supervisionLog, samples: set.supervisionSamples },
    ...(options.auditSeed ? { newSeed: options.auditSeed } : {}),
  });
  const actions = new ActionService(set.actions, directory, app.questionnaire, app.stores, set.audits, clock);
  const responseRate = new ResponseRateService(app.stores, directory, app.cycles, clock, set.closeOuts);
  const reports: ReportServices = {
    caseloads,
    orgData,
    standards: new StandardsService(set.reports.settings, orgData, app, app.questionnaire),
    qualityReport: new QualityReportService({ audits: set.audits, directory, supervision, caseloads, app, themes: set.reports.themes, actions: set.actions, framework: set.framework, clock }),
  };
  const framework: FrameworkServices = {
    focusGroups: new FocusGroupService(set.framework.focusGroups, set.framework.reviews, actions, directory, clock),
    reviews: new ThematicReviewService(set.framework.reviews, actions, directory, clock),
    selfAssessments: new SelfAssessmentService(set.framework.selfAssessments, set.framework.focusGroups, reports, audits, actions, clock),
    settleTasks: (years) => settleFrameworkTasks({ tasks: set.audits, reviews: set.framework.reviews, selfAssessments: set.framework.selfAssessments, caseloads: set.reports.caseloads, clock }, years),
  };
  return {
    audits,
    auditRecords: new AuditRecordService(set.auditRecords, set.audits, directory, clock, new FreeTextScreen(directory)),
    supervision,
    organisation: new OrganisationService(set.organisations, clock),
    reports,
    actions,
    responseRate,
    invitations: new InvitationPlanner(set.operational.outbox, directory, clock),
    framework,
    dataProtection: dataProtectionServices(set, app, directory, clock, responseRate, options.retention ?? retentionSchedule(undefined)),
  };
}

function dataProtectionServices(set: StoreSet, app: App, directory: Directory, clock: Clock, responseRate: ResponseRateService, schedule: RetentionSchedule): DataProtectionServices {
  const closeOut = new CloseOutService({ stores: app.stores, closeOuts: set.closeOuts, results: app.results, responseRate, questionnaireOf: (cycle) => app.cycles.questionnaireOf(cycle), clock });
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
