/**
 * A questionnaire is data: sections of questions with stable ids. Ids never change once a
 * version is published, because stored responses, imported history and SharePoint columns
 * all refer to them. Wording may be corrected in a new version; meaning may not.
 */

/** e.g. `health-check` */
export type SurveyId = string;
/** e.g. `caseloads` */
export type SectionId = string;
/** e.g. `caseload-fair` */
export type QuestionId = string;
/** e.g. `agree`; for scale questions the value itself, e.g. `8` */
export type OptionId = string;

export interface Option {
  readonly id: OptionId;
  /** What the person reads on the card, e.g. "Every week or every two weeks". */
  readonly label: string;
  /**
   * For the team question: the service area this team belongs to, so results can be
   * broken down by service as well as by team. e.g. `older-people`.
   */
  readonly group?: string;
}

/**
 * Show-if rule. A question whose rule is false is hidden: it must not be answered, and it
 * is not counted in that question's n.
 * @example { question: 'role', anyOf: ['social-worker'] }
 */
export type Condition =
  { readonly question: QuestionId; readonly anyOf: readonly OptionId[] } | { readonly all: readonly Condition[] } | { readonly any: readonly Condition[] } | { readonly not: Condition };

interface QuestionBase {
  readonly id: QuestionId;
  /** The question as the person reads it. */
  readonly text: string;
  /**
   * The short form used in published results, e.g. "say their caseload is fair and
   * manageable". Defaults to `text`.
   */
  readonly resultText?: string;
  /** Optional help shown under the question. */
  readonly hint?: string;
  /** Questions that share a stem (ICT problems per system, the agreement statements). */
  readonly group?: string;
  /**
   * `false`: the person may skip it (the card says "optional"); a skipped question is left
   * out of its n, as the council publishes. `true` only for the questions the survey cannot
   * do without: those that decide which questions come next, and those results are broken
   * down by.
   */
  readonly required: boolean;
  readonly showIf?: Condition;
  /**
   * Options counted together in a headline figure, e.g. "agree" + "strongly-agree" for
   * "89% say work issues are shared openly". Used by results, not by validation.
   */
  readonly headline?: { readonly label: string; readonly options: readonly OptionId[] };
}

/** One answer from a list. */
export interface SingleChoiceQuestion extends QuestionBase {
  readonly kind: 'single';
  readonly options: readonly Option[];
}

/** Several answers from a list; results give the share of n choosing each option. */
export interface MultiChoiceQuestion extends QuestionBase {
  readonly kind: 'multi';
  readonly options: readonly Option[];
  /** e.g. 2 for "choose up to two". */
  readonly maxChoices?: number;
  readonly minChoices?: number;
}

/** A whole number on a scale, e.g. 0 (not confident at all) to 10 (extremely confident). */
export interface ScaleQuestion extends QuestionBase {
  readonly kind: 'scale';
  readonly min: number;
  readonly max: number;
  readonly minLabel: string;
  readonly maxLabel: string;
}

/** Free text. Shown in results only above the cycle's free-text threshold. */
export interface TextQuestion extends QuestionBase {
  readonly kind: 'text';
  readonly maxLength: number;
}

export type Question = SingleChoiceQuestion | MultiChoiceQuestion | ScaleQuestion | TextQuestion;
export type ChoiceQuestion = SingleChoiceQuestion | MultiChoiceQuestion;

export interface Section {
  readonly id: SectionId;
  readonly title: string;
  /** A line of context shown at the top of the section. */
  readonly intro?: string;
  readonly questions: readonly Question[];
}

/**
 * The kinds of questionnaire: the annual Health Check, and the shorter pulse surveys a PSW
 * runs between them (docs/adr/0021-questionnaires-as-a-registry.md).
 */
export const QUESTIONNAIRE_KINDS = ['health-check', 'pulse'] as const;
export type QuestionnaireKind = (typeof QUESTIONNAIRE_KINDS)[number];

/** The questions results are broken down by: role, team (and so service) and length of service. */
export interface Breakdowns {
  readonly role: QuestionId;
  readonly team: QuestionId;
  readonly lengthOfService: QuestionId;
}

export interface Questionnaire {
  readonly id: SurveyId;
  /** Bumped whenever wording, options or rules change. */
  readonly version: number;
  readonly title: string;
  /** Absent: the Health Check (questionnaires written before pulses existed). */
  readonly kind?: QuestionnaireKind;
  /** About how long it takes, for the invitation. */
  readonly minutes: number;
  readonly sections: readonly Section[];
  /**
   * Which questions break results down, and how. Absent for a pulse that does not ask about
   * the person: its results are for the whole cycle only.
   */
  readonly breakdowns?: Breakdowns;
}

/** The questionnaire's kind, where questionnaires from before pulses say none. */
export function kindOf(questionnaire: Pick<Questionnaire, 'kind'>): QuestionnaireKind {
  return questionnaire.kind ?? 'health-check';
}

/**
 * One person's answers. Single choice: an option id. Multi choice: option ids. Scale: a
 * whole number. Text: the text. A question not answered is absent.
 */
export type AnswerValue = string | readonly string[] | number;
export type Answers = Readonly<Record<QuestionId, AnswerValue>>;
