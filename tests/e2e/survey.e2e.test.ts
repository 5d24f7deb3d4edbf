/**
 * End to end: the real server process (npm start's entry point) and the real Microsoft 365
 * Agents Playground as the Teams client, driven through its HTTP and WebSocket API. A member
 * of staff installs the app, takes the whole Health Check, and sends it; then we check the
 * stored response carries no identity and is counted in the results.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run';
import { composeAt } from '../support/composed';
import { asCycleId } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { answersFor, fill } from '../fixtures/cardAnswers';
import { botEndpointOf, startServer as startAppServer } from '../support/appServer';
import { cardSubmitValue, startPlayground, type Playground, type PlaygroundEvent } from '../support/playground';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const CYCLE = 'e2e-2026-27';

function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title']) if (typeof o[key] === 'string') out.push(o[key] as string);
      for (const [k, v] of Object.entries(o)) if (k !== 'data' && typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out.join('\n');
}

const cardOf = (event: PlaygroundEvent | undefined): unknown => event?.attachments[0]?.content;

async function phc(dataDir: string, ...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { PHC_DATA_DIR: dataDir }, cwd: ROOT });
  if (code !== 0) throw new Error(`phc ${argv.join(' ')} failed (${code}): ${err}`);
  return out;
}

/** Starts `src/server/main.ts` as `npm start` does, on a free port; resolves with its bot endpoint. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; endpoint: string; output: () => string }> {
  // No audits planned at start: their reminders would come between the survey's cards.
  const server = await startAppServer(dataDir, { PHC_DEMO_AUDITS: 'off' });
  return { child: server.child, endpoint: botEndpointOf(server), output: server.output };
}

describe('a member of staff takes the Health Check in the Agents Playground', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-e2e-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let playground: Playground | undefined;

  beforeAll(async () => {
    // Any hour, so the invitation goes out whatever time the test runs.
    await phc(dataDir, 'cycle', 'open', CYCLE, '--closes', '2099-03-31', '--working-hours', 'any');
    // Four colleagues answered already (an import), so one more reaches the threshold of 5.
    const { app } = await composeAt(dataDir);
    const others = Array.from({ length: 4 }, () => answersFor('social-care-professional'));
    const rows = others.map((a) => JSON.stringify(a)).join('\n');
    await app.imports.importResponses(CYCLE, 'others.jsonl', rows);
    await app.close();
    server = await startServer(dataDir);
    playground = await startPlayground({ botEndpoint: server.endpoint });
  });

  afterAll(async () => {
    await playground?.stop();
    server?.child.kill('SIGTERM');
  });

  it('welcomes them, takes every section in one card, and thanks them', async () => {
    const pg = playground!;
    await pg.install();
    const welcome = await pg.waitFor((e) => e.kind === 'message' && /never/i.test(textOf(cardOf(e))), 20_000);
    expect(textOf(cardOf(welcome))).toMatch(/at least 5 people/);

    // The playground's user is a member of staff in the demo organisation: the invitation
    // queued when the cycle opened goes out as soon as their chat with the bot exists.
    const invitation = await pg.waitFor((e) => e.kind === 'message' && /Start/.test(textOf(cardOf(e))), 20_000);
    expect(textOf(cardOf(invitation))).toMatch(/Health Check/);
    await pg.send('survey');
    const prompt = await pg.waitFor((e) => e.kind === 'message' && /Start/.test(textOf(cardOf(e))), 20_000);
    expect(prompt.messageId).not.toBe(invitation.messageId);
    await pg.submitCard(prompt, { action: 'Start' });

    const answers = answersFor('occupational-therapist');
    // Page by page (long sections have two), in the one card, to the review.
    const sections = new Set<number>();
    let review: PlaygroundEvent | undefined;
    while (!review) {
      const update = await pg.waitFor((e) => e.kind === 'update' && /Section \d+ of \d+|Check your answers/.test(textOf(cardOf(e))), 20_000);
      // The survey moves forward in the same card: every page is an update of the prompt.
      expect(update.messageId).toBe(prompt.messageId);
      const card = cardOf(update);
      if (/Check your answers/.test(textOf(card))) {
        review = update;
        break;
      }
      const section = Number(/Section (\d+) of/.exec(textOf(card))?.[1]);
      sections.add(section);
      await pg.submitCard(update, { action: 'Next', inputs: fill(card, answers) });
    }
    expect([...sections]).toEqual(healthCheck.sections.map((_, i) => i + 1));
    expect(textOf(cardOf(review))).toMatch(/You answered \d+ of the \d+ questions for you/);
    // Kept to press again later, as an old card scrolled back to would be.
    const sendValue = cardSubmitValue(cardOf(review), { action: 'Send my answers' });
    // A double click: two presses of Send at once. Both answer with the thank-you card.
    const reviewId = review.messageId ?? '';
    await Promise.all([pg.submit(sendValue, reviewId), pg.submit(sendValue, reviewId)]);
    const first = await pg.waitFor((e) => e.kind === 'update' && e.messageId === prompt.messageId, 20_000);
    const second = await pg.waitFor((e) => e.kind === 'update' && e.messageId === prompt.messageId, 20_000);
    for (const outcome of [first, second]) expect(textOf(cardOf(outcome))).toMatch(/^Thank you for taking part/);

    // The same Send pressed again later stores nothing more, and still says thank you.
    await pg.submit(sendValue, reviewId);
    const again = await pg.waitFor((e) => e.kind === 'update' && e.messageId === prompt.messageId, 20_000);
    expect(textOf(cardOf(again))).toMatch(/^Thank you for taking part/);
    expect(pg.events.some((e) => /already taken part/i.test(textOf(cardOf(e))))).toBe(false);
  });

  it('stored the response with no identity, and counts it in the results', async () => {
    await playground?.stop();
    playground = undefined;
    server?.child.kill('SIGTERM');
    await new Promise((resolve) => server?.child.once('exit', resolve));
    server = undefined;

    const { app } = await composeAt(dataDir);
    const stored = await app.stores.responses.list(asCycleId(CYCLE), { limit: 100 });
    await app.close();
    expect(stored.items).toHaveLength(5);
    const ours = stored.items.filter((r) => r.answers.role === 'occupational-therapist');
    expect(ours).toHaveLength(1);
    const text = JSON.stringify(ours[0]);
    for (const identity of ['user-id-0', '00000000-0000-0000-0000-0000000000020', 'Alex', 'Wilber']) expect(text).not.toContain(identity);
    expect(Object.keys(ours[0]!).sort()).toEqual(['answers', 'cycleId', 'id', 'submittedOn', 'surveyVersion']);

    await phc(dataDir, 'cycle', 'close', CYCLE);
    const results = JSON.parse(await phc(dataDir, 'results', '--cycle', CYCLE, '--json')) as {
      respondents: number;
      questions: { id: string; options: { id: string; count: number }[]; hiddenOptions?: { id: string; suppressed: string }[] }[];
    };
    expect(results.respondents).toBe(5);
    // Ours is the one OT: counted, and so, as a group of one, not shown even as a count.
    const role = results.questions.find((q) => q.id === 'role');
    expect(role?.options.find((o) => o.id === 'occupational-therapist')).toBeUndefined();
    expect(role?.hiddenOptions?.find((o) => o.id === 'occupational-therapist')?.suppressed).toMatch(/fewer than 5 people gave this answer/);
  });
});
