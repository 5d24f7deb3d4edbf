import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localFolderSecrets, secretsFolderFor } from '../../../src/adapters/secrets/localFolder';
import { memorySecrets } from '../../../src/adapters/secrets/memory';
import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { CycleService } from '../../../src/app/cycles';
import { QuestionnaireService } from '../../../src/app/questionnaires';
import { asCycleId, asUserId } from '../../../src/domain/shared/brand';
import { participationKey } from '../../../src/app/participation';
import { asSecretName, participationSecretName, SecretStoreError, type SecretStore } from '../../../src/ports/secrets';
import { StoreError } from '../../../src/ports/stores';
import { mini } from '../../fixtures/miniSurvey';
import { composeInMemory } from '../../support/composed';
import { prepare } from '../../../src/server/startup';
import { sqliteCycleStore } from '../../../src/adapters/sqlite/cycleStore';
import type { Composition } from '../../../src/composition';

/** The cycle store a new process would open over the same file: nothing held in memory yet. */
const sqliteCycleStoreOver = (phc: Composition, secrets: SecretStore) => sqliteCycleStore(phc.stores.operational.db, secrets);
import { TestClock } from '../../fixtures/testClock';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-secrets-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const NAME = asSecretName('phc-cycle-2026-27');
const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Every file of a data directory, bytes and all, SQLite's WAL included. */
function bytesUnder(dir: string, except?: string): Buffer {
  const all: Buffer[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (p === except) continue;
      if (e.isDirectory()) walk(p);
      else all.push(fs.readFileSync(p));
    }
  };
  walk(dir);
  return Buffer.concat(all);
}

describe('the folder of secrets beside the SQLite file (the embedded default)', () => {
  it("is beside the file, not inside it, and only the app's user can open it", async () => {
    const dir = tempDir();
    const folder = secretsFolderFor(path.join(dir, 'phc.sqlite'));
    expect(folder).toBe(path.join(dir, 'phc.secrets'));
    const secrets = localFolderSecrets(folder);
    const secret = randomBytes(32);
    await secrets.put(NAME, secret);
    expect(await secrets.get(NAME)).toEqual(secret);
    expect(mode(folder)).toBe(0o700);
    expect(mode(path.join(folder, NAME))).toBe(0o600);
    // Written whole: no temporary file left beside it.
    expect(fs.readdirSync(folder)).toEqual([NAME]);
  });

  it('refuses a folder other users can open, saying how to put it right', async () => {
    const folder = path.join(tempDir(), 'phc.secrets');
    fs.mkdirSync(folder, { mode: 0o755 });
    fs.chmodSync(folder, 0o755);
    const secrets = localFolderSecrets(folder);
    await expect(secrets.put(NAME, randomBytes(32))).rejects.toThrow(/other users of this computer.*chmod 700/);
    await expect(secrets.get(NAME)).rejects.toBeInstanceOf(SecretStoreError);
  });

  it('destroys a secret by overwriting and removing its file; again, it does nothing', async () => {
    const folder = path.join(tempDir(), 'phc.secrets');
    const secrets = localFolderSecrets(folder);
    await secrets.put(NAME, randomBytes(32));
    expect(await secrets.destroy(NAME)).toEqual({ outcome: 'destroyed' });
    expect(await secrets.get(NAME)).toBeUndefined();
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(await secrets.destroy(NAME)).toEqual({ outcome: 'destroyed' });
    // No folder yet: nothing to read, nothing to destroy.
    const none = localFolderSecrets(path.join(tempDir(), 'none.secrets'));
    expect(await none.get(NAME)).toBeUndefined();
    expect(await none.destroy(NAME)).toEqual({ outcome: 'destroyed' });
  });
});

