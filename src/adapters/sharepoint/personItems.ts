import type { HeldItem, PersonRecordsStore } from '../../ports/personRecords';
import type { Db } from '../sqlite/database';
import { LIST_MODULES } from './lists';
import type { SharePointState } from './state';

/** Lists that hold no one's id: anonymous responses and keyed participation, and cycles. */
const ANONYMOUS = new Set(['cycles', 'responses', 'participation']);

/** Whether a field's value names the person: the id itself, or an audit task or supervision id holding it. */
export function fieldHoldsPerson(value: unknown, personId: string): boolean {
  if (typeof value !== 'string') return false;
  return (
    value === personId ||
    value.includes(`/person:${personId}/`) ||
    value.includes(`-${personId}-by-`) ||
    value.endsWith(`-by-${personId}`) ||
    value.split(',').includes(personId) ||
    value.includes(JSON.stringify(personId))
  );
}

/**
 * The person's records as SharePoint holds them: every item of every named list whose fields
 * (as the app writes them) hold their id, with its SharePoint item id, or none while it waits.
 */
export function sharePointPersonRecords(db: Db, state: SharePointState, local: PersonRecordsStore): PersonRecordsStore {
  return {
    rowsAbout: (personId) => local.rowsAbout(personId),
    async itemsAbout(personId: string): Promise<readonly HeldItem[]> {
      const out: HeldItem[] = [];
      for (const list of LIST_MODULES) {
        if (ANONYMOUS.has(list.name)) continue;
        const read = list.reader(db);
        for (const { item_key: key } of db.prepare(list.localKeysSql).all() as { item_key: string }[]) {
          const fields = read(key);
          if (!fields || !Object.values(fields).some((v) => fieldHoldsPerson(v, personId))) continue;
          out.push({ list: list.name, listName: list.spec.displayName, key, itemId: state.itemId(list.name, key), fields });
        }
      }
      return out;
    },
  };
}
