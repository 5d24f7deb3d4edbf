import { asIsoDate } from '../domain/shared/brand';
import type { PublishedCycle } from '../domain/history/types';
import type { Questionnaire } from '../domain/survey/types';
import type { Stores } from '../ports/stores';
import { DEFAULT_TEXT_THRESHOLD, DEFAULT_THRESHOLD } from './cycles';
import { newCycleSecret } from './participation';

/**
 * Puts the council's published results into a store as closed, aggregate-only cycles.
 * Safe to run on every start: figures are replaced, cycles created only once.
 */
export async function loadHistory(stores: Stores, questionnaire: Questionnaire, history: readonly PublishedCycle[]): Promise<number> {
  for (const published of history) {
    await stores.published.put(published);
    if (await stores.cycles.get(published.id)) continue;
    await stores.cycles.create(
      {
        id: published.id,
        surveyId: questionnaire.id,
        surveyVersion: questionnaire.version,
        title: published.title,
        kind: 'published',
        status: 'draft',
        opensOn: asIsoDate(published.opensOn),
        closesOn: asIsoDate(published.closesOn),
        threshold: DEFAULT_THRESHOLD,
        textThreshold: DEFAULT_TEXT_THRESHOLD,
      },
      // Unused (no one answers a published cycle) but every cycle has one.
      newCycleSecret(),
    );
    await stores.cycles.setStatus(published.id, 'closed');
  }
  return history.length;
}
