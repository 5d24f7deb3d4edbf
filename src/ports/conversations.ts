import type { UserId } from '../domain/shared/brand';
import type { Page, PageRequest } from './stores';

/**
 * Where the bot keeps how to reach each person (a Bot Framework conversation reference, as
 * JSON). Operational state: always in SQLite, never in SharePoint, never joined to answers.
 */
export interface ConversationStore {
  put(userId: UserId, reference: Readonly<Record<string, unknown>>): Promise<void>;
  get(userId: UserId): Promise<Readonly<Record<string, unknown>> | undefined>;
  list(page: PageRequest): Promise<Page<{ readonly userId: UserId; readonly reference: Readonly<Record<string, unknown>> }>>;
}
