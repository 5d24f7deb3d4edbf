import { retryAfterMs, type GraphClient } from '../graph/graphClient';
import { graphMessage } from './graphBatch';
import { describeKeyColumn, describeList, LISTS, PHC_ID, SCHEMA_VERSION, schemaVersionOf, type ColumnSpec, type ListSpec } from './schema';
import { readLists, SharePointError, type ExistingColumn, type ExistingList } from './site';

/** One change provisioning would make (or made). */
export type Step =
  | { readonly kind: 'create-list'; readonly list: ListSpec }
  | { readonly kind: 'add-column'; readonly list: ListSpec; readonly listId: string; readonly column: ColumnSpec }
  | { readonly kind: 'index-column'; readonly list: ListSpec; readonly listId: string; readonly column: ColumnSpec; readonly columnId: string }
  | { readonly kind: 'add-choices'; readonly list: ListSpec; readonly listId: string; readonly column: ColumnSpec; readonly columnId: string; readonly choices: readonly string[] }
  | { readonly kind: 'set-schema-version'; readonly list: ListSpec; readonly listId: string; readonly columnId: string; readonly from: number | undefined };

export interface Plan {
  readonly steps: readonly Step[];
  /** Differences provisioning will not resolve itself (a column of another type): said, never overwritten. */
  readonly conflicts: readonly string[];
}

/**
 * The columnDefinition Graph takes for a column. The key column's description carries the
 * list's schema version (`describeKeyColumn`): a column can be updated through Graph, a list
 * cannot.
 */
export function columnDefinition(c: ColumnSpec): Record<string, unknown> {
  const base = {
    name: c.name,
    displayName: c.displayName,
    ...(c.name === PHC_ID ? { description: describeKeyColumn() } : {}),
    indexed: c.indexed === true,
    enforceUniqueValues: c.unique === true,
    required: c.required === true,
  };
  switch (c.type.kind) {
    case 'text':
      return { ...base, text: c.type.multiline ? { allowMultipleLines: true, textType: 'plain', linesForEditing: 6 } : { allowMultipleLines: false, maxLength: 255 } };
    case 'number':
      return { ...base, number: { decimalPlaces: c.type.decimals === 0 ? 'none' : 'automatic' } };
    case 'choice':
      return { ...base, choice: { choices: [...c.type.choices], displayAs: 'dropDownMenu', allowTextEntry: false } };
    case 'date':
      return { ...base, dateTime: { format: 'dateOnly', displayAs: 'standard' } };
    case 'boolean':
      return { ...base, boolean: {} };
  }
}

function typeOf(c: ExistingColumn): string {
  if (c.text) return c.text.allowMultipleLines ? 'text-multiline' : 'text';
  for (const k of ['number', 'choice', 'dateTime', 'boolean', 'personOrGroup'] as const) if (c[k] !== undefined && c[k] !== null) return k === 'dateTime' ? 'date' : k;
  return 'other';
}

const wanted = (c: ColumnSpec): string => (c.type.kind === 'text' && c.type.multiline ? 'text-multiline' : c.type.kind);

const keyColumnOf = (list: ExistingList): ExistingColumn | undefined => list.columns.find((c) => c.name.toLowerCase() === PHC_ID.toLowerCase());

/**
 * The schema version a list was provisioned at. Lists provisioned before the version moved to
 * the key column say it in their description (which can no longer be changed); the later of
 * the two is the list's.
 */
export function listSchemaVersion(list: ExistingList): number | undefined {
  const recorded = [schemaVersionOf(keyColumnOf(list)?.description), schemaVersionOf(list.description)].filter((v): v is number => v !== undefined);
  return recorded.length === 0 ? undefined : Math.max(...recorded);
}

