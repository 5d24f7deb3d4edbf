import type { CycleId, IsoDate, ParticipationKey, ResponseId } from '../domain/shared/brand';
import type { PublishedCycle } from '../domain/history/types';
import type { Audience } from '../domain/organisation/audience';
import type { OutboxPlan } from '../domain/outbox/types';
import type { Answers, Questionnaire, SurveyId } from '../domain/survey/types';
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
  /** Who is asked; absent: everyone in the Health Check audience (every cycle before pulses). */
  readonly audience?: Audience;
  /** Reminder days and working hours; absent: the defaults. Fixed, like the rest, once open. */
  readonly plan?: OutboxPlan;
  /** The day its results were published to staff; absent until the PSW publishes them. */
  readonly publishedOn?: IsoDate;
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
   * Replaces a draft's settings (everything but its id, kind and status); `conflict` once it
   * has opened: a cycle's settings are fixed from then on.
   */
  updateDraft(cycle: Cycle): Promise<Cycle>;
  /** Records that a closed cycle's results were published on `on`; `conflict` unless it is closed. A second call changes nothing. */
  markPublished(id: CycleId, on: IsoDate): Promise<Cycle>;
  /**
   * The secret behind participation keys, from the secret store (ports/secrets.ts): never in
   * the SQLite file, SharePoint or a log. `not-found` for an unknown cycle, or one whose secret
   * is gone (destroyed when it closed, or a vault that never had it).
   */
  participationSecret(id: CycleId): Promise<Buffer>;
  /**
   * Destroys the cycle's participation secret, for good: once a cycle is closed out, nobody
   * (not even the app) can work out a person's participation key again, so participation can
   * no longer be tied to anyone. Safe to repeat. `scheduled` where the vault keeps a deleted
   * secret until it is purged.
   */
  destroyParticipationSecret(id: CycleId): Promise<SecretDestruction>;
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
  submit(cycleId: CycleId, key: ParticipationKey, response: Omit<StoredResponse, 'id' | 'cycleId'>): Promise<'submitted' | 'already-submitted'>;
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

/** A version of a questionnaire the PSW made, as saved. */
export interface StoredQuestionnaire {
  readonly questionnaire: Questionnaire;
  /** What it was copied from, e.g. `{ id: 'template-supervision', version: 1 }`. */
  readonly basedOn?: { readonly id: SurveyId; readonly version: number };
  /** Who saved this version (a person id). */
  readonly savedBy: string;
  readonly savedOn: IsoDate;
}

/**
 * The PSW's own questionnaires, every version kept: a cycle names the version it ran, and its
 * responses are read with those questions for ever. The built-in ones (the Health Check, the
 * templates) are code, not stored.
 */
export interface QuestionnaireStore {
  /** Adds a version; `already-exists` when that id and version are taken (two saves at once). */
  add(entry: StoredQuestionnaire): Promise<void>;
  /** A version, or the latest when `version` is absent. */
  get(id: SurveyId, version?: number): Promise<StoredQuestionnaire | undefined>;
  /** The latest version of each, by id. */
  list(): Promise<readonly StoredQuestionnaire[]>;
}

/** Everything the core needs from storage, chosen in one place by configuration. */
export interface Stores {
  readonly cycles: CycleStore;
  readonly questionnaires: QuestionnaireStore;
  readonly responses: ResponseStore;
  readonly participation: ParticipationStore;
  readonly published: PublishedResultsStore;
  close(): Promise<void>;
}
