/**
 * End to end: the rest of the framework and the PSW's admin in the tab, as the PSW and the
 * management team use them. The real server (src/server/main.ts, as `npm start` runs it) with
 * the demo on and its clock on Friday 20 November 2026 (quarter 3), the built tab, Debian's
 * Chromium. Each new page has no axe violations in the light, dark and high contrast themes
 * and nothing runs off a 320 px screen. Pictures of each page go to docs/screenshots/framework/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import type { FocusGroupListDto, MyAuditsDto, PersonaDto, QualityReportDto, ReviewYearDto } from '../../src/server/api/types';
import { organisationCsv } from '../fixtures/uploads';
import { apiAs, axeScan, ensureTabBuilt, launchChromium, openPage, ROOT, startServer, tabAddress, type RunningServer } from '../support/tabBrowser';

jest.setTimeout(300_000);

const PSW = 'demo-001';
/** In local demo mode the first service manager sits on the management team. */
const MANAGEMENT_TEAM = 'demo-002';
const TODAY = '2026-11-20';
const DOCS = path.join(ROOT, 'docs/screenshots/framework');

describe('the framework and the admin pages in Chromium', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-tab-framework-e2e-'));
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-tab-framework-files-'));
  let server: RunningServer;
  let browser: Browser;

  const url = (hash: string, theme = 'default', persona = PSW) => tabAddress(server.base, persona, hash, theme);
  const open = (hash: string, ready: string, opts: { theme?: string; width?: number; persona?: string } = {}): Promise<Page> =>
    openPage(browser, url(hash, opts.theme, opts.persona), ready, hash, { width: opts.width ?? 1100, height: 800, timeout: 90_000 });
  const api = <T>(route: string, persona = PSW): Promise<T> => apiAs<T>(server.base, persona, route);
  /** A small picture of what the PSW sees (the window, not the whole page), for docs/screenshots/framework/. */
  async function picture(page: Page, name: string): Promise<void> {
    fs.mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS, `${name}.png`), fullPage: false });
  }

  beforeAll(async () => {
    ensureTabBuilt();
    server = await startServer(dataDir, { PHC_CLOCK_START: `${TODAY}T10:00:00Z` });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('links every audit in the PSW\'s list to where it is done, and none to "no form"', async () => {
    const mine = await api<MyAuditsDto>('/api/audits/mine');
    expect([...new Set(mine.asAuditor.map((a) => a.activity))]).toEqual(expect.arrayContaining(['national-standards-audit', 'health-check', 'thematic-review']));
    const page = await open('audits', 'main table');
    try {
      const carriedOut = page.getByRole('table', { name: 'Audits you carry out' });
      for (const a of mine.asAuditor) {
        const href = await carriedOut.locator(`tr[data-key="${a.id}"] a`).getAttribute('href');
        expect(href).toBe(`#/${a.workflow.page}?${new URLSearchParams(a.workflow.params).toString()}`);
      }
      const review = mine.asAuditor.find((a) => a.activity === 'thematic-review')!;
      await carriedOut.locator(`tr[data-key="${review.id}"] a`).click();
      await page.getByTestId('reviews').waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(/no form/);
    } finally {
      await page.close();
    }
  });

  it("sends a focus group's invitations, and refuses notes that name someone, saying who", async () => {
    const list = await api<FocusGroupListDto>('/api/framework/focus-groups');
    const upcoming = list.groups.find((g) => g.status === 'scheduled')!;
    const held = list.groups.find((g) => g.status === 'held')!;
    const page = await open(`focus-groups?id=${encodeURIComponent(upcoming.id)}`, '[data-testid="focus-group"]');
    try {
      await page.getByRole('button', { name: 'Send the invitations' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /invitations? (is|are) on the way through the bot/ })
        .waitFor();
      const invited = demoOrganisation().people.filter((p) => p.role === 'occupational-therapist' || p.role === 'ot-assistant').length;
      await page
        .getByTestId('focus-group-replies')
        .filter({ hasText: `${invited} invited` })
        .waitFor();
      await picture(page, 'focus-group-invitations');

      await page.goto(url(`focus-groups?id=${encodeURIComponent(held.id)}`));
      await page.getByRole('form', { name: 'Notes against Appendix 5' }).waitFor();
      const someone = demoOrganisation().people.find((p) => p.teamId === 'hospital' && p.role === 'social-worker')!.displayName;
      const q3 = page.getByLabel('3. Do you approach others to assist you in work, if so who?');
      await q3.fill(`I ask ${someone} when I am stuck.`);
      await page.getByRole('button', { name: 'Save the notes' }).click();
      // Beside the field, as the field's own message.
      await page
        .getByRole('alert')
        .filter({ hasText: `The note for question 3 names someone in the staff directory ("${someone}")` })
        .waitFor();
      await picture(page, 'focus-group-notes-name-refused');
      await q3.fill('People ask a senior practitioner or the duty manager.');
      await page.getByRole('button', { name: 'Save the notes' }).click();
      await page.getByRole('status').filter({ hasText: 'The notes are saved.' }).waitFor();
      const saved = await api<{ notes: Record<string, string> }>(`/api/framework/focus-groups/${encodeURIComponent(held.id)}`);
      expect(saved.notes.q3).toBe('People ask a senior practitioner or the duty manager.');
    } finally {
      await page.close();
    }
  });

  it("completes a stage of a thematic review and shows the year's reviews as the annual plan has them", async () => {
    const year = await api<ReviewYearDto>('/api/framework/reviews');
    // The demo's: this quarter's review completed today (so its task in the plan is done), the next one under way.
    const done = year.slots.find((s) => s.review?.status === 'completed')!;
    expect(done.task).toMatchObject({ status: 'completed' });
    const going = year.slots.find((s) => s.review !== null && s.review.status !== 'completed')!;
    const page = await open(`reviews?slot=${going.slot}`, '[data-testid="review"]');
    try {
      expect(await page.getByTestId('reviews').innerText()).toContain('Mental capacity assessments');
      await page.getByRole('button', { name: 'Mark complete' }).click();
      await page.getByRole('status').filter({ hasText: 'is complete' }).waitFor();
      await page.locator('tr[data-key="scope"]').filter({ hasText: '20 November 2026' }).waitFor();
      await picture(page, 'thematic-review');
    } finally {
      await page.close();
    }
  });

  it('rates the national standards self-assessment, submits it, and the management team endorses it', async () => {
    const page = await open('self-assessment', '[data-testid="self-assessment-status"]');
    try {
      for (const id of ['partnerships', 'registration']) {
        const item = page.locator(`section[data-key="${id}"]`);
        await item.getByRole('radio', { name: 'Met', exact: true }).check();
        await item.getByRole('button', { name: 'Save the rating' }).click();
        await page
          .getByTestId('self-assessment-status')
          .filter({ hasText: id === 'partnerships' ? '7 of 8 rated' : '8 of 8 rated' })
          .waitFor();
      }
      await picture(page, 'self-assessment');
      await page.getByRole('button', { name: 'Submit for endorsement' }).click();
      await page.getByTestId('self-assessment-status').filter({ hasText: 'Waiting for endorsement' }).waitFor();
    } finally {
      await page.close();
    }
    const asManagement = await open('self-assessment', '[data-testid="self-assessment-status"]', { persona: MANAGEMENT_TEAM });
    try {
      await asManagement.getByRole('button', { name: 'Endorse the self-assessment' }).click();
      await asManagement
        .getByTestId('self-assessment-status')
        .filter({ hasText: /^Endorsed\./ })
        .waitFor();
    } finally {
      await asManagement.close();
    }
    const mine = await api<MyAuditsDto>('/api/audits/mine');
    expect(mine.asAuditor.find((a) => a.activity === 'national-standards-audit')?.status).toBe('completed');
  });

  it('checks an organisation file before importing it, listing the bad rows by line and column', async () => {
    const good = organisationCsv(demoOrganisation());
    const lines = good.trimEnd().split('\n');
    lines[4] = lines[4]!.replace(/,(Social worker|Senior practitioner|Team manager|Social care professional|Service manager),/, ',Wizard,');
    fs.writeFileSync(path.join(files, 'bad.csv'), `${lines.join('\n')}\n`);
    fs.writeFileSync(path.join(files, 'good.csv'), good);
    const page = await open('admin', '[data-testid="admin"]');
    try {
      await page.locator('#org-file').setInputFiles(path.join(files, 'bad.csv'));
      await page.getByRole('button', { name: 'Check the file' }).first().click();
      const problems = page.getByRole('region', { name: 'Problems in the organisation file (scrolls sideways)' });
      await problems.waitFor();
      expect(await problems.locator('tbody tr').first().innerText()).toMatch(/^5\s+3 \(role\)\s+"Wizard" is not a role/);
      expect(await page.getByRole('button', { name: 'Import it' }).first().isDisabled()).toBe(true);
      await picture(page, 'admin-upload-problems');
      await page.locator('#org-file').setInputFiles(path.join(files, 'good.csv'));
      await page.getByRole('button', { name: 'Check the file' }).first().click();
      await page
        .getByTestId('org-preview')
        .filter({ hasText: /All \d+ rows are right/ })
        .waitFor();
      await page.getByRole('button', { name: 'Import it' }).first().click();
      await page
        .getByRole('status')
        .filter({ hasText: /^Imported \d+ people/ })
        .waitFor();

      // Appendix 6: what a change would do, before it is saved.
      const form = page.getByRole('form', { name: 'Change the rules' });
      await form.getByRole('group', { name: 'Thematic practice review' }).getByLabel('How often').selectOption('2');
      await form.getByRole('button', { name: 'Show what would change' }).click();
      await page.getByTestId('plan-preview').filter({ hasText: 'Thematic practice review: four times a year → twice a year' }).waitFor();
      await page.getByTestId('plan-preview').scrollIntoViewIfNeeded();
      await picture(page, 'admin-audit-plan-preview');
    } finally {
      await page.close();
    }
  });

  it("shows the quarter's focus group themes, thematic reviews and self-assessment ratings in the Quality Report", async () => {
    const report = await api<QualityReportDto>('/api/report/quarterly');
    expect(report.quarter.id).toBe('2026-Q3');
    expect(report.framework.focusGroups.length).toBeGreaterThan(0);
    expect(report.framework.reviews.map((r) => r.theme)).toEqual(expect.arrayContaining(['Mental capacity assessments']));
    expect(report.framework.selfAssessments.map((a) => a.status)).toEqual(['Endorsed']);
    const page = await open('quality-report', '[data-testid="quality-report"]');
    try {
      for (const name of ['Focus group themes', 'Thematic practice reviews']) await page.getByRole('region', { name: `${name} (scrolls sideways)` }).waitFor();
      expect(await page.getByTestId('quality-report').innerText()).toContain('Duty weeks bunch up new cases');
      await page.getByRole('region', { name: 'Focus group themes (scrolls sideways)' }).scrollIntoViewIfNeeded();
      await picture(page, 'quality-report-framework');
    } finally {
      await page.close();
    }
  });

  it('shows each persona only the framework pages they may use', async () => {
    const personas = (await (await fetch(`${server.base}/api/personas`)).json()) as PersonaDto[];
    const expected: readonly [PersonaDto | undefined, readonly string[], readonly string[]][] = [
      [personas.find((p) => p.id === PSW), ['Focus groups', 'Thematic reviews', 'Self-assessment', 'Admin'], []],
      [personas.find((p) => p.roles.includes('management-team') && !p.roles.includes('psw')), ['Focus groups', 'Thematic reviews', 'Self-assessment'], ['Admin']],
      [personas.find((p) => p.roles.includes('team-manager') && !p.roles.includes('management-team')), ['Focus groups', 'Thematic reviews'], ['Self-assessment', 'Admin']],
      [personas.find((p) => p.roles.length === 1 && p.roles[0] === 'staff'), [], ['Focus groups', 'Thematic reviews', 'Self-assessment', 'Admin']],
    ];
    for (const [persona, shown, hidden] of expected) {
      if (!persona) throw new Error('the demo has no persona of that kind');
      const page = await open('surveys', 'main h2', { persona: persona.id });
      try {
        const nav = await page.getByRole('tab').allInnerTexts();
        expect({ persona: persona.description, nav: nav.filter((n) => [...shown, ...hidden].includes(n)) }).toEqual({ persona: persona.description, nav: shown });
      } finally {
        await page.close();
      }
    }
  });

  const PAGES: readonly { hash: string; ready: string }[] = [
    { hash: 'focus-groups', ready: '[data-testid="focus-groups"]' },
    // This quarter's review (the demo's, completed): its findings, recommendations and stages.
    { hash: `reviews?slot=${Math.floor(((Number(TODAY.slice(5, 7)) + 8) % 12) / 3) + 1}`, ready: '[data-testid="review"]' },
    { hash: 'self-assessment', ready: '[data-testid="self-assessment"]' },
    { hash: 'admin', ready: '[data-testid="admin"] table' },
  ];

  it.each(['default', 'dark', 'contrast'])('has no axe violations on the four pages in the %s theme', async (theme) => {
    for (const p of PAGES) {
      const page = await open(p.hash, p.ready, { theme });
      try {
        await page.waitForLoadState('networkidle');
        const violations = await axeScan(page);
        expect({ page: p.hash, theme, violations }).toEqual({ page: p.hash, theme, violations: [] });
      } finally {
        await page.close();
      }
    }
  });

  it('is usable 320 px wide: nothing runs off the side of the four pages', async () => {
    for (const p of PAGES) {
      const page = await open(p.hash, p.ready, { width: 320 });
      try {
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect({ page: p.hash, overflow }).toEqual({ page: p.hash, overflow: 0 });
      } finally {
        await page.close();
      }
    }
  });
});
