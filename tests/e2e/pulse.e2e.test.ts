/**
 * End to end: a pulse survey run by the PSW from the tab alone, answered by staff in Teams.
 * The real server (with its demo Health Check open), the built tab in Debian's Chromium, and
 * five Microsoft 365 Agents Playgrounds as five members of the Hospital team: as many as the
 * lowest threshold, so the results can show. The PSW copies the supervision template into a
 * five-question pulse, opens it for two teams, staff answer it in the playground, the PSW
 * closes and publishes it, and a member of staff reads the results; the bot tells them the
 * results are out. The new pages are checked with axe in the light, dark and high-contrast
 * themes and at 320 px.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ResultsDto } from '../../src/server/api/types';
import { fill } from '../fixtures/cardAnswers';
import { botEndpointOf } from '../support/appServer';
import { startPlaygrounds, type Playground, type PlaygroundEvent } from '../support/playground';
import { axeScan, ensureTabBuilt, launchChromium, screenshot, startServer, type RunningServer } from '../support/tabBrowser';

jest.setTimeout(600_000);

const PSW = 'demo-001';
/** Alex Wilber, a social worker in the Hospital team (the first playground user). */
const STAFF = '00000000-0000-0000-0000-0000000000020';
const CYCLE = 'pulse-e2e';
const THEMES = ['default', 'dark', 'contrast'] as const;

function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'label']) if (typeof o[key] === 'string') out.push(o[key] as string);
      for (const [k, v] of Object.entries(o)) if (k !== 'data' && typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out.join('\n');
}
const cardOf = (event: PlaygroundEvent | undefined): unknown => event?.attachments[0]?.content;

