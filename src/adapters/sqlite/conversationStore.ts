import { asUserId, type UserId } from '../../domain/shared/brand';
import { userIdProblem } from '../../domain/shared/userId';
import type { ConversationStore } from '../../ports/conversations';
import { StoreError, type Page, type PageRequest } from '../../ports/stores';
import { pageLimit } from './codec';
import type { Db } from './database';

function parse(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new StoreError('invalid', 'A stored conversation reference is damaged.');
  return value as Record<string, unknown>;
}

export function sqliteConversationStore(db: Db): ConversationStore {
  const upsert = db.prepare('INSERT INTO conversations (user_id, reference) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET reference = excluded.reference');
  const select = db.prepare('SELECT reference FROM conversations WHERE user_id = ?').pluck();
  const page = db.prepare('SELECT user_id, reference FROM conversations WHERE user_id > ? ORDER BY user_id LIMIT ?');
  return {
    async put(userId: UserId, reference: Readonly<Record<string, unknown>>): Promise<void> {
      // The last line of defence: whatever reached the bot, nothing is kept under a made-up id.
      if (userIdProblem(userId) !== undefined) throw new StoreError('invalid', 'A conversation needs the id of a person.');
      upsert.run(userId, JSON.stringify(reference));
    },
    async get(userId: UserId) {
      const json = select.get(userId) as string | undefined;
      return json === undefined ? undefined : parse(json);
    },
    async list(request: PageRequest): Promise<Page<{ userId: UserId; reference: Readonly<Record<string, unknown>> }>> {
      const limit = pageLimit(request);
      const rows = page.all(request.continuation ?? '', limit + 1) as { user_id: string; reference: string }[];
      const items = rows.slice(0, limit).map((r) => ({ userId: asUserId(r.user_id), reference: parse(r.reference) }));
      const last = items[items.length - 1];
      return rows.length > limit && last ? { items, continuation: last.userId } : { items };
    },
  };
}
