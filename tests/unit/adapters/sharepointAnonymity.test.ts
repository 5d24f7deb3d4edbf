import { createHash } from 'node:crypto';
import type { SharePointRuntime } from '../../../src/adapters/sharepoint';
import { QuestionNumbers, unpackAnswers } from '../../../src/adapters/sqlite/storedAnswers';
import { asCycleId, asIsoDate, asParticipationKey } from '../../../src/domain/shared/brand';
import type { SharePointStandIn } from '../../support/sharepointStandIn';
import { draftCycle2025, openOn, provisionedStandIn } from '../../contract/sharepointHarness';

/**
 * Anonymity where SharePoint is the system of record: the outbox in SQLite and what lands in
 * the lists must not let anyone line up a response with the person who sent it.
 */
const cycleId = draftCycle2025.id;
const PEOPLE = 60;
const keyOf = (n: number) => asParticipationKey(createHash('sha256').update(`person-${n}`).digest('hex'));

/** Steps where the next value is the previous one plus 1: arrival order shows as many of them. */
const ascendingSteps = (order: readonly number[]) => order.slice(1).filter((v, i) => v === (order[i] as number) + 1).length;

describe('SharePoint anonymity', () => {
  let sp: SharePointStandIn;
  let app: SharePointRuntime;
  let pendingOrder: number[];
  let pendingColumns: string[];
  let pendingRows: Record<string, unknown>[];

  beforeAll(async () => {
    const world = await provisionedStandIn();
    sp = world.sp;
    app = await openOn(sp, world.client);
    await app.stores.cycles.create(draftCycle2025, Buffer.alloc(32, 3));
    await app.stores.cycles.setStatus(cycleId, 'open');
    await app.writer.drain();
    for (let i = 0; i < PEOPLE; i++) {
      await app.stores.participation.submit(cycleId, keyOf(i), { surveyVersion: 1, submittedOn: asIsoDate('2025-02-14'), answers: { seq: i } });
    }
    const db = app.operational.db;
    const numbers = new QuestionNumbers(db);
    const seqOf = new Map((db.prepare('SELECT id, answers FROM responses').all() as { id: string; answers: string }[]).map((r) => [r.id, unpackAnswers(r.answers, r.id, numbers).seq as number]));
    pendingRows = db.prepare("SELECT * FROM sharepoint_pending WHERE list = 'responses'").all() as Record<string, unknown>[];
    pendingOrder = pendingRows.map((r) => seqOf.get(r.item_key as string) as number);
    pendingColumns = (db.prepare("SELECT name FROM pragma_table_info('sharepoint_pending')").pluck().all() as string[]).sort();
    // As the server would: a flush now and then, groups leaving as they fill.
    for (let i = 0; i < 10; i++) await app.writer.flush();
    await app.writer.drain();
  });
  afterAll(async () => {
    await app.close();
    await sp.close();
  });

  it('queues a response as its key only: no answers, no time of arrival, no participation key', () => {
    expect(pendingColumns).toEqual(['attempts', 'cycle_id', 'failed', 'in_doubt', 'item_key', 'list', 'not_before', 'reason', 'released', 'version']);
    expect(pendingRows).toHaveLength(PEOPLE);
    for (const r of pendingRows) expect(r).toMatchObject({ attempts: 0, not_before: 0, reason: null });
    const keys = Array.from({ length: PEOPLE }, (_, i) => keyOf(i));
    expect(pendingRows.some((r) => keys.some((k) => JSON.stringify(r).includes(k)))).toBe(false);
  });

  it('keeps the queue in an order unrelated to arrival, with no rowid to count by', () => {
    expect([...pendingOrder].sort((a, b) => a - b)).toEqual(Array.from({ length: PEOPLE }, (_, i) => i));
    expect(ascendingSteps(pendingOrder)).toBeLessThan(PEOPLE / 5);
    for (const table of ['sharepoint_pending', 'sharepoint_items', 'sharepoint_holds']) {
      expect(() => app.operational.db.prepare(`SELECT rowid FROM ${table}`).all()).toThrow(/no such column: rowid/);
    }
  });

  it('creates the response items in an order unrelated to arrival (so Created and item ids say nothing)', () => {
    const items = [...(sp.findList('PHC Survey Responses')?.items.values() ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
    const order = items.map((i) => JSON.parse(i.fields.Answers as string).seq as number);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: PEOPLE }, (_, i) => i));
    expect(ascendingSteps(order)).toBeLessThan(PEOPLE / 5);
  });

  it('gives no way to pair a participation item with a response item by their order', () => {
    const responses = [...(sp.findList('PHC Survey Responses')?.items.values() ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
    const participation = [...(sp.findList('PHC Participation')?.items.values() ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
    const responseRank = new Map(responses.map((i, rank) => [JSON.parse(i.fields.Answers as string).seq as number, rank]));
    const keys = Array.from({ length: PEOPLE }, (_, i) => keyOf(i) as string);
    // For each participation item in SharePoint's order, where that person's response sits.
    const paired = participation.map((p) => responseRank.get(keys.indexOf(p.fields.ParticipationKey as string)) as number);
    expect(paired.filter((rank, i) => rank === i).length).toBeLessThan(PEOPLE / 5);
    expect(ascendingSteps(paired)).toBeLessThan(PEOPLE / 5);
  });

  it("puts nothing in a response item but the response's own fields", () => {
    for (const item of sp.findList('PHC Survey Responses')?.items.values() ?? []) {
      expect(Object.keys(item.fields)).toEqual(expect.arrayContaining(['PhcId', 'CycleId', 'SurveyVersion', 'SubmittedOn', 'Answers']));
      expect(Object.keys(item.fields).filter((k) => !['Title', 'PhcId', 'CycleId', 'SurveyVersion', 'SubmittedOn', 'Answers'].includes(k))).toEqual([]);
    }
  });

  it('when written as they come (a flush after every submission), lets responses leave only in shuffled groups of 10', async () => {
    const pulse = asCycleId('pulse-2025-03');
    await app.stores.cycles.create(
      {
        id: pulse,
        surveyId: 'health-check',
        surveyVersion: 1,
        title: 'Pulse',
        kind: 'live',
        status: 'draft',
        opensOn: asIsoDate('2025-03-03'),
        closesOn: asIsoDate('2025-03-31'),
        threshold: 5,
        textThreshold: 10,
      },
      Buffer.alloc(32, 4),
    );
    await app.stores.cycles.setStatus(pulse, 'open');
    const written: number[] = [];
    for (let i = 0; i < 40; i++) {
      await app.stores.participation.submit(pulse, keyOf(1000 + i), { surveyVersion: 1, submittedOn: asIsoDate('2025-03-04'), answers: { seq: i } });
      await app.writer.flush();
      written.push(sp.itemsPerList()['PHC Survey Responses'] ?? 0);
    }
    // Nothing leaves until ten have gathered, then all ten together.
    expect(new Set(written.map((n) => n - PEOPLE))).toEqual(new Set([0, 10, 20, 30, 40]));
    const items = [...(sp.findList('PHC Survey Responses')?.items.values() ?? [])].filter((i) => i.fields.CycleId === pulse).sort((a, b) => Number(a.id) - Number(b.id));
    const order = items.map((i) => JSON.parse(i.fields.Answers as string).seq as number);
    for (let block = 0; block < 4; block++) {
      const inBlock = order.slice(block * 10, block * 10 + 10);
      expect([...inBlock].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => block * 10 + i));
    }
    expect(ascendingSteps(order)).toBeLessThan(40 / 3);
  });
});
