import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStores } from '../../../src/adapters/sqlite/sqliteStores';
import { QuestionNumbers, unpackAnswers } from '../../../src/adapters/sqlite/storedAnswers';
import { participationKey } from '../../../src/app/participation';
import { asCycleId, asIsoDate, asUserId, type ParticipationKey } from '../../../src/domain/shared/brand';
import type { Stores } from '../../../src/ports/stores';

/**
 * Re-identification attempts on a real database file, as someone holding a copy of it would
 * make them: read the schema, join tables, read the raw bytes.
 */

const MARKER = 'MARKER-7f3a';
const PEOPLE = 80;
const cycleId = asCycleId('2025-26');

/** Free text unique to the i-th person to submit, so it can be found in the raw file. */
const sentText = (i: number): string => `sent-${String(i).padStart(3, '0')}-end`;

let dir: string;
let file: string;
let keys: ParticipationKey[];
/** The order people submitted in (indexes into `keys`). */
let submissionOrder: number[];
/** Bytes of the db and -wal files at points in the story. */
let beforeSubmit: Buffer;
let afterMarkerSubmit: Buffer;
let afterSubmitWhileOpen: Buffer;
let afterCloseOfCycle: Buffer;
let afterClose: Buffer;
/** The `seq` of each response in the order `responses.list` gave them. */
let listedOrder: number[];
let raw: Database.Database;

function fileBytes(): Buffer {
  const parts = [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
  return Buffer.concat(parts);
}

async function listAll(stores: Stores): Promise<number[]> {
  const seqs: number[] = [];
  let continuation: string | undefined;
  do {
    const page = await stores.responses.list(cycleId, { limit: 7, ...(continuation ? { continuation } : {}) });
    seqs.push(...page.items.map((r) => r.answers.seq as number));
    continuation = page.continuation;
  } while (continuation);
  return seqs;
}

/** How many neighbours in `order` are also neighbours in time: about 2 for a shuffle, n - 1 for arrival order. */
function neighboursInTime(order: readonly number[]): number {
  return order.slice(1).filter((v, i) => Math.abs(v - (order[i] as number)) === 1).length;
}

/** Longest run, not necessarily contiguous, in or against time order: about 2√n for a shuffle, n for arrival order. */
function longestMonotone(order: readonly number[]): number {
  const lis = (xs: readonly number[]): number => {
    const tails: number[] = [];
    for (const x of xs) {
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((tails[mid] as number) < x) lo = mid + 1;
        else hi = mid;
      }
      tails[lo] = x;
    }
    return tails.length;
  };
  return Math.max(lis(order), lis([...order].reverse()));
}

/** True unless `order` keeps far more of the submission order than a random shuffle would. */
function looksShuffled(order: readonly number[]): boolean {
  return neighboursInTime(order) < PEOPLE / 6 && longestMonotone(order) < PEOPLE * 0.4;
}

/** The submission `seq` of each response, in the order its text sits in the raw file. */
function physicalOrder(bytes: Buffer): number[] {
  const found = Array.from({ length: PEOPLE }, (_, seq) => ({ seq, at: bytes.indexOf(sentText(seq)) }));
  expect(found.every((f) => f.at >= 0)).toBe(true);
  return found.sort((a, b) => a.at - b.at).map((f) => f.seq);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-anonymity-'));
  file = path.join(dir, 'phc.sqlite');
  const stores = openSqliteStores(file);
  await stores.cycles.create(
    {
      id: cycleId,
      surveyId: 'health-check',
      surveyVersion: 1,
      title: 'Health Check 2025/26',
      kind: 'live',
      status: 'draft',
      opensOn: asIsoDate('2025-01-06'),
      closesOn: asIsoDate('2025-03-31'),
      threshold: 5,
      textThreshold: 10,
    },
    Buffer.alloc(32, 7),
  );
  await stores.cycles.setStatus(cycleId, 'open');
  const secret = await stores.cycles.participationSecret(cycleId);
  // Two more people who start and never submit.
  keys = Array.from({ length: PEOPLE + 2 }, (_, i) => participationKey(secret, asUserId(`demo-sw-${i}`)));

  // The first person writes something distinctive in a draft, then sends different words.
  await stores.participation.saveDraft(cycleId, keys[0] as ParticipationKey, {
    answers: { role: 'sw', comment: `${MARKER} my manager is the only one who knows about this` },
    sectionIndex: 2,
    savedOn: asIsoDate('2025-02-10'),
  });
  beforeSubmit = fileBytes();

  // Everyone submits, in an order of their own; about half of them after saving a draft.
  submissionOrder = Array.from({ length: PEOPLE }, (_, i) => (i * 17) % PEOPLE);
  for (const [seq, person] of submissionOrder.entries()) {
    const k = keys[person] as ParticipationKey;
    if (person % 2 === 1) {
      await stores.participation.saveDraft(cycleId, k, { answers: { role: 'ot' }, sectionIndex: 1, savedOn: asIsoDate('2025-02-11') });
    }
    const outcome = await stores.participation.submit(cycleId, k, {
      surveyVersion: 1,
      submittedOn: asIsoDate('2025-02-12'),
      // Longer than a quarter of a page (a response with long comments), so SQLite spills it
      // into overflow pages, which it appends in the order written: the layout the file must
      // lose when the cycle closes.
      answers: { role: person === 0 ? 'sw' : 'ot', seq, pad: 'x'.repeat(6000), comment: sentText(seq) },
    });
    expect(outcome).toBe('submitted');
    // Straight after, before anyone else's writes can reuse the space the draft was in.
    if (person === 0) afterMarkerSubmit = fileBytes();
  }
  for (const k of keys.slice(PEOPLE)) {
    await stores.participation.saveDraft(cycleId, k, { answers: { role: 'scp' }, sectionIndex: 0, savedOn: asIsoDate('2025-02-12') });
  }
  afterSubmitWhileOpen = fileBytes();
  listedOrder = await listAll(stores);

  await stores.cycles.setStatus(cycleId, 'closed');
  afterCloseOfCycle = fileBytes();
  await stores.close();
  afterClose = fileBytes();
  raw = new Database(file, { readonly: true });
});

