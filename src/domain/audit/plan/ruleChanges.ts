import type { FieldError } from '../../actionPlan/validate';
import type { StaffRole } from '../../organisation/types';
import { isoDateProblem } from '../../shared/brand';
import { occurrenceRange } from './calendar';
import type { AuditActivityId, AuditPlanRules, AuditRule, AuditWindow, Month } from './rules';
import { keyOfTask, type AuditTask } from './task';

/**
 * The annual audit plan's rules (Appendix 6) as the PSW changes them in the tab: how often
 * each activity happens, the months it belongs in, who leads an organisational one, the
 * weekly limit per auditor and the days nothing may be due. Who each audit is about and its
 * form stay as the framework says (changing a form under records already made would orphan
 * them). Pure: checking a change, saying it in words, and comparing two plans.
 */

export const FREQUENCIES: readonly AuditRule['frequency'][] = [1, 2, 4];
export const FREQUENCY_WORDS: Readonly<Record<AuditRule['frequency'], string>> = { 1: 'once a year', 2: 'twice a year', 4: 'four times a year' };
export const MONTH_NAMES: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const MAX_WEEKLY_CAP = 10;
export const MAX_CLOSED_DAYS = 60;

/** Roles that may lead an organisational activity. */
export const LEAD_ROLES: readonly StaffRole[] = ['principal-social-worker', 'service-manager', 'team-manager'];

export function windowWords(window: AuditWindow): string {
  if ((window.to % 12) + 1 === window.from) return 'the whole year';
  return window.from === window.to ? MONTH_NAMES[window.from - 1]! : `${MONTH_NAMES[window.from - 1]} – ${MONTH_NAMES[window.to - 1]}`;
}

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

const isMonth = (v: unknown): v is Month => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 12;

/**
 * The rules with the PSW's change applied, or every problem with it by field. Activities not
 * mentioned keep their rule; each rule mentioned may change its frequency, window and (for an
 * activity led by a role) the role.
 */
export function checkRulesChange(input: unknown, base: AuditPlanRules): Checked<AuditPlanRules> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: [{ field: 'rules', message: 'Send the change as an object: rules, maxDuePerAuditorPerWeek, closedDays.' }] };
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (raw.rules === undefined && raw.maxDuePerAuditorPerWeek === undefined && raw.closedDays === undefined)
    return { ok: false, errors: [{ field: 'rules', message: 'Say what to change: the rules, the weekly limit or the closed days.' }] };

  let cap = base.maxDuePerAuditorPerWeek;
  if (raw.maxDuePerAuditorPerWeek !== undefined) {
    const c = raw.maxDuePerAuditorPerWeek;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > MAX_WEEKLY_CAP)
      errors.push({ field: 'maxDuePerAuditorPerWeek', message: `The weekly limit is a whole number of audits from 1 to ${MAX_WEEKLY_CAP}.` });
    else cap = c;
  }

  let closedDays = base.closedDays ?? [];
  if (raw.closedDays !== undefined) {
    const d = raw.closedDays;
    if (!Array.isArray(d) || d.some((x) => typeof x !== 'string')) errors.push({ field: 'closedDays', message: 'List the closed days as dates, e.g. 2026-08-31.' });
    else if (d.length > MAX_CLOSED_DAYS) errors.push({ field: 'closedDays', message: `List at most ${MAX_CLOSED_DAYS} closed days.` });
    else {
      const bad = (d as string[]).map((x) => x.trim()).filter((x) => isoDateProblem(x) !== undefined);
      if (bad.length > 0) errors.push({ field: 'closedDays', message: `${bad.map((x) => `"${x}"`).join(', ')} ${bad.length === 1 ? 'is not a date' : 'are not dates'}: write each as YYYY-MM-DD.` });
      else closedDays = [...new Set((d as string[]).map((x) => x.trim()))].sort();
    }
  }

  const rules = base.rules.map((r) => ({ ...r }));
  if (raw.rules !== undefined) {
    if (!Array.isArray(raw.rules)) errors.push({ field: 'rules', message: 'Send the rules as a list, one per activity.' });
    else {
      raw.rules.forEach((entry: unknown, i) => {
        const e = (typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? entry : {}) as Record<string, unknown>;
        const at = rules.findIndex((r) => r.activity === e.activity);
        const rule = rules[at];
        if (!rule) return void errors.push({ field: `rules.${i}`, message: `Rule ${i + 1}: "${String(e.activity)}" is not an activity of the annual audit plan.` });
        const field = `rules.${rule.activity}`;
        let next: AuditRule = rule;
        if (e.frequency !== undefined) {
          if (!FREQUENCIES.includes(e.frequency as AuditRule['frequency']))
            errors.push({ field: `${field}.frequency`, message: `${rule.title}: how often is once, twice or four times a year (1, 2 or 4).` });
          else next = { ...next, frequency: e.frequency as AuditRule['frequency'] };
        }
        if (e.window !== undefined) {
          const w = (typeof e.window === 'object' && e.window !== null ? e.window : {}) as Record<string, unknown>;
          if (!isMonth(w.from) || !isMonth(w.to)) errors.push({ field: `${field}.window`, message: `${rule.title}: the months are numbers from 1 (January) to 12 (December).` });
          else next = { ...next, window: { from: w.from, to: w.to } };
        }
        if (e.leadRole !== undefined) {
          if (rule.lead.kind !== 'role')
            errors.push({
              field: `${field}.leadRole`,
              message: `${rule.title} is led by each person's ${rule.lead.kind.replace('-', ' ')}, which the directory says; only organisational activities have a lead role to choose.`,
            });
          else if (!LEAD_ROLES.includes(e.leadRole as StaffRole))
            errors.push({ field: `${field}.leadRole`, message: `${rule.title}: the lead is the Principal Social Worker, a service manager or a team manager.` });
          else next = { ...next, lead: { kind: 'role', role: e.leadRole as StaffRole } };
        }
        rules[at] = next;
      });
    }
  }
  for (const rule of rules) {
    const months = ((rule.window.to - rule.window.from + 12) % 12) + 1;
    if (months < rule.frequency)
      errors.push({
        field: `rules.${rule.activity}.window`,
        message: `${rule.title}: ${FREQUENCY_WORDS[rule.frequency]} needs at least ${rule.frequency} months; ${windowWords(rule.window)} has ${months}.`,
      });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { rules, maxDuePerAuditorPerWeek: cap, ...(closedDays.length > 0 ? { closedDays } : {}) } };
}

