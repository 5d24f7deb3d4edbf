import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sqliteAuditReminderStore } from '../../../src/adapters/sqlite/auditReminderStore';
import { openDatabase } from '../../../src/adapters/sqlite/database';
import { sqliteOutboxStore } from '../../../src/adapters/sqlite/outboxStore';
import { auditDigestCard } from '../../../src/bot/cards/auditDigest';
import { runAuditRemindersOnce, type AuditReminderDeps, type AuditReminderRun } from '../../../src/app/auditReminders';
import { nextWaitMs, startAuditReminders, DEFAULT_SCHEDULE } from '../../../src/app/auditReminderSchedule';
import type { AuditTask, AuditTaskId } from '../../../src/domain/audit/plan/task';
import { asUserId, type IsoDate } from '../../../src/domain/shared/brand';
import type { Messenger, OutgoingMessage, SendOutcome } from '../../../src/ports/messenger';
import { supervisionDirectory } from '../../fixtures/supervisionOrg';
import { TestClock } from '../../fixtures/testClock';

/**
 * Audit reminders on the server's schedule: the one-sender lease shared with
 * the outbox sender keeps two processes from both sending, and the schedule's waits follow
 * the injected clock (first pass soon, then every 15 minutes, quiet hours slept through).
 */

const MIN = 60_000;

function task(id: string, auditor: string, due: string): AuditTask {
  return {
    id: id as AuditTaskId,
    year: 2026,
    activity: 'practice-standards-audit',
    subject: { kind: 'person', personId: asUserId('chloe') },
    occurrence: 1,
    auditorId: asUserId(auditor),
    form: 'appendix-2',
    window: { start: '2026-10-01' as IsoDate, end: '2027-03-31' as IsoDate },
    due: due as IsoDate,
    status: 'planned',
  };
}

class SlowMessenger implements Messenger {
  readonly sent: { message: OutgoingMessage; to: unknown }[] = [];
  async send(message: OutgoingMessage, reference: Readonly<Record<string, unknown>>): Promise<SendOutcome> {
    // Yields like a real HTTP call, so two runs started together really overlap.
    await new Promise((resolve) => setImmediate(resolve));
    this.sent.push({ message, to: reference.user });
    return { kind: 'sent' };
  }
}

/** One database file, opened twice as two processes would (the server and `phc`). */
function world(at = '2027-01-20T10:00:00Z') {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'phc-reminders-')), 'phc.sqlite');
  const connections = [openDatabase(file), openDatabase(file)] as const;
  const clock = new TestClock(new Date(at));
  const messenger = new SlowMessenger();
  const reachable = new Set(['amara', 'ben']);
  const conversations = { get: (id: string) => Promise.resolve(reachable.has(id) ? { user: id, serviceUrl: 'http://x', conversation: { id: `c-${id}` } } : undefined) };
  const store = sqliteAuditReminderStore(connections[0]);
  const outbox = sqliteOutboxStore(connections[0]);
  const deps = (owner: string, keep = false, process: 0 | 1 = 0): AuditReminderDeps => ({
    tasks: [task('t1', 'amara', '2027-01-20'), task('t2', 'ben', '2027-01-20')],
    directory: supervisionDirectory(),
    store: sqliteAuditReminderStore(connections[process]),
    messenger,
    conversations,
    clock,
    lease: { outbox: sqliteOutboxStore(connections[process]), owner, keep },
  });
  return { clock, messenger, outbox, store, deps, reachable };
}