/** What has to change for the site's lists to match the schema. Pure: compares, calls nothing. */
export function planProvisioning(existing: readonly ExistingList[], specs: readonly ListSpec[] = LISTS): Plan {
  const steps: Step[] = [];
  const conflicts: string[] = [];
  for (const list of specs) {
    const found = existing.find((l) => l.displayName.toLowerCase() === list.displayName.toLowerCase());
    if (!found) {
      steps.push({ kind: 'create-list', list });
      continue;
    }
    for (const column of list.columns) {
      const have = found.columns.find((c) => c.name.toLowerCase() === column.name.toLowerCase());
      if (!have) {
        steps.push({ kind: 'add-column', list, listId: found.id, column });
        continue;
      }
      if (typeOf(have) !== wanted(column)) {
        conflicts.push(
          `${list.displayName}: column ${column.name} is ${typeOf(have)} in SharePoint but should be ${wanted(column)}; left as it is (change it by hand, or remove it and provision again)`,
        );
        continue;
      }
      if (column.indexed && !have.indexed) steps.push({ kind: 'index-column', list, listId: found.id, column, columnId: have.id });
      if (column.type.kind === 'choice') {
        const missing = column.type.choices.filter((c) => !(have.choice?.choices ?? []).includes(c));
        if (missing.length > 0) steps.push({ kind: 'add-choices', list, listId: found.id, column, columnId: have.id, choices: [...(have.choice?.choices ?? []), ...missing] });
      }
    }
    const key = keyColumnOf(found);
    const version = listSchemaVersion(found);
    if (version !== SCHEMA_VERSION) {
      if (version !== undefined && version > SCHEMA_VERSION) {
        conflicts.push(`${list.displayName} is at schema ${version}, newer than this version of the app (${SCHEMA_VERSION}); upgrade the app rather than provision with this one`);
      } else if (key) steps.push({ kind: 'set-schema-version', list, listId: found.id, columnId: key.id, from: version });
      // Without a key column, the step that adds it records the version.
    }
  }
  return { steps, conflicts };
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'create-list':
      return `create list "${step.list.displayName}" with ${step.list.columns.length} columns (${step.list.columns
        .filter((c) => c.indexed)
        .map((c) => c.name)
        .join(', ')} indexed)`;
    case 'add-column':
      return `add column ${step.column.name} (${wanted(step.column)}${step.column.indexed ? ', indexed' : ''}) to "${step.list.displayName}"`;
    case 'index-column':
      return `index column ${step.column.name} of "${step.list.displayName}" (the app filters on it)`;
    case 'add-choices':
      return `add choices to ${step.column.name} of "${step.list.displayName}": ${step.choices.join(', ')}`;
    case 'set-schema-version':
      return `record schema ${SCHEMA_VERSION} on "${step.list.displayName}" (was ${step.from ?? 'none'})`;
  }
}

/** Reads the site and plans. */
export async function planForSite(client: GraphClient, siteId: string, specs: readonly ListSpec[] = LISTS): Promise<Plan> {
  return planProvisioning(await readLists(client, siteId), specs);
}

/** SharePoint waited for, while provisioning: which step, why, how long, and the how-manyth time. */
export interface ProvisionWait {
  readonly step: Step;
  /** 429 (throttled) or 503 (too busy). */
  readonly status: number;
  readonly waitMs: number;
  /** 1 for the first wait on this step. */
  readonly wait: number;
  /** Whether SharePoint said how long (Retry-After), or the wait is our own backoff. */
  readonly asked: boolean;
}

export interface ApplyOptions {
  /** Told when a step is done. */
  readonly onStep?: (step: Step) => void;
  /** Told before each wait SharePoint asks for, so that whoever runs it knows why it is quiet. */
  readonly onWait?: (wait: ProvisionWait) => void;
  /** How to wait (tests pass the stand-in's clock). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Waits on any one step before giving up (default 10, as PnP's retry handler makes). */
  readonly maxWaits?: number;
  /**
   * The longest single wait (default 5 minutes: SharePoint has been seen to ask for 300 s and
   * more): a longer one is said and not waited for, as provisioning can simply be run again.
   */
  readonly maxWaitMs?: number;
}

/** The statuses SharePoint throttles with; the step was not carried out, so it is safe to send again. */
const THROTTLED = new Set([429, 503]);
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const seconds = (ms: number): string => `${Math.ceil(ms / 1_000)} s`;

