import { UserFacingError } from '../../app/errors';
import type { OrganisationService } from '../../app/organisationImport';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { readInputFile } from '../inputFile';

const USAGE = 'Usage: phc org import <file.csv> [--dry-run] [--json] | phc org show [--json]';

/** `phc org import <file.csv> [--dry-run]` and `phc org show [--json]` */
export async function orgCommand(
  io: CliIo,
  service: OrganisationService,
  action: string | undefined,
  positional: readonly string[],
  flags: { 'dry-run'?: boolean | undefined; json?: boolean | undefined },
): Promise<void> {
  switch (action) {
    case 'import': {
      const file = positional[0];
      if (!file) throw new UsageError(USAGE);
      const text = readInputFile(io, file);
      const report = await service.importCsv(file, text, { dryRun: flags['dry-run'] ?? false });
      if (flags.json) io.out(JSON.stringify(report, null, 2));
      if (report.problems.length > 0) {
        const badRows = new Set(report.problems.map((p) => p.line)).size;
        throw new UserFacingError(
          `Nothing was imported: ${badRows} of ${report.rows} rows have problems. Correct them and import the whole file again.`,
          report.problems.map((p) => `line ${p.line}: ${p.message}`),
        );
      }
      if (flags.json) return;
      const leavers = report.leavers > 0 ? `, ${report.leavers} with a leaving date` : '';
      if (flags['dry-run']) io.out(`All ${report.rows} rows are valid (${report.people} people in ${report.teams} teams${leavers}); nothing was imported (dry run).`);
      else {
        io.out(`Imported ${report.people} people in ${report.teams} teams${leavers}. The directory now uses this organisation.`);
        if (report.markedLeft > 0) io.out(`${report.markedLeft} ${report.markedLeft === 1 ? 'person' : 'people'} from the previous import ${report.markedLeft === 1 ? 'is' : 'are'} not in this file: kept as leavers, so their completed audits still name them.`);
      }
      return;
    }
    case 'show': {
      const summary = await service.summary();
      if (flags.json) {
        io.out(JSON.stringify(summary, null, 2));
        return;
      }
      if (summary.importedOn === undefined) {
        io.out('No organisation has been imported; the directory uses the demo organisation (in demo mode) or nobody. Import one with "phc org import <file.csv>".');
        return;
      }
      io.out(
        [
          `Organisation imported on ${summary.importedOn}: ${summary.people} people in ${summary.teams} teams${summary.leavers > 0 ? ` (and ${summary.leavers} leavers kept for audit records)` : ''}.`,
          'By team:',
          ...summary.byTeam.map((t) => `  ${t.name}: ${t.people}`),
          'By role:',
          ...summary.byRole.map((r) => `  ${r.role.replace(/-/g, ' ')}: ${r.people}`),
          summary.supervisors.length === 0 ? 'Nobody supervises anyone.' : 'Supervisors:',
          ...summary.supervisors.map((s) => `  ${s.name} (${s.id}): ${s.supervisees} ${s.supervisees === 1 ? 'supervisee' : 'supervisees'}`),
        ].join('\n'),
      );
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}
