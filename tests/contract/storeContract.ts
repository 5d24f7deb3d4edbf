import { createHash, randomBytes } from 'node:crypto';
import { asCycleId, asIsoDate, asParticipationKey, type CycleId, type IsoDate, type ParticipationKey } from '../../src/domain/shared/brand';
import type { PublishedCycle } from '../../src/domain/history/types';
import type { Answers } from '../../src/domain/survey/types';
import { StoreError, type Cycle, type Page, type PageRequest, type Stores, type StoredResponse } from '../../src/ports/stores';

/**
 * What every store adapter must do, SQLite now and SharePoint later. Each test gets fresh,
 * empty stores from `makeStores` and closes them afterwards.
 *
 * Interpretations the ports leave open, fixed here so adapters agree:
 * - `counts().started` counts people who have started and not (yet) submitted.
 * - A response date with a time of day in it is refused as `invalid` (it would help
 *   re-identify people), by `submit` and by `importMany`.
 * - Writing for a cycle that does not exist is `not-found`.
 */
export function storeContractSuite(name: string, makeStores: () => Promise<Stores> | Stores): void {
  describe(`${name} store contract`, () => {
    let stores: Stores;

    beforeEach(async () => {
      stores = await makeStores();
    });
    afterEach(async () => {
      await stores.close();
    });

    describe('cycles', () => {
      it('creates a cycle and reads it back; an unknown id is undefined', async () => {
        const c = cycle('2025-26');
        await stores.cycles.create(c, secret());
        expect(await stores.cycles.get(c.id)).toEqual(c);
        expect(await stores.cycles.get(asCycleId('no-such-cycle'))).toBeUndefined();
      });

      it('refuses a second cycle with the same id and keeps the first', async () => {
        const c = cycle('2025-26');
        await stores.cycles.create(c, secret());
        await expectStoreError(stores.cycles.create({ ...c, title: 'Impostor' }, secret()), 'already-exists');
        expect((await stores.cycles.get(c.id))?.title).toBe(c.title);
      });

      it('keeps the participation secret; an unknown cycle has none', async () => {
        const s = secret();
        await stores.cycles.create(cycle('2025-26'), s);
        const read = await stores.cycles.participationSecret(asCycleId('2025-26'));
        expect(Buffer.isBuffer(read)).toBe(true);
        expect(read.equals(s)).toBe(true);
        await expectStoreError(stores.cycles.participationSecret(asCycleId('no-such-cycle')), 'not-found');
      });

      it('lists newest first by opening date, in pages', async () => {
        const opening: Record<string, string> = {
          'c-2019': '2019-11-01',
          'c-2024': '2024-10-14',
          'c-2017': '2017-06-01',
          'c-2026': '2026-01-05',
          'c-2022': '2022-09-01',
        };
        for (const [id, opensOn] of Object.entries(opening)) {
          await stores.cycles.create(cycle(id, { opensOn: asIsoDate(opensOn), closesOn: asIsoDate(`${opensOn.slice(0, 4)}-12-31`) }), secret());
        }
        const pages = await readPages((page) => stores.cycles.list(page), 2);
        expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
        expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual(['c-2026', 'c-2024', 'c-2022', 'c-2019', 'c-2017']);
      });

      it('lists nothing, with no continuation, when there are no cycles', async () => {
        const page = await stores.cycles.list({ limit: 10 });
        expect(page.items).toEqual([]);
        expect(page.continuation).toBeUndefined();
      });

      it('moves draft → open → closed, and draft → closed, keeping everything else', async () => {
        const c = cycle('2025-26', { threshold: 7, textThreshold: 12 });
        await stores.cycles.create(c, secret());
        expect(await stores.cycles.setStatus(c.id, 'open')).toEqual({ ...c, status: 'open' });
        expect(await stores.cycles.get(c.id)).toEqual({ ...c, status: 'open' });
        expect(await stores.cycles.setStatus(c.id, 'closed')).toEqual({ ...c, status: 'closed' });
        expect(await stores.cycles.get(c.id)).toEqual({ ...c, status: 'closed' });

        const d = cycle('pulse-2026-03');
        await stores.cycles.create(d, secret());
        expect((await stores.cycles.setStatus(d.id, 'closed')).status).toBe('closed');
      });

      it('never moves a cycle back or to where it already is', async () => {
        const open = cycle('open-one');
        await stores.cycles.create(open, secret());
        await stores.cycles.setStatus(open.id, 'open');
        await expectStoreError(stores.cycles.setStatus(open.id, 'draft'), 'conflict');
        await expectStoreError(stores.cycles.setStatus(open.id, 'open'), 'conflict');
        expect((await stores.cycles.get(open.id))?.status).toBe('open');

        const closed = cycle('closed-one');
        await stores.cycles.create(closed, secret());
        await stores.cycles.setStatus(closed.id, 'closed');
        for (const status of ['draft', 'open', 'closed'] as const) {
          await expectStoreError(stores.cycles.setStatus(closed.id, status), 'conflict');
        }
        expect((await stores.cycles.get(closed.id))?.status).toBe('closed');

        const draft = cycle('draft-one');
        await stores.cycles.create(draft, secret());
        await expectStoreError(stores.cycles.setStatus(draft.id, 'draft'), 'conflict');
      });

      it('reports an unknown cycle as not found when moving it', async () => {
        await expectStoreError(stores.cycles.setStatus(asCycleId('no-such-cycle'), 'open'), 'not-found');
      });
    });

    describe('participation', () => {
      const c = asCycleId('2025-26');
      beforeEach(async () => {
        await openCycle(stores, c);
      });

      it('resumes a draft, submits once, refuses the second submit and stores nothing twice', async () => {
        const k = key(1);
        expect(await stores.participation.status(c, k)).toBeUndefined();
        expect(await stores.participation.getDraft(c, k)).toBeUndefined();

        await stores.participation.saveDraft(c, k, draft({ role: 'sw' }, 0));
        expect(await stores.participation.status(c, k)).toBe('started');
        const second = draft({ role: 'sw', fair: 'yes', helps: ['coaching', 'learning'], confidence: 8 }, 1);
        await stores.participation.saveDraft(c, k, second);
        expect(await stores.participation.getDraft(c, k)).toEqual(second);
        expect(await stores.participation.counts(c)).toEqual({ started: 1, submitted: 0 });

        expect(await stores.participation.submit(c, k, response({ role: 'sw', fair: 'yes' }))).toBe('submitted');
        expect(await stores.participation.status(c, k)).toBe('submitted');
        expect(await stores.participation.getDraft(c, k)).toBeUndefined();
        expect(await stores.responses.count(c)).toBe(1);

        expect(await stores.participation.submit(c, k, response({ role: 'ot', fair: 'no' }))).toBe('already-submitted');
        expect(await stores.responses.count(c)).toBe(1);
        const all = await readAll((page) => stores.responses.list(c, page));
        expect(all.map((r) => r.answers)).toEqual([{ role: 'sw', fair: 'yes' }]);
        expect(await stores.participation.counts(c)).toEqual({ started: 0, submitted: 1 });
      });

      it('submits without a draft', async () => {
        expect(await stores.participation.submit(c, key(2), response({ role: 'ot' }))).toBe('submitted');
        expect(await stores.participation.status(c, key(2))).toBe('submitted');
        expect(await stores.responses.count(c)).toBe(1);
      });

      it('refuses to save a draft after submission, as a conflict', async () => {
        const k = key(3);
        await stores.participation.submit(c, k, response({ role: 'sw' }));
        await expectStoreError(stores.participation.saveDraft(c, k, draft({ role: 'ot' }, 0)), 'conflict');
        expect(await stores.participation.getDraft(c, k)).toBeUndefined();
        expect(await stores.participation.status(c, k)).toBe('submitted');
      });

      it('stores exactly one response when the same person submits twice at once', async () => {
        const k = key(4);
        await stores.participation.saveDraft(c, k, draft({ role: 'sw' }, 0));
        const outcomes = await Promise.all([stores.participation.submit(c, k, response({ role: 'sw', tab: 'first' })), stores.participation.submit(c, k, response({ role: 'sw', tab: 'second' }))]);
        expect([...outcomes].sort()).toEqual(['already-submitted', 'submitted']);
        expect(await stores.responses.count(c)).toBe(1);
        expect(await stores.participation.counts(c)).toEqual({ started: 0, submitted: 1 });
      });

      it('keeps participation separate per cycle', async () => {
        const other = asCycleId('pulse-2026-03');
        await openCycle(stores, other);
        const k = key(5);
        await stores.participation.submit(c, k, response({ role: 'sw' }));
        expect(await stores.participation.status(other, k)).toBeUndefined();
        expect(await stores.participation.submit(other, k, response({ role: 'sw' }))).toBe('submitted');
        expect(await stores.responses.count(c)).toBe(1);
        expect(await stores.responses.count(other)).toBe(1);
      });

      it('pages through the keys that have submitted, each once, and counts both states', async () => {
        const submitted = Array.from({ length: 7 }, (_, i) => key(100 + i));
        const started = Array.from({ length: 3 }, (_, i) => key(200 + i));
        for (const k of started) await stores.participation.saveDraft(c, k, draft({ role: 'sw' }, 0));
        for (const k of submitted) await stores.participation.submit(c, k, response({ role: 'sw' }));

        const pages = await readPages((page) => stores.participation.submittedKeys(c, page), 3);
        expect(pages.length).toBeGreaterThanOrEqual(3);
        const keys = pages.flatMap((p) => [...p.items]);
        expect([...keys].sort()).toEqual([...submitted].sort());
        expect(new Set(keys).size).toBe(keys.length);
        expect(await stores.participation.counts(c)).toEqual({ started: 3, submitted: 7 });
        expect(await stores.participation.counts(asCycleId('no-such-cycle'))).toEqual({ started: 0, submitted: 0 });
      });

      it('refuses a response date with a time of day, and stores nothing', async () => {
        const k = key(6);
        await stores.participation.saveDraft(c, k, draft({ role: 'sw' }, 0));
        const timed = { ...response({ role: 'sw' }), submittedOn: '2025-02-14T09:31:07Z' as IsoDate };
        await expectStoreError(stores.participation.submit(c, k, timed), 'invalid');
        expect(await stores.responses.count(c)).toBe(0);
        expect(await stores.participation.status(c, k)).toBe('started');
        expect(await stores.participation.getDraft(c, k)).toBeDefined();
      });

      it('refuses drafts and submissions for a cycle that does not exist', async () => {
        const missing = asCycleId('no-such-cycle');
        await expectStoreError(stores.participation.saveDraft(missing, key(7), draft({ role: 'sw' }, 0)), 'not-found');
        await expectStoreError(stores.participation.submit(missing, key(7), response({ role: 'sw' })), 'not-found');
        expect(await stores.responses.count(missing)).toBe(0);
        expect(await stores.participation.status(missing, key(7))).toBeUndefined();
      });
    });

    describe('responses', () => {
      const c = asCycleId('2025-26');
      beforeEach(async () => {
        await openCycle(stores, c);
      });

      it('stores a response as exactly id, cycleId, surveyVersion, submittedOn and answers', async () => {
        await stores.participation.submit(c, key(1), response({ role: 'sw', comment: 'More supervision, please' }));
        await stores.responses.importMany(c, [response({ role: 'ot' })]);
        const all = await readAll((page) => stores.responses.list(c, page));
        expect(all).toHaveLength(2);
        for (const r of all) {
          expect(Object.keys(r).sort()).toEqual(['answers', 'cycleId', 'id', 'submittedOn', 'surveyVersion']);
          expect(typeof r.id).toBe('string');
          expect(r.id.length).toBeGreaterThan(0);
          expect(r.cycleId).toBe(c);
          expect(r.surveyVersion).toBe(1);
          expect(r.submittedOn).toBe('2025-02-14');
        }
        expect(all.map((r) => r.answers.role).sort()).toEqual(['ot', 'sw']);
        expect(all.find((r) => r.answers.role === 'sw')?.answers).toEqual({ role: 'sw', comment: 'More supervision, please' });
      });

      it('lists every response exactly once across pages, in an order unrelated to arrival', async () => {
        const n = 200;
        for (let i = 0; i < n; i += 1) {
          await stores.participation.submit(c, key(i), response({ seq: i }));
        }
        expect(await stores.responses.count(c)).toBe(n);
        const pages = await readPages((page) => stores.responses.list(c, page), 37);
        expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(n / 37));
        const listed = pages.flatMap((p) => [...p.items]);
        const order = listed.map((r) => r.answers.seq as number);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(new Set(listed.map((r) => r.id)).size).toBe(n);
        const arrival = Array.from({ length: n }, (_, i) => i);
        expect(order).not.toEqual(arrival);
        expect(order).not.toEqual([...arrival].reverse());
        // Not merely a rotation or near-sorted either: arrival order should be no better than chance.
        const ascendingSteps = order.slice(1).filter((v, i) => v === (order[i] as number) + 1).length;
        expect(ascendingSteps).toBeLessThan(20);
      });

      it('keeps cycles apart', async () => {
        const other = asCycleId('pulse-2026-03');
        await openCycle(stores, other);
        await stores.responses.importMany(c, [response({ a: '1' }), response({ a: '2' })]);
        await stores.responses.importMany(other, [response({ a: '3' })]);
        expect(await stores.responses.count(c)).toBe(2);
        expect(await stores.responses.count(other)).toBe(1);
        expect((await readAll((page) => stores.responses.list(other, page))).map((r) => r.answers)).toEqual([{ a: '3' }]);
        expect((await stores.responses.list(asCycleId('no-such-cycle'), { limit: 10 })).items).toEqual([]);
      });

      it('imports many and says how many', async () => {
        const batch = Array.from({ length: 25 }, (_, i) => response({ seq: i }));
        expect(await stores.responses.importMany(c, batch)).toBe(25);
        const listed = await readAll((page) => stores.responses.list(c, page));
        expect(listed.map((r) => r.answers.seq as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
        expect(await stores.responses.importMany(c, [])).toBe(0);
        expect(await stores.responses.count(c)).toBe(25);
      });

      it('imports all or nothing: one bad response stores none', async () => {
        const batch = Array.from({ length: 5 }, (_, i) => response({ seq: i }));
        const bad = [...batch.slice(0, 3), { ...response({ seq: 99 }), submittedOn: '2025-02-14 09:31' as IsoDate }, ...batch.slice(3)];
        await expectStoreError(stores.responses.importMany(c, bad), 'invalid');
        expect(await stores.responses.count(c)).toBe(0);
        expect((await stores.responses.list(c, { limit: 10 })).items).toEqual([]);
      });

      it('imports nothing into a cycle that does not exist', async () => {
        const missing = asCycleId('no-such-cycle');
        await expectStoreError(stores.responses.importMany(missing, [response({ a: '1' }), response({ a: '2' })]), 'not-found');
        expect(await stores.responses.count(missing)).toBe(0);
        expect(await stores.responses.count(c)).toBe(0);
      });
    });

    describe('published results', () => {
      it('puts, gets and lists oldest first; putting again replaces rather than adds', async () => {
        const p2022 = published('2022-23', '2022-09-01', 70);
        const p2017 = published('2017-18', '2017-06-01', 43);
        await stores.published.put(p2022);
        await stores.published.put(p2017);
        await stores.published.put(p2022);
        expect(await stores.published.get(p2022.id)).toEqual(p2022);
        expect(await stores.published.get(asCycleId('no-such-cycle'))).toBeUndefined();
        expect((await stores.published.list()).map((p) => p.id)).toEqual(['2017-18', '2022-23']);

        const corrected = published('2022-23', '2022-09-01', 73);
        await stores.published.put(corrected);
        expect(await stores.published.get(corrected.id)).toEqual(corrected);
        expect(await stores.published.list()).toEqual([p2017, corrected]);
      });

      it('lists nothing when nothing is published', async () => {
        expect(await stores.published.list()).toEqual([]);
      });
    });
  });
}

function cycle(id: string, overrides: Partial<Cycle> = {}): Cycle {
  return {
    id: asCycleId(id),
    surveyId: 'health-check',
    surveyVersion: 1,
    title: `Health Check ${id}`,
    kind: 'live',
    status: 'draft',
    opensOn: asIsoDate('2025-01-06'),
    closesOn: asIsoDate('2025-03-31'),
    threshold: 5,
    textThreshold: 10,
    ...overrides,
  };
}

async function openCycle(stores: Stores, id: CycleId): Promise<void> {
  await stores.cycles.create(cycle(id), secret());
  await stores.cycles.setStatus(id, 'open');
}

function secret(): Buffer {
  return randomBytes(32);
}

/** A participation key as the app makes them: 64 hex characters. */
function key(n: number): ParticipationKey {
  return asParticipationKey(createHash('sha256').update(`person-${n}`).digest('hex'));
}

function draft(answers: Answers, sectionIndex: number) {
  return { answers, sectionIndex, savedOn: asIsoDate('2025-02-13') };
}

function response(answers: Answers): Omit<StoredResponse, 'id' | 'cycleId'> {
  return { surveyVersion: 1, submittedOn: asIsoDate('2025-02-14'), answers };
}

function published(id: string, opensOn: string, percent: number): PublishedCycle {
  return {
    id: asCycleId(id),
    title: `Health Check ${id}`,
    year: id.slice(0, 4),
    respondents: 120,
    opensOn,
    closesOn: `${opensOn.slice(0, 7)}-28`,
    figures: [
      { question: 'caseload-fair', option: '@headline', percent, quoted: { '2017-18': 43 }, source: 'page 4' },
      { question: 'role', option: 'social-worker', percent: 44, count: 36, source: 'page 2' },
    ],
    notComparable: [{ question: 'supervision-frequency', reason: 'asked as a yes/no question' }],
    unmapped: [{ text: 'A figure with no question', reason: 'not asked any more' }],
  };
}

/** Reads every page, checking the continuation is present exactly when more follows. */
async function readPages<T>(read: (page: PageRequest) => Promise<Page<T>>, limit: number): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  let continuation: string | undefined;
  do {
    const page = await read({ limit, ...(continuation === undefined ? {} : { continuation }) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page);
    continuation = page.continuation;
    if (pages.length > 10_000) throw new Error('paging does not end');
  } while (continuation !== undefined);
  return pages;
}

async function readAll<T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  return (await readPages(read, 50)).flatMap((p) => [...p.items]);
}

async function expectStoreError(promise: Promise<unknown>, code: StoreError['code']): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).code).toBe(code);
}