describe('a pulse survey run from the tab and answered in Teams', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-pulse-e2e-'));
  let server: RunningServer;
  let browser: Browser;
  let playgrounds: Playground[] = [];

  const url = (persona: string, hash: string, theme = 'default') => `${server.base}/tab/?persona=${encodeURIComponent(persona)}&theme=${theme}#/${hash}`;
  const apiAs = (persona: string, route: string) => fetch(`${server.base}${route}`, { headers: { 'x-phc-persona': persona } });
  async function open(persona: string, hash: string, ready: string, opts: { theme?: string; width?: number } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: opts.width ?? 1200, height: 900 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url(persona, hash, opts.theme));
    await page.locator(ready).first().waitFor({ timeout: 90_000 });
    await page.waitForFunction("!document.querySelector('main .fui-Spinner')", undefined, { timeout: 90_000 });
    expect(errors).toEqual([]);
    return page;
  }
  /** axe in every theme and nothing wider than 320 px, on a page as `prepare` leaves it. */
  async function accessible(persona: string, hash: string, ready: string, name: string, prepare: (page: Page) => Promise<void> = async () => undefined): Promise<void> {
    for (const theme of THEMES) {
      const page = await open(persona, hash, ready, { theme });
      try {
        await prepare(page);
        const violations = await axeScan(page);
        expect({ page: name, theme, violations }).toEqual({ page: name, theme, violations: [] });
        await screenshot(page, `pulse-${name}-${theme}`);
      } finally {
        await page.close();
      }
    }
    const narrow = await open(persona, hash, ready, { width: 320 });
    try {
      await prepare(narrow);
      const overflow = await narrow.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
      await screenshot(narrow, `pulse-${name}-320px`);
    } finally {
      await narrow.close();
    }
  }

  beforeAll(async () => {
    ensureTabBuilt();
    // No audits planned at start: their reminders would come between the survey's cards.
    server = await startServer(dataDir, { PHC_DEMO_AUDITS: 'off' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(playgrounds.map((p) => p.stop()));
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets the PSW make a five-question pulse from a template: reword, remove, add their own, and see a mistake refused in words', async () => {
    const page = await open(PSW, 'run-surveys', 'form[aria-label="Copy a template"]');
    await screenshot(page, 'pulse-run-surveys');
    await page.getByLabel('Template', { exact: true }).selectOption('template-supervision');
    await page.getByLabel('Title of your survey', { exact: true }).fill('Supervision pulse');
    expect(await page.getByLabel('Survey id', { exact: true }).inputValue()).toBe('supervision-pulse');
    await page.getByRole('button', { name: 'Copy and edit' }).click();
    await page.getByTestId('questionnaire-editor').waitFor();

    await page.getByRole('button', { name: 'Remove: "How often do your supervision sessions get postponed or cancelled?"' }).click();
    await page.getByRole('button', { name: /^Remove: "In the last year, how often have you needed/ }).click();
    await page.getByRole('button', { name: 'Change wording: "How satisfied are you with the quality of your supervision?"' }).click();
    await page.getByLabel(/^New wording for/).fill('How satisfied are you with the supervision you get?');
    await page.getByRole('button', { name: 'Use this wording' }).click();
    await page.getByLabel('Kind of question', { exact: true }).selectOption('zero-to-ten');
    await page.getByLabel('The question, as staff will read it', { exact: true }).fill('How well does supervision help you manage your caseload?');
    await page.getByRole('button', { name: 'Add my question' }).click();

    // A question whose show-if rule points at one the pulse does not ask: refused, in words.
    await page.getByLabel('Question', { exact: true }).selectOption({ label: 'How satisfied were you with the Care Director training you received?' });
    await page.getByRole('button', { name: 'Add this question' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Not saved yet' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/is asked only after "Have you had training on Care Director\?", which this survey does not ask: add that question back, or remove this one\./);
    await screenshot(page, 'pulse-editor-refused');
    await page.getByRole('button', { name: 'Remove: "How satisfied were you with the Care Director training you received?"' }).click();
    await refusal.waitFor({ state: 'detached' });

    expect(await page.locator('[data-question-id]').count()).toBe(5);
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByText(/^Version 2\. 5 questions/).waitFor();
    await screenshot(page, 'pulse-editor');
    await page.close();
  });

  it('makes a draft cycle for two teams, refusing a threshold below 5 at its field, and previews the cards', async () => {
    const page = await open(PSW, 'cycle?survey=supervision-pulse', 'form[aria-label="New cycle"]');
    await page.getByLabel('Cycle id', { exact: true }).fill(CYCLE);
    expect(await page.getByLabel('Survey', { exact: true }).inputValue()).toBe('supervision-pulse');
    await page.getByRole('radio', { name: 'Some teams' }).check();
    await page.getByRole('checkbox', { name: /^Hospital team/ }).check();
    await page.getByRole('checkbox', { name: /^Intake/ }).check();
    await page.getByLabel('Smallest group shown', { exact: true }).fill('4');
    await page.getByRole('checkbox', { name: /At any time/ }).check();
    await page.getByLabel('Reminders, days after opening', { exact: true }).fill('');
    await page.getByLabel('Reminders, days before closing', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.getByText('The threshold must be a whole number of at least 5: smaller groups could be identified.').first().waitFor();
    await page.getByText('At least 5. Fixed once it opens.').waitFor();
    expect((await apiAs(PSW, `/api/cycles/${CYCLE}`)).status).toBe(404);
    await screenshot(page, 'pulse-cycle-refused');

    await page.getByLabel('Smallest group shown', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.locator('[data-testid="cycle"][data-status="draft"]').waitFor();
    await page.getByRole('button', { name: 'Show the cards' }).click();
    await page.getByTestId('preview-position').filter({ hasText: 'Card 1 of' }).waitFor();
    expect(await page.getByTestId('preview-position').innerText()).toMatch(/^Card 1 of \d+: The invitation$/);
    await page.locator('.phc-card .ac-adaptiveCard').waitFor();
    await page.getByRole('button', { name: 'Next card' }).click();
    await page.getByTestId('preview-position').filter({ hasText: 'Section 1 of 1: Supervision quality' }).waitFor();
    expect(await page.locator('.phc-card').innerText()).toMatch(/How satisfied are you with the supervision you get\?/);
    await screenshot(page, 'pulse-cycle-preview');
    await page.close();
  });

  it('has no axe violations on the new pages in any theme, and fits 320 px', async () => {
    await accessible(PSW, 'run-surveys', 'form[aria-label="Copy a template"]', 'run-surveys');
    await accessible(PSW, 'questionnaire?id=supervision-pulse', '[data-testid="questionnaire-editor"]', 'editor');
    await accessible(PSW, `cycle?id=${CYCLE}`, '[data-testid="cycle"]', 'cycle-preview', async (page) => {
      await page.getByRole('button', { name: 'Show the cards' }).click();
      await page.getByRole('button', { name: 'Next card' }).click();
      await page.locator('.phc-card .ac-adaptiveCard').waitFor();
    });
  });

  it('opens it, and five members of the Hospital team answer it in Teams beside the open Health Check', async () => {
    const page = await open(PSW, `cycle?id=${CYCLE}`, '[data-testid="cycle"][data-status="draft"]');
    await page.getByRole('button', { name: 'Open it now' }).click();
    await page.getByText(/^Opened\. \d+ invitations queued for 27 people/).waitFor();
    await page.close();

    playgrounds = await startPlaygrounds({ botEndpoint: botEndpointOf(server), currentUsers: ['user-id-0', 'user-id-1', 'user-id-2', 'user-id-3', 'user-id-4'] });
    const answers = { 'supervision-frequency': 'monthly', 'supervision-quality': 'completely', 'supervision-reflection': 'yes', 'complex-case-support': 'great-extent', 'own-2-1': '8' };
    for (const pg of playgrounds) {
      await pg.install();
      // The pulse's invitation goes at once (any time); the Health Check's waits for working hours.
      const invitation = await pg.waitFor((e) => e.kind === 'message' && /^Supervision pulse/.test(textOf(cardOf(e))), 60_000);
      expect(textOf(cardOf(invitation))).toMatch(/It takes about 2 minutes/);
      await pg.send('survey');
      const choose = await pg.waitFor((e) => e.kind === 'message' && /^Surveys open to you/.test(textOf(cardOf(e))), 30_000);
      expect(textOf(cardOf(choose))).toMatch(/Adult Social Care Organisational Health Check[^]*Supervision pulse/);
      await pg.submit({ verb: 'survey.start', cycleId: CYCLE }, choose.messageId);
      let review: PlaygroundEvent | undefined;
      for (let pageNo = 0; pageNo < 6 && !review; pageNo++) {
        const update = await pg.waitFor((e) => e.kind === 'update' && e.messageId === choose.messageId && /Section \d+ of \d+|Check your answers/.test(textOf(cardOf(e))), 30_000);
        if (/Check your answers/.test(textOf(cardOf(update)))) review = update;
        else await pg.submitCard(update, { action: 'Next', inputs: fill(cardOf(update), answers) });
      }
      expect(review).toBeDefined();
      await pg.submitCard(review as PlaygroundEvent, { action: 'Send my answers' });
      const thanks = await pg.waitFor((e) => e.kind === 'update' && e.messageId === choose.messageId && /^Thank you for taking part/.test(textOf(cardOf(e))), 30_000);
      expect(thanks).toBeDefined();
    }
  });

  it('is closed and published by the PSW; a member of staff then reads the results, with the Health Check beside each figure, and is told in Teams', async () => {
    const page = await open(PSW, `cycle?id=${CYCLE}`, '[data-testid="cycle"][data-status="open"]');
    await page.getByTestId('response-rate').waitFor();
    await screenshot(page, 'pulse-cycle-open');
    await page.getByRole('button', { name: 'Close it now' }).click();
    await page.locator('[data-testid="cycle"][data-status="closed"]').waitFor();
    // Closed, not yet published: the PSW may read the results, staff may not.
    expect((await apiAs(STAFF, `/api/health-check/cycles/${CYCLE}/results`)).status).toBe(403);
    expect((await apiAs(PSW, `/api/health-check/cycles/${CYCLE}/results`)).status).toBe(200);
    await page.getByRole('button', { name: 'Publish the results to staff' }).click();
    await page.getByText(/^Published\. Staff can read the results in the tab, and 27 people will be told in Teams\./).waitFor();
    await page.getByText(/The results were published to staff on/).waitFor();
    await screenshot(page, 'pulse-cycle-published');
    await page.close();

    const results = (await (await apiAs(STAFF, `/api/health-check/cycles/${CYCLE}/results`)).json()) as ResultsDto;
    expect(results.results.respondents).toBe(5);
    const staffPage = await open(STAFF, `health-check?cycle=${CYCLE}`, `[data-testid="health-check"][data-cycle="${CYCLE}"]`);
    expect(await staffPage.getByTestId('respondents').innerText()).toBe('5');
    expect(await staffPage.getByTestId('asked').innerText()).toMatch(/This pulse asked Hospital team and Intake\./);
    const quality = staffPage.locator('[data-question-id="supervision-quality"] [data-testid="headline"]');
    expect(await quality.innerText()).toBe(results.lines['supervision-quality']);
    expect(await quality.innerText()).toMatch(
      /^100% are completely or to a greater extent satisfied with the quality of supervision \(73% in the 2024 Health Check; 84% in the 2022 Health Check; 80% in the 2019 Health Check; 69% in the 2017 Health Check\)$/,
    );
    await screenshot(staffPage, 'pulse-results-staff');
    await staffPage.close();
    await accessible(STAFF, `health-check?cycle=${CYCLE}`, `[data-testid="health-check"][data-cycle="${CYCLE}"]`, 'results');

    // The bot tells everyone asked that the results are out.
    for (const pg of playgrounds) {
      const out = await pg.waitFor((e) => e.kind === 'message' && /^The results of Supervision pulse are out/.test(textOf(cardOf(e))), 60_000);
      expect(textOf(cardOf(out))).toMatch(/Practice Health Check tab/);
    }
  });
});
