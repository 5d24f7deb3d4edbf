import * as fs from 'node:fs';
import * as path from 'node:path';
import { RESTRICTED_LISTS } from '../../src/adapters/sharepoint';
import { listSpec } from '../../src/adapters/sharepoint/schema';

/**
 * docs/data-protection.md tells the SharePoint administrator which lists to restrict (a PnP
 * PowerShell step the app cannot do through Graph): the lists it names are the lists the app
 * checks at every start, no more and no fewer.
 */
describe("the administrator's step to restrict the lists", () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'data-protection.md'), 'utf8');
  const checked = RESTRICTED_LISTS.map((name) => listSpec(name).displayName);

  it('restricts in PowerShell exactly the lists the app checks', () => {
    const script = /\$lists = ([^\n]*(?:\n {2}[^\n]*)*)/.exec(doc)?.[1] ?? '';
    const named = [...script.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(named).toEqual(checked);
  });

  it('says why each is restricted, in its table', () => {
    const section = doc.slice(doc.indexOf('## 6. Restricting the lists'), doc.indexOf('## 7.'));
    const rows = section.split('\n').filter((l) => l.startsWith('| **'));
    const inTable = rows.flatMap((r) => [...(r.split(' | ')[0] ?? '').matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]));
    expect(inTable).toEqual(checked);
  });
});
