/**
 * An audit task moves with its record: a saved draft puts the task in progress; a
 * submit completes it in the same transaction, so a crash between the two writes is not
 * possible; and records left by the old two-write submit (or another tool) are put right by
 * the repair the server runs at start.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqlite } from '../../../src/adapters/sqlite/sqliteStores';
import { AuditRecordService } from '../../../src/app/auditRecords';
import { practiceStandardsAuditSocialWork, itemsOf } from '../../../src/domain/audit/forms';
import { newAuditRecord } from '../../../src/domain/audit/forms/lifecycle';
import type { AuditTaskId } from '../../../src/domain/audit/plan/task';
import { asIsoDate } from '../../../src/domain/shared/brand';
import { directory, OBSERVATION, STANDARDS, SUPERVISION } from '../../fixtures/auditWorld';
import { TestClock } from '../../fixtures/testClock';

const ROOT = path.resolve(__dirname, '../../..');

const complete2: Record<string, unknown> = Object.fromEntries(
  itemsOf(practiceStandardsAuditSocialWork).map(({ item }) => [item.id, item.kind === 'rating' ? { rating: 'yes', comment: 'Seen in the record' } : item.kind === 'actions' ? [] : 'Case 123']),
);

async function world(file = ':memory:') {
  const opened = openSqlite(file);
  await opened.audits.putPlan(2026, [STANDARDS, SUPERVISION, OBSERVATION], { seed: 1, rulesHash: 'test', plannedOn: asIsoDate('2026-04-01') });
  const clock = new TestClock(new Date('2026-10-05T10:00:00Z'));
  return { ...opened, clock, service: new AuditRecordService(opened.auditRecords, opened.audits, directory, clock) };
}

describe('an audit task moves with its record', () => {
  it('setStatus takes a planned task to in progress, leaves one in progress as it is, and refuses a finished one', async () => {
    const w = await world();
    expect(await w.audits.setStatus(STANDARDS.id, 'in-progress', asIsoDate('2026-10-05'))).toMatchObject({ status: 'in-progress' });
    expect(await w.audits.setStatus(STANDARDS.id, 'in-progress', asIsoDate('2026-10-06'))).toMatchObject({ status: 'in-progress' });
    expect(await w.audits.setStatus(STANDARDS.id, 'completed', asIsoDate('2026-10-07'))).toMatchObject({ status: 'completed', completedOn: '2026-10-07' });
    await expect(w.audits.setStatus(STANDARDS.id, 'in-progress', asIsoDate('2026-10-08'))).rejects.toMatchObject({ code: 'conflict' });
    await expect(w.audits.setStatus(SUPERVISION.id, 'in-progress', '5 October' as never)).rejects.toMatchObject({ code: 'invalid' });
    await w.stores.close();
  });

  it('a draft saved by the lead puts the task in progress; the person audited saving theirs does not', async () => {
    const w = await world();
    await w.service.saveDraft(OBSERVATION.id, 'ot', 'worker', { background: 'A review visit.' });
    expect((await w.audits.get(OBSERVATION.id))?.status).toBe('planned');
    await w.service.saveDraft(STANDARDS.id, 'sup', 'auditor', { 'case-identifier': 'Case 123' });
    expect((await w.audits.get(STANDARDS.id))?.status).toBe('in-progress');
    await w.service.submit(STANDARDS.id, 'sup', complete2);
    expect(await w.audits.get(STANDARDS.id)).toMatchObject({ status: 'completed', completedOn: '2026-10-05' });
    await w.stores.close();
  });

  it('a failure between the record and the task (here a trigger standing in for a crash) stores neither', async () => {
    const w = await world();
    await w.service.saveDraft(STANDARDS.id, 'sup', 'auditor', complete2);
    w.operational.db.exec(`CREATE TRIGGER crash BEFORE UPDATE OF status ON audit_tasks WHEN NEW.status = 'completed' BEGIN SELECT RAISE(ABORT, 'crashed'); END`);
    // (Matched on the message: better-sqlite3's error comes from another realm in a jest worker.)
    await expect(w.service.submit(STANDARDS.id, 'sup', {})).rejects.toMatchObject({ message: expect.stringMatching(/crashed/) });
    expect((await w.auditRecords.get(STANDARDS.id))?.state.status).toBe('draft');
    expect((await w.audits.get(STANDARDS.id))?.status).toBe('in-progress');
    // After the "restart": the same submit goes through, both writes together.
    w.operational.db.exec('DROP TRIGGER crash');
    await w.service.submit(STANDARDS.id, 'sup', {});
    expect((await w.auditRecords.get(STANDARDS.id))?.state.status).toBe('submitted');
    expect((await w.audits.get(STANDARDS.id))?.status).toBe('completed');
    await w.stores.close();
  });

  it('a process killed in the middle of a submit leaves the record and the task together', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-atomic-'));
    const file = path.join(dir, 'phc.sqlite');
    const w = await world(file);
    await w.service.saveDraft(STANDARDS.id, 'sup', 'auditor', complete2);
    await w.stores.close();
    // A child opens the file, starts the submit's transaction and dies (SIGKILL) after the record is written, before the task.
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(${JSON.stringify(file)});
      db.exec('BEGIN IMMEDIATE');
      db.prepare("UPDATE audit_records SET status = 'submitted', revision = 1, submitted_at = '2026-10-05T10:00:00.000Z', version = version + 1 WHERE task_id = ?").run(${JSON.stringify(STANDARDS.id)});
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT });
    expect(child.signal).toBe('SIGKILL');
    const after = openSqlite(file);
    expect((await after.auditRecords.get(STANDARDS.id))?.state.status).toBe('draft');
    expect((await after.audits.get(STANDARDS.id))?.status).toBe('in-progress');
    await after.stores.close();
  });

  it('repair completes tasks whose record was submitted without them (the old two writes), on the day it was submitted, once', async () => {
    const w = await world();
    // What a crash between the old two writes left: the record submitted, the task still planned.
    const state = {
      ...newAuditRecord('sup', 'sw', false),
      status: 'submitted' as const,
      revision: 1,
      submittedAt: '2026-10-02T15:00:00.000Z',
      history: [{ event: 'submit' as const, by: 'sup', at: '2026-10-02T15:00:00.000Z' }],
    };
    await w.auditRecords.put({ taskId: STANDARDS.id, formId: 'appendix-2', formVersion: 1, answers: {}, state }, 0);
    // And a draft saved before drafts moved tasks along.
    await w.auditRecords.put(
      {
        taskId: SUPERVISION.id,
        formId: 'appendix-1',
        formVersion: 1,
        answers: {},
        state: { ...newAuditRecord('tm', 'sup', false), history: [{ event: 'save-draft', by: 'tm', at: '2026-10-03T09:00:00.000Z' }] },
      },
      0,
    );
    expect((await w.audits.get(STANDARDS.id))?.status).toBe('planned');

    expect(await w.service.repair([2025, 2026])).toEqual({ completed: 1, started: 1 });
    expect(await w.audits.get(STANDARDS.id)).toMatchObject({ status: 'completed', completedOn: '2026-10-02' });
    expect((await w.audits.get(SUPERVISION.id))?.status).toBe('in-progress');
    expect((await w.audits.get(OBSERVATION.id as AuditTaskId))?.status).toBe('planned');
    expect(await w.service.repair([2025, 2026])).toEqual({ completed: 0, started: 0 });
    await w.stores.close();
  });
});