describe("the cycle store's secrets go through the secret store", () => {
  it("keeps a new cycle's secret out of the SQLite file: the file's bytes never hold it", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'phc.sqlite');
    const opened = openSqlite(file);
    const clock = new TestClock(new Date('2027-01-11T10:00:00Z'));
    const cycle = await new CycleService(opened.stores, new QuestionnaireService(opened.stores.questionnaires, mini, clock), mini, clock).open({ id: '2026-27', closesOn: '2027-02-26' });
    const secret = await opened.stores.cycles.participationSecret(cycle.id);
    await opened.stores.close();
    expect(await localFolderSecrets(secretsFolderFor(file)).get(participationSecretName(cycle.id))).toEqual(secret);
    expect(bytesUnder(dir, secretsFolderFor(file)).includes(secret)).toBe(false);
    expect(bytesUnder(dir, secretsFolderFor(file)).includes(Buffer.from(secret.toString('base64')))).toBe(false);
  });

  it("destroys a cycle's secret through the store: no answers can then be matched to anyone", async () => {
    const secrets = memorySecrets();
    const { stores } = openSqlite(':memory:', { secrets: secrets });
    const clock = new TestClock(new Date('2027-01-11T10:00:00Z'));
    const cycle = await new CycleService(stores, new QuestionnaireService(stores.questionnaires, mini, clock), mini, clock).open({ id: '2026-27', closesOn: '2027-02-26' });
    const key = participationKey(await stores.cycles.participationSecret(cycle.id), asUserId('sw-1'));
    expect(await stores.cycles.destroyParticipationSecret(cycle.id)).toEqual({ outcome: 'destroyed' });
    expect(await secrets.get(participationSecretName(cycle.id))).toBeUndefined();
    const refused = stores.cycles.participationSecret(cycle.id);
    await expect(refused).rejects.toBeInstanceOf(StoreError);
    await expect(refused).rejects.toThrow(/not in memory.*takes no answers/);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    await stores.close();
  });

  it('makes no cycle without its secret: when the secret store refuses, the cycle is not created', async () => {
    const failing: SecretStore = { ...memorySecrets(), where: 'a vault that is down', put: async () => Promise.reject(new SecretStoreError('Key Vault could not be reached.')) };
    const { stores } = openSqlite(':memory:', { secrets: failing });
    const clock = new TestClock(new Date('2027-01-11T10:00:00Z'));
    await expect(new CycleService(stores, new QuestionnaireService(stores.questionnaires, mini, clock), mini, clock).open({ id: '2026-27', closesOn: '2027-02-26' })).rejects.toThrow(
      /could not be reached/,
    );
    expect(await stores.cycles.get(asCycleId('2026-27'))).toBeUndefined();
    await stores.close();
  });

  it("makes a draft cycle's lost secret again (nobody can have answered a draft), but never an open one's", async () => {
    const file = path.join(tempDir(), 'phc.sqlite');
    const secrets = memorySecrets();
    const id = asCycleId('2027-28');
    const first = openSqlite(file, { secrets: secrets });
    await first.stores.cycles.create(
      { id, surveyId: 'mini', surveyVersion: 1, title: 'Next', kind: 'live', status: 'draft', opensOn: '2027-04-01' as never, closesOn: '2027-05-01' as never, threshold: 5, textThreshold: 10 },
      randomBytes(32),
    );
    await first.stores.close();
    await secrets.destroy(participationSecretName(id));
    // Another process, with nothing held in memory.
    const second = openSqlite(file, { secrets: secrets });
    expect(await second.stores.cycles.participationSecret(id)).toHaveLength(32);
    expect(await secrets.get(participationSecretName(id))).toHaveLength(32);
    await second.stores.cycles.setStatus(id, 'open');
    await second.stores.close();
    await secrets.destroy(participationSecretName(id));
    const third = openSqlite(file, { secrets: secrets });
    await expect(third.stores.cycles.participationSecret(id)).rejects.toThrow(/participation secret of cycle 2027-28 is not in/);
    expect(await secrets.get(participationSecretName(id))).toBeUndefined();
    await third.stores.close();
  });

  it('warns at start about an open cycle whose secret cannot be found, in words that say where to point', async () => {
    const secrets = memorySecrets();
    const clock = new TestClock(new Date('2027-01-11T10:00:00Z'));
    const first = await composeInMemory({ clock, questionnaire: mini, secrets }, { PHC_DEMO: 'off' });
    await first.app.cycles.open({ id: '2026-27', closesOn: '2027-02-26' });
    const lines: string[] = [];
    await prepare(first, (line) => lines.push(line));
    expect(lines.filter((l) => l.startsWith('Warning'))).toEqual([]);
    await secrets.destroy(participationSecretName(asCycleId('2026-27')));
    // What a new process finds: the cycle, but no secret for it.
    const fresh = sqliteCycleStoreOver(first, secrets);
    await expect(fresh.participationSecret(asCycleId('2026-27'))).rejects.toThrow(/takes no answers/);
    await prepare({ ...first, stores: { ...first.stores, stores: { ...first.stores.stores, cycles: fresh } } }, (line) => lines.push(line));
    expect(lines.filter((l) => l.startsWith('Warning'))).toEqual([expect.stringMatching(/^Warning: The participation secret of cycle 2026-27 is not in memory.*PHC_KEY_VAULT_URL/)]);
    await first.close();
  });
});
