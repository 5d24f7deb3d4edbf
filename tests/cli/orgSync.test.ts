import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createGraphClient } from '../../src/adapters/graph/graphClient';
import { GraphDirectory } from '../../src/adapters/graph/graphDirectory';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { OrganisationService } from '../../src/app/organisationImport';
import { UserFacingError } from '../../src/app/errors';
import { orgCommand } from '../../src/cli/commands/org';
import { runCli } from '../../src/cli/run';
import { DATABASE_FILE } from '../../src/composition';
import type { DirectoryMapping } from '../../src/domain/organisation/directoryMapping';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import { TestClock } from '../fixtures/testClock';
import { COUNCIL_MAPPING, councilTenant, guid, startGraphStandIn, type GraphStandIn, type StandInUser } from '../support/graphStandIn';

// `phc org sync` with the real Graph directory adapter against the local Graph stand-in, a
// real SQLite file, and then the real `phc` reading what was stored. MSAL is the one part
// swapped (a fixed token): it would need Entra ID on the network.

const TOKEN = 'sync-token';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-org-sync-'));
const dataDir = path.join(dir, 'data');
const clock = new TestClock(new Date('2026-04-01T09:00:00Z'));
const people: StandInUser[] = councilTenant();
let graph: GraphStandIn;

beforeAll(async () => {
  graph = await startGraphStandIn({ token: TOKEN, teamsAppId: 'unused', users: [], directory: people });
});
afterAll(async () => {
  await graph.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function sync(flags: { 'dry-run'?: boolean; force?: boolean; json?: boolean } = {}, mapping: DirectoryMapping = COUNCIL_MAPPING) {
  const { stores, organisations } = openSqlite(path.join(dataDir, DATABASE_FILE));
  const client = createGraphClient({ baseUrl: graph.baseUrl, tokenProvider: { getAccessToken: () => Promise.resolve(TOKEN) }, sleep: () => Promise.resolve() });
  let out = '';
  try {
    await orgCommand(
      { out: (t) => (out += `${t}\n`), err: () => undefined, env: {}, cwd: dir },
      new OrganisationService(organisations, clock),
      'sync',
      [],
      flags,
      () => new GraphDirectory({ client, mapping }),
    );
    return out;
  } finally {
    await stores.close();
  }
}

async function phc(env: Record<string, string>, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: dataDir, ...env }, cwd: dir }, clock);
  return { code, out, err };
}

test('a dry run reads the tenant and stores nothing', async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  const out = await sync({ 'dry-run': true });
  expect(out).toContain('Microsoft Graph: 44 people in 2 teams would be imported (of 248 users read); nothing was imported (dry run).');
  expect((await phc({ PHC_DIRECTORY: 'stored' }, 'org', 'show')).out).toContain('No organisation has been imported');
});

test('stores a snapshot of the tenant, listing by name whoever the mapping could not place', async () => {
  const out = await sync();
  expect(out).toContain('Imported 44 people in 2 teams from Microsoft Graph (of 248 users read).');
  expect(out).toContain('Supervision follows line management (the directory knows no other). A CSV import ("phc org import") can set supervisors');
  expect(out).toContain('1 disabled account was left out.');
  expect(out).toContain('1 guest from another organisation was left out.');
  expect(out).toContain('201 people are in departments outside the service (not imported).');
  expect(out).toContain(`  Bea Support (${guid(6)}): "Business Support Officer", Adult Social Care`);
  expect(out).toContain('has a job title no rule maps to a role, so was NOT imported');

  const shown = await phc({}, 'org', 'show');
  expect(shown.out).toContain('Organisation imported on 2026-04-01: 44 people in 2 teams.');
  expect(shown.out).toContain(`  Tia Manager (${guid(4)}): 25 supervisees`);
  // The stored snapshot is what the app plans from.
  const plan = JSON.parse((await phc({}, 'audits', 'plan', '--json')).out) as { byActivity: { activity: string; tasks: number }[] };
  expect(plan.byActivity.find((a) => a.activity === 'supervision-audit')?.tasks).toBeGreaterThan(0);
});

test('a supervisor set by a CSV import is kept by the next sync; someone gone from the tenant becomes a leaver', async () => {
  // Supervision by a senior practitioner rather than the team manager, as a CSV import would set it.
  const { stores, organisations } = openSqlite(path.join(dataDir, DATABASE_FILE));
  const stored = await organisations.load();
  if (!stored) throw new Error('nothing stored');
  const moved = stored.organisation.people.map((p) => (p.id === guid(101) ? { ...p, supervisorId: asUserId(guid(100)) } : p));
  await organisations.save({ ...stored.organisation, people: moved }, asIsoDate('2026-04-01'));
  await stores.close();

  people.splice(
    people.findIndex((p) => p.id === guid(124)),
    1,
  );
  clock.set('2026-04-02T09:00:00Z');
  const out = await sync();
  expect(out).toContain('Imported 43 people');
  expect(out).toContain('except for 1 person whose different supervisor, set by a CSV import, is kept.');
  expect(out).toContain('1 person from before is no longer in the directory (or their account is disabled): kept as leavers');

  const { stores: s2, organisations: o2 } = openSqlite(path.join(dataDir, DATABASE_FILE));
  const after = await o2.load();
  await s2.close();
  expect(after?.organisation.people.find((p) => p.id === guid(101))).toMatchObject({ lineManagerId: guid(4), supervisorId: guid(100) });
  expect(after?.organisation.people.find((p) => p.id === guid(124))).toMatchObject({ displayName: 'Practitioner 24', leftOn: '2026-04-02' });
});

test('refuses a sync that would turn a large share of staff into leavers, unless forced', async () => {
  const hospitalOnly: DirectoryMapping = { ...COUNCIL_MAPPING, teams: COUNCIL_MAPPING.teams?.slice(0, 1) ?? [] };
  const refused = await sync({}, hospitalOnly).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(UserFacingError);
  expect((refused as Error).message).toMatch(/Nothing was imported: 16 of the 43 people in post would become leavers.*--force/);
  expect(await sync({ force: true }, hospitalOnly)).toContain('16 people from before are no longer in the directory');
});

test('phc org sync says what to configure, and checks the mapping file before reaching Graph', async () => {
  expect(await phc({}, 'org', 'sync')).toMatchObject({ code: 1, err: expect.stringContaining('set PHC_DIRECTORY=graph') });
  expect(await phc({ PHC_DIRECTORY: 'graph' }, 'org', 'sync')).toMatchObject({
    code: 1,
    err: expect.stringContaining('The configuration is not usable: PHC_DIRECTORY=graph reads the directory with the app'),
  });
  fs.writeFileSync(path.join(dir, 'mapping.json'), JSON.stringify({ titles: [{ contains: 'social worker', role: 'Wizard' }], teams: [{ id: 'hospital' }] }));
  const env = { PHC_DIRECTORY: 'graph', MicrosoftAppTenantId: 't', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', PHC_DIRECTORY_MAPPING: 'mapping.json' };
  const bad = await phc(env, 'org', 'sync');
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('the directory mapping mapping.json has problems');
  expect(bad.err).toContain('Title rule 1: "Wizard" is not a role');
  expect(bad.err).toContain('Team hospital needs at least one department');
  expect((await phc({}, 'help')).out).toContain('phc org sync');
});
