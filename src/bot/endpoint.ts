import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import type { BotEndpoint, BotRequestHooks, BotTrust } from '../server/botEndpoint';
import { userIdProblem } from '../domain/shared/userId';
import { isLoopbackUrl, isMicrosoftServiceUrl } from '../server/security';
import { Deliveries } from './deliveries';
import type { SurveyBot } from './surveyBot';

export type { BotEndpoint, BotRequestHooks, BotTrust };

/** An activity the bot has checked: only the fields it knows, each of the kind the Bot Framework says. */
export type CheckedActivity = Readonly<Record<string, unknown>> & {
  readonly type: string;
  readonly serviceUrl: string;
  readonly from: { readonly id: string; readonly aadObjectId?: string };
};

export type ActivityCheck = { readonly ok: true; readonly activity: CheckedActivity; readonly userId: string } | { readonly ok: false; readonly reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Thrown inside the check: the path of the first field that is not what the Bot Framework says. */
class Unreadable extends Error {}

function text(v: unknown, path: string, max: number, required = false): string | undefined {
  if (v === undefined || (v === null && !required)) {
    if (required) throw new Unreadable(`${path} is missing`);
    return undefined;
  }
  if (typeof v !== 'string') throw new Unreadable(`${path} is not text`);
  if (v.length > max) throw new Unreadable(`${path} is too long`);
  if (required && v.trim() === '') throw new Unreadable(`${path} is empty`);
  return v;
}

function pick(o: Record<string, unknown>, path: string, fields: Readonly<Record<string, number>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, max] of Object.entries(fields)) {
    const value = text(o[name], `${path}.${name}`, max);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

const ACCOUNT = { name: 256, aadObjectId: 256, role: 32 } as const;

/** The Bot Framework's activity types: any other is not an activity. */
const ACTIVITY_TYPES: ReadonlySet<string> = new Set([
  'message',
  'contactRelationUpdate',
  'conversationUpdate',
  'typing',
  'endOfConversation',
  'event',
  'invoke',
  'invokeResponse',
  'deleteUserData',
  'messageUpdate',
  'messageDelete',
  'installationUpdate',
  'messageReaction',
  'suggestion',
  'trace',
  'handoff',
  'command',
  'commandResult',
]);

/** A channel's id (`msteams`, `emulator`, `webchat`, `directline`…): a short lower-case word. */
const CHANNEL_ID = /^[a-z][a-z0-9-]{0,31}$/;

function account(v: unknown, path: string, person: boolean): Record<string, string> & { readonly id: string } {
  if (!isObject(v)) throw new Unreadable(`${path} is not an account`);
  const id = text(v.id, `${path}.id`, 256, true) as string;
  const rest = pick(v, path, ACCOUNT);
  if (person) {
    const problem = userIdProblem(rest.aadObjectId ?? id);
    if (problem) throw new Unreadable(`${path}'s id ${problem}`);
  }
  return { id, ...rest };
}

function conversation(v: unknown): Record<string, unknown> {
  if (!isObject(v)) throw new Unreadable('conversation is not a conversation');
  const id = text(v.id, 'conversation.id', 1024, true) as string;
  const rest = pick(v, 'conversation', { name: 256, conversationType: 64, tenantId: 256, role: 32, aadObjectId: 256 });
  if (v.isGroup !== undefined && typeof v.isGroup !== 'boolean') throw new Unreadable('conversation.isGroup is not true or false');
  return { id, ...rest, ...(typeof v.isGroup === 'boolean' ? { isGroup: v.isGroup } : {}) };
}

function list(v: unknown, path: string, max: number, each: (item: unknown, path: string) => unknown): unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new Unreadable(`${path} is not a list`);
  if (v.length > max) throw new Unreadable(`${path} is too long`);
  return v.map((item, i) => each(item, `${path}[${i}]`));
}

/**
 * Reads an activity as the Bot Framework defines it, keeping only the fields the bot uses,
 * each of the right kind: anything else is refused before the SDK, the store or a flow sees
 * it. The person's id (Entra object id, else the channel's) must look like a person's.
 */
export function checkActivity(body: unknown): ActivityCheck {
  try {
    if (!isObject(body)) throw new Unreadable('the body is not an object');
    const type = text(body.type, 'type', 64, true) as string;
    if (!ACTIVITY_TYPES.has(type)) throw new Unreadable('type is not a Bot Framework activity type');
    const channelId = text(body.channelId, 'channelId', 64, true) as string;
    if (!CHANNEL_ID.test(channelId)) throw new Unreadable('channelId is not a channel');
    const serviceUrl = text(body.serviceUrl, 'serviceUrl', 2048, true) as string;
    const from = account(body.from, 'from', true);
    const activity: Record<string, unknown> = {
      type,
      serviceUrl,
      channelId,
      from,
      recipient: account(body.recipient, 'recipient', false),
      conversation: conversation(body.conversation),
      ...pick(body, 'activity', {
        id: 256,
        text: 100_000,
        replyToId: 256,
        locale: 64,
        name: 256,
        timestamp: 64,
        localTimestamp: 64,
        localTimezone: 64,
        textFormat: 32,
        inputHint: 32,
        valueType: 256,
        action: 64,
      }),
    };
    if (body.value !== undefined && body.value !== null) {
      // Card data (Action.Submit, Action.Execute) is always an object.
      if (!isObject(body.value)) throw new Unreadable('value is not an object');
      activity.value = body.value;
    }
    if (body.channelData !== undefined && body.channelData !== null) {
      if (!isObject(body.channelData)) throw new Unreadable('channelData is not an object');
      activity.channelData = body.channelData;
    }
    const membersAdded = list(body.membersAdded, 'membersAdded', 100, (m, p) => account(m, p, true));
    if (membersAdded) activity.membersAdded = membersAdded;
    const membersRemoved = list(body.membersRemoved, 'membersRemoved', 100, (m, p) => account(m, p, false));
    if (membersRemoved) activity.membersRemoved = membersRemoved;
    const entities = list(body.entities, 'entities', 50, (e, p) => {
      if (!isObject(e) || typeof e.type !== 'string') throw new Unreadable(`${p} is not an entity`);
      return e;
    });
    if (entities) activity.entities = entities;
    const attachments = list(body.attachments, 'attachments', 50, (a, p) => {
      if (!isObject(a)) throw new Unreadable(`${p} is not an attachment`);
      return { contentType: text(a.contentType, `${p}.contentType`, 256, true), ...pick(a, p, { contentUrl: 2048, name: 256 }), ...(a.content !== undefined ? { content: a.content } : {}) };
    });
    if (attachments) activity.attachments = attachments;
    return { ok: true, activity: activity as CheckedActivity, userId: from.aadObjectId ?? from.id };
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, reason: error.message };
    throw error;
  }
}

