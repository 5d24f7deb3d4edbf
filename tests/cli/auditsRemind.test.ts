import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { runCli } from '../../src/cli/run';
import { DATABASE_FILE } from '../../src/composition';
import { auditRemindersDue, type AuditDigest } from '../../src/domain/audit/reminders';
import { asIsoDate, type UserId } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import { startConnectorStandIn, standInReference, type ConnectorStandIn } from '../support/connectorStandIn';
import { TestClock } from '../fixtures/testClock';

// `phc audits remind --once` end to end in-process: a real SQLite file, the real bot messenger
// and Bot Framework adapter, sending to a local stand-in for the Bot Connector. What it must
// send is worked out independently with the pure reminder rules; a second run sends nothing.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-audits-remind-'));
const dataDir = path.join(dir, 'data');
const clock = new TestClock(new Date('2026-04-01T09:00:00Z'));
const organisation = demoOrganisation();
const nameOf = new Map(organisation.people.map((p) => [p.id as string, p.displayName]));
let connector: ConnectorStandIn;

beforeAll(async () => {
  connector = await startConnectorStandIn({ keepActivities: true });
});
afterAll(async () => {
  await connector.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function phc(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: dataDir }, cwd: dir }, clock);
  return { code, out, err };
}

/** "1 December 2026", as the card words a date. */
const longDate = (iso: string): string => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const delivered = (): number => [...connector.received.values()].reduce((n, list) => n + list.length, 0);

let expected: AuditDigest[];
/** The one auditor who has not opened the bot yet: nothing can reach them. */
let unreachable: UserId;

test('sends one digest card to each person with reminders today, and only to them', async () => {
  expect((await phc('audits', 'plan')).code).toBe(0);

  // The working day with the most digests due, worked out from the stored plan by the pure rules.
  const { stores, audits, operational } = openSqlite(path.join(dataDir, DATABASE_FILE));
  const tasks = await allAuditTasks(audits, 2026);
  const days = [...new Set(tasks.map((t) => t.due))].sort();
  const busiest = days
    .map((day) => ({ day, digests: auditRemindersDue({ tasks, organisation, today: asIsoDate(day) }) }))
    .sort((a, b) => b.digests.length - a.digests.length || (a.day < b.day ? -1 : 1))[0];
  if (!busiest || busiest.digests.length < 3) throw new Error('the plan has no day with reminders');
  expected = busiest.digests;
  unreachable = expected[0]!.personId;
  for (const person of organisation.people) {
    if (person.id !== unreachable) await operational.conversations.put(person.id, standInReference(connector.serviceUrl, person.id));
  }
  await stores.close();
  clock.set(`${busiest.day}T10:00:00Z`); // mid-morning in London, GMT or BST

  const run = await phc('audits', 'remind', '--once');
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  expect(run.out).toContain(`Audit reminders: ${expected.length - 1} sent, 0 already handled today, 1 failed (1 to retry).`);

  // Exactly the expected people, one card each, listing their audits by name and due date.
  expect(delivered()).toBe(expected.length - 1);
  for (const digest of expected.slice(1)) {
    const got = connector.received.get(`a:1on1-${digest.personId}`) ?? [];
    expect(got).toHaveLength(1);
    const card = JSON.stringify(got[0]?.activity?.attachments);
    expect(card).toContain('application/vnd.microsoft.card.adaptive');
    for (const item of digest.items) {
      expect(card).toContain(longDate(item.task.due));
      if (item.task.subject.kind === 'person') expect(card).toContain(nameOf.get(item.task.subject.personId) ?? '?');
    }
  }
  expect(connector.received.has(`a:1on1-${unreachable}`)).toBe(false);
});

test('a second run the same day sends nothing', async () => {
  const again = await phc('audits', 'remind', '--once', '--json');
  expect(again.code).toBe(0);
  expect(JSON.parse(again.out)).toMatchObject({ sent: 0, skipped: expected.length - 1, failed: 1, retryLater: 1, settledInDoubt: 0, outsideWorkingHours: false });
  expect(delivered()).toBe(expected.length - 1);
});

test('the person who could not be reached gets theirs once they open the bot, and only once', async () => {
  const { stores, operational } = openSqlite(path.join(dataDir, DATABASE_FILE));
  await operational.conversations.put(unreachable, standInReference(connector.serviceUrl, unreachable));
  await stores.close();
  expect((await phc('audits', 'remind', '--once')).out).toContain(`Audit reminders: 1 sent, ${expected.length - 1} already handled today, 0 failed.`);
  expect((await phc('audits', 'remind', '--once')).out).toContain(`Audit reminders: 0 sent, ${expected.length} already handled today, 0 failed.`);
  expect(connector.received.get(`a:1on1-${unreachable}`)).toHaveLength(1);
  expect(delivered()).toBe(expected.length);
});

test('outside working hours nothing is sent, and the command says so', async () => {
  clock.set(`${expected[0]!.day}T21:30:00Z`);
  expect((await phc('audits', 'remind', '--once')).out).toContain('Outside working hours: no audit reminders sent.');
  expect(delivered()).toBe(expected.length);
  expect((await phc('audits', 'remind')).code).toBe(2);
});
