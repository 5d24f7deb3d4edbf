import { AGREE_HEADLINE, agreeScale, healthCheck, yesNoNotSure } from './healthCheck';
import type { MultiChoiceQuestion, Question, QuestionId, SingleChoiceQuestion, TextQuestion } from './types';

/**
 * The question bank: every question a questionnaire may take as it is, under the one id it
 * has everywhere. A question asked by a pulse under a bank id is the same question as the
 * Health Check's, so the pulse's figure is shown beside the Health Check's (and earlier
 * pulses') for that id. The Health Check's questions are the bank's core, with their
 * sections as topics; the follow-up questions below are asked by the "You said, we did"
 * pulse only. See docs/adr/0021-questionnaires-as-a-registry.md.
 */
export interface BankEntry {
  readonly question: Question;
  /** What the editor groups it under: a Health Check section's title, or "You said, we did". */
  readonly topic: string;
  /** Asked by the Health Check, so its earlier figures go back to the published years. */
  readonly inHealthCheck: boolean;
}

/**
 * The questions that describe the person (role, team, length of service, contract). A pulse
 * asks none of them or the three results are broken down by (ADR 0021), and they are never
 * shown inside groups.
 */
export const ABOUT_YOU_QUESTIONS: readonly QuestionId[] = healthCheck.sections.find((s) => s.id === 'about-you')?.questions.map((q) => q.id) ?? [];

/** The three About you questions results are broken down by, as the Health Check names them. */
export const BREAKDOWN_QUESTIONS = healthCheck.breakdowns;

export const YOU_SAID_WE_DID_TOPIC = 'You said, we did';

const updatesSeen: SingleChoiceQuestion = {
  id: 'updates-seen',
  kind: 'single',
  text: 'Have you seen the "You said, we did" updates on what has been done since the last Health Check?',
  resultText: 'have seen the "You said, we did" updates since the last Health Check',
  // Decides whether the next question is asked.
  required: true,
  options: yesNoNotSure(),
};

/**
 * The follow-up the council's documents ask for: whether the actions taken since the last
 * Health Check made a difference, so staff see the loop closed and the PSW sees whether it
 * worked.
 */
const followUp: readonly Question[] = [
  updatesSeen,
  {
    id: 'actions-made-difference',
    kind: 'single',
    text: 'The actions taken since the last Health Check have made a difference to my work',
    resultText: 'agree the actions taken since the last Health Check have made a difference to their work',
    required: false,
    options: agreeScale(),
    headline: AGREE_HEADLINE,
    showIf: { question: updatesSeen.id, anyOf: ['yes'] },
  } satisfies SingleChoiceQuestion,
  {
    id: 'changes-noticed',
    kind: 'multi',
    text: 'Where have you noticed a difference since the last Health Check?',
    resultText: 'noticed a difference here',
    hint: 'Choose all that apply.',
    required: false,
    options: [
      { id: 'supervision', label: 'Supervision' },
      { id: 'caseloads', label: 'Caseloads and workload' },
      { id: 'ict', label: 'ICT and equipment' },
      { id: 'training', label: 'Training and development' },
      { id: 'communication', label: 'Communication from managers' },
      { id: 'team-meetings', label: 'Team meetings' },
      { id: 'nowhere-yet', label: 'Nowhere yet' },
    ],
  } satisfies MultiChoiceQuestion,
  {
    id: 'listened-to',
    kind: 'single',
    text: 'The Council listens to what staff say in the Health Check and acts on it',
    resultText: 'agree the Council listens to what staff say in the Health Check and acts on it',
    required: false,
    options: agreeScale(),
    headline: AGREE_HEADLINE,
  } satisfies SingleChoiceQuestion,
  {
    id: 'what-next',
    kind: 'text',
    text: 'What should we work on next?',
    hint: 'Please do not include names or anything that could identify you or someone else.',
    required: false,
    maxLength: 2000,
  } satisfies TextQuestion,
];

export const QUESTION_BANK: readonly BankEntry[] = [
  ...healthCheck.sections.flatMap((section) => section.questions.map((question) => ({ question, topic: section.title, inHealthCheck: true }))),
  ...followUp.map((question) => ({ question, topic: YOU_SAID_WE_DID_TOPIC, inHealthCheck: false })),
];

const byId = new Map(QUESTION_BANK.map((entry) => [entry.question.id, entry]));

/** The bank's entry for a question id, or undefined when no bank question has it (a custom question). */
export function bankEntry(id: QuestionId): BankEntry | undefined {
  return byId.get(id);
}

/** Whether a question id is the bank's: its figures may be compared across questionnaires. */
export function isBankQuestion(id: QuestionId): boolean {
  return byId.has(id);
}
