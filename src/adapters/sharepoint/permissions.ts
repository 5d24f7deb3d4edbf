import type { GraphClient } from '../graph/graphClient';
import { listSpec, type SyncedList } from './schema';
import { graphMessage } from './graphBatch';
import { readLists, SharePointError } from './site';

/**
 * The lists that hold survey answers, named audit records (and their samples), who was sent
 * which message, teams' sickness figures (39-steps returns) and who was invited to a focus
 * group and what they replied must not inherit the site's permissions: only the app, and the
 * admins the council names, may read them (anyone with the site and the staff directory would
 * otherwise be the "motivated intruder", or read more than the tab shows them).
 *
 * Microsoft Graph v1.0 can read a list's permissions (`GET /sites/{site}/lists/{list}/permissions`)
 * and can add an application's permission to a list, but documents no way to stop a list
 * inheriting the site's permissions or to take a user's or group's away: that is done once by a
 * SharePoint administrator (docs/data-protection.md, "Restricting the lists", with PnP
 * PowerShell). So provisioning and every start CHECK the lists and report what is open.
 */
export const RESTRICTED_LISTS: readonly SyncedList[] = ['responses', 'participation', 'auditTasks', 'auditRecords', 'supervisionSamples', 'orgDataReturns', 'messages', 'focusGroups'];

interface Identity {
  readonly id?: string;
  readonly displayName?: string;
  readonly email?: string;
  readonly loginName?: string;
}

/** A permission as Graph gives it (v1.0 `permission`: grantedToV2 and, for links and apps, grantedToIdentitiesV2). */
export interface GraphPermission {
  readonly id?: string;
  readonly roles?: readonly string[];
  readonly grantedToV2?: { readonly user?: Identity; readonly group?: Identity; readonly siteUser?: Identity; readonly siteGroup?: Identity; readonly application?: Identity };
  readonly grantedToIdentitiesV2?: readonly { readonly user?: Identity; readonly group?: Identity; readonly siteUser?: Identity; readonly siteGroup?: Identity; readonly application?: Identity }[];
  readonly link?: unknown;
}

export interface Allowed {
  /** The app's own Entra app id, when known (an app-only token has one; a system identity may not). */
  readonly appId: string | undefined;
  /** People the council names (PHC_ADMINS, the DPO): their Entra object ids or email addresses. */
  readonly people: readonly string[];
}

/** Who, beyond the app and the named admins, can reach the list: one line each, in words. */
export function openTo(permissions: readonly GraphPermission[], allowed: Allowed): string[] {
  const out: string[] = [];
  const people = new Set(allowed.people.map((p) => p.toLowerCase()));
  for (const p of permissions) {
    const roles = (p.roles ?? []).join(', ') || 'access';
    if (p.link) {
      out.push(`a sharing link (${roles})`);
      continue;
    }
    const grants = [p.grantedToV2, ...(p.grantedToIdentitiesV2 ?? [])].filter((g) => g !== undefined);
    for (const g of grants) {
      if (g.application) {
        if (allowed.appId !== undefined && g.application.id !== undefined && g.application.id.toLowerCase() !== allowed.appId.toLowerCase())
          out.push(`the app "${g.application.displayName ?? g.application.id}" (${roles})`);
        continue;
      }
      const user = g.user ?? g.siteUser;
      if (user) {
        const named = [user.id, user.email, user.loginName].some((x) => x !== undefined && (people.has(x.toLowerCase()) || [...people].some((n) => x.toLowerCase().endsWith(`|${n}`))));
        if (!named) out.push(`${user.displayName ?? user.email ?? user.id ?? 'a person'} (${roles})`);
        continue;
      }
      const group = g.siteGroup ?? g.group;
      if (group) out.push(`the group "${group.displayName ?? group.id ?? '?'}" (${roles})`);
    }
  }
  return out;
}

export type PermissionCheck =
  | { readonly kind: 'restricted'; readonly lists: readonly string[] }
  | { readonly kind: 'open'; readonly open: readonly { readonly list: string; readonly to: readonly string[] }[] }
  | { readonly kind: 'unchecked'; readonly why: string };

/** Reads each restricted list's permissions and says which are open to more than the app and the named admins. */
export async function checkRestrictedLists(client: GraphClient, siteId: string, allowed: Allowed): Promise<PermissionCheck> {
  const lists = await readLists(client, siteId);
  const open: { list: string; to: string[] }[] = [];
  const checked: string[] = [];
  for (const name of RESTRICTED_LISTS) {
    const spec = listSpec(name);
    const found = lists.find((l) => l.displayName.toLowerCase() === spec.displayName.toLowerCase());
    if (!found) continue;
    const answer = await client.request('GET', `/sites/${siteId}/lists/${found.id}/permissions`);
    if (answer.status === 401 || answer.status === 403 || answer.status === 404) {
      return {
        kind: 'unchecked',
        why: `the app may not read the permissions of "${spec.displayName}" (Graph answered ${answer.status}${graphMessage(answer.body)}): check them by hand (docs/data-protection.md, "Restricting the lists")`,
      };
    }
    if (answer.status !== 200) throw new SharePointError(`SharePoint answered ${answer.status} when reading the permissions of "${spec.displayName}"${graphMessage(answer.body)}.`, answer.status);
    const permissions = (answer.body as { value?: GraphPermission[] }).value ?? [];
    checked.push(spec.displayName);
    const to = openTo(permissions, allowed);
    if (to.length > 0) open.push({ list: spec.displayName, to });
  }
  return open.length > 0 ? { kind: 'open', open } : { kind: 'restricted', lists: checked };
}

/** The check in words, for provisioning and the server's start. */
export function describePermissionCheck(check: PermissionCheck): string[] {
  switch (check.kind) {
    case 'restricted':
      return [`Restricted as they should be (the app and the named admins only): ${check.lists.join(', ')}.`];
    case 'unchecked':
      return [`The restricted lists' permissions could not be checked: ${check.why}.`];
    case 'open':
      return [
        ...check.open.map((o) => `"${o.list}" is open to ${o.to.join(', ')}: only the app and the people in PHC_ADMINS should reach it.`),
        'Stop these lists inheriting the site\'s permissions and remove everyone else (docs/data-protection.md, "Restricting the lists"): Microsoft Graph cannot do this for the app.',
      ];
  }
}
