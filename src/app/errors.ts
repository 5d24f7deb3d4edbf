import type { FieldError } from '../domain/shared/fieldError';

/**
 * An error whose message is written for the person who caused it (an admin at the command
 * line, a member of staff in Teams). Anything else is a bug and is reported as one.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    /** Extra lines: one per bad answer or bad row. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/**
 * What a person typed, refused field by field (a survey, a cycle's settings): the tab marks
 * each field, the command line prints each line. One problem reads as itself; several are
 * summed up and listed. Nothing was saved.
 */
export class FieldsRefused extends UserFacingError {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.length === 1 ? (errors[0]?.message ?? '') : `Nothing was saved: ${errors.length} things need putting right.`, errors.length === 1 ? [] : errors.map((e) => e.message));
    this.name = 'FieldsRefused';
  }
}
