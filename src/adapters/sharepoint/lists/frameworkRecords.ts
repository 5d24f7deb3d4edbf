import { isCalendarDate } from '../../../domain/audit/forms/validate';
import type { Db } from '../../sqlite/database';
import { fromSharePointDate, int, type Fields, type Parsed } from './fields';
import type { ListDefinition, SyncContext } from './types';

/**
 * What the framework's three lists (focus groups, thematic reviews, self-assessments) share.
 * Their records are edited in the app, where the checks that need the staff directory run
 * (no note or finding may name anyone), so SharePoint holds them as the record, like the
 * "You said, we did" list: an item the app does not have (another copy of the app, or a
 * rebuild from SharePoint) is taken; a change made in SharePoint to one it has is refused and
 * the app's values written back; one deleted there is kept in the app and reported.
 */

export const day = (v: unknown): string | undefined => {
  const d = fromSharePointDate(v);
  return d !== undefined && isCalendarDate(d) ? d : undefined;
};
export const optionalDay = (v: unknown): string | null | undefined => (v === null || v === undefined || v === '' ? null : day(v));
export const json = (v: unknown): string | undefined => {
  if (typeof v !== 'string' || v === '') return undefined;
  try {
    JSON.parse(v);
    return v;
  } catch {
    return undefined;
  }
};
export const whole = (v: unknown): number | undefined => int(v);
export const optionalWhole = (v: unknown): number | null | undefined => (v === null || v === undefined || v === '' ? null : int(v));

/** Applies an item: new to the app → inserted; the same → nothing; changed in SharePoint → refused and written back. */
export function applyAppRecord<Row extends { readonly id: string }>(
  context: SyncContext,
  row: Row,
  local: Row | undefined,
  what: string,
  insert: (db: Db, row: Row) => void,
  same: (a: Row, b: Row) => boolean,
): boolean {
  if (!local) {
    insert(context.db, row);
    return true;
  }
  if (!same(row, local)) context.problems.push(context.restore(row.id, `${what} ${row.id} was changed in SharePoint, but it is changed in the app, where its words are checked`));
  return false;
}

export function keptWhenDeleted(context: SyncContext, key: string, what: string): boolean {
  context.problems.push(`${what} ${key} was deleted in SharePoint; kept here, with its record`);
  return false;
}

/**
 * How a framework record kept in one table (`table`, its `columns` as a list) reads, applies
 * and keeps its items: everything a list needs besides its spec and the parsing of its fields.
 */
export function oneTableRecord<Row extends { readonly id: string }>(
  table: string,
  columns: string,
  what: string,
  fieldsOf: (row: Row) => Fields,
): Pick<ListDefinition<Row>, 'heldInGroups' | 'deletedWithTheApp' | 'fullReadRemovesUnseen' | 'localKeysSql' | 'reader' | 'has' | 'apply' | 'deleted'> {
  const names = columns.split(', ');
  return {
    heldInGroups: false,
    deletedWithTheApp: false,
    fullReadRemovesUnseen: false,
    localKeysSql: `SELECT id AS item_key, '' AS cycle_id FROM ${table}`,
    reader(db) {
      const get = db.prepare(`SELECT ${columns} FROM ${table} WHERE id = ?`);
      return (key) => {
        const row = get.get(key) as Row | undefined;
        return row && fieldsOf(row);
      };
    },
    has: (db, key) => db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(key) !== undefined,
    apply(context, row) {
      const local = context.db.prepare(`SELECT ${columns} FROM ${table} WHERE id = ?`).get(row.id) as Row | undefined;
      return applyAppRecord(
        context,
        row,
        local,
        what,
        (db, r) => db.prepare(`INSERT INTO ${table} (${columns}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(r),
        (a, b) => names.every((n) => a[n as keyof Row] === b[n as keyof Row]),
      );
    },
    deleted: (context, key) => keptWhenDeleted(context, key, what),
  };
}

/** The fields a row has that did not read back, for the refusal. */
export function unreadable(row: Record<string, unknown>, optional: readonly string[] = []): string[] {
  return Object.entries(row)
    .filter(([k, v]) => v === undefined && !optional.includes(k))
    .map(([k]) => k);
}

export type { Fields, Parsed };
