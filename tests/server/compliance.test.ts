import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DemoDirectory, demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { AuditService } from '../../src/app/audits';
import type { App } from '../../src/app/app';
import { wire } from '../../src/composition';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { createHttpServer } from '../../src/server/http';
import { TestClock } from '../fixtures/testClock';

describe('GET /api/audits/compliance', () => {
  let app: App;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const clock = new TestClock(new Date('2026-07-15T09:00:00Z'));
    const { stores, audits } = openSqlite(':memory:');
    app = await wire(stores, healthCheck, clock);
    const service = new AuditService(audits, new DemoDirectory(), clock, { newSeed: () => 7 });
    await service.plan(2026);
    server = createHttpServer(app, demoOrganisation(), undefined, {
      compliance: async (year) => ({ year: year ?? service.yearOf(), ...(await service.status(year)) }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  it('gives compliance for this council year by type, team and auditor, with no form answers', async () => {
    const res = await fetch(`${base}/api/audits/compliance`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { year: number; today: string; byType: unknown[]; byTeam: unknown[]; byAuditor: unknown[]; overall: { summary: string } };
    expect(body.year).toBe(2026);
    expect(body.today).toBe('2026-07-15');
    expect(body.byType.length).toBeGreaterThan(0);
    expect(body.byTeam.length).toBeGreaterThan(0);
    expect(body.byAuditor.length).toBeGreaterThan(0);
    expect(typeof body.overall.summary).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/answers/i);
  });

  it('takes a year', async () => {
    const res = await fetch(`${base}/api/audits/compliance?year=2026`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { year: number }).year).toBe(2026);
  });

  it.each(['next', '26', '2026-27'])('refuses year=%s with a plain message', async (year) => {
    const res = await fetch(`${base}/api/audits/compliance?year=${year}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/"year" must be the year the council year starts in, e\.g\. 2026/);
  });

  it('refuses a year out of range with a plain message', async () => {
    const res = await fetch(`${base}/api/audits/compliance?year=1999`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/The audit year must be a year such as 2026/);
  });

  it('is not served when the server has no audit service', async () => {
    const bare = createHttpServer(app, demoOrganisation());
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const res = await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/api/audits/compliance`);
    expect(res.status).toBe(404);
    await new Promise((resolve) => bare.close(resolve));
  });
});
