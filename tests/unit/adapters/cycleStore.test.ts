import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { memorySecrets } from '../../../src/adapters/secrets/memory';
import { sqliteCycleStore } from '../../../src/adapters/sqlite/cycleStore';
import { openDatabase } from '../../../src/adapters/sqlite/database';
import type { IsoDate } from '../../../src/domain/shared/brand';
import { healthCheck2026 } from '../../fixtures/cycles';

describe('the SQLite cycle store, read again and again by every survey turn', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-cycles-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('decodes a cycle once while it is unchanged, and sees at once what another connection changed', async () => {
    const file = path.join(dir, 'phc.sqlite');
    const [here, there] = [openDatabase(file), openDatabase(file)];
    try {
      const secrets = memorySecrets();
      const mine = sqliteCycleStore(here, secrets);
      const theirs = sqliteCycleStore(there, secrets);
      const cycle = healthCheck2026;
      await mine.create(cycle, randomBytes(32));
      const first = await mine.get(cycle.id);
      expect(await mine.get(cycle.id)).toBe(first);
      expect((await mine.list({ limit: 10 })).items[0]).toBe(first);

      // Closed by the other thread (or `phc` in another process): this store must not answer from memory.
      await theirs.setStatus(cycle.id, 'closed');
      expect((await mine.get(cycle.id))?.status).toBe('closed');
      expect((await mine.list({ limit: 10 })).items[0]?.status).toBe('closed');
      await theirs.markPublished(cycle.id, '2027-03-01' as IsoDate);
      expect((await mine.get(cycle.id))?.publishedOn).toBe('2027-03-01');
    } finally {
      here.close();
      there.close();
    }
  });
});
