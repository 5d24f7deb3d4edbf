import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deliverYouSaidWeDidOnce } from '../../src/app/youSaidWeDidDelivery';
import { queueYouSaidWeDid } from '../../src/app/actionPlan';
import { openCycleAndQueue } from '../../src/app/invitations';
import { ProactiveSender } from '../../src/app/sender';
import type { Composition } from '../../src/composition';
import { idempotencyKey } from '../../src/domain/outbox/types';
import type { Organisation, Person, StaffRole } from '../../src/domain/organisation/types';
import { asCycleId, asIsoDate, asUserId, type UserId } from '../../src/domain/shared/brand';
import type { AuditTaskId } from '../../src/domain/audit/plan/task';
import { allAuditTasks } from '../../src/ports/audits';
import type { OutboxMessage } from '../../src/ports/outbox';
import type { Page, PageRequest } from '../../src/ports/stores';
import { mini } from '../fixtures/miniSurvey';
import { provisionedStandIn } from '../contract/sharepointHarness';
import { composeAt } from '../support/composed';
import { startConnectorStandIn, standInReference, type ConnectorStandIn } from '../support/connectorStandIn';
import { ManualClock, seededRandom, staticDirectory } from '../support/outboxFixtures';
import type { SharePointStandIn } from '../support/sharepointStandIn';
import { standInVault, startKeyVaultStandIn, type KeyVaultStandIn } from '../support/keyVaultStandIn';

/**
 * A lost instance rebuilt from SharePoint (and the vault): the first instance runs a cycle
 * (with a team's 39-steps return), the audit programme and the action plan; its data directory is deleted; a second instance
 * pointed at the same site and vault rebuilds its whole state. The read model is the same,
 * and so is the behaviour: someone who answered cannot answer again, and nobody is sent an
 * invitation or an update twice.
 */

const CYCLE = asCycleId('2026-27');
const YEAR = 2026;

const person = (id: string, displayName: string, role: StaffRole, teamId: string | undefined, manager: string | undefined, supervisor = manager): Person => ({
  id: asUserId(id),
  displayName,
  role,
  teamId,
  lineManagerId: manager === undefined ? undefined : asUserId(manager),
  supervisorId: supervisor === undefined ? undefined : asUserId(supervisor),
});

const ORG: Organisation = {
  teams: [{ id: 'hospital', name: 'Hospital team', serviceArea: 'hospital-and-intake' }],
  people: [
    person('psw-1', 'Pat Principal', 'principal-social-worker', undefined, undefined),
    person('sm-1', 'Sol Service', 'service-manager', undefined, 'psw-1'),
    person('tm-1', 'Tia Manager', 'team-manager', 'hospital', 'sm-1'),
    person('sp-1', 'Sid Senior', 'senior-practitioner', 'hospital', 'tm-1'),
    person('sw-1', 'Wes Worker', 'social-worker', 'hospital', 'tm-1', 'sp-1'),
    person('sw-2', 'Wyn Worker', 'social-worker', 'hospital', 'tm-1', 'sp-1'),
    person('sw-3', 'Wil Worker', 'social-worker', 'hospital', 'tm-1', 'sp-1'),
  ],
};
/** The bot has talked to these three before the loss: their invitations go out on the first instance. */
const REACHABLE = ['sw-1', 'sw-2', 'sp-1'].map(asUserId);
/** These two answer on the first instance. */
const ANSWERED = ['sw-1', 'sw-2'].map(asUserId);
const ANSWERS = { role: 'sw', team: 'a1', fair: 'yes', pcf: 'no', comment: 'more time' };
const RETURN = {
  'establishment-fte': 6,
  'unfilled-posts-fte': 1,
  'agency-cover-fte': 0.5,
  'long-term-absence-fte': 0,
  'turnover-percent': 12,
  'cases-per-fte': 22,
  'supervision-in-policy-percent': 80,
  'unallocated-cases': 4,
  'sickness-days-per-fte': 7,
};

let sp: SharePointStandIn;
let vault: KeyVaultStandIn;
let connector: ConnectorStandIn;
let root: string;

