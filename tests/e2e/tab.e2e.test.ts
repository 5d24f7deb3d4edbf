/**
 * End to end: the tab as people use it. The real server (src/server/main.ts, as `npm start`
 * runs it) with its own data folder, the tab as built by Vite, and Debian's Chromium through
 * playwright-core. Figures on screen are checked against the domain's own results for the
 * same data, not against copies. Screenshots go to test-artifacts/screenshots/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../../src/cli/run';
import { composeAt } from '../support/composed';
import { formatPrevious } from '../../src/domain/results/format';
import type { CycleResults } from '../../src/domain/results/types';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { isShown } from '../../src/domain/survey/rules';
import type { AnswerValue } from '../../src/domain/survey/types';
import type { AuditViewDto, MyAuditsDto, OpenSurveyDto, PersonaDto } from '../../src/server/api/types';
import { answersFor } from '../fixtures/cardAnswers';
import { apiAs as getAs, axeScan, ensureTabBuilt, launchChromium, openPage, ROOT, screenshot, SCREENSHOTS, startServer, tabAddress, type RunningServer } from '../support/tabBrowser';

jest.setTimeout(240_000);

const PSW = 'demo-001';
const STAFF = '00000000-0000-0000-0000-0000000000020';
/** The demo's Data Protection Officer, in local mode with none configured (src/composition/tabApi.ts). */
const DPO = 'demo-003';

