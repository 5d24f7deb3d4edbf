import type { Action, YouSaidWeDid } from '../actionPlan/types';
import type { ActionsStatus } from './model';

/**
 * The action plan as the Quarterly Quality Report shows it on `asOf` (the quarter's last day,
 * or today while it runs): the actions that existed by then, by status; those overdue (due
 * before `asOf` and neither done nor dropped); and the "You said, we did" updates sent to
 * staff during the quarter. The store keeps each action's status as it is now, not its
 * history, so a past quarter shows today's statuses for the actions it had.
 * `undefined` when there is no action plan at all.
 *
 * e.g. three actions (one done, one in progress due last week, one not started) and one
 * update sent this quarter: `{ total: 3, done: 1, inProgress: 1, notStarted: 1, dropped: 0, overdue: 1, updatesSent: 1 }`.
 */
export function actionPlanStatus(actions: readonly Action[], updates: readonly YouSaidWeDid[], quarter: { readonly start: string }, asOf: string): ActionsStatus | undefined {
  const existing = actions.filter((a) => a.createdOn <= asOf);
  const sent = updates.filter((u) => u.sentOn >= quarter.start && u.sentOn <= asOf);
  if (existing.length === 0 && sent.length === 0) return undefined;
  const count = (status: Action['status']) => existing.filter((a) => a.status === status).length;
  return {
    total: existing.length,
    done: count('done'),
    inProgress: count('in-progress'),
    notStarted: count('not-started'),
    dropped: count('dropped'),
    overdue: existing.filter((a) => a.due < asOf && (a.status === 'not-started' || a.status === 'in-progress')).length,
    updatesSent: sent.length,
  };
}
