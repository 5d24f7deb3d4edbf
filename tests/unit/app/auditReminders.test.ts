import { sqliteAuditReminderStore } from '../../../src/adapters/sqlite/auditReminderStore';
import { openDatabase } from '../../../src/adapters/sqlite/database';
import { runAuditRemindersOnce } from '../../../src/app/auditReminders';
import type { AuditTask, AuditTaskId } from '../../../src/domain/audit/plan/task';
import { auditRemindersDue, checkSnooze, digestKey } from '../../../src/domain/audit/reminders';
import { asUserId, type IsoDate } from '../../../src/domain/shared/brand';
import type { Messenger, OutgoingMessage, SendOutcome } from '../../../src/ports/messenger';
import { SUPERVISION_ORG, supervisionDirectory } from '../../fixtures/supervisionOrg';
import { TestClock } from '../../fixtures/testClock';

const d = (s: string): IsoDate => s as IsoDate;

function task(id: string, auditor: string, due: string, status: AuditTask['status'] = 'planned'): AuditTask {
  return {
    id: id as AuditTaskId,
    year: 2026,
    activity: 'practice-standards-audit',
    subject: { kind: 'person', personId: asUserId('chloe') },
    occurrence: 1,
    auditorId: asUserId(auditor),
    form: 'appendix-2',
    window: { start: d('2026-10-01'), end: d('2027-03-31') },
    due: d(due),
    status,
  };
}

// Amara (line manager Maya) audits; 2027-01-20 is a Wednesday.
const t1 = task('t1', 'amara', '2027-01-20');
const due = (today: string, tasks: readonly AuditTask[] = [t1], snoozes?: ReadonlyMap<string, IsoDate>) =>
  auditRemindersDue({ tasks, organisation: SUPERVISION_ORG, today: d(today), ...(snoozes ? { snoozes } : {}) });
const stageFor = (today: string, tasks?: readonly AuditTask[]) => due(today, tasks).map((g) => [g.personId, g.items.map((i) => i.stage)]);

describe('audit reminder rules', () => {
  it('reminds the auditor 14 days before, on the day and 7 days after; escalates to the line manager at 14', () => {
    expect(stageFor('2027-01-06')).toEqual([['amara', ['before-due']]]);
    expect(stageFor('2027-01-20')).toEqual([['amara', ['due']]]);
    expect(stageFor('2027-01-27')).toEqual([['amara', ['overdue']]]);
    expect(stageFor('2027-02-03')).toEqual([['maya', ['escalation']]]);
    for (const quiet of ['2027-01-05', '2027-01-07', '2027-01-21', '2027-02-04']) expect(due(quiet)).toEqual([]);
  });

  it('sends one digest per person per day, keyed audit-digest:<person>:<date>', () => {
    const tasks = [t1, task('t2', 'amara', '2027-01-20'), task('t3', 'ben', '2027-01-20'), task('t4', 'amara', '2027-01-13')];
    const digests = due('2027-01-20', tasks);
    expect(digests.map((g) => [g.key, g.items.map((i) => `${i.taskId}:${i.stage}`)])).toEqual([
      [digestKey('amara', '2027-01-20'), ['t4:overdue', 't1:due', 't2:due']],
      ['audit-digest:ben:2027-01-20', ['t3:due']],
    ]);
  });

  it('sends nothing for completed or cancelled tasks', () => {
    expect(due('2027-01-20', [task('c', 'amara', '2027-01-20', 'completed'), task('x', 'amara', '2027-01-20', 'cancelled')])).toEqual([]);
    expect(stageFor('2027-01-20', [task('p', 'amara', '2027-01-20', 'in-progress')])).toEqual([['amara', ['due']]]);
  });

  it('moves a stage that falls on a weekend to the Monday and sends nothing at weekends', () => {
    const saturday = task('s', 'amara', '2027-01-16');
    expect(due('2027-01-16', [saturday])).toEqual([]);
    expect(stageFor('2027-01-18', [saturday])).toEqual([['amara', ['due']]]);
    expect(stageFor('2027-01-04', [saturday])).toEqual([['amara', ['before-due']]]);
  });

  it('a snooze suppresses the task until it ends, then lists it once more', () => {
    const snoozes = new Map([['t1', d('2027-01-22')]]);
    expect(due('2027-01-20', [t1], snoozes)).toEqual([]);
    expect(due('2027-01-22', [t1], snoozes).map((g) => g.items.map((i) => i.stage))).toEqual([['snooze-ended']]);
    expect(due('2027-01-27', [t1], snoozes).map((g) => g.items.map((i) => i.stage))).toEqual([['overdue']]);
  });

  it('allows one snooze of at most 7 days', () => {
    expect(checkSnooze({ today: d('2027-01-20'), until: d('2027-01-27'), alreadySnoozed: false })).toBeUndefined();
    expect(checkSnooze({ today: d('2027-01-20'), until: d('2027-01-28'), alreadySnoozed: false })).toMatch(/at most 7 days/);
    expect(checkSnooze({ today: d('2027-01-20'), until: d('2027-01-22'), alreadySnoozed: true })).toMatch(/already/);
  });
});

