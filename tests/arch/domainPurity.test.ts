import * as fs from 'node:fs';
import * as path from 'node:path';
import { sourceFiles, specifiers } from './imports';

/**
 * src/domain is pure: it may import only other domain files. No SDK, no Node I/O, no
 * adapters, ports, bot or tab. ESLint says the same while editing; this test makes CI say it.
 */
const root = path.resolve(__dirname, '../..');
const domain = path.join(root, 'src/domain');

describe('src/domain imports nothing but the domain', () => {
  const files = sourceFiles(domain);

  it('has domain files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(root, f), f]))('%s', (_name, file) => {
    const bad = specifiers(fs.readFileSync(file, 'utf8')).filter((spec) => {
      if (!spec.startsWith('.')) return true; // any package: an SDK, node:fs, better-sqlite3…
      const target = path.resolve(path.dirname(file), spec);
      return !target.startsWith(domain + path.sep);
    });
    expect(bad).toEqual([]);
  });

  it('catches the kinds of import it is meant to catch', () => {
    expect(specifiers("import { x } from '../../adapters/sqlite/db';\nimport * as fs from 'node:fs';\nconst g = require('@microsoft/microsoft-graph-client');\nimport 'botbuilder';")).toEqual([
      '../../adapters/sqlite/db',
      'node:fs',
      '@microsoft/microsoft-graph-client',
      'botbuilder',
    ]);
  });
});
