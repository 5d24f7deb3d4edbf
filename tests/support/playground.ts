/**
 * Headless driver for the Microsoft 365 Agents Playground (@microsoft/m365agentsplayground
 * 0.2.28, bin `agentsplayground`), for end-to-end tests of the bot.
 *
 * What the playground is, as read from its dist code (dist/index.js) and checked against
 * tests/support/echoBot.ts (tests/e2e/playgroundDriver.test.ts):
 *
 * Process
 * - `node <pkg>/cli.js -e <bot endpoint> -c msteams -p <port> --disable-telemetry`
 *   (`start` is the default command). `-p 0` = a random free port; a busy port also falls
 *   back to a random one. Env `TEAMSAPPTESTER_BROWSER=none`: no browser.
 * - When stdout is not a TTY it prints exactly `Listening on <port>` to stdout and writes
 *   everything else (console.log/error, including its own crash reports) only to its log
 *   file: `M365_AGENTS_PLAYGROUND_LOGFILE` (default ./devTools/m365agentsplayground.log in
 *   its cwd, hence our temp cwd). Startup failures are therefore read from that file.
 * - The mock Teams data comes from a YAML config (`M365_AGENTS_PLAYGROUND_CONFIG_PATH`,
 *   default ./.m365agentsplayground.yml; JSON is valid YAML): tenantId, bot {id, name},
 *   currentUser, exactly 5 `users`, personalChat.id, groupChat, team. We always write one.
 * - "Listening on" is printed in the same tick the routes are mounted. Ready (API + both
 *   streams) ~1.0-1.4 s after spawn here; two more started in parallel: ~1.3-2 s. The server
 *   listens on all interfaces; its serviceUrl is `http://localhost:<port>/_connector`.
 * - One node process, no children; SIGTERM ends it. We start it in its own process group
 *   and signal the group.
 *
 * HTTP API (all JSON)
 * - GET  /_debug/ping -> "pong".
 * - GET  /_internal/v1/testConfig -> { config: { tenantId, bot, currentUser, users,
 *   personalChat: {id}, groupChats: [{id, members}], teams }, internalConfig }. Immediate.
 *   (GET /_internal/v1/config is what the web UI uses: it first waits, up to 15 s, for the
 *   bot endpoint to answer. The config is read-only: there is no API to change the user.)
 * - POST /_conversation/v1/conversations/{conversationId}/messages
 *   { from: {id}, text, textFormat: "plain"|"markdown"|"xml", mentions? } -> 200
 *   { messageId, timestamp }. The activity is posted to the bot after the response.
 *   `from.id` must be a member of the chat (personal chat: only currentUser, else 400
 *   UserNotFound) but is otherwise ignored: a message activity is always from currentUser.
 *   In a personal chat every message goes to the bot; in the group chat only messages that
 *   mention the bot (mentions: [{ mentioned: {id: bot id}, text: "<at>Bot</at>" }]).
 * - POST /_conversation/v1/submit { conversation: {id}, from: {id}, replyToId, value } -> 200
 *   (empty). This is what the web UI posts for an Adaptive Card Action.Submit. The UI
 *   computes `value` itself (adaptivecards' SubmitAction: a copy of the action's `data` if
 *   it is an object, else {}, plus every set input as id -> string), the server forwards it
 *   unchanged as a `message` activity with `value`, `replyToId`, no text, and
 *   channelData.source.name = "message". `replyToId` must be an existing message of that
 *   conversation (400 ActivityNotFoundInConversation otherwise): the card's messageId.
 *   Unlike messages, `from.id` IS used here (any member of the conversation).
 * - POST /_conversation/v1/invoke { name: "adaptiveCard/action", value, from, conversation,
 *   replyToId } for Action.Execute (not used by our cards; returns the bot's invoke response).
 * - POST /_debug/conversation/{conversationId}/installation {} -> 200, then (in parallel, so
 *   in no fixed order) an `installationUpdate` (action "add") and a `conversationUpdate` with
 *   membersAdded [currentUser {id, aadObjectId}, bot {id}] go to the bot. The web UI calls this
 *   once per conversation when the page loads; headless, NOTHING is sent at start:
 *   conversationUpdate/membersAdded only comes when `install()` is called.
 * - GET /_internal/v1/customActivities/template?conversationId=..&type=install|uninstall|
 *   botAdded|userAdded|botRemoved|userRemoved|... -> a ready activity; POST
 *   /_internal/v1/customActivities <activity> sends any activity to the bot unchanged
 *   (from, conversation, anything; replies still need an existing conversation id).
 * - Bot Connector mock under /_connector/v3/...: POST activities (201 {id}), PUT
 *   activities/{id} (update: supported), DELETE (not implemented: error), GET members /
 *   pagedmembers / members/{id}, POST /v3/conversations (createConversation: a new 1:1 chat
 *   for members[0]), GET /v3/teams/{id}[/conversations]. No token is required unless auth is
 *   configured (AUTH_CLIENT_ID/SECRET: we strip them).
 *
 * Streams (WebSocket; `ws` 7 from node_modules, a dependency of botbuilder via
 * botframework-streaming: Node 20 has no global WebSocket)
 * - /_ws_conversation/v1/conversations/stream: what the chat UI shows, bot side only:
 *   { action: "createMessage" | "updateMessage" | "typing", actionConversationId,
 *     message: { messageId, timestamp, from: {id: bot id}, text, textFormat, attachments:
 *     [{contentType, content}], attachmentLayout, mentions, suggestedActions, ... } }.
 *   No replyToId, no full activity. User messages are not echoed. Messages for a chat the
 *   current user is not in (e.g. a 1:1 chat the bot created for another user) are NOT sent.
 *   Messages sent while no client is connected are buffered and flushed to the first
 *   client, so nothing is lost before we connect. A bot message is streamed BEFORE the
 *   playground answers the bot's HTTP call (201 {id}): see stop().
 * - Nothing tells when the bot's turn is over: wait for the last expected message, or
 *   settle() (no stream traffic for a while).
 * - /_ws/log/stream: the inspector log: { logAction: "appendLog", log }, with log.type "bot"
 *   for every HTTP exchange with full Bot Framework activities: from "Microsoft 365 Agents
 *   Playground" to "User Application" (activity sent to the bot, response status) and the
 *   reverse (request.body = the bot's activity as sent to the connector, response.body
 *   {id}); log.type "text" for notes/warnings (e.g. "app not connected").
 *
 * Identity (default config, which we reproduce unless told otherwise)
 * - from: { id: "user-id-0", name: "Alex Wilber", aadObjectId:
 *   "00000000-0000-0000-0000-0000000000020" } (name absent on conversationUpdate and
 *   installationUpdate); recipient: bot { id: "00000000-0000-0000-0000-00000000000011",
 *   name: "Test Bot" }; conversation: { id: personalChat.id (a uuid unless configured),
 *   conversationType: "personal", tenantId: "00000000-0000-0000-0000-0000000000001" };
 *   channelData.tenant.id = tenantId; serviceUrl: http://localhost:<port>/_connector;
 *   channelId "msteams". A user message's activity.id is a fresh GUID (not the playground's
 *   messageId); bot messages get the playground's messageId (a ms timestamp string) as
 *   resource id, and that is the id submits use as replyToId.
 *
 * Several people
 * - One playground = one signed-in person (currentUser): the personal chat holds only that
 *   person and message activities are always from them. For several people, start one
 *   playground per person (`startPlaygrounds`): same tenant/users/bot config, each with a
 *   different currentUser, its own personal chat id and its own serviceUrl (the bot's stored
 *   conversation references then point at the right instance). Up to 6 people (currentUser
 *   + exactly 5 `users` in the config schema).
 * - Within one playground, `submit` may use any member of the conversation and custom
 *   activities may claim any `from`, but replies land in the one shared chat: not what Teams
 *   does, so not used for multi-person tests.
 *
 * updateActivity (checked with the echo bot)
 * - Supported: the bot's `context.updateActivity({ id: replyToId, ... })` PUTs
 *   /_connector/v3/conversations/{cid}/activities/{id} -> 200 {id}, and the conversation
 *   stream gets { action: "updateMessage", message: { messageId: <same id>, timestamp: <new>,
 *   attachments: <new card> } }; `latest(id)` returns the updated content.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import WebSocket from 'ws';

// ---------------------------------------------------------------------------------------
// Types

export interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly userPrincipalName: string;
  readonly givenName: string;
  readonly surname: string;
  readonly email: string;
}

export interface PlaygroundBotAccount {
  readonly id: string;
  readonly name: string;
}

export interface CardAttachment {
  readonly contentType: string;
  readonly content: unknown;
}

/** One item of the conversation stream (what the Teams chat would show). */
export interface PlaygroundEvent {
  readonly kind: 'message' | 'update' | 'typing';
  readonly conversationId: string;
  /** The playground's id of the message; for an update, the id of the message updated. */
  readonly messageId?: string;
  readonly timestamp?: number;
  readonly from?: { readonly id: string };
  readonly text?: string;
  readonly textFormat?: string;
  readonly attachments: readonly CardAttachment[];
  readonly suggestedActions?: unknown;
  /** The raw stream item. */
  readonly raw: Record<string, unknown>;
}

