import { explainScreening, nameScreen, screenFreeText, type FindingKind, type NameScreen, type Screened } from '../domain/dataProtection/screening';
import { allQuestions } from '../domain/survey/rules';
import type { Answers, Questionnaire } from '../domain/survey/types';
import type { Directory } from '../ports/directory';

/** How long the directory's names, once read and compiled, serve for screening. */
export const NAMES_KEPT_MS = 5_000;

/** What was taken out of one question's answer. */
export interface ScreenedAnswer {
  readonly questionId: string;
  readonly found: readonly FindingKind[];
  /** What to tell the person, in their words. */
  readonly note: string;
}

/**
 * Free text screened before it is kept (survey comments, audit notes; focus group notes call
 * `screen` too): the staff directory's names (leavers too), email addresses and case numbers
 * are masked. The directory's names are read again for a screening at most `NAMES_KEPT_MS` after
 * they were last read, so a name added today is caught within seconds. Reading the whole
 * directory and compiling its names for every response was two fifths of the thread answering
 * people when a whole council sent their answers at once (`bench:burst`, CPU profile).
 */
export class FreeTextScreen {
  private kept: { readonly at: number; readonly names: Promise<NameScreen> } | undefined;

  constructor(
    private readonly directory: Directory,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private names(): Promise<NameScreen> {
    const now = this.now();
    if (this.kept && now - this.kept.at < NAMES_KEPT_MS) return this.kept.names;
    const names = Promise.all([this.directory.organisation(), this.directory.leavers?.() ?? []]).then(([organisation, leavers]) => nameScreen([...organisation.people, ...leavers]));
    this.kept = { at: now, names };
    // A directory that could not be read is read again next time.
    names.catch(() => {
      if (this.kept?.names === names) this.kept = undefined;
    });
    return names;
  }

  async screen(text: string, options: { readonly allow?: readonly FindingKind[] } = {}): Promise<Screened> {
    return screenFreeText(text, await this.names(), options);
  }

  /** A survey's written answers, screened; the rest as given. */
  async surveyAnswers(questionnaire: Questionnaire, answers: Answers): Promise<{ readonly answers: Answers; readonly screened: readonly ScreenedAnswer[] }> {
    const texts = allQuestions(questionnaire).filter(({ question }) => question.kind === 'text' && typeof answers[question.id] === 'string' && answers[question.id] !== '');
    if (texts.length === 0) return { answers, screened: [] };
    const names = await this.names();
    const out: Record<string, Answers[string]> = { ...answers };
    const screened: ScreenedAnswer[] = [];
    for (const { question } of texts) {
      const result = screenFreeText(answers[question.id] as string, names);
      if (result.found.length === 0) continue;
      out[question.id] = result.text;
      screened.push({ questionId: question.id, found: result.found, note: explainScreening(result.found, 'your comment') ?? '' });
    }
    return { answers: out, screened };
  }
}
