import { AUDIT_FORM_IDS } from '../../src/domain/audit/forms/types';
import { newAuditRecord, type AuditRecordState } from '../../src/domain/audit/forms/lifecycle';
import type { AuditTaskId } from '../../src/domain/audit/plan/task';
import type { AuditRecord, AuditRecordStore } from '../../src/ports/auditRecords';
import { StoreError } from '../../src/ports/stores';
import { openAuditWorld, STANDARDS } from '../fixtures/auditWorld';

const draft = (history: AuditRecordState['history'] = []): Omit<AuditRecord, 'version'> => ({
  taskId: STANDARDS.id,
  formId: 'appendix-2',
  formVersion: 1,
  answers: { auditor: { 'case-identifier': { kind: 'text', text: 'Case 123' } } },
  state: { ...newAuditRecord('sup', 'sw', false), history },
});

const saved = { event: 'save-draft' as const, by: 'sup', at: '2026-10-01T09:00:00.000Z' };
const submitted = { event: 'submit' as const, by: 'sup', at: '2026-10-02T09:00:00.000Z' };

async function rejects(p: Promise<unknown>, code: StoreError['code']): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
}

describe('the audit record store and the forms', () => {
  it('takes a record of any of the forms (AUDIT_FORM_IDS) and refuses any other form: no SQL CHECK holds the list', async () => {
    const { records, close } = await openAuditWorld();
    try {
      for (const formId of AUDIT_FORM_IDS) expect((await records.put({ ...draft([saved]), formId }, (await records.get(STANDARDS.id))?.version ?? 0)).formId).toBe(formId);
      await rejects(records.put({ ...draft([saved]), formId: 'appendix-9' as never }, 4), 'invalid');
    } finally {
      await close();
    }
  });
});

describe('SQLite audit record store', () => {
  let store: AuditRecordStore;
  let close: () => Promise<void>;
  beforeEach(async () => ({ records: store, close } = await openAuditWorld()));
  afterEach(() => close());

  it('has nothing for a task not yet started', async () => {
    expect(await store.get(STANDARDS.id)).toBeUndefined();
  });

  it('stores a record at version 1 and gives it back as it was, answers per part and history', async () => {
    const record = await store.put(draft([saved]), 0);
    expect(record).toEqual({ ...draft([saved]), version: 1 });
    expect(await store.get(STANDARDS.id)).toEqual(record);
  });

  it('moves on a version with each write, keeping the state’s dates', async () => {
    await store.put(draft([saved]), 0);
    const next = draft([saved, submitted]);
    const state: AuditRecordState = { ...next.state, status: 'submitted', revision: 1, submittedAt: submitted.at };
    const record = await store.put({ ...next, state }, 1);
    expect(record.version).toBe(2);
    expect(record.state).toEqual(state);
    expect(record.state.history).toEqual([saved, submitted]);
  });

  it('refuses a stale write with conflict, and keeps the first writer’s record', async () => {
    await store.put(draft([saved]), 0);
    const first = await store.put(draft([saved, { ...saved, at: '2026-10-01T10:00:00.000Z' }]), 1);
    await rejects(store.put(draft([saved, { ...saved, by: 'sup', at: '2026-10-01T10:00:01.000Z' }]), 1), 'conflict');
    expect(await store.get(STANDARDS.id)).toEqual(first);
  });

  it('refuses a second first write (both writers saw no record) with conflict', async () => {
    await store.put(draft([saved]), 0);
    await rejects(store.put(draft([saved]), 0), 'conflict');
  });

  it('keeps history append-only: an event cannot be changed or removed', async () => {
    await store.put(draft([saved, submitted]), 0);
    await rejects(store.put(draft([saved]), 1), 'invalid');
    await rejects(store.put(draft([{ ...saved, by: 'someone-else' }, submitted]), 1), 'invalid');
    expect((await store.get(STANDARDS.id))?.state.history).toEqual([saved, submitted]);
  });

  it('refuses a record for a task that does not exist', async () => {
    await rejects(store.put({ ...draft(), taskId: 'no-such-task' as AuditTaskId }, 0), 'not-found');
  });

  it('refuses what it could not read back', async () => {
    await rejects(store.put({ ...draft(), formId: 'appendix-9' as never }, 0), 'invalid');
    await rejects(store.put({ ...draft(), state: { ...draft().state, status: 'signed-off' } }, 0), 'invalid');
    await rejects(store.put(draft(), -1), 'invalid');
  });
});