/** One HTTP exchange between the playground and the bot, from the inspector log stream. */
export interface BotTraffic {
  /** to-bot: an activity the playground posted to the bot; from-bot: a connector call. */
  readonly direction: 'to-bot' | 'from-bot';
  readonly conversationId?: string;
  /** Activity type, or the connector operation (e.g. "createConversation"). */
  readonly activityName?: string;
  /** to-bot: the activity id; from-bot: the resource id in the response. */
  readonly messageId?: string;
  /**
   * from-bot only: true for an update (PUT .../activities/{id}): the log has no HTTP method,
   * but an update's activity carries its own id, which is also the resource id answered.
   */
  readonly update: boolean;
  readonly activity: Record<string, unknown>;
  readonly status?: number;
  readonly responseBody?: unknown;
}

export interface PlaygroundNote {
  readonly level: string;
  readonly text: string;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  readonly botEndpoint: string;
  /** Port for the playground; default 0 = a free one. A busy port falls back to a free one. */
  readonly port?: number;
  /** The people of the mock tenant: exactly 6 (default: the playground's own 6). */
  readonly people?: readonly PlaygroundUser[];
  /** Id of the person signed in to this playground (default: the first of `people`). */
  readonly currentUser?: string;
  /** The 1:1 conversation id (default: a random uuid, like the playground). */
  readonly conversationId?: string;
  readonly tenantId?: string;
  readonly bot?: PlaygroundBotAccount;
  /** How long to wait for the playground to be ready (default 30 s). */
  readonly startTimeoutMs?: number;
  /** Keep the temp dir (config + playground log) after stop(), for debugging. */
  readonly keepFiles?: boolean;
}

