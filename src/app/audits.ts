import { createHash, randomInt } from 'node:crypto';
import { compliance, type Compliance } from '../domain/audit/compliance';
import { councilYearOf } from '../domain/audit/plan/calendar';
import { planYearWithFindings, type PlanFinding } from '../domain/audit/plan/plan';
import { type AuditActivityId, type AuditPlanRules, DEFAULT_AUDIT_RULES } from '../domain/audit/plan/rules';
import { addDays } from '../domain/audit/plan/calendar';
import { drawSupervisionAuditSample, isSampledAudit, SAMPLE_LEAD_DAYS, SAMPLE_LOOKBACK_DAYS, type SupervisionAuditSample } from '../domain/audit/plan/sampling';
import { subjectKey, type AuditTaskId } from '../domain/audit/plan/task';
import type { AuditTaskRecord } from '../domain/audit/compliance';
import type { Organisation, Person } from '../domain/organisation/types';
import { asIsoDate, dateOf, isoDateProblem, type IsoDate } from '../domain/shared/brand';
import { allAuditTasks, type AuditTaskStore } from '../ports/audits';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import { allSupervisionRecords, type SupervisionLogStore } from '../ports/supervisionLog';
import type { SupervisionSampleStore } from '../ports/supervisionSamples';
import type { ReportSettingsStore } from '../ports/reportSettings';
import { StoreError } from '../ports/stores';
import { checkRulesChange, describeRulesChange, planDifference, tasksToReissue, type ActivityDifference } from '../domain/audit/plan/ruleChanges';
import type { AuditTask } from '../domain/audit/plan/task';
import { FieldsRefused } from './frameworkErrors';
import { UserFacingError } from './errors';

/** Where the PSW's changes to the annual audit plan's rules are kept (as the change, applied to Appendix 6 each time). */
export const AUDIT_RULES_KEY = 'audit-plan-rules';

/** What a change of the rules would do to a year's plan, before it is saved (or what it did). */
export interface RulesPreview {
  readonly year: number;
  /** The change in words, e.g. "Practice standards audit: twice a year → once a year". */
  readonly changes: readonly string[];
  readonly byActivity: readonly ActivityDifference[];
  /** What planning with them could not do that planning with the rules in force could, in words. */
  readonly findings: readonly string[];
}

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
  /** Staff supervision audit samples (when the service has the supervision log): drawn by this planning, and kept in all for the year. */
  readonly samples?: { readonly drawnNow: number; readonly kept: number; readonly superviseesWithoutRecords: number };
}

/** A staff supervision audit task and its sample, for `phc audits sample` and the bot. */
export interface SampledAudit {
  readonly task: Pick<AuditTaskRecord, 'id' | 'auditorId' | 'due' | 'status'>;
  readonly sample: SupervisionAuditSample;
}

export interface SampleReport {
  readonly year: number;
  /** The year's recorded plan seed, from which each sample's seed is derived. */
  readonly planSeed: number;
  readonly today: IsoDate;
  readonly drawnNow: number;
  readonly sampled: readonly SampledAudit[];
  /** Staff supervision audits still to do whose sample is not drawn yet: it is drawn when they fall due within SAMPLE_LEAD_DAYS. */
  readonly waiting: readonly Pick<AuditTaskRecord, 'id' | 'auditorId' | 'due' | 'subject'>[];
}

export interface AuditServiceOptions {
  /** Fixed rules (tests); otherwise Appendix 6 with the PSW's stored changes (`settings`). */
  readonly rules?: AuditPlanRules;
  /** Where the PSW's changes to the rules are kept. */
  readonly settings?: ReportSettingsStore;
  /** A new seed the first time a year is planned; random unless a test passes one. */
  readonly newSeed?: () => number;
  /**
   * The stored supervision log and where samples are kept. With them, planning (and
   * `samples`) draws each staff supervision audit's sample from the log when it falls due.
   */
  readonly sampling?: { readonly log: SupervisionLogStore; readonly samples: SupervisionSampleStore };
}

/** A short, stable fingerprint of the rules, recorded with each planning. */
export function rulesHash(rules: AuditPlanRules): string {
  return createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 16);
}

/** The audit programme's use cases: plan a year from the directory, and report compliance. */
export class AuditService {
  private readonly fixedRules: AuditPlanRules | undefined;
  private readonly settings: ReportSettingsStore | undefined;
  private readonly newSeed: () => number;
  private readonly sampling: AuditServiceOptions['sampling'];

