import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Comments and test names say why, not which tracker item asked for the work, and cite the
 * council's papers by what they are: a newcomer has neither the tracker nor the seed files.
 */
const ROOT = path.resolve(__dirname, '../..');

function matches(pattern: string): string[] {
  try {
    return execFileSync('git', ['grep', '-nE', pattern, '--', 'src', 'tab/src', 'tests', 'scripts', ':!tests/arch/comments.test.ts'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((line) => line !== '');
  } catch (error) {
    // git grep exits 1 when nothing matches.
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

describe('comments and names', () => {
  it('never point at a tracker item ("issue 7")', () => {
    expect(matches('\\b[Ii]ssue [0-9]+')).toEqual([]);
  });

  it("cite the council's papers by name, not by seed file", () => {
    expect(matches('\\bseeds?/|\\bseed 00[0-9]|00[0-9]_[0-9a-f]{16}')).toEqual([]);
  });
});
