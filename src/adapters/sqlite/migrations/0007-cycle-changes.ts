import type { Migration } from '.';

/**
 * A count that moves with every change to the cycles, by any connection and any route (the
 * store, a SharePoint sync, a recovery, `phc` in another process). Every survey turn reads its
 * cycle and the list of cycles; the cycle store keeps what it read while this count stands.
 * SQLite's own signs of change (`total_changes()`, `data_version`) move with a change to any
 * table, and under a burst something changes between any two turns. Nothing here says
 * anything about a person: it is one number.
 */
export const cycleChanges: Migration = {
  id: 7,
  name: 'a count of changes to the cycles',
  sql: `
      CREATE TABLE cycle_changes (
        id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
        count INTEGER NOT NULL
      ) STRICT;
      INSERT INTO cycle_changes (id, count) VALUES (1, 0);
      CREATE TRIGGER cycle_added AFTER INSERT ON cycles BEGIN UPDATE cycle_changes SET count = count + 1; END;
      CREATE TRIGGER cycle_changed AFTER UPDATE ON cycles BEGIN UPDATE cycle_changes SET count = count + 1; END;
      CREATE TRIGGER cycle_removed AFTER DELETE ON cycles BEGIN UPDATE cycle_changes SET count = count + 1; END;
  `,
};
