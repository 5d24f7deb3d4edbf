import type { FrequencyReport, SupervisionLogService } from '../../app/supervisionLog';
import type { CliIo } from '../io';
import { UsageError } from '../io';

const USAGE =
  'Usage: phc supervision record --supervisor <id> --supervisee <id> --date YYYY-MM-DD --outcome held|postponed|cancelled [--json] | phc supervision frequency [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]';

export interface SupervisionFlags {
  readonly supervisor?: string | undefined;
  readonly supervisee?: string | undefined;
  readonly date?: string | undefined;
  readonly outcome?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly json?: boolean | undefined;
}

const percent = (share: number | null): string => (share === null ? 'nobody to count' : `${Math.round(share * 100)}%`);

function frequencyText(report: FrequencyReport): string {
  const teamName = new Map(report.teams.map((t) => [t.id, t.name]));
  const name = new Map(report.people.map((p) => [p.id as string, p.displayName]));
  const { overall } = report;
  return [
    `Supervision held in every month, ${report.period.start} to ${report.period.end} (${report.months.length} ${report.months.length === 1 ? 'month' : 'months'}): ${overall.supervisedMonthly} of ${overall.supervisees} supervisees (${percent(overall.share)}).`,
    'By team:',
    ...report.byTeam.map((t) => `  ${t.teamId === '' ? 'No team' : (teamName.get(t.teamId) ?? t.teamId)}: ${t.supervisedMonthly} of ${t.supervisees} (${percent(t.share)})`),
    report.missed.length === 0 ? 'Nobody missed a month.' : `Missed months (${report.missed.length} ${report.missed.length === 1 ? 'person' : 'people'}):`,
    ...report.missed.map((m) => `  ${name.get(m.superviseeId) ?? m.superviseeId}: ${m.months.join(', ')}`),
  ].join('\n');
}

/** `phc supervision record|frequency` */
export async function supervisionCommand(io: CliIo, service: SupervisionLogService, action: string | undefined, flags: SupervisionFlags): Promise<void> {
  switch (action) {
    case 'record': {
      const missing = (['supervisor', 'supervisee', 'date', 'outcome'] as const).filter((f) => flags[f] === undefined);
      if (missing.length > 0) throw new UsageError(`phc supervision record needs ${missing.map((f) => `--${f}`).join(', ')}.`);
      const recorded = await service.record({ supervisorId: flags.supervisor!, superviseeId: flags.supervisee!, date: flags.date!, outcome: flags.outcome! });
      if (flags.json) {
        io.out(JSON.stringify(recorded, null, 2));
        return;
      }
      const { record, replaced } = recorded;
      io.out(
        replaced === undefined
          ? `Recorded: supervision with ${recorded.superviseeName} on ${record.date}, ${record.outcome} (${record.id}).`
          : `Updated: supervision with ${recorded.superviseeName} on ${record.date} is now ${record.outcome} (was ${replaced}); it still counts once.`,
      );
      return;
    }
    case 'frequency': {
      const report = await service.frequency(flags.from, flags.to);
      io.out(flags.json ? JSON.stringify(report, null, 2) : frequencyText(report));
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}
