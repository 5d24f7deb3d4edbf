import { bankEntry, YOU_SAID_WE_DID_TOPIC } from './bank';
import type { Question, QuestionId, Questionnaire, SurveyId } from './types';

/**
 * Pulse survey templates, drawn from the council's own Health Check questions (and the
 * "You said, we did" follow-up). A PSW copies one and changes it (./authoring.ts); templates
 * are never run as they are, so a cycle never depends on code that may change under it.
 */
export interface PulseTemplate {
  readonly questionnaire: Questionnaire;
  /** One line for the list of templates. */
  readonly summary: string;
}

/** Template ids begin so; nothing a PSW makes may. */
export const TEMPLATE_PREFIX = 'template-';

function fromBank(ids: readonly QuestionId[]): Question[] {
  return ids.map((id) => {
    const entry = bankEntry(id);
    if (!entry) throw new Error(`A pulse template names "${id}", which is not in the question bank.`);
    return entry.question;
  });
}

/** About a minute for every three questions, as Viva Pulse estimates. */
export function minutesFor(questions: number): number {
  return Math.max(1, Math.ceil(questions / 3));
}

function template(topic: string, title: string, intro: string, summary: string, ids: readonly QuestionId[]): PulseTemplate {
  const id: SurveyId = `${TEMPLATE_PREFIX}${topic}`;
  return {
    summary,
    questionnaire: {
      id,
      version: 1,
      title,
      kind: 'pulse',
      minutes: minutesFor(ids.length),
      sections: [{ id: topic, title, intro, questions: fromBank(ids) }],
    },
  };
}

export const PULSE_TEMPLATES: readonly PulseTemplate[] = [
  template(
    'supervision',
    'Supervision quality',
    'How often you have supervision, what it gives you and the support you get with difficult cases.',
    'How often supervision happens, how good it is, and support with complex cases.',
    ['supervision-frequency', 'supervision-postponed', 'supervision-quality', 'supervision-reflection', 'complex-case-support', 'decisions-without-support'],
  ),
  template(
    'workload',
    'Workload and caseloads',
    'Whether your caseload is manageable and leaves you time for the people you support.',
    'Whether caseloads are fair and manageable, and time for the people on them.',
    ['caseload-fair', 'caseload-time', 'caseload-appropriate', 'raise-concerns-workload', 'time-for-additional-responsibilities', 'care-director-time'],
  ),
  template(
    'team-culture',
    'Team culture and wellbeing',
    'How it feels to work in your team, and how you feel about going to work.',
    'Openness in the team, raising concerns, and how people feel about work.',
    ['work-issues-shared', 'raise-concerns-managers', 'autonomy', 'look-forward-to-work', 'enthusiastic', 'communication-effective', 'staff-consulted'],
  ),
  template(
    'learning',
    'Learning and development',
    'Your training, learning and development, and how well they help your practice.',
    'Continuing professional development, training quality and career support.',
    ['cpd-opportunities', 'needs-identified', 'training-meets-needs', 'training-quality', 'supervision-learning', 'coaching-mentoring', 'career-development-help'],
  ),
  template(
    'you-said-we-did',
    YOU_SAID_WE_DID_TOPIC,
    'What has happened since the last Health Check, and whether it has made a difference to you.',
    'Whether the actions taken since the last Health Check made a difference.',
    ['updates-seen', 'actions-made-difference', 'changes-noticed', 'listened-to', 'more-positive', 'what-next'],
  ),
];

export function isTemplateId(id: string): boolean {
  return id.startsWith(TEMPLATE_PREFIX);
}
