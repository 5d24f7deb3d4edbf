import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { csvFileName, toCsv, type TableData } from '../model/csv';
import type { NamedRecordKind } from '../../../src/domain/dataProtection/access';
import { api } from '../api';

export interface DataTableProps extends TableData {
  /** Optional richer rendering of a cell; the CSV always uses the plain value. */
  readonly render?: (row: number, column: number) => ReactNode;
  /** `data-key` of each row, for links and tests. */
  readonly rowKeys?: readonly string[];
  readonly caption?: string;
  /** The table lists named records of this kind: its CSV download is written to the access log as an export. */
  readonly named?: NamedRecordKind;
}

function download(table: TableData): void {
  const blob = new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = csvFileName(table.title);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A table with "Download CSV". Wide tables scroll sideways inside a focusable region, so
 * they stay usable at 320 px and by keyboard.
 */
export function DataTable(props: DataTableProps) {
  const { title, columns, rows, render, rowKeys, caption, named } = props;
  const downloadLogged = () => {
    download({ title, columns, rows });
    // Best effort: the read that filled the table was logged already.
    if (named) void api('/api/data-protection/exports', { method: 'POST', body: { what: named, rows: rows.length } }).catch(() => undefined);
  };
  return (
    <section className="phc-table" aria-label={title}>
      <div className="phc-table-bar">
        <h3 className="phc-table-title">{title}</h3>
        <Button size="small" onClick={downloadLogged} aria-label={`Download CSV: ${title}`}>
          Download CSV
        </Button>
      </div>
      <div className="phc-scroll" role="region" aria-label={`${title} (scrolls sideways)`} tabIndex={0}>
        <Table size="small" aria-label={title}>
          {caption && <caption className="phc-caption">{caption}</caption>}
          <TableHeader>
            <TableRow>
              {columns.map((c) => (
                <TableHeaderCell key={c}>{c}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row, r) => (
              <TableRow key={rowKeys?.[r] ?? r} data-key={rowKeys?.[r]}>
                {row.map((value, c) => (
                  <TableCell key={c}>{render ? (render(r, c) ?? value) : value}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
