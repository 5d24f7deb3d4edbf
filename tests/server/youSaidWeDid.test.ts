import { youSaidWeDidCard } from '../../src/bot/cards/youSaidWeDid';
import { CARD_VERSION } from '../../src/bot/cards/elements';
import { proactiveActivity } from '../../src/bot/proactive/activity';
import { sqliteActionStore } from '../../src/adapters/sqlite/actionPlanStore';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { deliverYouSaidWeDidOnce } from '../../src/app/youSaidWeDidDelivery';
import { asIsoDate } from '../../src/domain/shared/brand';
import type { Messenger, OutgoingMessage, SendOutcome } from '../../src/ports/messenger';
import { itPassesCardQuality } from '../bot/cardChecks';
import { TestClock } from '../fixtures/testClock';

const update = {
  message: 'You said supervision was too often cancelled. We now protect it in every diary, and managers check it monthly.',
  actions: [
    { what: 'Protected supervision time in every diary', status: 'done', due: '2027-02-28' },
    { what: 'Monthly supervision report to the management team', status: 'in-progress', due: '2027-04-30' },
  ],
};

describe('the "You said, we did" card', () => {
  const card = youSaidWeDidCard(update);
  itPassesCardQuality(card, CARD_VERSION, { checkAction: () => undefined });
  it('says what was done, each action with its status and due date, and nothing about the reader', () => {
    const json = JSON.stringify(card);
    expect(json).toContain('You said, we did');
    expect(json).toContain('Protected supervision time in every diary');
    expect(json).toContain('In progress. Due Friday 30 April 2027.');
    expect(json).not.toMatch(/you (have|haven't) answered|your answers/i);
  });
  it('is what the bot sends for a you-said-we-did message', () => {
    const activity = proactiveActivity({ kind: 'you-said-we-did', update }, 10);
    expect(activity.summary).toMatch(/^You said, we did: You said supervision/);
    expect(activity.attachments?.[0]?.content).toEqual(card);
  });
});

describe('delivering "You said, we did"', () => {
  function world(outcomes: Record<string, SendOutcome>, time = '2027-01-11T10:00:00Z') {
    const { operational } = openSqlite(':memory:');
    const store = sqliteActionStore(operational.db);
    const sent: { to: string; message: OutgoingMessage }[] = [];
    const messenger: Messenger = {
      send: (message, reference) => {
        const to = String(reference.user);
        sent.push({ to, message });
        return Promise.resolve(outcomes[to] ?? { kind: 'sent' });
      },
    };
    const conversations = { get: (id: string) => Promise.resolve(id === 'no-chat' ? undefined : { user: id, serviceUrl: 'http://x', conversation: { id } }) };
    const run = () => deliverYouSaidWeDidOnce({ store, messenger, conversations, clock: new TestClock(new Date(time)) });
    return { store, sent, run, db: operational.db };
  }

  async function queue(store: ReturnType<typeof sqliteActionStore>, people: string[]) {
    await store.create({
      id: 'act-1',
      what: 'Protected supervision time',
      ownerId: 'demo-001',
      due: asIsoDate('2027-02-28'),
      status: 'done',
      link: { kind: 'none' },
      progress: '',
      createdBy: 'demo-001',
      createdOn: asIsoDate('2027-01-01'),
      updatedOn: asIsoDate('2027-01-01'),
    });
    await store.addUpdate({ id: 'ysd-1', message: 'We did it.', actionIds: ['act-1'], sentBy: 'demo-001', sentOn: asIsoDate('2027-01-11') });
    await store.queueDeliveries('ysd-1', people);
  }

  it('sends each person the update once, with the actions it names', async () => {
    const w = world({});
    await queue(w.store, ['a', 'b', 'c']);
    expect(await w.run()).toMatchObject({ sent: 3, failed: 0 });
    expect(w.sent.map((s) => s.to)).toEqual(['a', 'b', 'c']);
    expect(w.sent[0]?.message).toEqual({ kind: 'you-said-we-did', update: { message: 'We did it.', actions: [{ what: 'Protected supervision time', status: 'done', due: '2027-02-28' }] } });
    expect(await w.run()).toMatchObject({ sent: 0 });
    expect(w.sent).toHaveLength(3);
    expect(await w.store.deliveries('ysd-1')).toEqual({ sent: 3 });
  });

  it('fails without a conversation, never resends in doubt, and retries a transient refusal next time', async () => {
    const w = world({ b: { kind: 'in-doubt', reason: 'timed out' }, c: { kind: 'retry', reason: 'HTTP 503' } });
    await queue(w.store, ['no-chat', 'b', 'c']);
    expect(await w.run()).toMatchObject({ sent: 0, failed: 3, retryLater: 1 });
    expect(await w.store.deliveries('ysd-1')).toEqual({ failed: 1, unconfirmed: 1, queued: 1 });
    await w.run();
    expect(w.sent.filter((s) => s.to === 'b')).toHaveLength(1);
    expect(w.sent.filter((s) => s.to === 'c')).toHaveLength(2);
  });

  it('waits outside working hours, and settles a send left in doubt by a dead sender', async () => {
    const w = world({}, '2027-01-09T10:00:00Z'); // a Saturday
    await queue(w.store, ['a']);
    expect(await w.run()).toMatchObject({ outsideWorkingHours: true, sent: 0 });
    expect(await w.store.claimDelivery('ysd-1', 'a')).toBe(true);
    expect(await w.run()).toMatchObject({ settledInDoubt: 1 });
    expect(await w.store.deliveries('ysd-1')).toEqual({ unconfirmed: 1 });
  });
});
