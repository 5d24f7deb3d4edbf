import { dateOf } from '../domain/shared/brand';
import { QUESTION_BANK, type BankEntry } from '../domain/survey/bank';
import { applyEdits, copyOf, parseEdits, questionnaireIdProblem } from '../domain/survey/authoring';
import { allQuestions } from '../domain/survey/rules';
import { isTemplateId, PULSE_TEMPLATES } from '../domain/survey/templates';
import { kindOf, type Questionnaire, type QuestionnaireKind, type SurveyId } from '../domain/survey/types';
import type { Clock } from '../ports/clock';
import { StoreError, type Cycle, type QuestionnaireStore, type StoredQuestionnaire } from '../ports/stores';
import { FieldsRefused, UserFacingError } from './errors';

/** One questionnaire as the registry lists it. */
export interface QuestionnaireSummary {
  readonly id: SurveyId;
  readonly title: string;
  readonly kind: QuestionnaireKind;
  readonly version: number;
  /** A template: copied, never run as it is. */
  readonly template: boolean;
  /** The Health Check and the templates are part of the app and cannot be changed here. */
  readonly builtIn: boolean;
  readonly questions: number;
  readonly minutes: number;
  /** A template's one line. */
  readonly summary?: string;
  readonly basedOn?: { readonly id: SurveyId; readonly version: number };
  readonly savedOn?: string;
  readonly savedBy?: string;
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/**
 * The questionnaires a cycle can ask (docs/adr/0021-questionnaires-as-a-registry.md): the
 * Health Check and the pulse templates, built in, and the PSW's own pulses, every version
 * kept. Copying and editing go through here, whether from the tab or from `phc`, so both
 * refuse the same things in the same words; nothing is stored until the whole is checked.
 */
export class QuestionnaireService {
  /** Stored versions never change once saved: read once per process. */
  private readonly versions = new Map<string, Questionnaire>();

  constructor(
    private readonly store: QuestionnaireStore,
    /** The Health Check (tests may give a shorter one). */
    private readonly healthCheck: Questionnaire,
    private readonly clock: Clock,
  ) {}

  /** The bank a PSW adds questions from, in the Health Check's order. */
  bank(): readonly BankEntry[] {
    return QUESTION_BANK;
  }

  private builtIn(id: SurveyId): { readonly questionnaire: Questionnaire; readonly summary?: string } | undefined {
    if (id === this.healthCheck.id) return { questionnaire: this.healthCheck };
    return PULSE_TEMPLATES.find((t) => t.questionnaire.id === id);
  }

  async list(): Promise<QuestionnaireSummary[]> {
    const stored = await this.store.list();
    const summary = (q: Questionnaire, extra: Partial<QuestionnaireSummary>): QuestionnaireSummary => ({
      id: q.id,
      title: q.title,
      kind: kindOf(q),
      version: q.version,
      template: isTemplateId(q.id),
      builtIn: false,
      questions: allQuestions(q).length,
      minutes: q.minutes,
      ...extra,
    });
    return [
      summary(this.healthCheck, { builtIn: true }),
      ...PULSE_TEMPLATES.map((t) => summary(t.questionnaire, { builtIn: true, summary: t.summary })),
      ...stored.map((s) => summary(s.questionnaire, { ...(s.basedOn ? { basedOn: s.basedOn } : {}), savedOn: s.savedOn, savedBy: s.savedBy })),
    ];
  }

  /** The latest version of a questionnaire, with what the registry knows of it; undefined when there is none. */
  async find(id: SurveyId): Promise<{ readonly questionnaire: Questionnaire; readonly builtIn: boolean; readonly stored?: StoredQuestionnaire } | undefined> {
    const built = this.builtIn(id);
    if (built) return { questionnaire: built.questionnaire, builtIn: true };
    const stored = await this.store.get(id);
    return stored ? { questionnaire: stored.questionnaire, builtIn: false, stored } : undefined;
  }

  /**
   * The questions a cycle asks: the version it ran (or, for a draft, was made with). The
   * built-in ones are in code at their current version and change only compatibly.
   */
  async forCycle(cycle: Pick<Cycle, 'id' | 'surveyId' | 'surveyVersion'>): Promise<Questionnaire> {
    const built = this.builtIn(cycle.surveyId);
    if (built) return built.questionnaire;
    const key = `${cycle.surveyId}@${cycle.surveyVersion}`;
    const known = this.versions.get(key);
    if (known) return known;
    const stored = await this.store.get(cycle.surveyId, cycle.surveyVersion);
    if (!stored) throw new UserFacingError(`The survey that cycle ${cycle.id} asks (${cycle.surveyId}, version ${cycle.surveyVersion}) is missing from the store.`);
    this.versions.set(key, stored.questionnaire);
    return stored.questionnaire;
  }

