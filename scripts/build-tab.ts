/**
 * Builds the tab (Vite, tab/ → dist/tab/) when it is missing or older than its sources, so
 * `npm start` is still all a newcomer runs. `--force` builds regardless. Quick when nothing
 * changed: it only compares file times.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'dist/tab/index.html');
/** Everything the bundle is made from: the tab, the pure domain and API types it imports, the build setup. */
const INPUTS = ['tab', 'src/domain', 'src/server/api/types.ts', 'vite.config.ts', 'package-lock.json'];

function newest(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newest(path.join(p, name))), stat.mtimeMs);
}

export function tabIsStale(): boolean {
  const built = fs.existsSync(OUTPUT) ? fs.statSync(OUTPUT).mtimeMs : 0;
  return INPUTS.some((input) => newest(path.join(ROOT, input)) > built);
}

const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');

export function buildTab(env: NodeJS.ProcessEnv = {}): void {
  const vite = VITE;
  const run = spawnSync(process.execPath, [vite, 'build', '--config', path.join(ROOT, 'vite.config.ts')], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) throw new Error(`Building the tab failed (vite exited with ${run.status}). See the messages above.`);
}

if (require.main === module) {
  const force = process.argv.includes('--force');
  if (!fs.existsSync(VITE)) {
    // Installed without dev dependencies (npm install --omit=dev): start anyway, with the
    // build that is there, if any; the server says how to build a missing tab.
    console.log(`Vite is not installed, so the tab cannot be built here${fs.existsSync(OUTPUT) ? '; serving the build in dist/tab' : ' (run npm install, then npm run build:tab)'}.`);
  } else if (force || tabIsStale()) {
    const started = Date.now();
    console.log('Building the tab (dist/tab)…');
    buildTab();
    console.log(`Built the tab in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } else {
    console.log('The tab is up to date (dist/tab).');
  }
}
