import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { memorySecrets } from '../../../src/adapters/secrets/memory';
import { parseResponse, responses as responsesList } from '../../../src/adapters/sharepoint/lists/responses';
import { sqliteCycleStore } from '../../../src/adapters/sqlite/cycleStore';
import { openDatabase, type Db } from '../../../src/adapters/sqlite/database';
import { sqliteResponseStore } from '../../../src/adapters/sqlite/responseStore';
import { QuestionNumbers, packAnswers, unpackAnswers } from '../../../src/adapters/sqlite/storedAnswers';
import { asIsoDate } from '../../../src/domain/shared/brand';
import { healthCheck } from '../../../src/domain/survey/healthCheck';
import type { Answers } from '../../../src/domain/survey/types';
import { StoreError } from '../../../src/ports/stores';
import { syntheticResponses } from '../../bench/syntheticResponses';
import { healthCheck2026 } from '../../fixtures/cycles';

const cycleId = healthCheck2026.id;

async function withCycle(db: Db): Promise<void> {
  await sqliteCycleStore(db, memorySecrets()).create(healthCheck2026, randomBytes(32));
}

const plain = (answers: Answers): Record<string, unknown> => JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;

describe('answers as the responses table keeps them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-answers-'));
  let file: string;
  let db: Db;
  beforeEach(() => {
    file = path.join(dir, `${randomBytes(4).toString('hex')}.sqlite`);
    db = openDatabase(file);
  });
  afterEach(() => db.close());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads back every kind of answer exactly as written, with no question id in the row', () => {
    const numbers = new QuestionNumbers(db);
    // Parsed, so "__proto__" is an ordinary key, as it would be coming from a card.
    const answers = JSON.parse(
      '{"role":"social-worker","ict-access":["laptop-tablet","ms-teams"],"cultural-confidence":6,"comment":"Thé \\"team\\" [is] {kind}","__proto__":"odd id","empty":[]}',
    ) as Answers;
    const stored = packAnswers(answers, numbers);
    expect(stored).not.toMatch(/role|ict-access|cultural-confidence|__proto__/);
    const back = unpackAnswers(stored, 'a response', numbers);
    expect(JSON.stringify(back)).toBe(JSON.stringify(answers));
    expect(Object.keys(back)).toEqual(['role', 'ict-access', 'cultural-confidence', 'comment', '__proto__', 'empty']);
    expect(back['__proto__']).toBe('odd id');
    expect(unpackAnswers(packAnswers({}, numbers), 'a response', numbers)).toEqual({});
  });

  it('keeps a Health Check response in half the bytes of the answers as an object', () => {
    const numbers = new QuestionNumbers(db);
    const sample = syntheticResponses(healthCheck, 200);
    const packed = sample.reduce((n, a) => n + packAnswers(a, numbers).length, 0);
    const asObject = sample.reduce((n, a) => n + JSON.stringify(a).length, 0);
    expect(packed / asObject).toBeLessThan(0.6);
    for (const a of sample) expect(plain(unpackAnswers(packAnswers(a, numbers), 'a response', numbers))).toEqual(a);
  });

  it('numbers questions in no order a reader could trace back to the first people to answer', () => {
    // What the first response answered, in its order: its optional questions and follow-ups say
    // something about that person's answers, so numbers must not keep that order or that set.
    const numbers = new QuestionNumbers(db);
    const first = syntheticResponses(healthCheck, 1, 7)[0]!;
    packAnswers(first, numbers);
    const firstOrder = Object.keys(first);
    const byNumber = db.prepare('SELECT question FROM question_numbers ORDER BY number').pluck().all() as string[];
    expect([...byNumber].sort()).toEqual([...firstOrder].sort());
    const rank = new Map(byNumber.map((q, i) => [q, i]));
    const steps = firstOrder.slice(1).filter((q, i) => rank.get(q)! > rank.get(firstOrder[i]!)!).length;
    // Counted up, every step would go up (firstOrder.length - 1); at random about half do.
    expect(steps).toBeGreaterThan(firstOrder.length * 0.25);
    expect(steps).toBeLessThan(firstOrder.length * 0.75);
    // Questions answered later by somebody else are not told apart by larger numbers.
    const highest = Math.max(...byNumber.map((q) => numbers.number(q)));
    const later = Array.from({ length: 20 }, (_, i) => numbers.number(`answered-later-${i}`));
    expect(later.some((n) => n < highest)).toBe(true);
  });

  it('still reads rows written with the answers as an object', () => {
    const numbers = new QuestionNumbers(db);
    expect(unpackAnswers('{"role":"social-worker","ict-access":["sharepoint"],"cultural-confidence":3}', 'a response', numbers)).toEqual({
      role: 'social-worker',
      'ict-access': ['sharepoint'],
      'cultural-confidence': 3,
    });
  });

  it('refuses answers it could not read back, before anything is written', () => {
    const numbers = new QuestionNumbers(db);
    for (const bad of [null, [], 'text', { role: { nested: true } }, { n: Number.NaN }, { list: ['a', 2] }, { '': 'no question' }]) {
      expect(() => packAnswers(bad, numbers)).toThrow(StoreError);
    }
  });

  it('reports a damaged row by where it is, never by what it holds', () => {
    const numbers = new QuestionNumbers(db);
    const known = numbers.number('role');
    const damaged = ['[', `[${known}]`, `[${known},"a",${known},"b"]`, `[${known},{"x":1}]`, '[999,"secret-text"]', '["role","secret-text"]', `[${known},[1]]`];
    for (const stored of damaged) {
      let error: unknown;
      try {
        unpackAnswers(stored, 'response 0a1b', numbers);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toBe('The stored answers of response 0a1b cannot be read.');
    }
  });

  it('gives each question one number across connections, and reads numbers another connection gave', () => {
    const other = openDatabase(file);
    try {
      const [mine, theirs] = [new QuestionNumbers(db), new QuestionNumbers(other)];
      const role = mine.number('role');
      expect(theirs.number('role')).toBe(role);
      const team = theirs.number('team');
      expect(team).not.toBe(role);
      // Given by the other connection after this one last looked.
      expect(unpackAnswers(packAnswers({ team: 'hospital', role: 'ot' }, theirs), 'a response', mine)).toEqual({ team: 'hospital', role: 'ot' });
      expect(mine.number('team')).toBe(team);
    } finally {
      other.close();
    }
  });

  it('does not remember a number given in a transaction that was rolled back', () => {
    const other = openDatabase(file);
    try {
      const [mine, theirs] = [new QuestionNumbers(db), new QuestionNumbers(other)];
      expect(() =>
        db.transaction(() => {
          mine.number('team');
          throw new Error('rolled back');
        })(),
      ).toThrow('rolled back');
      // Another connection may now give that same number to another question.
      const role = theirs.number('role');
      const team = mine.number('team');
      expect(team).not.toBe(role);
      expect(unpackAnswers(packAnswers({ role: 'ot', team: 'hospital' }, theirs), 'a response', mine)).toEqual({ role: 'ot', team: 'hospital' });
    } finally {
      other.close();
    }
  });

  it('hands SharePoint the answers keyed by question id, and files what it reads from there as numbers', async () => {
    await withCycle(db);
    const store = sqliteResponseStore(db);
    const answers = { role: 'social-worker', 'ict-access': ['laptop-tablet'], 'cultural-confidence': 6 };
    await store.importMany(cycleId, [{ surveyVersion: 1, submittedOn: asIsoDate('2027-01-20'), answers }]);
    const [row] = db.prepare('SELECT id, answers FROM responses').all() as { id: string; answers: string }[];
    expect(row?.answers.startsWith('[')).toBe(true);
    const fields = responsesList.reader(db)(row!.id);
    expect(JSON.parse(fields?.Answers as string)).toEqual(answers);

    // A new instance reads the item back from SharePoint.
    const fresh = openDatabase(path.join(dir, 'fresh.sqlite'));
    try {
      await withCycle(fresh);
      const problems: string[] = [];
      expect(responsesList.take({ db: fresh, problems, restore: (_key, problem) => problem }, row!.id, fields!)).toBe(true);
      expect(problems).toEqual([]);
      const stored = fresh.prepare('SELECT answers FROM responses').pluck().get() as string;
      expect(stored.startsWith('[')).toBe(true);
      const [read] = (await sqliteResponseStore(fresh).list(cycleId, { limit: 10 })).items;
      expect(read?.answers).toEqual(answers);
    } finally {
      fresh.close();
    }
  });

  it('numbers the questions of a page from SharePoint before its transaction, so its items do not look each one up', async () => {
    await withCycle(db);
    const page = syntheticResponses(healthCheck, 200).map((answers, i) => ({
      PhcId: i.toString(16).padStart(32, '0'),
      CycleId: '2026-27',
      SurveyVersion: 1,
      SubmittedOn: '2027-01-20T00:00:00Z',
      Answers: JSON.stringify(answers),
    }));
    const statement = Object.getPrototypeOf(db.prepare('SELECT 1')) as { get: (...args: unknown[]) => unknown };
    const apply = (items: typeof page, before: boolean): number => {
      if (before) responsesList.beforePage(db, items);
      const get = jest.spyOn(statement, 'get');
      try {
        db.transaction(() => {
          for (const fields of items) expect(responsesList.take({ db, problems: [], restore: (_key, problem) => problem }, fields.PhcId, fields)).toBe(true);
        })();
        return get.mock.calls.length;
      } finally {
        get.mockRestore();
      }
    };
    // Numbered inside the transaction, a number is not settled until it commits: looked up again for every item.
    expect(apply(page.slice(0, 100), false)).toBeGreaterThan(100 * 20);
    // On a fresh file, with the page's questions numbered first.
    db.prepare('DELETE FROM responses').run();
    db.prepare('DELETE FROM question_numbers').run();
    expect(apply(page.slice(100), true)).toBeLessThan(100 * 3);
    const [read] = (await sqliteResponseStore(db).list(cycleId, { limit: 1 })).items;
    expect(Object.keys(read?.answers ?? {}).length).toBeGreaterThan(20);
  });

  it('reads a page whose rows share a day, and still refuses a damaged day after a good one', async () => {
    await withCycle(db);
    const numbers = new QuestionNumbers(db);
    const answers = packAnswers({ role: 'ot' }, numbers);
    const insert = db.prepare('INSERT INTO responses (id, cycle_id, survey_version, submitted_on, answers) VALUES (?, ?, 1, ?, ?)');
    // In id order (the order of a page): two on one day, one on the next, then a day that does not exist.
    const days = ['2027-01-20', '2027-01-20', '2027-01-21', '2027-02-30'];
    days.forEach((day, i) => insert.run(String(i + 1).padStart(32, '0'), cycleId, day, answers));
    const store = sqliteResponseStore(db);
    const firstThree = await store.list(cycleId, { limit: 3 });
    expect(firstThree.items.map((r) => r.submittedOn)).toEqual(days.slice(0, 3));
    expect(firstThree.items.map((r) => r.answers)).toEqual([{ role: 'ot' }, { role: 'ot' }, { role: 'ot' }]);
    await expect(store.list(cycleId, { limit: 10 })).rejects.toThrow(
      new StoreError('invalid', `The date of response ${'4'.padStart(32, '0')} must be a date in the form YYYY-MM-DD, with no time of day.`),
    );
  });

  it('refuses a SharePoint item whose answers it could not keep', () => {
    const fields = { PhcId: 'a'.repeat(32), CycleId: '2026-27', SurveyVersion: 1, SubmittedOn: '2027-01-20T00:00:00Z', Answers: '{"role":{"nested":1}}' };
    for (const answers of ['{"role":{"nested":1}}', '{"":"no question"}', '[1,"agree"]']) {
      expect(parseResponse({ ...fields, Answers: answers })).toEqual({ ok: false, problem: `response ${'a'.repeat(32)} has answers that are not readable JSON` });
    }
  });
});
