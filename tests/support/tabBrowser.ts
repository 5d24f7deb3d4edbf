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

/** The tab as `persona` sees it in local mode (`?persona=` says who is signed in), at `hash` ('' for the first page). */
export function tabAddress(base: string, persona: string, hash: string, theme = 'default'): string {
  return `${base}/tab/?persona=${encodeURIComponent(persona)}&theme=${theme}${hash ? `#/${hash}` : ''}`;
}

/** An API route's JSON as `persona` gets it; anything but a success fails with the server's answer. */
export async function apiAs<T>(base: string, persona: string, route: string): Promise<T> {
  const res = await fetch(`${base}${route}`, { headers: { 'x-phc-persona': persona } });
  if (!res.ok) throw new Error(`${route} as ${persona}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface OpenPageOptions {
  readonly width: number;
  readonly height: number;
  readonly timeout: number;
  readonly acceptDownloads?: boolean;
}

/**
 * A new page at `address`, once `ready` is on it. If it never comes, the error says what the
 * page showed instead (an error message, a spinner), not only that it timed out; an error
 * thrown in the page fails too. `what` names the page in either error.
 */
export async function openPage(browser: Browser, address: string, ready: string, what: string, opts: OpenPageOptions): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: opts.width, height: opts.height }, bypassCSP: true, ...(opts.acceptDownloads ? { acceptDownloads: true } : {}) });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(address);
  try {
    await page.locator(ready).first().waitFor({ timeout: opts.timeout });
  } catch (error) {
    const said = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    await page.close();
    throw new Error(`${what}: ${ready} did not appear. The page said:\n${said.slice(0, 1500)}\n${(error as Error).message}`);
  }
  if (errors.length > 0) {
    await page.close();
    throw new Error(`${what}: the page threw:\n${errors.join('\n')}`);
  }
  return page;
}
