import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { openSqliteStores } from '../../src/adapters/sqlite/sqliteStores';
import type { App } from '../../src/app/app';
import { wire } from '../../src/composition';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { createHttpServer } from '../../src/server/http';
import { TestClock } from '../fixtures/testClock';

/** The server with nothing but its own pages: no tab API, no bot. */
describe('the HTTP server', () => {
  let app: App;
  let server: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = await wire(openSqliteStores(':memory:'), healthCheck, new TestClock(new Date('2027-01-11T10:00:00Z')));
    await app.cycles.open({ id: '2026-27', closesOn: '2027-03-31' });
    server = createHttpServer(app, demoOrganisation(), undefined, { logger: pino({ level: 'silent' }) });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
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
