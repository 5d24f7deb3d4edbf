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
