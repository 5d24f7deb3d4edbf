import { AsyncLocalStorage } from 'node:async_hooks';
import type { CloudAdapter, ConversationReference as BotConversationReference, TurnContext } from 'botbuilder';
import type { ConversationReference, Messenger, OutgoingMessage, SendOptions, SendOutcome } from '../../ports/messenger';
import type { Cycle } from '../../ports/stores';
import { proactiveActivity } from './activity';

export interface BotMessengerOptions {
  readonly adapter: CloudAdapter;
  /** The bot's Microsoft app id; empty in local mode (no credentials, no token on outgoing calls). */
  readonly appId: string;
  /** About how long the survey takes, for the cards. */
  readonly minutes: number;
  /** About how long a cycle's own survey takes (a pulse is shorter than the Health Check); default `minutes`. */
  readonly minutesFor?: (cycle: Cycle) => Promise<number>;
  /** After this long with no answer the send is in doubt (it may have arrived). */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** When a 429 carries no Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 2_000;
/** Connection errors that mean the request never left: safe to send again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface BotError {
  readonly statusCode?: number;
  readonly code?: string;
  readonly message?: string;
  readonly response?: { readonly status?: number; readonly headers?: { get?(name: string): string | undefined } };
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What a 403 means for a person, in plain words, from Teams' error code where it gives one. */
function forbidden(code: string | undefined): string {
  if (code === 'BotDisabledByAdmin') return 'an administrator has blocked the app for this person (403)';
  if (code === 'ConversationBlockedByUser') return 'the person has blocked the app (403)';
  return 'the person has blocked or uninstalled the app (403)';
}

/** Maps what botbuilder threw to a `SendOutcome`. */
export function outcomeOf(error: unknown): SendOutcome {
  const e = (typeof error === 'object' && error !== null ? error : {}) as BotError;
  const status = e.statusCode ?? e.response?.status;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (status === undefined) {
    if (code && NOT_SENT.has(code)) return { kind: 'retry', reason: `could not reach Teams (${code})` };
    return { kind: 'in-doubt', reason: `the connection to Teams failed mid-request (${code ?? e.message ?? 'unknown error'})` };
  }
  if (status === 429) {
    const wait = retryAfterMs(e.response?.headers?.get?.('retry-after')) ?? DEFAULT_RETRY_AFTER_MS;
    return { kind: 'throttled', retryAfterMs: wait, reason: `Teams asked us to slow down (429, retry after ${Math.ceil(wait / 1000)} s)` };
  }
  if (status === 403) return { kind: 'permanent', reason: forbidden(code) };
  if (status === 404) return { kind: 'permanent', reason: 'the conversation no longer exists: the app was probably uninstalled (404)' };
  if (status === 401) return { kind: 'retry', reason: "the Bot Connector refused the bot's credentials (401): check MicrosoftAppId and its secret" };
  if (status === 412 || status >= 500) return { kind: 'retry', reason: `Teams was briefly unable to take it (${status})` };
  if (status === 413) return { kind: 'permanent', reason: 'the message is too large for Teams (413)' };
  return { kind: 'permanent', reason: `Teams refused the message (${status}${code ? ` ${code}` : ''})` };
}

interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: { name: string; sendRequest(request: unknown, next: (request: unknown) => Promise<unknown>): Promise<unknown> }, options?: { afterPhase?: string }): void;
}

/** The send under way, for the pipeline step that runs its `beforeRequest`: the client is shared by every send. */
const currentSend = new AsyncLocalStorage<SendOptions['beforeRequest']>();
/** Pipelines already adjusted (the adapter keeps one client, so one pipeline, per service URL). */
const adjusted = new WeakSet<object>();

/**
 * Adjusts the HTTP pipeline of the connector client the adapter gives proactive sends, once:
 * - botbuilder retries 429s and 5xx by itself, and also connection resets, which can deliver
 *   a message twice. The outbox decides about retries (Retry-After, backoff, bounded
 *   attempts, never after a possible delivery), so the SDK's own retry is taken out;
 * - the `beforeRequest` of the send under way runs as the last step before its request leaves.
 */
function adjustPipeline(context: TurnContext): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as { client?: { pipeline?: Pipeline } } | undefined;
  const pipeline = connector?.client?.pipeline;
  if (!pipeline || adjusted.has(pipeline)) return;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(
    {
      name: 'phcBeforeRequest',
      async sendRequest(request, next) {
        await currentSend.getStore()?.();
        return next(request);
      },
    },
    { afterPhase: 'Sign' },
  );
  adjusted.add(pipeline);
}

/**
 * The production Messenger: botbuilder's `CloudAdapter.continueConversationAsync` into the
 * person's 1:1 chat, and `sendActivity` with the card. With an empty app id (local mode,
 * `ConfigurationBotFrameworkAuthentication` with no MicrosoftAppId) botframework-connector
 * uses `MicrosoftAppCredentials.Empty`: outgoing calls carry no token, so the Agents
 * Playground or a local stand-in at the reference's `serviceUrl` accepts them.
 */
export function createBotMessenger(options: BotMessengerOptions): Messenger {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async send(message: OutgoingMessage, reference: ConversationReference, sendOptions: SendOptions = {}): Promise<SendOutcome> {
      const conversation = reference.conversation as { id?: unknown } | undefined;
      if (typeof reference.serviceUrl !== 'string' || typeof conversation?.id !== 'string') {
        return { kind: 'permanent', reason: 'the stored conversation reference is incomplete; it is replaced when the person next talks to the bot' };
      }
      const minutes = (message.kind === 'invitation' || message.kind === 'reminder') && options.minutesFor ? await options.minutesFor(message.cycle).catch(() => options.minutes) : options.minutes;
      const activity = proactiveActivity(message, minutes);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<SendOutcome>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'in-doubt', reason: `no answer from Teams within ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
      });
      // The send's own error is caught inside the turn: an adapter's onTurnError would
      // otherwise swallow it (and send the person an apology), and we would count it as sent.
      let failure: { readonly error: unknown } | undefined;
      const attempt = currentSend
        .run(sendOptions.beforeRequest, () =>
          options.adapter.continueConversationAsync(options.appId, reference as unknown as Partial<BotConversationReference>, async (context) => {
            adjustPipeline(context);
            try {
              await context.sendActivity(activity);
            } catch (error) {
              failure = { error };
            }
          }),
        )
        .then((): SendOutcome => (failure ? outcomeOf(failure.error) : { kind: 'sent' }), outcomeOf);
      try {
        return await Promise.race([attempt, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