afterAll(() => {
  raw?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const columnsOf = (table: string): string[] => raw.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
const tables = (): string[] => raw.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];

describe('SQLite anonymity: re-identification attempts on a real file', () => {
  it('(a) a response row holds only id, cycle, survey version, day and answers', () => {
    expect(columnsOf('responses')).toEqual(['id', 'cycle_id', 'survey_version', 'submitted_on', 'answers']);
    const rows = raw.prepare('SELECT id, submitted_on FROM responses').all() as { id: string; submitted_on: string }[];
    expect(rows).toHaveLength(PEOPLE);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{32}$/);
      expect(row.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('(b) participation holds cycle, key and status, and no date or time of any kind', () => {
    expect(columnsOf('participation')).toEqual(['cycle_id', 'key', 'status']);
    const values = (raw.prepare('SELECT * FROM participation').raw().all() as unknown[][]).flat();
    expect(values.filter((v) => /\d{4}-\d{2}-\d{2}|\d{2}:\d{2}/.test(String(v)))).toEqual([]);
    // Nothing in the schema records when a row was written.
    const schema = (raw.prepare('SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL').pluck().all() as string[]).join('\n');
    expect(schema).not.toMatch(/current_(timestamp|date|time)|datetime|strftime|julianday|unixepoch/i);
  });

  it('(c) no table but participation and drafts holds a participation key', () => {
    const holders = new Set<string>();
    for (const table of tables()) {
      const values = (raw.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]).flat();
      const text = values.map((v) => (Buffer.isBuffer(v) ? `${v.toString('hex')} ${v.toString('latin1')}` : String(v))).join('\n');
      if (keys.some((k) => text.includes(k))) holders.add(table);
    }
    expect([...holders].sort()).toEqual(['drafts', 'participation']);
  });

  it('(d) a draft leaves no trace in the db or WAL once its owner has submitted', () => {
    // The check can see the marker while the draft exists…
    expect(beforeSubmit.includes(MARKER)).toBe(true);
    // …and after submit it is gone: not in a free page, not in the WAL, open or closed.
    expect(afterMarkerSubmit.includes(MARKER)).toBe(false);
    expect(afterSubmitWhileOpen.includes(MARKER)).toBe(false);
    expect(afterCloseOfCycle.includes(MARKER)).toBe(false);
    expect(afterClose.includes(MARKER)).toBe(false);
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('(e) responses are listed, and read, in an order unrelated to submission', () => {
    const arrival = Array.from({ length: PEOPLE }, (_, i) => i);
    expect([...listedOrder].sort((a, b) => a - b)).toEqual(arrival);
    expect(listedOrder).not.toEqual(arrival);
    expect(listedOrder).not.toEqual([...arrival].reverse());
    expect(looksShuffled(listedOrder)).toBe(true);
    // A plain SELECT with no ORDER BY (the table's own order) tells no more.
    const numbers = new QuestionNumbers(raw);
    const tableOrder = (raw.prepare('SELECT answers FROM responses').pluck().all() as string[]).map((a) => unpackAnswers(a, 'a response', numbers).seq as number);
    expect(looksShuffled(tableOrder)).toBe(true);
  });

  it('(e) once the cycle closes, not even the layout of the raw file follows submission order', () => {
    // Control: while the cycle is open, the file's layout does follow arrival (SQLite appends
    // overflow pages at the end of the file), so the check below can see an order when there
    // is one. That is why the store rewrites the file when a cycle closes. (If the store ever
    // compacts after every submit, this control line will fail: delete it then.)
    expect(longestMonotone(physicalOrder(afterSubmitWhileOpen))).toBeGreaterThan(PEOPLE * 0.9);
    expect(looksShuffled(physicalOrder(afterCloseOfCycle))).toBe(true);
    expect(looksShuffled(physicalOrder(afterClose))).toBe(true);
    // Each response's text appears exactly once: no stale copies anywhere in the file.
    for (let seq = 0; seq < PEOPLE; seq += 1) {
      expect(afterClose.indexOf(sentText(seq))).toBe(afterClose.lastIndexOf(sentText(seq)));
    }
  });

  it('(f) responses, participation and drafts have no rowid to count arrivals by', () => {
    for (const table of ['responses', 'participation', 'drafts']) {
      expect(() => raw.prepare(`SELECT rowid FROM ${table}`).all()).toThrow(/no such column: rowid/);
    }
  });
});
