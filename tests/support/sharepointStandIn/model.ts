import { columnFromDefinition, coerceField, systemColumns, sharePointDate, type Column } from './columns';
import { GraphProblem, invalid, notFound } from './errors';

/**
 * The stand-in's state: sites → lists (typed columns, indexed flags) → items, with a change
 * sequence per list for delta queries. Pure data and rules, no HTTP.
 */
export interface Item {
  readonly id: number;
  readonly guid: string;
  fields: Record<string, unknown>;
  readonly created: number;
  modified: number;
  /** Major version, 1 on create, +1 on each update (lists keep major versions by default). */
  version: number;
  /** The list's change sequence at the item's last write (for delta). */
  changeSeq: number;
  readonly history: { version: number; modified: number; fields: Record<string, unknown> }[];
}

export interface List {
  readonly id: string;
  readonly name: string;
  displayName: string;
  description: string;
  readonly template: string;
  readonly columns: Column[];
  readonly items: Map<number, Item>;
  nextItemId: number;
  /** Bumped on every create, update and delete. */
  changeSeq: number;
  /** Deleted item id → the change sequence of its deletion. */
  readonly tombstones: Map<number, number>;
  /** Delta tokens carry this; bumping it makes every earlier token answer 410. */
  tokenEpoch: number;
  /** The resync code a 410 for an expired token gives. */
  resync?: 'resyncChangesApplyDifferences' | 'resyncChangesUploadDifferences';
  /** Unique column → value → item id, built when first needed (keeps 10,000-item lists fast). */
  unique?: Map<string, Map<unknown, number>>;
  readonly created: number;
  modified: number;
  /**
   * Permissions of its own (as after an administrator stopped it inheriting the site's and
   * granted people); undefined: it inherits the site's groups, as a new list does.
   */
  permissions?: readonly Record<string, unknown>[];
}

/**
 * What a list that inherits the site's permissions answers to `GET …/permissions`: the site's
 * three groups (Graph names them as siteGroups) and the app granted the site (Sites.Selected).
 */
export function inheritedPermissions(site: Pick<Site, 'displayName'>): Record<string, unknown>[] {
  const group = (id: string, name: string, role: string) => ({
    id,
    roles: [role],
    grantedToV2: { siteGroup: { id, displayName: `${site.displayName} ${name}`, loginName: `${site.displayName} ${name}` } },
  });
  return [
    group('3', 'Owners', 'owner'),
    group('5', 'Members', 'write'),
    group('4', 'Visitors', 'read'),
    { id: 'app', roles: ['write'], grantedToIdentitiesV2: [{ application: { id: STAND_IN_APP_ID, displayName: 'Practice Health Check' } }] },
  ];
}

/** The app id the stand-in says its own app grant is for. */
export const STAND_IN_APP_ID = '5b6c7d8e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

export interface Site {
  readonly id: string;
  readonly hostname: string;
  /** Server-relative path, e.g. `/sites/phc`. */
  readonly path: string;
  readonly displayName: string;
  readonly lists: Map<string, List>;
}

/** Who SharePoint records in Created By / Modified By when an app writes with an app-only token. */
export const APP_PRINCIPAL = { lookupId: '1073741822', displayName: 'SharePoint App' } as const;

let guidCounter = 0;
/** Deterministic GUID-shaped ids, so runs are reproducible. */
export function standInGuid(): string {
  guidCounter++;
  const hex = guidCounter.toString(16).padStart(12, '0');
  return `5a4d1e00-0000-4000-8000-${hex}`;
}

export class SharePointModel {
  readonly sites = new Map<string, Site>();

  constructor(
    private readonly now: () => number,
    private readonly rules: { readonly duplicateStatus: 400 | 409 } = { duplicateStatus: 409 },
  ) {}

  addSite(hostname: string, path: string, displayName = path.split('/').pop() ?? 'Site'): Site {
    const site: Site = { id: `${hostname},${standInGuid()},${standInGuid()}`, hostname, path, displayName, lists: new Map() };
    this.sites.set(site.id, site);
    // Every team site comes with a document library; the app's lists must live beside it.
    const documents = emptyList(
      { id: standInGuid(), name: 'Shared Documents', displayName: 'Documents', description: '', template: 'documentLibrary', columns: systemColumns(standInGuid) },
      this.now(),
    );
    site.lists.set(documents.id, documents);
    return site;
  }

