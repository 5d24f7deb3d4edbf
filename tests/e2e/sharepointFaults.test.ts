import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { QuestionNumbers, unpackAnswers } from '../../src/adapters/sqlite/storedAnswers';
import { DATABASE_FILE } from '../../src/composition';
import { startSharePointStandIn, type SharePointStandIn } from '../support/sharepointStandIn';
import type { AdapterChildArgs } from '../support/sharepointStandIn/adapterChild';
import { openAdapter, openCycle, PARTICIPATION_LIST, provision, queueResponses, RESPONSES_LIST, siteRef, standInGraphClient, submitAsPeople } from '../support/sharepointStandIn/appWorld';
import { wallNow } from '../support/connectorStandIn';

/**
 * With 20% of requests failing (503s, inside batches too; connections
 * dropped and requests never answered, half of those after the write took effect) and a
 * kill -9 of the app in the middle of a sync, every record lands exactly once in SharePoint
 * and in the read model — the app's own, and a fresh one rebuilt from SharePoint by delta.
 */
const RESPONSES = 300;
const SPEED = 10;
const START = Date.parse('2027-01-12T09:00:00Z');
/** One HTTP request in five fails (503, dropped or never answered); inside batches, one request in five answers 503. */
const FAULTS = { failShare: 0.1, dropShare: 0.05, hangShare: 0.05, afterShare: 0.5, innerFailShare: 0.2 };

type ChildResult = { readonly killed: boolean; readonly out?: Record<string, unknown> };

function runChild(args: AdapterChildArgs, killWhen?: () => boolean): Promise<ChildResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/sharepointStandIn/adapterChild.ts'), JSON.stringify(args)], {
    cwd: path.join(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  let killed = false;
  const watch = killWhen
    ? setInterval(() => {
        if (!killed && killWhen()) killed = child.kill('SIGKILL');
      }, 2)
    : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (watch) clearInterval(watch);
      if (signal === 'SIGKILL') return resolve({ killed: true });
      if (code !== 0) return reject(new Error(`The app process exited with ${code}: ${err}${out}`));
      resolve({ killed: false, out: JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown> });
    });
  });
}