/** A wait in words, for the admin running `phc sharepoint provision`. */
export function describeWait(w: ProvisionWait): string {
  const why = w.status === 429 ? 'SharePoint is throttling the app (429)' : 'SharePoint is too busy (503)';
  const howLong = w.asked ? `waiting ${seconds(w.waitMs)} as it asked` : `waiting ${seconds(w.waitMs)}`;
  return `${why}: ${howLong}, then trying again to ${describeStep(w.step)}${w.wait > 1 ? ` (wait ${w.wait})` : ''}.`;
}

/**
 * Carries out a plan, step by step, in order; stops at the first step SharePoint refuses.
 * Creating every list at once can use more than a minute's resource units of a tenant, and
 * SharePoint Online then answers 429 (or 503) with Retry-After. Microsoft's guidance ("Avoid
 * getting throttled or blocked in SharePoint Online": how to handle throttling) is to wait as
 * long as it says and send the same request again, since throttled requests count against
 * the app too. A throttled step was not carried out, so the same step is sent again; every
 * wait is said (onWait), and the waits are bounded so a tenant that never lets up ends in
 * words, not a hang. Provisioning reads the site afresh each run, so running it again later
 * carries on where it stopped.
 */
export async function applyPlan(client: GraphClient, siteId: string, plan: Plan, options: ApplyOptions = {}): Promise<void> {
  const sleep = options.sleep ?? realSleep;
  const maxWaits = options.maxWaits ?? 10;
  const maxWaitMs = options.maxWaitMs ?? 300_000;
  for (const step of plan.steps) {
    for (let wait = 1; ; wait++) {
      const answer = await request(client, siteId, step);
      if (answer.status >= 200 && answer.status < 300) break;
      const refused = `SharePoint refused to ${describeStep(step)} (${answer.status}${graphMessage(answer.body)}).`;
      if (THROTTLED.has(answer.status)) {
        const asked = retryAfterMs(answer.headers.get('retry-after'));
        // Without Retry-After, back off as Microsoft suggests: 2, 4, 8… seconds.
        const waitMs = asked ?? Math.min(maxWaitMs, 1_000 * 2 ** wait);
        const again = 'Nothing is lost: run provision again later and it carries on where it stopped.';
        if (wait > maxWaits) throw new SharePointError(`${refused} It was still refusing after ${maxWaits} waits. ${again}`, answer.status);
        if (waitMs > maxWaitMs) throw new SharePointError(`${refused} It asked to wait ${seconds(waitMs)}, longer than provisioning waits. ${again}`, answer.status);
        options.onWait?.({ step, status: answer.status, waitMs, wait, asked: asked !== undefined });
        await sleep(waitMs);
        continue;
      }
      const hint = answer.status === 403 ? ' The app needs Sites.Selected with "manage" on this site (or Sites.Manage.All).' : '';
      throw new SharePointError(`${refused}${hint}`, answer.status);
    }
    options.onStep?.(step);
  }
}

function request(client: GraphClient, siteId: string, step: Step) {
  const lists = `/sites/${siteId}/lists`;
  switch (step.kind) {
    case 'create-list':
      return client.request('POST', lists, {
        displayName: step.list.displayName,
        description: describeList(step.list),
        list: { template: 'genericList' },
        columns: step.list.columns.map(columnDefinition),
      });
    case 'add-column':
      return client.request('POST', `${lists}/${step.listId}/columns`, columnDefinition(step.column));
    case 'index-column':
      return client.request('PATCH', `${lists}/${step.listId}/columns/${step.columnId}`, { indexed: true });
    case 'add-choices':
      return client.request('PATCH', `${lists}/${step.listId}/columns/${step.columnId}`, { choice: { choices: step.choices, displayAs: 'dropDownMenu', allowTextEntry: false } });
    case 'set-schema-version':
      return client.request('PATCH', `${lists}/${step.listId}/columns/${step.columnId}`, { description: describeKeyColumn() });
  }
}
