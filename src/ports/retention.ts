import type { DisposalCount, HoldScope, RecordType } from '../domain/dataProtection/retention';
import type { IsoDate } from '../domain/shared/brand';

/** For each kind of record, the latest day it may be counted from and still be kept: older is due. */
export type Cutoffs = Readonly<Record<RecordType, IsoDate>>;

export interface Hold {
  readonly id: string;
  readonly scope: HoldScope;
  readonly reason: string;
  readonly placedBy: string;
  readonly placedOn: IsoDate;
}

export interface DisposalLogLine {
  readonly runOn: IsoDate;
  readonly type: RecordType;
  readonly action: 'deleted' | 'pseudonymised' | 'restricted';
  readonly disposed: number;
  readonly held: number;
}

export interface DisposalOutcome {
  /** Per kind of record: how many went (or were pseudonymised), how many a hold kept. */
  readonly counts: readonly DisposalCount[];
  /** Leavers whose messages stopped and whose Teams conversation was forgotten today. */
  readonly restricted: number;
}

/**
 * Disposal under the retention schedule. The store knows where each kind of record lives (and
 * what in SharePoint goes with it); what is due is decided by the cutoffs it is given. Held
 * records are counted, never disposed of. Everything a run does is one transaction per kind
 * of record, and the log gets counts only.
 */
export interface RetentionStore {
  /** What a run would do today: due and held counts, nothing changed. */
  due(cutoffs: Cutoffs, today: IsoDate): Promise<DisposalOutcome>;
  /** Disposes of what is due (not what is held), queues the SharePoint deletions, logs the counts. */
  dispose(cutoffs: Cutoffs, today: IsoDate): Promise<DisposalOutcome>;
  holds(): Promise<readonly Hold[]>;
  placeHold(hold: Hold): Promise<void>;
  /** False when there is no such hold. */
  liftHold(id: string): Promise<boolean>;
  disposalLog(limit: number): Promise<readonly DisposalLogLine[]>;
}

/** A closed cycle as kept once it is closed out: the figures as published, and its final response rate. */
export interface CloseOut {
  readonly closedOutOn: IsoDate;
  /** The results family (whole cycle and every breakdown) as JSON, after the disclosure audit. */
  readonly results: unknown;
  /** The response rate counted at close (the secret that worked it out is gone). */
  readonly responseRate: unknown;
}

export interface CloseOutStore {
  get(cycleId: string): Promise<CloseOut | undefined>;
  /**
   * In one transaction: keeps the cycle's results and response rate, deletes every draft and
   * every "started" participation record (people who never sent), and takes the given About
   * you questions' answers off each stored response. Returns how many drafts went.
   */
  closeOut(cycleId: string, kept: CloseOut, aboutYou: readonly string[]): Promise<{ readonly draftsDeleted: number }>;
}
