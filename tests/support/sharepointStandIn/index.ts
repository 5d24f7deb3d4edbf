/**
 * A local stand-in for Microsoft Graph's SharePoint lists API: see README.md here and
 * docs/adr/0010-sharepoint-stand-in-fidelity.md for what it models and what it does not.
 */
export { startSharePointStandIn, type SharePointStandIn, type SharePointStandInOptions, type SharePointStandInStats, type ThrottleRecord } from './server';
export { DAY_MS, DEFAULT_RU_PER_DAY, DEFAULT_RU_PER_MINUTE, MINUTE_MS, type DayUsage, type MinuteUsage } from './budget';
export { RU } from './costs';
export { MAX_BATCH_REQUESTS } from './batch';
export { LIST_VIEW_THRESHOLD, NON_INDEXED_PREFER } from './filter';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './routes';
export { APP_PRINCIPAL } from './model';
export type { Fault, FaultOptions } from './faults';
