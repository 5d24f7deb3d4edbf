import { fromSharePointDate, missingOf, str, toSharePointDate, type Fields, type Parsed } from './fields';
import { choice, date, phcId, text } from './spec';
import { defineList } from './types';

/** Supervision sessions held, postponed or cancelled. */
export interface SupervisionRow {
  id: string;
  supervisor_id: string;
  supervisee_id: string;
  held_on: string;
  outcome: string;
}

const COLUMNS = 'id, supervisor_id, supervisee_id, held_on, outcome';

export function supervisionFields(row: SupervisionRow): Fields {
  return { Title: `Supervision ${row.held_on}`, PhcId: row.id, SupervisorId: row.supervisor_id, SuperviseeId: row.supervisee_id, HeldOn: toSharePointDate(row.held_on), Outcome: row.outcome };
}

export function parseSupervision(fields: Fields): Parsed<SupervisionRow> {
  const row = { id: str(fields.PhcId), supervisor_id: str(fields.SupervisorId), supervisee_id: str(fields.SuperviseeId), held_on: fromSharePointDate(fields.HeldOn), outcome: str(fields.Outcome) };
  const missing = missingOf(row);
  if (missing.length > 0) return { ok: false, problem: `a supervision item is missing or has unreadable ${missing.join(', ')}` };
  if (!['held', 'postponed', 'cancelled'].includes(row.outcome as string)) return { ok: false, problem: `supervision ${row.id} has an unknown outcome` };
  return { ok: true, row: row as SupervisionRow };
}

export const supervisionLog = defineList({
  spec: {
    name: 'supervisionLog',
    displayName: 'PHC Supervision Log',
    purpose: 'supervision sessions held, postponed or cancelled',
    columns: [
      phcId,
      text('SupervisorId', 'Supervisor (Entra id)', { indexed: true }),
      text('SuperviseeId', 'Supervisee (Entra id)', { indexed: true }),
      date('HeldOn', 'Held on', { indexed: true }),
      choice('Outcome', 'Outcome', ['held', 'postponed', 'cancelled']),
    ],
  },
  heldInGroups: false,
  deletedWithTheApp: false,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT id AS item_key, '' AS cycle_id FROM supervision_log",
  reader(db) {
    const get = db.prepare(`SELECT ${COLUMNS} FROM supervision_log WHERE id = ?`);
    return (key) => {
      const row = get.get(key) as SupervisionRow | undefined;
      return row && supervisionFields(row);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM supervision_log WHERE id = ?').get(key) !== undefined,
  parse: parseSupervision,
  apply({ db, problems }, r) {
    try {
      db.prepare(
        `INSERT INTO supervision_log (${COLUMNS}) VALUES (@id, @supervisor_id, @supervisee_id, @held_on, @outcome)
         ON CONFLICT (id) DO UPDATE SET supervisor_id = excluded.supervisor_id, supervisee_id = excluded.supervisee_id, held_on = excluded.held_on, outcome = excluded.outcome`,
      ).run(r);
      return true;
    } catch {
      problems.push(`supervision ${r.id} would be a second record for the same supervisor, supervisee and day; left out`);
      return false;
    }
  },
  deleted: ({ db }, key) => db.prepare('DELETE FROM supervision_log WHERE id = ?').run(key).changes > 0,
});
