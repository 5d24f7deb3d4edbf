import type { OperationalState } from '../../src/adapters/sqlite/sqliteStores';
import type { SenderDeps } from '../../src/app/sender';
import { realSleep } from '../../src/app/senderLoop';
import type { Config } from '../../src/config';
import { systemClock, type Clock } from '../../src/ports/clock';
import { localAppInstaller, type AppInstaller } from '../../src/ports/messenger';
import type { Stores } from '../../src/ports/stores';
import type { Directory } from '../../src/ports/directory';
import { teamManagedBy } from '../../src/app/invitations';
import type { UserId } from '../../src/domain/shared/brand';
import { createAdapter } from '../adapter';
import { createBotMessenger } from './botMessenger';

export { createBotMessenger, outcomeOf, retryAfterMs } from './botMessenger';
export { proactiveActivity } from './compose';

export interface ProactiveWiring {
  readonly stores: Pick<Stores, 'cycles' | 'participation'>;
  readonly operational: Pick<OperationalState, 'outbox' | 'conversations'>;
  readonly bot: Config['bot'];
  /** About how long the survey takes (the questionnaire's `minutes`), for the cards. */
  readonly minutes: number;
  readonly clock?: Clock;
  /** Graph `installedApps` in production (issue 4); locally it cannot install. */
  readonly installer?: AppInstaller;
  readonly log?: (line: string) => void;
  /** Who manages which team, for team managers' 39-steps return cards; without it those are cancelled. */
  readonly directory?: Directory;
}

/**
 * What the proactive sender needs, with the real botbuilder messenger: for `startSender`
 * in the server and `runSenderOnce` in `phc send --once`.
 */
export function proactiveSenderDeps(wiring: ProactiveWiring): SenderDeps {
  const directory = wiring.directory;
  return {
    stores: wiring.stores,
    outbox: wiring.operational.outbox,
    conversations: wiring.operational.conversations,
    messenger: createBotMessenger({ adapter: createAdapter(wiring.bot), appId: wiring.bot.appId ?? '', minutes: wiring.minutes }),
    installer: wiring.installer ?? localAppInstaller,
    clock: wiring.clock ?? systemClock,
    random: Math.random,
    sleep: realSleep,
    ...(wiring.log ? { log: wiring.log } : {}),
    ...(directory ? { teamOf: async (userId: UserId) => teamManagedBy(await directory.organisation(), userId) } : {}),
  };
}
