/**
 * `npm run bench:tab`: in Chromium, the time from navigation to the Health check page fully
 * rendered (every question, the trend chart, rises and falls) for a cycle of 1,000 responses
 * with 4 earlier cycles of 1,000 each, and the JavaScript loaded first (gzip). The baseline,
 * in the same process: the same page built without lazy loading (one bundle). Then the home
 * page (the tab's first page) for the PSW over the same data, every item drawn.
 * Goals: under 1 s on localhost; at most 300 KB gzip loaded first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { composeAt } from '../support/composed';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { buildTab } from '../../scripts/build-tab';
import { ensureTabBuilt, launchChromium, ROOT, startServer } from '../support/tabBrowser';
import { syntheticResponses } from './syntheticResponses';

const CYCLES = 5;
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PSW = 'demo-001';
const TARGET_MS = 1000;
const TARGET_KB = 300;

async function seed(dataDir: string): Promise<string> {
  const { app } = await composeAt(dataDir);
  let last = '';
  for (let i = 1; i <= CYCLES; i++) {
    const id = `bench-${i}`;
    await app.cycles.open({ id, title: `Benchmark cycle ${i}`, opensOn: `${2090 + i}-04-01`, closesOn: '2099-12-31' });
    const rows = syntheticResponses(healthCheck, RESPONSES, i)
      .map((a) => JSON.stringify(a))
      .join('\n');
    await app.imports.importResponses(id, `bench-${i}.jsonl`, rows);
    await app.cycles.close(id);
    last = id;
  }
  await app.close();
  return last;
}

/** The JavaScript index.html loads before anything else (entry and its preloads), gzip -9. */
function firstLoadGzip(dir: string): { files: number; raw: number; gzip: number } {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/(?:src|href)="\/tab\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let raw = 0;
  let gzip = 0;
  for (const src of new Set(srcs)) {
    const body = fs.readFileSync(path.join(dir, src));
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  return { files: new Set(srcs).size, raw, gzip };
}

/** A page to time: its address and the script that says it is fully drawn. */
interface Target {
  readonly hash: string;
  readonly done: string;
}

const healthCheckPage = (cycle: string): Target => ({
  hash: `health-check?cycle=${cycle}`,
  done: `document.querySelector('[data-testid="health-check"][data-cycle="${cycle}"] [data-question-id]')
          && document.querySelector('.phc-chart svg') && document.querySelector('section[aria-label="Largest rises and falls"] tbody tr')`,
});

/** The home page: every item the server gives is on the page. */
const homePage: Target = { hash: 'home', done: `document.querySelectorAll('[data-testid="home"] [data-item-id]').length >= 4` };

async function measure(label: string, dataDir: string, target: Target, tabDir: string): Promise<{ median: number; jsGzipLoaded: number }> {
  const server = await startServer(dataDir, { PHC_TAB_DIR: tabDir });
  const browser = await launchChromium();
  const times: number[] = [];
  let jsGzipLoaded = 0;
  try {
    for (let run = 0; run <= RUNS; run++) {
      // A new context each run: nothing cached, as on a first visit.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      const js: string[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('.js')) js.push(new URL(r.url()).pathname.replace('/tab/', ''));
      });
      // Timed in the page from the navigation's start (performance.now()) to the first moment
      // the questions, the chart and the rises and falls are all in the document: a
      // MutationObserver, so the figure does not include Playwright's polling intervals.
      await page.addInitScript(`new MutationObserver((_, observer) => {
        const done = ${target.done};
        if (done && window.__phcRendered === undefined) { window.__phcRendered = performance.now(); observer.disconnect(); }
      }).observe(document, { childList: true, subtree: true, characterData: true });`);
      await page.goto(`${server.base}/tab/?persona=${PSW}#/${target.hash}`);
      await page.waitForFunction('window.__phcRendered !== undefined', undefined, { timeout: 30_000 });
      const ms = Math.round(await page.evaluate<number>('window.__phcRendered'));
      if (run > 0) times.push(ms); // run 0 warms the server (SQLite pages, results read model)
      jsGzipLoaded = js.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(tabDir, f)), { level: 9 }).length, 0);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `${label.padEnd(34)} median ${String(median).padStart(5)} ms of ${RUNS} (min ${times[0]}, max ${times[times.length - 1]}); all JS loaded for the page ${(jsGzipLoaded / 1024).toFixed(1)} KB gzip`,
  );
  return { median, jsGzipLoaded };
}

async function main(): Promise<void> {
  ensureTabBuilt();
  const nosplit = path.join(ROOT, 'dist/tab-nosplit');
  console.log('Building the baseline (one bundle, no lazy loading) into dist/tab-nosplit…');
  buildTab({ PHC_TAB_NO_SPLIT: '1' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-bench-tab-'));
  try {
    console.log(
      `bench:tab — ${CYCLES} cycles × ${RESPONSES.toLocaleString('en-GB')} responses, Chromium ${process.env.PHC_CHROMIUM ?? '/usr/bin/chromium'}, Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)} (times grow with it)`,
    );
    const cycle = await seed(dataDir);
    const split = firstLoadGzip(path.join(ROOT, 'dist/tab'));
    const single = firstLoadGzip(nosplit);
    const ours = await measure('lazy-loaded pages and charts', dataDir, healthCheckPage(cycle), path.join(ROOT, 'dist/tab'));
    const base = await measure('baseline: one bundle', dataDir, healthCheckPage(cycle), nosplit);
    const home = await measure('home page (lazy-loaded)', dataDir, homePage, path.join(ROOT, 'dist/tab'));
    console.log('');
    console.log(
      `first-load JS: ${(split.gzip / 1024).toFixed(1)} KB gzip (${(split.raw / 1024).toFixed(0)} KB raw, ${split.files} file${split.files === 1 ? '' : 's'}); target ≤ ${TARGET_KB} KB: ${split.gzip / 1024 <= TARGET_KB ? 'met' : 'NOT met'}; baseline ${(single.gzip / 1024).toFixed(1)} KB gzip; ratio baseline/ours ×${(single.gzip / split.gzip).toFixed(2)}`,
    );
    console.log(
      `Health check page fully rendered: ${ours.median} ms; target < ${TARGET_MS} ms: ${ours.median < TARGET_MS ? 'met' : 'NOT met'}; baseline ${base.median} ms; ratio baseline/ours ×${(base.median / ours.median).toFixed(2)}`,
    );
    console.log(
      `Home page (the PSW's) fully rendered: ${home.median} ms; target < ${TARGET_MS} ms: ${home.median < TARGET_MS ? 'met' : 'NOT met'}; all JS it loaded ${(home.jsGzipLoaded / 1024).toFixed(1)} KB gzip`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(nosplit, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
