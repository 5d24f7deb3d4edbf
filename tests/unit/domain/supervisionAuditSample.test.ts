import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { sqliteSupervisionSampleStore } from '../../../src/adapters/sqlite/supervisionSampleStore';
import { addDays } from '../../../src/domain/audit/plan/calendar';
import { planYear } from '../../../src/domain/audit/plan/plan';
import { DEFAULT_AUDIT_RULES } from '../../../src/domain/audit/plan/rules';
import { drawSupervisionAuditSample, isSampledAudit } from '../../../src/domain/audit/plan/sampling';
import { asSupervisionRecordId, type SupervisionRecord } from '../../../src/domain/audit/plan/supervisionLog';
import { asIsoDate } from '../../../src/domain/shared/brand';
import { StoreError } from '../../../src/ports/stores';

const organisation = demoOrganisation();
const today = asIsoDate('2026-10-01');
const tasks = planYear({ rules: DEFAULT_AUDIT_RULES, organisation, year: 2026, seed: 11 });
const audits = tasks.filter(isSampledAudit);

/** Monthly supervision for every supervisee but every seventh, who has none. */
const log: SupervisionRecord[] = organisation.people
  .filter((p) => p.supervisorId !== undefined)
  .flatMap((p, i) =>
    i % 7 === 0
      ? []
      : Array.from({ length: 6 }, (_, m) => {
          const date = addDays(today, -30 * (m + 1));
          return { id: asSupervisionRecordId(`sup-${date}-${p.id}-by-${p.supervisorId}`), superviseeId: p.id, supervisorId: p.supervisorId!, date, outcome: 'held' as const };
        }),
  );

describe('the staff supervision audit sample of every supervisor of the demo organisation', () => {
  const samples = audits.map((task) => drawSupervisionAuditSample({ task, organisation, log, planSeed: 11, drawnOn: today }));

  it('covers every supervisee: one held session each, or named as having none', () => {
    expect(samples.length).toBe(29);
    for (const s of samples) {
      const expected = organisation.people
        .filter((p) => p.supervisorId === s.supervisorId)
        .map((p) => p.id as string)
        .sort();
      expect(s.supervisees).toEqual(expected);
      const picked = s.picks.map((p) => p.superviseeId as string);
      expect([...picked, ...s.withoutRecords].sort()).toEqual(expected);
      expect(new Set(picked).size).toBe(picked.length);
      for (const p of s.picks) expect(p.supervisorId).toBe(s.supervisorId);
    }
    expect(samples.some((s) => s.withoutRecords.length > 0)).toBe(true);
  });

  it('is reproducible from the plan seed and the task id, and differs between audits', () => {
    const again = audits.map((task) => drawSupervisionAuditSample({ task, organisation, log: [...log].reverse(), planSeed: 11, drawnOn: today }));
    expect(again).toEqual(samples);
    expect(new Set(samples.map((s) => s.seed)).size).toBe(samples.length);
    const otherSeed = audits.map((task) => drawSupervisionAuditSample({ task, organisation, log, planSeed: 12, drawnOn: today }));
    expect(otherSeed.map((s) => s.picks)).not.toEqual(samples.map((s) => s.picks));
  });
});

describe('the SQLite sample store', () => {
  it('keeps the first draw of a task and gives it back as stored; an unknown task is refused', async () => {
    const { stores, audits: taskStore, operational } = openSqlite(':memory:');
    await taskStore.putPlan(2026, tasks, { seed: 11, rulesHash: 'x', plannedOn: asIsoDate('2026-04-01') });
    const store = sqliteSupervisionSampleStore(operational.db);
    const task = audits[0]!;
    const first = drawSupervisionAuditSample({ task, organisation, log, planSeed: 11, drawnOn: today });
    await expect(store.keep(first)).resolves.toEqual({ sample: first, created: true });
    const later = drawSupervisionAuditSample({ task, organisation, log: [], planSeed: 11, drawnOn: addDays(today, 5) });
    await expect(store.keep(later)).resolves.toEqual({ sample: first, created: false });
    await expect(store.get(task.id)).resolves.toEqual(first);
    await expect(store.listYear(2026)).resolves.toEqual([first]);
    await expect(store.listYear(2027)).resolves.toEqual([]);
    const error = await store.keep({ ...first, taskId: 'nope' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('not-found');
    await stores.close();
  });
});
