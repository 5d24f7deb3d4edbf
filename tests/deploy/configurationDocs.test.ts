import * as fs from 'node:fs';
import * as path from 'node:path';
import { settingsTheAppReads } from './deployFiles';

/**
 * A newcomer looks a setting up in docs/configuration.md (SharePoint's own in
 * docs/sharepoint.md): every setting the app reads is there, and nothing it no longer reads.
 */
const ROOT = path.resolve(__dirname, '../..');
const documented = (file: string): Set<string> => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  // The first cell of each table row names the setting(s): | `A`, `B` | …
  return new Set([...text.matchAll(/^\| *((?:`[A-Za-z][A-Za-z0-9_]*`(?:, *)?)+) *\|/gm)].flatMap((m) => [...(m[1] as string).matchAll(/`([^`]+)`/g)].map((n) => n[1] as string)));
};

describe('the configuration docs', () => {
  const read = settingsTheAppReads();
  const inDocs = new Set([...documented('docs/configuration.md'), ...documented('docs/sharepoint.md')]);

  it('list every setting the app reads', () => {
    expect([...read.keys()].filter((name) => !inDocs.has(name)).sort()).toEqual([]);
  });

  it('list no setting the app does not read', () => {
    expect([...inDocs].filter((name) => !read.has(name)).sort()).toEqual([]);
  });
});