export interface SubmitCardOptions {
  /** Title of the Action.Submit to press (needed when the card has several). */
  readonly action?: string;
  /** Input values by input id, as the person would enter them. */
  readonly inputs?: Readonly<Record<string, string | number | boolean>>;
  /** Submit as this member of the conversation (default: the current user). */
  readonly fromId?: string;
}

export interface Playground {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** What the bot sees as activity.serviceUrl: http://localhost:<port>/_connector */
  readonly serviceUrl: string;
  /** The current user's personal (1:1) chat with the bot. */
  readonly conversationId: string;
  readonly groupChatId: string;
  readonly tenantId: string;
  /** The signed-in person. */
  readonly user: PlaygroundUser;
  /** All 6 people of the mock tenant (the current user first). */
  readonly people: readonly PlaygroundUser[];
  readonly botAccount: PlaygroundBotAccount;
  /** GET /_internal/v1/testConfig as returned. */
  readonly config: Record<string, unknown>;
  /** The playground's log file (its console output). */
  readonly logFile: string;

  /** Everything from the conversation stream so far, in order. */
  readonly events: readonly PlaygroundEvent[];
  /** Everything from the inspector log stream so far (bot traffic). */
  readonly traffic: readonly BotTraffic[];
  /** Text notes and warnings from the inspector log. */
  readonly notes: readonly PlaygroundNote[];

  /**
   * A message typed by the current user (plain text); resolves with the playground's
   * messageId once accepted; the activity reaches the bot just after. In the group chat
   * (options.conversationId = groupChatId) the bot only gets messages that mention it,
   * which this does not do.
   */
  send(text: string, options?: { conversationId?: string; textFormat?: 'plain' | 'markdown' | 'xml' }): Promise<string>;
  /**
   * Action.Submit with this exact `value` (already merged as Teams would). replyToId
   * defaults to the latest bot message with an Adaptive Card in the conversation.
   */
  submit(value: Record<string, unknown>, replyToId?: string, options?: { conversationId?: string; fromId?: string }): Promise<void>;
  /**
   * Presses an Action.Submit of the card in `message` (an event or a messageId; latest
   * version after updates) with these inputs: value = the action's data + the card's inputs
   * (defaults, then `inputs`), as strings, like Teams. Resolves with the value sent.
   */
  submitCard(message: PlaygroundEvent | string, options?: SubmitCardOptions): Promise<Record<string, unknown>>;
  /** installationUpdate(add) + conversationUpdate(membersAdded: user, bot), as the web UI does on load. */
  install(conversationId?: string): Promise<void>;
  /** A template activity from the playground (type: install, uninstall, botAdded, userAdded, ...). */
  activityTemplate(type?: string, conversationId?: string): Promise<Record<string, unknown>>;
  /** Posts any activity to the bot as is (custom activity). */
  sendActivity(activity: Record<string, unknown>): Promise<void>;

