/**
 * Seeds a data folder for `bench:burst` with the code of the checkout the server will run
 * from (this one, or the baseline's), so the file has exactly that code's schema: an
 * organisation of `people` practitioners, the Health Check open, its invitations queued and
 * everyone reachable through the Bot Connector stand-in. Run as a child process:
 *
 *   node --import tsx tests/bench/burstSeed.ts '{"root": …, "dataDir": …, "people": …, "serviceUrl": …, "startAt": …}'
 */
import * as path from 'node:path';
import type * as CompositionModule from '../../src/composition';
import type * as ConfigModule from '../../src/config';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import { TurnContext, type Activity } from 'botbuilder';
import { burstPeople, personActivity } from './burstPeople';
import { syntheticOrganisation } from '../support/outboxFixtures';

export interface BurstSeed {
  /** The checkout whose code writes the file. */
  readonly root: string;
  readonly dataDir: string;
  readonly people: number;
  readonly serviceUrl: string;
  /** The server's clock at start (PHC_CLOCK_START), ms since the epoch. */
  readonly startAt: number;
  /** The cycle's id and closing day. */
  readonly cycleId: string;
  readonly closesOn: string;
}

async function main(): Promise<void> {
  const seed = JSON.parse(process.argv[2] ?? '{}') as BurstSeed;
  const { compose } = (await import(path.join(seed.root, 'src/composition'))) as typeof CompositionModule;
  const { readConfig } = (await import(path.join(seed.root, 'src/config'))) as typeof ConfigModule;
  const clock = { now: () => new Date(seed.startAt) };
  const phc = await compose(readConfig({ PHC_DATA_DIR: seed.dataDir, PHC_DEMO: 'off' }), { clock });
  try {
    const organisation = syntheticOrganisation(seed.people);
    await phc.stores.organisations.save(organisation, asIsoDate(new Date(seed.startAt).toISOString().slice(0, 10)));
    const cycle = await phc.app.cycles.open({ id: seed.cycleId, closesOn: seed.closesOn });
    const queued = await phc.services.invitations.queue(cycle);
    // Everyone has the app: their reference as the bot keeps it from their messages.
    for (const person of burstPeople(seed.people)) {
      const reference = TurnContext.getConversationReference(personActivity(person, seed.serviceUrl, 'installed') as Partial<Activity>);
      await phc.stores.operational.conversations.put(asUserId(person.id), { ...reference });
    }
    process.stdout.write(`${JSON.stringify({ invitations: queued.invitations })}\n`);
  } finally {
    await phc.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
