import { csvCell } from '../../../src/domain/shared/csv';

/**
 * CSV of a table on screen, exactly as shown: a cell the server hid for anonymity stays
 * hidden (its reason is the cell's text), so an export can never say more than the page.
 */
export interface TableData {
  readonly title: string;
  readonly columns: readonly string[];
  /** Each cell as the page shows it. */
  readonly rows: readonly (readonly (string | number | null)[])[];
}

export function toCsv(table: TableData): string {
  const lines = [table.columns.map(csvCell).join(','), ...table.rows.map((r) => r.map(csvCell).join(','))];
  // Byte-order mark so Excel opens "£" and "–" correctly; CRLF as RFC 4180 says.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** "Health check 2024-25 – by team" → "health-check-2024-25-by-team.csv" */
export function csvFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'table'}.csv`;
}
