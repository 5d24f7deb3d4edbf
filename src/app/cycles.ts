import { asCycleId, asIsoDate, dateOf, isoDateProblem, type CycleId, type IsoDate } from '../domain/shared/brand';
import type { Questionnaire } from '../domain/survey/types';
import type { Clock } from '../ports/clock';
import { StoreError, type Cycle, type Stores } from '../ports/stores';
import { UserFacingError } from './errors';
import { newCycleSecret } from './participation';

export const DEFAULT_THRESHOLD = 5;
export const DEFAULT_TEXT_THRESHOLD = 10;
/** Below this, "anonymous" results would name people in most teams (and a group agreeing would say too much of too few). */
export const LOWEST_THRESHOLD = 5;

const CYCLE_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

export interface OpenCycleRequest {
  readonly id: string;
  readonly closesOn: string;
  readonly opensOn?: string;
  readonly title?: string;
  readonly threshold?: number;
  readonly textThreshold?: number;
}

/** What closing a cycle also does, once it is closed (the composition root gives the close-out). */
export type AfterClose = (cycle: Cycle) => Promise<void>;

/** Every open/close/list goes through here, whether from `phc`, the tab or a test. */
export class CycleService {
  private readonly afterClose: AfterClose[] = [];

  constructor(
    private readonly stores: Stores,
    private readonly questionnaire: Questionnaire,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens a new cycle (or a draft one) for staff to answer. The thresholds are fixed from
   * this moment: nothing can lower them once people have answered on that promise.
   */
  async open(request: OpenCycleRequest): Promise<Cycle> {
    const id = this.checkId(request.id);
    const existing = await this.stores.cycles.get(id);
    if (existing && existing.status !== 'draft') {
      throw new UserFacingError(`Cycle ${id} is already ${existing.status}; a cycle can only be opened once.`);
    }
    const today = dateOf(this.clock.now());
    const opensOn = request.opensOn ? this.date(request.opensOn, 'opening date') : today;
    const closesOn = this.date(request.closesOn, 'closing date');
    if (closesOn <= opensOn) throw new UserFacingError(`The closing date (${closesOn}) must be after the opening date (${opensOn}).`);
    if (closesOn <= today) throw new UserFacingError(`The closing date (${closesOn}) has already passed.`);
    const threshold = request.threshold ?? DEFAULT_THRESHOLD;
    const textThreshold = request.textThreshold ?? Math.max(DEFAULT_TEXT_THRESHOLD, threshold);
    this.checkThresholds(threshold, textThreshold);
    await this.refuseSecondOpenCycle(id);
    if (!existing) {
      await this.stores.cycles.create(
        {
          id,
          surveyId: this.questionnaire.id,
          surveyVersion: this.questionnaire.version,
          title: request.title ?? `${this.questionnaire.title} ${id.replace(/^(\d{4})-(\d{2})$/, '$1/$2')}`,
          kind: 'live',
          status: 'draft',
          opensOn,
          closesOn,
          threshold,
          textThreshold,
        },
        newCycleSecret(),
      );
    }
    return this.stores.cycles.setStatus(id, 'open');
  }

  async close(rawId: string): Promise<Cycle> {
    const cycle = await this.require(rawId);
    if (cycle.kind === 'published') throw new UserFacingError(`${cycle.id} is published history; it cannot be opened or closed.`);
    if (cycle.status === 'closed') throw new UserFacingError(`Cycle ${cycle.id} is already closed.`);
    const closed = await this.stores.cycles.setStatus(cycle.id, 'closed');
    for (const then of this.afterClose) await then(closed);
    return closed;
  }

  /** Registers what closing a cycle also does (the close-out: drafts, About you answers, the secret). */
  onClose(then: AfterClose): void {
    this.afterClose.push(then);
  }

  async list(): Promise<Cycle[]> {
    const all: Cycle[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.stores.cycles.list({ limit: 100, ...(continuation ? { continuation } : {}) });
      all.push(...page.items);
      continuation = page.continuation;
    } while (continuation);
    return all;
  }

  /** The cycle, or a clear error naming the cycles that do exist. */
  async require(rawId: string): Promise<Cycle> {
    const cycle = CYCLE_ID.test(rawId) ? await this.stores.cycles.get(asCycleId(rawId)) : undefined;
    if (!cycle) {
      const known = (await this.list()).map((c) => c.id).join(', ');
      throw new UserFacingError(`There is no cycle "${rawId}". Cycles: ${known || 'none yet'}.`);
    }
    return cycle;
  }

  private checkId(raw: string): CycleId {
    if (!CYCLE_ID.test(raw)) {
      throw new UserFacingError(`"${raw}" cannot be a cycle id: use lower-case letters, digits and dashes, e.g. 2026-27 or pulse-2026-05.`);
    }
    return asCycleId(raw);
  }

  private date(raw: string, what: string): IsoDate {
    const problem = isoDateProblem(raw);
    if (problem === undefined) return asIsoDate(raw);
    throw new UserFacingError(`The ${what} "${raw}" ${problem}: write it as YYYY-MM-DD, e.g. 2027-03-31.`);
  }

  private checkThresholds(threshold: number, textThreshold: number): void {
    if (!Number.isInteger(threshold) || threshold < LOWEST_THRESHOLD) {
      throw new UserFacingError(`The threshold must be a whole number of at least ${LOWEST_THRESHOLD}: smaller groups could be identified.`);
    }
    if (!Number.isInteger(textThreshold) || textThreshold < threshold) {
      throw new UserFacingError(`The free-text threshold must be a whole number no smaller than the threshold (${threshold}).`);
    }
  }

  private async refuseSecondOpenCycle(id: CycleId): Promise<void> {
    const open = (await this.list()).find((c) => c.status === 'open' && c.surveyId === this.questionnaire.id && c.id !== id);
    if (open) throw new UserFacingError(`Cycle ${open.id} is still open. Close it before opening another ${this.questionnaire.title}.`);
  }
}

/** Store errors the person can act on, in their words. */
export function explainStoreError(error: unknown): never {
  if (error instanceof StoreError) throw new UserFacingError(error.message);
  throw error;
}
