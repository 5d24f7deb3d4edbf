import type { OrgMeasures } from '../../domain/orgData/measures';
import { asUserId } from '../../domain/shared/brand';
import type { OrgDataReturn, OrgDataReturnStore } from '../../ports/orgData';
import { checkDate } from './codec';
import { writeTransaction, type Db } from './database';

interface Row {
  readonly cycle_id: string;
  readonly team_id: string;
  readonly submitted_by: string;
  readonly submitted_on: string;
  readonly measures: string;
}

const toReturn = (r: Row): OrgDataReturn => ({
  cycleId: r.cycle_id,
  teamId: r.team_id,
  submittedBy: asUserId(r.submitted_by),
  submittedOn: checkDate(r.submitted_on, 'submitted date'),
  measures: JSON.parse(r.measures) as OrgMeasures,
});

/** Teams' 39-steps returns (`org_returns`), one per team per cycle. */
export function sqliteOrgDataReturnStore(db: Db): OrgDataReturnStore {
  const exists = db.prepare('SELECT 1 FROM org_returns WHERE cycle_id = ? AND team_id = ?').pluck();
  const upsert = db.prepare(`
    INSERT INTO org_returns (cycle_id, team_id, submitted_by, submitted_on, measures) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (cycle_id, team_id) DO UPDATE SET submitted_by = excluded.submitted_by, submitted_on = excluded.submitted_on, measures = excluded.measures`);
  const byCycle = db.prepare('SELECT * FROM org_returns WHERE cycle_id = ? ORDER BY team_id');
  const byTeam = db.prepare('SELECT * FROM org_returns WHERE team_id = ? ORDER BY submitted_on, cycle_id');
  return {
    async put(r: OrgDataReturn) {
      const day = checkDate(r.submittedOn, 'submitted date');
      return writeTransaction(db, () => {
        const replaced = exists.get(r.cycleId, r.teamId) !== undefined;
        upsert.run(r.cycleId, r.teamId, r.submittedBy, day, JSON.stringify(r.measures));
        return { replaced };
      });
    },
    async forCycle(cycleId: string) {
      return (byCycle.all(cycleId) as Row[]).map(toReturn);
    },
    async forTeam(teamId: string) {
      return (byTeam.all(teamId) as Row[]).map(toReturn);
    },
  };
}
