import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DemoDirectory, demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { ResponseRateService } from '../../src/app/responseRate';
import { openSqliteStores } from '../../src/adapters/sqlite/sqliteStores';
import type { App } from '../../src/app/app';
import { wire } from '../../src/composition';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { createHttpServer } from '../../src/server/http';
import { TestClock } from '../fixtures/testClock';

describe('the HTTP server', () => {
  let app: App;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    app = await wire(openSqliteStores(':memory:'), healthCheck, new TestClock(new Date('2027-01-11T10:00:00Z')));
    await app.cycles.open({ id: '2026-27', closesOn: '2027-03-31' });
    server = createHttpServer(app, demoOrganisation(), undefined, { responseRate: (id) => new ResponseRateService(app.stores, new DemoDirectory(), app.cycles).rate(id) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
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

  it('lists cycles without their secrets', async () => {
    const cycles = (await (await fetch(`${base}/api/cycles`)).json()) as Record<string, unknown>[];
    expect(cycles.map((c) => c.id)).toEqual(['2026-27', '2024-25', '2022-23', '2019-20', '2017-18']);
    expect(JSON.stringify(cycles)).not.toMatch(/secret/i);
  });

  it('gives published results as JSON', async () => {
    const res = await fetch(`${base}/api/results/2024-25`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { respondents: number; questions: { id: string; headline?: { percent: number } }[] };
    expect(body.respondents).toBe(82);
    expect(body.questions.find((q) => q.id === 'caseload-fair')?.headline?.percent).toBe(65);
  });

  it('gives the response rate as aggregates, hiding groups too small to show', async () => {
    const res = await fetch(`${base}/api/response-rate/2026-27`);
    expect(res.status).toBe(200);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('"cycle":"2026-27"');
    // Nobody has answered: showing "0 of 12" for a team would say that each of them has not.
    expect(body).not.toMatch(/demo-\d{3}/);
    expect((await fetch(`${base}/api/response-rate/nope`)).status).toBe(400);
  });

  it('answers bad requests with a message, not a crash', async () => {
    const unknown = await fetch(`${base}/api/results/nope`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/There is no cycle "nope"/);
    expect((await fetch(`${base}/api/results/2024-25?by=shoe`)).status).toBe(400);
    expect((await fetch(`${base}/api/results/2024-25?by=role`)).status).toBe(400);
    expect((await fetch(`${base}/api/results/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    expect((await fetch(`${base}/api/messages`, { method: 'POST', body: '{}' })).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
