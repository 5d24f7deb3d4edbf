import { aboutYouQuestions } from '../domain/results/breakdown';
import { dateOf } from '../domain/shared/brand';
import type { Questionnaire } from '../domain/survey/types';
import type { Clock } from '../ports/clock';
import type { CloseOutStore } from '../ports/retention';
import type { Cycle, Stores } from '../ports/stores';
import type { ResponseRateService } from './responseRate';
import type { ResultsService } from './results';

export interface CloseOutReport {
  readonly cycle: string;
  /** False when it had been closed out before (only the secret is destroyed again, harmlessly). */
  readonly now: boolean;
  readonly draftsDeleted: number;
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
    for (const c of cycles) if (c.kind === 'live' && c.status === 'closed' && (await this.deps.closeOuts.get(c.id)) === undefined) done.push(await this.closeOut(c));
    return done;
  }
}
