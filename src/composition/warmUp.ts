import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { pino } from 'pino';
import { INPUT_PREFIX } from '../bot/cards/verbs';
import { readConfig } from '../config';
import type { Organisation, Person, Team } from '../domain/organisation/types';
import { asUserId, dateOf } from '../domain/shared/brand';
import { allQuestions, isShown } from '../domain/survey/rules';
import type { AnswerValue, Questionnaire } from '../domain/survey/types';
import type { Clock } from '../ports/clock';
import { createHttpServer, loggerOptions } from '../server/http';
import { compose } from './index';

/**
 * Before the server takes its first request it plays practice turns against a private copy of
 * itself: the same code (composition, HTTP server, bot endpoint, Bot Framework adapter, survey
 * flow, the replies' HTTP calls), an in-memory database, made-up people, and a stand-in for the
 * Bot Connector on this machine's loopback. Nothing is kept: the copy is closed and its memory freed.
 *
 * Why: JavaScript starts interpreted and is compiled to fast code only once it has run many
 * times. A server started just before a whole council opens the survey (a deploy, a restart
 * after a crash, a new instance) met its first 1,500 people with code still cold: the first
 * reply's p99 was 1.0–2.0 s where the same server, warm, answered in 0.4–0.5 s (`bench:burst`).
 * Azure App Service sends a new instance traffic only once it answers on its port, so the
 * practice happens before the server listens.
 */
export interface WarmUpOptions {
  /** Practice turns to play (each a message or a press of a card's button). */
  readonly turns: number;
  /** Stop after this long, whatever is left: a slow machine starts a little later, never much later. */
  readonly withinMs: number;
  /** The server's clock, so the practice cycle is open on the server's today. */
  readonly clock: Clock;
}

export interface WarmUpResult {
  /** Turns played, and those that did not bring back a card (a sign the practice no longer matches the bot). */
  readonly turns: number;
  readonly failed: number;
  /** Practice surveys answered to the thank-you card. */
  readonly finished: number;
  readonly ms: number;
}

/** People answering at once in the practice: enough that turns overlap as they do in a burst. */
const AT_ONCE = 8;
/** Presses after opening the survey for most practice people; every `FINISHER`th answers to the end, so sending is practised too. */
const PRESSES = 4;
const FINISHER = 25;
const MAX_PRESSES = 80;
const CYCLE_ID = 'warm-up';
const TEAM_SIZE = 12;

/** Made-up practitioners: a third occupational therapists, in teams of twelve. */
function practiceOrganisation(count: number): Organisation {
  const teams: Team[] = [];
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const team = Math.floor(i / TEAM_SIZE);
    if (!teams[team]) teams.push({ id: `warm-up-team-${team + 1}`, name: `Practice team ${team + 1}`, serviceArea: `area-${(team % 4) + 1}` });
    people.push({
      id: asUserId(`warm-up-${i + 1}`),
      displayName: `Practice person ${i + 1}`,
      role: i % 3 === 0 ? 'occupational-therapist' : 'social-worker',
      teamId: `warm-up-team-${team + 1}`,
      lineManagerId: undefined,
      supervisorId: undefined,
    });
  }
  return { teams, people };
}

/** A whole set of answers for someone in `role`, as a card's inputs carry them (by input id, as text). */
function answersFor(questionnaire: Questionnaire, role: string): Record<string, string> {
  const answers: Record<string, AnswerValue> = {};
  for (const { question } of allQuestions(questionnaire)) {
    if (!isShown(question, answers)) continue;
    if (question.id === 'role') answers.role = role;
    else if (question.kind === 'single') answers[question.id] = question.options[question.options.length > 1 ? 1 : 0]!.id;
    else if (question.kind === 'multi') answers[question.id] = [question.options[0]!.id];
    else if (question.kind === 'scale') answers[question.id] = question.max;
    else answers[question.id] = 'More time for reflective supervision, please.';
  }
  return Object.fromEntries(Object.entries(answers).map(([id, v]) => [`${INPUT_PREFIX}${id}`, Array.isArray(v) ? v.join(',') : String(v)]));
}

/** Every node of a card, depth first. */
function* nodesOf(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) for (const child of node) yield* nodesOf(child);
  else if (node !== null && typeof node === 'object') {
    yield node as Record<string, unknown>;
    for (const child of Object.values(node)) yield* nodesOf(child);
  }
}

/** What pressing the card's way forward sends: the button's data and the card's inputs, filled in. */
function pressForward(card: unknown, answers: Record<string, string>): Record<string, unknown> | undefined {
  const nodes = [...nodesOf(card)];
  const buttons = nodes.filter((n) => n.type === 'Action.Submit');
  const forward = ['Start', 'Next', 'Send my answers'].map((title) => buttons.find((b) => b.title === title)).find((b) => b !== undefined);
  if (!forward) return undefined;
  const inputs = nodes.filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string').map((n) => n.id as string);
  return { ...(forward.data as Record<string, unknown>), ...Object.fromEntries(inputs.map((id) => [id, answers[id] ?? ''])) };
}

