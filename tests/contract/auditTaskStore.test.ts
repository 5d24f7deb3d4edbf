import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { planYear } from '../../src/domain/audit/plan/plan';
import { DEFAULT_AUDIT_RULES } from '../../src/domain/audit/plan/rules';
import type { AuditTask, AuditTaskId } from '../../src/domain/audit/plan/task';
import { asIsoDate } from '../../src/domain/shared/brand';
import { allAuditTasks, type AuditTaskStore } from '../../src/ports/audits';
import { StoreError } from '../../src/ports/stores';

const plan = planYear({ rules: DEFAULT_AUDIT_RULES, organisation: demoOrganisation(), year: 2026, seed: 7 });
const meta = { seed: 7, rulesHash: 'abc123', plannedOn: asIsoDate('2026-04-01') };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-audits-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function open(file = ':memory:'): { audits: AuditTaskStore; close: () => Promise<void> } {
  const { stores, audits } = openSqlite(file);
  return { audits, close: () => stores.close() };
}

const strip = (tasks: readonly AuditTask[]) => [...tasks].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('SQLite audit task store', () => {
  let store: AuditTaskStore;
  let close: () => Promise<void>;
  beforeEach(() => ({ audits: store, close } = open()));
  afterEach(() => close());

  it('stores a plan and gives it back as it was, with the plan’s seed recorded', async () => {
    expect(await store.planMeta(2026)).toBeUndefined();
    await store.putPlan(2026, plan, meta);
    expect(strip(await allAuditTasks(store, 2026))).toEqual(strip(plan));
    expect(await store.planMeta(2026)).toEqual({ year: 2026, ...meta });
    expect(await allAuditTasks(store, 2027)).toEqual([]);
  });

  it('upserts by id: putting the same plan twice changes nothing', async () => {
    await store.putPlan(2026, plan, meta);
    await store.putPlan(2026, plan, { ...meta, plannedOn: asIsoDate('2026-05-01') });
    const stored = await allAuditTasks(store, 2026);
    expect(stored).toHaveLength(plan.length);
    expect(strip(stored)).toEqual(strip(plan));
    expect((await store.planMeta(2026))?.plannedOn).toBe('2026-05-01');
  });

  it('refuses another seed for a planned year, a task of another year and a duplicate id, storing nothing', async () => {
    await store.putPlan(2026, plan.slice(0, 3), meta);
    await expect(store.putPlan(2026, plan, { ...meta, seed: 8 })).rejects.toMatchObject({ code: 'conflict' });
    expect(await allAuditTasks(store, 2026)).toHaveLength(3);
    const first = plan[0] as AuditTask;
    await expect(store.putPlan(2027, [first], meta)).rejects.toMatchObject({ code: 'invalid' });
    await expect(store.putPlan(2026, [first, first], meta)).rejects.toBeInstanceOf(StoreError);
    expect(await store.planMeta(2027)).toBeUndefined();
  });

  it('keeps a completed task as it is when a plan says otherwise, and cancels a planned one the plan cancels', async () => {
    await store.putPlan(2026, plan, meta);
    const [a, b] = plan as [AuditTask, AuditTask];
    await store.setStatus(a.id, 'completed', asIsoDate('2026-06-01'));
    const replanned = plan.map((t) => (t.id === a.id || t.id === b.id ? { ...t, status: 'cancelled' as const, cancelledReason: 'subject-left' as const } : t));
    await store.putPlan(2026, replanned, { ...meta, plannedOn: asIsoDate('2026-07-01') });
    expect(await store.get(a.id)).toMatchObject({ status: 'completed', completedOn: '2026-06-01' });
    expect(await store.get(b.id)).toMatchObject({ status: 'cancelled', cancelledReason: 'subject-left', cancelledOn: '2026-07-01' });
  });

  it('pages through every task exactly once', async () => {
    await store.putPlan(2026, plan, meta);
    const seen: string[] = [];
    let continuation: string | undefined;
    let pages = 0;
    do {
      const page = await store.list(2026, { limit: 37, ...(continuation ? { continuation } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(37);
      seen.push(...page.items.map((t) => t.id));
      continuation = page.continuation;
      pages += 1;
    } while (continuation);
    expect(pages).toBe(Math.ceil(plan.length / 37));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(plan.map((t) => t.id).sort());
    await expect(store.list(2026, { limit: 10, continuation: 'not-a-token' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(store.list(2026, { limit: 0 })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('completes or cancels a task once, and refuses every other move', async () => {
    await store.putPlan(2026, plan, meta);
    const [a, b] = plan as [AuditTask, AuditTask];
    const done = await store.setStatus(a.id, 'completed', asIsoDate('2026-06-02'));
    expect(done).toMatchObject({ id: a.id, status: 'completed', completedOn: '2026-06-02' });
    await expect(store.setStatus(a.id, 'completed', asIsoDate('2026-06-03'))).rejects.toMatchObject({ code: 'conflict' });
    await expect(store.setStatus(a.id, 'cancelled', asIsoDate('2026-06-03'))).rejects.toMatchObject({ code: 'conflict' });

    expect(await store.setStatus(b.id, 'cancelled', asIsoDate('2026-06-04'))).toMatchObject({ status: 'cancelled', cancelledReason: 'no-longer-required', cancelledOn: '2026-06-04' });
    await expect(store.setStatus(b.id, 'completed', asIsoDate('2026-06-05'))).rejects.toMatchObject({ code: 'conflict' });

    await expect(store.setStatus('2026/nothing/organisation/1' as AuditTaskId, 'completed', asIsoDate('2026-06-05'))).rejects.toMatchObject({ code: 'not-found' });
    const c = plan[2] as AuditTask;
    await expect(store.setStatus(c.id, 'planned' as never, asIsoDate('2026-06-05'))).rejects.toMatchObject({ code: 'invalid' });
    await expect(store.setStatus(c.id, 'completed', '2026-06-05T10:00' as never)).rejects.toMatchObject({ code: 'invalid' });
    expect((await store.get(c.id))?.status).toBe('planned');
  });
});

describe('SQLite audit task store in a file', () => {
  it('keeps tasks and their status across reopening', async () => {
    const file = path.join(dir, 'audits.sqlite');
    const first = open(file);
    await first.audits.putPlan(2026, plan, meta);
    const a = plan[0] as AuditTask;
    await first.audits.setStatus(a.id, 'completed', asIsoDate('2026-05-05'));
    await first.close();
    const second = open(file);
    expect(await allAuditTasks(second.audits, 2026)).toHaveLength(plan.length);
    expect(await second.audits.get(a.id)).toMatchObject({ status: 'completed', completedOn: '2026-05-05' });
    await second.close();
  });
});
