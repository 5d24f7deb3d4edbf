import type { Migration } from '.';

const DATE_CHECK = (column: string): string => `CHECK (length(${column}) = 10 AND ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;

/**
 * Pulse surveys and the survey cycle run from the tab (docs/adr/0021-questionnaires-as-a-registry.md):
 * - `questionnaires`: the PSW's own surveys, every version kept (a cycle names the version it
 *   ran), each a JSON definition checked by the app before it is stored;
 * - a cycle's settings on the cycle itself, so they survive with it (SharePoint's *PHC
 *   Cycles* carries them too): who is asked (`audience`, JSON, NULL for everyone, as every
 *   cycle before), reminder days and working hours (`plan`, JSON, NULL for the defaults), and
 *   the day its results were published to staff. Cycles already closed were readable by
 *   staff as soon as they closed, so they count as published on their closing day: nobody
 *   loses sight of results they had;
 * - the outbox takes a third kind that may be sent, `results` (the bot telling staff that
 *   results are out). Its kinds are a CHECK from the baseline, so the table is rebuilt, rows
 *   and indexes as they were.
 */
export const questionnairesAndCycleSettings: Migration = {
  id: 2,
  name: 'questionnaires, cycle settings and publishing',
  sql: `
      CREATE TABLE questionnaires (
        id TEXT NOT NULL CHECK (length(id) > 0),
        version INTEGER NOT NULL CHECK (version >= 1),
        kind TEXT NOT NULL CHECK (kind IN ('health-check', 'pulse')),
        title TEXT NOT NULL,
        definition TEXT NOT NULL CHECK (json_valid(definition)),
        based_on TEXT,
        saved_by TEXT NOT NULL,
        saved_on TEXT NOT NULL ${DATE_CHECK('saved_on')},
        PRIMARY KEY (id, version)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE cycles ADD COLUMN audience TEXT CHECK (audience IS NULL OR json_valid(audience));
      ALTER TABLE cycles ADD COLUMN plan TEXT CHECK (plan IS NULL OR json_valid(plan));
      ALTER TABLE cycles ADD COLUMN published_on TEXT CHECK (published_on IS NULL OR (length(published_on) = 10 AND published_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'));
      UPDATE cycles SET published_on = closes_on WHERE kind = 'live' AND status = 'closed';

      CREATE TABLE outbox_rebuilt (
        key TEXT NOT NULL PRIMARY KEY,
        cycle_id TEXT NOT NULL REFERENCES cycles (id),
        user_id TEXT NOT NULL CHECK (length(user_id) > 0),
        kind TEXT NOT NULL CHECK (kind IN ('invitation', 'org-return', 'results') OR kind GLOB 'reminder-[1-9]*'),
        due_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'no-conversation', 'sending', 'sent', 'done', 'unconfirmed', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        reason TEXT,
        CHECK (key = cycle_id || ':' || user_id || ':' || kind),
        CHECK (kind IN ('invitation', 'org-return', 'results') OR status <> 'sent')
      ) STRICT, WITHOUT ROWID;
      INSERT INTO outbox_rebuilt (key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at, lease_owner, lease_until, reason)
        SELECT key, cycle_id, user_id, kind, due_at, status, attempts, next_attempt_at, lease_owner, lease_until, reason FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_rebuilt RENAME TO outbox;
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
      CREATE INDEX outbox_by_cycle ON outbox (cycle_id, kind, status);
      CREATE INDEX outbox_by_person ON outbox (user_id, status);

      CREATE TRIGGER sharepoint_questionnaire_inserted AFTER INSERT ON questionnaires
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('questionnaires', NEW.id || '@' || NEW.version, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
  `,
};
