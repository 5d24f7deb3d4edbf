import { checkCadence } from '../../../domain/outbox/schedule';
import type { OutboxPlan } from '../../../domain/outbox/types';
import { checkWorkingHours } from '../../../domain/outbox/workingHours';
import { str, type Fields, type Parsed } from './fields';
import { notes, phcId, text } from './spec';
import { defineList } from './types';

/**
 * Each cycle's message plan (the reminder days and working hours, fixed when its messages
 * were first queued), so a new instance sends what is left of the cycle's messages on the
 * same plan. One item per cycle.
 */
export interface MessagePlanRow {
  cycle_id: string;
  plan: string;
}

export function messagePlanFields(row: MessagePlanRow): Fields {
  return { Title: `Messages of ${row.cycle_id}`, PhcId: row.cycle_id, CycleId: row.cycle_id, Plan: row.plan };
}

export function parseMessagePlan(fields: Fields): Parsed<MessagePlanRow> {
  const cycleId = str(fields.CycleId);
  const json = str(fields.Plan);
  if (!cycleId || !json || str(fields.PhcId) !== cycleId) return { ok: false, problem: `a message plan item is missing its cycle or plan` };
  let plan: OutboxPlan;
  try {
    plan = JSON.parse(json) as OutboxPlan;
  } catch {
    return { ok: false, problem: `the message plan of cycle ${cycleId} is not readable JSON` };
  }
  const problem =
    typeof plan !== 'object' || plan === null || typeof plan.cadence !== 'object' || plan.workingHours === undefined
      ? 'has no reminder days or working hours'
      : (checkCadence(plan.cadence) ?? (plan.workingHours ? checkWorkingHours(plan.workingHours) : undefined));
  if (problem) return { ok: false, problem: `the message plan of cycle ${cycleId}: ${problem}` };
  return { ok: true, row: { cycle_id: cycleId, plan: JSON.stringify(plan) } };
}

export const messagePlans = defineList({
  spec: {
    name: 'messagePlans',
    displayName: 'PHC Message Plans',
    purpose: "each cycle's reminder days and working hours, fixed when its messages were queued",
    columns: [phcId, text('CycleId', 'Cycle', { indexed: true }), notes('Plan', 'Plan (JSON)')],
  },
  heldInGroups: false,
  // A record the app deletes (at the end of its retention) goes from SharePoint too.
  deletedWithTheApp: true,
  fullReadRemovesUnseen: false,
  localKeysSql: 'SELECT cycle_id AS item_key, cycle_id FROM outbox_plans',
  reader(db) {
    const get = db.prepare('SELECT cycle_id, plan FROM outbox_plans WHERE cycle_id = ?');
    return (key) => {
      const row = get.get(key) as MessagePlanRow | undefined;
      return row && messagePlanFields(row);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM outbox_plans WHERE cycle_id = ?').get(key) !== undefined,
  parse: parseMessagePlan,
  /** Taken when the app has none; fixed once queued, so a change in SharePoint is refused and the app's written back. */
  apply({ db, problems, restore }, p) {
    const local = db.prepare('SELECT plan FROM outbox_plans WHERE cycle_id = ?').pluck().get(p.cycle_id) as string | undefined;
    if (local !== undefined) {
      if (JSON.stringify(JSON.parse(local)) !== p.plan)
        problems.push(restore(p.cycle_id, `the message plan of cycle ${p.cycle_id} was changed in SharePoint, but it is fixed once the messages are queued`));
      return false;
    }
    if (!db.prepare('SELECT 1 FROM cycles WHERE id = ?').get(p.cycle_id)) {
      problems.push(`the message plan of cycle ${p.cycle_id}, which is not known here; left out`);
      return false;
    }
    db.prepare('INSERT INTO outbox_plans (cycle_id, plan) VALUES (?, ?)').run(p.cycle_id, p.plan);
    return true;
  },
  deleted({ problems }, key) {
    problems.push(`the message plan of cycle ${key} was deleted in SharePoint; kept here`);
    return false;
  },
});
