import type { FastifyReply, FastifyRequest } from 'fastify';

/*
 * What the server needs of the bot's endpoint (`POST /api/messages`). The bot (src/bot/endpoint.ts)
 * provides it and the composition root hands it to the server, so the server never imports the bot.
 */

/**
 * What the bot trusts (docs/security.md):
 * - `local` (no app id, for the Agents Playground): requests from this machine only, and
 *   replies only to a `serviceUrl` on this machine;
 * - `microsoft` (an app id): only activities with a valid Bot Framework token (CloudAdapter
 *   checks it), whose `serviceUrl` is Microsoft's and is the one the token was issued for.
 */
export type BotTrust =
  | { readonly mode: 'local' }
  | {
      readonly mode: 'microsoft';
      /** Tests only: which `serviceUrl`s count as Microsoft's (a local stand-in); Microsoft's hosts otherwise. */
      readonly serviceUrlAllowed?: (serviceUrl: string) => boolean;
    };

/** What the server knows about a request to the bot before the bot reads it. */
export interface BotRequestHooks {
  /** From this machine, not passed on by a proxy. */
  readonly fromThisMachine: boolean;
  /** The per-person rate limit: throws (429) when this person has sent too much. */
  readonly perPerson: (userId: string) => Promise<void>;
}

export interface BotEndpoint {
  readonly trust: BotTrust;
  handle(request: FastifyRequest, reply: FastifyReply, hooks: BotRequestHooks): Promise<FastifyReply>;
}
