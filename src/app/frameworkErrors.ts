import type { FieldError } from '../domain/actionPlan/validate';
import { StoreError } from '../ports/stores';
import { UserFacingError } from './errors';

/** Fields refused: each error names its field, for the page to show beside it. */
export class FieldsRefused extends UserFacingError {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.length === 1 ? 'Please check the field marked.' : `Please check the ${errors.length} fields marked.`, errors.map((e) => e.message));
    this.name = 'FieldsRefused';
  }
}

/**
 * A store's refusal of a change in the person's words: someone else changed the record first
 * (reload and redo it), or it is gone. Anything else is passed on as it is.
 */
export function staleChange(error: unknown, what: string): unknown {
  if (error instanceof StoreError && error.code === 'conflict') return new UserFacingError(`Someone else changed this ${what} at the same time, so your change was not saved. Please reload it and redo your change.`);
  if (error instanceof StoreError && error.code === 'not-found') return new UserFacingError(`That ${what} could not be found. It may have been removed; reload the page.`);
  return error;
}
