/**
 * One thing wrong with what a person typed, by the field it belongs to (`threshold`,
 * `questions.caseload-fair.showIf`), in words they can act on. The tab marks the field; the
 * command line prints the words.
 */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
