/** The rows of one table that hold a person's id, with what each means for them. */
export interface HeldRows {
  readonly table: string;
  /** Which of the table's columns hold the person's id, and what that means. */
  readonly because: readonly { readonly column: string; readonly means: string }[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** A record of theirs as SharePoint holds it (the fields the app writes there). */
export interface HeldItem {
  readonly list: string;
  readonly listName: string;
  readonly key: string;
  /** The SharePoint item's id, or undefined while it waits to be written. */
  readonly itemId: string | undefined;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Everything the store and SharePoint hold that names a person (subject access, UK GDPR Article 15). */
export interface PersonRecordsStore {
  rowsAbout(personId: string): Promise<readonly HeldRows[]>;
  itemsAbout(personId: string): Promise<readonly HeldItem[]>;
}
