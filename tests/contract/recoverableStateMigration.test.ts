import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SYNCED_LISTS } from '../../src/adapters/sharepoint/schema';
import { memorySecrets } from '../../src/adapters/secrets/memory';
import { moveSecretsOutOfTheFile } from '../../src/adapters/sqlite/cycleStore';
import { baseline } from '../../src/adapters/sqlite/migrations/0001-baseline';
import { recoverableState } from '../../src/adapters/sqlite/migrations/0005-recoverable-state';
import { migrate } from '../../src/adapters/sqlite/migrations';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { asCycleId } from '../../src/domain/shared/brand';
import { participationSecretName } from '../../src/ports/secrets';
import { openOn, provisionedStandIn } from './sharepointHarness';
import type { GraphClient } from '../../src/adapters/graph/graphClient';

/**
 * Migration 5: a file written before the secret store gives its participation secrets to the
 * store and keeps no copy; audit plans, samples, message plans and every proactive message are
 * captured for SharePoint like the other records.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-migration-5-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CYCLE =
  "INSERT INTO cycles (id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold, participation_secret) VALUES (?, 'health-check', 1, 'HC', 'live', 'open', '2027-01-11', '2027-01-29', 5, 10, ?)";

describe('recoverable state (migration 5): secrets out of the file, records captured, a new data directory read back', () => {
  it('moves the participation secrets out of an existing file into the secret store, leaving no copy in its bytes', async () => {
    const file = path.join(dir, 'phc.sqlite');
    const secret = randomBytes(32);
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, [baseline]);
    old.prepare(CYCLE).run('2026-27', secret);
    old.close();
    expect(fs.readFileSync(file).includes(secret)).toBe(true);

    const secrets = memorySecrets();
    const opened = openSqlite(file, { secrets: secrets });
    expect(opened.operational.db.prepare("SELECT name FROM pragma_table_info('cycles')").pluck().all()).not.toContain('participation_secret');
    expect(await moveSecretsOutOfTheFile(opened.operational.db, secrets)).toBe(1);
    expect(await secrets.get(participationSecretName(asCycleId('2026-27')))).toEqual(secret);
    expect(await opened.stores.cycles.participationSecret(asCycleId('2026-27'))).toEqual(secret);
    // Safe to run again: nothing left to move.
    expect(await moveSecretsOutOfTheFile(opened.operational.db, secrets)).toBe(0);
    await opened.stores.close();
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(bytes.includes(secret)).toBe(false);
  });

  it('finds a secret not moved yet when it is first needed (another process opened the file)', async () => {
    const secret = randomBytes(32);
    const db = new Database(':memory:');
    migrate(db, [baseline]);
    db.prepare(CYCLE).run('2026-27', secret);
    migrate(db);
    const secrets = memorySecrets();
    const { sqliteCycleStore } = await import('../../src/adapters/sqlite/cycleStore');
    const cycles = sqliteCycleStore(db, secrets);
    expect(await cycles.participationSecret(asCycleId('2026-27'))).toEqual(secret);
    expect(await secrets.get(participationSecretName(asCycleId('2026-27')))).toEqual(secret);
    expect(db.prepare('SELECT count(*) FROM participation_secrets_to_move').pluck().get()).toBe(0);
    db.close();
  });

  describe('captures for SharePoint', () => {
    const queued = (db: Database.Database) =>
      db.prepare('SELECT list, item_key, version FROM sharepoint_pending ORDER BY list, item_key').all() as { list: string; item_key: string; version: number }[];
    function bound(): Database.Database {
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      migrate(db);
      db.exec("INSERT INTO sharepoint_site (id, site_id) VALUES (1, 'site')");
      db.exec(
        "INSERT INTO cycles (id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold) VALUES ('2026-27', 'health-check', 1, 'HC', 'live', 'open', '2027-01-11', '2027-01-29', 5, 10)",
      );
      db.exec('DELETE FROM sharepoint_pending');
      return db;
    }

    it('audit plans and supervision samples, at once', () => {
      const db = bound();
      db.exec("INSERT INTO audit_plans (year, seed, rules_hash, planned_on) VALUES (2026, 7, 'h', '2026-04-01')");
      db.exec(
        "INSERT INTO audit_tasks (id, year, activity, subject, occurrence, auditor, form, window_start, window_end, due_on, status) VALUES ('t1', 2026, 'supervision-audit', 'person:a', 1, 'b', NULL, '2026-04-01', '2027-03-31', '2026-06-01', 'planned')",
      );
      db.exec(
        "INSERT INTO supervision_samples (task_id, year, supervisor_id, seed, period_start, period_end, drawn_on, supervisees, picks, without_records) VALUES ('t1', 2026, 'a', 9, '2025-06-01', '2026-06-01', '2026-06-01', '[]', '[]', '[]')",
      );
      db.exec("UPDATE audit_plans SET rules_hash = 'h2' WHERE year = 2026");
      expect(queued(db).filter((r) => r.list !== 'auditTasks')).toEqual([
        { list: 'auditPlans', item_key: '2026', version: 2 },
        { list: 'supervisionSamples', item_key: 't1', version: 1 },
      ]);
    });

    it('every proactive message and its plan, on what matters for sending, not on each claim', () => {
      const db = bound();
      db.exec(`INSERT INTO outbox_plans (cycle_id, plan) VALUES ('2026-27', '{"cadence":{"afterOpening":[3],"beforeClosing":[]},"workingHours":null}')`);
      db.exec("INSERT INTO outbox (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at) VALUES ('2026-27:a:invitation', '2026-27', 'a', 'invitation', 1, 'queued', 0, 1)");
      db.exec("UPDATE outbox SET lease_owner = 'sender', lease_until = 99 WHERE key = '2026-27:a:invitation'");
      expect(queued(db).find((r) => r.list === 'messages')?.version).toBe(1);
      db.exec("UPDATE outbox SET status = 'sending', attempts = 1 WHERE key = '2026-27:a:invitation'");
      db.exec("INSERT INTO you_said_we_did (id, message, action_ids, sent_by, sent_on) VALUES ('ysd-1', 'We did', '[]', 'priya', '2026-06-02')");
      db.exec("INSERT INTO you_said_we_did_messages (update_id, user_id, status) VALUES ('ysd-1', 'a', 'queued')");
      expect(queued(db)).toEqual([
        { list: 'messagePlans', item_key: '2026-27', version: 1 },
        { list: 'messages', item_key: '2026-27:a:invitation', version: 2 },
        { list: 'messages', item_key: 'ysd-1:a:you-said-we-did', version: 1 },
        { list: 'youSaidWeDid', item_key: 'ysd-1', version: 1 },
      ]);
    });

    it('names only lists the SharePoint adapter knows (SYNCED_LISTS)', () => {
      const written = [...recoverableState.sql.matchAll(/INSERT INTO sharepoint_pending \([^)]*\) VALUES \('([^']+)'/g)].map((m) => m[1]);
      expect(written).toHaveLength(10);
      expect([...new Set(written)].filter((list) => !(SYNCED_LISTS as readonly (string | undefined)[]).includes(list))).toEqual([]);
    });
  });

  it('writes what an instance upgraded to this version kept locally to the lists it adds (an audit plan, the outbox)', async () => {
    const { sp, client } = await provisionedStandIn();
    const file = path.join(dir, 'upgraded.sqlite');
    try {
      const before = await openOn(sp, client, { file });
      // As an earlier version left it: bound to the site, the new lists unknown, their records local only.
      const db = before.operational.db;
      db.exec("DELETE FROM sharepoint_lists WHERE list IN ('auditPlans', 'messages', 'messagePlans', 'supervisionSamples')");
      db.exec('DELETE FROM sharepoint_read_back');
      before.state.applyingSharePoint(() => {
        db.exec("INSERT INTO audit_plans (year, seed, rules_hash, planned_on) VALUES (2026, 7, 'h', '2026-04-01')");
        db.exec(
          "INSERT INTO cycles (id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold) VALUES ('2026-27', 'health-check', 1, 'HC', 'live', 'open', '2027-01-11', '2027-01-29', 5, 10)",
        );
        db.exec("INSERT INTO outbox (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at) VALUES ('2026-27:a:invitation', '2026-27', 'a', 'invitation', 1, 'sent', 1, 1)");
      });
      await before.close();

      const after = await openOn(sp, client, { file });
      await after.writer.drain();
      expect(sp.itemsPerList()).toMatchObject({ 'PHC Audit Plans': 1, 'PHC Messages': 1 });
      expect([...(sp.findList('PHC Messages')?.items.values() ?? [])].map((i) => i.fields)).toEqual([expect.objectContaining({ PhcId: '2026-27:a:invitation', Status: 'sent' })]);
      await after.close();
    } finally {
      await sp.close();
    }
  });

  it('does not open a new data directory from an incomplete copy: a failed read-back refuses, in words, and is done again at the next start', async () => {
    const { sp, client } = await provisionedStandIn();
    const file = path.join(dir, 'new.sqlite');
    try {
      // SharePoint fails part way through reading the lists back.
      let failures = 1;
      const flaky: GraphClient = {
        ...client,
        request: async (method, url, body, headers) =>
          url.includes('/items/delta') && failures-- > 0 ? { status: 500, headers: new Headers(), body: undefined } : client.request(method, url, body, headers),
      };
      await expect(openOn(sp, flaky, { file, readBackWhenNew: true })).rejects.toThrow(
        /new, and the app's records could not all be read back from SharePoint .*does not start from an incomplete copy.*answer twice/,
      );
      const again = await openOn(sp, flaky, { file, readBackWhenNew: true });
      expect(again.readBack?.lists.map((l) => l.full)).toEqual(SYNCED_LISTS.map(() => true));
      await again.close();
      // Read back once: the next start serves at once.
      const later = await openOn(sp, client, { file, readBackWhenNew: true });
      expect(later.readBack).toBeUndefined();
      await later.close();
    } finally {
      await sp.close();
    }
  });
});
