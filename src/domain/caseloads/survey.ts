import type { BreakdownResults, CycleResults, QuestionResult } from '../results/types';

/**
 * The Health Check's caseload questions, to read beside the caseload figures (as the council's Caseload and Workload Audit 2019/20
 * reads its averages beside "81% of staff saying their caseload is fair and manageable").
 * Figures come from results that have already been through small-group suppression
 * (src/domain/results): a hidden group stays hidden here, with the reason.
 */
export const CASELOAD_QUESTIONS = ['caseload-fair', 'caseload-time', 'caseload-appropriate'] as const;

export interface CaseloadQuestionFigure {
  readonly questionId: string;
  readonly text: string;
  /** Share agreeing (the question's headline), or `null` where hidden or not asked. */
  readonly percent: number | null;
  readonly hidden?: string;
}

export interface CaseloadSurveyBeside {
  readonly cycle: string;
  readonly title: string;
  readonly threshold: number;
  readonly overall: readonly CaseloadQuestionFigure[];
  /** By team id; absent where the cycle has no team breakdown (published history). */
  readonly byTeam?: Readonly<Record<string, readonly CaseloadQuestionFigure[]>>;
}

function figures(questions: readonly QuestionResult[], hiddenWhole?: string): CaseloadQuestionFigure[] {
  return CASELOAD_QUESTIONS.flatMap((id) => {
    const q = questions.find((x) => x.id === id);
    if (!q) return [];
    const hidden = hiddenWhole ?? q.suppressed;
    if (hidden !== undefined) return [{ questionId: id, text: q.resultText, percent: null, hidden }];
    return [{ questionId: id, text: q.resultText, percent: q.headline?.percent ?? null }];
  });
}

/** The caseload questions from whole-cycle results and, where there is one, the breakdown by team. */
export function caseloadQuestionsBeside(whole: CycleResults, byTeam?: BreakdownResults): CaseloadSurveyBeside {
  return {
    cycle: whole.cycle,
    title: whole.title,
    threshold: whole.threshold,
    overall: figures(whole.questions, whole.suppressed),
    ...(byTeam ? { byTeam: Object.fromEntries(byTeam.groups.map((g) => [g.id, figures(g.questions, g.suppressed ?? whole.suppressed)])) } : {}),
  };
}
