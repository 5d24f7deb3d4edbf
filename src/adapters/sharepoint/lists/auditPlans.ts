import { isCalendarDate } from '../../../domain/audit/forms/validate';
import { fromSharePointDate, int, missingOf, str, toSharePointDate, type Fields, type Parsed } from './fields';
import { date, number, phcId, text } from './spec';
import { defineList } from './types';

/**
 * How each council year's audits were planned: the seed the due dates were spread with (fixed
 * the first time a year is planned) and the hash of the rules in force, so a new instance
 * re-plans the same year the same way and the supervision samples drawn from the seed can be
 * reproduced.
 */
export interface AuditPlanRow {
  year: number;
  seed: number;
  rules_hash: string;
  planned_on: string;
}

const COLUMNS = 'year, seed, rules_hash, planned_on';

export function auditPlanFields(row: AuditPlanRow): Fields {
  return {
    Title: `Audit plan ${row.year}/${String((row.year + 1) % 100).padStart(2, '0')}`,
    PhcId: String(row.year),
    Year: row.year,
    Seed: row.seed,
    RulesHash: row.rules_hash,
    PlannedOn: toSharePointDate(row.planned_on),
  };
}

export function parseAuditPlan(fields: Fields): Parsed<AuditPlanRow> {
  const planned = fromSharePointDate(fields.PlannedOn);
  const row = { year: int(fields.Year), seed: int(fields.Seed), rules_hash: str(fields.RulesHash), planned_on: planned !== undefined && isCalendarDate(planned) ? planned : undefined };
  const missing = missingOf(row);
  if (missing.length > 0) return { ok: false, problem: `an audit plan item is missing or has unreadable ${missing.join(', ')}` };
  const { year, seed } = row as AuditPlanRow;
  if (str(fields.PhcId) !== String(year)) return { ok: false, problem: `audit plan ${String(fields.PhcId)} is not the plan of the year it names (${year})` };
  if (year < 2000 || year > 2999) return { ok: false, problem: `audit plan ${year} is not of a year the app plans` };
  if (seed < 0 || seed > 0xffffffff) return { ok: false, problem: `audit plan ${year} has a seed outside 0 to 4294967295` };
  return { ok: true, row: row as AuditPlanRow };
}

export const auditPlans = defineList({
  spec: {
    name: 'auditPlans',
    displayName: 'PHC Audit Plans',
    purpose: "each council year's audit plan: the seed its due dates were spread with and the hash of its rules, so it can be reproduced",
    columns: [phcId, number('Year', 'Council year', { indexed: true }), number('Seed', 'Seed'), text('RulesHash', 'Rules (hash)'), date('PlannedOn', 'Last planned on')],
  },
  heldInGroups: false,
  // A record the app deletes (at the end of its retention) goes from SharePoint too.
  deletedWithTheApp: true,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT CAST(year AS TEXT) AS item_key, '' AS cycle_id FROM audit_plans",
  reader(db) {
    const get = db.prepare(`SELECT ${COLUMNS} FROM audit_plans WHERE year = ?`);
    return (key) => {
      const row = get.get(Number(key)) as AuditPlanRow | undefined;
      return row && auditPlanFields(row);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM audit_plans WHERE year = ?').get(Number(key)) !== undefined,
  parse: parseAuditPlan,
  /**
   * A plan the app does not have is taken (a new instance reading its records back). The seed
   * is fixed once a year is planned: a different one is refused and the app's written back.
   * A later planning's rules and day are taken.
   */
  apply({ db, problems, restore }, p) {
    const local = db.prepare(`SELECT ${COLUMNS} FROM audit_plans WHERE year = ?`).get(p.year) as AuditPlanRow | undefined;
    if (!local) {
      db.prepare(`INSERT INTO audit_plans (${COLUMNS}) VALUES (@year, @seed, @rules_hash, @planned_on)`).run(p);
      return true;
    }
    if (local.seed !== p.seed) {
      problems.push(restore(String(p.year), `audit plan ${p.year} had its seed changed in SharePoint, which would re-plan the year differently`));
      return false;
    }
    if (local.rules_hash === p.rules_hash && local.planned_on === p.planned_on) return false;
    db.prepare('UPDATE audit_plans SET rules_hash = @rules_hash, planned_on = @planned_on WHERE year = @year').run(p);
    return true;
  },
  deleted({ problems }, key) {
    problems.push(`audit plan ${key} was deleted in SharePoint; kept here, as its seed is needed to reproduce the year's plan`);
    return false;
  },
});
