import { sharePointDate, type Column } from './columns';
import { GraphProblem, invalid } from './errors';
import type { Item, List } from './model';

/**
 * `$filter` on list items, as much as the app needs: `fields/X op literal` clauses joined
 * by `and`, with op one of eq, ne, gt, ge, lt, le and literals 'text', numbers, true/false
 * and null. SharePoint's rule about indexes is applied: a clause on a column that is not
 * indexed needs `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`, and even then a list
 * over the list view threshold (5,000 items) refuses the query unless an indexed `eq`
 * clause narrows it to 5,000 items or fewer.
 */
export const LIST_VIEW_THRESHOLD = 5_000;
export const NON_INDEXED_PREFER = 'HonorNonIndexedQueriesWarningMayFailRandomly';

type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export interface Clause {
  readonly field: string;
  readonly op: Op;
  readonly value: string | number | boolean | null;
}

const CLAUSE = /^\s*fields\/([A-Za-z_][A-Za-z0-9_]*)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false|null)\s*$/;

export function parseFilter(filter: string): Clause[] {
  const parts = filter.split(/\s+and\s+(?=(?:[^']*'[^']*')*[^']*$)/);
  return parts.map((part) => {
    const m = CLAUSE.exec(part.replace(/^\s*\(|\)\s*$/g, ''));
    if (!m) throw invalid(`Invalid filter clause: the stand-in understands 'fields/Name op value' joined by 'and' (got '${part.trim()}').`);
    const raw = m[3] ?? '';
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : Number(raw);
    return { field: m[1] ?? '', op: m[2] as Op, value };
  });
}

function compare(column: Column | undefined, a: unknown, b: Clause['value']): number | undefined {
  if (a === undefined || a === null || b === null) return undefined;
  if (column?.type === 'dateTime' || (typeof a === 'string' && typeof b === 'string' && /^\d{4}-\d\d-\d\dT/.test(a))) {
    const x = Date.parse(String(a));
    const y = Date.parse(String(b));
    return x - y;
  }
  if (typeof a === 'number') return a - Number(b);
  if (typeof a === 'boolean') return Number(a) - Number(b === true || b === 'true' || b === 1);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** A field's value as filters see it, without building the whole fields object. */
function valueOf(item: Item, field: string): unknown {
  switch (field) {
    case 'ID':
    case 'id':
      return item.id;
    case 'Created':
      return sharePointDate(item.created);
    case 'Modified':
      return sharePointDate(item.modified);
    default:
      return item.fields[field];
  }
}

export function matches(item: Item, clause: Clause, column: Column | undefined): boolean {
  const raw = valueOf(item, clause.field);
  if (clause.value === null) return clause.op === 'eq' ? raw === undefined || raw === null : clause.op === 'ne' ? raw !== undefined && raw !== null : false;
  const c = compare(column, raw, clause.value);
  if (c === undefined) return clause.op === 'ne';
  switch (clause.op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
  }
}

/** The items a filter selects, in id order, or the error SharePoint gives for it. */
export function applyFilter(list: List, items: Item[], clauses: readonly Clause[], prefer: string): Item[] {
  const columnOf = (name: string) => list.columns.find((c) => c.name === name);
  for (const clause of clauses) {
    const column = columnOf(clause.field);
    if (!column && clause.field !== 'id') throw invalid(`Field '${clause.field}' is not recognized`);
  }
  const notIndexed = clauses.filter((c) => !(columnOf(c.field)?.indexed ?? c.field === 'id'));
  if (notIndexed.length > 0) {
    if (!prefer.includes(NON_INDEXED_PREFER)) {
      throw invalid(
        `Field '${notIndexed[0]?.field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: ${NON_INDEXED_PREFER}' header to allow this, but be warned that such queries may fail on large lists.`,
      );
    }
    if (list.items.size > LIST_VIEW_THRESHOLD) {
      const narrowed = clauses.filter((c) => c.op === 'eq' && (columnOf(c.field)?.indexed ?? false)).some((c) => items.filter((i) => matches(i, c, columnOf(c.field))).length <= LIST_VIEW_THRESHOLD);
      if (!narrowed) throw new GraphProblem(429, 'notSupported', 'The request is unprocessable because it uses too many resources', 'tooManyResources');
    }
  }
  return items.filter((item) => clauses.every((c) => matches(item, c, columnOf(c.field))));
}
