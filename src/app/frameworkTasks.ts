import type { AuditTaskRecord } from '../domain/audit/compliance';
import { monthsIn } from '../domain/caseloads/types';
import { selfAssessmentId } from '../domain/framework/selfAssessment';
import { reviewId, REVIEW_STAGES } from '../domain/framework/thematicReviews';
import { ACTIVITY_WORKFLOWS } from '../domain/framework/workflow';
import { dateOf, type IsoDate } from '../domain/shared/brand';
import { allAuditTasks, type AuditTaskStore } from '../ports/audits';
import type { CaseloadStore } from '../ports/caseloads';
import type { Clock } from '../ports/clock';
import type { SelfAssessmentStore, ThematicReviewStore } from '../ports/framework';
import { StoreError } from '../ports/stores';

export interface FrameworkTaskDeps {
  readonly tasks: AuditTaskStore;
  readonly reviews: Pick<ThematicReviewStore, 'get'>;
  readonly selfAssessments: Pick<SelfAssessmentStore, 'get'>;
  readonly caseloads: Pick<CaseloadStore, 'between'>;
  readonly clock: Clock;
}

type Progress = { readonly kind: 'done'; readonly on: IsoDate } | { readonly kind: 'begun' } | { readonly kind: 'nothing' };

/**
 * Brings the organisational audit tasks into line with their workflows, as the audit records
 * do for the forms: a thematic review task is completed when review n of its year completes
 * its last stage, a national standards audit or health check when its self-assessment is
 * endorsed, and a team's caseload and workload audit once the team has caseloads for every
 * month of the audit period (July to September). A workflow begun puts its task in progress.
 * Safe to run again at any time; returns how many tasks it moved.
 */
export async function settleFrameworkTasks(deps: FrameworkTaskDeps, years: readonly number[]): Promise<{ readonly completed: number; readonly started: number }> {
  const today = dateOf(deps.clock.now());
  let completed = 0;
  let started = 0;
  for (const year of years) {
    const live = (await allAuditTasks(deps.tasks, year)).filter((t) => (t.status === 'planned' || t.status === 'in-progress') && ACTIVITY_WORKFLOWS[t.activity].kind !== 'form');
    if (live.length === 0) continue;
    const caseloadMonths = await teamMonths(deps, year, live);
    for (const task of live) {
      const progress = await progressOf(deps, task, caseloadMonths, today);
      try {
        if (progress.kind === 'done') {
          await deps.tasks.setStatus(task.id, 'completed', progress.on);
          completed++;
        } else if (progress.kind === 'begun' && task.status === 'planned') {
          await deps.tasks.setStatus(task.id, 'in-progress', today);
          started++;
        }
      } catch (error) {
        // Moved by someone else meanwhile: nothing to settle.
        if (!(error instanceof StoreError && error.code === 'conflict')) throw error;
      }
    }
  }
  return { completed, started };
}

const periodOf = (year: number) => ({ from: `${year}-07`, to: `${year}-09` });

/** Team → the months of the year's audit period it has caseloads for (read only when a caseload audit is live). */
async function teamMonths(deps: FrameworkTaskDeps, year: number, live: readonly AuditTaskRecord[]): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
  if (!live.some((t) => ACTIVITY_WORKFLOWS[t.activity].kind === 'caseloads')) return new Map();
  const { from, to } = periodOf(year);
  const out = new Map<string, Set<string>>();
  for (const e of await deps.caseloads.between(from, to)) out.set(e.teamId, (out.get(e.teamId) ?? new Set()).add(e.month));
  return out;
}

async function progressOf(deps: FrameworkTaskDeps, task: AuditTaskRecord, caseloadMonths: ReadonlyMap<string, ReadonlySet<string>>, today: IsoDate): Promise<Progress> {
  const workflow = ACTIVITY_WORKFLOWS[task.activity];
  switch (workflow.kind) {
    case 'form':
      return { kind: 'nothing' };
    case 'thematic-review': {
      const review = await deps.reviews.get(reviewId(task.year, task.occurrence));
      if (!review) return { kind: 'nothing' };
      const done = review.stages.report.completedOn;
      if (done !== null) return { kind: 'done', on: done };
      return REVIEW_STAGES.some((s) => review.stages[s].completedOn !== null) || review.findings.length > 0 ? { kind: 'begun' } : { kind: 'nothing' };
    }
    case 'self-assessment': {
      const assessment = await deps.selfAssessments.get(selfAssessmentId(workflow.assessment, task.year));
      if (!assessment) return { kind: 'nothing' };
      if (assessment.status === 'endorsed' && assessment.endorsedOn !== null) return { kind: 'done', on: assessment.endorsedOn };
      return { kind: 'begun' };
    }
    case 'caseloads': {
      if (task.subject.kind !== 'team') return { kind: 'nothing' };
      const months = caseloadMonths.get(task.subject.teamId);
      if (!months || months.size === 0) return { kind: 'nothing' };
      const all = monthsIn(periodOf(task.year));
      return all.every((m) => months.has(m)) ? { kind: 'done', on: today } : { kind: 'begun' };
    }
  }
}
