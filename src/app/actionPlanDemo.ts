import { addDays } from '../domain/audit/plan/calendar';
import type { ActionStatus } from '../domain/actionPlan/types';
import type { Organisation } from '../domain/organisation/types';
import { asIsoDate, dateOf } from '../domain/shared/brand';
import type { Clock } from '../ports/clock';
import type { ActionService } from './actionPlan';

/** The demo's action plan: what the council said it would do about the Health Check (invented). */
const DEMO_ACTIONS: readonly {
  readonly what: string;
  readonly question: string;
  readonly status: ActionStatus;
  readonly dueInDays: number;
  readonly owner: 'psw' | 'service-manager';
  readonly progress: string;
}[] = [
  {
    what: 'Agree a caseload weighting tool with team managers',
    question: 'caseload-fair',
    status: 'in-progress',
    dueInDays: 45,
    owner: 'service-manager',
    progress: 'Draft weights tried in the hospital and intake teams.',
  },
  {
    what: 'Hold and record supervision every month for every practitioner',
    question: 'supervision-frequency',
    status: 'in-progress',
    dueInDays: -10,
    owner: 'psw',
    progress: 'Supervision log in Teams in use by most supervisors.',
  },
  { what: 'Protect half a day a month of CPD time for every social worker', question: 'cpd-opportunities', status: 'not-started', dueInDays: 90, owner: 'psw', progress: '' },
  {
    what: 'Publish how to raise concerns about workload, and who to',
    question: 'raise-concerns-workload',
    status: 'done',
    dueInDays: -30,
    owner: 'service-manager',
    progress: 'Published on the intranet and read out at team meetings.',
  },
];

/**
 * With demo data on and no action plan yet: a small action plan linked to Health Check
 * questions (one action overdue, one done) and one "You said, we did" update, so the tab's
 * action plan and the Quarterly Quality Report have something to show. Through the same
 * checks as the tab. The update is recorded as sent but queued for nobody: the demo's people
 * are not in Teams. Never touches an action plan that exists.
 */
export async function ensureDemoActionPlan(actions: ActionService, organisation: Organisation, clock: Clock): Promise<{ readonly actions: number; readonly updates: number }> {
  if ((await actions.list()).length > 0 || (await actions.updates()).length > 0) return { actions: 0, updates: 0 };
  const psw = organisation.people.find((p) => p.role === 'principal-social-worker');
  const manager = organisation.people.find((p) => p.role === 'service-manager') ?? psw;
  if (!psw || !manager) return { actions: 0, updates: 0 };
  const today = asIsoDate(dateOf(clock.now()));
  const created = [];
  for (const a of DEMO_ACTIONS) {
    const owner = a.owner === 'psw' ? psw : manager;
    created.push(
      await actions.create({ what: a.what, ownerId: owner.id, due: addDays(today, a.dueInDays), status: a.status, progress: a.progress, link: { kind: 'question', questionId: a.question } }, psw.id),
    );
  }
  await actions.recordUpdate(
    {
      message: 'You said workload concerns had nowhere to go. We have published how to raise them and who to, and supervision is now recorded every month.',
      actionIds: created.filter((a) => a.status !== 'not-started').map((a) => a.id),
    },
    psw.id,
  );
  return { actions: created.length, updates: 1 };
}
