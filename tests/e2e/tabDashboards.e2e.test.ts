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
import { bucketOf } from '../../src/domain/audit/compliance';
import { dateOf } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import type { HomeDto, PersonaDto } from '../../src/server/api/types';
import { composeAt } from '../support/composed';
import { DEMO_SUPERVISOR, seedDashboards, type DashboardWorld } from '../support/dashboardWorld';
import { axeScan, ensureTabBuilt, launchChromium, ROOT, screenshot, startServer, type RunningServer } from '../support/tabBrowser';

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

  const url = (persona: string, hash: string, theme = 'default') => `${server.base}/tab/?persona=${encodeURIComponent(persona)}&theme=${theme}${hash ? `#/${hash}` : ''}`;
  const apiAs = async <T>(persona: string, route: string): Promise<T> => {
    const res = await fetch(`${server.base}${route}`, { headers: { 'x-phc-persona': persona } });
    if (!res.ok) throw new Error(`${route} as ${persona}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  async function open(persona: string, hash: string, ready: string, opts: { theme?: string; width?: number } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: opts.width ?? 1280, height: 900 }, bypassCSP: true, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url(persona, hash, opts.theme));
    try {
      await page.locator(ready).first().waitFor({ timeout: 90_000 });
    } catch (error) {
      const said = await page.locator('body').innerText().catch(() => '');
      await page.close();
      throw new Error(`${hash || 'the first page'} as ${persona}: ${ready} did not appear. The page said:\n${said.slice(0, 1500)}\n${(error as Error).message}`);
    }
    expect(errors).toEqual([]);
    return page;
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
    else await page.screenshot({ path: file, fullPage: true });
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

  it('lands a supervisor on a home page with their supervisees\' overdue audits, as many as the audit programme has, and supervision this month', async () => {
    const overdue = await withApp(async (phc) => {
      const organisation = await phc.directory.organisation();
      const viewer = viewerOf(organisation.people.find((p) => p.id === DEMO_SUPERVISOR)!, organisation, { admins: [], managementTeam: [] });
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

  it('lands a team manager on a home page with their team\'s response rate, caseloads against the level and returns due', async () => {
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
