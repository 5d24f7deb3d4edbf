import type { Questionnaire } from '../survey/types';
import { indicatorById } from './indicators';
import { EMPLOYER_STANDARDS } from './standards';

/**
 * Which survey questions and organisational measures speak to which standard. Data, so the
 * PSW can change it (`phc standards map`); the default is ours, reasoned from each
 * standard's words in the council's Social Work Health Check briefing (2017) and documented in ADR 0014.
 *
 * A survey item scores the share giving its positive answers: the question's headline
 * ("strongly agree or agree") unless `options` says otherwise (e.g. `yes` for a yes/no).
 */
export interface SurveyItem {
  readonly question: string;
  readonly options?: readonly string[];
}

export interface StandardMapping {
  readonly questions: readonly SurveyItem[];
  readonly measures: readonly string[];
}

export type StandardsMapping = Readonly<Record<string, StandardMapping>>;

const q = (question: string, ...options: string[]): SurveyItem => (options.length > 0 ? { question, options } : { question });

export const DEFAULT_STANDARDS_MAPPING: StandardsMapping = {
  accountability: { questions: [q('know-principal-social-worker', 'yes'), q('know-management-team'), q('management-feedback', 'yes'), q('communication-effective', 'completely')], measures: [] },
  'workforce-planning': { questions: [q('five-years', 'yes')], measures: ['posts-filled', 'posts-without-agency', 'staff-retained'] },
  'safe-workloads': { questions: [q('caseload-fair'), q('caseload-time'), q('caseload-appropriate'), q('raise-concerns-workload')], measures: ['cases-allocated'] },
  'risks-and-resources': { questions: [q('evidence-access'), q('care-director-supports-work'), q('decisions-without-support')], measures: ['welfare-known'] },
  supervision: {
    questions: [q('supervision-frequency'), q('supervision-quality'), q('supervision-reflection', 'yes'), q('complex-case-support')],
    measures: ['supervision-in-policy', 'supervision-monitored'],
  },
  cpd: { questions: [q('cpd-opportunities'), q('training-meets-needs'), q('needs-identified', 'yes'), q('coaching-mentoring', 'yes')], measures: ['appraisal-360'] },
  partnerships: { questions: [], measures: [] },
  registration: { questions: [q('pcf-mapped', 'yes'), q('ot-framework-mapped', 'yes'), q('supervision-learning', 'yes')], measures: [] },
};

/** Problems with a mapping, in words; empty when every standard, question, answer and measure exists. */
export function checkMapping(mapping: StandardsMapping, questionnaire: Questionnaire): string[] {
  const problems: string[] = [];
  const questions = new Map(questionnaire.sections.flatMap((s) => s.questions).map((x) => [x.id as string, x]));
  const standards = new Set(EMPLOYER_STANDARDS.map((s) => s.id));
  for (const [standard, entry] of Object.entries(mapping)) {
    if (!standards.has(standard)) problems.push(`"${standard}" is not one of the eight standards (${[...standards].join(', ')}).`);
    for (const item of entry.questions) {
      const question = questions.get(item.question);
      if (!question) {
        problems.push(`"${item.question}" is not a question in the Health Check (see "phc survey show health-check").`);
        continue;
      }
      const optionIds = 'options' in question ? question.options.map((o) => o.id as string) : [];
      if (item.options === undefined && !('headline' in question && question.headline)) problems.push(`"${item.question}" has no headline answer: say which answers count, e.g. ${item.question}:yes.`);
      for (const o of item.options ?? []) if (!optionIds.includes(o)) problems.push(`"${o}" is not an answer to "${item.question}" (answers: ${optionIds.join(', ')}).`);
    }
    for (const m of entry.measures) if (!indicatorById.has(m)) problems.push(`"${m}" is not an organisational measure the standards can use (${[...indicatorById.keys()].join(', ')}).`);
  }
  return problems;
}

/** `caseload-fair,know-principal-social-worker:yes,staff-consulted:completely+partially` → survey items. */
export function parseSurveyItems(text: string): SurveyItem[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const [question = '', options] = s.split(':');
      return options === undefined ? { question } : { question, options: options.split('+').filter((o) => o !== '') };
    });
}