beforeAll(async () => {
  ({ sp } = await provisionedStandIn());
  vault = await startKeyVaultStandIn();
  connector = await startConnectorStandIn({ keepActivities: true });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-recovery-'));
});
afterAll(async () => {
  await connector.close();
  await vault.close();
  await sp.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** An instance of the app, as the server composes it, over its own data directory and the shared site and vault. */
async function instance(dataDir: string, clock: ManualClock): Promise<Composition> {
  return composeAt(
    dataDir,
    {
      PHC_DEMO: 'off',
      PHC_SHAREPOINT_SITE: sp.site.webUrl,
      PHC_GRAPH_BASE_URL: sp.baseUrl,
      PHC_GRAPH_STATIC_TOKEN: 'stand-in-token',
      PHC_SHAREPOINT_RU_PER_MINUTE: '1000000',
      PHC_SHAREPOINT_RU_PER_DAY: '100000000',
    },
    { clock, directory: staticDirectory(ORG), questionnaire: mini, auditSeed: () => 424242, secrets: standInVault(vault) },
  );
}

function sender(phc: Composition, clock: ManualClock, owner: string): ProactiveSender {
  return new ProactiveSender({ ...phc.sender, clock, sleep: clock.sleep, random: seededRandom(7), owner });
}

async function readAll<T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let continuation: string | undefined;
  do {
    const page = await read({ limit: 100, ...(continuation === undefined ? {} : { continuation }) });
    all.push(...page.items);
    continuation = page.continuation;
  } while (continuation !== undefined);
  return all;
}

/** Everything a person can see or the app acts on, in a comparable shape. */
async function readModel(phc: Composition) {
  const { stores } = phc;
  const cycles = await phc.app.cycles.list();
  const responses = (await readAll((p) => stores.stores.responses.list(CYCLE, p))).sort((a, b) => (a.id < b.id ? -1 : 1));
  const submitted = [...(await readAll((p) => stores.stores.participation.submittedKeys(CYCLE, p)))].sort();
  const outbox: OutboxMessage[] = await readAll((p) => stores.operational.outbox.list({}, p));
  const updates = await stores.actions.updates();
  return {
    cycles,
    responses,
    submitted,
    auditPlan: await stores.audits.planMeta(YEAR),
    auditTasks: await allAuditTasks(stores.audits, YEAR),
    samples: await stores.supervisionSamples.listYear(YEAR),
    actions: (await stores.actions.list()).sort((a, b) => (a.id < b.id ? -1 : 1)),
    updates,
    deliveries: await Promise.all(updates.map((u) => stores.actions.deliveries(u.id))),
    messagePlan: await stores.operational.outbox.plan(CYCLE),
    orgDataReturns: await phc.services.reports.orgData.returnsFor(CYCLE),
    outbox: outbox.sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

const invitationsTo = (userId: UserId) => (connector.received.get(`a:1on1-${userId}`) ?? []).filter((a) => /is open until/.test(a.summary ?? ''));

test('a fresh instance pointed at the same SharePoint site rebuilds the whole state, and behaves the same', async () => {
  const clock = new ManualClock('2027-01-11T10:00:00Z'); // a Monday, in working hours
  const first = await instance(path.join(root, 'first'), clock);

  // A cycle opens; three people the bot knows are invited; two answer.
  await openCycleAndQueue(first.app.cycles, first.services.invitations, { id: CYCLE, closesOn: '2027-02-26' });
  for (const id of REACHABLE) await first.stores.operational.conversations.put(id, standInReference(connector.serviceUrl, id));
  const sent = await sender(first, clock, 'first-sender').runOnce();
  expect(sent.invitationsSent).toBe(REACHABLE.length);
  for (const id of ANSWERED) expect(await first.app.survey.submit(CYCLE, id, ANSWERS)).toEqual({ ok: true, outcome: 'submitted' });

  // The audit programme: the year planned, a supervision sample drawn, an audit under way.
  await first.stores.supervisionLog.record({ supervisorId: asUserId('sp-1'), superviseeId: asUserId('sw-1'), date: asIsoDate('2026-12-01'), outcome: 'held' });
  await first.stores.supervisionLog.record({ supervisorId: asUserId('sp-1'), superviseeId: asUserId('sw-2'), date: asIsoDate('2026-12-08'), outcome: 'held' });
  const planned = await first.services.audits.plan(YEAR);
  expect(planned.seed).toBe(424242);
  const supervisionAudit = (await allAuditTasks(first.stores.audits, YEAR)).find((t) => t.activity === 'supervision-audit' && t.subject.kind === 'person' && t.subject.personId === 'sp-1');
  expect(supervisionAudit).toBeDefined();
  expect(await first.services.audits.sampleFor(supervisionAudit?.id as AuditTaskId)).toBeDefined();

  // The action plan, and a "You said, we did" update delivered to those the bot can reach.
  const action = await first.services.actions.create({ what: 'Protected time for learning each month', ownerId: 'tm-1', due: '2027-06-30' }, 'psw-1');
  await first.services.actions.update(action.id, { version: action.version, status: 'in-progress', progress: 'Agreed with the team' });
  const update = await first.services.actions.recordUpdate({ message: 'You said learning time is squeezed; each team now has a protected afternoon a month.', actionIds: [action.id] }, 'psw-1');
  await queueYouSaidWeDid(first.stores.actions, first.directory, update);
  const delivered = await deliverYouSaidWeDidOnce({ store: first.stores.actions, messenger: first.teams.messenger, conversations: first.stores.operational.conversations, clock });
  expect(delivered.sent).toBe(REACHABLE.length);

  // The team manager sends the team's 39-steps return.
  await first.services.reports.orgData.submit('tm-1', 'hospital', CYCLE, RETURN);

  // The instance is lost while it sends sw-3's invitation (claimed and marked sending, as the
  // sender does before the request leaves): nobody knows whether Teams delivered it.
  const outbox = first.stores.operational.outbox;
  const inDoubt = idempotencyKey(CYCLE, asUserId('sw-3'), 'invitation');
  for (let claimed = await outbox.claimNext(clock.now().getTime() + 86_400_000, 'lost-sender', 60_000); claimed && claimed.key !== inDoubt;) {
    claimed = await outbox.claimNext(clock.now().getTime() + 86_400_000, 'lost-sender', 60_000);
  }
  expect(await outbox.markSending(inDoubt, 'lost-sender', clock.now().getTime() + 60_000)).toBe(true);

  // Everything has reached SharePoint; then the instance and its data directory are lost.
  await first.stores.sharepoint?.writer.drain();
  const before = await readModel(first);
  expect(before.outbox.find((m) => m.key === inDoubt)?.status).toBe('sending');
  await first.close();
  fs.rmSync(path.join(root, 'first'), { recursive: true, force: true });
  const invitationsBefore = connector.stats.accepted;
  expect(invitationsBefore).toBe(2 * REACHABLE.length); // invitations and the update

  // A new instance, a new empty data directory, the same site.
  const second = await instance(path.join(root, 'second'), clock);
  try {
    // The same, but for the message in doubt: not sent again, the first reminder covers it (ADR 0006).
    expect(await readModel(second)).toEqual({
      ...before,
      outbox: before.outbox.map((m) =>
        m.key === inDoubt ? { ...m, status: 'unconfirmed', reason: expect.stringMatching(/^in doubt: the instance was lost while sending.*not resent, the first reminder covers it$/) } : m,
      ),
    });

    // Someone who answered cannot answer again; someone who had not, can.
    expect(await second.app.survey.submit(CYCLE, asUserId('sw-1'), ANSWERS)).toEqual({ ok: true, outcome: 'already-submitted' });
    expect((await second.app.survey.status(CYCLE, asUserId('sw-2'))).status).toBe('submitted');
    expect(await second.app.survey.submit(CYCLE, asUserId('sw-3'), ANSWERS)).toEqual({ ok: true, outcome: 'submitted' });

    // The bot finds everyone again (in Teams, the installer finds each person's chat): nobody
    // invited before is invited again, the invitation in doubt is not sent, and the one person
    // who was not reachable is invited now, once, with their 39-steps return card.
    for (const p of ORG.people) await second.stores.operational.conversations.put(p.id, standInReference(connector.serviceUrl, p.id));
    const resent = await sender(second, clock, 'second-sender').runOnce();
    for (const id of REACHABLE) expect(invitationsTo(id)).toHaveLength(1);
    expect(invitationsTo(asUserId('sw-3'))).toHaveLength(0);
    expect(invitationsTo(asUserId('tm-1'))).toHaveLength(1);
    expect([resent.invitationsSent, resent.orgDataReturnsSent]).toEqual([1, 1]);
    expect(connector.stats.accepted - invitationsBefore).toBe(2);
    const again = await deliverYouSaidWeDidOnce({ store: second.stores.actions, messenger: second.teams.messenger, conversations: second.stores.operational.conversations, clock });
    expect(again.sent).toBe(0);
  } finally {
    await second.close();
  }
});
