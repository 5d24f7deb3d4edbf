import { renderQualityReportHtml } from '../../src/domain/qualityReport/html';
import { reportTables } from '../../src/domain/qualityReport/tables';
import { reportServer, reportWorld, type ReportWorld } from '../fixtures/reportWorld';

describe('the Quarterly Quality Report for the demo quarter (2026-Q3)', () => {
  let world: ReportWorld;
  let server: Awaited<ReturnType<typeof reportServer>>;
  let base: string;
  let as: string;

  beforeAll(async () => {
    world = await reportWorld();
    server = await reportServer(world);
    base = server.base;
    as = `persona=${server.psw}`;
  });

  afterAll(async () => {
    await server.close();
    await world.app.close();
  });

  it('has compliance by type and team, themes, supervision, caseloads, health check and the action plan', async () => {
    const report = await world.services.qualityReport.report('2026-Q3');
    expect(report.quarter.label).toBe('Quarter 3, October – December 2026');
    expect(report.asOf).toBe('2026-11-23');
    expect(report.compliance.byType.map((l) => l.label)).toEqual(expect.arrayContaining(['Staff supervision audit', 'Practice standards audit']));
    expect(report.compliance.byTeam.length).toBeGreaterThan(0);
    expect(report.themes[0]).toMatchObject({ theme: 'Recording of mental capacity assessments', times: 2 });
    // October is the only whole month so far; every fifth supervisee missed it.
    expect(report.supervision.months).toEqual(['2026-10']);
    expect(report.supervision.overall.percent).toBeGreaterThan(70);
    expect(report.supervision.overall.percent).toBeLessThan(90);
    expect(report.caseloads.period).toEqual({ from: '2026-07', to: '2026-09' });
    expect(report.caseloads.teams).toHaveLength(8);
    expect(report.caseloads.teams.find((t) => t.name === 'Hospital team')?.previous).toBe(20.6);
    expect(report.health?.title).toContain('2024');
    expect(report.health?.headlines.find((h) => h.text === 'say their caseload is fair and manageable')?.percent).toEqual(expect.any(Number));
    // The demo action plan: four actions, one of them overdue, and one update sent this quarter.
    expect(report.actions).toEqual({ total: 4, done: 1, inProgress: 2, notStarted: 1, dropped: 0, overdue: 1, updatesSent: 1 });
  });

  it('never names a worker, even those above the caseload level', async () => {
    const report = await world.services.qualityReport.report('2026-Q3');
    expect(report.caseloads.teams.reduce((s, t) => s + t.aboveLevel, 0)).toBeGreaterThan(0);
    const html = renderQualityReportHtml(report);
    const csv = JSON.stringify(reportTables(report));
    for (const person of world.organisation.people.filter((p) => p.role !== 'principal-social-worker')) {
      expect(html).not.toContain(person.displayName.replace("'", '&#39;'));
      expect(csv).not.toContain(person.displayName);
    }
  });

  it('serves a printable page with no scripts or external assets', async () => {
    const res = await fetch(`${base}/report/quarterly?quarter=2026-Q3&${as}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('Quarter 3, October – December 2026');
    expect(html).toContain('<h3>Health check action plan</h3>');
    expect(html).not.toContain('No action plan yet.');
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|https?:\/\//i);
  });

  it('serves the same report as JSON for the tab', async () => {
    const res = await fetch(`${base}/api/report/quarterly?quarter=2026-Q3`, { headers: { 'x-phc-persona': server.psw } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { quarter: { id: string } }).quarter.id).toBe('2026-Q3');
  });

  it('refuses a quarter it cannot read, and one that has not started, in plain words', async () => {
    const bad = await fetch(`${base}/report/quarterly?quarter=autumn&${as}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('"autumn" is not a quarter: write it as YYYY-Qn');
    const future = await fetch(`${base}/report/quarterly?quarter=2027-Q1&${as}`);
    expect(future.status).toBe(400);
    expect(((await future.json()) as { error: string }).error).toBe('Quarter 1, April – June 2027 has not started yet; there is nothing to report.');
  });
});

describe('thresholds in the report', () => {
  it('hides the health check when the newest cycle had fewer responses than its threshold', async () => {
    const world = await reportWorld({ responses: 4 });
    const report = await world.services.qualityReport.report('2026-Q3');
    expect(report.health?.title).not.toContain('2024');
    expect(report.health?.hidden).toMatch(/^Hidden/);
    expect(report.health?.headlines.every((h) => h.percent === null)).toBe(true);
    expect(renderQualityReportHtml(report)).not.toMatch(/<td>\d+<\/td><\/tr><\/tbody><\/table>\s*<h3>Action plan/);
    await world.app.close();
  });

  it('shows the figures once the cycle reaches its threshold', async () => {
    const world = await reportWorld({ responses: 6 });
    const report = await world.services.qualityReport.report('2026-Q3');
    expect(report.health?.hidden).toBeUndefined();
    // 4 of 6 agreed.
    expect(report.health?.headlines.find((h) => h.text === 'say their caseload is fair and manageable')?.percent).toBe(67);
    await world.app.close();
  });

  it('reads the action plan from the action store the tab writes to', async () => {
    const world = await reportWorld({ actionPlan: false });
    expect((await world.services.qualityReport.report('2026-Q3')).actions).toBeUndefined();
    expect(renderQualityReportHtml(await world.services.qualityReport.report('2026-Q3'))).toContain('No action plan yet.');
    const psw = world.organisation.people.find((p) => p.role === 'principal-social-worker')!;
    const action = await world.phc.services.actions.create({ what: 'Weigh caseloads monthly', ownerId: psw.id, due: '2026-11-30', status: 'in-progress' }, psw.id);
    await world.phc.services.actions.recordUpdate({ message: 'You said caseloads were uneven; we now weigh them monthly.', actionIds: [action.id] }, psw.id);
    const report = await world.services.qualityReport.report('2026-Q3');
    expect(report.actions).toEqual({ total: 1, done: 0, inProgress: 1, notStarted: 0, dropped: 0, overdue: 0, updatesSent: 1 });
    expect(renderQualityReportHtml(report)).not.toContain('No action plan yet.');
    await world.app.close();
  });
});
