import type { GraphClient } from '../graph/graphClient';
import { graphMessage } from './graphBatch';

export interface SiteRef {
  readonly id: string;
  readonly webUrl?: string;
  readonly displayName?: string;
}

/** A column as Graph describes it (columnDefinition), the parts provisioning compares. */
export interface ExistingColumn {
  readonly id: string;
  readonly name: string;
  readonly description?: string | null;
  readonly indexed?: boolean;
  readonly enforceUniqueValues?: boolean;
  readonly readOnly?: boolean;
  readonly text?: { readonly allowMultipleLines?: boolean };
  readonly number?: unknown;
  readonly choice?: { readonly choices?: readonly string[] };
  readonly dateTime?: unknown;
  readonly boolean?: unknown;
  readonly personOrGroup?: unknown;
}

export interface ExistingList {
  readonly id: string;
  readonly displayName: string;
  readonly description?: string;
  readonly columns: readonly ExistingColumn[];
}

export class SharePointError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SharePointError';
  }
}

/**
 * The Graph path of a site given as a URL (`https://contoso.sharepoint.com/sites/phc`), as
 * `host:/path`, or as a site id (`host,guid,guid`): `GET /sites/{hostname}:/{path}` for a
 * URL, the id as it is otherwise.
 */
export function sitePath(site: string): string {
  const input = site.trim();
  if (input === '') throw new SharePointError('Say which SharePoint site: its address (https://….sharepoint.com/sites/…) or its id.');
  if (/^https?:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new SharePointError(`"${input}" is not a web address.`);
    }
    const path = url.pathname.replace(/\/+$/, '');
    return path === '' ? `/sites/${url.hostname}` : `/sites/${url.hostname}:${path}`;
  }
  return `/sites/${input}`;
}

export async function resolveSite(client: GraphClient, site: string): Promise<SiteRef> {
  const answer = await client.request('GET', `${sitePath(site)}?$select=id,webUrl,displayName`);
  if (answer.status === 404) throw new SharePointError(`There is no SharePoint site at ${site} (or the app has not been given access to it).`, 404);
  if (answer.status === 401 || answer.status === 403) {
    throw new SharePointError(`The app may not read the site ${site} (${answer.status}): grant it Sites.Selected with "manage" on this site, or Sites.Manage.All.`, answer.status);
  }
  if (answer.status !== 200) throw new SharePointError(`SharePoint answered ${answer.status} when looking up the site${graphMessage(answer.body)}.`, answer.status);
  const body = answer.body as { id?: unknown; webUrl?: unknown; displayName?: unknown };
  if (typeof body.id !== 'string') throw new SharePointError('SharePoint described the site without an id.');
  return { id: body.id, ...(typeof body.webUrl === 'string' ? { webUrl: body.webUrl } : {}), ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}) };
}

/** Every list of the site with its columns, following `@odata.nextLink`. */
export async function readLists(client: GraphClient, siteId: string): Promise<ExistingList[]> {
  const lists: ExistingList[] = [];
  let url: string | undefined = `/sites/${siteId}/lists?$select=id,displayName,description&$expand=columns`;
  while (url) {
    const answer = await client.request('GET', url);
    if (answer.status !== 200) throw new SharePointError(`SharePoint answered ${answer.status} when listing the site's lists${graphMessage(answer.body)}.`, answer.status);
    const body = answer.body as { value?: ExistingList[]; '@odata.nextLink'?: string };
    for (const l of body.value ?? []) lists.push({ ...l, columns: l.columns ?? [] });
    url = body['@odata.nextLink'];
  }
  return lists;
}