  constructor(
    private readonly store: AuditTaskStore,
    private readonly directory: Directory,
    private readonly clock: Clock,
    options: AuditServiceOptions = {},
  ) {
    this.fixedRules = options.rules;
    this.settings = options.settings;
    this.newSeed = options.newSeed ?? (() => randomInt(0, 2 ** 32 - 1));
    this.sampling = options.sampling;
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
    if (organisation.people.length === 0)
      throw new UserFacingError('There is nobody in the directory, so there is nothing to plan. Set PHC_DEMO=on for the demo organisation, or import the organisation first.');
    const meta = await this.store.planMeta(planYear);
    const seed = meta?.seed ?? this.newSeed();
    const existing = await allAuditTasks(this.store, planYear);
    const rules = await this.rules();
    const { tasks, findings } = planYearWithFindings({ rules, organisation, year: planYear, seed, existing, today });
    await this.store.putPlan(
      planYear,
      // Completed tasks are records the store already keeps as they are; it refuses them "arriving" with a plan.
      tasks.filter((t) => t.year === planYear && t.status !== 'completed'),
      { seed, rulesHash: rulesHash(rules), plannedOn: today },
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
    const byActivity = rules.rules.map((r) => ({ activity: r.activity, title: r.title, tasks: live.filter((t) => t.activity === r.activity).length }));
    if (!this.sampling) return { year: planYear, seed, added, cancelled, kept, byActivity, findings };
    const stored = await allAuditTasks(this.store, planYear);
    const drawn = await this.drawDue(stored, seed, organisation, today);
    const all = await this.sampling.samples.listYear(planYear);
    const samples = { drawnNow: drawn, kept: all.length, superviseesWithoutRecords: all.reduce((n, s) => n + s.withoutRecords.length, 0) };
    return { year: planYear, seed, added, cancelled, kept, byActivity, findings, samples };
  }

  /**
   * The staff supervision audit samples of a year: draws those now due (within
   * SAMPLE_LEAD_DAYS, or overdue) and not drawn yet, and with `taskId` that task's now,
   * whenever it is due. A sample once drawn is kept as it is: drawing again changes nothing.
   */
  async samples(year?: number, taskId?: string): Promise<SampleReport> {
    const sampling = this.requireSampling();
    const sampleYear = this.yearOf(year);
    const meta = await this.store.planMeta(sampleYear);
    if (!meta) throw new UserFacingError(`The audits of ${sampleYear} have not been planned yet, so there is nothing to sample. Run "phc audits plan --year ${sampleYear}" first.`);
    const today = this.today();
    const tasks = await allAuditTasks(this.store, sampleYear);
    const organisation = await this.directory.organisation();
    let drawnNow = await this.drawDue(tasks, meta.seed, organisation, today);
    if (taskId !== undefined) {
      const task = tasks.find((t) => t.id === taskId);
      if (!task) throw new UserFacingError(`There is no audit task "${taskId}" in ${sampleYear}. "phc audits sample --json" lists the staff supervision audits.`);
      if (!isSampledAudit(task)) throw new UserFacingError(`${taskId} is not a staff supervision audit: only those have a sample of supervision records.`);
      if (!(await sampling.samples.get(task.id))) {
        if (!isLive(task)) throw new UserFacingError(`${taskId} is ${task.status}: a sample is drawn only for an audit still to be done.`);
        drawnNow += await this.drawFor([task], meta.seed, organisation, today);
      }
    }
    const byTask = new Map((await sampling.samples.listYear(sampleYear)).map((s) => [s.taskId as string, s]));
    const supervisionAudits = tasks.filter((t) => isSampledAudit(t));
    const sampled = supervisionAudits.flatMap((t) => {
      const sample = byTask.get(t.id);
      return sample ? [{ task: { id: t.id, auditorId: t.auditorId, due: t.due, status: t.status }, sample }] : [];
    });
    const waiting = supervisionAudits.filter((t) => isLive(t) && !byTask.has(t.id)).map((t) => ({ id: t.id, auditorId: t.auditorId, due: t.due, subject: t.subject }));
    return { year: sampleYear, planSeed: meta.seed, today, drawnNow, sampled, waiting };
  }

  /** What has been sampled for a year, without drawing anything: for `phc audits status`. Undefined without the supervision log or a plan. */
  async sampleSummary(year?: number): Promise<{ readonly drawn: number; readonly superviseesWithoutRecords: number; readonly stillToDraw: number } | undefined> {
    if (!this.sampling) return undefined;
    const sampleYear = this.yearOf(year);
    if (!(await this.store.planMeta(sampleYear))) return undefined;
    const [samples, tasks] = await Promise.all([this.sampling.samples.listYear(sampleYear), allAuditTasks(this.store, sampleYear)]);
    const drawn = new Set(samples.map((s) => s.taskId as string));
    return {
      drawn: samples.length,
      superviseesWithoutRecords: samples.reduce((n, s) => n + s.withoutRecords.length, 0),
      stillToDraw: tasks.filter((t) => isSampledAudit(t) && isLive(t) && !drawn.has(t.id)).length,
    };
  }

  /**
   * Draws the samples now due (within SAMPLE_LEAD_DAYS, or overdue) of the years given, on
   * the server's schedule, so the auditor finds the sample ready when reminded. Years not
   * planned are skipped; returns how many were drawn.
   */
  async drawDueSamples(years: readonly number[]): Promise<number> {
    this.requireSampling();
    const today = this.today();
    let organisation: Organisation | undefined;
    let drawn = 0;
    for (const year of years) {
      const meta = await this.store.planMeta(year);
      if (!meta) continue;
      organisation ??= await this.directory.organisation();
      drawn += await this.drawDue(await allAuditTasks(this.store, year), meta.seed, organisation, today);
    }
    return drawn;
  }

  /** A staff supervision audit's sample, drawn now if it has none yet (for the auditor opening the form). */
  async sampleFor(taskId: AuditTaskId): Promise<SupervisionAuditSample | undefined> {
    const sampling = this.requireSampling();
    const existing = await sampling.samples.get(taskId);
    if (existing) return existing;
    const task = await this.store.get(taskId);
    if (!task || !isSampledAudit(task) || !isLive(task)) return undefined;
    const meta = await this.store.planMeta(task.year);
    if (!meta) return undefined;
    await this.drawFor([task], meta.seed, await this.directory.organisation(), this.today());
    return sampling.samples.get(taskId);
  }

  private requireSampling(): NonNullable<AuditServiceOptions['sampling']> {
    if (!this.sampling) throw new Error('AuditService was built without the supervision log, so it cannot sample.');
    return this.sampling;
  }

  /** Draws the samples of live staff supervision audits due within SAMPLE_LEAD_DAYS that have none; returns how many were drawn. */
  private async drawDue(tasks: readonly AuditTaskRecord[], planSeed: number, organisation: Organisation, today: IsoDate): Promise<number> {
    const horizon = addDays(today, SAMPLE_LEAD_DAYS);
    return this.drawFor(
      tasks.filter((t) => isSampledAudit(t) && isLive(t) && t.due <= horizon),
      planSeed,
      organisation,
      today,
    );
  }

  private async drawFor(tasks: readonly AuditTaskRecord[], planSeed: number, organisation: Organisation, today: IsoDate): Promise<number> {
    const sampling = this.requireSampling();
    const missing: AuditTaskRecord[] = [];
    for (const t of tasks) if (!(await sampling.samples.get(t.id))) missing.push(t);
    if (missing.length === 0) return 0;
    // The pool is the stored log: every session recorded in the year before today.
    const log = await allSupervisionRecords(sampling.log, { start: addDays(today, -SAMPLE_LOOKBACK_DAYS), end: today });
    let drawn = 0;
    for (const task of missing) {
      const { created } = await sampling.samples.keep(drawSupervisionAuditSample({ task, organisation, log, planSeed, drawnOn: today }));
      if (created) drawn++;
    }
    return drawn;
  }

  /** Compliance for a year, as of today (or the day given). */
  async status(year?: number, today?: string): Promise<Compliance> {
    const asOf = today === undefined ? this.today() : checkedDate(today);
    const statusYear = year === undefined ? councilYearOf(asOf) : this.yearOf(year);
    const [tasks, organisation, leavers] = await Promise.all([allAuditTasks(this.store, statusYear), this.directory.organisation(), this.directory.leavers?.() ?? []]);
    return compliance(tasks, asOf, { organisation: withLeavers(organisation, leavers), rules: await this.rules() });
  }

  /** The rules in force: fixed ones (tests), or Appendix 6 with the PSW's stored change (a change that no longer fits is ignored). */
  async rules(): Promise<AuditPlanRules> {
    if (this.fixedRules) return this.fixedRules;
    const stored = await this.settings?.get(AUDIT_RULES_KEY);
    if (stored === undefined || stored === null) return DEFAULT_AUDIT_RULES;
    const checked = checkRulesChange(stored, DEFAULT_AUDIT_RULES);
    return checked.ok ? checked.value : DEFAULT_AUDIT_RULES;
  }

  /** Whether the PSW has changed Appendix 6's rules. */
  async rulesChanged(): Promise<boolean> {
    return !this.fixedRules && (await this.settings?.get(AUDIT_RULES_KEY)) !== undefined && JSON.stringify(await this.rules()) !== JSON.stringify(DEFAULT_AUDIT_RULES);
  }

  /** What saving this change of the rules would do to the year's plan; nothing is stored. */
  async previewRules(change: unknown, year?: number): Promise<RulesPreview> {
    return (await this.rulesOutcome(change, year)).preview;
  }

  /**
   * Saves the change and plans the year again with it: planned audits now outside their
   * months are planned again within them; audits begun or done stay as they are. Returns what
   * it did, as the preview said.
   */
  async saveRules(change: unknown, year?: number): Promise<RulesPreview> {
    if (this.fixedRules || !this.settings) throw new Error('AuditService was built with fixed rules, so they cannot be changed.');
    const { preview, stored, moving } = await this.rulesOutcome(change, year);
    await this.settings.set(AUDIT_RULES_KEY, stored);
    const today = this.today();
    for (const task of moving) {
      try {
        await this.store.setStatus(task.id, 'cancelled', today, 'no-longer-required');
      } catch (error) {
        // Begun meanwhile: it keeps its date, as a begun audit does.
        if (!(error instanceof StoreError)) throw error;
      }
    }
    if (await this.store.planMeta(preview.year)) await this.plan(preview.year);
    return preview;
  }

  /** Back to Appendix 6 as the framework states it. */
  async resetRules(): Promise<void> {
    if (this.fixedRules || !this.settings) throw new Error('AuditService was built with fixed rules, so they cannot be changed.');
    await this.settings.remove(AUDIT_RULES_KEY);
  }

  private async rulesOutcome(change: unknown, year?: number): Promise<{ readonly preview: RulesPreview; readonly stored: unknown; readonly moving: readonly AuditTask[] }> {
    const before = await this.rules();
    const checked = checkRulesChange(change, before);
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    const after = checked.value;
    const planYear = this.yearOf(year);
    const today = this.today();
    const existing = await allAuditTasks(this.store, planYear);
    const meta = await this.store.planMeta(planYear);
    const moving = tasksToReissue(before, after, existing, planYear);
    const organisation = await this.directory.organisation();
    const nameOf = (id: string): string => organisation.people.find((p) => p.id === id)?.displayName ?? id;
    let byActivity: ActivityDifference[] = after.rules.map((r) => ({ activity: r.activity, title: r.title, added: 0, cancelled: 0, moved: 0, kept: 0 }));
    let findings: string[] = [];
    if (meta && organisation.people.length > 0) {
      const marked = existing.map((t) => (moving.some((m) => m.id === t.id) ? { ...t, status: 'cancelled' as const, cancelledReason: 'no-longer-required' as const } : t));
      const planned = planYearWithFindings({ rules: after, organisation, year: planYear, seed: meta.seed, existing: marked, today });
      byActivity = planDifference(existing, planned.tasks, after);
      // Only what the change brings: what planning could not do under the rules in force already is not news.
      const already = new Set(planYearWithFindings({ rules: before, organisation, year: planYear, seed: meta.seed, existing, today }).findings.map((f) => describeFinding(f, nameOf, before)));
      findings = planned.findings.map((f) => describeFinding(f, nameOf, after)).filter((f) => !already.has(f));
    }
    // Kept as the change from Appendix 6, so a later version's Appendix 6 still applies underneath.
    const stored = {
      rules: after.rules.map((r) => ({ activity: r.activity, frequency: r.frequency, window: r.window, ...(r.lead.kind === 'role' ? { leadRole: r.lead.role } : {}) })),
      maxDuePerAuditorPerWeek: after.maxDuePerAuditorPerWeek,
      closedDays: after.closedDays ?? [],
    };
    return { preview: { year: planYear, changes: describeRulesChange(before, after), byActivity, findings }, stored, moving };
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

const isLive = (t: Pick<AuditTaskRecord, 'status'>): boolean => t.status === 'planned' || t.status === 'in-progress';

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
  const problem = isoDateProblem(value);
  if (problem === undefined) return asIsoDate(value);
  throw new UserFacingError(`"${value}" ${problem}.`);
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
