import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SYNCED_LISTS } from '../../src/adapters/sharepoint/schema';
import { baseline } from '../../src/adapters/sqlite/migrations/0001-baseline';
import { migrate, migrations, type Migration } from '../../src/adapters/sqlite/migrations';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';

/** `sqlite_master` as "type name ON table" → its statement, whitespace and quotes aside. */
function schemaOf(db: Database.Database): Map<string, string> {
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  return new Map(rows.map((r) => [`${r.type} ${r.name} ON ${r.tbl_name}`, normalise(r.sql ?? '(automatic)')]));
}
const normalise = (sql: string) => sql.replace(/\s+/g, ' ').replace(/"/g, '').trim();

function fixtureSchema(): Map<string, string> {
  const text = fs.readFileSync(path.join(__dirname, '../fixtures/schemaBeforeBaseline.sql'), 'utf8').replace(/^--.*\n/gm, '');
  return new Map(
    text
      .trim()
      .split(/\n\n+/)
      .map((block) => {
        const [head = '', ...sql] = block.split('\n');
        return [head, normalise(sql.join('\n'))] as const;
      })
      .filter(([head]) => head !== 'table schema_migrations ON schema_migrations'),
  );
}

/** The baseline alone by default: later migrations add their own tables, tested beside them. */
function fresh(list: readonly Migration[] = [baseline]): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, list);
  return db;
}