  /** By id (`host,guid,guid`), or by `host:/sites/x` (with or without a trailing colon). */
  site(ref: string): Site {
    const byId = this.sites.get(ref);
    if (byId) return byId;
    const path = /^([^:,/]+):(\/.*?):?$/.exec(ref);
    if (path) {
      for (const s of this.sites.values()) if (s.hostname === path[1] && s.path.toLowerCase() === (path[2] ?? '').replace(/\/$/, '').toLowerCase()) return s;
    }
    throw notFound(`The site '${ref}'`);
  }

  /** By id, or by name or display name (Graph accepts a list's title in place of its id). */
  list(site: Site, ref: string): List {
    const byId = site.lists.get(ref);
    if (byId) return byId;
    for (const l of site.lists.values()) if (l.name.toLowerCase() === ref.toLowerCase() || l.displayName.toLowerCase() === ref.toLowerCase()) return l;
    throw notFound(`The list '${ref}'`);
  }

  createList(site: Site, body: Record<string, unknown>): List {
    const displayName = body.displayName;
    if (typeof displayName !== 'string' || displayName.trim() === '') throw invalid('A list needs a displayName.');
    const template = ((body.list ?? {}) as Record<string, unknown>).template ?? 'genericList';
    if (template !== 'genericList') throw invalid(`The stand-in only makes generic lists (got template '${String(template)}').`);
    const name = displayName.replace(/[^A-Za-z0-9_-]/g, '');
    for (const l of site.lists.values()) {
      if (l.name.toLowerCase() === name.toLowerCase() || l.displayName.toLowerCase() === displayName.toLowerCase()) {
        throw new GraphProblem(409, 'nameAlreadyExists', 'A list, survey, discussion board, or document library with the specified title already exists in this Web site.');
      }
    }
    const columns = systemColumns(standInGuid);
    for (const def of (body.columns ?? []) as Record<string, unknown>[]) this.addColumnTo(columns, def);
    const description = typeof body.description === 'string' ? body.description : '';
    const list = emptyList({ id: standInGuid(), name, displayName, description, template, columns }, this.now());
    site.lists.set(list.id, list);
    return list;
  }

  /** `PATCH /lists/{id}`: the display name and the description may change. */
  updateList(list: List, body: Record<string, unknown>): List {
    if (typeof body.displayName === 'string' && body.displayName.trim() !== '') list.displayName = body.displayName;
    if (typeof body.description === 'string') list.description = body.description;
    list.modified = this.now();
    return list;
  }

  addColumn(list: List, def: Record<string, unknown>): Column {
    const column = this.addColumnTo(list.columns, def);
    list.modified = this.now();
    return column;
  }

  private addColumnTo(columns: Column[], def: Record<string, unknown>): Column {
    const column = columnFromDefinition(def, standInGuid);
    if (columns.some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
      throw new GraphProblem(409, 'nameAlreadyExists', `A duplicate field name "${column.name}" was found.`);
    }
    columns.push(column);
    return column;
  }

  column(list: List, ref: string): Column {
    const column = list.columns.find((c) => c.id === ref || c.name.toLowerCase() === ref.toLowerCase());
    if (!column) throw notFound(`The column '${ref}'`);
    return column;
  }

