/**
 * The Dockerfile, checked without a Docker engine (none can run here): linted by
 * dockerfile-utils (the checks of VS Code's Docker support), parsed by dockerfile-ast, and its
 * structure held to what the deployment needs. What it COPYs from the build context must exist
 * and must get through .dockerignore (read with Docker's own matching rules).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from '@balena/dockerignore';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { ROOT, readBicep } from './deployFiles';

const text = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

interface Stage {
  readonly name: string | null;
  readonly image: string | null;
  readonly instructions: Instruction[];
}

/** The instructions of each FROM … up to the next. */
function stages(): Stage[] {
  const out: Array<{ name: string | null; image: string | null; instructions: Instruction[] }> = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') {
      const from = dockerfile.getFROMs().find((f) => f.getRange().start.line === instruction.getRange().start.line);
      out.push({ name: from?.getBuildStage() ?? null, image: from?.getImage() ?? null, instructions: [] });
    } else out.at(-1)?.instructions.push(instruction);
  }
  return out;
}

const args = (instruction: Instruction): string[] => instruction.getArguments().map((a) => a.getValue());
const ofKind = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.getKeyword() === keyword);

describe('the Dockerfile', () => {
  const all = stages();
  const build = all[0] as Stage;
  const runtime = all.at(-1) as Stage;

  it('is well formed (no problems dockerfile-utils reports)', () => {
    expect(validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    // The linter itself catches what it should: a stray instruction.
    expect(validate(`${text}\nCOPIE a b\n`).length).toBeGreaterThan(0);
  });

  it('has a build stage and a runtime stage on the same Node base image', () => {
    expect(all.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(build.image).toBe(runtime.image);
    expect(build.image).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim$/);
    expect(dockerfile.getInitialARGs().map((a) => a.getProperty()?.getValue())).toEqual(['20']);
  });

  it('compiles the SQLite driver, the server and the tab in the build stage, and leaves the compilers there', () => {
    const runs = ofKind(build, 'RUN').map((r) => r.getArgumentsContent() ?? '');
    expect(runs.some((r) => /apt-get install .*python3 make g\+\+/.test(r))).toBe(true);
    expect(runs.some((r) => /npm ci\b/.test(r) && /require\('better-sqlite3'\)/.test(r))).toBe(true);
    expect(runs.some((r) => /^npm run build$/.test(r.trim()))).toBe(true);
    expect(pkg.scripts.build).toMatch(/build:server.*build:tab/);
    expect(runs.some((r) => /npm prune --omit=dev/.test(r))).toBe(true);
    const runtimeRuns = ofKind(runtime, 'RUN').map((r) => r.getArgumentsContent() ?? '');
    expect(runtimeRuns.filter((r) => /apt-get|npm (ci|install)|g\+\+/.test(r))).toEqual([]);
  });

  it('runs compiled JavaScript with npm run start:prod as a user that is not root, with its data off the build', () => {
    const user = ofKind(runtime, 'USER').map((u) => args(u)[0]);
    expect(user).toEqual(['node']);
    // USER comes before CMD, so the server never runs as root.
    expect(runtime.instructions.findIndex((i) => i.getKeyword() === 'USER')).toBeLessThan(runtime.instructions.findIndex((i) => i.getKeyword() === 'CMD'));
    const cmd = ofKind(runtime, 'CMD');
    expect(cmd).toHaveLength(1);
    expect(args(cmd[0] as Instruction)).toEqual(['["npm",', '"run",', '"start:prod"]']);
    expect(pkg.scripts['start:prod']).toMatch(/^node .*dist\/server\/src\/server\/main\.js$/);
    const env = ofKind(runtime, 'ENV')
      .map((e) => e.getArgumentsContent() ?? '')
      .join(' ');
    expect(env).toMatch(/NODE_ENV=production/);
    // The same folder the App Service's settings give (infra/main.bicep), owned by that user.
    expect(env).toMatch(/PHC_DATA_DIR=\/var\/lib\/phc/);
    expect(readBicep('infra/main.bicep').text).toMatch(/^var dataDir = '\/var\/lib\/phc'$/m);
    expect(ofKind(runtime, 'RUN').some((r) => /chown node:node \/var\/lib\/phc/.test(r.getArgumentsContent() ?? ''))).toBe(true);
    expect(args(ofKind(runtime, 'EXPOSE')[0] as Instruction)).toEqual(['3978']);
  });

  it('checks /healthz on the port the server listens on', () => {
    const [healthcheck] = dockerfile.getHEALTHCHECKs();
    expect(healthcheck).toBeDefined();
    expect(
      healthcheck
        ?.getFlags()
        .map((f) => f.getName())
        .sort(),
    ).toEqual(['interval', 'retries', 'start-period', 'timeout']);
    const content = healthcheck?.getArgumentsContent() ?? '';
    expect(content).toMatch(/CMD \["node", "-e", ".*\/healthz.*"\]/);
    expect(content).toContain('process.env.PORT');
  });

  it('copies from the build context only files that exist and that .dockerignore lets through', () => {
    const ignored = ignore().add(fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'));
    const copied: string[] = [];
    for (const stage of all) {
      for (const copy of dockerfile.getCOPYs().filter((c) => stage.instructions.includes(c))) {
        if (copy.getFromFlag()) continue;
        const sources = args(copy).slice(0, -1);
        for (const source of sources) {
          copied.push(source);
          expect([source, fs.existsSync(path.join(ROOT, source))]).toEqual([source, true]);
          expect([source, ignored.ignores(source)]).toEqual([source, false]);
        }
      }
    }
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.build.json', 'src', 'tab', 'scripts', 'bin']));
    // Nothing secret or local reaches the context.
    for (const kept of ['data/phc.sqlite', 'env/.env.dev.user', '.env', 'node_modules/x', 'dist/server/src/server/main.js', '.git/config']) {
      expect([kept, ignored.ignores(kept)]).toEqual([kept, true]);
    }
  });

  it('copies into the runtime stage only what the build stage made', () => {
    const fromBuild = dockerfile.getCOPYs().filter((c) => runtime.instructions.includes(c) && c.getFromFlag());
    expect(fromBuild.map((c) => c.getFromFlag()?.getValue())).toEqual(fromBuild.map(() => 'build'));
    expect(fromBuild.map((c) => args(c).slice(0, -1)).flat()).toEqual(['/app/package.json', '/app/package-lock.json', '/app/node_modules', '/app/dist/server', '/app/dist/tab']);
  });
});