describe('the 0.1.0 baseline migration', () => {
  it('builds every table, index and trigger the development migrations built; only two CHECKs naming closed sets are gone', () => {
    // The baseline alone: later migrations change the schema on purpose.
    const db = fresh([baseline]);
    const now = schemaOf(db);
    const before = fixtureSchema();
    expect([...now.keys()].sort()).toEqual([...before.keys()].sort());
    const differing = [...now.keys()].filter((k) => now.get(k) !== before.get(k)).sort();
    expect(differing).toEqual(['table audit_records ON audit_records', 'table sharepoint_pending ON sharepoint_pending']);
    // The form ids and list names live in code now (AUDIT_FORM_IDS, SYNCED_LISTS), so a new one needs no table rebuild.
    expect(before.get('table audit_records ON audit_records')).toContain("form_id TEXT NOT NULL CHECK (form_id IN ('appendix-1', 'appendix-2', 'appendix-3', 'appendix-4'))");
    expect(now.get('table audit_records ON audit_records')).toContain('form_id TEXT NOT NULL CHECK (length(form_id) > 0)');
    expect(now.get('table sharepoint_pending ON sharepoint_pending')).toContain('list TEXT NOT NULL CHECK (length(list) > 0)');
    for (const k of differing) expect(now.get(k)?.replace(/CHECK \(length\((form_id|list)\) > 0\)/, '')).toBe(before.get(k)?.replace(/CHECK \((form_id|list) IN \([^)]*\)\)/, ''));
    db.close();
  });

  it('is recorded once and not run again on the next open', () => {
    const db = fresh();
    expect(migrate(db, [baseline])).toEqual([]);
    expect(db.prepare('SELECT id, name FROM schema_migrations').all()).toEqual([{ id: baseline.id, name: baseline.name }]);
    expect(migrate(db).length).toBe(migrations.length - 1);
    expect(db.prepare('SELECT id, name FROM schema_migrations').all()).toEqual(migrations.map((m) => ({ id: m.id, name: m.name })));
    db.close();
  });

  it('refuses, in words, a database made by a development build before the baseline, and leaves it as it was', () => {
    const db = new Database(':memory:');
    db.exec(
      "CREATE TABLE schema_migrations (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL) STRICT; INSERT INTO schema_migrations VALUES (1, 'initial schema'), (2, 'conversation references'); CREATE TABLE cycles (id TEXT)",
    );
    expect(() => migrate(db)).toThrow(/development build from before 0\.1\.0[^]*move the file aside/);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(2);
    db.close();
  });

  it('keeps the outbox to its kinds: invitations and 39-steps return cards may be sent, reminders never, nothing else queued', () => {
    const db = fresh();
    db.prepare(
      "INSERT INTO cycles (id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold, participation_secret) VALUES ('2026-27', 'health-check', 1, 'HC', 'live', 'open', '2027-01-11', '2027-01-29', 5, 10, x'07')",
    ).run();
    const insert = db.prepare("INSERT INTO outbox (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at, reason) VALUES (?, '2026-27', ?, ?, 1, ?, ?, 1, ?)");
    insert.run('2026-27:a:invitation', 'a', 'invitation', 'sent', 1, null);
    insert.run('2026-27:b:reminder-1', 'b', 'reminder-1', 'done', 0, null);
    insert.run('2026-27:d:org-return', 'd', 'org-return', 'sent', 1, null);
    expect(() => insert.run('2026-27:e:other', 'e', 'other', 'queued', 0, null)).toThrow(/CHECK/);
    expect(() => insert.run('2026-27:f:reminder-2', 'f', 'reminder-2', 'sent', 1, null)).toThrow(/CHECK/);
    expect(() => insert.run('2026-27:x:invitation', 'g', 'invitation', 'queued', 0, null)).toThrow(/CHECK/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' ORDER BY name").pluck().all()).toEqual(['outbox_by_cycle', 'outbox_by_person', 'outbox_due']);
    db.close();
  });

  it('has the audit programme, supervision log, organisation, action plan and report tables, with their indexes', () => {
    const db = fresh();
    const names = (type: string) => db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').pluck().all(type) as string[];
    expect(names('table')).toEqual(
      expect.arrayContaining([
        'audit_plans',
        'audit_tasks',
        'audit_records',
        'audit_record_events',
        'audit_reminders',
        'audit_snoozes',
        'supervision_samples',
        'supervision_log',
        'people',
        'teams',
        'organisation_import',
        'actions',
        'you_said_we_did',
        'you_said_we_did_messages',
        'caseload_entries',
        'org_returns',
        'report_settings',
        'quality_themes',
      ]),
    );
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'audit_tasks_by_year',
        'audit_tasks_by_auditor',
        'audit_reminders_by_day',
        'supervision_samples_by_year',
        'supervision_log_by_date',
        'actions_by_due',
        'you_said_we_did_messages_by_status',
        'quality_themes_by_quarter',
        'sharepoint_items_by_id',
        'sharepoint_pending_by_cycle',
      ]),
    );
    // One supervision per supervisor, supervisee and day.
    const supervision = db.prepare("INSERT INTO supervision_log (id, supervisor_id, supervisee_id, held_on, outcome) VALUES (?, 'maya', 'ben', '2026-05-12', 'held')");
    supervision.run('sup-1');
    expect(() => supervision.run('sup-2')).toThrow(/UNIQUE/);
    // Dates are days that look like days; an action's status is one of the four.
    expect(() =>
      db
        .prepare(
          "INSERT INTO actions (id, what, owner_id, due, status, link, progress, created_by, created_on, updated_on, version) VALUES ('act-1', 'x', 'maya', '30/09/2026', 'not-started', '{}', '', 'priya', '2026-06-01', '2026-06-01', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO actions (id, what, owner_id, due, status, link, progress, created_by, created_on, updated_on, version) VALUES ('act-1', 'x', 'maya', '2026-09-30', 'someday', '{}', '', 'priya', '2026-06-01', '2026-06-01', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  describe('the SharePoint queue triggers', () => {
    const site = (db: Database.Database) => db.prepare("INSERT INTO sharepoint_site (id, site_id) VALUES (1, 'site-1')").run();
    const queued = (db: Database.Database) => db.prepare("SELECT list || ':' || item_key FROM sharepoint_pending ORDER BY 1").pluck().all();
    const action =
      "INSERT INTO actions (id, what, owner_id, due, status, link, progress, created_by, created_on, updated_on, version) VALUES ('act-1', 'x', 'maya', '2026-09-30', 'not-started', '{\"kind\":\"none\"}', '', 'priya', '2026-06-01', '2026-06-01', 1)";
    const supervision = "INSERT INTO supervision_log (id, supervisor_id, supervisee_id, held_on, outcome) VALUES ('sup-2', 'maya', 'ben', '2026-05-12', 'held')";

    it('queue nothing until a site is named', () => {
      const db = fresh();
      db.exec(action);
      db.exec(supervision);
      expect(queued(db)).toEqual([]);
      db.close();
    });

    it('queue named records at once once a site is named: actions created, changed and deleted, supervision, "You said, we did"', () => {
      const db = fresh();
      site(db);
      db.exec(action);
      db.exec(supervision);
      db.exec("INSERT INTO you_said_we_did (id, message, action_ids, sent_by, sent_on) VALUES ('ysd-1', 'We did', '[]', 'priya', '2026-06-02')");
      expect(queued(db)).toEqual(['actions:act-1', 'supervisionLog:sup-2', 'youSaidWeDid:ysd-1']);
      db.exec("UPDATE actions SET status = 'done' WHERE id = 'act-1'");
      expect(db.prepare("SELECT version FROM sharepoint_pending WHERE list = 'actions'").pluck().get()).toBe(2);
      db.exec("DELETE FROM actions WHERE id = 'act-1'");
      expect(db.prepare("SELECT version FROM sharepoint_pending WHERE list = 'actions'").pluck().get()).toBe(3);
      db.close();
    });

    it("queue participation only once submitted, responses held for their group, and nothing while a sync applies SharePoint's changes", () => {
      const db = fresh();
      site(db);
      db.prepare(
        "INSERT INTO cycles (id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold, participation_secret) VALUES ('2026-27', 'health-check', 1, 'HC', 'live', 'open', '2027-01-11', '2027-01-29', 5, 10, x'07')",
      ).run();
      db.exec("INSERT INTO participation (cycle_id, key, status) VALUES ('2026-27', 'k1', 'started')");
      expect(queued(db)).toEqual(['cycles:2026-27']);
      db.exec("UPDATE participation SET status = 'submitted' WHERE key = 'k1'");
      db.exec(`INSERT INTO responses (id, cycle_id, survey_version, submitted_on, answers) VALUES ('${'a'.repeat(32)}', '2026-27', 1, '2027-01-12', '{}')`);
      expect(queued(db)).toEqual(['cycles:2026-27', 'participation:2026-27:k1', `responses:${'a'.repeat(32)}`]);
      expect(db.prepare("SELECT released FROM sharepoint_pending WHERE list = 'responses'").pluck().get()).toBe(0);
      db.exec('INSERT INTO sharepoint_sync_guard (id) VALUES (1)');
      db.exec(supervision);
      expect(queued(db)).not.toContain('supervisionLog:sup-2');
      db.close();
    });

    it('name only lists the SharePoint adapter knows (SYNCED_LISTS), now that no CHECK does', () => {
      const written = [
        ...migrations
          .map((m) => m.sql)
          .join('\n')
          .matchAll(/INSERT INTO sharepoint_pending \([^)]*\) VALUES \('([^']+)'/g),
      ].map((m) => m[1]);
      expect(written.length).toBeGreaterThan(10);
      expect([...new Set(written)].filter((list) => !(SYNCED_LISTS as readonly (string | undefined)[]).includes(list))).toEqual([]);
    });
  });

  it('is what every store opens: openSqlite migrates a new file to it', async () => {
    const opened = openSqlite(':memory:');
    expect(opened.operational.db.prepare('SELECT id FROM schema_migrations').pluck().all()).toEqual(migrations.map((m) => m.id));
    await opened.stores.close();
  });
});
