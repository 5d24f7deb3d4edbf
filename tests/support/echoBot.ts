/**
 * A tiny throwaway botbuilder bot, used to check the Agents Playground driver
 * (tests/support/playground.ts) against the real playground without the product's bot.
 *
 * - `CloudAdapter` + `ConfigurationBotFrameworkAuthentication({})`: no app id, i.e. local
 *   mode (the playground sends no token and the bot sends none back).
 * - text "card"            -> an Adaptive Card with an Input.Text, an Input.ChoiceSet and an
 *                             Action.Submit (`CARD_SUBMIT_DATA` as its data);
 * - a message with `value` -> "value: <JSON of the value>", then tries `updateActivity` on
 *                             `replyToId` (the card) and reports "update: ok" or
 *                             "update: failed <reason>";
 * - other text             -> "echo: <text>";
 * - conversationUpdate     -> "welcome: <ids of membersAdded>";
 * - installationUpdate     -> "installed: <action>".
 * Every incoming activity is kept in `received` so tests can look at the exact payloads.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';

export const CARD_SUBMIT_DATA = { verb: 'answer', question: 'q1' } as const;

export function echoCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Echo card', wrap: true },
      { type: 'Input.Text', id: 'name', label: 'Your name' },
      {
        type: 'Input.ChoiceSet',
        id: 'rating',
        label: 'Rating',
        choices: [
          { title: 'Good', value: '1' },
          { title: 'Bad', value: '2' },
        ],
      },
    ],
    actions: [{ type: 'Action.Submit', title: 'Send', data: { ...CARD_SUBMIT_DATA } }],
  };
}

export function updatedCard(value: unknown): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text: `Thanks, received ${JSON.stringify(value)}`, wrap: true }],
  };
}

export interface EchoBot {
  /** http://127.0.0.1:<port>/api/messages */
  readonly endpoint: string;
  readonly port: number;
  /** Every activity the bot received, in order. */
  readonly received: Partial<Activity>[];
  /** Errors from turns (also answered in the chat by onTurnError). */
  readonly errors: Error[];
  stop(): Promise<void>;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

async function onTurn(context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (activity.type === 'conversationUpdate') {
    const ids = (activity.membersAdded ?? []).map((m) => m.id).join(',');
    if (ids) await context.sendActivity(`welcome: ${ids}`);
    return;
  }
  if (activity.type === 'installationUpdate') {
    await context.sendActivity(`installed: ${String(activity.action)}`);
    return;
  }
  if (activity.type !== 'message') return;
  if (activity.value !== undefined && activity.value !== null) {
    await context.sendActivity(`value: ${JSON.stringify(activity.value)}`);
    if (activity.replyToId) {
      try {
        await context.updateActivity({
          type: 'message',
          id: activity.replyToId,
          attachments: [CardFactory.adaptiveCard(updatedCard(activity.value))],
        });
        await context.sendActivity('update: ok');
      } catch (error) {
        await context.sendActivity(`update: failed ${(error as Error).message}`);
      }
    }
    return;
  }
  const text = (activity.text ?? '').trim();
  if (text === 'card') {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(echoCard())] });
    return;
  }
  await context.sendActivity(`echo: ${text}`);
}

/** Starts the echo bot on a free port of 127.0.0.1. */
export async function startEchoBot(): Promise<EchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const received: Partial<Activity>[] = [];
  const errors: Error[] = [];
  adapter.onTurnError = async (context, error) => {
    errors.push(error);
    await context.sendActivity(`error: ${error.message}`);
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/api/messages')) {
        // The playground's readiness probe (wait-on) does a HEAD/GET: any answer will do.
        res.writeHead(req.method === 'POST' ? 404 : 200).end();
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = (await readJson(req)) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      received.push(body as Partial<Activity>);
      let status = 200;
      const response = {
        socket: res.socket,
        status(code: number) {
          status = code;
          return response;
        },
        header(name: string, value: unknown) {
          res.setHeader(name, String(value));
          return response;
        },
        send(payload?: unknown) {
          if (res.writableEnded) return response;
          if (payload === undefined) res.writeHead(status).end();
          else res.writeHead(status, { 'content-type': 'application/json' }).end(typeof payload === 'string' ? payload : JSON.stringify(payload));
          return response;
        },
        end() {
          if (!res.writableEnded) res.writeHead(status).end();
          return response;
        },
      };
      await adapter.process({ body, headers: req.headers, method: req.method }, response, onTurn);
      if (!res.writableEnded) res.writeHead(status).end();
    })().catch((error: unknown) => {
      errors.push(error as Error);
      if (!res.writableEnded) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    port,
    received,
    errors,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
