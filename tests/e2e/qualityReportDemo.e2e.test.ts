/**
 * The Quarterly Quality Report from the real server (src/server/main.ts, as `npm start` runs
 * it) with the demo on, read as the PSW reads it in the tab: every section has data wherever
 * the demo has data, the action plan included. A section wired to nothing (a port with no
 * production implementation) shows up here as an empty section beside the demo's data.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActionDto, ActionListDto, ComplianceDto, PersonaDto, QualityReportDto } from '../../src/server/api/types';
import { startServer, type RunningServer } from '../support/appServer';

jest.setTimeout(120_000);

/** A Friday in council quarter 3 (October–December 2026). */
const TODAY = '2026-11-20';

describe("the demo's Quarterly Quality Report, from the real server", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-report-demo-e2e-'));
  let server: RunningServer;
  let psw: PersonaDto;

  async function get<T>(url: string): Promise<T> {
    const res = await fetch(`${server.base}${url}`, { headers: { 'x-phc-persona': psw.id } });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  async function post<T>(url: string, body: unknown): Promise<T> {
    const res = await fetch(`${server.base}${url}`, { method: 'POST', headers: { 'x-phc-persona': psw.id, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  const report = () => get<QualityReportDto>('/api/report/quarterly');

  beforeAll(async () => {
    server = await startServer(dataDir, { PHC_CLOCK_START: `${TODAY}T10:00:00Z` });
    const personas = (await (await fetch(`${server.base}/api/personas`)).json()) as PersonaDto[];
    const found = personas.find((p) => p.role === 'principal-social-worker');
    if (!found) throw new Error('The demo has no Principal Social Worker persona.');
    psw = found;
  });

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is for the quarter the server is in', async () => {
    const r = await report();
    expect(r.quarter.id).toBe('2026-Q3');
    expect(r.asOf).toBe(TODAY);
  });

  it('lists audit compliance for every audit type and team the demo plans', async () => {
    const [r, planned] = await Promise.all([report(), get<ComplianceDto>('/api/audits/compliance')]);
    const typesPlanned = planned.byType.filter((row) => Object.values(row.counts).some((n) => n > 0)).map((row) => row.label);
    expect(typesPlanned.length).toBeGreaterThan(0);
    expect(r.compliance.byType.map((l) => l.label)).toEqual(expect.arrayContaining(typesPlanned));
    expect(r.compliance.byTeam.length).toBeGreaterThan(0);
  });

  it('has the themes the demo tagged this quarter', async () => {
    const r = await report();
    expect(r.themes.map((t) => t.theme)).toEqual(expect.arrayContaining(['Recording of mental capacity assessments']));
  });

  it('has supervision frequency for every team with supervisees', async () => {
    const r = await report();
    expect(r.supervision.months).toEqual(['2026-10']);
    expect(r.supervision.overall.supervisees).toBeGreaterThan(0);
    expect(r.supervision.byTeam.length).toBeGreaterThan(0);
  });

  it("has the demo's caseload averages for every team", async () => {
    const r = await report();
    expect(r.caseloads.teams.length).toBeGreaterThan(0);
    expect(r.caseloads.overall).toEqual(expect.any(Number));
    for (const team of r.caseloads.teams) expect({ team: team.name, average: team.average }).toEqual({ team: team.name, average: expect.any(Number) });
  });

  it('has the Health Check headlines of the newest results', async () => {
    const r = await report();
    expect(r.health?.headlines.some((h) => typeof h.percent === 'number')).toBe(true);
  });

  it('has the demo\'s action plan: actions by status, overdue, and the "You said, we did" updates sent', async () => {
    const [r, plan] = await Promise.all([report(), get<ActionListDto>('/api/actions')]);
    expect(plan.actions.length).toBeGreaterThan(0);
    const count = (f: (a: ActionDto) => boolean) => plan.actions.filter(f).length;
    expect(r.actions).toEqual({
      total: plan.actions.length,
      done: count((a) => a.status === 'done'),
      inProgress: count((a) => a.status === 'in-progress'),
      notStarted: count((a) => a.status === 'not-started'),
      dropped: count((a) => a.status === 'dropped'),
      overdue: count((a) => a.due < TODAY && (a.status === 'not-started' || a.status === 'in-progress')),
      updatesSent: expect.any(Number),
    });
    expect(r.actions?.updatesSent).toBeGreaterThan(0);
  });

  it('counts an action the PSW adds in the tab, and a "You said, we did" update sent', async () => {
    const before = await report();
    const action = await post<ActionDto>('/api/actions', { what: 'Publish the caseload weighting tool to team managers', ownerId: psw.id, due: '2026-11-13', status: 'in-progress' });
    await post('/api/actions/you-said-we-did', { message: 'You said caseloads were uneven; we now weigh them monthly.', actionIds: [action.id] });
    const after = await report();
    expect(after.actions?.total).toBe((before.actions?.total ?? 0) + 1);
    expect(after.actions?.inProgress).toBe((before.actions?.inProgress ?? 0) + 1);
    expect(after.actions?.overdue).toBe((before.actions?.overdue ?? 0) + 1);
    expect(after.actions?.updatesSent).toBe((before.actions?.updatesSent ?? 0) + 1);
  });

  it("has the demo's focus group themes, thematic review findings and self-assessment ratings, and prints them", async () => {
    const r = await report();
    expect(r.framework.focusGroups).toEqual([
      expect.objectContaining({
        date: TODAY,
        purpose: 'Annual health check',
        attended: 11,
        themes: expect.arrayContaining([{ area: 'Effective workload management', summary: 'Duty weeks bunch up new cases', inActionPlan: false }]),
      }),
    ]);
    expect(r.framework.reviews).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ theme: 'Mental capacity assessments', stage: 'Completed', findings: expect.arrayContaining([expect.stringMatching(/two-stage test is rarely written down/)]) }),
      ]),
    );
    expect(r.framework.selfAssessments).toEqual([
      expect.objectContaining({
        title: 'National professional standards self-assessment 2026/27',
        status: 'Draft',
        items: expect.arrayContaining([{ title: 'Standard 5: Effective and appropriate supervision', rating: 'Met' }]),
      }),
    ]);
    const res = await fetch(`${server.base}/report/quarterly`, { headers: { 'x-phc-persona': psw.id } });
    const html = await res.text();
    for (const heading of ['6. Focus groups', '7. Thematic practice reviews', '8. Self-assessments']) expect(html).toContain(heading);
    expect(html).toContain('Duty weeks bunch up new cases');
  });

  it('prints the action plan rather than "No action plan yet"', async () => {
    const res = await fetch(`${server.base}/report/quarterly`, { headers: { 'x-phc-persona': psw.id } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Action plan');
    expect(html).not.toContain('No action plan yet.');
    expect(html).toContain('“You said, we did” updates sent');
  });
});
