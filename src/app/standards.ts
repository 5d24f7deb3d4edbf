import type { App } from './app';
import { ORG_INDICATORS } from '../domain/standards/indicators';
import { checkMapping, DEFAULT_STANDARDS_MAPPING, parseSurveyItems, type StandardMapping, type StandardsMapping } from '../domain/standards/mapping';
import { scoreStandards, type StandardScore } from '../domain/standards/score';
import { EMPLOYER_STANDARDS } from '../domain/standards/standards';
import { findQuestion } from '../domain/survey/rules';
import type { Questionnaire } from '../domain/survey/types';
import type { ReportSettingsStore } from '../ports/reportSettings';
import { newestResults } from './caseloadSurvey';
import { UserFacingError } from './errors';
import type { OrgDataService } from './orgData';

export const STANDARDS_MAPPING_KEY = 'standards-mapping';

export interface StandardsView {
  /** The survey cycle the agreement figures come from, or `undefined` with no results yet. */
  readonly surveyCycle?: string;
  readonly surveyTitle?: string;
  readonly threshold?: number;
  /** The cycle whose 39-steps returns were read, or `undefined` with none. */
  readonly orgDataCycle?: string;
  readonly teamsReturned: number;
  readonly mapping: 'default' | 'adjusted by the PSW';
  readonly standards: readonly StandardScore[];
}

/** The employer standards view: scores per standard from the survey and the 39-steps returns. */
export class StandardsService {
  constructor(
    private readonly settings: ReportSettingsStore,
    private readonly orgData: OrgDataService,
    private readonly app: Pick<App, 'cycles' | 'results'>,
    private readonly questionnaire: Questionnaire,
  ) {}

  /** The mapping in force: the PSW's, if they changed it and it still fits the questionnaire, else the default. */
  async mapping(): Promise<{ readonly mapping: StandardsMapping; readonly adjusted: boolean }> {
    const stored = (await this.settings.get(STANDARDS_MAPPING_KEY)) as StandardsMapping | undefined;
    if (stored && typeof stored === 'object' && checkMapping(stored, this.questionnaire).length === 0) return { mapping: { ...DEFAULT_STANDARDS_MAPPING, ...stored }, adjusted: true };
    return { mapping: DEFAULT_STANDARDS_MAPPING, adjusted: false };
  }

  /**
   * Changes one standard's items (questions and/or measures, each replacing the list given),
   * or puts the default back with `reset`. Checked against the questionnaire first.
   */
  async map(standardId: string, change: { questions?: string; measures?: string; reset?: boolean }): Promise<StandardMapping> {
    if (!EMPLOYER_STANDARDS.some((s) => s.id === standardId)) throw new UserFacingError(`"${standardId}" is not one of the eight standards (${EMPLOYER_STANDARDS.map((s) => s.id).join(', ')}).`);
    const { mapping, adjusted } = await this.mapping();
    const current = mapping[standardId] ?? { questions: [], measures: [] };
    const next: StandardMapping = change.reset
      ? (DEFAULT_STANDARDS_MAPPING[standardId] ?? { questions: [], measures: [] })
      : {
          questions: change.questions === undefined ? current.questions : parseSurveyItems(change.questions),
          measures:
            change.measures === undefined
              ? current.measures
              : change.measures
                  .split(',')
                  .map((m) => m.trim())
                  .filter((m) => m !== ''),
        };
    const updated = { ...mapping, [standardId]: next };
    const problems = checkMapping(updated, this.questionnaire);
    if (problems.length > 0) throw new UserFacingError('The mapping was not changed.', problems);
    const differsFromDefault = JSON.stringify(updated) !== JSON.stringify(DEFAULT_STANDARDS_MAPPING);
    if (differsFromDefault) await this.settings.set(STANDARDS_MAPPING_KEY, updated);
    else if (adjusted) await this.settings.remove(STANDARDS_MAPPING_KEY);
    return next;
  }

  async show(options: { surveyCycle?: string; orgDataCycle?: string } = {}): Promise<StandardsView> {
    const [{ mapping, adjusted }, results] = await Promise.all([this.mapping(), newestResults(this.app, options.surveyCycle)]);
    let orgDataCycle: string | undefined;
    try {
      orgDataCycle = await this.orgData.cycleFor(options.orgDataCycle);
    } catch (error) {
      if (options.orgDataCycle !== undefined) throw error;
    }
    const returns = orgDataCycle === undefined ? [] : await this.orgData.returnsFor(orgDataCycle);
    return {
      ...(results ? { surveyCycle: results.whole.cycle, surveyTitle: results.whole.title, threshold: results.whole.threshold } : {}),
      ...(orgDataCycle === undefined ? {} : { orgDataCycle }),
      teamsReturned: returns.length,
      mapping: adjusted ? 'adjusted by the PSW' : 'default',
      standards: scoreStandards(
        mapping,
        results?.whole,
        returns.map((r) => r.measures),
        (id) => {
          const question = findQuestion(this.questionnaire, id);
          return question ? (question.resultText ?? question.text) : undefined;
        },
      ),
    };
  }

  /** The mapping documented for the page: each standard with its questions and measures and how measures are scored. */
  async documented(): Promise<{
    readonly adjusted: boolean;
    readonly standards: readonly {
      readonly id: string;
      readonly number: number;
      readonly title: string;
      readonly questions: readonly { readonly id: string; readonly text: string }[];
      readonly measures: readonly { readonly id: string; readonly label: string; readonly how: string }[];
    }[];
  }> {
    const { mapping, adjusted } = await this.mapping();
    // In words: the question as people read it and the answers counted, never their ids.
    const described = (item: { readonly question: string; readonly options?: readonly string[] }): string => {
      const question = findQuestion(this.questionnaire, item.question);
      if (!question) return item.question;
      const labels = 'options' in question ? (item.options ?? []).map((id) => question.options.find((o) => o.id === id)?.label ?? id) : [];
      return `${question.text}${labels.length > 0 ? ` (counting: ${labels.join(' or ')})` : ''}`;
    };
    return {
      adjusted,
      standards: EMPLOYER_STANDARDS.map((s) => ({
        id: s.id,
        number: s.number,
        title: s.title,
        questions: (mapping[s.id]?.questions ?? []).map((i) => ({ id: i.question, text: described(i) })),
        measures: (mapping[s.id]?.measures ?? []).flatMap((id) => ORG_INDICATORS.filter((i) => i.id === id).map((i) => ({ id: i.id, label: i.label, how: i.how }))),
      })),
    };
  }
}
