import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { CycleService } from '../../src/app/cycles';
import { QuestionnaireService } from '../../src/app/questionnaires';
import { InvitationPlanner } from '../../src/app/invitations';
import { participationKey } from '../../src/app/participation';
import type { SenderRun } from '../../src/app/sender';
import { DATABASE_FILE } from '../../src/composition';
import { asUserId } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { startConnectorStandIn, standInReference, wallNow, type ConnectorStandIn } from '../support/connectorStandIn';
import { ManualClock, staticDirectory, syntheticOrganisation } from '../support/outboxFixtures';
import type { SenderChildArgs } from '../support/senderChild';

/**
 * kill -9 of a sender in the middle of a fan-out to 300 people, against the Bot Connector
 * stand-in, then a restart: nobody gets a second invitation; whoever might not have got one
 * is "unconfirmed" (in doubt), no more of them than messages in flight; and the first
 * reminder reaches them.
 */
const PEOPLE = 300;
const CONCURRENCY = 4;
const SPEED = 2;
const OPENED = Date.parse('2027-01-11T09:00:00Z'); // a Monday morning
const DAY_3 = Date.parse('2027-01-14T10:00:00Z');

function runChild(args: SenderChildArgs, killWhen?: () => boolean): Promise<{ readonly killed: boolean; readonly run?: SenderRun }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/senderChild.ts'), JSON.stringify(args)], {
    cwd: path.join(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let killed = false;
  const watch = killWhen
    ? setInterval(() => {
        if (!killed && killWhen()) {
          killed = child.kill('SIGKILL');
        }
      }, 2)
    : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (watch) clearInterval(watch);
      if (signal === 'SIGKILL') return resolve({ killed: true });
      if (code !== 0) return reject(new Error(`The sender exited with ${code}: ${out}`));
      resolve({ killed: false, run: JSON.parse(out.trim().split('\n').pop() ?? '{}') as SenderRun });
    });
  });
}

describe('a sender killed with SIGKILL in the middle of a fan-out', () => {
  let dir: string;
  let standIn: ConnectorStandIn;
  let audience: string[];
  const realStart = wallNow();
  const standInNow = () => standIn.clock.now().getTime();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-crash-'));
    // Answers 20 ms after taking a message, so several are always in flight when the kill comes.
    standIn = await startConnectorStandIn({ speed: SPEED, startAt: OPENED, realStart, responseDelayMs: 20 });
    const { stores, operational } = openSqlite(path.join(dir, DATABASE_FILE));
    const organisation = syntheticOrganisation(PEOPLE);
    const cycle = await new CycleService(stores, new QuestionnaireService(stores.questionnaires, healthCheck, new ManualClock(OPENED)), healthCheck, new ManualClock(OPENED)).open({
      id: '2026-27',
      closesOn: '2027-01-29',
    });
    audience = organisation.people.filter((p) => p.role !== 'service-manager').map((p) => p.id);
    for (const id of audience) await operational.conversations.put(asUserId(id), standInReference(standIn.serviceUrl, id));
    await new InvitationPlanner(operational.outbox, staticDirectory(organisation), new ManualClock(OPENED)).queue(cycle);
    await stores.close();
  });

  afterAll(async () => {
    await standIn?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const received = (id: string, reminder: boolean) => (standIn.received.get(`a:1on1-${id}`) ?? []).filter((r) => (r.summary ?? '').startsWith('A reminder') === reminder).length;

  it('carries on after a restart without sending anyone a second invitation; what is in doubt is few and covered by the first reminder', async () => {
    const args = { dataDir: dir, realStart, speed: SPEED, concurrency: CONCURRENCY };
    // 1. Start sending and kill -9 part-way through.
    const first = await runChild({ ...args, startAt: OPENED }, () => standIn.stats.accepted >= PEOPLE / 3);
    expect(first.killed).toBe(true);
    const atKill = standIn.stats.accepted;
    expect(atKill).toBeGreaterThanOrEqual(PEOPLE / 3);
    expect(atKill).toBeLessThan(PEOPLE);

    // 2. Restart (after the dead sender's leases have run out) and let it finish.
    const second = await runChild({ ...args, startAt: standInNow() + 2 * 60_000 });
    expect(second.run?.busy).toBeUndefined();

    const { stores, operational } = openSqlite(path.join(dir, DATABASE_FILE));
    try {
      const rows = operational.db.prepare(`SELECT user_id, status FROM outbox WHERE kind = 'invitation'`).all() as { user_id: string; status: string }[];
      const unconfirmed = new Set(rows.filter((r) => r.status === 'unconfirmed').map((r) => r.user_id));
      const none = audience.filter((id) => received(id, false) === 0);
      const counts = audience.map((id) => received(id, false));
      console.log(`Crash test: killed after ${atKill} of ${PEOPLE} accepted; in doubt (unconfirmed) ${unconfirmed.size}, of whom ${none.length} got nothing; concurrency ${CONCURRENCY}.`);
      expect(Math.max(...counts)).toBe(1); // nobody has two invitations
      expect(second.run?.settledInDoubt).toBe(unconfirmed.size);
      expect(unconfirmed.size).toBeLessThanOrEqual(CONCURRENCY);
      for (const id of none) expect(unconfirmed.has(id)).toBe(true); // whoever has none is in doubt
      expect(rows.filter((r) => r.status === 'sent').length + unconfirmed.size).toBe(PEOPLE);

      // 3. Day 3: the first reminder reaches everyone who has not answered, the people in
      //    doubt included, and nobody who has.
      const cycleId = (await stores.cycles.list({ limit: 10 })).items.find((c) => c.kind === 'live')!.id;
      const secret = await stores.cycles.participationSecret(cycleId);
      const answered = audience.filter((id, i) => i % 10 === 0 && !unconfirmed.has(id));
      for (const id of answered) {
        await stores.participation.submit(cycleId, participationKey(secret, asUserId(id)), { surveyVersion: 1, submittedOn: '2027-01-12' as never, answers: {} });
      }
      await stores.close();
      const third = await runChild({ ...args, startAt: DAY_3 });
      expect(third.run?.remindersDone).toBe(PEOPLE);
      for (const id of unconfirmed) expect(received(id, true)).toBe(1);
      for (const id of answered) expect(received(id, true)).toBe(0);
      expect(audience.filter((id) => received(id, true) === 1)).toHaveLength(PEOPLE - answered.length);
    } finally {
      await stores.close();
    }
  });
});
