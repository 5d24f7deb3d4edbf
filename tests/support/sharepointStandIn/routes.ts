import { columnJson } from './columns';
import { inheritedPermissions } from './model';
import { RU } from './costs';
import { GraphProblem, invalid, type GraphAnswer } from './errors';
import { applyFilter, parseFilter } from './filter';
import { fieldsJson, itemJson, listJson, sharePointDateOf, type Item, type List, type SharePointModel, type Site } from './model';
import { decodeToken, encodeToken, type DeltaToken, type SkipToken } from './tokens';

/** One Graph request, top-level or from inside a `$batch`. */
export interface GraphRequest {
  readonly method: string;
  /** Path after the version, e.g. `/sites/{id}/lists`, with its query string. */
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A request the stand-in understood: what it costs, and how to carry it out. */
export interface Route {
  readonly cost: number;
  /** A short name for counters, e.g. `items.create`. */
  readonly kind: string;
  run(): GraphAnswer;
}

export const DEFAULT_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 5_000;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): GraphAnswer => ({ status, headers: { 'content-type': 'application/json', ...headers }, body });

/** Splits `/sites/{ref}{rest}` where ref may be `host,guid,guid` or `host:/sites/x:`. */
function splitSite(path: string): { siteRef: string; rest: string } | undefined {
  if (!path.startsWith('/sites/')) return undefined;
  const tail = path.slice('/sites/'.length);
  const byPath = /^([^/:]+:\/[^:]*?)(?::(\/.*)?)?$/.exec(tail);
  if (byPath) return { siteRef: byPath[1] ?? '', rest: byPath[2] ?? '' };
  const slash = tail.indexOf('/');
  return slash < 0 ? { siteRef: tail, rest: '' } : { siteRef: tail.slice(0, slash), rest: tail.slice(slash) };
}

function pageSize(query: URLSearchParams): number {
  const top = query.get('$top');
  if (top === null) return DEFAULT_PAGE_SIZE;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1) throw invalid(`Invalid $top value '${top}'.`);
  return Math.min(n, MAX_PAGE_SIZE);
}

/** `$expand=fields` or `$expand=fields($select=A,B)` → true or the names; undefined if not asked. */
function expandedFields(query: URLSearchParams): true | string[] | undefined {
  const expand = query.get('$expand') ?? query.get('expand');
  if (!expand) return undefined;
  const m = /(?:^|,)\s*fields(?:\(\s*\$?select=([^)]*)\))?/.exec(expand);
  if (!m) return undefined;
  return m[1]
    ? m[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : true;
}

export class Routes {
  constructor(
    private readonly model: SharePointModel,
    public baseUrl: string,
    private readonly rules: { readonly listUpdates: 'refused' | 'accepted'; readonly listPermissions?: 'readable' | 'forbidden' } = { listUpdates: 'refused' },
  ) {}

  /** The route for a request, or a 400/404/405 answer as a route that costs nothing. */
  resolve(request: GraphRequest): Route {
    try {
      return this.match(request);
    } catch (e) {
      if (e instanceof GraphProblem) return { cost: 0, kind: 'refused', run: () => e.answer() };
      throw e;
    }
  }

