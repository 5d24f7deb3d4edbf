import { randomBytes } from 'node:crypto';
import { describePeriod, dueOnOrBefore, RECORD_TYPES, type HoldScope, type RecordType, type RetentionSchedule } from '../domain/dataProtection/retention';
import { dateOf, type IsoDate } from '../domain/shared/brand';
import type { Clock } from '../ports/clock';
import type { Cutoffs, DisposalLogLine, DisposalOutcome, Hold, RetentionStore } from '../ports/retention';
import type { CloseOutReport, CloseOutService } from './closeOut';
import type { CycleService } from './cycles';
import { UserFacingError } from './errors';

export interface ScheduleLine {
  readonly type: RecordType;
  readonly label: string;
  readonly covers: string;
  readonly period: string;
  readonly from: string;
  readonly basis: string;
  /** The council's own period (PHC_RETENTION) rather than the default. */
  readonly overridden: boolean;
  readonly disposal: 'deleted' | 'pseudonymised';
  /** Records counted from this day or earlier are due today. */
  readonly dueOnOrBefore: IsoDate;
}

export interface RetentionStatus {
  readonly today: IsoDate;
  readonly schedule: readonly ScheduleLine[];
  /** What a run would do today. */
  readonly due: DisposalOutcome;
  readonly holds: readonly Hold[];
  readonly log: readonly DisposalLogLine[];
}

export interface RetentionRun {
  readonly today: IsoDate;
  readonly dryRun: boolean;
  /** Closed cycles closed out first (their drafts deleted, their secret destroyed). */
  readonly closedOut: readonly CloseOutReport[];
  readonly outcome: DisposalOutcome;
}

/**
 * Disposal under the retention schedule (UK GDPR Article 5(1)(e)): daily on the server, or
 * `phc retention run`. Closed cycles are closed out first, since a cycle's answers can only go
 * once its figures are kept. Legal holds keep what they cover; the log keeps counts only.
 */
export class RetentionService {
  constructor(
    private readonly deps: {
      readonly store: RetentionStore;
      readonly schedule: RetentionSchedule;
      readonly closeOut: CloseOutService;
      readonly cycles: CycleService;
      readonly clock: Clock;
    },
  ) {}

  get schedule(): RetentionSchedule {
    return this.deps.schedule;
  }

  private today(): IsoDate {
    return dateOf(this.deps.clock.now());
  }

  cutoffs(today: IsoDate = this.today()): Cutoffs {
    const out = {} as Record<RecordType, IsoDate>;
    for (const type of RECORD_TYPES) out[type] = dueOnOrBefore(today, this.deps.schedule[type].period);
    return out;
  }

  async status(): Promise<RetentionStatus> {
    const today = this.today();
    const cutoffs = this.cutoffs(today);
    const schedule = RECORD_TYPES.map((type): ScheduleLine => {
      const rule = this.deps.schedule[type];
      return {
        type,
        label: rule.label,
        covers: rule.covers,
        period: describePeriod(rule.period),
        from: rule.from,
        basis: rule.basis,
        overridden: rule.overridden,
        disposal: rule.disposal,
        dueOnOrBefore: cutoffs[type],
      };
    });
    return { today, schedule, due: await this.deps.store.due(cutoffs, today), holds: await this.deps.store.holds(), log: await this.deps.store.disposalLog(60) };
  }

  async run(options: { readonly dryRun?: boolean } = {}): Promise<RetentionRun> {
    const today = this.today();
    const dryRun = options.dryRun ?? false;
    const cutoffs = this.cutoffs(today);
    const closedOut = dryRun ? [] : await this.deps.closeOut.closeOutAll(await this.deps.cycles.list());
    const outcome = dryRun ? await this.deps.store.due(cutoffs, today) : await this.deps.store.dispose(cutoffs, today);
    return { today, dryRun, closedOut, outcome };
  }

  async placeHold(scope: HoldScope, reason: string, placedBy: string): Promise<Hold> {
    const why = reason.trim();
    if (why === '' || why.length > 500) throw new UserFacingError('Say why the records are held (up to 500 characters), e.g. "employment tribunal claim, ref 1234".');
    const hold: Hold = { id: `hold-${randomBytes(4).toString('hex')}`, scope, reason: why, placedBy, placedOn: this.today() };
    await this.deps.store.placeHold(hold);
    return hold;
  }

  async liftHold(id: string): Promise<void> {
    if (!(await this.deps.store.liftHold(id))) throw new UserFacingError(`There is no legal hold "${id}". "phc retention status" lists them.`);
  }
}
