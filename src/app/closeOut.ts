import { aboutYouQuestions } from '../domain/results/breakdown';
import { dateOf } from '../domain/shared/brand';
import type { Questionnaire } from '../domain/survey/types';
import type { Clock } from '../ports/clock';
import type { CloseOutStore } from '../ports/retention';
import { StoreError, type Cycle, type Stores } from '../ports/stores';
import { UserFacingError } from './errors';
import type { ResponseRateService } from './responseRate';
import type { ResultsService } from './results';

export interface CloseOutReport {
  readonly cycle: string;
  /** False when it had been closed out before (only the secret is destroyed again, harmlessly). */
  readonly now: boolean;
  readonly draftsDeleted: number;
  /** Why it could not be closed out here (nothing was changed for it), in words. */
  readonly problem?: string;
}

/**
 * Closing a cycle out, once it has closed (ADR 0023): its results (every view, as the disclosure
 * audit decided them) and its final response rate are kept; the drafts of people who never
 * sent are deleted; the About you answers come off the stored responses (the kept figures are
 * all they were for); and the participation secret is destroyed, so that nobody can work out
 * again who took part. Run when a cycle closes, and again by the daily retention run for any
 * closed cycle a crash left half done. Safe to repeat.
 */
export class CloseOutService {
  constructor(
    private readonly deps: {
      readonly stores: Stores;
      readonly closeOuts: CloseOutStore;
      readonly results: ResultsService;
      readonly responseRate: ResponseRateService;
      /** The questions a cycle asked (the Health Check, or a pulse's own). */
      readonly questionnaireOf: (cycle: Cycle) => Promise<Questionnaire>;
      readonly clock: Clock;
    },
  ) {}

  async closeOut(cycle: Cycle): Promise<CloseOutReport> {
    const { stores, closeOuts, results, responseRate, questionnaireOf, clock } = this.deps;
    if (cycle.kind !== 'live' || cycle.status !== 'closed') return { cycle: cycle.id, now: false, draftsDeleted: 0 };
    let report: CloseOutReport = { cycle: cycle.id, now: false, draftsDeleted: 0 };
    if ((await closeOuts.get(cycle.id)) === undefined) {
      const kept = {
        closedOutOn: dateOf(clock.now()),
        results: await results.familyToKeep(cycle.id),
        // Counted with the secret, before it goes.
        responseRate: await responseRate.rateToKeep(cycle.id),
      };
      const { draftsDeleted } = await closeOuts.closeOut(cycle.id, kept, [...aboutYouQuestions(await questionnaireOf(cycle))]);
      report = { cycle: cycle.id, now: true, draftsDeleted };
    }
    await stores.cycles.destroyParticipationSecret(cycle.id);
    return report;
  }

  /** Every closed live cycle not closed out yet (a crash between closing and closing out). */
  async closeOutAll(cycles: readonly Cycle[]): Promise<CloseOutReport[]> {
    const done: CloseOutReport[] = [];
    for (const c of cycles) {
      if (c.kind !== 'live' || c.status !== 'closed' || (await this.deps.closeOuts.get(c.id)) !== undefined) continue;
      // One cycle that cannot be closed out (its secret destroyed on an instance since lost)
      // must not stop the rest of the day's retention: it is reported, every day, until dealt with.
      try {
        done.push(await this.closeOut(c));
      } catch (error) {
        const why = error instanceof StoreError || error instanceof UserFacingError ? error.message : 'an unexpected error (see the server log)';
        if (!(error instanceof StoreError || error instanceof UserFacingError)) console.error(error);
        done.push({ cycle: c.id, now: false, draftsDeleted: 0, problem: `Cycle ${c.id} could not be closed out: ${why}` });
      }
    }
    return done;
  }
}
