import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSharePoint } from '../../src/adapters/sharepoint';
import { asCycleId } from '../../src/domain/shared/brand';
import { startSharePointStandIn } from '../support/sharepointStandIn';
import { draftCycle2025, openOn, provisionedStandIn, standInClient } from './sharepointHarness';

describe('SharePoint out of reach', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-sp-offline-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a data directory that has never reached the site', async () => {
    const sp = await startSharePointStandIn();
    const client = standInClient(sp);
    await sp.close();
    await expect(openSharePoint({ file: path.join(dir, 'never.sqlite'), client, site: sp.site.webUrl })).rejects.toThrow();
  });

  it('keeps working on the local copy when SharePoint is down, and writes out once it is back', async () => {
    const file = path.join(dir, 'phc.sqlite');
    const { sp, client } = await provisionedStandIn();
    const first = await openOn(sp, client, { file });
    await first.stores.cycles.create(draftCycle2025, Buffer.alloc(32, 1));
    await first.writer.drain();
    await first.close();

    // SharePoint answers 503 to everything for a while.
    sp.faults.set({ failShare: 1 });
    const told: string[] = [];
    const offline = await openOn(sp, standInClient(sp, { maxAttempts: 1 }), { file, onUnreachable: (m) => told.push(m) });
    expect(told.join(' ')).toMatch(/working from the local copy/);
    await offline.stores.cycles.setStatus(asCycleId('2025-26'), 'open');
    const attempt = await offline.writer.flush();
    expect(attempt.written).toBe(0);
    expect(offline.writer.pending().waiting).toBe(1);

    sp.faults.set({ failShare: 0 });
    await offline.writer.drain();
    expect([...(sp.findList('PHC Cycles')?.items.values() ?? [])].map((i) => i.fields.Status)).toEqual(['open']);
    await offline.close();
    await sp.close();
  });
});
