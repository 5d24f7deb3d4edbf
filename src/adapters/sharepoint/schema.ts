/**
 * The SharePoint lists the app keeps its records in. Each list is one module in `lists/`
 * (its columns, field mapping, and how changes and deletions apply); this file is where the
 * rest of the adapter finds them. Why one item per response with the answers in one JSON
 * column: docs/adr/0011-sharepoint-lists.md.
 */
export { SCHEMA_VERSION, SYNCED_LISTS, PHC_ID, describeList, describeKeyColumn, schemaVersionOf, type ColumnSpec, type ColumnType, type ListName, type ListSpec, type SyncedList } from './lists/spec';
export { LISTS, LIST_MODULES, listModule, listSpec } from './lists';
