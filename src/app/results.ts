import { resultsFamily, type ResultsFamily } from '../domain/results/breakdown';
import { earlierFromResults, type CycleFacts } from '../domain/results/live';
import { earlierFromPublished, type EarlierCycle } from '../domain/results/previous';
import { publishedResults } from '../domain/results/published';
import { encodeResponses, layoutOf, type EncodedResponses } from '../domain/results/encoding';
import type { BreakdownBy, BreakdownResults, CycleResults } from '../domain/results/types';
import { isBankQuestion } from '../domain/survey/bank';
import { kindOf, type Answers, type Questionnaire } from '../domain/survey/types';
import type { CloseOutStore } from '../ports/retention';
import type { Cycle, Stores } from '../ports/stores';
import { CycleService } from './cycles';
import { UserFacingError } from './errors';

/** The year later results use for a cycle: "2024-25" → "2024"; otherwise the year it opened. */
export function yearOf(cycle: Pick<Cycle, 'id' | 'opensOn'>): string {
  return /^\d{4}-\d{2}$/.test(cycle.id) ? cycle.id.slice(0, 4) : cycle.opensOn.slice(0, 4);
}

export class ResultsService {
  /**
   * Read model: encoded responses of closed cycles, which can no longer change (no submits,
   * no imports), so they are read from the store and encoded once per process.
   */
  private readonly closedCycles = new Map<string, EncodedResponses>();
  /**
   * Every view of a closed cycle, decided together (the disclosure audit looks at all
   * breakdowns at once), once per process: a closed cycle cannot change.
   */
  private readonly families = new Map<string, Promise<ResultsFamily>>();

  constructor(
    private readonly stores: Stores,
    private readonly cycles: CycleService,
    /** Closed-out cycles' figures as published: their About you answers are no longer on the stored responses. */
    private readonly closeOuts?: CloseOutStore,
  ) {}

  /**
   * Every published view of a closed cycle, worked out from its stored answers, for the
   * close-out to keep (`CloseOutService`): after it, the figures come from what was kept.
   */
  async familyToKeep(rawCycleId: string): Promise<Pick<ResultsFamily, 'whole' | 'breakdowns'>> {
    const cycle = await this.cycles.require(rawCycleId);
    if (cycle.kind !== 'live' || cycle.status !== 'closed') throw new UserFacingError(`Cycle ${cycle.id} is not a closed live cycle.`);
    const { whole, breakdowns } = await this.familyOf(cycle);
    return { whole, breakdowns };
  }

  /**
   * Whole-cycle results, or results by a breakdown. Results of a live cycle appear only once
   * it has closed: comparing results before and after one more response would reveal that
   * person's answers.
   */
  async results(rawCycleId: string, by?: BreakdownBy): Promise<CycleResults | BreakdownResults> {
    const cycle = await this.cycles.require(rawCycleId);
    if (cycle.kind === 'published') {
      if (by) throw new UserFacingError(`${cycle.id} is known only from its published report, which has no breakdown by ${by}.`);
      const published = await this.stores.published.get(cycle.id);
      if (!published) throw new UserFacingError(`The published figures for ${cycle.id} are missing from the store.`);
      const questionnaire = await this.cycles.questionnaireOf(cycle);
      return publishedResults(questionnaire, published, await this.earlierThan(cycle, questionnaire), cycle);
    }
    if (cycle.status !== 'closed') {
      // Not the count itself: that would move by one with each response. The response rate
      // shows a steadier figure (hourly, in steps).
      const count = await this.stores.responses.count(cycle.id);
      throw new UserFacingError(
        `${cycle.title} is ${cycle.status}; results are published when it closes (on ${cycle.closesOn}), so that no one can compare results before and after a single response. ${count < cycle.threshold ? `Fewer than ${cycle.threshold}` : `${cycle.threshold} or more`} responses so far.`,
      );
    }
    const family = await this.familyOf(cycle);
    return by ? family.breakdowns[by] : family.whole;
  }

  private familyOf(cycle: Cycle): Promise<ResultsFamily> {
    let family = this.families.get(cycle.id);
    if (!family) {
      family = (async () => {
        const kept = cycle.kind === 'live' && cycle.status === 'closed' ? (await this.closeOuts?.get(cycle.id))?.results : undefined;
        if (kept !== undefined) return kept as ResultsFamily;
        const questionnaire = await this.cycles.questionnaireOf(cycle);
        return resultsFamily(questionnaire, await this.encodedResponsesOf(cycle, questionnaire), this.facts(cycle), await this.earlierThan(cycle, questionnaire));
      })();
      this.families.set(cycle.id, family);
      family.catch(() => this.families.delete(cycle.id));
    }
    return family;
  }

  private facts(cycle: Cycle): CycleFacts {
    return { cycle: cycle.id, title: cycle.title, year: yearOf(cycle), opensOn: cycle.opensOn, threshold: cycle.threshold, textThreshold: cycle.textThreshold };
  }

  /**
   * Every earlier cycle with results: published history and closed live cycles. Beside the
   * Health Check, earlier Health Checks (as the council publishes them). Beside a pulse,
   * every earlier survey that asked the same bank question, each named ("in the 2024 Health
   * Check", an earlier pulse's title); a question of the PSW's own is compared only with
   * earlier runs of the same pulse (docs/adr/0021-questionnaires-as-a-registry.md).
   */
  private async earlierThan(cycle: Cycle, questionnaire: Questionnaire): Promise<EarlierCycle[]> {
    const pulse = kindOf(questionnaire) === 'pulse';
    const earlier: EarlierCycle[] = [];
    for (const other of await this.cycles.list()) {
      if (other.opensOn >= cycle.opensOn || other.id === cycle.id) continue;
      if (!pulse && other.surveyId !== cycle.surveyId) continue;
      let found: EarlierCycle | undefined;
      if (other.kind === 'published') {
        const published = await this.stores.published.get(other.id);
        if (published) found = earlierFromPublished(published);
      } else if (other.status === 'closed') {
        // As published: About you answers of hidden groups are not carried forward either.
        found = earlierFromResults((await this.familyOf(other)).whole, this.facts(other));
      }
      if (!found) continue;
      if (!pulse) {
        earlier.push(found);
        continue;
      }
      const sameSurvey = other.surveyId === cycle.surveyId;
      const theirs = found;
      const label = kindOf(await this.cycles.questionnaireOf(other)) === 'health-check' ? `the ${theirs.year} Health Check` : other.title;
      earlier.push({ ...theirs, label, figure: (question, option) => (sameSurvey || isBankQuestion(question) ? theirs.figure(question, option) : undefined) });
    }
    return earlier;
  }

  private async encodedResponsesOf(cycle: Cycle, questionnaire: Questionnaire): Promise<EncodedResponses> {
    const cached = this.closedCycles.get(cycle.id);
    if (cached) return cached;
    const encoded = encodeResponses(layoutOf(questionnaire), await this.answersOf(cycle));
    if (cycle.status === 'closed') this.closedCycles.set(cycle.id, encoded);
    return encoded;
  }

  private async answersOf(cycle: Cycle): Promise<Answers[]> {
    const answers: Answers[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.stores.responses.list(cycle.id, { limit: 1000, ...(continuation ? { continuation } : {}) });
      for (const r of page.items) answers.push(r.answers);
      continuation = page.continuation;
    } while (continuation);
    return answers;
  }
}
