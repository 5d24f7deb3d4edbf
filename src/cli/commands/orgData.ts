import { parse } from 'csv-parse/sync';
import { UserFacingError } from '../../app/errors';
import type { OrgDataCycleView, OrgDataService, OrgDataTeamHistory } from '../../app/orgData';
import { ORG_MEASURES } from '../../domain/orgData/measures';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { readInputFile } from '../inputFile';

const USAGE =
  'Usage: phc org-data submit <file.json|file.csv> --team <id> --as <team manager id> [--cycle <id>] [--json] | phc org-data show [--cycle <id>] [--team <id>] [--json] | phc org-data measures';

export interface OrgDataFlags {
  readonly team?: string | undefined;
  readonly as?: string | undefined;
  readonly cycle?: string | undefined;
  readonly json?: boolean | undefined;
}

/** A return file: a JSON object `{ "measure-id": value }`, or a CSV with columns `measure,value`. */
export function readReturnFile(fileName: string, text: string): Record<string, unknown> {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (/\.json$/i.test(fileName) || body.startsWith('{')) {
    try {
      const value = JSON.parse(body) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw new UserFacingError(`${fileName} is not a JSON object of figures ({"establishment-fte": 12.5, …}).`);
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(body, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (error) {
    throw new UserFacingError(`The file could not be read as CSV: ${(error as Error).message}`);
  }
  if (rows.length > 0 && (!('measure' in rows[0]!) || !('value' in rows[0]!))) throw new UserFacingError('The CSV needs two columns, "measure" and "value" (see "phc org-data measures").');
  return Object.fromEntries(rows.map((r) => [r.measure ?? '', r.value ?? '']));
}

const show = (v: number | boolean | undefined): string => (v === undefined ? '–' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));

function cycleText(view: OrgDataCycleView): string {
  const headline = ['establishment-fte', 'unfilled-posts-fte', 'agency-cover-fte', 'turnover-percent', 'cases-per-fte', 'unallocated-cases', 'supervision-in-policy-percent', 'sickness-days-per-fte'];
  const labels = new Map(ORG_MEASURES.map((m) => [m.id, m.label]));
  return [
    `39-steps returns for ${view.cycleId}: ${view.returned} of ${view.teams.length} teams.`,
    ...view.teams.map((t) =>
      t.measures === undefined
        ? `  ${t.name}: not returned yet`
        : `  ${t.name} (returned ${t.submittedOn}): ${headline.map((id) => `${labels.get(id)} ${t.hidden?.[id] ? 'hidden (team under 5)' : show(t.measures?.[id])}`).join('; ')}`,
    ),
  ].join('\n');
}

function historyText(history: OrgDataTeamHistory): string {
  if (history.cycles.length === 0) return `${history.name} has made no 39-steps return yet.`;
  return [
    `${history.name}, 39-steps returns over time (${history.cycles.map((c) => c.cycleId).join(', ')}):`,
    ...history.measures.map((m) => `  step ${m.step} ${m.label}: ${history.cycles.map((c) => (c.hidden?.[m.id] ? 'hidden (team under 5)' : show(c.measures[m.id]))).join(' → ')}`),
  ].join('\n');
}

/** `phc org-data submit|show|measures` */
export async function orgDataCommand(io: CliIo, service: OrgDataService, action: string | undefined, positional: readonly string[], flags: OrgDataFlags): Promise<void> {
  switch (action) {
    case 'submit': {
      const file = positional[0];
      if (!file || !flags.team || !flags.as) throw new UsageError(USAGE);
      const { orgDataReturn, replaced } = await service.submit(flags.as, flags.team, flags.cycle, readReturnFile(file, readInputFile(io, file)));
      io.out(
        flags.json
          ? JSON.stringify({ ...orgDataReturn, replaced }, null, 2)
          : `${replaced ? 'Replaced' : 'Saved'} the 39-steps return for ${orgDataReturn.teamId}, cycle ${orgDataReturn.cycleId} (${Object.keys(orgDataReturn.measures).length} figures).`,
      );
      return;
    }
    case 'show': {
      if (flags.team) {
        const history = await service.overTime(flags.team);
        io.out(flags.json ? JSON.stringify(history, null, 2) : historyText(history));
      } else {
        const view = await service.byTeam(flags.cycle);
        io.out(flags.json ? JSON.stringify(view, null, 2) : cycleText(view));
      }
      return;
    }
    case 'measures':
      io.out(flags.json ? JSON.stringify(ORG_MEASURES, null, 2) : ORG_MEASURES.map((m) => `${m.id} (step ${m.step}, ${m.kind}${m.required ? ', needed' : ''}): ${m.label}. ${m.hint}`).join('\n'));
      return;
    default:
      throw new UsageError(USAGE);
  }
}