  /** Whether a cycle may ask this questionnaire: its title, or why not, in words. */
  async runnable(id: SurveyId): Promise<{ readonly title: string; readonly version: number; readonly kind: QuestionnaireKind } | { readonly refused: string }> {
    if (isTemplateId(id)) {
      const t = this.builtIn(id);
      return { refused: t ? `"${t.questionnaire.title}" is a template: copy it first, then run your copy (templates stay as they are for everyone).` : `There is no survey "${id}".` };
    }
    const found = await this.find(id);
    if (!found) return { refused: `There is no survey "${id}": choose one of the surveys listed.` };
    return { title: found.questionnaire.title, version: found.questionnaire.version, kind: kindOf(found.questionnaire) };
  }

  /**
   * A new pulse copied from a template or from one of the PSW's own: version 1, and with
   * `edits` (the command line's --edits) version 2 as well. Everything is checked before
   * either is saved, so a refused edit leaves no copy behind.
   */
  async copy(request: { readonly from: string; readonly id: string; readonly title?: string | undefined; readonly edits?: unknown }, by: string): Promise<Questionnaire> {
    const source = await this.find(request.from);
    const errors = [];
    if (!source || kindOf(source.questionnaire) !== 'pulse')
      errors.push({
        field: 'from',
        message: source ? `${source.questionnaire.title} is not copied: start from a pulse template or one of your own pulses.` : `There is no survey or template "${request.from}" to copy.`,
      });
    const idProblem = questionnaireIdProblem(request.id, (id) => id === this.healthCheck.id);
    const taken = idProblem ? undefined : await this.find(request.id);
    if (idProblem) errors.push(idProblem);
    else if (taken) errors.push({ field: 'id', message: `There is already a survey called "${request.id}": choose another id, or edit that one.` });
    const title = request.title?.trim() || (source ? `${source.questionnaire.title}, ${MONTH.format(this.clock.now())}` : '');
    if (title.length > 100) errors.push({ field: 'title', message: 'Give the survey a title of 1 to 100 characters.' });
    if (errors.length > 0 || !source) throw new FieldsRefused(errors);
    const questionnaire = copyOf(source.questionnaire, { id: request.id, title });
    let edited: Questionnaire | undefined;
    if (request.edits !== undefined) {
      const parsed = parseEdits(request.edits);
      if (!parsed.ok) throw new FieldsRefused(parsed.errors);
      const result = applyEdits(questionnaire, parsed.edits);
      if (!result.ok) throw new FieldsRefused(result.errors);
      edited = result.questionnaire;
    }
    const basedOn = { id: source.questionnaire.id, version: source.questionnaire.version };
    const savedOn = dateOf(this.clock.now());
    await this.add({ questionnaire, basedOn, savedBy: by, savedOn });
    if (edited) await this.add({ questionnaire: edited, basedOn, savedBy: by, savedOn });
    return edited ?? questionnaire;
  }

  /**
   * The next version of one of the PSW's pulses: the edits applied to the version they were
   * made on (`version`, so two people editing at once do not overwrite each other), checked
   * whole. Either every edit is saved or nothing is.
   */
  async edit(id: SurveyId, request: { readonly version: unknown; readonly edits: unknown }, by: string): Promise<Questionnaire> {
    const found = await this.find(id);
    if (!found) throw new UserFacingError(`There is no survey "${id}".`);
    if (found.builtIn) throw new FieldsRefused([{ field: 'id', message: `${found.questionnaire.title} is part of the app and cannot be changed here: copy a template to make a survey of your own.` }]);
    if (request.version !== found.questionnaire.version) {
      throw new UserFacingError(`${found.questionnaire.title} was changed by someone else at the same time (it is now version ${found.questionnaire.version}): reload it and make your changes again.`);
    }
    const parsed = parseEdits(request.edits);
    if (!parsed.ok) throw new FieldsRefused(parsed.errors);
    const result = applyEdits(found.questionnaire, parsed.edits);
    if (!result.ok) throw new FieldsRefused(result.errors);
    await this.add({ questionnaire: result.questionnaire, ...(found.stored?.basedOn ? { basedOn: found.stored.basedOn } : {}), savedBy: by, savedOn: dateOf(this.clock.now()) });
    return result.questionnaire;
  }

  private async add(entry: StoredQuestionnaire): Promise<void> {
    try {
      await this.store.add(entry);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'already-exists') throw new UserFacingError(error.message);
      throw error;
    }
  }
}
