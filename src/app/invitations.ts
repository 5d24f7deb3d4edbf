import { peopleIn } from '../domain/organisation/audience';
import type { Organisation, Person } from '../domain/organisation/types';
import { checkCadence, reminderDays, type PlannedReminder } from '../domain/outbox/schedule';
import { DEFAULT_PLAN, ORG_RETURN_KIND, RESULTS_KIND, type OutboxPlan } from '../domain/outbox/types';
import { kindOf } from '../domain/survey/types';
import { checkWorkingHours, zonedInstant } from '../domain/outbox/workingHours';
import { dateOf } from '../domain/shared/brand';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { NewOutboxMessage, OutboxStore } from '../ports/outbox';
import type { Cycle } from '../ports/stores';
import { type CycleService, type OpenCycleRequest } from './cycles';
import { UserFacingError } from './errors';

/** Cycle dates are UK calendar dates (see `dateOf`). */
const CYCLE_TIME_ZONE = 'Europe/London';
/** When a reminder day starts if the cycle has no working hours. */
const REMINDER_TIME_WITHOUT_HOURS = '09:00';
const CHUNK = 1000;

export interface QueuedMessages {
  /** People asked to answer (directory people in the Health Check audience). */
  readonly audience: number;
  /** Invitations and reminders added now; 0 when they were already queued. */
  readonly invitations: number;
  readonly reminders: number;
  /** 39-steps return cards added now: one per team manager with a team (0 when already queued). */
  readonly orgDataReturns: number;
  readonly plan: OutboxPlan;
  readonly reminderDays: readonly PlannedReminder[];
}

/**
 * Plans a cycle's proactive messages: one invitation per member of the audience and a row
 * for every reminder day, for everyone. Reminders are queued for everyone on purpose: who
 * has answered is looked at only when each reminder is due, and a person who has answered
 * is finished exactly like one who was sent it (docs/adr/0006). Queueing is idempotent, so
 * running it again after the directory changes adds only the new people.
 */
export class InvitationPlanner {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  /**
   * `orgDataReturns`: false for a pulse, which asks no team for its 39-steps figures (those go
   * with the Health Check).
   */
  async queue(cycle: Cycle, plan: OutboxPlan = cycle.plan ?? DEFAULT_PLAN, options: { readonly orgDataReturns?: boolean } = {}): Promise<QueuedMessages> {
    if (cycle.kind !== 'live' || cycle.status !== 'open') {
      throw new UserFacingError(`Cycle ${cycle.id} is ${cycle.kind === 'published' ? 'published history' : cycle.status}; invitations go out only for an open cycle.`);
    }
    const inForce = await this.outbox.savePlan(cycle.id, plan);
    const organisation = await this.directory.organisation();
    const audience = peopleIn(cycle.audience, organisation);
    const now = this.clock.now().getTime();
    const today = dateOf(this.clock.now());
    const invitationDue = Math.max(now, zonedInstant(cycle.opensOn, '00:00', CYCLE_TIME_ZONE));
    // A reminder day already past (queueing again for people who joined late) is skipped:
    // they get their invitation, not a pile of old reminders at once.
    const days = reminderDays(cycle.opensOn, cycle.closesOn, inForce.cadence).filter((r) => r.on >= today);
    const reminderTime = inForce.workingHours?.start ?? REMINDER_TIME_WITHOUT_HOURS;
    const reminderDue = days.map((r) => ({ kind: r.kind, dueAt: zonedInstant(r.on, reminderTime, CYCLE_TIME_ZONE) }));
    let invitations = 0;
    let reminders = 0;
    for (let i = 0; i < audience.length; i += CHUNK) {
      const people: readonly Person[] = audience.slice(i, i + CHUNK);
      const invite: NewOutboxMessage[] = people.map((p) => ({ cycleId: cycle.id, userId: p.id, kind: 'invitation', dueAt: invitationDue }));
      const remind: NewOutboxMessage[] = people.flatMap((p) => reminderDue.map((r) => ({ cycleId: cycle.id, userId: p.id, kind: r.kind, dueAt: r.dueAt })));
      invitations += await this.outbox.enqueue(invite);
      reminders += await this.outbox.enqueue(remind);
    }
    // Each team manager gets their team's 39-steps return card with the invitations.
    const managers = options.orgDataReturns === false ? [] : organisation.people.filter((p) => teamManagedBy(organisation, p.id) !== undefined);
    const orgDataReturns = await this.outbox.enqueue(managers.map((p) => ({ cycleId: cycle.id, userId: p.id, kind: ORG_RETURN_KIND, dueAt: invitationDue })));
    return { audience: audience.length, invitations, reminders, orgDataReturns, plan: inForce, reminderDays: days };
  }
}

