/**
 * Resource units per Graph request to SharePoint ("Avoid getting throttled or blocked in
 * SharePoint Online"): 1 for a single item, or a delta query with a token; 2 for a
 * multi-item query, a delta query without a token, and any create, update or delete.
 * (5 for permission operations, which the app does not use.)
 */
export const RU = {
  singleItem: 1,
  deltaWithToken: 1,
  multiItem: 2,
  deltaWithoutToken: 2,
  write: 2,
} as const;
