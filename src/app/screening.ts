import { explainScreening, nameScreen, screenFreeText, type FindingKind, type Screened } from '../domain/dataProtection/screening';
import { allQuestions } from '../domain/survey/rules';
import type { Answers, Questionnaire } from '../domain/survey/types';
import type { Directory } from '../ports/directory';

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
 * are masked. The directory is read once per screening, so a name added today is caught today.
 */
export class FreeTextScreen {
  constructor(private readonly directory: Directory) {}

  private async names() {
    const [organisation, leavers] = await Promise.all([this.directory.organisation(), this.directory.leavers?.() ?? []]);
    return nameScreen([...organisation.people, ...leavers]);
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