class RecordingMessenger implements Messenger {
  readonly sent: { message: OutgoingMessage; to: unknown }[] = [];
  constructor(private readonly outcome: SendOutcome = { kind: 'sent' }) {}
  send(message: OutgoingMessage, reference: Readonly<Record<string, unknown>>): Promise<SendOutcome> {
    this.sent.push({ message, to: reference.user });
    return Promise.resolve(this.outcome);
  }
}

function world(outcome?: SendOutcome, at = '2027-01-20T10:00:00Z') {
  const store = sqliteAuditReminderStore(openDatabase(':memory:'));
  const messenger = new RecordingMessenger(outcome);
  const conversations = { get: (id: string) => Promise.resolve({ user: id, serviceUrl: 'http://x', conversation: { id: `c-${id}` } }) };
  const clock = new TestClock(new Date(at));
  const deps = { tasks: [t1, task('t2', 'amara', '2027-01-20')], directory: supervisionDirectory(), store, messenger, conversations, clock };
  return { store, messenger, deps };
}

describe('runAuditRemindersOnce', () => {
  it('sends one digest per person, and nothing more when run again the same day', async () => {
    const { store, messenger, deps } = world();
    expect(await runAuditRemindersOnce(deps)).toMatchObject({ sent: 1, skipped: 0, failed: 0 });
    expect(await runAuditRemindersOnce(deps)).toMatchObject({ sent: 0, skipped: 1, failed: 0 });
    expect(messenger.sent).toHaveLength(1);
    const message = messenger.sent[0]?.message;
    expect(message?.kind === 'audit-digest' && message.digest.items.map((i) => [i.subject, i.stage])).toEqual([
      ['Chloe Clarke', 'due'],
      ['Chloe Clarke', 'due'],
    ]);
    expect(await store.get('audit-digest:amara:2027-01-20')).toMatchObject({ status: 'sent', reason: null });
  });

  it('records a messenger failure as failed with its reason, and does not resend it', async () => {
    const { store, messenger, deps } = world({ kind: 'permanent', reason: 'the person has blocked the app (403)' });
    expect(await runAuditRemindersOnce(deps)).toMatchObject({ sent: 0, failed: 1 });
    expect(await store.get('audit-digest:amara:2027-01-20')).toMatchObject({ status: 'failed', reason: 'the person has blocked the app (403)' });
    await runAuditRemindersOnce(deps);
    expect(messenger.sent).toHaveLength(1);
  });

  it('never resends a digest left in doubt by a sender that died', async () => {
    const { store, messenger, deps } = world();
    await store.queue('audit-digest:amara:2027-01-20', 'amara', d('2027-01-20'));
    expect(await store.claim('audit-digest:amara:2027-01-20')).toBe(true);
    expect(await runAuditRemindersOnce(deps)).toMatchObject({ sent: 0, skipped: 1, settledInDoubt: 1 });
    expect(messenger.sent).toHaveLength(0);
    expect(await store.get('audit-digest:amara:2027-01-20')).toMatchObject({ status: 'unconfirmed' });
  });

  it('sends nothing outside working hours (evening, weekend)', async () => {
    for (const at of ['2027-01-20T19:00:00Z', '2027-01-23T10:00:00Z']) {
      const { messenger, deps } = world(undefined, at);
      expect(await runAuditRemindersOnce(deps)).toMatchObject({ sent: 0, outsideWorkingHours: true });
      expect(messenger.sent).toHaveLength(0);
    }
  });
});