/**
 * "The results are out" to everyone the cycle asked, once its results are published: due now,
 * sent within the cycle's working hours like its invitations. Idempotent: publishing again,
 * or queueing again after the directory changed, adds only who is new.
 */
export async function queueResultsNotices(outbox: OutboxStore, directory: Directory, clock: Clock, cycle: Cycle): Promise<number> {
  if (cycle.kind !== 'live' || !cycle.publishedOn) throw new UserFacingError(`The results of ${cycle.title} are not published, so nobody is told they are out.`);
  const people = peopleIn(cycle.audience, await directory.organisation());
  const now = clock.now().getTime();
  let queued = 0;
  for (let i = 0; i < people.length; i += CHUNK) {
    queued += await outbox.enqueue(people.slice(i, i + CHUNK).map((p) => ({ cycleId: cycle.id, userId: p.id, kind: RESULTS_KIND, dueAt: now })));
  }
  return queued;
}

/**
 * The team a person manages, for their 39-steps return: a team manager's own team. Managers
 * above team level (service managers) and the PSW make no team return of their own.
 */
export function teamManagedBy(organisation: Organisation, userId: string): { readonly id: string; readonly name: string } | undefined {
  const person = organisation.people.find((p) => p.id === userId);
  if (!person || person.role !== 'team-manager' || person.teamId === undefined) return undefined;
  const team = organisation.teams.find((t) => t.id === person.teamId);
  return team ? { id: team.id, name: team.name } : undefined;
}

/**
 * Opens a cycle and queues its invitations and reminders: what `phc cycle open` does.
 * `CycleService.open` stays about the cycle; this is the use case around it.
 */
export async function openCycleAndQueue(
  cycles: CycleService,
  planner: InvitationPlanner,
  request: OpenCycleRequest,
  plan?: OutboxPlan,
): Promise<{ readonly cycle: Cycle; readonly queued: QueuedMessages }> {
  // Refuse a bad plan before the cycle opens, not after.
  const problem = plan ? (checkCadence(plan.cadence) ?? (plan.workingHours ? checkWorkingHours(plan.workingHours) : undefined)) : undefined;
  if (problem) throw new UserFacingError(problem);
  const cycle = await cycles.open(plan ? { ...request, plan } : request);
  return { cycle, queued: await queueOpened(cycles, planner, cycle) };
}

/** Opens a draft made in the tab and queues its invitations and reminders, by its own settings. */
export async function openDraftAndQueue(cycles: CycleService, planner: InvitationPlanner, id: string): Promise<{ readonly cycle: Cycle; readonly queued: QueuedMessages }> {
  const cycle = await cycles.openDraft(id);
  return { cycle, queued: await queueOpened(cycles, planner, cycle) };
}

async function queueOpened(cycles: CycleService, planner: InvitationPlanner, cycle: Cycle): Promise<QueuedMessages> {
  const pulse = kindOf(await cycles.questionnaireOf(cycle)) === 'pulse';
  return planner.queue(cycle, cycle.plan ?? DEFAULT_PLAN, { orgDataReturns: !pulse });
}

/**
 * Publishes a closed cycle's results and queues "the results are out" to everyone it asked:
 * what `phc cycle publish` and the tab's Publish do. Publishing again queues only who was
 * missed (the outbox keys each message), so a retry after a failure is safe.
 */
export async function publishAndNotify(cycles: CycleService, outbox: OutboxStore, directory: Directory, clock: Clock, id: string): Promise<{ readonly cycle: Cycle; readonly notices: number }> {
  const cycle = await cycles.publish(id);
  return { cycle, notices: await queueResultsNotices(outbox, directory, clock, cycle) };
}