/** The Bot Connector, as far as replies need it: every reply and update accepted, the last card per conversation kept. */
function connectorStandIn(): { server: http.Server; last: Map<string, { id: string; card: unknown; count: number }> } {
  const last = new Map<string, { id: string; card: unknown; count: number }>();
  let sent = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const conversation = /\/v3\/conversations\/([^/]+)\/activities/.exec(request.url ?? '')?.[1];
      let id = `warm-up-reply-${++sent}`;
      try {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: string; attachments?: { content?: unknown }[] };
        if (request.method === 'PUT' && typeof activity.id === 'string') id = activity.id;
        if (conversation) {
          const key = decodeURIComponent(conversation);
          last.set(key, { id, card: activity.attachments?.[0]?.content, count: (last.get(key)?.count ?? 0) + 1 });
        }
      } catch {
        // Not a reply: answered all the same.
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  return { server, last };
}

const listening = (server: http.Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

export async function warmUp(options: WarmUpOptions): Promise<WarmUpResult> {
  const started = performance.now();
  const deadline = started + options.withinMs;
  const people = Math.ceil(options.turns / (PRESSES + 1)) + 1;
  const log = pino(loggerOptions(), pino.destination({ dest: os.devNull, sync: true }));
  // Local mode and nothing configured: no tenant, no SharePoint, no telemetry, whatever the server has.
  const phc = await compose(readConfig({ PHC_DEMO: 'off' }), { inMemory: true, clock: options.clock, turnLog: log });
  const organisation = practiceOrganisation(people);
  const standIn = connectorStandIn();
  const server = createHttpServer(phc.app, organisation, phc.teams.endpoint, { tabApi: phc.tabApi, logger: log });
  const agent = new http.Agent({ keepAlive: true, maxSockets: AT_ONCE });
  let turns = 0;
  let failed = 0;
  let finished = 0;
  try {
    await phc.stores.organisations.save(organisation, dateOf(options.clock.now()));
    await phc.app.cycles.open({ id: CYCLE_ID, closesOn: dateOf(new Date(options.clock.now().getTime() + 28 * 86_400_000)) });
    const serviceUrl = `http://127.0.0.1:${await listening(standIn.server)}/`;
    await server.listen({ port: 0, host: '127.0.0.1' });
    const port = (server.server.address() as AddressInfo).port;
    const answers = new Map(['social-worker', 'occupational-therapist'].map((role) => [role, answersFor(phc.app.questionnaire, role)]));

    const post = (activity: Record<string, unknown>): Promise<number> =>
      new Promise((resolve) => {
        const body = Buffer.from(JSON.stringify(activity));
        const request = http.request(
          { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        request.on('error', () => resolve(0));
        request.end(body);
      });
    let activities = 0;
    // A message in the person's personal chat with the bot, as Teams sends it.
    const activity = (person: Person, extra: Record<string, unknown>): Record<string, unknown> => ({
      type: 'message',
      id: `warm-up-${++activities}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl,
      from: { id: `29:${person.id}`, aadObjectId: person.id, name: person.displayName },
      recipient: { id: '28:practice-health-check', name: 'Practice Health Check' },
      conversation: { id: `a:warm-up-${person.id}`, conversationType: 'personal', tenantId: 'warm-up' },
      channelData: { tenant: { id: 'warm-up' } },
      ...extra,
    });
    const practise = async (person: Person, presses: number): Promise<void> => {
      const conversation = `a:warm-up-${person.id}`;
      const mine = answers.get(person.role) ?? {};
      let next: Record<string, unknown> | undefined = activity(person, { text: 'survey' });
      for (let n = 0; next && n <= presses && turns < options.turns && performance.now() < deadline; n++) {
        const before = standIn.last.get(conversation)?.count ?? 0;
        turns++;
        const status = await post(next);
        const reply = standIn.last.get(conversation);
        if (status !== 200 || !reply || reply.count === before) return void failed++;
        if (String((reply.card as { fallbackText?: unknown } | undefined)?.fallbackText ?? '').startsWith('Thank you for taking part')) return void finished++;
        const value = n < presses ? pressForward(reply.card, mine) : undefined;
        next = value ? activity(person, { value, replyToId: reply.id }) : undefined;
      }
    };
    let index = 0;
    const worker = async (): Promise<void> => {
      while (turns < options.turns && performance.now() < deadline && index < organisation.people.length) {
        const i = index++;
        await practise(organisation.people[i]!, i % FINISHER === 0 ? MAX_PRESSES : PRESSES);
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
  } finally {
    agent.destroy();
    await server.close();
    await new Promise((resolve) => standIn.server.close(resolve));
    await phc.close();
  }
  return { turns, failed, finished, ms: performance.now() - started };
}
