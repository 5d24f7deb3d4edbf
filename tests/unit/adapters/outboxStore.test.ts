import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { CycleService } from '../../../src/app/cycles';
import { QuestionnaireService } from '../../../src/app/questionnaires';
import { DEFAULT_PLAN, idempotencyKey } from '../../../src/domain/outbox/types';
import { asCycleId, asUserId } from '../../../src/domain/shared/brand';
import { healthCheck } from '../../../src/domain/survey/healthCheck';
import { StoreError } from '../../../src/ports/stores';
import { ManualClock } from '../../support/outboxFixtures';

const cycleId = asCycleId('2026-27');
const ann = asUserId('ann');
const ben = asUserId('ben');

async function store() {
  const { stores, operational } = openSqlite(':memory:');
  await new CycleService(stores, new QuestionnaireService(stores.questionnaires, healthCheck, new ManualClock('2027-01-11T09:00:00Z')), healthCheck, new ManualClock('2027-01-11T09:00:00Z')).open({
    id: cycleId,
    closesOn: '2027-01-29',
  });
  return { outbox: operational.outbox, conversations: operational.conversations, db: operational.db };
}

describe('the SQLite outbox', () => {
  it('keeps one row per cycle, person and kind: queueing twice is harmless', async () => {
    const { outbox, db } = await store();
    const messages = [
      { cycleId, userId: ann, kind: 'invitation' as const, dueAt: 1000 },
      { cycleId, userId: ben, kind: 'invitation' as const, dueAt: 1000 },
      { cycleId, userId: ann, kind: 'reminder-1' as const, dueAt: 5000 },
    ];
    expect(await outbox.enqueue(messages)).toBe(3);
    expect(await outbox.enqueue(messages)).toBe(0);
    expect(db.prepare('SELECT key FROM outbox ORDER BY key').pluck().all()).toEqual(['2026-27:ann:invitation', '2026-27:ann:reminder-1', '2026-27:ben:invitation']);
    // The key is UNIQUE in the table itself, not only in the code.
    expect(() =>
      db
        .prepare(`INSERT INTO outbox (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at) VALUES ('2026-27:ann:invitation', '2026-27', 'ann', 'invitation', 0, 'queued', 0, 0)`)
        .run(),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() =>
      db.prepare(`INSERT INTO outbox (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at) VALUES ('x', '2026-27', 'cat', 'invitation', 0, 'queued', 0, 0)`).run(),
    ).toThrow(/CHECK/);
  });

  it('hands a due message to one sender at a time, and only its owner can move it on', async () => {
    const { outbox } = await store();
    await outbox.enqueue([{ cycleId, userId: ann, kind: 'invitation', dueAt: 1000 }]);
    expect(await outbox.claimNext(999, 'a', 60_000)).toBeUndefined();
    const claimed = await outbox.claimNext(1000, 'a', 60_000);
    expect(claimed).toMatchObject({ key: '2026-27:ann:invitation', status: 'queued', attempts: 0 });
    expect(await outbox.claimNext(1000, 'b', 60_000)).toBeUndefined();
    expect(await outbox.markSending(claimed!.key, 'b', 61_000)).toBe(false);
    expect(await outbox.markSending(claimed!.key, 'a', 61_000)).toBe(true);
    expect(await outbox.finish(claimed!.key, 'b', { status: 'sent' })).toBe(false);
    expect(await outbox.finish(claimed!.key, 'a', { status: 'sent' })).toBe(true);
    expect(await outbox.get(claimed!.key)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await outbox.claimNext(10_000_000, 'a', 60_000)).toBeUndefined();
  });

  it('settles messages left "sending" by a dead sender only once their lease has run out', async () => {
    const { outbox } = await store();
    await outbox.enqueue([
      { cycleId, userId: ann, kind: 'invitation', dueAt: 0 },
      { cycleId, userId: ann, kind: 'reminder-1', dueAt: 0 },
    ]);
    for (let i = 0; i < 2; i++) {
      const m = await outbox.claimNext(0, 'dead', 60_000);
      await outbox.markSending(m!.key, 'dead', 60_000);
    }
    expect(await outbox.settleInDoubt(59_999)).toBe(0);
    expect(await outbox.settleInDoubt(60_001)).toBe(2);
    expect(await outbox.get(idempotencyKey(cycleId, ann, 'invitation'))).toMatchObject({ status: 'unconfirmed' });
    expect(await outbox.get(idempotencyKey(cycleId, ann, 'reminder-1'))).toMatchObject({ status: 'done', attempts: 0, reason: undefined, nextAttemptAt: 0 });
  });

  it('never records a reminder as failed or keeps a reason on it', async () => {
    const { outbox } = await store();
    await outbox.enqueue([{ cycleId, userId: ann, kind: 'reminder-1', dueAt: 5 }]);
    const m = await outbox.claimNext(5, 's', 60_000);
    await outbox.markSending(m!.key, 's', 60_000);
    await outbox.release(m!.key, 's', { status: 'queued', nextAttemptAt: 2000, reason: 'Teams was briefly unable to take it (503)' });
    expect(await outbox.get(m!.key)).toMatchObject({ status: 'queued', attempts: 1, reason: undefined });
    const again = await outbox.claimNext(2000, 's', 60_000);
    await outbox.finish(again!.key, 's', { status: 'failed', reason: 'the person has blocked the app (403)' });
    expect(await outbox.get(m!.key)).toMatchObject({ status: 'done', attempts: 0, reason: undefined, nextAttemptAt: 5 });
  });

  it('wakes messages waiting for a conversation when one is stored', async () => {
    const { outbox, conversations } = await store();
    await outbox.enqueue([{ cycleId, userId: ann, kind: 'invitation', dueAt: 0 }]);
    const m = await outbox.claimNext(0, 's', 60_000);
    await outbox.release(m!.key, 's', { status: 'no-conversation', nextAttemptAt: 99_000_000, reason: 'cannot install the app outside Teams' });
    expect(await outbox.wakeReachable(100)).toBe(0);
    expect(await outbox.nextDue()).toBe(99_000_000);
    await conversations.put(ann, { conversation: { id: 'a:1' } });
    expect(await outbox.wakeReachable(100)).toBe(1);
    expect(await outbox.claimNext(100, 's', 60_000)).toMatchObject({ key: m!.key, status: 'no-conversation' });
  });

  it('keeps the plan it was first given, and refuses a bad one', async () => {
    const { outbox } = await store();
    expect(await outbox.savePlan(cycleId, DEFAULT_PLAN)).toEqual(DEFAULT_PLAN);
    expect(await outbox.savePlan(cycleId, { cadence: { afterOpening: [1], beforeClosing: [] }, workingHours: null })).toEqual(DEFAULT_PLAN);
    await expect(outbox.savePlan(cycleId, { cadence: { afterOpening: [0], beforeClosing: [] }, workingHours: null })).rejects.toThrow(StoreError);
  });

  it('has one sender lease per database', async () => {
    const { outbox } = await store();
    expect(await outbox.acquireSender('server', 0, 60_000)).toEqual({ acquired: true });
    expect(await outbox.acquireSender('phc', 1000, 60_000)).toEqual({ acquired: false, holder: 'server', until: 60_000 });
    expect(await outbox.acquireSender('phc', 60_001, 60_000)).toEqual({ acquired: true });
    await outbox.releaseSender('phc');
    expect(await outbox.acquireSender('server', 60_002, 60_000)).toEqual({ acquired: true });
  });
});
