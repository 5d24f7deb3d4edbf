import type { CycleId, IsoDate, ParticipationKey, ResponseId } from '../domain/shared/brand';
import type { PublishedCycle } from '../domain/history/types';
import type { Answers, SurveyId } from '../domain/survey/types';
import type { SecretDestruction } from './secrets';

/**
 * Store ports. Every adapter (SQLite now, SharePoint later) passes the same contract suite
 * in tests/contract. Ports are async because SharePoint is; reads that can grow are paged,
 * because a SharePoint list will not hand back 5,000 items in one go.
 */

export interface PageRequest {
  /** At most this many items; adapters may return fewer. */
  readonly limit: number;
  /** Opaque token from the previous page; absent for the first page. */
  readonly continuation?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Present when there is more to read. */
  readonly continuation?: string;
}

export type CycleStatus = 'draft' | 'open' | 'closed';

/** A survey cycle. `published` cycles are history imported as aggregates only. */
export interface Cycle {
  readonly id: CycleId;
  readonly surveyId: SurveyId;
  readonly surveyVersion: number;
  readonly title: string;
  readonly kind: 'live' | 'published';
  readonly status: CycleStatus;
  readonly opensOn: IsoDate;
  readonly closesOn: IsoDate;
  /** Smallest group whose results may be shown. Fixed once the cycle opens. */
  readonly threshold: number;
  /** Smallest group whose free-text comments may be shown. */
  readonly textThreshold: number;
}

/** A submitted response: answers, cycle and date. Nothing about who sent it. */
export interface StoredResponse {
  readonly id: ResponseId;
  readonly cycleId: CycleId;
  readonly surveyVersion: number;
  readonly submittedOn: IsoDate;
  readonly answers: Answers;
}

export type ParticipationStatus = 'started' | 'submitted';

export interface Draft {
  readonly answers: Answers;
  /** Where the person was, so they resume at the same section. */
  readonly sectionIndex: number;
  readonly savedOn: IsoDate;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'not-found' | 'already-exists' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface CycleStore {
  /** Creates a cycle with its participation secret; `already-exists` if the id is taken. */
  create(cycle: Cycle, participationSecret: Buffer): Promise<void>;
  get(id: CycleId): Promise<Cycle | undefined>;
  /** Newest first by `opensOn`. */
  list(page: PageRequest): Promise<Page<Cycle>>;
  /**
   * Moves a cycle on: draft → open → closed, never back. The threshold cannot change
   * through this call, which is how it stays fixed once open.
   */
  setStatus(id: CycleId, status: CycleStatus): Promise<Cycle>;
  /**
   * The secret behind participation keys, from the secret store (ports/secrets.ts): never in
   * the SQLite file, SharePoint or a log. `not-found` for an unknown cycle, or one whose secret
   * is gone (destroyed, or a vault that never had it).
   */
  participationSecret(id: CycleId): Promise<Buffer>;
  /**
   * Destroys the cycle's participation secret for good (on close or at the end of retention),
   * after which nobody, the app included, can tell whose participation key is whose.
   */
  destroySecret(id: CycleId): Promise<SecretDestruction>;
}

export interface ResponseStore {
  /**
   * Responses in an order that says nothing about when they arrived (adapters must not
   * hand back insertion order).
   */
  list(cycleId: CycleId, page: PageRequest): Promise<Page<StoredResponse>>;
  count(cycleId: CycleId): Promise<number>;
  /**
   * Adds responses from an import (no participation: the people are not known). All or
   * nothing: either every response is stored or none is.
   */
  importMany(cycleId: CycleId, responses: readonly Omit<StoredResponse, 'id' | 'cycleId'>[]): Promise<number>;
}

export interface ParticipationStore {
  /** `undefined` when the person has not started. */
  status(cycleId: CycleId, key: ParticipationKey): Promise<ParticipationStatus | undefined>;
  /** Saves a draft and marks the person started. `conflict` if they have already submitted. */
  saveDraft(cycleId: CycleId, key: ParticipationKey, draft: Draft): Promise<void>;
  getDraft(cycleId: CycleId, key: ParticipationKey): Promise<Draft | undefined>;
  /**
   * In one step: store the response, mark the person submitted, delete their draft.
   * Returns `already-submitted` (and stores nothing) if they had submitted before.
   */
  submit(
    cycleId: CycleId,
    key: ParticipationKey,
    response: Omit<StoredResponse, 'id' | 'cycleId'>,
  ): Promise<'submitted' | 'already-submitted'>;
  /** Keys that have submitted, so reminders can skip them. */
  submittedKeys(cycleId: CycleId, page: PageRequest): Promise<Page<ParticipationKey>>;
  counts(cycleId: CycleId): Promise<{ readonly started: number; readonly submitted: number }>;
}

export interface PublishedResultsStore {
  /** Replaces the published figures of a cycle (idempotent: loading history twice is safe). */
  put(cycle: PublishedCycle): Promise<void>;
  get(id: CycleId): Promise<PublishedCycle | undefined>;
  list(): Promise<readonly PublishedCycle[]>;
}

/** Everything the core needs from storage, chosen in one place by configuration. */
export interface Stores {
  readonly cycles: CycleStore;
  readonly responses: ResponseStore;
  readonly participation: ParticipationStore;
  readonly published: PublishedResultsStore;
  close(): Promise<void>;
}
