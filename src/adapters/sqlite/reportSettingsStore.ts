import type { ReportSettingsStore } from '../../ports/reportSettings';
import type { Db } from './database';

/** The PSW's report settings (`report_settings`), JSON by key. */
export function sqliteReportSettingsStore(db: Db): ReportSettingsStore {
  const select = db.prepare('SELECT value FROM report_settings WHERE key = ?').pluck();
  const upsert = db.prepare('INSERT INTO report_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM report_settings WHERE key = ?');
  return {
    async get(key: string) {
      const value = select.get(key) as string | undefined;
      return value === undefined ? undefined : (JSON.parse(value) as unknown);
    },
    async set(key: string, value: unknown) {
      upsert.run(key, JSON.stringify(value));
    },
    async remove(key: string) {
      remove.run(key);
    },
  };
}
