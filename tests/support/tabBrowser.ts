/**
 * For the tab's end-to-end tests and benchmark: the real server (src/server/main.ts, as
 * `npm start` runs it) on a free port with its own data folder, and Debian's Chromium driven
 * by playwright-core. The tab is built first when missing or stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildTab, tabIsStale } from '../../scripts/build-tab';

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.PHC_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');

export function ensureTabBuilt(): void {
  if (tabIsStale()) buildTab();
}

export { startServer, type RunningServer } from './appServer';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Saves a screenshot under test-artifacts/screenshots/ and prints its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`Screenshot: ${file}`);
  return file;
}

const AXE = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/** axe-core in the page, WCAG 2.x A/AA rules; only Fluent's focus-trap dummies are left out. */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  // A string, not a function: this file is type-checked without the DOM library.
  const script = `axe.run({ exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`;
  return page.evaluate<AxeViolation[]>(script);
}