const UNREADABLE = 'The bot could not read this message: it is not a Bot Framework activity the bot understands.';
const NOT_HERE = 'This bot runs without Bot Framework sign-in (no MicrosoftAppId), so it answers only the computer it runs on.';
const WRONG_SERVICE = 'The bot replies only to the Bot Framework service that sent the message, and this one is not it.';
const NOT_SIGNED = 'The message is not signed by the Bot Framework.';
const FAILED = 'The bot could not answer just now; please try again in a moment.';

/**
 * `POST /api/messages`. The server has already limited the body and the rate per address; here
 * the activity is checked (400 in plain words otherwise), the per-person rate applied, and then
 * CloudAdapter checks the token (with an app id) and runs the turn, once for each activity
 * however often it is delivered. Its answer is passed on, except any text of its own errors,
 * which goes to the log.
 */
export function botEndpoint(adapter: CloudAdapter, bot: SurveyBot, trust: BotTrust, deliveries = new Deliveries()): BotEndpoint {
  const serviceUrlAllowed = trust.mode === 'local' ? isLoopbackUrl : (trust.serviceUrlAllowed ?? ((url: string) => isMicrosoftServiceUrl(url)));
  return {
    trust,
    async handle(request, reply, hooks) {
      const refuse = (status: number, error: string) => reply.code(status).header('cache-control', 'no-store').send({ error });
      if (trust.mode === 'local' && !hooks.fromThisMachine) {
        request.log.warn({ bot: 'refused', reason: 'not from this machine' }, 'bot request refused');
        return refuse(403, NOT_HERE);
      }
      const checked = checkActivity(request.body);
      if (!checked.ok) {
        request.log.warn({ bot: 'refused', reason: checked.reason }, 'bot request refused');
        return refuse(400, UNREADABLE);
      }
      if (!serviceUrlAllowed(checked.activity.serviceUrl)) {
        request.log.warn({ bot: 'refused', reason: 'serviceUrl not allowed' }, 'bot request refused');
        return refuse(400, WRONG_SERVICE);
      }
      await hooks.perPerson(checked.userId);

      let status = 200;
      let payload: unknown;
      let untrusted = false;
      let repeated = false;
      const response = {
        socket: request.raw.socket,
        status(code: number) {
          status = code;
          return response;
        },
        header() {
          return response;
        },
        send(body?: unknown) {
          payload = body;
          return response;
        },
        end() {
          return response;
        },
      };
      const logic = async (context: TurnContext): Promise<void> => {
        if (trust.mode === 'microsoft') {
          // The SDK checks the token's serviceurl claim only when the token has one; a token of
          // another kind (the Emulator's, a skill's) has none and would let any serviceUrl through.
          const identity = context.turnState.get<ClaimsIdentity | undefined>(adapter.BotIdentityKey);
          if (identity?.getClaimValue('serviceurl') !== context.activity.serviceUrl) {
            untrusted = true;
            return;
          }
        }
        // Only once the request is known to be the channel's: a forged one cannot use up an id.
        if (!deliveries.first(checked.activity)) {
          repeated = true;
          return;
        }
        try {
          await bot.run(context);
        } catch (error) {
          deliveries.forget(checked.activity);
          throw error;
        }
      };
      await adapter.process({ body: checked.activity, headers: request.headers, method: request.method }, response, logic);
      if (untrusted) {
        request.log.warn({ bot: 'refused', reason: 'token not issued for this serviceUrl' }, 'bot request refused');
        return refuse(403, WRONG_SERVICE);
      }
      if (repeated) request.log.info({ bot: 'delivered again' }, 'activity already taken: answered without a second turn');
      if (status === 401) return refuse(401, NOT_SIGNED);
      if (status >= 400) {
        // The SDK's own text (stack traces, field paths) stays in the log.
        request.log.error({ bot: 'failed', status, detail: typeof payload === 'string' ? payload.slice(0, 500) : undefined }, 'bot turn failed');
        return refuse(status >= 500 ? 502 : 400, status >= 500 ? FAILED : UNREADABLE);
      }
      reply.code(status).header('cache-control', 'no-store');
      return payload === undefined ? reply.send() : reply.send(payload);
    },
  };
}
