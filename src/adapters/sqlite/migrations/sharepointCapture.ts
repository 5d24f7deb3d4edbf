/**
 * A SharePoint change-capture trigger: the same guard as the baseline's (a site bound, not
 * applying SharePoint's own changes). The change is queued released, as named records are
 * (ADR 0011). Shared by the migrations after the baseline; the SQL each produces must not
 * change once released, so change this only by adding a new helper.
 */
export const capture = (name: string, event: string, list: string, key: string, cycle: string): string => `
      CREATE TRIGGER ${name} ${event}
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('${list}', ${key}, ${cycle}, 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;`;
