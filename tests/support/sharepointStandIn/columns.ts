import { invalid } from './errors';

/** The column types the stand-in knows, as Graph's columnDefinition facets name them. */
export type ColumnType = 'text' | 'number' | 'dateTime' | 'boolean' | 'choice' | 'personOrGroup';
const TYPES: readonly ColumnType[] = ['text', 'number', 'dateTime', 'boolean', 'choice', 'personOrGroup'];

export interface Column {
  readonly id: string;
  readonly name: string;
  displayName: string;
  description: string;
  readonly type: ColumnType;
  /** The facet as given (e.g. `{ choices: [...] }` for choice, `{ allowMultipleLines: true }` for text). */
  facet: Record<string, unknown>;
  indexed: boolean;
  required: boolean;
  enforceUniqueValues: boolean;
  readonly readOnly: boolean;
  readonly hidden: boolean;
}

/** SharePoint's own columns on every generic list. `ID` is always indexed. */
export function systemColumns(newId: () => string): Column[] {
  const system = (name: string, type: ColumnType, indexed = false): Column => ({
    id: newId(),
    name,
    displayName: name === 'Author' ? 'Created By' : name === 'Editor' ? 'Modified By' : name,
    description: '',
    type,
    facet: {},
    indexed,
    required: false,
    enforceUniqueValues: false,
    readOnly: true,
    hidden: false,
  });
  return [
    {
      id: newId(),
      name: 'Title',
      displayName: 'Title',
      description: '',
      type: 'text',
      facet: { maxLength: 255 },
      indexed: false,
      required: false,
      enforceUniqueValues: false,
      readOnly: false,
      hidden: false,
    },
    system('ID', 'number', true),
    system('Created', 'dateTime'),
    system('Modified', 'dateTime'),
    system('Author', 'personOrGroup'),
    system('Editor', 'personOrGroup'),
  ];
}

/** A column from a columnDefinition body (`POST …/columns` or `columns` in a list create). */
export function columnFromDefinition(body: Record<string, unknown>, newId: () => string): Column {
  const name = body.name;
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) throw invalid(`A column needs a name of letters, digits and underscores (got ${JSON.stringify(name)}).`);
  const types = TYPES.filter((t) => body[t] !== undefined && body[t] !== null);
  if (types.length !== 1) throw invalid(`Column '${name}' must have exactly one type facet (${TYPES.join(', ')}).`);
  const type = types[0] as ColumnType;
  const facet = (body[type] ?? {}) as Record<string, unknown>;
  if (type === 'choice' && !(Array.isArray(facet.choices) && facet.choices.every((c) => typeof c === 'string'))) throw invalid(`Choice column '${name}' needs choice.choices, a list of strings.`);
  return {
    id: newId(),
    name,
    displayName: typeof body.displayName === 'string' ? body.displayName : name,
    description: typeof body.description === 'string' ? body.description : '',
    type,
    facet,
    indexed: body.indexed === true,
    required: body.required === true,
    enforceUniqueValues: body.enforceUniqueValues === true,
    readOnly: false,
    hidden: body.hidden === true,
  };
}

/** The columnDefinition resource, as Graph returns it. */
export function columnJson(c: Column): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    displayName: c.displayName,
    columnGroup: c.readOnly || c.name === 'Title' ? 'Core Contact and Calendar Columns' : 'Custom Columns',
    description: c.description,
    enforceUniqueValues: c.enforceUniqueValues,
    hidden: c.hidden,
    indexed: c.indexed,
    readOnly: c.readOnly,
    required: c.required,
    [c.type]: c.facet,
  };
}

/** SharePoint keeps seconds, not milliseconds, and answers in UTC with a Z. */
export function sharePointDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Checks one value written to a column and returns it as SharePoint stores it, or throws
 * the 400 SharePoint answers. `null` clears a field.
 */
export function coerceField(column: Column | undefined, name: string, value: unknown): unknown {
  if (!column) throw invalid(`Field '${name}' is not recognized`);
  if (column.readOnly) throw invalid(`Field '${name}' is read-only`);
  if (value === null) return null;
  const wrong = (expected: string) => invalid(`Cannot convert the value of field '${name}' to the expected type '${expected}'.`);
  switch (column.type) {
    case 'text': {
      if (typeof value !== 'string') throw wrong('Edm.String');
      const max = column.facet.allowMultipleLines === true ? 63_999 : Number(column.facet.maxLength ?? 255);
      if (value.length > max) throw invalid(`The value of field '${name}' is longer than ${max} characters.`);
      return value;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong('Edm.Double');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('Edm.Boolean');
      return value;
    case 'dateTime': {
      const ms = typeof value === 'string' ? Date.parse(value) : NaN;
      if (Number.isNaN(ms)) throw wrong('Edm.DateTimeOffset');
      return sharePointDate(ms);
    }
    case 'choice': {
      const choices = (column.facet.choices ?? []) as string[];
      if (typeof value !== 'string') throw wrong('Edm.String');
      if (!choices.includes(value) && column.facet.allowTextEntry !== true) throw invalid(`'${value}' is not one of the choices of field '${name}'.`);
      return value;
    }
    case 'personOrGroup':
      throw invalid(`Field '${name}' is a person column: write '${name}LookupId' with the person's site user id.`);
  }
}
