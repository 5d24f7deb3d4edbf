import { createHash, randomInt } from 'node:crypto';
import { compliance, type Compliance } from '../domain/audit/compliance';
import { councilYearOf } from '../domain/audit/plan/calendar';
import { planYearWithFindings, type PlanFinding } from '../domain/audit/plan/plan';
import { type AuditActivityId, type AuditPlanRules, DEFAULT_AUDIT_RULES } from '../domain/audit/plan/rules';
import { subjectKey } from '../domain/audit/plan/task';
import type { Organisation, Person } from '../domain/organisation/types';
import { asIsoDate, dateOf, type IsoDate } from '../domain/shared/brand';
import { allAuditTasks, type AuditTaskStore } from '../ports/audits';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import { UserFacingError } from './errors';

/** What planning a year did. */
export interface AuditPlanOutcome {
  readonly year: number;
  readonly seed: number;
  /** Tasks new in this planning. */
  readonly added: number;
  /** Planned tasks this planning cancelled (the person left, or the auditor changed). */
  readonly cancelled: number;
  /** Tasks already stored that stay live (planned, in progress or completed). */
  readonly kept: number;
  /** Live tasks of the year (not cancelled), by activity, every activity of the rules listed. */
  readonly byActivity: readonly { readonly activity: AuditActivityId; readonly title: string; readonly tasks: number }[];
  readonly findings: readonly PlanFinding[];
}

export interface AuditServiceOptions {
  readonly rules?: AuditPlanRules;
  /** A new seed the first time a year is planned; random unless a test passes one. */
  readonly newSeed?: () => number;
}

/** A short, stable fingerprint of the rules, recorded with each planning. */
export function rulesHash(rules: AuditPlanRules): string {
  return createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 16);
}

/** The audit programme's use cases: plan a year from the directory, and report compliance. */
export class AuditService {
  private readonly rules: AuditPlanRules;
  private readonly newSeed: () => number;

  constructor(
    private readonly store: AuditTaskStore,
    private readonly directory: Directory,
    private readonly clock: Clock,
    options: AuditServiceOptions = {},
  ) {
    this.rules = options.rules ?? DEFAULT_AUDIT_RULES;
    this.newSeed = options.newSeed ?? (() => randomInt(0, 2 ** 32 - 1));
  }

  /** Today in the UK. */
  today(): IsoDate {
    return dateOf(this.clock.now());
  }

  /** The council year (April–March) of today, or the year asked for, checked. */
  yearOf(year?: number): number {
    if (year === undefined) return councilYearOf(this.today());
    if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new UserFacingError(`The audit year must be a year such as 2026 (April 2026 – March 2027), not ${String(year)}.`);
    return year;
  }

  /**
   * Plans (or re-plans) a year: safe to run again at any time. The first planning of a year
   * records a new seed; later ones reuse it, so the same organisation gives the same plan.
   */
  async plan(year?: number): Promise<AuditPlanOutcome> {
    const planYear = this.yearOf(year);
    const today = this.today();
    const organisation = await this.directory.organisation();
    if (organisation.people.length === 0) throw new UserFacingError('There is nobody in the directory, so there is nothing to plan. Set PHC_DEMO=on for the demo organisation, or import the organisation first.');
    const meta = await this.store.planMeta(planYear);
    const seed = meta?.seed ?? this.newSeed();
    const existing = await allAuditTasks(this.store, planYear);
    const { tasks, findings } = planYearWithFindings({ rules: this.rules, organisation, year: planYear, seed, existing, today });
    await this.store.putPlan(
      planYear,
      // Completed tasks are records the store already keeps as they are; it refuses them "arriving" with a plan.
      tasks.filter((t) => t.year === planYear && t.status !== 'completed'),
      { seed, rulesHash: rulesHash(this.rules), plannedOn: today },
    );

    const before = new Map(existing.map((t) => [t.id, t]));
    let added = 0;
    let cancelled = 0;
    let kept = 0;
    for (const t of tasks) {
      const previous = before.get(t.id);
      if (previous === undefined) added += t.status === 'cancelled' ? 0 : 1;
      else if (t.status === 'cancelled' && previous.status !== 'cancelled') cancelled += 1;
      else if (t.status !== 'cancelled') kept += 1;
    }
    const live = tasks.filter((t) => t.status !== 'cancelled');
    const byActivity = this.rules.rules.map((r) => ({ activity: r.activity, title: r.title, tasks: live.filter((t) => t.activity === r.activity).length }));
    return { year: planYear, seed, added, cancelled, kept, byActivity, findings };
  }

  /** Compliance for a year, as of today (or the day given). */
  async status(year?: number, today?: string): Promise<Compliance> {
    const asOf = today === undefined ? this.today() : checkedDate(today);
    const statusYear = year === undefined ? councilYearOf(asOf) : this.yearOf(year);
    const [tasks, organisation, leavers] = await Promise.all([allAuditTasks(this.store, statusYear), this.directory.organisation(), this.directory.leavers?.() ?? []]);
    return compliance(tasks, asOf, { organisation: withLeavers(organisation, leavers), rules: this.rules });
  }
}

/**
 * The organisation with its leavers added back under their stored names, marked "(left)", so
 * the audits of someone who has gone (completed, or cancelled when they left) still name them
 * and still count for their old team, rather than showing a bare id.
 */
export function withLeavers(organisation: Organisation, leavers: readonly Person[]): Organisation {
  const present = new Set(organisation.people.map((p) => p.id));
  const gone = leavers.filter((p) => !present.has(p.id)).map((p) => ({ ...p, displayName: `${p.displayName} (left)` }));
  return gone.length === 0 ? organisation : { teams: organisation.teams, people: [...organisation.people, ...gone] };
}

function leadOf(rules: AuditPlanRules, activity: AuditActivityId): string {
  const lead = rules.rules.find((r) => r.activity === activity)?.lead;
  switch (lead?.kind) {
    case 'line-manager':
      return 'line manager for them';
    case 'supervisor':
      return 'supervisor for them';
    case 'team-manager':
      return 'team manager for the team';
    case 'role':
      return lead.role.replace(/-/g, ' ');
    default:
      return 'lead for this audit';
  }
}

function checkedDate(value: string): IsoDate {
  try {
    return asIsoDate(value);
  } catch {
    throw new UserFacingError(`"${value}" is not a date in the form YYYY-MM-DD.`);
  }
}

/** A finding in plain words, with names from the directory where there are any. */
export function describeFinding(finding: PlanFinding, nameOf: (id: string) => string, rules: AuditPlanRules = DEFAULT_AUDIT_RULES): string {
  const title = (a: AuditActivityId) => rules.rules.find((r) => r.activity === a)?.title ?? a;
  switch (finding.kind) {
    case 'no-auditor': {
      const s = finding.subject;
      const who = s.kind === 'person' ? nameOf(s.personId) : s.kind === 'team' ? `team ${s.teamId}` : 'the whole service';
      return `${title(finding.activity)} ${finding.occurrence} for ${who}: nobody in post to carry it out; the directory needs a ${leadOf(rules, finding.activity)}.`;
    }
    case 'window-closed':
      return `${title(finding.activity)} ${finding.occurrence} for ${finding.subject.kind === 'person' ? nameOf(finding.subject.personId) : subjectKey(finding.subject)}: its window has already closed this year, so it is not planned.`;
    case 'over-weekly-cap':
      return `${nameOf(finding.auditorId)} has more audits due in the week of ${finding.week} than the weekly limit (task ${finding.taskId}).`;
  }
}
