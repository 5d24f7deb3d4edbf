import type { CycleId } from '../../domain/shared/brand';
import type { PublishedCycle } from '../../domain/history/types';
import { StoreError, type PublishedResultsStore } from '../../ports/stores';
import { parseObject } from './codec';
import { writeTransaction, type Db } from './database';

interface PublishedRow {
  readonly id: string;
  readonly body: string;
}

/** The stored document, if it still has the shape of a published cycle. */
function toPublished(row: PublishedRow): PublishedCycle {
  const body = parseObject(row.body);
  const ok =
    body !== undefined &&
    body.id === row.id &&
    typeof body.title === 'string' &&
    typeof body.opensOn === 'string' &&
    Array.isArray(body.figures) &&
    Array.isArray(body.notComparable) &&
    Array.isArray(body.unmapped);
  if (!ok) throw new StoreError('invalid', `The stored published results of ${row.id} cannot be read.`);
  return body as unknown as PublishedCycle;
}

export function sqlitePublishedStore(db: Db): PublishedResultsStore {
  const upsert = db.prepare(
    `INSERT INTO published_cycles (id, opens_on, body) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET opens_on = excluded.opens_on, body = excluded.body`,
  );
  const select = db.prepare('SELECT id, body FROM published_cycles WHERE id = ?');
  const all = db.prepare('SELECT id, body FROM published_cycles ORDER BY opens_on, id');

  return {
    async put(cycle: PublishedCycle): Promise<void> {
      if (typeof cycle !== 'object' || cycle === null || typeof cycle.id !== 'string' || cycle.id === '') {
        throw new StoreError('invalid', 'Published results need a cycle id.');
      }
      if (typeof cycle.opensOn !== 'string') throw new StoreError('invalid', `Published results of ${cycle.id} need an opening date.`);
      const body = JSON.stringify(cycle);
      writeTransaction(db, () => upsert.run(cycle.id, cycle.opensOn, body));
    },

    async get(id: CycleId): Promise<PublishedCycle | undefined> {
      const row = select.get(id) as PublishedRow | undefined;
      return row && toPublished(row);
    },

    async list(): Promise<readonly PublishedCycle[]> {
      return (all.all() as PublishedRow[]).map(toPublished);
    },
  };
}
