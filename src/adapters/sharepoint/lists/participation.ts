import { str, type Fields, type Parsed } from './fields';
import { choice, phcId, text } from './spec';
import { defineList } from './types';

/**
 * Who has answered, as keyed hashes (an HMAC of the person with the cycle's secret), for
 * reminders and one response per person. Only a submission leaves the server: a person who
 * has merely started, and every draft, stays here.
 */
export interface ParticipationRow {
  cycle_id: string;
  key: string;
}

export function participationFields(cycleId: string, participationKey: string): Fields {
  return { Title: 'Submitted', PhcId: `${cycleId}:${participationKey}`, CycleId: cycleId, ParticipationKey: participationKey, Status: 'submitted' };
}

/** A participation record's key in SharePoint is `cycle:participation key`. */
export function splitParticipation(key: string): { cycleId: string; participationKey: string } {
  const at = key.lastIndexOf(':');
  return { cycleId: key.slice(0, at), participationKey: key.slice(at + 1) };
}

export function parseParticipation(fields: Fields): Parsed<ParticipationRow> {
  const cycleId = str(fields.CycleId);
  const key = str(fields.ParticipationKey);
  if (!cycleId || !key) return { ok: false, problem: 'a participation item is missing its cycle or key' };
  if (fields.Status !== 'submitted') return { ok: false, problem: `participation ${cycleId}:${key} is not marked submitted` };
  return { ok: true, row: { cycle_id: cycleId, key } };
}

export const participation = defineList({
  spec: {
    name: 'participation',
    displayName: 'PHC Participation',
    purpose: 'who has answered, as keyed hashes, for reminders and one response per person',
    columns: [phcId, text('CycleId', 'Cycle', { indexed: true, required: true }), text('ParticipationKey', 'Participation key'), choice('Status', 'Status', ['started', 'submitted'])],
  },
  heldInGroups: true,
  deletedWithTheApp: false,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT cycle_id || ':' || key AS item_key, cycle_id FROM participation WHERE status = 'submitted'",
  reader(db) {
    const status = db.prepare('SELECT status FROM participation WHERE cycle_id = ? AND key = ?').pluck();
    return (key) => {
      const { cycleId, participationKey } = splitParticipation(key);
      return status.get(cycleId, participationKey) === 'submitted' ? participationFields(cycleId, participationKey) : undefined;
    };
  },
  has(db, key) {
    const { cycleId, participationKey } = splitParticipation(key);
    return db.prepare("SELECT 1 FROM participation WHERE cycle_id = ? AND key = ? AND status = 'submitted'").get(cycleId, participationKey) !== undefined;
  },
  parse: parseParticipation,
  apply({ db, problems }, p) {
    if (!db.prepare('SELECT 1 FROM cycles WHERE id = ?').get(p.cycle_id)) {
      problems.push(`participation in cycle ${p.cycle_id}, which is not known here; left out`);
      return false;
    }
    db.prepare("INSERT INTO participation (cycle_id, key, status) VALUES (?, ?, 'submitted') ON CONFLICT (cycle_id, key) DO UPDATE SET status = 'submitted'").run(p.cycle_id, p.key);
    db.prepare('DELETE FROM drafts WHERE cycle_id = ? AND key = ?').run(p.cycle_id, p.key);
    return true;
  },
  deleted({ db, problems }, key) {
    const { cycleId, participationKey } = splitParticipation(key);
    // A closed cycle can no longer be answered: the council's retention in SharePoint is followed.
    if (db.prepare("SELECT 1 FROM cycles WHERE id = ? AND status = 'closed'").get(cycleId) !== undefined) {
      return db.prepare('DELETE FROM participation WHERE cycle_id = ? AND key = ?').run(cycleId, participationKey).changes > 0;
    }
    // While it is open, deleting it here would let someone answer twice.
    problems.push(`a participation record of cycle ${cycleId} was deleted in SharePoint; kept here while the cycle is open, so nobody can answer twice`);
    return false;
  },
});
