import { createHash } from 'node:crypto';
import { openSqliteStores } from '../../../src/adapters/sqlite/sqliteStores';
import { participationKey } from '../../../src/app/participation';
import type { App } from '../../../src/app/app';
import { wire } from '../../../src/composition';
import { asCycleId, asUserId } from '../../../src/domain/shared/brand';
import type { StoredResponse } from '../../../src/ports/stores';
import { mini } from '../../fixtures/miniSurvey';
import { TestClock } from '../../fixtures/testClock';

/**
 * Attempts to tie a stored response back to the person who sent it, through the app's own
 * use cases on a real SQLite store. Each test is one way someone might try.
 */
describe('a stored response cannot be tied back to a person', () => {
  let app: App;
  const clock = new TestClock(new Date('2027-01-11T09:00:00Z'));
  const cycle = asCycleId('2026-27');
  const people = Array.from({ length: 40 }, (_, i) => asUserId(`person-${i}`));

  async function allResponses(): Promise<StoredResponse[]> {
    const out: StoredResponse[] = [];
    let continuation: string | undefined;
    do {
      const page = await app.stores.responses.list(cycle, { limit: 7, ...(continuation ? { continuation } : {}) });
      out.push(...page.items);
      continuation = page.continuation;
    } while (continuation);
    return out;
  }

  beforeAll(async () => {
    app = await wire(openSqliteStores(':memory:'), mini, clock);
    await app.cycles.open({ id: cycle, closesOn: '2027-02-28' });
    // Each person's confidence score is their position in the queue, so order would show.
    for (const [i, person] of people.entries()) {
      clock.set(`2027-01-11T09:${String(i).padStart(2, '0')}:17Z`);
      await app.survey.saveDraft(cycle, person, { role: 'sw' }, 0);
      const outcome = await app.survey.submit(cycle, person, { fair: 'yes', pcf: 'no', confidence: i % 11, comment: `n${i}` });
      expect(outcome).toEqual({ ok: true, outcome: 'submitted' });
    }
  });

  afterAll(() => app.close());

  it('holds answers, cycle, survey version and date only', async () => {
    for (const r of await allResponses()) {
      expect(Object.keys(r).sort()).toEqual(['answers', 'cycleId', 'id', 'submittedOn', 'surveyVersion']);
      expect(r.submittedOn).toBe('2027-01-11');
    }
  });

  it('contains no user id, participation key or hash of the user id anywhere', async () => {
    const secret = await app.stores.cycles.participationSecret(cycle);
    const text = JSON.stringify(await allResponses());
    for (const person of people) {
      expect(text).not.toContain(person);
      expect(text).not.toContain(participationKey(secret, person));
      expect(text).not.toContain(createHash('sha256').update(person).digest('hex'));
    }
    expect(text).not.toMatch(/T\d{2}:\d{2}/); // no time of day
  });

  it('does not come back in the order people submitted', async () => {
    const order = (await allResponses()).map((r) => r.answers.comment);
    const submitted = people.map((_, i) => `n${i}`);
    expect(order).toHaveLength(people.length);
    expect(order).not.toEqual(submitted);
    expect(order).not.toEqual([...submitted].reverse());
    // Not merely rotated either: count how many neighbours kept their order.
    const kept = order.slice(1).filter((c, i) => submitted.indexOf(c as string) === submitted.indexOf(order[i] as string) + 1).length;
    expect(kept).toBeLessThan(people.length / 3);
  });

  it('uses a different participation key for the same person in another cycle', async () => {
    const other = asCycleId('pulse-2027-02');
    await app.stores.cycles.create(
      {
        id: other,
        surveyId: 'pulse',
        surveyVersion: 1,
        title: 'Pulse',
        kind: 'live',
        status: 'draft',
        opensOn: '2027-02-01' as never,
        closesOn: '2027-02-10' as never,
        threshold: 5,
        textThreshold: 10,
      },
      Buffer.alloc(32, 7),
    );
    const a = participationKey(await app.stores.cycles.participationSecret(cycle), people[0]!);
    const b = participationKey(await app.stores.cycles.participationSecret(other), people[0]!);
    expect(a).not.toBe(b);
  });

  it('keeps no draft once the response is in, so nothing joins the key to the answers', async () => {
    const secret = await app.stores.cycles.participationSecret(cycle);
    for (const person of people) {
      expect(await app.stores.participation.status(cycle, participationKey(secret, person))).toBe('submitted');
      expect(await app.stores.participation.getDraft(cycle, participationKey(secret, person))).toBeUndefined();
    }
  });

  it('never stores a second response, from a second click or an old card', async () => {
    const before = await app.stores.responses.count(cycle);
    expect(await app.survey.submit(cycle, people[3]!, { fair: 'no' })).toEqual({ ok: true, outcome: 'already-submitted' });
    await expect(app.survey.saveDraft(cycle, people[3]!, { fair: 'no' }, 1)).rejects.toThrow(/already sent your answers/);
    expect(await app.stores.responses.count(cycle)).toBe(before);
  });

  it('does not let one person see or finish another person’s draft', async () => {
    const alice = asUserId('alice');
    const bob = asUserId('bob');
    await app.survey.saveDraft(cycle, alice, { role: 'ot', comment: 'alice private' }, 1);
    expect((await app.survey.status(cycle, bob)).draft).toBeUndefined();
    const bobSubmits = await app.survey.submit(cycle, bob, {});
    expect(bobSubmits.ok).toBe(false); // Bob's own (empty) answers, not Alice's draft
    expect((await app.survey.status(cycle, alice)).draft?.answers).toEqual({ role: 'ot', comment: 'alice private' });
  });

  it('dates a response by the UK calendar, not UTC (00:30 BST is the next day)', async () => {
    const late = asCycleId('2026-late');
    await app.cycles.close(cycle);
    await app.cycles.open({ id: late, opensOn: '2027-01-11', closesOn: '2027-08-01' });
    clock.set('2027-06-30T23:30:00Z'); // 00:30 BST on 1 July
    await app.survey.submit(late, asUserId('owl'), { role: 'sw', fair: 'yes', pcf: 'yes' });
    const page = await app.stores.responses.list(late, { limit: 10 });
    expect(page.items[0]?.submittedOn).toBe('2027-07-01');
  });
});
