import type { App } from '../../app/app';
import { formatBreakdown, formatResults } from '../../domain/results/format';
import { BREAKDOWNS, type BreakdownBy } from '../../domain/results/types';
import type { CliIo } from '../io';
import { UsageError } from '../io';

/** `phc results --cycle <id> [--by role|team|service|length-of-service] [--json]` */
export async function resultsCommand(io: CliIo, app: App, flags: { cycle?: string | undefined; by?: string | undefined; json?: boolean | undefined }): Promise<void> {
  if (!flags.cycle) throw new UsageError('Usage: phc results --cycle <id> [--by role|team|service|length-of-service] [--json]');
  if (flags.by !== undefined && !(BREAKDOWNS as readonly string[]).includes(flags.by)) {
    throw new UsageError(`--by takes one of ${BREAKDOWNS.join(', ')}, not "${flags.by}".`);
  }
  const by = flags.by as BreakdownBy | undefined;
  const results = await app.results.results(flags.cycle, by);
  // The cycle's own questions (a pulse's sections, not the Health Check's).
  const questionnaire = await app.cycles.questionnaireOf(await app.cycles.require(flags.cycle));
  if (flags.json) io.out(JSON.stringify(results, null, 2));
  else io.out('by' in results ? formatBreakdown(questionnaire, results) : formatResults(questionnaire, results));
}