  updateColumn(list: List, ref: string, body: Record<string, unknown>): Column {
    const column = this.column(list, ref);
    if (typeof body.indexed === 'boolean') column.indexed = column.name === 'ID' ? true : body.indexed;
    if (typeof body.required === 'boolean') column.required = body.required;
    if (typeof body.enforceUniqueValues === 'boolean') {
      // SharePoint needs an index before it can enforce unique values.
      if (body.enforceUniqueValues && !column.indexed && body.indexed !== true) throw invalid(`Column '${column.name}' must be indexed before it can enforce unique values.`);
      column.enforceUniqueValues = body.enforceUniqueValues;
    }
    if (typeof body.displayName === 'string') column.displayName = body.displayName;
    if (typeof body.description === 'string') column.description = body.description;
    const facet = body[column.type];
    if (facet !== undefined && facet !== null && typeof facet === 'object') {
      if (column.readOnly) throw invalid(`Column '${column.name}' belongs to SharePoint and cannot be changed.`);
      if (column.type === 'choice' && !(Array.isArray((facet as Record<string, unknown>).choices) && ((facet as Record<string, unknown>).choices as unknown[]).every((c) => typeof c === 'string')))
        throw invalid(`Choice column '${column.name}' needs choice.choices, a list of strings.`);
      column.facet = { ...column.facet, ...(facet as Record<string, unknown>) };
    }
    const otherType = ['text', 'number', 'dateTime', 'boolean', 'choice', 'personOrGroup'].find((t) => t !== column.type && body[t] !== undefined && body[t] !== null);
    if (otherType) throw invalid(`Column '${column.name}' is ${column.type}; the stand-in does not change a column's type (to ${otherType}).`);
    return column;
  }

  item(list: List, ref: string): Item {
    const item = /^\d+$/.test(ref) ? list.items.get(Number(ref)) : undefined;
    if (!item) throw notFound(`The item '${ref}' in list '${list.displayName}'`);
    return item;
  }

  createItem(list: List, fields: unknown): Item {
    const values = this.checkFields(list, fields, undefined);
    for (const c of list.columns) {
      if (c.required && (values[c.name] === undefined || values[c.name] === null)) throw invalid(`Field '${c.name}' is required.`);
    }
    const now = this.now();
    list.changeSeq++;
    const item: Item = { id: list.nextItemId++, guid: standInGuid(), fields: values, created: now, modified: now, version: 1, changeSeq: list.changeSeq, history: [] };
    item.history.push({ version: 1, modified: now, fields: { ...values } });
    list.items.set(item.id, item);
    for (const [name, index] of uniqueIndexes(list)) if (values[name] !== undefined && values[name] !== null) index.set(values[name], item.id);
    list.modified = now;
    return item;
  }

  /** `ifMatch`: an eTag the item must still have (412 if not), or `*`. */
  updateItem(list: List, item: Item, fields: unknown, ifMatch?: string): Item {
    this.checkETag(item, ifMatch);
    const values = this.checkFields(list, fields, item);
    const now = this.now();
    item.fields = { ...item.fields, ...values };
    for (const [k, v] of Object.entries(values)) if (v === null) delete item.fields[k];
    item.modified = now;
    item.version++;
    list.changeSeq++;
    item.changeSeq = list.changeSeq;
    item.history.push({ version: item.version, modified: now, fields: { ...item.fields } });
    list.modified = now;
    uniqueIndexes(list).clear(); // rebuilt when next needed: updates are few
    return item;
  }

  deleteItem(list: List, item: Item, ifMatch?: string): void {
    this.checkETag(item, ifMatch);
    list.items.delete(item.id);
    list.changeSeq++;
    list.tombstones.set(item.id, list.changeSeq);
    list.modified = this.now();
    uniqueIndexes(list).clear();
  }

  private checkETag(item: Item, ifMatch: string | undefined): void {
    if (ifMatch === undefined || ifMatch === '*') return;
    if (ifMatch !== eTag(item) && ifMatch !== `"${item.guid},${item.version}"`) {
      throw new GraphProblem(412, 'resourceModified', 'The eTag provided does not match the current eTag of the item.');
    }
  }

