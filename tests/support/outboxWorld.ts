import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { CycleService } from '../../src/app/cycles';
import { QuestionnaireService } from '../../src/app/questionnaires';
import { InvitationPlanner } from '../../src/app/invitations';
import { participationKey } from '../../src/app/participation';
import type { SenderDeps, SenderOptions } from '../../src/app/sender';
import { ProactiveSender } from '../../src/app/sender';
import type { OutboxPlan } from '../../src/domain/outbox/types';
import { DEFAULT_PLAN } from '../../src/domain/outbox/types';
import { asUserId, type UserId } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { localAppInstaller, type AppInstaller, type Messenger, type OutgoingMessage, type SendOutcome } from '../../src/ports/messenger';
import type { Cycle } from '../../src/ports/stores';
import { ManualClock, seededRandom, staticDirectory, syntheticOrganisation } from './outboxFixtures';

export interface Delivery {
  readonly userId: string;
  readonly kind: OutgoingMessage['kind'];
  readonly daysLeft?: number;
  /** Clock time of the request. */
  readonly at: number;
}

/**
 * A messenger that records what it was asked to send, on the test clock, and answers from
 * a script (per person and attempt); `sent` otherwise. It calls `beforeRequest` as the
 * real one does.
 */
export class FakeMessenger implements Messenger {
  readonly deliveries: Delivery[] = [];
  readonly attempts = new Map<string, number>();
  constructor(
    private readonly clock: ManualClock,
    private readonly script: (userId: string, attempt: number) => SendOutcome | undefined = () => undefined,
  ) {}

  async send(message: OutgoingMessage, reference: Readonly<Record<string, unknown>>, options?: { beforeRequest?: () => Promise<void> }): Promise<SendOutcome> {
    await options?.beforeRequest?.();
    const userId = String((reference.user as { aadObjectId?: string }).aadObjectId);
    const attempt = (this.attempts.get(userId) ?? 0) + 1;
    this.attempts.set(userId, attempt);
    const outcome = this.script(userId, attempt) ?? { kind: 'sent' };
    if (outcome.kind === 'sent' || outcome.kind === 'in-doubt') {
      this.deliveries.push({ userId, kind: message.kind, ...(message.kind === 'reminder' ? { daysLeft: message.daysLeft } : {}), at: this.clock.now().getTime() });
    }
    return outcome;
  }

  to(userId: string, kind?: OutgoingMessage['kind']): Delivery[] {
    return this.deliveries.filter((d) => d.userId === userId && (kind === undefined || d.kind === kind));
  }
}

export function reference(userId: string): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/uk/',
    conversation: { id: `a:1on1-${userId}` },
    user: { id: `29:${userId}`, aadObjectId: userId },
    bot: { id: '28:bot' },
  };
}

export interface WorldOptions {
  readonly people?: number;
  /** Clock start, e.g. a Monday morning. */
  readonly now?: string;
  readonly closesOn?: string;
  readonly plan?: OutboxPlan;
  /** People with no conversation reference. */
  readonly unreachable?: readonly string[];
  readonly script?: (userId: string, attempt: number) => SendOutcome | undefined;
  readonly installer?: AppInstaller;
  readonly options?: Partial<SenderOptions>;
}

/** An open cycle with its invitations and reminders queued, in memory, on a manual clock. */
export async function outboxWorld(o: WorldOptions = {}) {
  const clock = new ManualClock(o.now ?? '2027-01-11T09:00:00Z');
  const { stores, operational } = openSqlite(':memory:');
  const organisation = syntheticOrganisation(o.people ?? 20, 6);
  const directory = staticDirectory(organisation);
  const cycles = new CycleService(stores, new QuestionnaireService(stores.questionnaires, healthCheck, clock), healthCheck, clock);
  const cycle: Cycle = await cycles.open({ id: '2026-27', closesOn: o.closesOn ?? '2027-01-29' });
  const audience = organisation.people.filter((p) => p.role !== 'service-manager').map((p) => p.id);
  for (const id of audience) if (!o.unreachable?.includes(id)) await operational.conversations.put(id, reference(id));
  const planner = new InvitationPlanner(operational.outbox, directory, clock);
  const queued = await planner.queue(cycle, o.plan ?? DEFAULT_PLAN);
  const messenger = new FakeMessenger(clock, o.script);
  const log: string[] = [];
  const deps: SenderDeps = {
    stores,
    outbox: operational.outbox,
    conversations: operational.conversations,
    messenger,
    installer: o.installer ?? localAppInstaller,
    clock,
    random: seededRandom(7),
    sleep: clock.sleep,
    owner: 'test-sender',
    log: (line) => log.push(line),
  };
  const secret = await stores.cycles.participationSecret(cycle.id);
  return {
    clock,
    stores,
    operational,
    organisation,
    directory,
    cycles,
    cycle,
    audience,
    planner,
    queued,
    messenger,
    log,
    deps,
    sender: (options: Partial<SenderOptions> = {}) => new ProactiveSender(deps, { ...o.options, ...options }),
    run: (options: Partial<SenderOptions> = {}) => new ProactiveSender(deps, { ...o.options, ...options }).runOnce(),
    /** Marks a person as having submitted, as the survey does. */
    submit: (userId: string) => stores.participation.submit(cycle.id, participationKey(secret, asUserId(userId)), { surveyVersion: cycle.surveyVersion, submittedOn: cycle.opensOn, answers: {} }),
    /** The whole outbox table, as stored. */
    table: () => operational.db.prepare('SELECT * FROM outbox ORDER BY key').all() as Record<string, unknown>[],
    row: (userId: string, kind: string) =>
      operational.db.prepare('SELECT * FROM outbox WHERE key = ?').get(`${cycle.id}:${userId}:${kind}`) as Record<string, unknown> & {
        status: string;
        attempts: number;
        reason: string | null;
        next_attempt_at: number;
      },
  };
}

export const user = (n: number): UserId => asUserId(`p${String(n).padStart(5, '0')}`);
