import type { Db } from '../../sqlite/database';
import type { Fields, Parsed } from './fields';
import type { ListSpec, SyncedList } from './spec';

/** What applying SharePoint's changes to one list needs from the delta sync. */
export interface SyncContext {
  readonly db: Db;
  /** What was not applied, and why, in plain words (`phc sharepoint sync` and the log). */
  readonly problems: string[];
  /**
   * An item the app cannot take: if the app has the record, its own values are written back
   * (SharePoint then agrees again). Returns the line to report.
   */
  restore(key: string, problem: string): string;
}

/**
 * One SharePoint list, all in one place: its columns, how a local row becomes item fields,
 * how an item from SharePoint is checked and applied, and what a deletion on either side
 * means. A new list is one module like this and its entry in `LIST_MODULES` (index.ts).
 */
export interface ListDefinition<Row, L extends SyncedList = SyncedList> {
  readonly spec: ListSpec & { readonly name: L };
  /**
   * Records leave in groups per cycle, held back until the group is large or old enough
   * (responses and participation: SharePoint's own Created times must not line up with who
   * answered when). Everything else leaves at once.
   */
  readonly heldInGroups: boolean;
  /**
   * When the local row is gone, the item is deleted too. Elsewhere a missing row means "never
   * leaves" (a participation record not yet submitted) and the item, if any, is kept.
   */
  readonly deletedWithTheApp: boolean;
  /** After reading the whole list (first sync, or SharePoint's 410), local records it no longer has are removed. */
  readonly fullReadRemovesUnseen: boolean;
  /** `SELECT … AS item_key, … AS cycle_id FROM …`: every local record that belongs in the list. */
  readonly localKeysSql: string;
  /** Reads a pending record's fields from the local row; undefined when it is gone or must not leave. */
  reader(db: Db): (key: string) => Fields | undefined;
  /** Whether the app holds the record. */
  has(db: Db, key: string): boolean;
  /** An item from SharePoint, checked as the app checks its own records; anything malformed is refused, not stored. */
  parse(fields: Fields): Parsed<Row>;
  /** Applies a checked item to the local store; true when it was taken. */
  apply(context: SyncContext, row: Row): boolean;
  /** Readies the local store for a page of items, before the transaction that applies them. */
  beforePage?(db: Db, items: readonly Fields[]): void;
  /** The item was deleted in SharePoint: true when the local record went too; if it stays, a problem says why. */
  deleted(context: SyncContext, key: string): boolean;
}

/** A list as the writer and the delta sync see it, whatever its row type. */
export interface SharePointList<L extends SyncedList = SyncedList> extends Omit<ListDefinition<unknown, L>, 'parse' | 'apply' | 'beforePage'> {
  readonly name: L;
  beforePage(db: Db, items: readonly Fields[]): void;
  /** An item changed in SharePoint: checked, then applied or refused. True when applied. */
  take(context: SyncContext, key: string, fields: Fields): boolean;
}

export function defineList<Row, L extends SyncedList>(definition: ListDefinition<Row, L>): SharePointList<L> {
  return {
    name: definition.spec.name,
    spec: definition.spec,
    heldInGroups: definition.heldInGroups,
    deletedWithTheApp: definition.deletedWithTheApp,
    fullReadRemovesUnseen: definition.fullReadRemovesUnseen,
    localKeysSql: definition.localKeysSql,
    reader: (db) => definition.reader(db),
    has: (db, key) => definition.has(db, key),
    deleted: (context, key) => definition.deleted(context, key),
    beforePage: (db, items) => definition.beforePage?.(db, items),
    take(context, key, fields) {
      const parsed = definition.parse(fields);
      if (!parsed.ok) {
        context.problems.push(context.restore(key, parsed.problem));
        return false;
      }
      return definition.apply(context, parsed.row);
    },
  };
}
