import type { Condition, Question, Questionnaire } from '../../domain/survey/types';
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
    q.kind === 'single' ? 'choose one'
    : q.kind === 'multi' ? `choose${q.maxChoices ? ` up to ${q.maxChoices}` : ' any'}`
    : q.kind === 'scale' ? `whole number ${q.min} (${q.minLabel}) to ${q.max} (${q.maxLabel})`
    : `free text, up to ${q.maxLength} characters`;
  const lines = [`  ${q.id}  ${q.text}`, `      ${kind}${q.required ? ', required' : ', optional'}${q.showIf ? `; asked only if ${describeCondition(q.showIf)}` : ''}`];
  if (q.kind === 'single' || q.kind === 'multi') lines.push(...q.options.map((o) => `      - ${o.id}: ${o.label}`));
  return lines;
}

/** `phc survey show health-check [--json]` */
export function surveyShow(io: CliIo, questionnaire: Questionnaire, surveyId: string | undefined, json: boolean): void {
  if (surveyId !== questionnaire.id) throw new UsageError(`Unknown survey "${surveyId ?? ''}". Surveys: ${questionnaire.id}.`);
  if (json) {
    io.out(JSON.stringify(questionnaire, null, 2));
    return;
  }
  const lines = [`${questionnaire.title} (version ${questionnaire.version}, about ${questionnaire.minutes} minutes)`];
  questionnaire.sections.forEach((s, i) => {
    lines.push('', `Section ${i + 1} of ${questionnaire.sections.length}: ${s.title} [${s.id}]`, ...s.questions.flatMap(describeQuestion));
  });
  io.out(lines.join('\n'));
}
