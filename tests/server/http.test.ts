import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { openSqliteStores } from '../../src/adapters/sqlite/sqliteStores';
import type { App } from '../../src/app/app';
import { wire } from '../../src/composition';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import type { BotEndpoint } from '../../src/server/botEndpoint';
import { createHttpServer } from '../../src/server/http';
import { TestClock } from '../fixtures/testClock';
import { listening } from '../support/listening';

/** The server with nothing but its own pages: no tab API, no bot. */
describe('the HTTP server', () => {
  let app: App;
  let server: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = await wire(openSqliteStores(':memory:'), healthCheck, new TestClock(new Date('2027-01-11T10:00:00Z')));
    await app.cycles.open({ id: '2026-27', closesOn: '2027-03-31' });
    server = createHttpServer(app, demoOrganisation(), undefined, { logger: pino({ level: 'silent' }) });
    base = await listening(server);
  });

  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it('serves a landing page listing the cycles', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('2024-25');
    expect(html).toMatch(/Organisation: \d+ people in 8 teams/);
  });

  it('answers bad requests with a message, not a crash', async () => {
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    expect(((await (await fetch(`${base}/nowhere`)).json()) as { error: string }).error).toBe('Nothing at /nowhere.');
    expect((await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(503);
    expect((await fetch(`${base}/api/messages`)).status).toBe(405);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('no longer serves the routes from before the tab, unsigned', async () => {
    for (const path of ['/api/cycles', '/api/results/2024-25', '/api/response-rate/2026-27', '/api/audits/compliance', '/api/report/quarterly', '/report/quarterly']) {
      expect([path, (await fetch(base + path)).status]).toEqual([path, 404]);
    }
  });
});

/** Waits until `done`, or gives up after about five seconds (a bound for a failure, not a measure of speed). */
async function untilDone(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('a request to the bot under a burst', () => {
  let app: App;

  beforeAll(async () => {
    app = await wire(openSqliteStores(':memory:'), healthCheck, new TestClock(new Date('2027-01-11T10:00:00Z')));
  });

  afterAll(async () => {
    await app.close();
  });

  it('waits its turn before the server does anything else for it: no log line, no rate limit, no handler until then', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const waiting: (() => void)[] = [];
    const botTurns = { turn: () => new Promise<void>((resolve) => waiting.push(resolve)) };
    let handled = 0;
    const bot: BotEndpoint = {
      trust: { mode: 'local' },
      handle: async (_request, reply) => {
        handled++;
        return reply.code(200).send();
      },
    };
    // One request a minute from an address: a second one is refused, but only in its turn.
    const server = createHttpServer(app, demoOrganisation(), bot, { logger, botTurns, limits: { botPerAddress: 1 } });
    const requestLines = () => lines.filter((line) => (JSON.parse(line) as { msg?: string }).msg === 'request').length;
    const base = await listening(server);
    const post = () => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    try {
      const first = post();
      const second = post();
      await untilDone(() => waiting.length === 2);
      expect(waiting).toHaveLength(2);
      expect([requestLines(), handled]).toEqual([0, 0]);
      // Anything else is served meanwhile, without a turn.
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(waiting).toHaveLength(2);

      waiting.shift()?.();
      expect((await first).status).toBe(200);
      expect(handled).toBe(1);
      waiting.shift()?.();
      const refused = await second;
      expect(refused.status).toBe(429);
      expect(handled).toBe(1);
      expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      for (const release of waiting.splice(0)) release();
      await server.close();
    }
  });
});
