import type { HeldRows, PersonRecordsStore } from '../../ports/personRecords';
import type { Db } from './database';
import { holdsPerson, PERSON_REFERENCES } from './personReferences';

/** Binary columns are never part of an export: they hold nothing a person could read. */
const printable = (row: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? '(binary, not shown)' : v]));

/**
 * Every row in the store that holds a person's id, table by table, found through the one list
 * of such columns (PERSON_REFERENCES). SharePoint's copies are the SharePoint adapter's to add.
 */
export function sqlitePersonRecordsStore(db: Db): PersonRecordsStore {
  return {
    async rowsAbout(personId: string): Promise<readonly HeldRows[]> {
      const tables = [...new Set(PERSON_REFERENCES.map((r) => r.table))];
      const out: HeldRows[] = [];
      for (const table of tables) {
        const refs = PERSON_REFERENCES.filter((r) => r.table === table);
        const conditions = refs.map((r) => ({ ref: r, ...holdsPerson(r, personId) }));
        const rows = db.prepare(`SELECT * FROM "${table}" WHERE ${conditions.map((c) => c.sql).join(' OR ')}`).all(...conditions.flatMap((c) => c.params)) as Record<string, unknown>[];
        if (rows.length === 0) continue;
        const because = conditions
          .filter((c) => (db.prepare(`SELECT 1 FROM "${table}" WHERE ${c.sql} LIMIT 1`).get(...c.params) as unknown) !== undefined)
          .map((c) => ({ column: c.ref.column, means: c.ref.means }));
        out.push({ table, because, rows: rows.map(printable) });
      }
      return out;
    },
    async itemsAbout(): Promise<readonly never[]> {
      // Without a SharePoint site, nothing is held there.
      return [];
    },
  };
}
