import type { App } from '../../app/app';
import { UserFacingError } from '../../app/errors';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { readInputFile } from '../inputFile';

/** `phc responses import <file> --cycle <id> [--dry-run]` */
export async function responsesCommand(
  io: CliIo,
  app: App,
  action: string | undefined,
  positional: readonly string[],
  flags: { cycle?: string | undefined; 'dry-run'?: boolean | undefined; json?: boolean | undefined },
): Promise<void> {
  if (action !== 'import') throw new UsageError('Usage: phc responses import <file.csv|file.jsonl> --cycle <id> [--dry-run]');
  const file = positional[0];
  if (!file || !flags.cycle) throw new UsageError('Usage: phc responses import <file.csv|file.jsonl> --cycle <id> [--dry-run]');
  const text = readInputFile(io, file);
  const report = await app.imports.importResponses(flags.cycle, file, text, { dryRun: flags['dry-run'] ?? false });
  if (flags.json) io.out(JSON.stringify(report, null, 2));
  if (report.problems.length > 0) {
    const badRows = new Set(report.problems.map((p) => p.line)).size;
    throw new UserFacingError(
      `Nothing was imported: ${badRows} of ${report.rows} rows have problems. Correct them and import the whole file again.`,
      report.problems.map((p) => `line ${p.line}, ${p.column !== undefined ? `column ${p.column} (${p.questionId})` : p.questionId || 'row'}: ${p.message}`),
    );
  }
  if (!flags.json) {
    io.out(flags['dry-run'] ? `All ${report.rows} rows are valid; nothing was imported (dry run).` : `Imported ${report.imported} responses into ${flags.cycle}.`);
  }
}
