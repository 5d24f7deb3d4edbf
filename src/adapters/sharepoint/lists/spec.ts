/**
 * How a SharePoint list is described as data: provisioning creates lists from it, the writer
 * and the delta sync name columns from it. Column `name`s are SharePoint's internal names
 * (what Graph reads and writes); `displayName` is what people see in SharePoint and Power BI.
 * Each list's own spec lives in its module beside this file.
 */

/** Bumped when a list or column is added or changed; provisioning records it on each list. */
export const SCHEMA_VERSION = 6;

export type ColumnType =
  | { readonly kind: 'text'; readonly multiline?: boolean }
  | { readonly kind: 'number'; readonly decimals?: number }
  | { readonly kind: 'choice'; readonly choices: readonly string[] }
  /** Date only: the app never stores a time of day (see ADR 0011 for the noon convention). */
  | { readonly kind: 'date' }
  | { readonly kind: 'boolean' };

export interface ColumnSpec {
  readonly name: string;
  readonly displayName: string;
  readonly type: ColumnType;
  /** Indexed because the app filters on it (lists over 5,000 items refuse filters on anything else). */
  readonly indexed?: boolean;
  /** SharePoint refuses a second item with the same value (requires `indexed`). */
  readonly unique?: boolean;
  readonly required?: boolean;
}

/** The lists the app keeps its records in, by the name the code uses, in dependency order. */
export const SYNCED_LISTS = [
  'questionnaires',
  'cycles',
  'messagePlans',
  'responses',
  'participation',
  'auditPlans',
  'auditTasks',
  'auditRecords',
  'supervisionLog',
  'supervisionSamples',
  'actions',
  'youSaidWeDid',
  'orgDataReturns',
  'messages',
  'focusGroups',
  'thematicReviews',
  'selfAssessments',
] as const;
export type SyncedList = (typeof SYNCED_LISTS)[number];
export type ListName = SyncedList;

export interface ListSpec {
  readonly name: ListName;
  readonly displayName: string;
  readonly purpose: string;
  readonly columns: readonly ColumnSpec[];
}

export const text = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: { kind: 'text' }, ...extra });
export const number = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: { kind: 'number', decimals: 0 }, ...extra });
export const date = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: { kind: 'date' }, ...extra });
export const choice = (name: string, displayName: string, choices: readonly string[], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  displayName,
  type: { kind: 'choice', choices },
  ...extra,
});
export const notes = (name: string, displayName: string): ColumnSpec => ({ name, displayName, type: { kind: 'text', multiline: true } });
export const yesNo = (name: string, displayName: string): ColumnSpec => ({ name, displayName, type: { kind: 'boolean' } });

/** Every list's own key: what the app calls the record, so a retried write can find it. */
export const PHC_ID = 'PhcId';
export const phcId = text(PHC_ID, 'PHC id', { indexed: true, unique: true, required: true });

/** The marker provisioning writes at the end of a list's description. */
export function describeList(spec: ListSpec, version = SCHEMA_VERSION): string {
  return `Practice Health Check: ${spec.purpose}. Managed by the app [phc-schema ${version}].`;
}

/**
 * What the PhcId column says about itself: the list's schema version. Graph v1.0 can update a
 * column (columnDefinition: update) but documents no update of a list, so the version lives
 * on the column every list has rather than in the list's description.
 */
export function describeKeyColumn(version = SCHEMA_VERSION): string {
  return `The app's own id for the record. Managed by the app [phc-schema ${version}].`;
}

/** The schema version a list or column description records, if any. */
export function schemaVersionOf(description: string | undefined | null): number | undefined {
  const match = /\[phc-schema (\d+)\]/.exec(description ?? '');
  return match ? Number(match[1]) : undefined;
}
