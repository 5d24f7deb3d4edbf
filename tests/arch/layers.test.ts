import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The layer rules (.dependency-cruiser.cjs) run over the repository in `npm run lint`. Here
 * they run over a small tree with one planted import per rule, to show each rule refuses what
 * it names, and over the repository itself.
 */
const ROOT = path.resolve(__dirname, '../..');
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise');

function cruise(cwd: string, ...targets: string[]): { ok: boolean; output: string } {
  try {
    const output = execFileSync(DEPCRUISE, [...targets, '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the layers', () => {
  it('hold in the repository', () => {
    const result = cruise(ROOT, 'src', 'tab/src');
    expect(result.output).toMatch(/no dependency violations/);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['domain-is-pure', 'src/domain/rule.ts', "import { x } from '../app/useCase';"],
    ['ports-name-the-domain-only', 'src/ports/store.ts', "import { x } from '../adapters/sqlite/store';"],
    ['use-cases-use-ports-not-adapters', 'src/app/useCase.ts', "import { x } from '../adapters/sqlite/store';"],
    ['adapters-implement-ports', 'src/adapters/sqlite/store.ts', "import { x } from '../../app/useCase';"],
    ['bot-stays-at-the-edge', 'src/bot/flow.ts', "import { x } from '../server/api/router';"],
    ['server-never-builds-adapters-or-bot', 'src/server/http.ts', "import { x } from '../bot/flow';"],
    ['cli-gets-adapters-from-the-root', 'src/cli/run.ts', "import { x } from '../adapters/sqlite/store';"],
    ['tab-uses-api-types-and-pure-domain', 'tab/src/page.ts', "import { x } from '../../src/app/useCase';"],
    ['no-circular', 'src/domain/a.ts', "import { y } from './b';\nexport const x = y;"],
  ])('%s refuses a planted import', (rule, file, planted) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-layers-'));
    try {
      const files: Record<string, string> = {
        'src/domain/a.ts': 'export const x = 1;',
        'src/domain/b.ts': "import { x } from './a';\nexport const y = x;",
        'src/domain/rule.ts': 'export const x = 1;',
        'src/ports/store.ts': 'export const x = 1;',
        'src/app/useCase.ts': 'export const x = 1;',
        'src/adapters/sqlite/store.ts': 'export const x = 1;',
        'src/bot/flow.ts': 'export const x = 1;',
        'src/server/http.ts': 'export const x = 1;',
        'src/server/api/router.ts': 'export const x = 1;',
        'src/cli/run.ts': 'export const x = 1;',
        'tab/src/page.ts': 'export const x = 1;',
        [file]: `${planted}\nexport const z = x;`,
      };
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node' } }));
      const result = cruise(dir, 'src', 'tab/src');
      expect(result.ok).toBe(false);
      expect(result.output).toContain(rule);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
