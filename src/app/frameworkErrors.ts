import { StoreError } from '../ports/stores';
import { UserFacingError } from './errors';

/** One refusal of typed fields for every use case, so the tab and the command line show it the same way. */
export { FieldsRefused } from './errors';

/**
 * A store's refusal of a change in the person's words: someone else changed the record first
 * (reload and redo it), or it is gone. Anything else is passed on as it is.
 */
export function staleChange(error: unknown, what: string): unknown {
  if (error instanceof StoreError && error.code === 'conflict')
    return new UserFacingError(`Someone else changed this ${what} at the same time, so your change was not saved. Please reload it and redo your change.`);
  if (error instanceof StoreError && error.code === 'not-found') return new UserFacingError(`That ${what} could not be found. It may have been removed; reload the page.`);
  return error;
}