/** PhcId → how many items carry it, in the stand-in's list. */
function itemsByKey(standIn: SharePointStandIn, listName: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of standIn.findList(listName)?.items.values() ?? []) {
    const key = String(item.fields.PhcId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function localResponseIds(dataDir: string): Promise<string[]> {
  const { operational, stores } = openSqlite(path.join(dataDir, DATABASE_FILE));
  try {
    return operational.db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as string[];
  } finally {
    await stores.close();
  }
}

describe('SharePoint as the system of record under faults and a kill -9', () => {
  jest.setTimeout(180_000);
  let standIn: SharePointStandIn;
  let appDir: string;
  let freshDir: string;
  const realStart = wallNow();
  let args: Omit<AdapterChildArgs, 'dataDir' | 'mode'>;

  beforeAll(async () => {
    appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-sp-faults-'));
    freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-sp-fresh-'));
    // Half the budget the app paces itself to, so throttling (429 inside batches) can join the faults.
    standIn = await startSharePointStandIn({ speed: SPEED, startAt: START, realStart, retryAfterIn: 'standIn', ruPerMinute: 600, faults: { seed: 5, latencyMs: 20 } });
    args = { baseUrl: standIn.baseUrl, site: siteRef(standIn), speed: SPEED, startAt: START, realStart, timeoutMs: 750, seed: 9 };
    await provision(standInGraphClient(standIn.baseUrl, SPEED), standIn.site.id);
    const runtime = await openAdapter({ file: path.join(appDir, DATABASE_FILE), ...args, now: () => standIn.clock.nowMs() });
    try {
      await openCycle(runtime, standIn.clock);
      // Half answer in the bot (a response and a participation record each), half come from an import.
      await submitAsPeople(runtime, RESPONSES / 2, 3, standIn.clock);
      await queueResponses(runtime, RESPONSES / 2, 4, standIn.clock);
    } finally {
      await runtime.close();
    }
    // From here on, one request in five fails.
    standIn.faults.set(FAULTS);
  });

  afterAll(async () => {
    await standIn?.close();
    for (const dir of [appDir, freshDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every response exactly once although the writer was killed part-way and a fifth of requests failed', async () => {
    let injected = false;
    const first = await runChild({ ...args, dataDir: appDir, mode: 'both' }, () => {
      const landed = standIn.findList(RESPONSES_LIST)?.items.size ?? 0;
      if (!injected && landed >= 40) {
        // Whatever leaves next (a batch of writes, most likely) lands, but its answer is lost.
        standIn.faults.inject({ kind: 'drop', after: true });
        injected = true;
      }
      return landed >= RESPONSES / 3;
    });
    expect(first.killed).toBe(true);
    const atKill = standIn.findList(RESPONSES_LIST)?.items.size ?? 0;
    expect(atKill).toBeLessThan(RESPONSES);

    const second = await runChild({ ...args, dataDir: appDir, mode: 'both' });
    expect(second.killed).toBe(false);
    const pending = (second.out?.write as { pending: { waiting: number; failed: number } }).pending;
    expect(pending).toMatchObject({ waiting: 0, failed: 0 });

    const counts = itemsByKey(standIn, RESPONSES_LIST);
    const local = await localResponseIds(appDir);
    console.log(
      `SharePoint fault test: killed with ${atKill} of ${RESPONSES} responses in the list; faults injected ${JSON.stringify(standIn.faults.counts)}; 429s ${standIn.stats.throttled.length}; items now ${standIn.findList(RESPONSES_LIST)?.items.size}.`,
    );
    expect(local).toHaveLength(RESPONSES);
    expect([...counts.keys()].sort()).toEqual(local);
    expect(Math.max(...counts.values())).toBe(1);
    expect(standIn.findList(RESPONSES_LIST)?.items.size).toBe(RESPONSES);
    expect(itemsByKey(standIn, 'PHC Cycles').size).toBe(1);
    const participation = itemsByKey(standIn, PARTICIPATION_LIST);
    expect(participation.size).toBe(RESPONSES / 2);
    expect(Math.max(...participation.values())).toBe(1);
    expect(standIn.findList(PARTICIPATION_LIST)?.items.size).toBe(RESPONSES / 2);
    // The app knows each record's one SharePoint item, and it is the item that holds the record.
    const { operational, stores } = openSqlite(path.join(appDir, DATABASE_FILE));
    try {
      const mapped = operational.db.prepare(`SELECT item_key, item_id FROM sharepoint_items WHERE list = 'responses'`).all() as { item_key: string; item_id: string }[];
      expect(mapped).toHaveLength(RESPONSES);
      const list = standIn.findList(RESPONSES_LIST)!;
      for (const { item_key, item_id } of mapped) expect(list.items.get(Number(item_id))?.fields.PhcId).toBe(item_key);
    } finally {
      await stores.close();
    }
    expect(standIn.faults.counts.failed).toBeGreaterThan(10);
    expect(standIn.faults.counts.afterEffect).toBeGreaterThanOrEqual(1);
  });

  it('rebuilds a fresh read model from SharePoint by delta, killed in the middle of the read, with every record once', async () => {
    // A second server with an empty data directory (a rebuilt machine), reading the lists.
    standIn.stats.byKind['items.delta'] = 0;
    const first = await runChild({ ...args, dataDir: freshDir, mode: 'sync' }, () => (standIn.stats.byKind['items.delta'] ?? 0) >= 2);
    expect(first.killed).toBe(true);
    const second = await runChild({ ...args, dataDir: freshDir, mode: 'sync' });
    expect(second.killed).toBe(false);
    expect(second.out?.sync).toMatchObject({ problems: [] });
    expect(await localResponseIds(freshDir)).toEqual(await localResponseIds(appDir));
    const { operational, stores } = openSqlite(path.join(freshDir, DATABASE_FILE));
    try {
      expect(operational.db.prepare(`SELECT count(*) FROM participation WHERE status = 'submitted'`).pluck().get()).toBe(RESPONSES / 2);
      // Nothing read from SharePoint is queued to be written back to it.
      expect(operational.db.prepare('SELECT count(*) FROM sharepoint_pending').pluck().get()).toBe(0);
      // Each instance numbers the questions in its own order: compared as answers, not as stored text.
      const answersIn = (db: typeof operational.db): Record<string, unknown> => {
        const numbers = new QuestionNumbers(db);
        const rows = db.prepare('SELECT id, answers FROM responses ORDER BY id').all() as { id: string; answers: string }[];
        return Object.fromEntries(rows.map((r) => [r.id, { ...unpackAnswers(r.answers, r.id, numbers) }]));
      };
      const answers = answersIn(operational.db);
      expect(Object.keys(answers)).toHaveLength(RESPONSES);
      const { operational: app, stores: appStores } = openSqlite(path.join(appDir, DATABASE_FILE));
      try {
        expect(answers).toEqual(answersIn(app.db));
      } finally {
        await appStores.close();
      }
    } finally {
      await stores.close();
    }
    expect(standIn.findList(RESPONSES_LIST)?.items.size).toBe(RESPONSES);
  });
});