  private checkFields(list: List, fields: unknown, existing: Item | undefined): Record<string, unknown> {
    if (fields === undefined && existing === undefined) return {};
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw invalid('The request body must have a fields object of column values.');
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
      if (name.startsWith('@odata')) continue;
      const person = /^(.+)LookupId$/.exec(name);
      const personColumn = person ? list.columns.find((c) => c.name === person[1] && c.type === 'personOrGroup' && !c.readOnly) : undefined;
      if (personColumn) {
        if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw invalid(`Field '${name}' takes a site user id.`);
        out[name] = value === null ? null : String(value);
        continue;
      }
      const column = list.columns.find((c) => c.name === name);
      out[name] = coerceField(column, name, value);
      if (column?.enforceUniqueValues && value !== null) {
        const holder = uniqueIndex(list, name).get(out[name]);
        if (holder !== undefined && holder !== existing?.id) {
          const message = `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${name}].`;
          throw this.rules.duplicateStatus === 409 ? new GraphProblem(409, 'nameAlreadyExists', message) : invalid(message);
        }
      }
    }
    return out;
  }
}

export { sharePointDate as sharePointDateOf } from './columns';

function uniqueIndexes(list: List): Map<string, Map<unknown, number>> {
  list.unique ??= new Map();
  return list.unique;
}

function uniqueIndex(list: List, name: string): Map<unknown, number> {
  const indexes = uniqueIndexes(list);
  let index = indexes.get(name);
  if (!index) {
    index = new Map();
    for (const item of list.items.values()) if (item.fields[name] !== undefined && item.fields[name] !== null) index.set(item.fields[name], item.id);
    indexes.set(name, index);
  }
  return index;
}

export function eTag(item: Item): string {
  return `"${item.guid},${item.version}"`;
}

/** The `fields` of an item, as Graph shows them (the stored values and SharePoint's own). */
export function fieldsJson(item: Item, select?: readonly string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    '@odata.etag': eTag(item),
    id: String(item.id),
    ContentType: 'Item',
    Created: sharePointDate(item.created),
    Modified: sharePointDate(item.modified),
    AuthorLookupId: APP_PRINCIPAL.lookupId,
    EditorLookupId: APP_PRINCIPAL.lookupId,
    _UIVersionString: `${item.version}.0`,
    Attachments: false,
    ...item.fields,
  };
  if (!select) return all;
  const picked: Record<string, unknown> = { '@odata.etag': all['@odata.etag'] };
  for (const name of select) if (name in all) picked[name] = all[name];
  return picked;
}

/** The listItem resource. */
export function itemJson(baseUrl: string, site: Site, list: List, item: Item, withFields: boolean | readonly string[]): Record<string, unknown> {
  const by = { user: { displayName: APP_PRINCIPAL.displayName } };
  return {
    '@odata.etag': eTag(item),
    createdDateTime: sharePointDate(item.created),
    eTag: eTag(item),
    id: String(item.id),
    lastModifiedDateTime: sharePointDate(item.modified),
    webUrl: `https://${site.hostname}${site.path}/Lists/${list.name}/${item.id}_.000`,
    createdBy: by,
    lastModifiedBy: by,
    parentReference: { id: list.id, siteId: site.id },
    contentType: { id: '0x0100', name: 'Item' },
    ...(withFields
      ? {
          'fields@odata.context': `${baseUrl}/$metadata#sites('${site.id}')/lists('${list.id}')/items('${item.id}')/fields/$entity`,
          fields: fieldsJson(item, Array.isArray(withFields) ? withFields : undefined),
        }
      : {}),
  };
}

export function listJson(site: Site, list: List, expandColumns: boolean, columnJson: (c: Column) => unknown): Record<string, unknown> {
  return {
    id: list.id,
    name: list.name,
    displayName: list.displayName,
    description: list.description,
    createdDateTime: sharePointDate(list.created),
    lastModifiedDateTime: sharePointDate(list.modified),
    webUrl: `https://${site.hostname}${site.path}/Lists/${list.name}`,
    parentReference: { siteId: site.id },
    list: { contentTypesEnabled: false, hidden: false, template: list.template },
    ...(expandColumns ? { columns: list.columns.map(columnJson) } : {}),
  };
}

/** A new list with no items yet and no changes: its counters at their start. */
function emptyList(what: Pick<List, 'id' | 'name' | 'displayName' | 'description' | 'template' | 'columns'>, now: number): List {
  return { ...what, items: new Map(), nextItemId: 1, changeSeq: 0, tombstones: new Map(), tokenEpoch: 0, created: now, modified: now };
}
