import type { Questionnaire } from '../domain/survey/types';
import type { Stores } from '../ports/stores';
import type { CaseloadService } from './caseloads';
import type { CycleService } from './cycles';
import type { FocusGroupService } from './focusGroups';
import type { SelfAssessmentService } from './selfAssessments';
import type { ThematicReviewService } from './thematicReviews';
import type { ImportService } from './importResponses';
import type { OrgDataService } from './orgData';
import type { QuestionnaireService } from './questionnaires';
import type { QualityReportService } from './qualityReport';
import type { ResultsService } from './results';
import type { StandardsService } from './standards';
import type { SurveyService } from './survey';

/**
 * The Health Check's use cases over one set of stores: what the bot, the tab's API and `phc`
 * call. Built once, in the composition root (src/composition).
 */
export interface App {
  /** The Health Check. Every cycle's own questions come from `questionnaires`. */
  readonly questionnaire: Questionnaire;
  /** The Health Check, the pulse templates and the PSW's own pulses. */
  readonly questionnaires: QuestionnaireService;
  readonly stores: Stores;
  readonly cycles: CycleService;
  readonly survey: SurveyService;
  readonly results: ResultsService;
  readonly imports: ImportService;
  close(): Promise<void>;
}

/** The management reports' use cases: the caseload audit, 39 steps, the employer standards and the Quarterly Quality Report. */
export interface ReportServices {
  readonly caseloads: CaseloadService;
  readonly orgData: OrgDataService;
  readonly standards: StandardsService;
  readonly qualityReport: QualityReportService;
}

/** The rest of the quality assurance framework: focus groups, thematic reviews, the organisational self-assessments. */
export interface FrameworkServices {
  readonly focusGroups: FocusGroupService;
  readonly reviews: ThematicReviewService;
  readonly selfAssessments: SelfAssessmentService;
  /** Completes (or starts) the organisational audit tasks whose workflows are done (or begun), for these council years. */
  settleTasks(years: readonly number[]): Promise<{ readonly completed: number; readonly started: number }>;
}
