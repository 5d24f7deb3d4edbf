import type { QuestionnaireService } from '../../app/questionnaires';
import { UserFacingError } from '../../app/errors';
import type { Condition, Question, Questionnaire } from '../../domain/survey/types';
import { readInputFile } from '../inputFile';
import type { CliIo } from '../io';
import { UsageError } from '../io';

function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  if ('any' in c) return c.any.map(describeCondition).join(' or ');
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  return `${c.question} is ${c.anyOf.join(' or ')}`;
}

function describeQuestion(q: Question): string[] {
  const kind =
    q.kind === 'single'
      ? 'choose one'
      : q.kind === 'multi'
        ? `choose${q.maxChoices ? ` up to ${q.maxChoices}` : ' any'}`
        : q.kind === 'scale'
          ? `whole number ${q.min} (${q.minLabel}) to ${q.max} (${q.maxLabel})`
          : `free text, up to ${q.maxLength} characters`;
  const lines = [`  ${q.id}  ${q.text}`, `      ${kind}${q.required ? ', required' : ', optional'}${q.showIf ? `; asked only if ${describeCondition(q.showIf)}` : ''}`];
  if (q.kind === 'single' || q.kind === 'multi') lines.push(...q.options.map((o) => `      - ${o.id}: ${o.label}`));
  return lines;
}

function describe(questionnaire: Questionnaire): string {
  const lines = [`${questionnaire.title} (${questionnaire.id}, version ${questionnaire.version}, about ${questionnaire.minutes} minutes)`];
  questionnaire.sections.forEach((s, i) => {
    lines.push('', `Section ${i + 1} of ${questionnaire.sections.length}: ${s.title} [${s.id}]`, ...s.questions.flatMap(describeQuestion));
  });
  return lines.join('\n');
}

export interface SurveyFlags {
  readonly json?: boolean | undefined;
  readonly from?: string | undefined;
  readonly title?: string | undefined;
  readonly edits?: string | undefined;
  readonly id?: string | undefined;
}

const USAGE = 'Usage: phc survey list | show <id> | create <id> --from <template or survey> [--title "…"] [--edits edits.json]';

/**
 * `phc survey list|show|create`: the same registry, and the same refusals, as the tab's
 * Surveys page (docs/adr/0021-questionnaires-as-a-registry.md). `--edits` is a JSON list of
 * the tab's edits (`[{ "op": "remove", "question": "appraisal" }, …]`), applied to the copy.
 */
export async function surveyCommand(io: CliIo, questionnaires: QuestionnaireService, action: string | undefined, positional: readonly string[], flags: SurveyFlags, by: string): Promise<void> {
  switch (action) {
    case 'list': {
      const list = await questionnaires.list();
      if (flags.json) return io.out(JSON.stringify(list, null, 2));
      const width = Math.max(...list.map((q) => q.id.length));
      return io.out(
        list
          .map(
            (q) =>
              `${q.id.padEnd(width)}  ${(q.template ? 'template' : q.kind).padEnd(12)} v${q.version}  ${String(q.questions).padStart(2)} questions  ${q.title}${q.basedOn ? ` (copied from ${q.basedOn.id})` : ''}`,
          )
          .join('\n'),
      );
    }
    case 'show': {
      const id = flags.id ?? positional[0];
      if (!id) throw new UsageError(USAGE);
      const found = await questionnaires.find(id);
      if (!found) {
        const known = (await questionnaires.list()).map((q) => q.id).join(', ');
        throw new UsageError(`Unknown survey "${id}". Surveys: ${known}.`);
      }
      return io.out(flags.json ? JSON.stringify(found.questionnaire, null, 2) : describe(found.questionnaire));
    }
    case 'create': {
      const id = flags.id ?? positional[0];
      if (!id || !flags.from) throw new UsageError(USAGE);
      // Read the edits before anything is saved: a bad file saves nothing.
      let edits: unknown;
      if (flags.edits) {
        try {
          edits = JSON.parse(readInputFile(io, flags.edits));
        } catch (error) {
          throw error instanceof UserFacingError ? error : new UserFacingError(`${flags.edits} is not a JSON list of edits: ${(error as Error).message}`);
        }
      }
      const made = await questionnaires.copy({ from: flags.from, id, title: flags.title, ...(edits !== undefined ? { edits } : {}) }, by);
      return io.out(
        flags.json
          ? JSON.stringify(made, null, 2)
          : `Made ${made.title} (${made.id}, version ${made.version}) from ${flags.from}.\n\n${describe(made)}\n\nRun it with: phc cycle open <cycle id> --survey ${made.id} --closes YYYY-MM-DD [--audience teams:hospital,intake]`,
      );
    }
    default:
      throw new UsageError(USAGE);
  }
}
