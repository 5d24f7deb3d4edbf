import type { Db } from '../../sqlite/database';
import { actions } from './actions';
import { auditPlans } from './auditPlans';
import { auditRecords } from './auditRecords';
import { auditTasks } from './auditTasks';
import { cycles } from './cycles';
import { messagePlans } from './messagePlans';
import { messages } from './messages';
import { orgDataReturns } from './orgDataReturns';
import type { Fields } from './fields';
import { participation } from './participation';
import { questionnaires } from './questionnaires';
import { responses } from './responses';
import { SYNCED_LISTS, type ListSpec, type SyncedList } from './spec';
import { supervisionLog } from './supervisionLog';
import { supervisionSamples } from './supervisionSamples';
import type { SharePointList } from './types';
import { youSaidWeDid } from './youSaidWeDid';
import { focusGroups } from './focusGroups';
import { selfAssessments } from './selfAssessments';
import { thematicReviews } from './thematicReviews';

/**
 * Every list the app keeps records in, one module each. The list names are `SYNCED_LISTS`
 * (spec.ts), in dependency order (responses and participation need their cycle, an audit
 * record its task); this table gives each its module, so a name without a module, or a
 * module without a name, does not compile. The one place list names come from.
 */
const MODULES: { readonly [L in SyncedList]: SharePointList<L> } = {
  questionnaires,
  cycles,
  messagePlans,
  responses,
  participation,
  auditPlans,
  auditTasks,
  auditRecords,
  supervisionLog,
  supervisionSamples,
  actions,
  youSaidWeDid,
  orgDataReturns,
  messages,
  focusGroups,
  thematicReviews,
  selfAssessments,
};

/** The lists in dependency order. */
export const LIST_MODULES: readonly SharePointList[] = SYNCED_LISTS.map((name) => MODULES[name]);

export function listModule(name: SyncedList): SharePointList {
  return MODULES[name];
}

/** Every list's columns, as provisioning creates them. */
export const LISTS: readonly ListSpec[] = LIST_MODULES.map((m) => m.spec);

export function listSpec(name: SyncedList): ListSpec {
  return MODULES[name].spec;
}

/**
 * Between the local read model's rows and list items' fields. Reading the local row when a
 * write leaves (rather than copying it into the outbox) means the outbox holds keys only, and
 * a record changed twice is written once, as it is now.
 */
export interface LocalRowReader {
  /** The fields to write for a pending record, or undefined when the local row is gone or must not leave. */
  fieldsOf(list: SyncedList, key: string): Fields | undefined;
}

export function localRowReader(db: Db): LocalRowReader {
  const readers = new Map(LIST_MODULES.map((m) => [m.name, m.reader(db)] as const));
  return {
    fieldsOf(list, key) {
      const read = readers.get(list);
      if (!read) throw new Error(`No SharePoint list is defined for ${list}.`);
      return read(key);
    },
  };
}

export type { SharePointList, SyncContext } from './types';
export type { Fields, Parsed } from './fields';
export { fromSharePointDate, toSharePointDate } from './fields';
export { SYNCED_LISTS, type ListSpec, type ListName, type SyncedList, type ColumnSpec, type ColumnType } from './spec';
