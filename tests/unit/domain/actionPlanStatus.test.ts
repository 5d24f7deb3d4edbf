import type { Action, YouSaidWeDid } from '../../../src/domain/actionPlan/types';
import { actionPlanStatus } from '../../../src/domain/qualityReport/actionPlan';
import { asIsoDate } from '../../../src/domain/shared/brand';

const action = (id: string, status: Action['status'], due: string, createdOn = '2026-09-01'): Action => ({
  id,
  what: `Action ${id}`,
  ownerId: 'demo-001',
  due: asIsoDate(due),
  status,
  link: { kind: 'none' },
  progress: '',
  createdBy: 'demo-001',
  createdOn: asIsoDate(createdOn),
  updatedOn: asIsoDate(createdOn),
  version: 1,
});
const update = (id: string, sentOn: string): YouSaidWeDid => ({ id, message: 'You said, we did', actionIds: [], sentBy: 'demo-001', sentOn: asIsoDate(sentOn) });
const Q3 = { start: '2026-10-01' };

describe('the action plan in the Quarterly Quality Report', () => {
  it('counts the actions by status, and those overdue: due before the day, neither done nor dropped', () => {
    const actions = [
      action('a', 'done', '2026-10-01'),
      action('b', 'in-progress', '2026-11-19'),
      action('c', 'not-started', '2026-11-01'),
      action('d', 'not-started', '2026-11-20'),
      action('e', 'dropped', '2026-10-10'),
      action('f', 'in-progress', '2027-01-31'),
    ];
    expect(actionPlanStatus(actions, [], Q3, '2026-11-20')).toEqual({ total: 6, done: 1, inProgress: 2, notStarted: 2, dropped: 1, overdue: 2, updatesSent: 0 });
  });

  it('leaves out actions written after the day the report is as of', () => {
    const actions = [action('a', 'done', '2026-10-01'), action('b', 'not-started', '2026-12-01', '2027-01-05')];
    expect(actionPlanStatus(actions, [], Q3, '2026-12-31')).toMatchObject({ total: 1, notStarted: 0 });
  });

  it('counts the "You said, we did" updates sent in the quarter up to the day, no others', () => {
    const updates = [update('u1', '2026-09-30'), update('u2', '2026-10-01'), update('u3', '2026-11-20'), update('u4', '2026-11-21')];
    expect(actionPlanStatus([action('a', 'done', '2026-10-01')], updates, Q3, '2026-11-20')?.updatesSent).toBe(2);
  });

  it('is undefined when there is no action plan at all, so the report says so', () => {
    expect(actionPlanStatus([], [], Q3, '2026-11-20')).toBeUndefined();
    expect(actionPlanStatus([], [update('u1', '2026-11-02')], Q3, '2026-11-20')).toMatchObject({ total: 0, updatesSent: 1 });
  });
});
