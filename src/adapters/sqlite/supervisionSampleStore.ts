import type { SupervisionAuditSample } from '../../domain/audit/plan/sampling';
import { asSupervisionRecordId, type SupervisionOutcome, type SupervisionRecord } from '../../domain/audit/plan/supervisionLog';
import type { AuditTaskId } from '../../domain/audit/plan/task';
import { asUserId } from '../../domain/shared/brand';
import { StoreError } from '../../ports/stores';
import type { SupervisionSampleStore } from '../../ports/supervisionSamples';
import { checkDate } from './codec';
import { writeTransaction, type Db } from './database';

interface SampleRow {
  readonly task_id: string;
  readonly year: number;
  readonly supervisor_id: string;
  readonly seed: number;
  readonly period_start: string;
  readonly period_end: string;
  readonly drawn_on: string;
  readonly supervisees: string;
  readonly picks: string;
  readonly without_records: string;
}

const COLUMNS = 'task_id, year, supervisor_id, seed, period_start, period_end, drawn_on, supervisees, picks, without_records';
const OUTCOMES: readonly SupervisionOutcome[] = ['held', 'postponed', 'cancelled'];

function ids(json: string, where: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`${where} is not a list of ids.`);
  return value as string[];
}

function toSample(row: SampleRow): SupervisionAuditSample {
  const where = `sample of ${row.task_id}`;
  const picks = JSON.parse(row.picks) as unknown;
  if (!Array.isArray(picks)) throw new Error(`The picks of the ${where} are not a list.`);
  return {
    taskId: row.task_id as AuditTaskId,
    year: row.year,
    supervisorId: asUserId(row.supervisor_id),
    seed: row.seed,
    period: { start: checkDate(row.period_start, `start of the ${where}`), end: checkDate(row.period_end, `end of the ${where}`) },
    drawnOn: checkDate(row.drawn_on, `day of the ${where}`),
    supervisees: ids(row.supervisees, `supervisees of the ${where}`).map(asUserId),
    picks: picks.map((p: unknown): SupervisionRecord => {
      const r = (p ?? {}) as Record<string, unknown>;
      if (typeof r.id !== 'string' || typeof r.superviseeId !== 'string' || typeof r.supervisorId !== 'string' || !OUTCOMES.includes(r.outcome as SupervisionOutcome)) {
        throw new Error(`A pick of the ${where} is not a supervision record.`);
      }
      return {
        id: asSupervisionRecordId(r.id),
        superviseeId: asUserId(r.superviseeId),
        supervisorId: asUserId(r.supervisorId),
        date: checkDate(r.date, `date of a pick of the ${where}`),
        outcome: r.outcome as SupervisionOutcome,
      };
    }),
    withoutRecords: ids(row.without_records, `supervisees without records of the ${where}`).map(asUserId),
  };
}

/** Staff supervision audit samples (`supervision_samples`): the first draw of a task is kept. */
export function sqliteSupervisionSampleStore(db: Db): SupervisionSampleStore {
  const insert = db.prepare(
    `INSERT INTO supervision_samples (${COLUMNS}) VALUES (@taskId, @year, @supervisorId, @seed, @start, @end, @drawnOn, @supervisees, @picks, @without) ON CONFLICT (task_id) DO NOTHING`,
  );
  const select = db.prepare(`SELECT ${COLUMNS} FROM supervision_samples WHERE task_id = ?`);
  const selectYear = db.prepare(`SELECT ${COLUMNS} FROM supervision_samples WHERE year = ? ORDER BY task_id`);
  const taskExists = db.prepare('SELECT 1 FROM audit_tasks WHERE id = ?').pluck();

  return {
    async keep(sample) {
      if (!Number.isInteger(sample.seed) || sample.seed < 0) throw new StoreError('invalid', `The seed of the sample of ${sample.taskId} must be a whole number of at least 0.`);
      const row = {
        taskId: sample.taskId,
        year: sample.year,
        supervisorId: sample.supervisorId,
        seed: sample.seed,
        start: checkDate(sample.period.start, 'start of the sample period'),
        end: checkDate(sample.period.end, 'end of the sample period'),
        drawnOn: checkDate(sample.drawnOn, 'day the sample was drawn'),
        supervisees: JSON.stringify(sample.supervisees),
        picks: JSON.stringify(sample.picks.map((p) => ({ id: p.id, superviseeId: p.superviseeId, supervisorId: p.supervisorId, date: p.date, outcome: p.outcome }))),
        without: JSON.stringify(sample.withoutRecords),
      };
      return writeTransaction(db, () => {
        if (taskExists.get(sample.taskId) === undefined) throw new StoreError('not-found', `There is no audit task ${sample.taskId} to keep a sample for.`);
        const created = insert.run(row).changes === 1;
        return { sample: toSample(select.get(sample.taskId) as SampleRow), created };
      });
    },
    async get(taskId) {
      const row = select.get(taskId) as SampleRow | undefined;
      return row === undefined ? undefined : toSample(row);
    },
    async listYear(year) {
      return (selectYear.all(year) as SampleRow[]).map(toSample);
    },
  };
}
