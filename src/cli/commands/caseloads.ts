import { UserFacingError } from '../../app/errors';
import type { CaseloadReport, CaseloadService } from '../../app/caseloads';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { readInputFile } from '../inputFile';

const USAGE =
  'Usage: phc caseloads import <file.csv> [--period YYYY-MM..YYYY-MM] [--replace] [--dry-run] [--json] | phc caseloads report [--period YYYY-MM..YYYY-MM] [--as <manager id>] [--cycle <id>] [--json] | phc caseloads level [<cases>]';

export interface CaseloadFlags {
  readonly period?: string | undefined;
  readonly replace?: boolean | undefined;
  readonly 'dry-run'?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly as?: string | undefined;
  readonly cycle?: string | undefined;
}

const fixed = (n: number | null): string => (n === null ? '–' : n.toFixed(1));

export function caseloadReportText(report: CaseloadReport): string {
  const { audit, survey } = report;
  const lines = [
    `Caseload and workload audit, ${audit.period.from} to ${audit.period.to} (team averages over the months, as the 2019/20 audit did).`,
    audit.overall.average === null
      ? 'No caseloads are stored for this period. Import them with "phc caseloads import <file.csv> --period …".'
      : `Overall average: ${fixed(audit.overall.published)} open cases a worker.`,
  ];
  if (audit.teams.length > 0) {
    lines.push('By team (average; median, quartiles, highest; weighted where weights were given; 2019/20):');
    for (const t of audit.teams) {
      const d = t.distribution;
      const spread = d ? `median ${fixed(d.median)}, quartiles ${fixed(d.lowerQuartile)}–${fixed(d.upperQuartile)}, highest ${fixed(d.highest)}, ${d.workers} workers` : 'nobody';
      const weighted = t.average.weightedAverage === null ? '' : `; weighted ${fixed(t.average.weightedAverage)}`;
      const previous = t.previous.map((p) => `; ${p.audit}: ${p.average.toFixed(1)}`).join('');
      const above = t.aboveLevel > 0 ? `; ${t.aboveLevel} above ${audit.level}` : '';
      const said = survey?.byTeam?.[t.teamId]?.find((f) => f.questionId === 'caseload-fair');
      const surveyText = said === undefined ? '' : said.percent === null ? '; survey: hidden (small group)' : `; ${said.percent}% say their caseload is fair and manageable`;
      lines.push(`  ${t.name}: ${fixed(t.average.published)} (${spread}${weighted}${previous}${above}${surveyText})`);
    }
    lines.push('By service area:', ...audit.serviceAreas.map((a) => `  ${a.serviceAreaName}: ${fixed(a.average.published)}`));
  }
  if (survey) {
    lines.push(`Health check ${survey.title}:`, ...survey.overall.map((f) => `  ${f.percent === null ? `hidden (${f.hidden ?? 'not shown'})` : `${f.percent}%`} ${f.text}`));
  }
  const flagged = audit.teams.reduce((s, t) => s + t.aboveLevel, 0);
  if (report.viewerId === undefined)
    lines.push(`${flagged} ${flagged === 1 ? 'worker is' : 'workers are'} above the level of ${audit.level} cases; each is named only to their own managers (--as <manager id>).`);
  else if (audit.aboveLevel.length === 0) lines.push(`Nobody you manage is above the level of ${audit.level} cases.`);
  else lines.push(`Above the level of ${audit.level} cases, in your line management:`, ...audit.aboveLevel.map((w) => `  ${w.workerName} (${w.teamId}): ${fixed(w.average)}`));
  if (audit.unmatched > 0) lines.push(`${audit.unmatched} figures are for workers the directory does not know: counted in their team, flagged to nobody.`);
  return lines.join('\n');
}

/** `phc caseloads import|report|level` */
export async function caseloadsCommand(io: CliIo, service: CaseloadService, action: string | undefined, positional: readonly string[], flags: CaseloadFlags): Promise<void> {
  switch (action) {
    case 'import': {
      const file = positional[0];
      if (!file) throw new UsageError(USAGE);
      const report = await service.importCsv(file, readInputFile(io, file), flags.period, { dryRun: flags['dry-run'] ?? false, replace: flags.replace ?? false });
      if (flags.json) io.out(JSON.stringify(report, null, 2));
      if (report.problems.length > 0) {
        const badRows = new Set(report.problems.map((p) => p.line)).size;
        throw new UserFacingError(
          `Nothing was imported: ${badRows} of ${report.rows} rows have problems. Correct them and import the whole file again.`,
          report.problems.map((p) => `line ${p.line}: ${p.message}`),
        );
      }
      const unmatched = report.unmatched.map((u) => `  line ${u.line}: "${u.worker}" (${u.teamId}) is not in the organisation: kept under that name, counted in the team, flagged to nobody.`);
      if (report.alreadyStored.length > 0 && !flags.replace && !flags['dry-run']) {
        throw new UserFacingError(
          `Nothing was imported: caseloads are already stored for ${report.alreadyStored.length} team-months of this file. Import again with --replace to replace exactly those months.`,
          report.alreadyStored.map((s) => `${s.teamId} ${s.month}: ${s.workers} workers stored`),
        );
      }
      if (flags.json) return;
      if (flags['dry-run'])
        io.out(`All ${report.rows} rows are valid (${report.entries} caseloads in ${report.teams} teams, ${report.period.from} to ${report.period.to}); nothing was imported (dry run).`);
      else
        io.out(
          `Imported ${report.entries} caseloads in ${report.teams} teams, ${report.period.from} to ${report.period.to}${report.replaced > 0 ? `, replacing ${report.replaced} stored before for the same team-months` : ''}.`,
        );
      if (unmatched.length > 0) io.out([`${unmatched.length} ${unmatched.length === 1 ? 'worker is' : 'workers are'} not in the organisation:`, ...unmatched].join('\n'));
      return;
    }
    case 'report': {
      const report = await service.report({
        ...(flags.period === undefined ? {} : { period: flags.period }),
        ...(flags.as === undefined ? {} : { viewerId: flags.as }),
        ...(flags.cycle === undefined ? {} : { cycleId: flags.cycle }),
      });
      io.out(flags.json ? JSON.stringify(report, null, 2) : caseloadReportText(report));
      return;
    }
    case 'level': {
      const raw = positional[0];
      if (raw !== undefined) await service.setLevel(Number(raw));
      const level = await service.level();
      io.out(flags.json ? JSON.stringify({ level }) : `Workers whose average caseload is above ${level} open cases are flagged to their own managers.`);
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}
