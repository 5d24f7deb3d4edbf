import Database from 'better-sqlite3';
import { baseline } from '../../src/adapters/sqlite/migrations/0001-baseline';
import { migrate } from '../../src/adapters/sqlite/migrations';
import { questionnairesAndCycleSettings } from '../../src/adapters/sqlite/migrations/0002-questionnaires-and-cycle-settings';

/** Migration 2 alone over 0.1.0: later migrations have tests of their own. */
const upTo2 = [baseline, questionnairesAndCycleSettings];

/**
 * Migration 2 on a database from 0.1.0: the questionnaire store, a cycle's settings, and
 * publishing. Nothing that was there is lost, and nobody loses sight of results they had.
 */
describe('migration 2: questionnaires, cycle settings and publishing', () => {
  function at010(): Database.Database {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [baseline]);
    const cycle = db.prepare(
      "INSERT INTO cycles (id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold, participation_secret) VALUES (?, 'health-check', 2, ?, ?, ?, ?, ?, 5, 10, x'07')",
    );
    cycle.run('2024-25', 'HC 2024/25', 'published', 'closed', '2025-01-06', '2025-03-31');
    cycle.run('2025-26', 'HC 2025/26', 'live', 'closed', '2025-10-01', '2025-11-30');
    cycle.run('2026-27', 'HC 2026/27', 'live', 'open', '2027-01-11', '2027-03-31');
    const outbox = db.prepare("INSERT INTO outbox (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at, reason) VALUES (?, '2026-27', ?, ?, 1, ?, ?, 1, ?)");
    outbox.run('2026-27:a:invitation', 'a', 'invitation', 'sent', 1, null);
    outbox.run('2026-27:b:reminder-1', 'b', 'reminder-1', 'queued', 0, 'waiting for working hours');
    return db;
  }

  it('marks cycles closed before it as published on their closing day, and only those', () => {
    const db = at010();
    expect(migrate(db, upTo2)).toEqual([2]);
    expect(db.prepare('SELECT id, published_on, audience, plan FROM cycles ORDER BY id').all()).toEqual([
      { id: '2024-25', published_on: null, audience: null, plan: null },
      { id: '2025-26', published_on: '2025-11-30', audience: null, plan: null },
      { id: '2026-27', published_on: null, audience: null, plan: null },
    ]);
    db.close();
  });

  it('keeps every outbox row and index, and takes "results are out", which may be sent', () => {
    const db = at010();
    migrate(db, upTo2);
    expect(db.prepare('SELECT key, status, attempts, reason FROM outbox ORDER BY key').all()).toEqual([
      { key: '2026-27:a:invitation', status: 'sent', attempts: 1, reason: null },
      { key: '2026-27:b:reminder-1', status: 'queued', attempts: 0, reason: 'waiting for working hours' },
    ]);
    db.prepare("INSERT INTO outbox (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at) VALUES ('2026-27:c:results', '2026-27', 'c', 'results', 1, 'sent', 1, 1)").run();
    expect(() =>
      db.prepare("INSERT INTO outbox (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at) VALUES ('2026-27:d:other', '2026-27', 'd', 'other', 1, 'queued', 0, 1)").run(),
    ).toThrow(/CHECK/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' ORDER BY name").pluck().all()).toEqual(['outbox_by_cycle', 'outbox_by_person', 'outbox_due']);
    db.close();
  });

  it('queues a saved questionnaire version for SharePoint once a site is named, and refuses a definition that is not JSON', () => {
    const db = at010();
    migrate(db, upTo2);
    db.prepare("INSERT INTO sharepoint_site (id, site_id) VALUES (1, 'site-1')").run();
    const add = db.prepare(
      "INSERT INTO questionnaires (id, version, kind, title, definition, based_on, saved_by, saved_on) VALUES ('supervision-spring', ?, 'pulse', 'Supervision', ?, NULL, 'demo-001', '2027-01-04')",
    );
    add.run(1, '{"id":"supervision-spring"}');
    expect(db.prepare("SELECT item_key FROM sharepoint_pending WHERE list = 'questionnaires'").pluck().all()).toEqual(['supervision-spring@1']);
    expect(() => add.run(2, '{not json')).toThrow(/CHECK/);
    expect(() => add.run(1, '{}')).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});
