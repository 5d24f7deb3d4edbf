import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { runCli } from '../../src/cli/run';
import { DATABASE_FILE } from '../../src/composition';
import { isHealthCheckAudience } from '../../src/domain/organisation/types';
import type { Clock } from '../../src/ports/clock';
import { startConnectorStandIn, standInReference, type ConnectorStandIn } from '../support/connectorStandIn';
import { runningClock } from '../support/outboxFixtures';

/** `phc` in-process on a fresh data directory with the demo organisation (112 staff asked). */
function phcIn(dir: string, clock: Clock) {
  return async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: path.join(dir, 'data') }, cwd: dir }, clock);
    return { code, out, err };
  };
}

describe('phc: invitations, progress and response rate', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-outbox-'));
  // A Monday, 10:00 in London, moving on in real time (the sender really waits).
  const phc = phcIn(dir, runningClock(Date.parse('2027-01-11T10:00:00Z')));
  const audience = demoOrganisation()
    .people.filter(isHealthCheckAudience)
    .map((p) => p.id);
  let standIn: ConnectorStandIn;

  beforeAll(async () => {
    standIn = await startConnectorStandIn();
  });
  afterAll(async () => {
    await standIn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad reminder plan before opening anything', async () => {
    const bad = await phc('cycle', 'open', '2026-27', '--closes', '2027-01-29', '--remind-after', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--remind-after takes days/);
    expect((await phc('cycle', 'open', '2026-27', '--closes', '2027-01-29', '--working-hours', '18:00-08:00')).err).toMatch(/must end after they start/);
    expect((await phc('cycle', 'list')).out).not.toMatch(/2026-27/);
  });

  it('queues one invitation per member of staff when a cycle opens, and reminders', async () => {
    const opened = await phc('cycle', 'open', '2026-27', '--closes', '2027-01-29');
    expect(opened.code).toBe(0);
    expect(opened.out).toMatch(
      /Queued 112 invitations for 112 staff \(reminders on 2027-01-14, 2027-01-16, 2027-01-27; sent on weekdays 08:00–18:00 UK time\), and 8 39-steps return cards for team managers/,
    );
    const status = await phc('outbox', 'status', '--cycle', '2026-27');
    expect(status.out).toMatch(/Invitations \(from Mon 11 Jan 10:00\): 112 — queued 112/);
    expect(status.out).toMatch(/Reminder 1 \(from Thu 14 Jan 08:00\): 112 — queued 112/);
    expect(status.out).toMatch(/39-steps return cards \(team managers\) \(from Mon 11 Jan 10:00\): 8 — queued 8/);
  });

  it('sends with `phc send --once`: invitations to everyone it can reach, the rest wait for a conversation', async () => {
    const { stores, operational } = openSqlite(path.join(dir, 'data', DATABASE_FILE));
    for (const id of audience.slice(0, 30)) await operational.conversations.put(id, standInReference(standIn.serviceUrl, id));
    await stores.close();
    const sent = await phc('send', '--once');
    expect(sent.code).toBe(0);
    // 3 of the 8 team managers are among the 30 reachable: they also get their team's 39-steps card; the other 5 cards wait too.
    expect(sent.out).toMatch(
      /Done: 30 invitations sent, 0 reminders done, 0 put back to retry, 0 invitations failed, 0 in doubt \(not resent\), 87 waiting for a conversation, 0 waiting for working hours, 3 39-steps return cards sent to team managers/,
    );
    expect(sent.out).toMatch(/Invitations \(from Mon 11 Jan 10:00\): 112 — waiting for a conversation 82, sent 30/);
    expect(sent.out).toMatch(/waiting for a conversation 82: cannot install the app outside Teams/);
    expect(standIn.stats.accepted).toBe(33);
    // Again: nothing more goes out.
    expect((await phc('send', '--once')).out).toMatch(/Done: 0 invitations sent/);
    expect(standIn.stats.accepted).toBe(33);
    const json = JSON.parse((await phc('outbox', 'status', '--json')).out) as { kind: string; counts: Record<string, number> }[];
    expect(json.find((p) => p.kind === 'invitation')?.counts).toMatchObject({ sent: 30, 'no-conversation': 82 });
  });

  it('shows the response rate, hiding small groups', async () => {
    const rate = await phc('response-rate', '--cycle', '2026-27');
    expect(rate.code).toBe(0);
    expect(rate.out).toMatch(/Overall: fewer than 5 have answered \(of 112\)/);
    expect(rate.out).toMatch(/Hospital team: fewer than 5 have answered/);
    expect((await phc('cycle', 'status', '2026-27')).out).toEqual(rate.out);
    const json = JSON.parse((await phc('response-rate', '--cycle', '2026-27', '--json')).out) as { overall: { audience: number; hidden: string } };
    expect(json.overall).toEqual({ audience: 112, hidden: 'few-respondents' });
    expect((await phc('response-rate', '--cycle', '2024-25')).err).toMatch(/published report/);
  });
});
