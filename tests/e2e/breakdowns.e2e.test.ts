/**
 * End to end: breakdowns of a closed cycle in the tab, where comparing views would give
 * people away. The real server with its own data folder, the built tab, Debian's Chromium.
 * The cycle is the three-views example (12 OTs: the OT team's 6, 5 of under 2 years outside
 * it, and one more), with an intake team of three: the team of the second team manager the
 * local persona switcher offers.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { composeAt } from '../support/composed';
import { asCycleId, asIsoDate, asParticipationKey } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import type { ResultsDto } from '../../src/server/api/types';
import { peopleWith, threeViews } from '../fixtures/occupationalTherapists';
import { TestClock } from '../fixtures/testClock';
import { axeScan, ensureTabBuilt, launchChromium, screenshot, SCREENSHOTS, startServer, type RunningServer } from '../support/tabBrowser';

jest.setTimeout(240_000);

const PSW = 'demo-001';
const CYCLE = '2025-26';
const COMPARING = 'Hidden so that a smaller group cannot be worked out by comparing views';

describe('breakdowns in the tab', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-breakdowns-e2e-'));
  const intakeManager = demoOrganisation().people.find((p) => p.role === 'team-manager' && p.teamId === 'intake')!;
  let server: RunningServer;
  let browser: Browser;

  const url = (persona: string, hash: string) => `${server.base}/tab/?persona=${encodeURIComponent(persona)}#/${hash}`;
  const apiAs = async (persona: string, route: string): Promise<ResultsDto> => {
    const res = await fetch(`${server.base}${route}`, { headers: { 'x-phc-persona': persona } });
    if (!res.ok) throw new Error(`${route} as ${persona}: ${res.status} ${await res.text()}`);
    return (await res.json()) as ResultsDto;
  };
  async function open(persona: string, hash: string, ready: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, bypassCSP: true, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url(persona, hash));
    await page.locator(ready).first().waitFor({ timeout: 90_000 });
    expect(errors).toEqual([]);
    return page;
  }

  beforeAll(async () => {
    ensureTabBuilt();
    // A closed cycle: opened, answered (the intake team down to three), closed and published.
    const clock = new TestClock(new Date('2025-10-01T09:00:00Z'));
    const phc = await composeAt(dataDir, {}, { clock });
    const { app } = phc;
    await app.cycles.open({ id: CYCLE, closesOn: '2025-11-30' });
    let intake = 0;
    const about = threeViews().map((p) => (p.team === 'intake' && ++intake > 3 ? { ...p, team: 'older-people-review' } : p));
    for (const answers of peopleWith(about, 12)) {
      await app.stores.participation.submit(asCycleId(CYCLE), asParticipationKey(randomBytes(32).toString('hex')), {
        surveyVersion: healthCheck.version,
        submittedOn: asIsoDate('2025-10-02'),
        answers,
      });
    }
    clock.set('2025-12-01T09:00:00Z');
    await app.cycles.close(CYCLE);
    // Published to staff, so that managers below the management team read it too.
    await app.cycles.publish(CYCLE);
    await phc.close();
    server = await startServer(dataDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('offers the PSW the breakdowns the server offers, and a hidden group says why, on screen and in the CSV', async () => {
    const offered = (await apiAs(PSW, `/api/health-check/cycles/${CYCLE}/results`)).breakdownsOffered;
    expect(offered).toEqual(['role', 'team', 'service', 'length-of-service']);
    const page = await open(PSW, `health-check?cycle=${CYCLE}`, '[data-testid="health-check"]');
    const select = page.locator('section[aria-labelledby="breakdown-heading"] select');
    expect(await select.locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')))).toEqual(offered);
    await select.selectOption('length-of-service');
    await page.getByRole('button', { name: 'Show breakdown' }).click();
    const table = page.locator('section.phc-table', { hasText: 'by length of service' }).first();
    await table.waitFor();
    expect(await table.innerText()).toContain(COMPARING);
    expect(await table.innerText()).toContain('About you questions');
    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: /Download CSV/ }).click()]);
    const file = path.join(SCREENSHOTS, '..', download.suggestedFilename());
    await download.saveAs(file);
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toContain(COMPARING);
    expect(csv).toContain('Not shown inside groups');
    // The whole cycle's team answer keeps the team of three out, and says why.
    expect(await page.locator('[data-question-id="team"]').innerText()).toMatch(/Intake: Hidden: fewer than 5 people gave this answer/);
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, 'tab-breakdown-by-length-of-service');
    await page.close();
  });

  it('does not offer the intake team manager a breakdown whose only group of theirs is hidden', async () => {
    const personas = (await (await fetch(`${server.base}/api/personas`)).json()) as { id: string }[];
    expect(personas.map((p) => p.id)).toContain(intakeManager.id);
    expect((await apiAs(intakeManager.id, `/api/health-check/cycles/${CYCLE}/results`)).breakdownsOffered).toEqual([]);
    const page = await open(intakeManager.id, `health-check?cycle=${CYCLE}`, '[data-testid="health-check"]');
    const section = page.locator('section[aria-labelledby="breakdown-heading"]');
    await section.waitFor();
    expect(await section.innerText()).toMatch(/No breakdown can be shown for this cycle/);
    expect(await section.locator('select').count()).toBe(0);
    await page.close();
  });
});