describe('the tab in Chromium', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-tab-e2e-'));
  let server: RunningServer;
  let browser: Browser;

  const apiAs = <T>(persona: string, route: string): Promise<T> => getAs<T>(server.base, persona, route);
  const open = (persona: string, hash: string, ready: string, opts: { theme?: string; width?: number } = {}): Promise<Page> =>
    openPage(browser, tabAddress(server.base, persona, hash, opts.theme), ready, `${hash} as ${persona}`, { width: opts.width ?? 1200, height: 900, timeout: 90_000, acceptDownloads: true });

  beforeAll(async () => {
    ensureTabBuilt();
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

  it('shows the PSW the 2024-25 results with the same figures as the domain', async () => {
    const { app } = await composeAt(dataDir);
    const expected = (await app.results.results('2024-25')) as CycleResults;
    await app.close();
    const page = await open(PSW, 'health-check?cycle=2024-25', '[data-testid="health-check"][data-cycle="2024-25"]');
    expect(await page.getByTestId('respondents').innerText()).toBe(expected.respondents.toLocaleString('en-GB'));
    const headlines = expected.questions.filter((q) => !q.suppressed && q.headline);
    expect(headlines.length).toBeGreaterThan(10);
    for (const q of headlines) {
      const shown = await page.locator(`[data-question-id="${q.id}"] [data-testid="headline"]`).innerText();
      expect(shown).toBe(`${q.headline!.percent}% ${q.resultText}${formatPrevious(q.headline!.previous)}`);
    }
    // Every question is on the page, and one the domain hides says why.
    expect(await page.locator('[data-question-id]').count()).toBeGreaterThanOrEqual(expected.questions.length);
    for (const q of expected.questions.filter((x) => x.suppressed)) {
      expect(await page.locator(`[data-question-id="${q.id}"]`).innerText()).toContain(q.suppressed!);
    }
    await page.getByText('Largest rises and falls').waitFor();
    await page.locator('.phc-chart svg').first().waitFor();
    await screenshot(page, 'tab-health-check-2024-25');
    await page.close();
  });

  it('exports a table on screen as CSV, the same figures as shown', async () => {
    const page = await open(PSW, 'health-check?cycle=2024-25', '[data-testid="health-check"]');
    const table = page.locator('section.phc-table', { hasText: 'Largest rises' }).first();
    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: /Download CSV/ }).click()]);
    const file = path.join(SCREENSHOTS, '..', download.suggestedFilename());
    await download.saveAs(file);
    const csv = fs.readFileSync(file, 'utf8');
    expect(download.suggestedFilename()).toBe('largest-rises.csv');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFQuestion,Now,In 2022,Change');
    const firstRow = await table.locator('tbody tr').first().locator('td').allInnerTexts();
    // As on screen, except that a cell starting with + gets a leading ' so a spreadsheet reads it as text.
    expect(csv).toContain(
      firstRow
        .slice(1)
        .map((c) => (c.startsWith('+') ? `'${c}` : c))
        .join(','),
    );
    console.log(`CSV: ${file}`);
    await page.close();
  });

  it('prints the infographic on one A4 page with the headline figures and earlier years', async () => {
    const { app } = await composeAt(dataDir);
    const expected = (await app.results.results('2024-25')) as CycleResults;
    await app.close();
    const page = await open(PSW, 'infographic?cycle=2024-25', '[data-testid="infographic"]');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pdfFile = path.join(SCREENSHOTS, '..', 'infographic-2024-25.pdf');
    fs.mkdirSync(path.dirname(pdfFile), { recursive: true });
    fs.writeFileSync(pdfFile, pdf);
    console.log(`PDF: ${pdfFile}`);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages).toHaveLength(1);
    const text = await page.getByTestId('infographic').innerText();
    expect(text).toContain(`${expected.respondents} staff answered`);
    const q = expected.questions.find((x) => !x.suppressed && x.headline && x.headline.previous.length > 0)!;
    const cell = await page.locator(`.phc-info-cell[data-question-id="${q.id}"]`).innerText();
    expect(cell).toContain(`${q.headline!.percent}%`);
    expect(cell).toContain(`${q.headline!.previous[0]!.percent}% in ${q.headline!.previous[0]!.year}`);
    await screenshot(page, 'tab-infographic-print');
    await page.close();
  });

  it('starts with a skip link, and the pages are reached by keyboard', async () => {
    const page = await open(PSW, 'health-check?cycle=2024-25', '[data-testid="health-check"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to the page');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');
    // The page tabs: focus the selected one, arrow to the next, Enter opens it.
    await page.getByRole('tab', { name: 'Health check' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/audits$/);
    await page.getByTestId('compliance-overall').waitFor();
    await page.close();
  });

  it('lets a member of staff take the survey by keyboard', async () => {
    const page = await open(STAFF, 'surveys', '[data-testid="survey"]');
    const full = answersFor();
    const given: Record<string, AnswerValue> = {};
    // Tab from the part's heading reaches the first question's first answer.
    await page.getByTestId('survey-section').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement && document.activeElement.type')).toBe('radio');
    for (let guard = 0; guard < 30; guard++) {
      const title = await page.getByTestId('survey-section').innerText();
      const section = healthCheck.sections.find((s) => title.startsWith(s.title))!;
      expect(section).toBeDefined();
      for (const q of section.questions) {
        if (!isShown(q, given)) continue;
        const raw = full[q.id];
        if (raw === undefined) continue;
        const box = page.locator(`[data-question-id="${q.id}"]`);
        if (q.kind === 'text') {
          await box.locator('textarea').focus();
          await page.keyboard.type(raw);
          given[q.id] = raw;
        } else if (q.kind === 'multi') {
          for (const id of raw.split(',')) {
            await box.getByRole('checkbox', { name: q.options.find((o) => o.id === id)!.label, exact: true }).focus();
            await page.keyboard.press('Space');
          }
          given[q.id] = raw.split(',');
        } else {
          const label = q.kind === 'scale' ? raw : q.options.find((o) => o.id === raw)!.label;
          await box.getByRole('radio', { name: label, exact: true }).focus();
          await page.keyboard.press('Space');
          given[q.id] = q.kind === 'scale' ? Number(raw) : raw;
        }
      }
      const send = page.getByRole('button', { name: 'Send my answers' });
      const last = await send.count();
      await (last ? send : page.getByRole('button', { name: 'Next' })).focus();
      if (guard === 0) await screenshot(page, 'tab-my-surveys');
      await page.keyboard.press('Enter');
      if (last) break;
      await page.waitForFunction(`document.querySelector('[data-testid="survey-section"]').innerText !== ${JSON.stringify(title)}`);
    }
    await page.getByText('Your answers have been sent: they are kept without your name').waitFor();
    expect((await apiAs<OpenSurveyDto>(STAFF, '/api/surveys/open')).status).toBe('submitted');
    await page.close();
  });

  it('lets a supervisor complete an audit from the form the bot uses', async () => {
    const personas = await apiAs<PersonaDto[]>(PSW, '/api/personas');
    let found: { persona: string; id: string } | undefined;
    for (const p of personas.filter((x) => x.roles.includes('supervisor') && !x.roles.includes('psw'))) {
      const mine = await apiAs<MyAuditsDto>(p.id, '/api/audits/mine');
      const task = mine.asAuditor.find((a) => a.hasForm && a.status !== 'completed');
      if (task) {
        found = { persona: p.id, id: task.id };
        break;
      }
    }
    expect(found).toBeDefined();
    const { persona, id } = found!;
    const view = await apiAs<AuditViewDto>(persona, `/api/audits/task?id=${encodeURIComponent(id)}`);
    const page = await open(persona, 'audits', 'h2');
    await page.locator(`tr[data-key="${id}"] a`).first().click();
    await page.getByTestId('audit-form').waitFor();
    for (const section of view.form.sections.filter((s) => s.part === view.form.lead)) {
      for (const item of section.items) {
        const box = page.locator(`[data-item-id="${item.id}"]`);
        if (item.kind === 'rating') {
          await box.getByRole('radio', { name: 'Yes', exact: true }).check();
          if (item.comment === 'always') await box.locator('textarea').fill('Seen in the record and discussed with the worker.');
        } else if (item.kind === 'actions') {
          await box.getByRole('button', { name: 'Add an action' }).click();
          await box.getByLabel('Action 1', { exact: true }).fill('Update the case summary');
          await box.getByLabel('Who', { exact: true }).fill('The worker');
          await box.getByLabel('By when', { exact: true }).fill('2099-01-31');
        } else if (item.required) {
          await box.locator('textarea').fill('Checked in the tab.');
        }
      }
    }
    await screenshot(page, 'tab-audit-form');
    await page.getByRole('button', { name: 'Submit audit' }).click();
    await page
      .getByText('Submitted. Thank you.')
      .waitFor()
      .catch(async (e: unknown) => {
        await screenshot(page, 'tab-audit-form-failed');
        throw e;
      });
    const after = await apiAs<AuditViewDto>(persona, `/api/audits/task?id=${encodeURIComponent(id)}`);
    expect(after.record?.status).toBe('submitted');
    await page.close();
  });

  it('lets the PSW add an action for someone found by name, and send "You said, we did"', async () => {
    const page = await open(PSW, 'actions', 'form');
    await page.getByLabel('What will be done', { exact: false }).fill('Review caseload weighting with team managers');
    await page.getByLabel('Find an owner by name').fill('Isla');
    const owner = page.getByRole('combobox', { name: /^Owner/ });
    const option = owner.locator('option', { hasText: 'Isla Reid' });
    await option.first().waitFor({ state: 'attached' });
    await owner.selectOption({ label: (await option.first().textContent()) ?? '' });
    await page.getByLabel(/^Due/).fill('2099-03-31');
    await page.getByRole('button', { name: 'Add the action' }).click();
    const row = page.locator('tr', { hasText: 'Review caseload weighting with team managers' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Isla Reid');
    await page.getByLabel('The update, in plain words', { exact: false }).fill('You said caseloads were uneven; we now weigh them monthly.');
    await page.getByRole('checkbox', { name: /Review caseload weighting/ }).check();
    await page.getByRole('button', { name: 'Send to all staff' }).click();
    await page.getByText(/Queued for [\d,]+ staff/).waitFor();
    await screenshot(page, 'tab-action-plan');
    await page.close();
  });

  it('lets the DPO export everything held about a person, and shows that export in the access log', async () => {
    const page = await open(DPO, 'data-protection', '[data-testid="data-protection"] table');
    await page.getByLabel("The person's id (as the directory gives it)").fill(STAFF);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export their records' }).click();
    expect((await download).suggestedFilename()).toBe(`subject-access-${STAFF}.json`);
    await page.getByText(/Exported everything held about Alex Wilber/).waitFor();
    await page.getByLabel('Reads by or about', { exact: false }).fill(STAFF);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('section[aria-label="Access log"] tr', { hasText: 'Everything held about a person' }).first().waitFor();
    // The privacy page for everyone, in the council's words.
    const staff = await open(STAFF, 'privacy', '[data-testid="privacy"]');
    expect(await staff.locator('[data-testid="privacy"]').innerText()).toMatch(/Who is responsible[\s\S]*Your rights[\s\S]*ico\.org\.uk/);
    expect(await staff.getByRole('tab', { name: 'Data protection' }).count()).toBe(0);
    await staff.close();
    await page.close();
  });

  const PAGES: readonly { hash: string; persona: string; ready: string }[] = [
    { hash: 'health-check?cycle=2024-25', persona: PSW, ready: '[data-testid="health-check"]' },
    { hash: 'audits', persona: PSW, ready: '[data-testid="compliance-overall"]' },
    { hash: 'supervision', persona: PSW, ready: 'main h2' },
    { hash: 'actions', persona: PSW, ready: 'form' },
    { hash: 'infographic?cycle=2024-25', persona: PSW, ready: '[data-testid="infographic"]' },
    { hash: 'surveys', persona: '00000000-0000-0000-0000-0000000000021', ready: '[data-testid="survey"]' },
    { hash: 'privacy', persona: STAFF, ready: '[data-testid="privacy"]' },
    { hash: 'data-protection', persona: DPO, ready: '[data-testid="data-protection"] table' },
  ];

  it.each(['default', 'dark', 'contrast'])('has no axe violations on any page in the %s theme', async (theme) => {
    for (const p of PAGES) {
      const page = await open(p.persona, p.hash, p.ready, { theme });
      await page.waitForLoadState('networkidle');
      // Scan the page as people read it: once nothing is still loading.
      await page.waitForFunction("!document.querySelector('main .fui-Spinner')", undefined, { timeout: 90_000 });
      try {
        const violations = await axeScan(page);
        expect({ page: p.hash, theme, violations }).toEqual({ page: p.hash, theme, violations: [] });
        await screenshot(page, `tab-${p.hash.replace(/\?.*$/, '')}-${theme}`);
      } finally {
        await page.close();
      }
    }
  });

  it('is usable 320 px wide: nothing runs off the side of the page', async () => {
    for (const p of PAGES) {
      const page = await open(p.persona, p.hash, p.ready, { width: 320 });
      await page.waitForLoadState('networkidle');
      try {
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect({ page: p.hash, overflow }).toEqual({ page: p.hash, overflow: 0 });
        await screenshot(page, `tab-${p.hash.replace(/\?.*$/, '')}-320px`);
      } finally {
        await page.close();
      }
    }
  });
});
