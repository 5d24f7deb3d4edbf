import { GraphError } from '@microsoft/microsoft-graph-client';
import { type DirectoryMapping, type DirectoryMappingResult, type DirectoryUser, mapDirectoryUsers } from '../../domain/organisation/directoryMapping';
import type { Organisation } from '../../domain/organisation/types';
import { DirectorySourceError, type Directory, type OrganisationSource } from '../../ports/directory';
import type { GraphClient } from './graphClient';

/**
 * The organisation read from a Microsoft Entra tenant through Graph (application permission
 * User.Read.All). Retries, throttling (429 / Retry-After), auth and timeouts are the
 * client's middleware; this reads pages and maps.
 *
 * Managers come with the users, one request per page: `GET /users?$select=…&$expand=manager($select=id)`.
 * Graph caps pages with `$expand` at 100 users (a known limit), so a council of 1,000 staff
 * is about ten requests, against a thousand for `GET /users/{id}/manager` one by one. If a
 * tenant refuses the expand (400), the adapter falls back to the one-by-one lookup, where
 * 404 means "no manager". `directReports` is not read: it is the same links seen from the
 * other end, and `$expand=directReports` returns at most 20 per person.
 */

export const USER_FIELDS = ['id', 'displayName', 'jobTitle', 'department', 'officeLocation', 'accountEnabled', 'userType'] as const;

export interface GraphDirectoryOptions {
  readonly client: GraphClient;
  readonly mapping: DirectoryMapping;
  /** `$top` of the users query; Graph allows 1–999 (and gives at most 100 with `$expand`). */
  readonly pageSize?: number;
  /** `expand` (default): managers with the users; `per-user`: `GET /users/{id}/manager` for each. */
  readonly managers?: 'expand' | 'per-user';
  /** Manager lookups at once in `per-user` mode (default 4), to stay under Graph's throttling. */
  readonly concurrency?: number;
}

interface GraphUser {
  readonly id?: unknown;
  readonly displayName?: unknown;
  readonly jobTitle?: unknown;
  readonly department?: unknown;
  readonly officeLocation?: unknown;
  readonly accountEnabled?: unknown;
  readonly userType?: unknown;
  readonly manager?: { readonly id?: unknown } | null;
}

interface GraphPage {
  readonly value?: readonly GraphUser[];
  readonly '@odata.nextLink'?: string;
}

/** What reading the tenant found, in plain words for whoever runs `phc org sync`. */
export class GraphDirectoryError extends DirectorySourceError {}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export class GraphDirectory implements Directory, OrganisationSource {
  readonly name = 'Microsoft Graph';

  constructor(private readonly options: GraphDirectoryOptions) {}

  async organisation(): Promise<Organisation> {
    return (await this.read()).organisation;
  }

  /** Users read and mapped, with the report of what could not be placed. `previous`: the stored organisation, for supervision set by a CSV import. */
  async read(previous?: Organisation): Promise<DirectoryMappingResult & { readonly requests: number }> {
    const { users, requests } = await this.users();
    return { ...mapDirectoryUsers(users, this.options.mapping, previous), requests };
  }

  /** Every user of the tenant with their manager's id, following `@odata.nextLink`. */
  async users(): Promise<{ users: DirectoryUser[]; requests: number }> {
    const counter = { requests: 0 };
    if ((this.options.managers ?? 'expand') === 'expand') {
      try {
        return { users: await this.pages(`manager($select=id)`, counter), requests: counter.requests };
      } catch (error) {
        if (!(error instanceof GraphError) || error.statusCode !== 400) throw plain(error);
        // Some tenants (or national clouds) refuse the expand: fall back to asking user by user.
      }
    }
    const users = await this.pages(undefined, counter);
    const withManagers = await this.managersOneByOne(users, counter);
    return { users: withManagers, requests: counter.requests };
  }

  private async pages(expand: string | undefined, counter: { requests: number }): Promise<DirectoryUser[]> {
    const top = Math.min(999, Math.max(1, this.options.pageSize ?? 999));
    let path: string | undefined = `/users?$select=${USER_FIELDS.join(',')}${expand ? `&$expand=${expand}` : ''}&$top=${top}`;
    const out: DirectoryUser[] = [];
    const seen = new Set<string>();
    while (path !== undefined) {
      counter.requests++;
      let page: GraphPage;
      try {
        page = (await this.options.client.sdk.api(path).get()) as GraphPage;
      } catch (error) {
        if (expand && error instanceof GraphError && error.statusCode === 400) throw error;
        throw plain(error);
      }
      for (const u of page.value ?? []) {
        const id = str(u.id);
        if (id === undefined || seen.has(id)) continue;
        seen.add(id);
        out.push({
          id,
          displayName: str(u.displayName) ?? id,
          jobTitle: str(u.jobTitle) ?? null,
          department: str(u.department) ?? null,
          officeLocation: str(u.officeLocation) ?? null,
          accountEnabled: typeof u.accountEnabled === 'boolean' ? u.accountEnabled : null,
          userType: str(u.userType) ?? null,
          managerId: expand ? str(u.manager?.id) : undefined,
        });
      }
      path = this.nextPath(page['@odata.nextLink']);
    }
    return out;
  }

  /** The next page's path under the configured base URL; a link elsewhere is refused, never followed. */
  private nextPath(link: string | undefined): string | undefined {
    if (link === undefined) return undefined;
    const base = this.options.client.baseUrl;
    if (!link.startsWith(`${base}/`)) throw new GraphDirectoryError(`Microsoft Graph gave a next page outside ${base}; stopped reading the directory.`);
    return link.slice(base.length);
  }

  private async managersOneByOne(users: readonly DirectoryUser[], counter: { requests: number }): Promise<DirectoryUser[]> {
    const out: DirectoryUser[] = [...users];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < users.length; i = next++) {
        const user = users[i];
        if (user === undefined || user.accountEnabled === false || user.userType === 'Guest') continue;
        counter.requests++;
        try {
          const manager = (await this.options.client.sdk.api(`/users/${encodeURIComponent(user.id)}/manager?$select=id`).get()) as { id?: unknown };
          out[i] = { ...user, managerId: str(manager.id) };
        } catch (error) {
          // 404: Graph's way of saying this person has no manager.
          if (error instanceof GraphError && error.statusCode === 404) continue;
          throw plain(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 4) }, worker));
    return out;
  }
}

/** A Graph failure in words an administrator can act on. */
function plain(error: unknown): Error {
  if (error instanceof GraphDirectoryError) return error;
  if (error instanceof GraphError) {
    switch (error.statusCode) {
      case 401:
        return new GraphDirectoryError("Microsoft Graph did not accept the app's token (401): check MicrosoftAppTenantId, MicrosoftAppId and MicrosoftAppPassword.");
      case 403:
        return new GraphDirectoryError('The app is not allowed to read the directory (403): grant it the application permission User.Read.All, with admin consent.');
      case 429:
        return new GraphDirectoryError('Microsoft Graph is throttling the app (429) and asked to wait longer than the app waits; try again in a few minutes.');
      default:
        return new GraphDirectoryError(`Microsoft Graph answered ${error.statusCode} while reading the directory${error.message ? ` (${error.message})` : ''}.`);
    }
  }
  const message = (error as { message?: unknown } | undefined)?.message;
  return new GraphDirectoryError(`Could not reach Microsoft Graph to read the directory (${typeof message === 'string' && message !== '' ? message : String(error)}).`);
}
