/**
 * End to end: with the demo data, the PSW opens the caseload audit,
 * the 39-steps returns, the standards view and the Quarterly Quality Report in the tab and
 * prints the report. The real server (as `npm start` runs it) with its own data folder, the
 * built tab, Debian's Chromium. Figures on screen are checked against the services' own
 * output for the same data file, worked out here. Screenshots go to test-artifacts/screenshots/.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import type { ReportServices } from '../../src/app/app';
import { runCli } from '../../src/cli/run';
import type { PersonaDto } from '../../src/server/api/types';
import { composeAt } from '../support/composed';
import { axeScan, ensureTabBuilt, launchChromium, openPage, ROOT, screenshot, SCREENSHOTS, startServer, tabAddress, type RunningServer } from '../support/tabBrowser';

jest.setTimeout(240_000);

const PSW = 'demo-001';
const PDFTOTEXT = '/usr/bin/pdftotext';
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

describe('the reports in the tab, as the PSW', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-tab-reports-e2e-'));
  let server: RunningServer;
  let browser: Browser;

  const url = (hash: string, theme = 'default', persona = PSW) => tabAddress(server.base, persona, hash, theme);
  const open = (hash: string, ready: string, opts: { theme?: string; width?: number; persona?: string } = {}): Promise<Page> =>
    openPage(browser, url(hash, opts.theme, opts.persona), ready, hash, { width: opts.width ?? 1200, height: 900, timeout: 60_000 });
  /** The services over the server's own data file (read while it runs, as the CLI would). */
  async function withServices<T>(f: (s: ReportServices) => Promise<T>): Promise<T> {
    const phc = await composeAt(dataDir);
    try {
      return await f(phc.services.reports);
    } finally {
      await phc.close();
    }
  }

  beforeAll(async () => {
    ensureTabBuilt();
    // The audit programme, so the report's compliance has audits in it.
    const code = await runCli(['audits', 'plan'], { out: () => undefined, err: (t) => process.stderr.write(t), env: { PHC_DATA_DIR: dataDir }, cwd: ROOT });
    expect(code).toBe(0);
    server = await startServer(dataDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the caseload audit with each team's average as the caseload service works it out", async () => {
    const report = await withServices((s) => s.caseloads.report({ viewerId: PSW }));
    expect(report.audit.teams.length).toBeGreaterThan(0);
    const page = await open('caseloads', '[data-testid="caseloads"]');
    try {
      if (report.audit.overall.published !== null) expect(await page.getByTestId('caseload-overall').innerText()).toBe(oneDecimal.format(report.audit.overall.published));
      // The table is under its chart, one click away.
      await page.getByTestId('chart-caseloads').getByText('Table and CSV of this chart').click();
      for (const t of report.audit.teams) {
        const row = await page.locator(`tr[data-key="${t.teamId}"]`).innerText();
        expect(row).toContain(t.name);
        expect(row).toContain(oneDecimal.format(t.average.published as number));
      }
      await screenshot(page, 'tab-caseloads');
    } finally {
      await page.close();
    }
  });

  it('shows the 39-steps returns by team, and one team over time', async () => {
    const view = await withServices((s) => s.orgData.byTeam());
    expect(view.returned).toBeGreaterThan(0);
    const page = await open('org-data', '[data-testid="org-data"]');
    try {
      expect(await page.getByTestId('org-data').innerText()).toContain(`${whole.format(view.returned)} of ${whole.format(view.teams.length)} teams have returned their figures for ${view.cycleId}`);
      await page.getByRole('region', { name: /over time \(scrolls sideways\)/ }).waitFor();
      await screenshot(page, 'tab-39-steps');
    } finally {
      await page.close();
    }
  });

  it("shows each standard's score out of 100 as the standards service scores it", async () => {
    const view = await withServices((s) => s.standards.show());
    const page = await open('standards', '[data-testid="standards"]');
    try {
      // The table is under its chart, one click away.
      await page.getByTestId('chart-standards').getByText('Table and CSV of this chart').click();
      for (const s of view.standards) {
        const row = await page.locator(`tr[data-key="${s.id}"]`).innerText();
        expect(row).toContain(s.score === null ? 'Not scored' : `${whole.format(s.score)} out of 100`);
        if (s.band !== null) expect(row.toLowerCase()).toContain(s.band);
      }
      await screenshot(page, 'tab-standards');
    } finally {
      await page.close();
    }
  });

  it("shows this quarter's Quality Report and prints it to A4 with its figures and nobody's name", async () => {
    const report = await withServices((s) => s.qualityReport.report());
    const page = await open('quality-report', '[data-testid="quality-report"]');
    try {
      const shown = await page.getByTestId('quality-report').innerText();
      expect(shown).toContain(report.quarter.label);
      expect(await page.getByTestId('report-compliance').innerText()).toBe(report.compliance.overall.summary);
      if (report.caseloads.overall !== null) expect(await page.getByTestId('report-caseloads').innerText()).toContain(oneDecimal.format(report.caseloads.overall));
      await screenshot(page, 'tab-quality-report');
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pdfFile = path.join(SCREENSHOTS, '..', `quality-report-${report.quarter.id}.pdf`);
      fs.mkdirSync(path.dirname(pdfFile), { recursive: true });
      fs.writeFileSync(pdfFile, pdf);
      console.log(`PDF: ${pdfFile}`);
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
      // A4 is 595 × 842 points (Chromium writes 595.92 × 842.88).
      expect([Math.floor(Number(box?.[1])), Math.floor(Number(box?.[2]))]).toEqual([595, 842]);
      if (!fs.existsSync(PDFTOTEXT)) {
        console.warn(`Skipping the PDF's text check: ${PDFTOTEXT} is not installed (apt-get install poppler-utils).`);
        return;
      }
      const { stdout } = await promisify(execFile)(PDFTOTEXT, [pdfFile, '-']);
      const text = stdout.replace(/\s+/g, ' ');
      for (const words of [
        'Quarterly Quality Report',
        report.quarter.label,
        report.compliance.overall.summary,
        'Audit compliance by type',
        'Key themes',
        'Supervision frequency',
        'Caseload headlines',
      ])
        expect(text).toContain(words.replace(/\s+/g, ' '));
      for (const t of report.themes) expect(text).toContain(t.theme);
      // Neither buttons nor the persona switcher print.
      expect(text).not.toContain('Download CSV');
      expect(text).not.toContain('Print or save as PDF');
      for (const person of demoOrganisation().people.filter((p) => p.role !== 'principal-social-worker')) expect(text).not.toContain(person.displayName);
    } finally {
      await page.close();
    }
  });

  it('shows each persona only the pages they may use, and a team manager makes a monthly return', async () => {
    const personas = (await (await fetch(`${server.base}/api/personas`)).json()) as PersonaDto[];
    const manager = personas.find((p) => p.roles.includes('team-manager') && !p.roles.includes('psw'))!;
    const staff = personas.find((p) => p.roles.length === 1 && p.roles[0] === 'staff')!;
    const navOf = async (page: Page) => page.getByRole('tab').allInnerTexts();
    const asManager = await open('caseloads', 'form[aria-label^="Monthly caseload return"]', { persona: manager.id });
    try {
      const nav = await navOf(asManager);
      expect(nav).toEqual(expect.arrayContaining(['Caseloads', '39 steps']));
      expect(nav).not.toContain('Standards');
      expect(nav).not.toContain('Quality report');
      const form = asManager.locator('form[aria-label^="Monthly caseload return"]');
      await form.getByRole('spinbutton').first().fill('17');
      await form.getByRole('button', { name: 'Save the return' }).click();
      await expect(form.getByRole('status').innerText()).resolves.toMatch(/^Saved 1 caseloads for /);
      await screenshot(asManager, 'tab-caseloads-monthly-return');
    } finally {
      await asManager.close();
    }
    const asStaff = await open('surveys', 'main h2', { persona: staff.id });
    try {
      const nav = await navOf(asStaff);
      for (const name of ['Caseloads', '39 steps', 'Standards', 'Quality report']) expect(nav).not.toContain(name);
    } finally {
      await asStaff.close();
    }
  });

  const PAGES: readonly { hash: string; ready: string }[] = [
    { hash: 'caseloads', ready: '[data-testid="caseloads"]' },
    { hash: 'org-data', ready: '[data-testid="org-data"]' },
    { hash: 'standards', ready: '[data-testid="standards"]' },
    { hash: 'quality-report', ready: '[data-testid="quality-report"]' },
  ];

  it.each(['default', 'dark', 'contrast'])('has no axe violations on the four pages in the %s theme', async (theme) => {
    for (const p of PAGES) {
      const page = await open(p.hash, p.ready, { theme });
      try {
        await page.waitForLoadState('networkidle');
        const violations = await axeScan(page);
        expect({ page: p.hash, theme, violations }).toEqual({ page: p.hash, theme, violations: [] });
        await screenshot(page, `tab-${p.hash}-${theme}`);
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
