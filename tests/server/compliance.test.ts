import { call, openApiWorld, type ApiWorld } from './apiWorld';

/** Audit compliance as the tab asks for it (behind sign-in), as the PSW sees it. */
describe('GET /api/audits/compliance', () => {
  let world: ApiWorld;

  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it('gives compliance for this council year by type, team and auditor, with no form answers', async () => {
    const res = await call(world, world.who.psw, 'GET', '/api/audits/compliance');
    expect(res.status).toBe(200);
    const body = res.body as { year: number; today: string; byType: unknown[]; byTeam: unknown[]; byAuditor: unknown[]; overall: { summary: string } };
    expect(body.year).toBe(2026);
    expect(body.today).toBe('2027-01-11');
    expect(body.byType.length).toBeGreaterThan(0);
    expect(body.byTeam.length).toBeGreaterThan(0);
    expect(body.byAuditor.length).toBeGreaterThan(0);
    expect(typeof body.overall.summary).toBe('string');
    expect(res.text).not.toMatch(/answers/i);
  });

  it('takes a year', async () => {
    const res = await call(world, world.who.psw, 'GET', '/api/audits/compliance?year=2026');
    expect(res.status).toBe(200);
    expect((res.body as { year: number }).year).toBe(2026);
  });

  it.each(['next', '26', '2026-27'])('refuses year=%s with a plain message', async (year) => {
    const res = await call(world, world.who.psw, 'GET', `/api/audits/compliance?year=${year}`);
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toMatch(/"year" must be the year the council year starts in, e\.g\. 2026/);
  });

  it('refuses a year out of range with a plain message', async () => {
    const res = await call(world, world.who.psw, 'GET', '/api/audits/compliance?year=1999');
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toMatch(/The audit year must be a year such as 2026/);
  });

  it('is not served to anyone not signed in', async () => {
    expect((await call(world, undefined, 'GET', '/api/audits/compliance')).status).toBe(401);
  });
});
