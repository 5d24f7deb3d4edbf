/**
 * Production runs compiled JavaScript: `npm run build:server` compiles the server, the bot
 * and the CLI into dist/server, and `npm run start:prod` runs that with plain `node`. These
 * tests build it for real and start the compiled server from another folder, as the
 * container does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer } from '../support/appServer';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'dist/server');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
};

/**
 * A preload that reports, as the process exits, which of the app's modules it loaded: the proof
 * that it ran the build and never tsx (nor the TypeScript sources).
 */
function loadedModulesReporter(dir: string): string {
  const file = path.join(dir, 'report-loaded.js');
  fs.writeFileSync(
    file,
    `process.on('exit', () => {
  const loaded = Object.keys(require.cache);
  const tsx = loaded.some((f) => f.includes('/node_modules/tsx/')) || loaded.some((f) => f.endsWith('.ts'));
  const compiled = loaded.filter((f) => f.startsWith(${JSON.stringify(OUT + path.sep)})).length;
  require('fs').writeSync(2, '\\nLOADED tsx=' + tsx + ' compiled=' + compiled + '\\n');
});
`,
  );
  return file;
}

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

describe('the production build', () => {
  beforeAll(() => {
    // The same command `npm run build:server` runs (npm itself would only add its own start-up time).
    const script = pkg.scripts['build:server'];
    expect(script).toBeDefined();
    const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build:server failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  }, 300_000);

  it('has the scripts: build (server and tab), build:server and start:prod with plain node', () => {
    expect(pkg.scripts.build).toMatch(/build:server/);
    expect(pkg.scripts.build).toMatch(/build:tab/);
    const startProd = pkg.scripts['start:prod'] ?? '';
    expect(startProd).toMatch(/^node\b/);
    expect(startProd).not.toMatch(/tsx/);
    expect(startProd).toContain('dist/server/src/server/main.js');
  });

  it('compiles the server, the bot and the CLI', () => {
    for (const file of ['src/server/main.js', 'src/cli/main.js', 'src/bot/surveyBot.js', 'src/adapters/sqlite/migrations/index.js']) {
      expect(fs.existsSync(path.join(OUT, file))).toBe(true);
    }
  });

  it('needs nothing at run time but the dependencies (the image installs no devDependencies)', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const outside = new Map<string, string>();
    for (const file of jsFiles(OUT)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\brequire\("([^"./][^"]*)"\)/g)) {
        const name = match[1] as string;
        if (builtins.has(name) || builtins.has(name.split('/')[0] as string)) continue;
        const owner = packageOf(name);
        if (!(owner in pkg.dependencies)) outside.set(owner, path.relative(OUT, file));
      }
    }
    expect(Object.fromEntries(outside)).toEqual({});
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });

  it("has no dependency the compiled server does not load (the tab's libraries are bundled into dist/tab at build time)", () => {
    const required = new Set<string>();
    for (const file of jsFiles(OUT)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\brequire\("([^"./][^"]*)"\)/g)) required.add(packageOf(match[1] as string));
    }
    expect(Object.keys(pkg.dependencies).filter((name) => !required.has(name))).toEqual([]);
  });

  it('finds the tab it serves at the repository root from the compiled layout', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiled = require(path.join(OUT, 'src/server/tabStatic.js')) as { TAB_DIR: string };
    expect(compiled.TAB_DIR).toBe(path.join(ROOT, 'dist/tab'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runtime = require(path.join(OUT, 'src/runtimeMode.js')) as { runtimeMode: () => string; projectRoot: () => string };
    expect(runtime.runtimeMode()).toBe('compiled');
    expect(runtime.projectRoot()).toBe(ROOT);
  });

  it('starts with plain node from another folder and answers /healthz, saying it runs compiled JavaScript', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-prod-'));
    const [command, ...args] = (pkg.scripts['start:prod'] ?? '').split(/\s+/);
    expect(command).toBe('node');
    const preload = loadedModulesReporter(cwd);
    const child = spawn(process.execPath, ['--require', preload, ...args.map((a) => (a.startsWith('dist/') ? path.join(ROOT, a) : a))], {
      cwd,
      // No NODE_OPTIONS: nothing may bring tsx in through the back door.
      env: { PATH: process.env.PATH, PORT: '0', PHC_DATA_DIR: path.join(cwd, 'data'), PHC_DEMO_AUDITS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stopped = false;
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`The compiled server did not start in time:\n${output}`)), 60_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const port = /Bot endpoint: http:\/\/localhost:(\d+)\//.exec(output)?.[1];
          if (port && /Running: /.test(output)) {
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${port}`);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`The compiled server exited (${code}):\n${output}`));
        });
      });
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      expect(output).toMatch(/Running: compiled JavaScript/);
      // Its SQLite file is where PHC_DATA_DIR says, not beside the build.
      expect(fs.existsSync(path.join(cwd, 'data', 'phc.sqlite'))).toBe(true);
      child.removeAllListeners('exit');
      await stop(child);
      stopped = true;
      expect(output).toMatch(/LOADED tsx=false compiled=[1-9]\d*/);
    } finally {
      child.removeAllListeners('exit');
      if (!stopped) await stop(child);
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  }, 90_000);

  it('runs the phc command line from the build when NODE_ENV=production', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-cli-'));
    try {
      const run = spawnSync(process.execPath, ['--require', loadedModulesReporter(cwd), path.join(ROOT, pkg.bin.phc as string), 'help'], {
        cwd,
        env: { PATH: process.env.PATH, NODE_ENV: 'production', PHC_DATA_DIR: path.join(cwd, 'data') },
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/phc/);
      expect(run.stderr.trim()).toMatch(/^LOADED tsx=false compiled=[1-9]\d*$/);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe("the end-to-end tests' and benchmarks' server", () => {
  it('runs the build or the sources, and says which it ran', async () => {
    const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status).toBe(0);
    const ran: string[] = [];
    for (const runtime of ['compiled', 'tsx'] as const) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `phc-${runtime}-`));
      const started = Date.now();
      const server = await startServer(dataDir, { PHC_DEMO_AUDITS: 'off' }, { runtime });
      try {
        const ms = Date.now() - started;
        expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
        ran.push(`${server.runtime} (ready in ${ms} ms)`);
        expect(server.runtime).toBe(runtime);
      } finally {
        await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
    console.log(`Server start: ${ran.join(', ')}`);
  }, 180_000);
});