  private match(request: GraphRequest): Route {
    const url = new URL(request.url.startsWith('/') ? request.url : `/${request.url}`, 'http://stand-in');
    const path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
    const query = url.searchParams;
    const method = request.method.toUpperCase();
    const split = splitSite(path);
    if (!split) throw new GraphProblem(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
    const site = this.model.site(split.siteRef);
    const segments = split.rest.split('/').filter(Boolean);
    const wrap = (cost: number, kind: string, run: () => GraphAnswer): Route => ({ cost, kind, run: () => guarded(run) });
    const not = () => {
      throw new GraphProblem(405, 'methodNotAllowed', `${method} is not allowed on ${path}.`);
    };

    if (segments.length === 0) return method === 'GET' ? wrap(RU.singleItem, 'site.get', () => json(200, this.siteJson(site))) : not();
    if (segments[0] !== 'lists') throw new GraphProblem(400, 'BadRequest', `The stand-in does not serve '${segments[0]}' on a site.`);
    if (segments.length === 1) {
      if (method === 'GET') return wrap(RU.multiItem, 'lists.list', () => this.lists(site, query));
      if (method === 'POST') return wrap(RU.write, 'lists.create', () => json(201, listJson(site, this.model.createList(site, asObject(request.body)), true, columnJson)));
      return not();
    }
    const list = this.model.list(site, segments[1] ?? '');
    const [, , collection, id, sub] = segments;
    if (collection === undefined) {
      if (method === 'GET') return wrap(RU.singleItem, 'list.get', () => json(200, listJson(site, list, /columns/.test(query.get('$expand') ?? ''), columnJson)));
      if (method === 'PATCH') {
        // Graph v1.0 documents no update operation for a list (status assumed: a plain 400).
        if (this.rules.listUpdates === 'refused') throw invalid('Updating a list is not supported: change its columns instead.');
        return wrap(RU.write, 'list.update', () => json(200, listJson(site, this.model.updateList(list, asObject(request.body)), false, columnJson)));
      }
      return not();
    }
    if (collection === 'columns') {
      if (id === undefined) {
        if (method === 'GET') return wrap(RU.multiItem, 'columns.list', () => json(200, { value: list.columns.map(columnJson) }));
        if (method === 'POST') return wrap(RU.write, 'columns.create', () => json(201, columnJson(this.model.addColumn(list, asObject(request.body)))));
        return not();
      }
      if (method === 'GET') return wrap(RU.singleItem, 'column.get', () => json(200, columnJson(this.model.column(list, id))));
      if (method === 'PATCH') return wrap(RU.write, 'column.update', () => json(200, columnJson(this.model.updateColumn(list, id, asObject(request.body)))));
      return not();
    }
    if (collection === 'permissions') {
      // Graph v1.0: GET only for people's access (a POST adds only an application's permission).
      if (method !== 'GET' || id !== undefined) return not();
      if (this.rules.listPermissions === 'forbidden') throw new GraphProblem(403, 'accessDenied', 'Either scp or roles claim need to be present in the token.');
      return wrap(RU.multiItem, 'permissions.list', () => json(200, { value: list.permissions ?? inheritedPermissions(site) }));
    }
    if (collection !== 'items') throw new GraphProblem(400, 'BadRequest', `The stand-in does not serve '${collection}' on a list.`);
    if (id === undefined) {
      if (method === 'GET') return wrap(RU.multiItem, 'items.list', () => this.items(site, list, split, query, request.headers.prefer ?? ''));
      if (method === 'POST') {
        return wrap(RU.write, 'items.create', () => {
          const item = this.model.createItem(list, asObject(request.body).fields);
          return json(201, itemJson(this.baseUrl, site, list, item, true), { etag: itemJson(this.baseUrl, site, list, item, false).eTag as string });
        });
      }
      return not();
    }
    if (id === 'delta' || id === 'delta()') {
      if (method !== 'GET') return not();
      const token = query.get('token');
      return wrap(token ? RU.deltaWithToken : RU.deltaWithoutToken, 'items.delta', () => this.delta(site, list, split, query, token));
    }
    const ifMatch = request.headers['if-match'];
    if (sub === undefined) {
      if (method === 'GET') return wrap(RU.singleItem, 'item.get', () => json(200, itemJson(this.baseUrl, site, list, this.model.item(list, id), expandedFields(query) ?? true)));
      if (method === 'PATCH')
        return wrap(RU.write, 'item.update', () => json(200, itemJson(this.baseUrl, site, list, this.model.updateItem(list, this.model.item(list, id), asObject(request.body).fields, ifMatch), true)));
      if (method === 'DELETE') {
        return wrap(RU.write, 'item.delete', () => {
          this.model.deleteItem(list, this.model.item(list, id), ifMatch);
          return { status: 204, headers: {} };
        });
      }
      return not();
    }
    if (sub === 'fields') {
      if (method === 'GET') return wrap(RU.singleItem, 'item.fields.get', () => json(200, fieldsJson(this.model.item(list, id))));
      if (method === 'PATCH') return wrap(RU.write, 'item.update', () => json(200, fieldsJson(this.model.updateItem(list, this.model.item(list, id), request.body, ifMatch))));
      return not();
    }
    if (sub === 'versions' && method === 'GET') return wrap(RU.multiItem, 'item.versions', () => json(200, { value: versionsJson(this.model.item(list, id)) }));
    throw new GraphProblem(400, 'BadRequest', `The stand-in does not serve '${sub}' on an item.`);
  }

  private siteJson(site: Site): Record<string, unknown> {
    return { id: site.id, name: site.path.split('/').pop(), displayName: site.displayName, webUrl: `https://${site.hostname}${site.path}`, siteCollection: { hostname: site.hostname } };
  }

  private lists(site: Site, query: URLSearchParams): GraphAnswer {
    let lists = [...site.lists.values()];
    const filter = query.get('$filter');
    if (filter) {
      const m = /^\s*displayName\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(filter);
      if (!m) throw invalid(`The stand-in filters lists by displayName eq '...' only (got '${filter}').`);
      lists = lists.filter((l) => l.displayName === (m[1] ?? '').replace(/''/g, "'"));
    }
    return json(200, { value: lists.map((l) => listJson(site, l, /columns/.test(query.get('$expand') ?? ''), columnJson)) });
  }

  private link(split: { siteRef: string }, list: List, tail: string, query: URLSearchParams, replace: Record<string, string>, drop: readonly string[] = []): string {
    const next = new URLSearchParams(query);
    for (const d of drop) next.delete(d);
    for (const [k, v] of Object.entries(replace)) next.set(k, v);
    const sitePart = split.siteRef.includes(':') ? `${split.siteRef}:` : split.siteRef;
    return `${this.baseUrl}/sites/${sitePart}/lists/${list.id}/items${tail}?${next.toString().replace(/%24/g, '$')}`;
  }

  private items(site: Site, list: List, split: { siteRef: string }, query: URLSearchParams, prefer: string): GraphAnswer {
    if (query.get('$orderby')) throw invalid('The stand-in does not order list items; they come in id order.');
    const size = pageSize(query);
    const skip = query.get('$skiptoken');
    const after = skip ? decodeToken<SkipToken>(skip).after : 0;
    let items = [...list.items.values()];
    const filter = query.get('$filter');
    if (filter) items = applyFilter(list, items, parseFilter(filter), prefer);
    const rest = items.filter((i) => i.id > after);
    const page = rest.slice(0, size);
    const fields = expandedFields(query);
    const body: Record<string, unknown> = {
      '@odata.context': `${this.baseUrl}/$metadata#sites('${site.id}')/lists('${list.id}')/items`,
      value: page.map((i) => itemJson(this.baseUrl, site, list, i, fields ?? false)),
    };
    const last = page[page.length - 1];
    if (rest.length > size && last) body['@odata.nextLink'] = this.link(split, list, '', query, { $skiptoken: encodeToken({ after: last.id }) });
    return json(200, body);
  }

  private delta(site: Site, list: List, split: { siteRef: string }, query: URLSearchParams, token: string | null): GraphAnswer {
    const size = pageSize(query);
    const fields = expandedFields(query);
    const show = (i: Item) => itemJson(this.baseUrl, site, list, i, fields ?? false);
    const deltaLink = (since: number) => this.link(split, list, '/delta', query, { token: encodeToken({ mode: 'changes', list: list.id, epoch: list.tokenEpoch, since, after: since }) });
    const page = (value: unknown[], next: DeltaToken | undefined, since: number) =>
      json(200, {
        '@odata.context': `${this.baseUrl}/$metadata#Collection(listItem)`,
        value,
        ...(next ? { '@odata.nextLink': this.link(split, list, '/delta', query, { token: encodeToken(next) }) } : { '@odata.deltaLink': deltaLink(since) }),
      });

    if (token === 'latest') return page([], undefined, list.changeSeq);
    if (!token) return this.enumerate(list, { mode: 'enum', list: list.id, epoch: list.tokenEpoch, after: 0, upto: list.changeSeq }, size, show, page);
    const t = decodeToken<DeltaToken>(token);
    if (t.list !== list.id) throw invalid('The delta token belongs to another list.');
    if (t.epoch !== list.tokenEpoch) {
      // The documented 410: the token can no longer give changes; Location starts afresh.
      throw new GraphProblem(410, 'resyncRequired', 'The delta token is no longer valid: resynchronise from the start.', list.resync ?? 'resyncChangesApplyDifferences', {
        location: this.link(split, list, '/delta', query, {}, ['token']),
      });
    }
    if (t.mode === 'enum') return this.enumerate(list, t, size, show, page);
    const upto = t.upto ?? list.changeSeq;
    const changed: { seq: number; entry: unknown }[] = [];
    for (const i of list.items.values()) if (i.changeSeq > t.after && i.changeSeq <= upto) changed.push({ seq: i.changeSeq, entry: show(i) });
    for (const [id, seq] of list.tombstones) {
      if (seq > t.after && seq <= upto)
        changed.push({ seq, entry: { id: String(id), parentReference: { id: list.id, siteId: site.id }, deleted: { state: 'deleted' }, '@removed': { reason: 'deleted' } } });
    }
    changed.sort((a, b) => a.seq - b.seq);
    const chunk = changed.slice(0, size);
    const lastSeq = chunk[chunk.length - 1]?.seq ?? t.after;
    const more = changed.length > size;
    return page(
      chunk.map((c) => c.entry),
      more ? { mode: 'changes', list: list.id, epoch: list.tokenEpoch, since: t.since, after: lastSeq, upto } : undefined,
      upto,
    );
  }

  private enumerate(
    list: List,
    t: Extract<DeltaToken, { mode: 'enum' }>,
    size: number,
    show: (i: Item) => unknown,
    page: (value: unknown[], next: DeltaToken | undefined, since: number) => GraphAnswer,
  ): GraphAnswer {
    const rest = [...list.items.values()].filter((i) => i.id > t.after);
    const chunk = rest.slice(0, size);
    const last = chunk[chunk.length - 1];
    const more = rest.length > size && last;
    return page(chunk.map(show), more ? { ...t, after: last.id } : undefined, t.upto);
  }
}

function versionsJson(item: Item): unknown[] {
  return item.history
    .slice()
    .reverse()
    .map((v) => ({ id: `${v.version}.0`, lastModifiedDateTime: sharePointDateOf(v.modified), lastModifiedBy: { user: { displayName: 'SharePoint App' } } }));
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

function guarded(run: () => GraphAnswer): GraphAnswer {
  try {
    return run();
  } catch (e) {
    if (e instanceof GraphProblem) return e.answer();
    throw e;
  }
}
