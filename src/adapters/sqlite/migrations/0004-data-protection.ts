import type { Migration } from '.';

const DATE_CHECK = (column: string): string => `CHECK (length(${column}) = 10 AND ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;

/**
 * What the Data Protection Officer needs (docs/adr/0023-retention-and-data-protection.md):
 *
 * - `retention_holds`: legal holds that stop disposal, on one person's named records, one
 *   cycle's answers or a whole kind of record.
 * - `disposal_log`: what each day's disposal did, as counts per kind of record. Never what was
 *   disposed of: the log must not keep what the disposal removed.
 * - `access_log`: who read or exported which kind of named record, about whom, when, and how
 *   many records; never the content.
 * - `cycle_close_outs`: a closed cycle's results as published (the disclosure audit's output,
 *   aggregates only) and its final response rate, kept when the cycle is closed out: its
 *   drafts deleted, its About you answers taken off the stored responses and its participation
 *   secret destroyed, after which neither could be worked out again.
 * - `sharepoint_disposals`: records whose SharePoint item must be deleted (disposed of here),
 *   or deleted and written afresh (`recreate`), so that no earlier version of the item keeps
 *   what the app has removed. The writer takes them from `sharepoint_pending` like any change.
 */
export const dataProtection: Migration = {
  id: 4,
  name: 'data protection: retention holds, disposal log, access log, cycle close-out',
  sql: `
      CREATE TABLE retention_holds (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        scope TEXT NOT NULL CHECK (scope GLOB 'person:?*' OR scope GLOB 'cycle:?*' OR scope GLOB 'type:?*'),
        reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        placed_by TEXT NOT NULL CHECK (length(placed_by) > 0),
        placed_on TEXT NOT NULL ${DATE_CHECK('placed_on')}
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE disposal_log (
        run_on TEXT NOT NULL ${DATE_CHECK('run_on')},
        record_type TEXT NOT NULL CHECK (length(record_type) > 0),
        action TEXT NOT NULL CHECK (action IN ('deleted', 'pseudonymised', 'restricted')),
        disposed INTEGER NOT NULL CHECK (disposed >= 0),
        held INTEGER NOT NULL CHECK (held >= 0),
        PRIMARY KEY (run_on, record_type, action)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE access_log (
        seq INTEGER NOT NULL PRIMARY KEY,
        at TEXT NOT NULL CHECK (length(at) = 20 AND at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
        viewer_id TEXT NOT NULL CHECK (length(viewer_id) > 0),
        action TEXT NOT NULL CHECK (action IN ('read', 'export')),
        what TEXT NOT NULL CHECK (length(what) > 0),
        subject_id TEXT,
        records INTEGER NOT NULL CHECK (records >= 0),
        via TEXT NOT NULL CHECK (via IN ('tab', 'phc'))
      ) STRICT;
      CREATE INDEX access_log_by_time ON access_log (at);
      CREATE INDEX access_log_by_subject ON access_log (subject_id, at);
      CREATE INDEX access_log_by_viewer ON access_log (viewer_id, at);

      CREATE TABLE cycle_close_outs (
        cycle_id TEXT NOT NULL PRIMARY KEY REFERENCES cycles (id),
        closed_out_on TEXT NOT NULL ${DATE_CHECK('closed_out_on')},
        results TEXT CHECK (results IS NULL OR json_valid(results)),
        response_rate TEXT CHECK (response_rate IS NULL OR json_valid(response_rate)),
        answers_disposed_on TEXT ${DATE_CHECK('answers_disposed_on')}
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sharepoint_disposals (
        list TEXT NOT NULL CHECK (length(list) > 0),
        item_key TEXT NOT NULL CHECK (length(item_key) > 0),
        recreate INTEGER NOT NULL CHECK (recreate IN (0, 1)),
        PRIMARY KEY (list, item_key)
      ) STRICT, WITHOUT ROWID;
  `,
};
