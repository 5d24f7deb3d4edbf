import { UserFacingError } from '../../app/errors';
import type { OrganisationService, OrgSyncReport } from '../../app/organisationImport';
import type { OrganisationSource } from '../../ports/directory';
import { DEFAULT_DIRECTORY_MAPPING, parseDirectoryMapping, type DirectoryMapping } from '../../domain/organisation/directoryMapping';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { readInputFile } from '../inputFile';

const USAGE = 'Usage: phc org import <file.csv> [--dry-run] [--json] | phc org sync [--dry-run] [--force] [--json] | phc org show [--json]';

/** `phc org import <file.csv> [--dry-run]` and `phc org show [--json]` */
export async function orgCommand(
  io: CliIo,
  service: OrganisationService,
  action: string | undefined,
  positional: readonly string[],
  flags: { 'dry-run'?: boolean | undefined; json?: boolean | undefined; force?: boolean | undefined },
  /** The tenant's directory for `phc org sync` (PHC_DIRECTORY=graph); built only when asked for. */
  source?: () => OrganisationSource,
): Promise<void> {
  switch (action) {
    case 'sync': {
      if (positional.length > 0) throw new UsageError(USAGE);
      if (!source)
        throw new UserFacingError('There is no directory to sync from: set PHC_DIRECTORY=graph (with the app\'s Microsoft Graph credentials), or import a CSV with "phc org import <file.csv>".');
      const report = await service.sync(source(), { dryRun: flags['dry-run'] ?? false, force: flags.force ?? false });
      if (flags.json) io.out(JSON.stringify(report, null, 2));
      else io.out(syncLines(report, flags['dry-run'] ?? false).join('\n'));
      return;
    }
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
        if (report.markedLeft > 0)
          io.out(
            `${report.markedLeft} ${report.markedLeft === 1 ? 'person' : 'people'} from the previous import ${report.markedLeft === 1 ? 'is' : 'are'} not in this file: kept as leavers, so their completed audits still name them.`,
          );
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

/** What a sync did, and everything it could not place, in plain words. */
export function syncLines(r: OrgSyncReport, dryRun: boolean): string[] {
  const lines = [
    dryRun
      ? `${r.source}: ${r.people} people in ${r.teams} teams would be imported (of ${r.users} users read); nothing was imported (dry run).`
      : `Imported ${r.people} people in ${r.teams} teams from ${r.source} (of ${r.users} users read). The directory now uses this organisation.`,
    'Supervision follows line management (the directory knows no other)' +
      (r.supervisionKept > 0
        ? `, except for ${r.supervisionKept} ${r.supervisionKept === 1 ? 'person' : 'people'} whose different supervisor, set by a CSV import, is kept.`
        : '. A CSV import ("phc org import") can set supervisors who are not line managers.'),
  ];
  if (r.markedLeft > 0)
    lines.push(
      `${r.markedLeft} ${r.markedLeft === 1 ? 'person' : 'people'} from before ${r.markedLeft === 1 ? 'is' : 'are'} no longer in the directory (or their account is disabled): kept as leavers, so their completed audits still name them.`,
    );
  if (r.guests > 0) lines.push(`${r.guests} ${r.guests === 1 ? 'guest from another organisation was' : 'guests from other organisations were'} left out.`);
  if (r.disabled > 0) lines.push(`${r.disabled} disabled ${r.disabled === 1 ? 'account was' : 'accounts were'} left out.`);
  if (r.outsideService > 0) lines.push(`${r.outsideService} ${r.outsideService === 1 ? 'person is' : 'people are'} in departments outside the service (not imported).`);
  if (r.managerOutside > 0) lines.push(`${r.managerOutside} ${r.managerOutside === 1 ? 'person has a manager' : 'people have managers'} outside the service: no line manager here.`);
  if (r.unmapped.length > 0) {
    lines.push(
      `${r.unmapped.length} ${r.unmapped.length === 1 ? 'person' : 'people'} in the service's departments ${r.unmapped.length === 1 ? 'has a job title' : 'have job titles'} no rule maps to a role, so ${r.unmapped.length === 1 ? 'was' : 'were'} NOT imported. Add a rule to the mapping (PHC_DIRECTORY_MAPPING) if they should be:`,
    );
    lines.push(...r.unmapped.map((u) => `  ${u.displayName} (${u.id}): "${u.jobTitle}", ${u.department || 'no department'}`));
  } else if (r.unmappedTitles.length > 0) {
    const shown = r.unmappedTitles.slice(0, 15);
    lines.push(`Job titles no rule maps to a role (those people were not imported; add a rule to PHC_DIRECTORY_MAPPING if any belong to the service):`);
    lines.push(...shown.map((t) => `  "${t.title}": ${t.people}`));
    if (r.unmappedTitles.length > shown.length) lines.push(`  … and ${r.unmappedTitles.length - shown.length} more titles (see --json).`);
  }
  return lines;
}

/** The mapping from `PHC_DIRECTORY_MAPPING`, or the built-in job titles. */
export function mappingFrom(io: CliIo, file: string | undefined): DirectoryMapping {
  if (file === undefined) return DEFAULT_DIRECTORY_MAPPING;
  const text = readInputFile(io, file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserFacingError(`The directory mapping ${file} is not valid JSON (${(error as Error).message}).`);
  }
  const parsed = parseDirectoryMapping(json);
  if (!parsed.ok) throw new UserFacingError(`Nothing was imported: the directory mapping ${file} has problems.`, parsed.problems);
  return parsed.mapping;
}
