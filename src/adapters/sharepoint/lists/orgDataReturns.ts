import { isCalendarDate } from '../../../domain/audit/forms/validate';
import { checkOrgDataReturn } from '../../../domain/orgData/validate';
import { fromSharePointDate, missingOf, str, toSharePointDate, type Fields, type Parsed } from './fields';
import { date, notes, phcId, text } from './spec';
import { defineList } from './types';

/**
 * Each team's 39-steps return for a cycle (the figures a team manager sends from the card), so
 * a new instance has them for the standards and the Quality Report. One item per team per
 * cycle; the figures as one JSON column, checked as the card checks them when read back.
 */
export interface OrgDataReturnRow {
  cycle_id: string;
  team_id: string;
  submitted_by: string;
  submitted_on: string;
  /** JSON object of figures by measure id. */
  measures: string;
}

const COLUMNS = 'cycle_id, team_id, submitted_by, submitted_on, measures';
const keyOf = (cycleId: string, teamId: string) => `${cycleId}:${teamId}`;

/** `cycle:team` → its cycle and team (cycle ids have no colon). */
function split(key: string): { cycleId: string; teamId: string } {
  const at = key.indexOf(':');
  return { cycleId: key.slice(0, at), teamId: key.slice(at + 1) };
}

export function orgDataReturnFields(row: OrgDataReturnRow): Fields {
  return {
    Title: `39 steps: ${row.team_id}`.slice(0, 255),
    PhcId: keyOf(row.cycle_id, row.team_id),
    CycleId: row.cycle_id,
    TeamId: row.team_id,
    SubmittedBy: row.submitted_by,
    SubmittedOn: toSharePointDate(row.submitted_on),
    Measures: row.measures,
  };
}

export function parseOrgDataReturn(fields: Fields): Parsed<OrgDataReturnRow> {
  const day = fromSharePointDate(fields.SubmittedOn);
  const row = {
    cycle_id: str(fields.CycleId),
    team_id: str(fields.TeamId),
    submitted_by: str(fields.SubmittedBy),
    submitted_on: day !== undefined && isCalendarDate(day) ? day : undefined,
    measures: str(fields.Measures),
  };
  const missing = missingOf(row);
  if (missing.length > 0) return { ok: false, problem: `a 39-steps return item is missing or has unreadable ${missing.join(', ')}` };
  const r = row as OrgDataReturnRow;
  if (str(fields.PhcId) !== keyOf(r.cycle_id, r.team_id)) return { ok: false, problem: `39-steps return ${String(fields.PhcId)} does not match its cycle and team` };
  let input: unknown;
  try {
    input = JSON.parse(r.measures);
  } catch {
    return { ok: false, problem: `the 39-steps return of team ${r.team_id} for ${r.cycle_id} has figures that are not readable JSON` };
  }
  const checked = typeof input === 'object' && input !== null && !Array.isArray(input) ? checkOrgDataReturn(input as Record<string, unknown>) : undefined;
  if (!checked?.ok)
    return {
      ok: false,
      problem: `the 39-steps return of team ${r.team_id} for ${r.cycle_id} has figures the return would refuse${checked ? ` (${checked.problems.map((p) => p.message).join('; ')})` : ''}`,
    };
  return { ok: true, row: { ...r, measures: JSON.stringify(checked.measures) } };
}

export const orgDataReturns = defineList({
  spec: {
    name: 'orgDataReturns',
    displayName: 'PHC 39 Steps Returns',
    purpose: "each team's 39-steps return for a cycle: the figures its manager sent",
    columns: [
      phcId,
      text('CycleId', 'Cycle', { indexed: true }),
      text('TeamId', 'Team', { indexed: true }),
      text('SubmittedBy', 'Sent by (Entra id)'),
      date('SubmittedOn', 'Sent on'),
      notes('Measures', 'Figures (JSON)'),
    ],
  },
  heldInGroups: false,
  // A record the app deletes (at the end of its retention) goes from SharePoint too.
  deletedWithTheApp: true,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT cycle_id || ':' || team_id AS item_key, cycle_id FROM org_returns",
  reader(db) {
    const get = db.prepare(`SELECT ${COLUMNS} FROM org_returns WHERE cycle_id = ? AND team_id = ?`);
    return (key) => {
      const { cycleId, teamId } = split(key);
      const row = get.get(cycleId, teamId) as OrgDataReturnRow | undefined;
      return row && orgDataReturnFields(row);
    };
  },
  has(db, key) {
    const { cycleId, teamId } = split(key);
    return db.prepare('SELECT 1 FROM org_returns WHERE cycle_id = ? AND team_id = ?').get(cycleId, teamId) !== undefined;
  },
  parse: parseOrgDataReturn,
  /** A return the app does not have, or a newer one sent to another copy, is taken; the same one is left alone. */
  apply({ db }, r) {
    const local = db.prepare(`SELECT ${COLUMNS} FROM org_returns WHERE cycle_id = ? AND team_id = ?`).get(r.cycle_id, r.team_id) as OrgDataReturnRow | undefined;
    if (local && local.submitted_by === r.submitted_by && local.submitted_on === r.submitted_on && JSON.stringify(JSON.parse(local.measures)) === r.measures) return false;
    db.prepare(
      `INSERT INTO org_returns (${COLUMNS}) VALUES (@cycle_id, @team_id, @submitted_by, @submitted_on, @measures)
       ON CONFLICT (cycle_id, team_id) DO UPDATE SET submitted_by = excluded.submitted_by, submitted_on = excluded.submitted_on, measures = excluded.measures`,
    ).run(r);
    return true;
  },
  deleted({ problems }, key) {
    problems.push(`the 39-steps return ${key} was deleted in SharePoint; kept here (send it again from the card to change it)`);
    return false;
  },
});
