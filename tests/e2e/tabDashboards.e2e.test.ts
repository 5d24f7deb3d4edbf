/**
 * End to end, the tab as a dashboard: each role lands on a home page that lists what needs
 * their attention, and the Standards, Caseloads, Audits and Health check pages draw their
 * figures as charts with the table one click away. The real server (as `npm start` runs it)
 * over a data folder seeded through the app's services (tests/support/dashboardWorld.ts),
 * the built tab, Debian's Chromium. What is drawn is read back from the page (the chart's
 * accessible labels, its table) and compared with the services' own output for the same
 * data file, worked out here. Screenshots go to test-artifacts/screenshots/; with
 * PHC_DOCS_SCREENSHOTS=1 the small pictures for the docs go to docs/screenshots/dashboards/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Composition } from '../../src/composition';
import { taskInScope, viewerOf } from '../../src/domain/access';
import { BUCKET_LABELS, bucketOf, compliance } from '../../src/domain/audit/compliance';
import type { CycleResults } from '../../src/domain/results/types';
import { dateOf } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import type { HomeDto, PersonaDto } from '../../src/server/api/types';
import { BANDS } from '../../tab/src/model/charts';
import { composeAt } from '../support/composed';
import { DEMO_SUPERVISOR, seedDashboards, type DashboardWorld } from '../support/dashboardWorld';
import { apiAs as getAs, axeScan, ensureTabBuilt, launchChromium, openPage, ROOT, screenshot, startServer, tabAddress, type RunningServer } from '../support/tabBrowser';

jest.setTimeout(300_000);

const PSW = 'demo-001';
const MANAGEMENT_TEAM = 'demo-002';
const TEAM_MANAGER = 'demo-007';
const STAFF = '00000000-0000-0000-0000-0000000000020';
const DOCS = path.join(ROOT, 'docs/screenshots/dashboards');

describe('the tab as a dashboard', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-tab-dashboards-e2e-'));
  let server: RunningServer;
  let browser: Browser;
  let world: DashboardWorld;

  const url = (persona: string, hash: string, theme = 'default') => tabAddress(server.base, persona, hash, theme);
  const apiAs = <T>(persona: string, route: string): Promise<T> => getAs<T>(server.base, persona, route);
  const open = (persona: string, hash: string, ready: string, opts: { theme?: string; width?: number } = {}): Promise<Page> =>
    openPage(browser, url(persona, hash, opts.theme), ready, `${hash || 'the first page'} as ${persona}`, { width: opts.width ?? 1280, height: 900, timeout: 90_000, acceptDownloads: true });
  /** Nothing is drawn over the page: what is under the page's heading is the heading. */
  async function expectNothingCovers(page: Page): Promise<void> {
    const onTop = await page.evaluate<boolean>(
      `(() => { const h = document.querySelector('main h2'); const r = h.getBoundingClientRect(); const top = document.elementFromPoint(r.left + 4, r.top + r.height / 2); return top !== null && h.contains(top); })()`,
    );
    expect(onTop).toBe(true);
  }
  /** The accessible names of what a chart draws (bars, markers, points). */
  async function drawn(page: Page, chart: string): Promise<string[]> {
    const figure = page.getByTestId(`chart-${chart}`);
    await figure.scrollIntoViewIfNeeded();
    await figure.locator('svg [role="option"], svg [role="img"]').first().waitFor();
    return figure.locator('svg [role="option"][aria-label], svg path[role="img"][aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }
  /** The chart's table, one click away: opened, its cells read, and its CSV downloaded. */
  async function tableOf(page: Page, chart: string): Promise<{ rows: string[][]; csv: string }> {
    const figure = page.getByTestId(`chart-${chart}`);
    await figure.getByText('Table and CSV of this chart').click();
    const table = figure.getByRole('table');
    await table.waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => ((td as { textContent: string | null }).textContent ?? '').trim())));
    const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: /Download CSV/ }).click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    return { rows, csv };
  }
  /** The app over the server's own data file (read while it runs, as the CLI would). */
  async function withApp<T>(f: (phc: Composition) => Promise<T>): Promise<T> {
    const phc = await composeAt(dataDir);
    try {
      return await f(phc);
    } finally {
      await phc.close();
    }
  }
  /** A small picture for the docs, only when asked for (they are kept in the repository). */
  async function docsPicture(page: Page, name: string, selector?: string): Promise<void> {
    if (process.env.PHC_DOCS_SCREENSHOTS !== '1') return;
    fs.mkdirSync(DOCS, { recursive: true });
    const file = path.join(DOCS, `${name}.png`);
    if (selector) await page.locator(selector).first().screenshot({ path: file });
    else await page.screenshot({ path: file });
    console.log(`Docs picture: ${file}`);
  }

  beforeAll(async () => {
    ensureTabBuilt();
    world = await seedDashboards(dataDir);
    server = await startServer(dataDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every item the API gives this persona is on the page with its words, figure, lines and link. */
  async function expectHomeShows(page: Page, dto: HomeDto): Promise<void> {
    expect(dto.items.length).toBeGreaterThan(0);
    for (const item of dto.items) {
      const card = page.locator(`[data-item-id="${item.id}"]`);
      await expect(card.getByRole('heading', { level: 3 }).innerText()).resolves.toBe(item.title);
      await expect(card.getByTestId('home-summary').innerText()).resolves.toBe(item.summary);
      if (item.figure) await expect(card.getByTestId('home-figure').innerText()).resolves.toBe(item.figure);
      const links = await card.getByRole('link').evaluateAll((as) => as.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']));
      for (const line of item.lines) expect(links).toContainEqual(line.href ? [line.text, line.href] : expect.anything());
      expect(links).toContainEqual([item.link.label, item.link.href]);
    }
  }

  it('lands a member of staff on a home page with the open survey (not yet answered) and the audits of their work', async () => {
    const dto = await apiAs<HomeDto>(STAFF, '/api/home');
    const page = await open(STAFF, '', '[data-testid="home"]');
    try {
      expect(page.url()).not.toContain('#/health-check');
      await expectHomeShows(page, dto);
      const survey = page.locator('[data-item-id="open-surveys"]');
      await expect(survey.innerText()).resolves.toMatch(/you have not taken part yet/);
      await expect(survey.getByText('Needs attention').count()).resolves.toBe(1);
      await screenshot(page, 'tab-home-staff');
      await docsPicture(page, 'home-staff');
    } finally {
      await page.close();
    }
  });

  it("lands a supervisor on a home page with their supervisees' overdue audits, as many as the audit programme has, and supervision this month", async () => {
    const overdue = await withApp(async (phc) => {
      const organisation = await phc.directory.organisation();
      const viewer = viewerOf(
        organisation.people.find((p) => p.id === DEMO_SUPERVISOR)!,
        organisation,
        { admins: [], managementTeam: [] },
      );
      const today = dateOf(new Date());
      return (await allAuditTasks(phc.stores.audits, world.year)).filter((t) => taskInScope(viewer.scope, t, organisation) && bucketOf(t, today) === 'overdue').length;
    });
    expect(overdue).toBeGreaterThan(0);
    const page = await open(DEMO_SUPERVISOR, '', '[data-testid="home"]');
    try {
      await expectHomeShows(page, await apiAs<HomeDto>(DEMO_SUPERVISOR, '/api/home'));
      await expect(page.locator('[data-item-id="scoped-audits"] [data-testid="home-figure"]').innerText()).resolves.toBe(`${overdue} overdue`);
      await expect(page.locator('[data-item-id="supervision-this-month"] [data-testid="home-figure"]').innerText()).resolves.toMatch(/^2 of \d+$/);
      await screenshot(page, 'tab-home-supervisor');
      await docsPicture(page, 'home-supervisor');
      // Each item opens its page.
      await page.locator('[data-item-id="scoped-audits"]').getByRole('link', { name: 'Open Audits' }).click();
      await page.waitForURL(/#\/audits$/);
      await page.getByTestId('compliance-overall').waitFor();
    } finally {
      await page.close();
    }
  });

  it("lands a team manager on a home page with their team's response rate, caseloads against the level and returns due", async () => {
    const page = await open(TEAM_MANAGER, '', '[data-testid="home"]');
    try {
      const dto = await apiAs<HomeDto>(TEAM_MANAGER, '/api/home');
      await expectHomeShows(page, dto);
      for (const id of [`team-response-rate-${world.cycle}`, 'team-caseloads', 'returns-due']) await page.locator(`[data-item-id="${id}"]`).waitFor();
      await screenshot(page, 'tab-home-team-manager');
      await docsPicture(page, 'home-team-manager');
    } finally {
      await page.close();
    }
  });

  it('lands the PSW and the management team on a home page with the largest changes, audit compliance, the standards and what needs action', async () => {
    for (const persona of [PSW, MANAGEMENT_TEAM]) {
      const page = await open(persona, '', '[data-testid="home"]');
      try {
        await expectHomeShows(page, await apiAs<HomeDto>(persona, '/api/home'));
        for (const id of ['largest-changes', 'audit-compliance', 'standards', 'needs-action']) await page.locator(`[data-item-id="${id}"]`).waitFor();
        await screenshot(page, `tab-home-${persona === PSW ? 'psw' : 'management-team'}`);
        if (persona === PSW) await docsPicture(page, 'home-psw');
      } finally {
        await page.close();
      }
    }
  });

  it('shows each persona the home page first in the navigation', async () => {
    const personas = (await (await fetch(`${server.base}/api/personas`)).json()) as PersonaDto[];
    const page = await open(personas[0]!.id, '', '[data-testid="home"]');
    try {
      await expect(page.getByRole('tab').first().innerText()).resolves.toBe('Home');
      await expect(page.getByRole('tab', { selected: true }).innerText()).resolves.toBe('Home');
    } finally {
      await page.close();
    }
  });

  it('draws the standards as bars on the 0–100 scale in their bands, each the score the standards service gives', async () => {
    const view = await withApp((phc) => phc.services.reports.standards.show());
    const page = await open(PSW, 'standards', '[data-testid="chart-standards"]');
    try {
      await expectNothingCovers(page);
      const labels = await drawn(page, 'standards');
      const legend = (band: string) => BANDS.find((b) => b.band === band)!.legend;
      for (const s of view.standards) {
        if (s.score === null) expect(labels.filter((l) => l.startsWith(`${s.title}.`))).toEqual([]);
        else expect(labels).toContain(`${s.title}. ${legend(s.band!)}, ${s.score}.`);
      }
      expect(labels).toHaveLength(view.standards.filter((s) => s.score !== null).length);
      // The bands are named on the chart, and its legend says them as the table's Level column does.
      for (const band of ['Low', 'Moderate', 'High']) await expect(page.getByTestId('chart-standards').getByText(band, { exact: true }).count()).resolves.toBeGreaterThan(0);
      await docsPicture(page, 'chart-standards', '[data-testid="chart-standards"]');
      const { rows, csv } = await tableOf(page, 'standards');
      for (const s of view.standards) {
        const row = rows.find((r) => r[0] === `${s.number}. ${s.title}`)!;
        expect(row[1]).toBe(s.score === null ? 'Not scored' : `${s.score} out of 100`);
        expect(csv).toContain(`${s.number}. ${s.title},${s.score === null ? 'Not scored' : `${s.score} out of 100`}`);
      }
      await screenshot(page, 'tab-chart-standards');
    } finally {
      await page.close();
    }
  });

  it('draws caseloads by team beside 2019/20 with the level as a line, the averages the caseload service works out', async () => {
    const report = await withApp((phc) => phc.services.reports.caseloads.report({ viewerId: PSW }));
    const page = await open(PSW, 'caseloads', '[data-testid="chart-caseloads"]');
    try {
      await expectNothingCovers(page);
      const labels = await drawn(page, 'caseloads');
      const teams = report.audit.teams.filter((t) => t.average.published !== null);
      expect(teams.length).toBeGreaterThan(0);
      for (const t of teams) {
        expect(labels).toContain(`${t.name}. Average open cases, ${t.average.published}.`);
        const then = t.previous.find((p) => p.audit === '2019-20');
        if (then) expect(labels).toContain(`${t.name}. 2019/20, ${then.average}.`);
        expect(labels).toContain(`${t.name}: Level: ${report.audit.level} cases`);
      }
      // The legend says what the table's columns say.
      const legend = await page.getByTestId('chart-caseloads').locator('.fui-legend__text').allInnerTexts();
      const { rows } = await tableOf(page, 'caseloads');
      const columns = await page.getByTestId('chart-caseloads').locator('thead th').allInnerTexts();
      expect(legend.filter((l) => !l.startsWith('Level:'))).toEqual(expect.arrayContaining(['Average open cases', '2019/20']));
      for (const l of legend.filter((x) => !x.startsWith('Level:'))) expect(columns).toContain(l);
      expect(rows.map((r) => r[0])).toEqual(report.audit.teams.map((t) => t.name));
      await docsPicture(page, 'chart-caseloads', '[data-testid="chart-caseloads"] .phc-chart');
      await screenshot(page, 'tab-chart-caseloads');
    } finally {
      await page.close();
    }
  });

  it('draws audit compliance by type and by quarter, each part the count the compliance rules give', async () => {
    const expected = await withApp(async (phc) => compliance(await allAuditTasks(phc.stores.audits, world.year), dateOf(new Date()), { organisation: await phc.directory.organisation() }));
    const page = await open(PSW, 'audits', '[data-testid="chart-compliance-by-type"]');
    try {
      await expectNothingCovers(page);
      for (const [chart, rows] of [
        ['compliance-by-type', expected.byType],
        ['compliance-by-quarter', expected.byQuarter],
      ] as const) {
        const labels = await drawn(page, chart);
        const parts = rows.flatMap((r) =>
          (['completedOnTime', 'completedLate', 'overdue', 'dueSoon', 'notYetDue'] as const).filter((b) => r.counts[b] > 0).map((b) => `${r.label}: ${r.counts[b]} ${BUCKET_LABELS[b].toLowerCase()}`),
        );
        expect(parts.length).toBeGreaterThan(3);
        expect([...labels].sort()).toEqual([...parts].sort());
        await docsPicture(page, `chart-${chart}`, `[data-testid="chart-${chart}"] .phc-chart`);
      }
      expect(expected.byQuarter.length).toBeGreaterThan(1);
      const { rows } = await tableOf(page, 'compliance-by-quarter');
      expect(rows.map((r) => [r[0], r[4]])).toEqual(expected.byQuarter.map((q) => [q.label, String(q.counts.overdue)]));
      await screenshot(page, 'tab-chart-compliance');
    } finally {
      await page.close();
    }
  });

  it("draws the open survey's response rate day by day beside last year's, as the response rate service counts it, leaving out hidden days", async () => {
    const growth = await withApp((phc) => phc.services.responseRate.growth(world.cycle));
    expect(growth.series.map((s) => s.cycle)).toEqual([world.cycle, world.previous]);
    const page = await open(PSW, 'health-check', '[data-testid="chart-response-rate"]');
    try {
      await expectNothingCovers(page);
      const labels = await drawn(page, 'response-rate');
      for (const s of growth.series) {
        for (const p of s.points) {
          const mine = labels.filter((l) => l.startsWith(`${s.title}, day ${p.day} (`));
          if (p.figure.percent === undefined) expect(mine).toEqual([]);
          else expect(mine).toEqual([expect.stringMatching(new RegExp(`: at least ${p.figure.percent}% \\(${p.figure.respondents} or more of ${p.figure.audience}\\)$`))]);
        }
      }
      expect(labels.length).toBe(growth.series.reduce((n, s) => n + s.points.filter((p) => p.figure.percent !== undefined).length, 0));
      await docsPicture(page, 'chart-response-rate', '[data-testid="chart-response-rate"] .phc-chart');
      const { rows } = await tableOf(page, 'response-rate');
      expect(rows).toHaveLength(Math.max(...growth.series.map((s) => s.points.length)));
      await screenshot(page, 'tab-chart-response-rate');
    } finally {
      await page.close();
    }
  });

  it("draws each Health Check question as a bar of this cycle's figure with earlier years as markers, the figures the results give", async () => {
    const results = await withApp(async (phc) => (await phc.app.results.results('2024-25')) as CycleResults);
    const page = await open(PSW, 'health-check?cycle=2024-25', '[data-testid="health-check"][data-cycle="2024-25"]');
    try {
      const sections = [...new Set(results.questions.filter((q) => q.headline && !q.suppressed).map((q) => q.section))];
      expect(sections.length).toBeGreaterThan(3);
      for (const section of sections) {
        const labels = await drawn(page, `questions-${section}`);
        const questions = results.questions.filter((q) => q.section === section && q.headline && !q.suppressed);
        const years = [...new Set(questions.flatMap((q) => q.headline!.previous.map((p) => p.year)))].sort((a, b) => b.localeCompare(a)).slice(0, 3);
        for (const q of questions) {
          expect(labels).toContain(`${q.resultText}. 2024, ${q.headline!.percent}.`);
          for (const p of q.headline!.previous.filter((x) => years.includes(x.year))) expect(labels).toContain(`${q.resultText}: ${p.percent}% in ${p.year}`);
        }
        for (const q of results.questions.filter((x) => x.section === section && x.suppressed)) expect(labels.filter((l) => l.startsWith(q.resultText))).toEqual([]);
      }
      await docsPicture(page, 'chart-questions-caseloads', '[data-testid="chart-questions-caseloads"] .phc-chart');
      await screenshot(page, 'tab-chart-questions');
    } finally {
      await page.close();
    }
  });

  it('writes labels in charts as the tables write them: the trend\'s legend says "Social worker" as its table does', async () => {
    const page = await open(PSW, 'health-check?cycle=2024-25', '[data-testid="health-check"][data-cycle="2024-25"]');
    try {
      const trend = page.locator('section[aria-labelledby="trend-heading"]');
      await trend.getByRole('combobox').selectOption('role');
      await trend.locator('.phc-chart svg').waitFor();
      await trend.locator('table').getByText('Social worker', { exact: true }).waitFor();
      const legend = await trend.locator('.fui-legend__text').allInnerTexts();
      const rows = await trend.locator('tbody tr td:first-child').allInnerTexts();
      expect(legend.map((l) => l.trim()).sort()).toEqual(rows.map((r) => r.trim()).sort());
      expect(legend).toContain('Social worker');
    } finally {
      await page.close();
    }
  });

  it('asks which Health Check question an action answers by its words, never its id', async () => {
    const page = await open(PSW, 'actions', 'form[aria-labelledby="action-editor"]');
    try {
      const form = page.locator('form[aria-labelledby="action-editor"]');
      const labels = await form.locator('label').allInnerTexts();
      expect(labels.filter((l) => /\bid\b/i.test(l))).toEqual([]);
      const question = form.getByRole('combobox', { name: /Health Check question it answers/ });
      const options = await question.locator('option').allInnerTexts();
      expect(options).toContain('I have access to best practice, research and evidence materials');
      expect(options.filter((o) => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(o))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  /** The chart pages as people read them: every chart drawn and every chart's table open. */
  async function openCharts(persona: string, hash: string, ready: string, opts: { theme?: string; width?: number } = {}): Promise<Page> {
    const page = await open(persona, hash, ready, opts);
    await page.waitForLoadState('networkidle');
    for (const figure of await page.locator('[data-testid^="chart-"]').all()) {
      await figure.scrollIntoViewIfNeeded();
      await figure.locator('details summary').click();
    }
    await page.waitForFunction("!document.querySelector('main .fui-Spinner')", undefined, { timeout: 90_000 });
    return page;
  }

  const CHART_PAGES: readonly { hash: string; ready: string }[] = [
    { hash: 'standards', ready: '[data-testid="chart-standards"] svg' },
    { hash: 'caseloads', ready: '[data-testid="chart-caseloads"] svg' },
    { hash: 'audits', ready: '[data-testid="chart-compliance-by-quarter"] svg' },
    { hash: 'health-check', ready: '[data-testid="chart-response-rate"] svg' },
    { hash: 'health-check?cycle=2024-25', ready: '[data-testid="health-check"][data-cycle="2024-25"]' },
  ];

  it.each(['default', 'dark', 'contrast'])('has no axe violations on the chart pages, their tables open, in the %s theme', async (theme) => {
    for (const c of CHART_PAGES) {
      const page = await openCharts(PSW, c.hash, c.ready, { theme });
      try {
        expect({ page: c.hash, theme, violations: await axeScan(page) }).toEqual({ page: c.hash, theme, violations: [] });
        await screenshot(page, `tab-charts-${c.hash.replace(/\W+/g, '-')}-${theme}`);
      } finally {
        await page.close();
      }
    }
  });

  it('is usable 320 px wide: nothing on the chart pages runs off the side, charts and tables open', async () => {
    for (const c of CHART_PAGES) {
      const page = await openCharts(PSW, c.hash, c.ready, { width: 320 });
      try {
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect({ page: c.hash, overflow }).toEqual({ page: c.hash, overflow: 0 });
        await screenshot(page, `tab-charts-${c.hash.replace(/\W+/g, '-')}-320px`);
      } finally {
        await page.close();
      }
    }
  });

  const HOMES: readonly { persona: string; name: string }[] = [
    { persona: STAFF, name: 'staff' },
    { persona: DEMO_SUPERVISOR, name: 'supervisor' },
    { persona: TEAM_MANAGER, name: 'team-manager' },
    { persona: PSW, name: 'psw' },
  ];

  it.each(['default', 'dark', 'contrast'])('has no axe violations on the home pages in the %s theme', async (theme) => {
    for (const h of HOMES) {
      const page = await open(h.persona, '', '[data-testid="home"]', { theme });
      try {
        await page.waitForLoadState('networkidle');
        expect({ home: h.name, theme, violations: await axeScan(page) }).toEqual({ home: h.name, theme, violations: [] });
        await screenshot(page, `tab-home-${h.name}-${theme}`);
      } finally {
        await page.close();
      }
    }
  });

  it('is usable 320 px wide: nothing on the home pages runs off the side', async () => {
    for (const h of HOMES) {
      const page = await open(h.persona, '', '[data-testid="home"]', { width: 320 });
      try {
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect({ home: h.name, overflow }).toEqual({ home: h.name, overflow: 0 });
        await screenshot(page, `tab-home-${h.name}-320px`);
      } finally {
        await page.close();
      }
    }
  });
});
