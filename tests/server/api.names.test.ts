import { healthCheck } from '../../src/domain/survey/healthCheck';
import type { ActionDto, CaseloadsDto, StandardsDto } from '../../src/server/api/types';
import { caseloadAreasTable, caseloadTeamsTable } from '../../tab/src/model/reports';
import { call, openApiWorld, type ApiWorld } from './apiWorld';

/**
 * Names, not ids: what the tab shows a person (read from the API, through the tab's own
 * tables where the page builds one) never puts a question id, a service area id or an audit
 * id where a person expects words.
 */
const QUESTION_IDS = new Set<string>(healthCheck.sections.flatMap((s) => s.questions.map((q) => q.id as string)));

describe('names, not ids, in what the tab shows', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it("labels every standard's item with its words, also a question the survey did not ask", async () => {
    const body = (await call(world, world.who.psw, 'GET', '/api/standards?cycle=2024-25')).body as StandardsDto;
    const items = body.standards.flatMap((s) => s.items);
    expect(items.length).toBeGreaterThan(10);
    expect(items.filter((i) => QUESTION_IDS.has(i.label)).map((i) => i.label)).toEqual([]);
    // 2024-25 (the published report) has no figure for this question: it is still named in words.
    const unasked = items.find((i) => i.id === 'evidence-access');
    expect(unasked?.label).toBe('agree they have access to best practice, research and evidence materials');
  });

  it("shows how the standards are mapped in words: each question's text and the answers counted", async () => {
    const body = (await call(world, world.who.psw, 'GET', '/api/standards')).body as StandardsDto;
    const lines = body.documented.flatMap((s) => s.questions);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line).not.toMatch(/\[[a-z0-9-]+\]|\((yes|no|completely)\)/);
    expect(lines).toContain('Do you know and recognise the Principal Social Worker for adults? (counting: Yes)');
  });

  it('names service areas in the caseload tables, never by their ids', async () => {
    const body = (await call(world, world.who.psw, 'GET', '/api/caseloads')).body as CaseloadsDto;
    const areaIds = new Set(world.organisation.teams.map((t) => t.serviceArea));
    const cells = [...caseloadTeamsTable(body).rows, ...caseloadAreasTable(body).rows].flat();
    expect(cells.filter((c) => typeof c === 'string' && areaIds.has(c))).toEqual([]);
    expect(cells).toContain('All age disability');
  });

  it("says which audit an action is linked to in words, not by the audit's id", async () => {
    const [task] = (await world.audits.list(2026, { limit: 1 })).items;
    expect(task).toBeDefined();
    const created = await call(world, world.who.psw, 'POST', '/api/actions', { what: 'Follow up the audit', ownerId: world.who.psw.id, due: '2027-03-31', link: { kind: 'audit', auditId: task!.id } });
    expect(created.status).toBe(201);
    const action = created.body as ActionDto;
    expect(action.link.kind).toBe('audit');
    const text = action.link.kind === 'audit' ? action.link.text : undefined;
    expect(text).not.toContain(task!.id);
    expect(text).toMatch(/^[A-Z].*: .+, due [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}$/);
  });
});
