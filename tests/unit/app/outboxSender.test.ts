import { startSender } from '../../../src/app/senderLoop';
import { outboxWorld, user } from '../../support/outboxWorld';

const MIN = 60_000;

describe('the proactive sender: invitations', () => {
  it('invites every member of the audience exactly once, evenly paced, and queueing again changes nothing', async () => {
    const w = await outboxWorld({ people: 60 });
    expect(w.queued).toMatchObject({ audience: 60, invitations: 60, reminders: 180 });
    const started = w.clock.now().getTime();
    const run = await w.run();
    expect(run.invitationsSent).toBe(60);
    expect(w.messenger.deliveries).toHaveLength(60);
    expect(new Set(w.messenger.deliveries.map((d) => d.userId)).size).toBe(60);
    expect(w.messenger.to('manager')).toEqual([]); // service managers are not asked
    // 48.5 a second: the 60th no sooner than 59/48.5 s after the first.
    expect((w.messenger.deliveries[59]?.at ?? 0) - started).toBeGreaterThanOrEqual(Math.floor((59 * 1000) / 48.5));
    expect(await w.planner.queue(w.cycle)).toMatchObject({ invitations: 0, reminders: 0 });
    expect((await w.run()).invitationsSent).toBe(0);
    expect(w.messenger.deliveries).toHaveLength(60);
    expect(w.log.join('\n')).not.toMatch(/p000/);
  });

  it('honours Retry-After on a 429, pausing every send, and retries that message after it', async () => {
    const w = await outboxWorld({
      people: 10,
      script: (id, n) => (id === user(3) && n === 1 ? { kind: 'throttled', retryAfterMs: 5000, reason: 'Teams asked us to slow down (429, retry after 5 s)' } : undefined),
    });
    await w.run();
    const first429 = w.messenger.deliveries[1]?.at ?? 0; // p00003 came third; the 429 left after p00002
    const third = w.messenger.to(user(3));
    expect(third).toHaveLength(1);
    expect(third[0]?.at).toBeGreaterThanOrEqual(first429 + 5000);
    // Nothing at all went out during the pause.
    const during = w.messenger.deliveries.filter((d) => d.at > first429 && d.at < first429 + 5000);
    expect(during).toEqual([]);
    expect(w.row(user(3), 'invitation')).toMatchObject({ status: 'sent', attempts: 2 });
    const [invitations] = await w.operational.outbox.progress(w.cycle.id);
    expect(invitations).toMatchObject({ kind: 'invitation', retried: 1 });
    expect(invitations?.counts.sent).toBe(10);
  });

  it('backs off on 503 with growing, jittered delays, then gives up as failed with the reason', async () => {
    const w = await outboxWorld({ people: 3, script: (id) => (id === user(2) ? { kind: 'retry', reason: 'Teams was briefly unable to take it (503)' } : undefined) });
    const times: number[] = [];
    const send = w.messenger.send.bind(w.messenger);
    w.messenger.send = async (m, r, o) => {
      if ((r.user as { aadObjectId: string }).aadObjectId === user(2)) times.push(w.clock.now().getTime());
      return send(m, r, o);
    };
    // runOnce stops when the next retry is far off; the server's loop would come back.
    for (let i = 0; i < 12 && w.row(user(2), 'invitation').status === 'queued'; i++) {
      await w.run();
      w.clock.set(new Date(Math.max(w.clock.now().getTime(), w.row(user(2), 'invitation').next_attempt_at)).toISOString());
    }
    const row = w.row(user(2), 'invitation');
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(8);
    expect(row.reason).toBe('Teams was briefly unable to take it (503); gave up after 8 attempts');
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps).toHaveLength(7);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i] ?? 0).toBeGreaterThan((gaps[i - 1] ?? 0) * 0.9);
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(w.messenger.to(user(1))).toHaveLength(1);
  });

  it('treats 403 and 404 as permanent: failed at once, in plain words', async () => {
    const w = await outboxWorld({
      people: 4,
      script: (id) =>
        id === user(1)
          ? { kind: 'permanent', reason: 'the person has blocked the app (403)' }
          : id === user(2)
            ? { kind: 'permanent', reason: 'the conversation no longer exists: the app was probably uninstalled (404)' }
            : undefined,
    });
    const run = await w.run();
    expect(run).toMatchObject({ invitationsSent: 2, invitationsFailed: 2 });
    expect(w.row(user(1), 'invitation')).toMatchObject({ status: 'failed', attempts: 1, reason: 'the person has blocked the app (403)' });
    const [invitations] = await w.operational.outbox.progress(w.cycle.id);
    expect(invitations?.reasons).toEqual(
      expect.arrayContaining([
        { status: 'failed', reason: 'the person has blocked the app (403)', count: 1 },
        { status: 'failed', reason: 'the conversation no longer exists: the app was probably uninstalled (404)', count: 1 },
      ]),
    );
  });

  it('never sends a message in doubt again', async () => {
    const w = await outboxWorld({ people: 3, script: (id) => (id === user(2) ? { kind: 'in-doubt', reason: 'no answer from Teams within 30 s' } : undefined) });
    await w.run();
    await w.run();
    expect(w.messenger.attempts.get(user(2))).toBe(1);
    expect(w.row(user(2), 'invitation')).toMatchObject({ status: 'unconfirmed' });
    expect(w.row(user(2), 'invitation').reason).toMatch(/^in doubt: no answer from Teams within 30 s; not resent/);
    // The first reminder covers them.
    w.clock.set('2027-01-14T10:00:00Z');
    await w.run();
    expect(w.messenger.to(user(2), 'reminder')).toHaveLength(1);
  });

  it('after a crash, a message left "sending" is in doubt: the sender that takes over marks it unconfirmed at once, and does not resend it', async () => {
    const w = await outboxWorld({ people: 5 });
    // A sender takes the lease, claims two messages, commits "sending" for one, and dies before the answer comes back.
    const now = w.clock.now().getTime();
    expect(await w.operational.outbox.acquireSender('dead-sender', now, 6_000)).toEqual({ acquired: true });
    const claimed = await w.operational.outbox.claimNext(now, 'dead-sender', 60_000);
    expect(claimed?.userId).toBe(user(1));
    expect(await w.operational.outbox.markSending(claimed!.key, 'dead-sender', now + 60_000)).toBe(true);
    expect((await w.operational.outbox.claimNext(now, 'dead-sender', 60_000))?.userId).toBe(user(2));
    // Restarted: the new sender waits out the dead one's short lease, not its 60 s claims.
    const busy = await w.run();
    expect(busy.busy).toMatchObject({ holder: 'dead-sender', until: now + 6_000 });
    w.clock.advance(6_001);
    const run = await w.run();
    expect(run.settledInDoubt).toBe(1);
    expect(w.row(user(1), 'invitation')).toMatchObject({ status: 'unconfirmed' });
    expect(w.messenger.deliveries.map((d) => d.userId)).toEqual([user(2), user(3), user(4), user(5)]);
    expect(w.messenger.to(user(1))).toEqual([]);
  });

  it('fences off a sender that has lost its lease: stalled, it can neither claim nor mark a message as being sent when it carries on', async () => {
    const w = await outboxWorld({ people: 3 });
    const { outbox } = w.operational;
    const now = w.clock.now().getTime();
    await outbox.acquireSender('stalled', now, 6_000);
    const claimed = await outbox.claimNext(now, 'stalled', 60_000);
    // It stalls past its lease (a long pause) and another sender takes over.
    w.clock.advance(10_000);
    expect(await outbox.acquireSender('the-new-one', w.clock.now().getTime(), 6_000)).toEqual({ acquired: true });
    // The stalled sender wakes up: its claim is gone, and with everything due it can claim nothing.
    expect(await outbox.markSending(claimed!.key, 'stalled', w.clock.now().getTime() + 60_000)).toBe(false);
    expect(await outbox.claimNext(w.clock.now().getTime(), 'stalled', 60_000)).toBeUndefined();
    expect(w.row(user(1), 'invitation')).toMatchObject({ status: 'queued', lease_owner: null });
    // Whoever holds the lease sends each invitation once.
    await outbox.releaseSender('the-new-one');
    await w.run();
    expect(w.messenger.deliveries.map((d) => d.userId)).toEqual([user(1), user(2), user(3)]);
  });

  it('keeps invitations for working hours: nothing on a Friday evening, all on Monday at 08:00', async () => {
    const w = await outboxWorld({ people: 5, now: '2027-01-15T19:00:00Z', closesOn: '2027-02-05' });
    const run = await w.run();
    expect(w.messenger.deliveries).toEqual([]);
    expect(run.deferred).toBe(5);
    expect(new Date(w.row(user(1), 'invitation').next_attempt_at).toISOString()).toBe('2027-01-18T08:00:00.000Z');
    expect(w.row(user(1), 'invitation').reason).toBe('waiting for working hours (weekdays 08:00–18:00 UK time)');
    w.clock.set('2027-01-18T08:00:00Z');
    await w.run();
    expect(w.messenger.deliveries).toHaveLength(5);
    expect(w.messenger.deliveries.every((d) => d.at >= Date.parse('2027-01-18T08:00:00Z'))).toBe(true);
    // Day 3 is that Monday too: the invitation says all a reminder would, so no reminder on top.
    expect(w.messenger.deliveries.every((d) => d.kind === 'invitation')).toBe(true);
    expect(w.row(user(1), 'reminder-1').status).toBe('done');
  });

  it('waits for a conversation when the app cannot be installed, and sends when one appears', async () => {
    const w = await outboxWorld({ people: 3, unreachable: [user(2)] });
    const run = await w.run();
    expect(run.waitingForConversation).toBe(1);
    expect(w.row(user(2), 'invitation')).toMatchObject({ status: 'no-conversation', reason: 'cannot install the app outside Teams: waiting for the person to open the bot' });
    // They open the bot; the handler stores their conversation reference.
    await w.operational.conversations.put(user(2), { channelId: 'msteams', serviceUrl: 'https://smba.example/uk/', conversation: { id: 'a:new' }, user: { id: '29:x', aadObjectId: user(2) } });
    w.clock.advance(MIN);
    await w.run();
    expect(w.messenger.to(user(2), 'invitation')).toHaveLength(1);
    expect(w.row(user(2), 'invitation').status).toBe('sent');
  });

  it('asks the installer for people the bot cannot reach, and tries again later', async () => {
    const asked: string[] = [];
    const w = await outboxWorld({
      people: 2,
      unreachable: [user(1)],
      installer: { install: async (id) => (asked.push(id), { kind: 'requested' }) },
    });
    await w.run();
    expect(asked).toEqual([user(1)]);
    expect(w.row(user(1), 'invitation').reason).toBe('the app is being installed for them; waiting for Teams to confirm');
    w.clock.advance(6 * 60 * MIN);
    await w.run();
    expect(asked).toEqual([user(1), user(1)]);
  });

  it('runs as a loop in the server: sends what falls due, and stops cleanly, releasing the sender lease', async () => {
    const w = await outboxWorld({ people: 5, unreachable: [user(5)] });
    const waits: number[] = [];
    const running = startSender({
      ...w.deps,
      sleep: async (ms) => {
        waits.push(ms);
        w.clock.advance(ms);
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    for (let i = 0; i < 100 && w.messenger.deliveries.length < 4; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(w.messenger.deliveries).toHaveLength(4);
    // Person 5 opens the bot: the handler stores the reference and wakes the sender.
    await w.operational.conversations.put(user(5), { conversation: { id: 'a:5' }, user: { aadObjectId: user(5) } });
    running.wake();
    for (let i = 0; i < 100 && w.messenger.deliveries.length < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(w.messenger.to(user(5), 'invitation')).toHaveLength(1);
    await running.stop();
    expect(Math.max(...waits)).toBeLessThanOrEqual(30_000);
    expect(await w.operational.outbox.acquireSender('phc', w.clock.now().getTime(), 60_000)).toEqual({ acquired: true });
  });

  it('lets only one sender send at a time', async () => {
    const w = await outboxWorld({ people: 2 });
    await w.operational.outbox.acquireSender('the-server', w.clock.now().getTime(), 60_000);
    const run = await w.run();
    expect(run.busy).toMatchObject({ holder: 'the-server' });
    expect(w.messenger.deliveries).toEqual([]);
  });
});

describe('the proactive sender: reminders', () => {
  const day3 = '2027-01-14T10:00:00Z';

  it('go to everyone who has not submitted, on day 3, saying how many days are left', async () => {
    const w = await outboxWorld({ people: 6 });
    await w.run();
    await w.submit(user(2));
    await w.submit(user(5));
    w.clock.set(day3);
    const run = await w.run();
    expect(run.remindersDone).toBe(6);
    expect(w.messenger.deliveries.filter((d) => d.kind === 'reminder').map((d) => d.userId)).toEqual([user(1), user(3), user(4), user(6)]);
    expect(w.messenger.to(user(1), 'reminder')[0]?.daysLeft).toBe(15);
  });

  it('look the same in the outbox whether or not the person had submitted (no one learns who answered)', async () => {
    const tables = [];
    const logs = [];
    for (const submitted of [false, true]) {
      const w = await outboxWorld({ people: 6 });
      await w.run();
      if (submitted) await w.submit(user(3));
      for (const at of ['2027-01-14T10:00:00Z', '2027-01-18T10:00:00Z', '2027-01-27T10:00:00Z']) {
        w.clock.set(at);
        await w.run();
      }
      expect(w.messenger.to(user(3), 'reminder')).toHaveLength(submitted ? 0 : 3);
      tables.push(w.table());
      logs.push(w.log);
      const progress = await w.operational.outbox.progress(w.cycle.id);
      expect(progress.filter((p) => p.kind !== 'invitation').map((p) => p.counts.done)).toEqual([6, 6, 6]);
    }
    expect(tables[1]).toEqual(tables[0]);
    expect(logs[1]).toEqual(logs[0]);
  });

  it('finish a reminder "done" with nothing else to tell, whatever happened to it', async () => {
    const w = await outboxWorld({
      people: 3,
      script: (id, n) =>
        id === user(1) && n === 2
          ? { kind: 'permanent', reason: 'the person has blocked the app (403)' }
          : id === user(2) && n === 2
            ? { kind: 'retry', reason: 'Teams was briefly unable to take it (503)' }
            : undefined,
    });
    await w.run();
    await w.submit(user(3));
    w.clock.set(day3);
    await w.run({ idleHorizonMs: 0 });
    // p00002 is waiting for a retry: no reason is kept on a reminder.
    expect(w.row(user(2), 'reminder-1')).toMatchObject({ status: 'queued', reason: null });
    w.clock.advance(MIN);
    await w.run();
    const rows = [1, 2, 3].map((n) => w.row(user(n), 'reminder-1'));
    for (const row of rows) expect(row).toMatchObject({ status: 'done', attempts: 0, reason: null, lease_owner: null, lease_until: null, next_attempt_at: rows[0]?.next_attempt_at });
  });

  it('wait for working hours: day 5 falls on a Saturday, so it goes on Monday', async () => {
    const w = await outboxWorld({ people: 2 });
    await w.run();
    w.clock.set('2027-01-14T10:00:00Z');
    await w.run();
    w.clock.set('2027-01-16T10:00:00Z'); // Saturday: reminder 2 is due and held
    await w.run();
    expect(w.messenger.deliveries.filter((d) => d.kind === 'reminder')).toHaveLength(2);
    w.clock.set('2027-01-18T08:00:00Z');
    await w.run();
    expect(w.messenger.deliveries.filter((d) => d.kind === 'reminder')).toHaveLength(4);
    expect(w.messenger.deliveries.slice(-2).every((d) => d.at >= Date.parse('2027-01-18T08:00:00Z'))).toBe(true);
  });

  it('send nothing after the cycle closes', async () => {
    const w = await outboxWorld({ people: 3, unreachable: [user(3)] });
    await w.run();
    await w.cycles.close(w.cycle.id);
    w.clock.set('2027-01-14T10:00:00Z');
    await w.run();
    expect(w.messenger.deliveries.filter((d) => d.kind === 'reminder')).toEqual([]);
    expect(w.row(user(1), 'reminder-1').status).toBe('done');
    expect(w.row(user(3), 'invitation')).toMatchObject({ status: 'cancelled', reason: 'the cycle closed before it could be sent' });
  });

  it('send nothing after the closing date, even if nobody has closed the cycle', async () => {
    const w = await outboxWorld({ people: 2, closesOn: '2027-01-20' });
    await w.run();
    w.clock.set('2027-01-21T10:00:00Z');
    await w.run();
    expect(w.messenger.deliveries.filter((d) => d.kind === 'reminder')).toEqual([]);
  });

  it('follow a cadence set for the cycle', async () => {
    const w = await outboxWorld({ people: 2, plan: { cadence: { afterOpening: [1], beforeClosing: [] }, workingHours: null } });
    expect(w.queued.reminderDays).toEqual([{ kind: 'reminder-1', on: '2027-01-12' }]);
    expect(new Date(w.row(user(1), 'reminder-1').next_attempt_at).toISOString()).toBe('2027-01-12T09:00:00.000Z');
  });
});