/** What changed between two sets of rules, in words, e.g. "Practice standards audit: twice a year → once a year". */
export function describeRulesChange(before: AuditPlanRules, after: AuditPlanRules): string[] {
  const out: string[] = [];
  for (const rule of after.rules) {
    const old = before.rules.find((r) => r.activity === rule.activity);
    if (!old) continue;
    if (old.frequency !== rule.frequency) out.push(`${rule.title}: ${FREQUENCY_WORDS[old.frequency]} → ${FREQUENCY_WORDS[rule.frequency]}`);
    if (old.window.from !== rule.window.from || old.window.to !== rule.window.to) out.push(`${rule.title}: ${windowWords(old.window)} → ${windowWords(rule.window)}`);
    if (old.lead.kind === 'role' && rule.lead.kind === 'role' && old.lead.role !== rule.lead.role)
      out.push(`${rule.title}: led by the ${old.lead.role.replace(/-/g, ' ')} → the ${rule.lead.role.replace(/-/g, ' ')}`);
  }
  if (before.maxDuePerAuditorPerWeek !== after.maxDuePerAuditorPerWeek) out.push(`At most ${before.maxDuePerAuditorPerWeek} → ${after.maxDuePerAuditorPerWeek} audits due per auditor per week`);
  const was = new Set(before.closedDays ?? []);
  const now = new Set(after.closedDays ?? []);
  const added = [...now].filter((d) => !was.has(d));
  const removed = [...was].filter((d) => !now.has(d));
  if (added.length > 0) out.push(`Closed days added: ${added.join(', ')}`);
  if (removed.length > 0) out.push(`Closed days removed: ${removed.join(', ')}`);
  return out;
}

/**
 * Planned tasks (not begun) of activities whose months or frequency changed that are now due
 * outside the months their occurrence belongs in: they are cancelled and planned again in the
 * new months. Audits begun or done are never moved.
 */
export function tasksToReissue(before: AuditPlanRules, after: AuditPlanRules, tasks: readonly AuditTask[], year: number): AuditTask[] {
  const changed = new Map<AuditActivityId, AuditRule>();
  for (const rule of after.rules) {
    const old = before.rules.find((r) => r.activity === rule.activity);
    if (old && (old.frequency !== rule.frequency || old.window.from !== rule.window.from || old.window.to !== rule.window.to)) changed.set(rule.activity, rule);
  }
  return tasks.filter((t) => {
    const rule = changed.get(t.activity);
    if (!rule || t.year !== year || t.status !== 'planned' || t.occurrence > rule.frequency) return false;
    const range = occurrenceRange(year, rule.window, rule.frequency, t.occurrence);
    return t.due < range.start || t.due > range.end;
  });
}

export interface ActivityDifference {
  readonly activity: AuditActivityId;
  readonly title: string;
  /** New audits. */
  readonly added: number;
  /** Audits that will no longer happen. */
  readonly cancelled: number;
  /** Planned again with a new due date (cancelled and re-issued). */
  readonly moved: number;
  /** Live before and after, unchanged. */
  readonly kept: number;
}

/** Per activity: what planning `after` instead of `before` adds, cancels, moves and keeps. */
export function planDifference(before: readonly AuditTask[], after: readonly AuditTask[], rules: AuditPlanRules): ActivityDifference[] {
  const was = new Map(before.map((t) => [t.id as string, t]));
  const liveKeysAfter = new Set(after.filter((t) => t.status !== 'cancelled').map(keyOfTask));
  return rules.rules.map((rule) => {
    let added = 0;
    let cancelled = 0;
    let moved = 0;
    let kept = 0;
    for (const t of after.filter((x) => x.activity === rule.activity)) {
      const old = was.get(t.id);
      if (!old) {
        if (t.status === 'cancelled') continue;
        // A key that was live before and is issued again is a move, counted on its cancelled side.
        if (before.some((b) => b.status !== 'cancelled' && keyOfTask(b) === keyOfTask(t))) continue;
        added++;
      } else if (old.status !== 'cancelled' && t.status === 'cancelled') {
        if (liveKeysAfter.has(keyOfTask(t))) moved++;
        else cancelled++;
      } else if (t.status !== 'cancelled') kept++;
    }
    return { activity: rule.activity, title: rule.title, added, cancelled, moved, kept };
  });
}
