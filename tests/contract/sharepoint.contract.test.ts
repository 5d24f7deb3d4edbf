import type { Stores } from '../../src/ports/stores';
import { openOn, provisionedStandIn, snapshot } from './sharepointHarness';
import { storeContractSuite } from './storeContract';

/**
 * The same contract as SQLite, with SharePoint (the stand-in, over real HTTP) as the system
 * of record. After every test, closing the stores also checks the round trip: everything is
 * written out (drain), every record is in SharePoint exactly once, and a second copy of the
 * app with an empty database rebuilds the same cycles, responses and submissions from
 * SharePoint alone through the delta sync.
 */
storeContractSuite('SharePoint (stand-in)', async (): Promise<Stores> => {
  const { sp, client } = await provisionedStandIn();
  const app = await openOn(sp, client);
  return {
    ...app.stores,
    async close() {
      try {
        const { pending } = await app.writer.drain();
        expect(pending).toEqual({ waiting: 0, failed: 0, reasons: [] });
        const here = await snapshot(app.stores);
        const counts = sp.itemsPerList();
        expect(counts['PHC Cycles'] ?? 0).toBe(here.cycles.length);
        expect(counts['PHC Survey Responses'] ?? 0).toBe(Object.values(here.responses).flat().length);
        expect(counts['PHC Participation'] ?? 0).toBe(Object.values(here.submitted).flat().length);

        const elsewhere = await openOn(sp, client);
        try {
          const report = await elsewhere.sync.sync();
          expect(report.problems).toEqual([]);
          expect(await snapshot(elsewhere.stores)).toEqual(here);
        } finally {
          await elsewhere.close();
        }
      } finally {
        await app.close();
        await sp.close();
      }
    },
  };
});
