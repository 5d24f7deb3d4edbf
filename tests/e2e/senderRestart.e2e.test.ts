/**
 * The real server, killed with SIGKILL in the middle of sending a cycle's invitations, and
 * started again straight away, as App Service restarts a container that died: the new process
 * takes over the dead one's sending within seconds, and nobody is sent a second invitation.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src/composition';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import { DEFAULT_PLAN } from '../../src/domain/outbox/types';
import { startServer, type RunningServer } from '../support/appServer';
import { composeAt } from '../support/composed';
import { startConnectorStandIn, standInReference, wallNow, type ConnectorStandIn } from '../support/connectorStandIn';
import { syntheticOrganisation } from '../support/outboxFixtures';

jest.setTimeout(180_000);

const PEOPLE = 400;
/** The new process must be sending again within this long of being started. */
const RESUME_WITHIN_MS = 10_000;
const ENV = { PHC_DEMO: 'off', PHC_DEMO_AUDITS: 'off' };

describe('a server killed with SIGKILL while sending invitations, and started again', () => {
  let dir: string;
  let standIn: ConnectorStandIn;
  let server: RunningServer | undefined;
  /** When each invitation reached Teams (the stand-in runs on the real clock), in order. */
  const arrivals: number[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-restart-'));
    // Answers 20 ms after taking a message, so some are always in flight when the kill comes.
    standIn = await startConnectorStandIn({ responseDelayMs: 20, onAccepted: () => arrivals.push(wallNow()) });
    const phc = await composeAt(dir, ENV);
    try {
      const organisation = syntheticOrganisation(PEOPLE);
      const today = new Date().toISOString().slice(0, 10);
      await phc.stores.organisations.save(organisation, asIsoDate(today));
      const closesOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const cycle = await phc.app.cycles.open({ id: '2026-27', closesOn });
      // Any hour of the day: the test must not depend on when it runs.
      await phc.services.invitations.queue(cycle, { ...DEFAULT_PLAN, workingHours: null });
      for (const p of organisation.people) await phc.stores.operational.conversations.put(asUserId(p.id), standInReference(standIn.serviceUrl, p.id));
    } finally {
      await phc.close();
    }
  });

  afterAll(async () => {
    await server?.stop();
    await standIn?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const invitationsTo = (id: string) => standIn.received.get(`a:1on1-${id}`)?.length ?? 0;
  const waitFor = async (done: () => boolean, ms: number, what: string, everyMs = 5) => {
    const until = Date.now() + ms;
    while (!done()) {
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  };

  it('sends again within seconds of starting, and never twice', async () => {
    const first = await startServer(dir, ENV);
    server = first;
    await waitFor(() => standIn.stats.accepted >= PEOPLE / 4, 60_000, 'the first server to send a quarter of the invitations');
    first.child.kill('SIGKILL');
    await new Promise<void>((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve() : first.child.once('exit', () => resolve())));
    const killedAt = wallNow();
    const atKill = standIn.stats.accepted;
    expect(atKill).toBeLessThan(PEOPLE);

    const startedAt = wallNow();
    server = await startServer(dir, ENV);
    const listeningAt = wallNow();
    await waitFor(() => arrivals.some((t) => t > killedAt), 60_000, 'the restarted server to send');
    const resumedAt = arrivals.find((t) => t > killedAt)!;
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const invitations = () => db.prepare(`SELECT user_id, status FROM outbox WHERE kind = 'invitation'`).all() as { user_id: string; status: string }[];
    await waitFor(() => invitations().every((r) => r.status === 'sent' || r.status === 'unconfirmed'), 120_000, 'the restarted server to finish', 200);
    const rows = invitations();
    db.close();
    await server.stop();
    server = undefined;
    const unconfirmed = rows.filter((r) => r.status === 'unconfirmed').map((r) => r.user_id);
    const audience = rows.map((r) => r.user_id);
    console.log(
      `Restart test: killed after ${atKill} of ${PEOPLE} invitations; the new server was started ${Math.round(startedAt - killedAt)} ms later, ` +
        `was listening after ${Math.round(listeningAt - startedAt)} ms and sent again ${Math.round(resumedAt - startedAt)} ms after it was started; ` +
        `${unconfirmed.length} in doubt (not resent).`,
    );
    expect(resumedAt - startedAt).toBeLessThanOrEqual(RESUME_WITHIN_MS);
    expect(Math.max(...audience.map(invitationsTo))).toBe(1);
    expect(rows.filter((r) => r.status === 'sent').length + unconfirmed.length).toBe(PEOPLE);
    // In doubt: at most the messages that were in flight (the sender sends 8 at a time).
    expect(unconfirmed.length).toBeLessThanOrEqual(8);
    for (const id of audience.filter((u) => invitationsTo(u) === 0)) expect(unconfirmed).toContain(id);
  });
});