describe('audit reminders under the one-sender lease', () => {
  it('sends nothing while another process (the server) holds the lease, and says who holds it', async () => {
    const w = world();
    await w.outbox.acquireSender('the-server', w.clock.now().getTime(), MIN);
    const run = await runAuditRemindersOnce(w.deps('phc audits remind'));
    expect(run.busy).toEqual({ holder: 'the-server', until: w.clock.now().getTime() + MIN });
    expect(run.sent).toBe(0);
    expect(w.messenger.sent).toEqual([]);
    expect(await w.store.list()).toEqual([]);
    // The server died: once its lease has run out, the next run sends.
    w.clock.set('2027-01-20T10:01:01Z');
    expect(await runAuditRemindersOnce(w.deps('phc audits remind'))).toMatchObject({ sent: 2 });
  });

  it('two runs started at the same moment send each digest once between them', async () => {
    const w = world();
    const [a, b] = await Promise.all([runAuditRemindersOnce(w.deps('server-a', false, 0)), runAuditRemindersOnce(w.deps('server-b', false, 1))]);
    expect(w.messenger.sent.map((s) => s.to).sort()).toEqual(['amara', 'ben']);
    expect([a, b].filter((r) => r.busy !== undefined)).toHaveLength(1);
    expect(a.sent + b.sent).toBe(2);
  });

  it('the server keeps the lease it shares with its sender; a one-off run gives it back', async () => {
    const w = world();
    await w.outbox.acquireSender('server', w.clock.now().getTime(), MIN);
    expect(await runAuditRemindersOnce(w.deps('server', true))).toMatchObject({ sent: 2 });
    expect(await w.outbox.acquireSender('someone-else', w.clock.now().getTime(), MIN)).toMatchObject({ acquired: false, holder: 'server' });
    await w.outbox.releaseSender('server');
    await runAuditRemindersOnce(w.deps('phc'));
    expect(await w.outbox.acquireSender('someone-else', w.clock.now().getTime(), MIN)).toEqual({ acquired: true });
  });

  it('someone the bot cannot reach yet gets their digest on a later run the same day, once they open the bot', async () => {
    const w = world();
    w.reachable.delete('ben');
    expect(await runAuditRemindersOnce(w.deps('server'))).toMatchObject({ sent: 1, failed: 1, retryLater: 1 });
    expect(await w.store.get('audit-digest:ben:2027-01-20')).toMatchObject({ status: 'queued', reason: expect.stringMatching(/not opened the bot/) });
    w.reachable.add('ben');
    expect(await runAuditRemindersOnce(w.deps('server'))).toMatchObject({ sent: 1, skipped: 1 });
    expect(w.messenger.sent.map((s) => s.to)).toEqual(['amara', 'ben']);
  });

  it('says in the auditor’s reminder of a staff supervision audit that its sample is ready, and nowhere else', async () => {
    const w = world();
    const supervisionAudit: AuditTask = { ...task('t3', 'amara', '2027-01-20'), activity: 'supervision-audit', form: 'appendix-1' };
    const deps = { ...w.deps('server'), tasks: [task('t1', 'amara', '2027-01-20'), supervisionAudit], sampleReady: (id: string) => Promise.resolve(id === 't3') };
    expect(await runAuditRemindersOnce(deps)).toMatchObject({ sent: 1 });
    const message = w.messenger.sent[0]?.message;
    if (message?.kind !== 'audit-digest') throw new Error('No audit digest was sent');
    expect(message.digest.items.map((i) => [i.taskId, i.sampleReady ?? false])).toEqual(
      expect.arrayContaining([
        ['t1', false],
        ['t3', true],
      ]),
    );
    const shown = JSON.stringify(auditDigestCard(message.digest));
    expect(shown.match(/The sample of supervision records to audit is ready: Open shows it\./g)).toHaveLength(1);
  });
});

const pass = (over: Partial<AuditReminderRun> = {}): AuditReminderRun => ({ sent: 0, skipped: 0, failed: 0, retryLater: 0, settledInDoubt: 0, outsideWorkingHours: false, ...over });

describe('the audit reminder schedule', () => {
  it('waits 15 minutes between passes, for a busy lease to run out, and through quiet hours to 08:00 on the next working day', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(nextWaitMs(pass(), at('2027-01-20T10:00:00Z'), DEFAULT_SCHEDULE)).toBe(15 * MIN);
    expect(nextWaitMs(pass({ busy: { holder: 'x', until: at('2027-01-20T10:00:40Z') } }), at('2027-01-20T10:00:00Z'), DEFAULT_SCHEDULE)).toBe(41_000);
    // Friday 19:00 → Monday 08:00 (GMT).
    expect(nextWaitMs(pass({ outsideWorkingHours: true }), at('2027-01-22T19:00:00Z'), DEFAULT_SCHEDULE)).toBe(at('2027-01-25T08:00:00Z') - at('2027-01-22T19:00:00Z'));
    // In British Summer Time 08:00 London is 07:00Z.
    expect(nextWaitMs(pass({ outsideWorkingHours: true }), at('2027-06-15T18:30:00Z'), DEFAULT_SCHEDULE)).toBe(at('2027-06-16T07:00:00Z') - at('2027-06-15T18:30:00Z'));
  });

  it('runs a first pass soon after start, then on the injected clock every 15 minutes, at once when woken, and stops cleanly', async () => {
    const w = world('2027-01-20T09:00:00Z');
    const passes: string[] = [];
    const waits: number[] = [];
    let release: (() => void) | undefined;
    const schedule = startAuditReminders({
      clock: w.clock,
      run: async () => {
        passes.push(w.clock.now().toISOString());
        return runAuditRemindersOnce(w.deps('server', true));
      },
      // A sleep that moves the injected clock; after three passes it waits for a wake.
      sleep: (ms, signal) => {
        waits.push(ms);
        if (passes.length >= 3)
          return new Promise<void>((resolve) => {
            release = resolve;
            signal?.addEventListener('abort', () => resolve(), { once: true });
          });
        w.clock.set(new Date(w.clock.now().getTime() + ms).toISOString());
        return Promise.resolve();
      },
    });
    const settle = async (n: number) => {
      for (let i = 0; i < 200 && passes.length < n; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    await settle(3);
    expect(passes).toEqual(['2027-01-20T09:00:05.000Z', '2027-01-20T09:15:05.000Z', '2027-01-20T09:30:05.000Z']);
    expect(waits.slice(0, 3)).toEqual([5_000, 15 * MIN, 15 * MIN]);
    // Every pass found the same digests: each person got one, once.
    expect(w.messenger.sent.map((s) => s.to)).toEqual(['amara', 'ben']);
    schedule.wake();
    await settle(4);
    expect(passes).toHaveLength(4);
    void release;
    await schedule.stop();
    expect(passes).toHaveLength(4);
  });
});
