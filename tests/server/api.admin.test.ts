import { demoCaseloadCsv, demoCaseloads } from '../../src/app/caseloadDemo';
import { allAuditTasks } from '../../src/ports/audits';
import type { AuditPlanChangeDto, AuditPlanDto, CaseloadUploadDto, OrganisationUploadDto, QualityThemeDto } from '../../src/server/api/types';
import { organisationCsv } from '../fixtures/uploads';
import { call, openApiWorld, type ApiWorld } from './apiWorld';

/**
 * What the PSW did on the command line, done in the tab: the organisation and Care Director
 * uploads (a dry-run preview first, every bad row by line and column, all or nothing as the
 * command line), the caseload level, quality themes, and Appendix 6's rules with what a change
 * would do before it is saved.
 */
describe("the PSW's admin in the tab", () => {
  let world: ApiWorld;
  const asPsw = (method: string, path: string, body?: unknown) => call(world, world.who.psw, method, path, body);
  beforeEach(async () => {
    world = await openApiWorld();
  });
  afterEach(() => world.close());

  it('previews an organisation file, listing every bad row by line and column, and imports nothing until it is clean', async () => {
    const good = organisationCsv(world.organisation);
    const lines = good.trimEnd().split('\n');
    lines[3] = lines[3]!.replace(/,[^,]*(Social worker|Senior practitioner|Team manager|Service manager|Social care professional)[^,]*,/, ',Wizard,');
    lines[5] = lines[5]!.replace(/^[^,]+,[^,]+,/, (m) => `${m.split(',')[0]},,`);
    const bad = `${lines.join('\n')}\n`;
    const preview = await asPsw('POST', '/api/admin/organisation/preview', { csv: bad, fileName: 'staff.csv' });
    expect(preview.status).toBe(200);
    const body = preview.body as OrganisationUploadDto;
    expect(body.imported).toBe(false);
    expect(body.problems).toEqual([
      { line: 4, column: 'role', columnNumber: 3, message: expect.stringContaining('"Wizard" is not a role') },
      { line: 6, column: 'display_name', columnNumber: 2, message: expect.stringContaining('The name is missing') },
    ]);
    const refused = await asPsw('POST', '/api/admin/organisation/import', { csv: bad });
    expect(refused.status).toBe(400);
    expect((refused.body as { error: string }).error).toMatch(/^Nothing was imported: 2 of \d+ rows have problems/);

    const clean = await asPsw('POST', '/api/admin/organisation/preview', { csv: good });
    expect(clean.body).toMatchObject({ imported: false, people: world.organisation.people.length, problems: [], notInFile: 0 });
    const imported = await asPsw('POST', '/api/admin/organisation/import', { csv: good });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ imported: true, people: world.organisation.people.length });
  });

  it('uploads a Care Director caseload export: preview, refused over months already held unless replacing, then imported', async () => {
    const entries = demoCaseloads(world.organisation, { from: '2026-07', to: '2026-09' });
    const csv = demoCaseloadCsv(entries);
    const preview = (await asPsw('POST', '/api/admin/caseloads/preview', { csv, period: '2026-07..2026-09' })).body as CaseloadUploadDto;
    expect(preview).toMatchObject({ imported: false, entries: entries.length, problems: [] });
    expect(preview.alreadyStored.length).toBeGreaterThan(0);
    const refused = await asPsw('POST', '/api/admin/caseloads/import', { csv, period: '2026-07..2026-09' });
    expect(refused.status).toBe(400);
    expect((refused.body as { error: string }).error).toMatch(/already stored for \d+ team-months/);
    const replaced = await asPsw('POST', '/api/admin/caseloads/import', { csv, period: '2026-07..2026-09', replace: true });
    expect(replaced.body).toMatchObject({ imported: true, entries: entries.length });

    const bad = csv.replace(/\n([^,\n]+),hospital,2026-07,\d+/, '\n$1,hospital,2026-07,lots');
    const problems = ((await asPsw('POST', '/api/admin/caseloads/preview', { csv: bad, period: '2026-07..2026-09' })).body as CaseloadUploadDto).problems;
    expect(problems).toEqual([{ line: 2, column: 'open_cases', columnNumber: 4, message: '"lots" open cases is not a whole number of 0 or more.' }]);
  });

  it('sets the caseload level and tags and removes quality themes', async () => {
    expect((await asPsw('POST', '/api/admin/caseload-level', { level: 24 })).body).toMatchObject({ level: 24 });
    expect((await asPsw('GET', '/api/admin')).body).toMatchObject({ caseloadLevel: 24 });
    expect((await asPsw('POST', '/api/admin/caseload-level', { level: -3 })).status).toBe(400);
    const theme = (await asPsw('POST', '/api/admin/quality-themes', { theme: 'Recording of carers\u2019 assessments', source: 'Practice standards audits', note: 'Seen in three teams.' }))
      .body as QualityThemeDto;
    expect(theme).toMatchObject({ quarter: '2026-Q4', theme: 'Recording of carers\u2019 assessments' });
    expect(((await asPsw('GET', '/api/admin/quality-themes')).body as QualityThemeDto[]).map((t) => t.id)).toContain(theme.id);
    expect((await asPsw('DELETE', `/api/admin/quality-themes/${theme.id}`)).status).toBe(204);
    expect(((await asPsw('GET', '/api/admin/quality-themes')).body as QualityThemeDto[]).map((t) => t.id)).not.toContain(theme.id);
  });

  it("shows Appendix 6's rules, says what a change would do before saving it, and re-plans with it", async () => {
    const plan = (await asPsw('GET', '/api/admin/audit-plan?year=2026')).body as AuditPlanDto;
    expect(plan.rules.map((r) => r.title)).toContain('Thematic practice review');
    expect(plan).toMatchObject({ changed: false, planned: true, maxDuePerAuditorPerWeek: 2 });
    const before = await allAuditTasks(world.audits, 2026);
    const change = { rules: [{ activity: 'thematic-review', frequency: 2 }] };
    const preview = (await asPsw('POST', '/api/admin/audit-plan/preview', { year: 2026, change })).body as AuditPlanChangeDto;
    expect(preview.changes).toEqual(['Thematic practice review: four times a year → twice a year']);
    expect(preview.saved).toBe(false);
    const reviews = preview.byActivity.find((a) => a.activity === 'thematic-review')!;
    expect(reviews.cancelled).toBe(2);
    expect(reviews.cancelled + reviews.kept + reviews.moved).toBe(before.filter((t) => t.activity === 'thematic-review' && t.status !== 'cancelled').length);
    expect(await allAuditTasks(world.audits, 2026)).toEqual(before);
    const saved = (await asPsw('POST', '/api/admin/audit-plan', { year: 2026, change })).body as AuditPlanChangeDto;
    expect({ ...saved, saved: false }).toEqual(preview);
    expect(saved.saved).toBe(true);
    expect((await allAuditTasks(world.audits, 2026)).filter((t) => t.activity === 'thematic-review' && t.status !== 'cancelled').length).toBe(reviews.kept + reviews.moved);
    expect(((await asPsw('GET', '/api/admin/audit-plan?year=2026')).body as AuditPlanDto).changed).toBe(true);
    const refused = await asPsw('POST', '/api/admin/audit-plan/preview', { change: { rules: [{ activity: 'supervision-audit', frequency: 3 }] } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ fieldErrors: [{ field: 'rules.supervision-audit.frequency' }] });
  });

  it('is for the PSW and admins only', async () => {
    for (const role of ['staff', 'teamManager', 'managementTeam'] as const) {
      expect((await call(world, world.who[role], 'GET', '/api/admin')).status).toBe(403);
      expect((await call(world, world.who[role], 'POST', '/api/admin/organisation/preview', { csv: 'id\n' })).status).toBe(403);
    }
    expect((await call(world, world.who.admin, 'GET', '/api/admin')).status).toBe(200);
  });
});
