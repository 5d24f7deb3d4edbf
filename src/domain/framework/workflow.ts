import type { AuditActivityId } from '../audit/plan/rules';
import type { AuditTask } from '../audit/plan/task';
import { KIND_ACTIVITY, type SelfAssessmentKind } from './selfAssessment';

/**
 * Where each activity of the annual audit plan (Appendix 6) is carried out, so every planned
 * task leads somewhere: the practitioner-level audits to their form (Appendices 1–4), the
 * caseload audit to the caseload returns, the national standards audit and the health check
 * to their self-assessments, and thematic reviews to the review of that quarter. A record,
 * so a new activity without a workflow does not compile.
 */
export type Workflow =
  { readonly kind: 'form' } | { readonly kind: 'caseloads' } | { readonly kind: 'self-assessment'; readonly assessment: SelfAssessmentKind } | { readonly kind: 'thematic-review' };

export const ACTIVITY_WORKFLOWS: Readonly<Record<AuditActivityId, Workflow>> = {
  'supervision-audit': { kind: 'form' },
  'practice-standards-audit': { kind: 'form' },
  'practice-observation': { kind: 'form' },
  'caseload-workload-audit': { kind: 'caseloads' },
  'national-standards-audit': { kind: 'self-assessment', assessment: 'national-standards' },
  'health-check': { kind: 'self-assessment', assessment: 'health-check' },
  'thematic-review': { kind: 'thematic-review' },
};

/** A page of the tab and its parameters (the tab's own route ids). */
export interface WorkflowLink {
  readonly page: 'audit' | 'caseloads' | 'self-assessment' | 'reviews';
  readonly params: Readonly<Record<string, string>>;
  /** What the link says, e.g. "Open the form", "Open the self-assessment". */
  readonly label: string;
}

/** Where a task is carried out in the tab. */
export function workflowLink(task: Pick<AuditTask, 'id' | 'activity' | 'year' | 'occurrence'>): WorkflowLink {
  const workflow = ACTIVITY_WORKFLOWS[task.activity];
  switch (workflow.kind) {
    case 'form':
      return { page: 'audit', params: { id: task.id }, label: 'Open the form' };
    case 'caseloads':
      return { page: 'caseloads', params: {}, label: 'Open the caseload returns' };
    case 'self-assessment':
      return { page: 'self-assessment', params: { kind: workflow.assessment, year: String(task.year) }, label: 'Open the self-assessment' };
    case 'thematic-review':
      return { page: 'reviews', params: { year: String(task.year), slot: String(task.occurrence) }, label: 'Open the thematic review' };
  }
}

/** Where it is carried out, in words, for the bot and for anyone opening it as a form. */
export function workflowWords(activity: AuditActivityId, title: string): string {
  const workflow = ACTIVITY_WORKFLOWS[activity];
  switch (workflow.kind) {
    case 'form':
      return `The ${title.toLowerCase()} is filled in on its form: type "audits" to open it.`;
    case 'caseloads':
      return `The ${title.toLowerCase()} is done on the Caseloads page of the Health Check tab: each team manager makes the team's monthly returns there (or the PSW uploads the Care Director export), and the audit is done once the team has figures for every month of the audit period.`;
    case 'self-assessment':
      return `The ${title.toLowerCase()} is a self-assessment: open the Self-assessment page of the Health Check tab to rate each ${workflow.assessment === 'national-standards' ? 'standard' : 'area'} against the evidence, add improvement actions and send it for endorsement.`;
    case 'thematic-review':
      return `The ${title.toLowerCase()} is carried out on the Thematic reviews page of the Health Check tab: its scope, review group, stages, findings and recommendations are recorded there.`;
  }
}

/** The self-assessment kind whose endorsement completes tasks of this activity, if any. */
export function assessmentOf(activity: AuditActivityId): SelfAssessmentKind | undefined {
  const workflow = ACTIVITY_WORKFLOWS[activity];
  return workflow.kind === 'self-assessment' ? workflow.assessment : undefined;
}

/** The activity a self-assessment carries out (the inverse of `assessmentOf`). */
export const activityOfAssessment = (kind: SelfAssessmentKind): AuditActivityId => KIND_ACTIVITY[kind];
