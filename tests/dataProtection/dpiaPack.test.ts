import { storedFieldsAndDeclarations } from '../../src/composition';
import { dpiaCommand } from '../../src/cli/commands/dataProtection';
import { runCli } from '../../src/cli/run';
import { UserFacingError } from '../../src/app/errors';
import { dataInventory, dpiaPackMarkdown } from '../../src/domain/dataProtection/inventory';
import { retentionSchedule } from '../../src/domain/dataProtection/retention';
import { LISTS } from '../../src/adapters/sharepoint';
import { openDatabase } from '../../src/adapters/sqlite/database';

/**
 * `phc dpia pack`: the data inventory from the app's own schema and list definitions, every
 * stored field classified, and refused while one is not.
 */
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      env: { PHC_DATA_DIR: '/nonexistent/phc-dpia', PHC_COUNCIL_NAME: 'Anytown Council', PHC_PRIVACY_CONTACT: 'dpo@anytown.gov.uk' },
      cwd: '/tmp',
    },
  };
}

describe('phc dpia pack', () => {
  it('covers every column of every table and every column of every SharePoint list', async () => {
    const run = io();
    expect(await runCli(['dpia', 'pack', '--json'], run.io)).toBe(0);
    const pack = JSON.parse(run.out.join('\n')) as {
      fields: { store: string; place: string; field: string; purpose: string; basis: string; retention: string; whoSees: string; leaves: string }[];
      stale: string[];
    };
    // Counted here from the database and the lists themselves, apart from the app's reader.
    const db = openDatabase(':memory:');
    const columns = (
      db.prepare("SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'").all() as { t: string; c: string }[]
    ).map((r) => `SQLite ${r.t}.${r.c}`);
    db.close();
    const listColumns = LISTS.flatMap((l) => l.columns.map((c) => `SharePoint ${l.displayName}.${c.name}`));
    const covered = new Set(pack.fields.map((f) => `${f.store} ${f.place}.${f.field}`));
    expect([...columns, ...listColumns].filter((f) => !covered.has(f))).toEqual([]);
    expect(pack.stale).toEqual([]);
    for (const f of pack.fields) for (const k of ['purpose', 'basis', 'retention', 'whoSees', 'leaves'] as const) expect([f.place, f.field, k, f[k].length > 3]).toEqual([f.place, f.field, k, true]);
  });

  it('writes the record of processing and the inventory as Markdown, filled from configuration', async () => {
    const run = io();
    expect(await runCli(['dpia', 'pack'], run.io)).toBe(0);
    const text = run.out.join('\n');
    expect(text).toMatch(/Controller: Anytown Council; Data Protection Officer: dpo@anytown\.gov\.uk/);
    expect(text).toMatch(/\| SQLite \| responses \| Staff survey answers[^|]*\| UK GDPR Article 6\(1\)\(e\)[^|]*\| Survey answers: 2 years from the day the cycle closes \(deleted\)/);
    expect(text).toMatch(/\| SharePoint \| PHC Survey Responses \| `Answers` \| survey answers, with no name \|/);
  });

  it('refuses, naming it, a field nobody has classified', () => {
    const { fields, declarations } = storedFieldsAndDeclarations();
    const inventory = dataInventory(
      [...fields, { store: 'SQLite', place: 'focus_groups', field: 'attendees' }, { store: 'SharePoint', place: 'PHC Actions', field: 'Colour' }],
      declarations,
      retentionSchedule(undefined),
    );
    expect(inventory.unclassified).toEqual(['SQLite focus_groups.attendees', 'SharePoint PHC Actions.Colour']);
    const run = io();
    const attempt = () =>
      dpiaCommand(run.io, 'pack', {}, { inventory, markdown: dpiaPackMarkdown(inventory, { controller: undefined, contact: undefined, madeOn: '2027-01-11', version: '0' }) }, () => undefined);
    expect(attempt).toThrow(UserFacingError);
    try {
      attempt();
    } catch (error) {
      expect((error as UserFacingError).details).toEqual(['SQLite focus_groups.attendees', 'SharePoint PHC Actions.Colour']);
    }
    // A declaration for a field no longer stored is said too.
    const stale = dataInventory(
      fields.filter((f) => !(f.place === 'people' && f.field === 'left_on')),
      declarations,
      retentionSchedule(undefined),
    );
    expect(stale.stale).toEqual(['SQLite people.left_on']);
  });
});
