import type { StandardsService, StandardsView } from '../../app/standards';
import type { CliIo } from '../io';
import { UsageError } from '../io';

const USAGE = 'Usage: phc standards show [--cycle <survey cycle>] [--json] | phc standards mapping [--json] | phc standards map <standard> [--questions id,id:yes,…] [--measures id,…] [--reset]';

export interface StandardsFlags {
  readonly cycle?: string | undefined;
  readonly questions?: string | undefined;
  readonly measures?: string | undefined;
  readonly reset?: boolean | undefined;
  readonly json?: boolean | undefined;
}

function viewText(view: StandardsView): string {
  return [
    `Standards for employers of social workers: scores out of 100 (0–50 low, 51–74 moderate, 75–100 high); mapping: ${view.mapping}.`,
    `Survey: ${view.surveyTitle ?? 'no results yet'}${view.threshold === undefined ? '' : ` (groups under ${view.threshold} hidden)`}. 39-steps returns: ${view.orgDataCycle === undefined ? 'none' : `${view.teamsReturned} teams for ${view.orgDataCycle}`}.`,
    ...view.standards.flatMap((s) => [
      `${s.number}. ${s.title}: ${s.score === null ? 'not scored (no figures)' : `${s.score} ${s.band}`}`,
      ...s.items.map((i) => `     ${i.score === null ? `–  ${i.label} (${i.why ?? 'no figure'})` : `${String(i.score).padStart(3)} ${i.label}`}`),
    ]),
  ].join('\n');
}

/** `phc standards show|mapping|map` */
export async function standardsCommand(io: CliIo, service: StandardsService, action: string | undefined, positional: readonly string[], flags: StandardsFlags): Promise<void> {
  switch (action) {
    case 'show': {
      const view = await service.show(flags.cycle === undefined ? {} : { surveyCycle: flags.cycle });
      io.out(flags.json ? JSON.stringify(view, null, 2) : viewText(view));
      return;
    }
    case 'mapping': {
      const doc = await service.documented();
      io.out(
        flags.json
          ? JSON.stringify(doc, null, 2)
          : [
              `How each standard is scored (${doc.adjusted ? 'adjusted by the PSW' : 'the default'}):`,
              ...doc.standards.flatMap((s) => [
                `${s.number}. ${s.title} [${s.id}]`,
                ...(s.questions.length + s.measures.length === 0 ? ['     nothing mapped: not scored'] : []),
                ...s.questions.map((q) => `     survey: ${q.text} [${q.id}]`),
                ...s.measures.map((m) => `     39 steps: ${m.label} [${m.id}]: ${m.how}`),
              ]),
            ].join('\n'),
      );
      return;
    }
    case 'map': {
      const standard = positional[0];
      if (!standard || (flags.questions === undefined && flags.measures === undefined && !flags.reset)) throw new UsageError(USAGE);
      const next = await service.map(standard, {
        ...(flags.questions === undefined ? {} : { questions: flags.questions }),
        ...(flags.measures === undefined ? {} : { measures: flags.measures }),
        reset: flags.reset ?? false,
      });
      io.out(
        flags.json
          ? JSON.stringify(next, null, 2)
          : `${standard} now reads ${next.questions.length} survey ${next.questions.length === 1 ? 'question' : 'questions'} and ${next.measures.length} organisational ${next.measures.length === 1 ? 'measure' : 'measures'}.`,
      );
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}
