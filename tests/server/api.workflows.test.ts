import { DEFAULT_AUDIT_RULES } from '../../src/domain/audit/plan/rules';
import { allAuditTasks } from '../../src/ports/audits';
import type { AuditListItem, MyAuditsDto } from '../../src/server/api/types';
import { call, openApiWorld, type ApiWorld } from './apiWorld';

/**
 * Every activity of the annual audit plan (Appendix 6) has a workflow someone can open: the
 * person asked to carry out a planned task finds a link to it in their list, and opening the
 * task never answers that it has no form.
 */
describe('every Appendix 6 activity has a workflow', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it.each(DEFAULT_AUDIT_RULES.rules.map((r) => [r.title, r.activity] as const))('%s: the auditor finds a link to its workflow, and opening it does not say "no form"', async (_title, activity) => {
    const tasks = (await allAuditTasks(world.audits, 2026)).filter((t) => t.activity === activity && t.status !== 'cancelled');
    expect(tasks.length).toBeGreaterThan(0);
    const task = tasks[0]!;
    const mine = (await call(world, task.auditorId, 'GET', '/api/audits/mine?year=2026')).body as MyAuditsDto;
    const item = mine.asAuditor.find((a) => a.id === task.id) as (AuditListItem & { workflow?: { page: string } }) | undefined;
    expect(item?.workflow?.page).toEqual(expect.any(String));
    const opened = await call(world, task.auditorId, 'GET', `/api/audits/task?id=${encodeURIComponent(task.id)}`);
    expect(opened.text).not.toMatch(/has no form/);
    expect(opened.status).toBe(200);
    // A form opens as the form; anything else says where it is done and links there.
    const body = opened.body as { form?: unknown; words?: string; workflow?: { page: string } };
    if (item?.workflow.page === 'audit') expect(body.form).toBeDefined();
    else expect(body).toMatchObject({ words: expect.stringMatching(/Health Check tab/), workflow: item?.workflow });
  });

  it('tells nobody else that an organisational audit exists', async () => {
    const task = (await allAuditTasks(world.audits, 2026)).find((t) => t.activity === 'thematic-review')!;
    const refused = await call(world, world.who.staff, 'GET', `/api/audits/task?id=${encodeURIComponent(task.id)}`);
    const missing = await call(world, world.who.staff, 'GET', '/api/audits/task?id=2026%2Fthematic-review%2Forganisation%2F9');
    expect([refused.status, (refused.body as { error: string }).error]).toEqual([missing.status, (missing.body as { error: string }).error]);
  });
});
