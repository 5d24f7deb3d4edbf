import type { QualityTheme, QualityThemeStore } from '../../ports/qualityThemes';
import { StoreError } from '../../ports/stores';
import { checkDate } from './codec';
import type { Db } from './database';

interface Row {
  readonly id: number;
  readonly quarter: string;
  readonly theme: string;
  readonly source: string;
  readonly note: string;
  readonly tagged_by: string;
  readonly tagged_on: string;
}

const toTheme = (r: Row): QualityTheme => ({ id: r.id, quarter: r.quarter, theme: r.theme, source: r.source, note: r.note, taggedBy: r.tagged_by, taggedOn: checkDate(r.tagged_on, 'tagged date') });

/** Themes the PSW tags for the Quality Report (`quality_themes`). */
export function sqliteQualityThemeStore(db: Db): QualityThemeStore {
  const insert = db.prepare('INSERT INTO quality_themes (quarter, theme, source, note, tagged_by, tagged_on) VALUES (?, ?, ?, ?, ?, ?) RETURNING *');
  const byQuarter = db.prepare('SELECT * FROM quality_themes WHERE quarter = ? ORDER BY theme, id');
  const remove = db.prepare('DELETE FROM quality_themes WHERE id = ?');
  return {
    async add(t) {
      if (!/^\d{4}-Q[1-4]$/.test(t.quarter)) throw new StoreError('invalid', `"${t.quarter}" is not a quarter (YYYY-Qn).`);
      if (t.theme.trim() === '') throw new StoreError('invalid', 'A theme needs some words.');
      return toTheme(insert.get(t.quarter, t.theme, t.source, t.note, t.taggedBy, checkDate(t.taggedOn, 'tagged date')) as Row);
    },
    async forQuarter(quarter: string) {
      return (byQuarter.all(quarter) as Row[]).map(toTheme);
    },
    async remove(id: number) {
      return remove.run(id).changes > 0;
    },
  };
}