  /**
   * The next event after the read cursor that matches (typing included, so the predicate
   * decides); moves the cursor past it, so unmatched events before it are passed over (they
   * stay in `events`). Rejects after timeoutMs (default 10 s) listing the unread events and
   * the playground's warnings (e.g. "Cannot connect to your app").
   */
  waitFor(predicate: (event: PlaygroundEvent) => boolean, timeoutMs?: number): Promise<PlaygroundEvent>;
  /** The next n message/update events after the cursor (typing skipped); moves the cursor. */
  nextActivities(n: number, timeoutMs?: number): Promise<PlaygroundEvent[]>;
  /** A bot traffic entry matching, searching everything received so far and then waiting. */
  waitForTraffic(predicate: (entry: BotTraffic) => boolean, timeoutMs?: number): Promise<BotTraffic>;
  /** Resolves once neither stream has had anything for quietMs (default 300), or after timeoutMs. */
  settle(quietMs?: number, timeoutMs?: number): Promise<void>;
  /** Moves the read cursor to the end (ignore everything so far). */
  skipAll(): void;
  /** The latest content of a bot message (after updates). */
  latest(messageId: string): PlaygroundEvent | undefined;

  /**
   * Stops the playground: waits (up to 3 s) for 300 ms of quiet on the streams so that the
   * bot's in-flight connector calls get their answers, then SIGTERM to its process group
   * (SIGKILL after 5 s), closes the streams, removes the temp dir. Idempotent.
   */
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------
// Defaults: the playground's own built-in config (see its defaultConfigFileContent)

export const DEFAULT_TENANT_ID = '00000000-0000-0000-0000-0000000000001';
export const DEFAULT_BOT: PlaygroundBotAccount = { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' };

function person(id: string, name: string, upn: string, aad: string): PlaygroundUser {
  const [givenName = name, surname = ''] = name.split(' ');
  return { id, name, aadObjectId: aad, userPrincipalName: upn, givenName, surname, email: upn };
}

export const DEFAULT_PEOPLE: readonly PlaygroundUser[] = [
  person('user-id-0', 'Alex Wilber', 'alexw@example.com', '00000000-0000-0000-0000-0000000000020'),
  person('user-id-1', 'Megan Bowen', 'meganb@example.com', '00000000-0000-0000-0000-0000000000021'),
  person('user-id-2', 'Adele Vance', 'adelev@example.com', '00000000-0000-0000-0000-0000000000022'),
  person('user-id-3', 'Isaiah Langer', 'isaiah@example.com', '00000000-0000-0000-0000-0000000000023'),
  person('user-id-4', 'Patti Fernandez', 'pattif@example.com', '00000000-0000-0000-0000-0000000000024'),
  person('user-id-5', 'Lynne Robbins', 'lynner@example.com', '00000000-0000-0000-0000-0000000000025'),
];

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

const CLI_PATH = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');

// ---------------------------------------------------------------------------------------
// Process bookkeeping: kill whatever is still running if the test process exits.

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
}

// ---------------------------------------------------------------------------------------
// Helpers

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether `promise` settles within ms (the timer is cleared either way: no open handle). */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

function tail(text: string, max = 2000): string {
  const t = text.trim();
  return t.length > max ? `...${t.slice(-max)}` : t;
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function request(method: string, url: string, body?: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

async function call(method: string, url: string, body?: unknown): Promise<string> {
  const res = await request(method, url, body);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`Playground ${method} ${new URL(url).pathname} answered ${res.status}: ${res.text}`);
  }
  return res.text;
}

function configYaml(opts: { people: readonly PlaygroundUser[]; currentUser: string; conversationId: string; tenantId: string; bot: PlaygroundBotAccount }): string {
  const toYaml = (u: PlaygroundUser) => ({
    id: u.id,
    name: u.name,
    userPrincipleName: u.userPrincipalName, // sic: the playground's schema spells it so
    aadObjectId: u.aadObjectId,
    givenName: u.givenName,
    surname: u.surname,
    email: u.email,
  });
  const me = opts.people.find((p) => p.id === opts.currentUser);
  if (!me) throw new Error(`currentUser ${opts.currentUser} is not one of the people: ${opts.people.map((p) => p.id).join(', ')}`);
  const config = {
    version: '0.1.1',
    tenantId: opts.tenantId,
    bot: { id: opts.bot.id, name: opts.bot.name },
    currentUser: toYaml(me),
    users: opts.people.filter((p) => p !== me).map(toYaml),
    personalChat: { id: opts.conversationId },
    groupChat: { id: `group-${randomUUID()}`, name: 'Group Chat' },
    team: { id: 'team-id', name: 'My Team', aadGroupId: '00000000-0000-0000-0000-000000000031', channels: [{ id: 'channel-announcements-id', name: 'Announcements' }] },
  };
  // JSON is YAML.
  return JSON.stringify(config, null, 2);
}

function fromConfigUser(u: Record<string, unknown>): PlaygroundUser {
  return {
    id: String(u.id),
    name: String(u.name),
    aadObjectId: String(u.aadObjectId),
    userPrincipalName: String(u.userPrincipleName ?? u.userPrincipalName ?? ''),
    givenName: String(u.givenName ?? ''),
    surname: String(u.surname ?? ''),
    email: String(u.email ?? ''),
  };
}

function toEvent(raw: Record<string, unknown>): PlaygroundEvent | undefined {
  const action = raw.action;
  const conversationId = String(raw.actionConversationId ?? '');
  if (action === 'typing') return { kind: 'typing', conversationId, attachments: [], raw };
  if (action !== 'createMessage' && action !== 'updateMessage') return undefined;
  const m = (raw.message ?? {}) as Record<string, unknown>;
  return {
    kind: action === 'createMessage' ? 'message' : 'update',
    conversationId,
    messageId: typeof m.messageId === 'string' ? m.messageId : undefined,
    timestamp: typeof m.timestamp === 'number' ? m.timestamp : undefined,
    from: m.from as { id: string } | undefined,
    text: typeof m.text === 'string' ? m.text : undefined,
    textFormat: typeof m.textFormat === 'string' ? m.textFormat : undefined,
    attachments: Array.isArray(m.attachments) ? (m.attachments as CardAttachment[]) : [],
    suggestedActions: m.suggestedActions,
    raw,
  };
}

function describe(event: PlaygroundEvent): string {
  const cards = event.attachments.length ? ` [${event.attachments.map((a) => a.contentType.replace('application/vnd.microsoft.card.', '')).join(', ')}]` : '';
  return `${event.kind} ${event.messageId ?? ''} ${JSON.stringify(event.text ?? '')}${cards}`;
}

// ---------------------------------------------------------------------------------------
// Adaptive Card submit, as the Teams/playground client computes it

type Json = Record<string, unknown>;

function collectFromElements(elements: unknown, inputs: Json[], actions: Json[]): void {
  if (!Array.isArray(elements)) return;
  for (const el of elements as Json[]) {
    if (!el || typeof el !== 'object') continue;
    const type = String(el.type ?? '');
    if (type.startsWith('Input.')) inputs.push(el);
    if (type === 'ActionSet') collectActions(el.actions, actions);
    if (el.selectAction && typeof el.selectAction === 'object') collectActions([el.selectAction], actions);
    collectFromElements(el.items, inputs, actions); // Container, Column
    collectFromElements(el.columns, inputs, actions); // ColumnSet
    if (Array.isArray(el.rows)) for (const row of el.rows as Json[]) if (Array.isArray(row?.cells)) collectFromElements(row.cells, inputs, actions); // Table
  }
}

function collectActions(list: unknown, actions: Json[]): void {
  if (!Array.isArray(list)) return;
  for (const a of list as Json[]) if (a && typeof a === 'object') actions.push(a);
}

/**
 * The `value` Teams sends for an Action.Submit: a copy of the action's `data` when it is an
 * object (else {}), plus each input that is set (card default, overridden by `inputs`) as
 * id -> string. Unset/empty inputs are left out; a toggle is always set ("true"/"false" or
 * its valueOn/valueOff). `associatedInputs: "none"` sends no inputs.
 */
export function cardSubmitValue(card: unknown, options: Pick<SubmitCardOptions, 'action' | 'inputs'> = {}): Record<string, unknown> {
  const c = (card ?? {}) as Json;
  const inputs: Json[] = [];
  const actions: Json[] = [];
  collectFromElements(c.body, inputs, actions);
  collectActions(c.actions, actions);
  const submits = actions.filter((a) => a.type === 'Action.Submit');
  const chosen = options.action === undefined ? submits : submits.filter((a) => a.title === options.action);
  if (chosen.length !== 1) {
    const titles = submits.map((a) => JSON.stringify(a.title)).join(', ') || 'none';
    throw new Error(
      options.action === undefined
        ? `The card has ${submits.length} Action.Submit buttons (${titles}): say which one (options.action).`
        : `No single Action.Submit titled ${JSON.stringify(options.action)} on the card (buttons: ${titles}).`,
    );
  }
  const action = chosen[0] as Json;
  const value: Record<string, unknown> = action.data && typeof action.data === 'object' && !Array.isArray(action.data) ? (JSON.parse(JSON.stringify(action.data)) as Record<string, unknown>) : {};
  const given = options.inputs ?? {};
  const ids = new Set(inputs.map((i) => String(i.id ?? '')));
  for (const id of Object.keys(given)) {
    if (!ids.has(id)) throw new Error(`The card has no input ${JSON.stringify(id)} (inputs: ${[...ids].join(', ') || 'none'}).`);
  }
  if (action.associatedInputs === 'none') return value;
  for (const input of inputs) {
    const id = typeof input.id === 'string' ? input.id : '';
    if (!id) continue;
    let v: unknown = Object.prototype.hasOwnProperty.call(given, id) ? given[id] : input.value;
    if (input.type === 'Input.Toggle') {
      const on = String(input.valueOn ?? 'true');
      const off = String(input.valueOff ?? 'false');
      v = v === true || String(v) === on ? on : v === false || v === undefined || String(v) === off ? off : String(v);
    }
    if (v === undefined || v === null || v === '') continue;
    value[id] = String(v);
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Start

/** Spawns the real playground CLI against the bot and waits until it is ready. */
export async function startPlayground(opts: PlaygroundOptions): Promise<Playground> {
  const people = opts.people ?? DEFAULT_PEOPLE;
  if (people.length !== 6) throw new Error(`The playground's config needs exactly 6 people (current user + 5), got ${people.length}.`);
  const currentUser = opts.currentUser ?? (people[0] as PlaygroundUser).id;
  const tenantId = opts.tenantId ?? DEFAULT_TENANT_ID;
  const botAccount = opts.bot ?? DEFAULT_BOT;
  const startTimeoutMs = opts.startTimeoutMs ?? 30_000;

  const dir = mkdtempSync(join(tmpdir(), 'phc-playground-'));
  const configFile = join(dir, '.m365agentsplayground.yml');
  const logFile = join(dir, 'playground.log');
  writeFileSync(configFile, configYaml({ people, currentUser, conversationId: opts.conversationId ?? randomUUID(), tenantId, bot: botAccount }));

  const env: NodeJS.ProcessEnv = { ...process.env };
  // Anything that would change the playground's behaviour from under us.
  for (const key of [
    'TEAMSAPPTESTER_PORT',
    'M365_AGENTS_PLAYGROUND_SERVICE_URL',
    'M365_AGENTS_PLAYGROUND_CONVERSATION_ID',
    'M365_AGENTS_PLAYGROUND_DELIVERY_MODE',
    'M365_AGENTS_PLAYGROUND_ENABLE_EVENTS_RECORDING',
    'M365_AGENTS_PLAYGROUND_TARGET_SDK',
    'TEAMS_APP_TEST_TOOL_CONFIG_PATH',
    'TEAMSAPPTESTER_LOGFILE',
    'DEFAULT_CHANNEL_ID',
    'BOT_ENDPOINT',
    'AUTH_CLIENT_ID',
    'AUTH_CLIENT_SECRET',
    'AUTH_TENANT_ID',
    'SEND_INSTALLATION_ACTIVITY',
  ]) {
    delete env[key];
  }
  env.TEAMSAPPTESTER_BROWSER = 'none';
  env.M365_AGENTS_PLAYGROUND_LOGFILE = logFile;
  env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = configFile;
  env.NO_PROXY = ['127.0.0.1', 'localhost', '::1', env.NO_PROXY ?? env.no_proxy].filter(Boolean).join(',');
  env.no_proxy = env.NO_PROXY;

  const args = [CLI_PATH, '-e', opts.botEndpoint, '-c', 'msteams', '-p', String(opts.port ?? 0), '--disable-telemetry'];
  const startedAt = Date.now();
  const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.add(child);
  installExitHook();

  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));

  const sockets: WebSocket[] = [];
  let stopped = false;
  /** When the last stream item (conversation or log) arrived. */
  let lastActivityAt = Date.now();
  const quiet = async (quietMs: number, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() - lastActivityAt < quietMs && Date.now() < until) await sleep(Math.min(50, quietMs));
  };
  const cleanupFiles = () => {
    if (!opts.keepFiles) rmSync(dir, { recursive: true, force: true });
  };
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // The conversation stream reports a bot message before the playground answers the bot's
    // HTTP request; killing it right then makes botbuilder retry (ECONNRESET, then
    // ECONNREFUSED with backoff) and leaves the bot's turn hanging. Let things go quiet first.
    if (sockets.length > 0 && child.exitCode === null && child.signalCode === null) await quiet(300, 3000);
    for (const s of sockets) {
      try {
        s.terminate();
      } catch {
        // closing anyway
      }
    }
    killGroup(child, 'SIGTERM');
    if (!(await within(exited, 5000))) {
      killGroup(child, 'SIGKILL');
      await within(exited, 2000);
    }
    cleanupFiles();
  };

  const failure = (why: string): Error => {
    const log = tail(readLog(logFile));
    return new Error(
      [
        `Agents Playground did not start: ${why}`,
        `command: node ${args.join(' ')}`,
        stderr.trim() ? `stderr:\n${tail(stderr)}` : 'stderr: (empty)',
        stdout.trim() ? `stdout:\n${tail(stdout)}` : 'stdout: (empty)',
        log ? `playground log (${logFile}):\n${log}` : 'playground log: (empty)',
      ].join('\n'),
    );
  };

  try {
    // 1. "Listening on <port>" (printed when stdout is not a TTY).
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(failure(`no "Listening on <port>" within ${startTimeoutMs} ms`)), startTimeoutMs);
      const check = () => {
        const m = /Listening on (\d+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout?.on('data', check);
      check();
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(failure(spawnError ? `could not spawn: ${spawnError.message}` : `the process exited early (code ${code}, signal ${signal})`));
      });
    });
    const baseUrl = `http://127.0.0.1:${port}`;

    // 2. Poll until the API answers.
    for (;;) {
      if (Date.now() - startedAt > startTimeoutMs) throw failure(`${baseUrl}/_debug/ping did not answer within ${startTimeoutMs} ms`);
      if (child.exitCode !== null || child.signalCode !== null) throw failure(`the process exited (code ${child.exitCode}, signal ${child.signalCode})`);
      try {
        const ping = await request('GET', `${baseUrl}/_debug/ping`);
        if (ping.status === 200) break;
      } catch {
        // not yet
      }
      await sleep(100);
    }
    const config = JSON.parse(await call('GET', `${baseUrl}/_internal/v1/testConfig`)) as Record<string, unknown>;
    const cfg = config.config as Json;
    const me = fromConfigUser(cfg.currentUser as Json);
    const allPeople = [me, ...(cfg.users as Json[]).map(fromConfigUser)];
    const conversationId = String((cfg.personalChat as Json).id);
    const groupChatId = String(((cfg.groupChats as Json[])[0] as Json).id);
    const botCfg = cfg.bot as Json;

    // 3. The two streams.
    const events: PlaygroundEvent[] = [];
    const traffic: BotTraffic[] = [];
    const notes: PlaygroundNote[] = [];
    const latestById = new Map<string, PlaygroundEvent>();
    let cursor = 0;
    const waiters = new Set<() => void>();
    const wake = () => {
      for (const w of [...waiters]) w();
    };

    const open = (path: string, onMessage: (data: Record<string, unknown>) => void) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
        sockets.push(ws);
        ws.on('message', (data) => {
          try {
            onMessage(JSON.parse(data.toString()) as Record<string, unknown>);
          } catch {
            // not JSON: ignore
          }
        });
        ws.once('open', () => resolve(ws));
        ws.once('error', (e) => reject(failure(`WebSocket ${path}: ${e.message}`)));
      });

    await Promise.all([
      open('/_ws_conversation/v1/conversations/stream', (raw) => {
        const event = toEvent(raw);
        if (!event) return;
        events.push(event);
        lastActivityAt = Date.now();
        if (event.messageId && event.kind !== 'typing') latestById.set(event.messageId, event);
        wake();
      }),
      open('/_ws/log/stream', (raw) => {
        const log = raw.log as Json | undefined;
        if (!log) return;
        lastActivityAt = Date.now();
        if (log.type === 'bot') {
          const req = (log.request ?? {}) as Json;
          const res = (log.response ?? {}) as Json;
          const body = (req.body ?? {}) as Json;
          const direction = log.from === 'User Application' ? 'from-bot' : 'to-bot';
          traffic.push({
            direction,
            update: direction === 'from-bot' && typeof body.id === 'string' && body.id === log.messageId,
            conversationId: typeof log.conversationId === 'string' ? log.conversationId : undefined,
            activityName: typeof log.activityName === 'string' ? log.activityName : undefined,
            messageId: typeof log.messageId === 'string' ? log.messageId : undefined,
            activity: body,
            status: typeof res.statusCode === 'number' ? res.statusCode : undefined,
            responseBody: res.body,
          });
        } else {
          notes.push({ level: String(log.level ?? 'default'), text: String(log.displayText ?? '') });
        }
        wake();
      }),
    ]);

    const waitUntil = <T>(find: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const first = find();
        if (first !== undefined) {
          resolve(first);
          return;
        }
        const check = () => {
          const found = find();
          if (found !== undefined) {
            finish();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          finish();
          const warnings = notes.filter((n) => n.level !== 'default').map((n) => `  ${n.level}: ${n.text}`);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what()}${warnings.length ? `\nplayground warnings:\n${warnings.join('\n')}` : ''}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });

    const seen = () => {
      const recent = events.slice(cursor).map((e) => `  ${describe(e)}`);
      return recent.length ? `\nunread events:\n${recent.join('\n')}` : '\n(no unread events)';
    };

    const lastCardMessage = (conv: string): string | undefined => {
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i] as PlaygroundEvent;
        if (e.conversationId === conv && e.messageId && e.attachments.some((a) => a.contentType === ADAPTIVE_CARD)) return e.messageId;
      }
      return undefined;
    };

    const playground: Playground = {
      port,
      baseUrl,
      serviceUrl: `http://localhost:${port}/_connector`,
      conversationId,
      groupChatId,
      tenantId: String(cfg.tenantId),
      user: me,
      people: allPeople,
      botAccount: { id: String(botCfg.id), name: String(botCfg.name) },
      config,
      logFile,
      events,
      traffic,
      notes,

      async send(text, options = {}) {
        const conv = options.conversationId ?? conversationId;
        const body = await call('POST', `${baseUrl}/_conversation/v1/conversations/${encodeURIComponent(conv)}/messages`, {
          from: { id: me.id },
          text,
          textFormat: options.textFormat ?? 'plain',
        });
        return String((JSON.parse(body) as Json).messageId);
      },

      async submit(value, replyToId, options = {}) {
        const conv = options.conversationId ?? conversationId;
        const target = replyToId ?? lastCardMessage(conv);
        if (!target) throw new Error('submit: no replyToId given and no Adaptive Card from the bot in this conversation yet.');
        await call('POST', `${baseUrl}/_conversation/v1/submit`, {
          conversation: { id: conv },
          from: { id: options.fromId ?? me.id },
          replyToId: target,
          value,
        });
      },

      async submitCard(message, options = {}) {
        const id = typeof message === 'string' ? message : message.messageId;
        if (!id) throw new Error('submitCard: the event has no messageId.');
        const current = latestById.get(id) ?? (typeof message === 'string' ? undefined : message);
        if (!current) throw new Error(`submitCard: no bot message ${id} on the stream.`);
        const card = current.attachments.find((a) => a.contentType === ADAPTIVE_CARD);
        if (!card) throw new Error(`submitCard: message ${id} has no Adaptive Card (${describe(current)}).`);
        const value = cardSubmitValue(card.content, options);
        await playground.submit(value, id, { conversationId: current.conversationId, fromId: options.fromId });
        return value;
      },

      async install(conv = conversationId) {
        await call('POST', `${baseUrl}/_debug/conversation/${encodeURIComponent(conv)}/installation`, {});
      },

      async activityTemplate(type, conv = conversationId) {
        const q = new URLSearchParams({ conversationId: conv, ...(type ? { type } : {}) });
        return JSON.parse(await call('GET', `${baseUrl}/_internal/v1/customActivities/template?${q.toString()}`)) as Record<string, unknown>;
      },

      async sendActivity(activity) {
        await call('POST', `${baseUrl}/_internal/v1/customActivities`, activity);
      },

      waitFor(predicate, timeoutMs = 10_000) {
        return waitUntil(
          () => {
            for (let i = cursor; i < events.length; i++) {
              const e = events[i] as PlaygroundEvent;
              if (predicate(e)) {
                cursor = i + 1;
                return e;
              }
            }
            return undefined;
          },
          timeoutMs,
          () => `a matching event${seen()}`,
        );
      },

      nextActivities(n, timeoutMs = 10_000) {
        return waitUntil(
          () => {
            const found: PlaygroundEvent[] = [];
            let i = cursor;
            for (; i < events.length && found.length < n; i++) {
              const e = events[i] as PlaygroundEvent;
              if (e.kind !== 'typing') found.push(e);
            }
            if (found.length < n) return undefined;
            cursor = i;
            return found;
          },
          timeoutMs,
          () => `${n} message/update events${seen()}`,
        );
      },

      waitForTraffic(predicate, timeoutMs = 10_000) {
        return waitUntil(
          () => traffic.find(predicate),
          timeoutMs,
          () => `matching bot traffic; seen:\n${traffic.map((t) => `  ${t.direction} ${t.activityName ?? ''} ${t.status ?? ''} ${JSON.stringify(t.activity.text ?? '')}`).join('\n')}`,
        );
      },

      settle(quietMs = 300, timeoutMs = 10_000) {
        return quiet(quietMs, timeoutMs);
      },

      skipAll() {
        cursor = events.length;
      },

      latest(messageId) {
        return latestById.get(messageId);
      },

      stop,
    };
    return playground;
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One playground per person, all with the same tenant (people, bot, tenant id) and each
 * signed in as a different person: `currentUsers` are ids from `people` (default people:
 * DEFAULT_PEOPLE, ids user-id-0 .. user-id-5). Started in parallel; if one fails, all are
 * stopped.
 */
export async function startPlaygrounds(opts: Omit<PlaygroundOptions, 'currentUser' | 'conversationId' | 'port'> & { readonly currentUsers: readonly string[] }): Promise<Playground[]> {
  const { currentUsers, ...rest } = opts;
  const results = await Promise.allSettled(currentUsers.map((currentUser) => startPlayground({ ...rest, currentUser })));
  const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(ok.map((p) => p.stop()));
    throw failed.reason;
  }
  return ok;
}
