import type { DateRange } from '../../domain/audit/plan/calendar';
import { asSupervisionRecordId, type SupervisionOutcome, type SupervisionRecord } from '../../domain/audit/plan/supervisionLog';
import { asUserId } from '../../domain/shared/brand';
import { StoreError, type Page, type PageRequest } from '../../ports/stores';
import type { RecordedSupervision, SupervisionEntry, SupervisionLogStore } from '../../ports/supervisionLog';
import { afterOf, checkDate, keysetPage, pageLimit } from './codec';
import { writeTransaction, type Db } from './database';

interface LogRow {
  readonly id: string;
  readonly supervisor_id: string;
  readonly supervisee_id: string;
  readonly held_on: string;
  readonly outcome: SupervisionOutcome;
}

const OUTCOMES: readonly SupervisionOutcome[] = ['held', 'postponed', 'cancelled'];
const COLUMNS = 'id, supervisor_id, supervisee_id, held_on, outcome';

function toRecord(row: LogRow): SupervisionRecord {
  return {
    id: asSupervisionRecordId(row.id),
    supervisorId: asUserId(row.supervisor_id),
    superviseeId: asUserId(row.supervisee_id),
    date: checkDate(row.held_on, `date of supervision record ${row.id}`),
    outcome: row.outcome,
  };
}

/** Stable, and date first, so ordering by id orders by date. */
export function supervisionRecordId(entry: Pick<SupervisionEntry, 'supervisorId' | 'superviseeId' | 'date'>): string {
  return `sup-${entry.date}-${entry.superviseeId}-by-${entry.supervisorId}`;
}

export function sqliteSupervisionLogStore(db: Db): SupervisionLogStore {
  const selectByKey = db.prepare(`SELECT ${COLUMNS} FROM supervision_log WHERE supervisor_id = ? AND supervisee_id = ? AND held_on = ?`);
  const insert = db.prepare(`INSERT INTO supervision_log (${COLUMNS}) VALUES (@id, @supervisorId, @superviseeId, @date, @outcome)`);
  const update = db.prepare('UPDATE supervision_log SET outcome = ? WHERE id = ?');
  const selectPage = db.prepare(`SELECT ${COLUMNS} FROM supervision_log WHERE held_on BETWEEN ? AND ? AND id > ? ORDER BY id LIMIT ?`);

  return {
    async record(entry: SupervisionEntry): Promise<RecordedSupervision> {
      if (typeof entry.supervisorId !== 'string' || entry.supervisorId === '') throw new StoreError('invalid', 'A supervision record needs the supervisor.');
      if (typeof entry.superviseeId !== 'string' || entry.superviseeId === '') throw new StoreError('invalid', 'A supervision record needs the supervisee.');
      const date = checkDate(entry.date, 'supervision date');
      if (!OUTCOMES.includes(entry.outcome)) throw new StoreError('invalid', `"${String(entry.outcome)}" is not a supervision outcome (held, postponed or cancelled).`);
      return writeTransaction(db, () => {
        const previous = selectByKey.get(entry.supervisorId, entry.superviseeId, date) as LogRow | undefined;
        if (previous) {
          update.run(entry.outcome, previous.id);
          return { record: toRecord({ ...previous, outcome: entry.outcome }), replaced: previous.outcome };
        }
        const id = supervisionRecordId({ ...entry, date });
        insert.run({ id, supervisorId: entry.supervisorId, superviseeId: entry.superviseeId, date, outcome: entry.outcome });
        return { record: toRecord({ id, supervisor_id: entry.supervisorId, supervisee_id: entry.superviseeId, held_on: date, outcome: entry.outcome }), replaced: undefined };
      });
    },

    async list(period: DateRange, request: PageRequest): Promise<Page<SupervisionRecord>> {
      const start = checkDate(period.start, 'start of the period');
      const end = checkDate(period.end, 'end of the period');
      const limit = pageLimit(request);
      const after = afterOf(request.continuation);
      const rows = selectPage.all(start, end, after, limit + 1) as LogRow[];
      return keysetPage(rows.map(toRecord), limit);
    },
  };
}
