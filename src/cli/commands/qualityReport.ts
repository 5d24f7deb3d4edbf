import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserFacingError } from '../../app/errors';
import type { QualityReportService } from '../../app/qualityReport';
import { renderQualityReportHtml } from '../../domain/qualityReport/html';
import { reportTables, toCsv } from '../../domain/qualityReport/tables';
import type { CliIo } from '../io';
import { UsageError } from '../io';

const USAGE =
  'Usage: phc report quarterly [--quarter 2026-Q3] [--csv <dir>] [--html <file>] [--json] | phc report themes add --theme "…" [--source <audit task id or words>] [--note "…"] [--quarter …] [--as <id>] | phc report themes list [--quarter …] | phc report themes remove <id>';

export interface ReportFlags {
  readonly quarter?: string | undefined;
  readonly csv?: string | undefined;
  readonly html?: string | undefined;
  readonly json?: boolean | undefined;
  readonly theme?: string | undefined;
  readonly source?: string | undefined;
  readonly note?: string | undefined;
  readonly as?: string | undefined;
}

function writeFile(io: CliIo, file: string, text: string): string {
  const full = path.resolve(io.cwd, file);
  try {
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  } catch {
    throw new UserFacingError(`Cannot write ${full}: check the folder exists and you may write there.`);
  }
  return full;
}

/** `phc report quarterly` and `phc report themes add|list|remove` */
export async function reportCommand(io: CliIo, service: QualityReportService, action: string | undefined, positional: readonly string[], flags: ReportFlags): Promise<void> {
  if (action === 'quarterly') {
    const report = await service.report(flags.quarter);
    const tables = reportTables(report);
    if (flags.csv !== undefined) {
      const written = tables.map((t) => writeFile(io, path.join(flags.csv!, `quality-report-${report.quarter.id}-${t.name}.csv`), toCsv(t)));
      if (!flags.json) io.out(`Wrote ${written.length} tables:\n${written.map((w) => `  ${w}`).join('\n')}`);
    }
    if (flags.html !== undefined) {
      const file = writeFile(io, flags.html, renderQualityReportHtml(report));
      if (!flags.json) io.out(`Wrote the printable report to ${file}; open it in a browser and print to PDF (A4).`);
    }
    if (flags.json) io.out(JSON.stringify(report, null, 2));
    else if (flags.csv === undefined && flags.html === undefined) {
      io.out(
        [
          `Quality Report, ${report.quarter.label} (as of ${report.asOf})`,
          ...tables.flatMap((t) => [`${t.title}:`, ...(t.rows.length === 0 ? ['  (nothing yet)'] : t.rows.map((r) => `  ${r.map((c) => (c === '' ? '–' : String(c))).join(' | ')}`))]),
          ...(report.actions ? [] : ['Action plan: no action plan yet.']),
        ].join('\n'),
      );
    }
    return;
  }
  if (action === 'themes') {
    const [verb, id] = positional;
    if (verb === 'add') {
      const saved = await service.tagTheme(flags.quarter, {
        taggedBy: flags.as ?? 'psw',
        ...(flags.theme === undefined ? {} : { theme: flags.theme }),
        ...(flags.source === undefined ? {} : { source: flags.source }),
        ...(flags.note === undefined ? {} : { note: flags.note }),
      });
      io.out(flags.json ? JSON.stringify(saved, null, 2) : `Tagged "${saved.theme}" for ${saved.quarter} (theme ${saved.id}).`);
      return;
    }
    if (verb === 'list') {
      const themes = await service.themes(flags.quarter);
      io.out(
        flags.json
          ? JSON.stringify(themes, null, 2)
          : themes.length === 0
            ? 'No themes tagged for this quarter.'
            : themes.map((t) => `${t.id}. ${t.theme}${t.source ? ` (${t.source})` : ''}${t.note ? `: ${t.note}` : ''}`).join('\n'),
      );
      return;
    }
    if (verb === 'remove' && id !== undefined && /^\d+$/.test(id)) {
      await service.removeTheme(Number(id));
      io.out(`Removed theme ${id}.`);
      return;
    }
  }
  throw new UsageError(USAGE);
}
