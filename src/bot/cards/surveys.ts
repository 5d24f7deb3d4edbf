import type { Questionnaire } from '../../domain/survey/types';
import { actionSet, adaptiveCard, container, formatDate, heading, submit, text, type Element } from './elements';
import { promptCard } from './prompt';
import { reviewCard } from './review';
import { sectionCard } from './section';
import { sectionPages } from './surveyPages';
import { thanksCard } from './thanks';
import type { AdaptiveCard, CycleSummary } from './types';
import { VERBS } from './verbs';
import { anonymousAnswers } from './wording';

/** One open survey as the person stands with it. */
export interface OpenSurvey {
  readonly cycle: CycleSummary;
  readonly minutes: number;
  readonly state: 'not-started' | 'in-progress' | 'submitted';
  /** Where they stopped (0-based), when in progress. */
  readonly sectionIndex?: number;
  readonly totalSections?: number;
}

function stateLine(survey: OpenSurvey): string {
  switch (survey.state) {
    case 'submitted':
      return 'You have taken part. Thank you.';
    case 'in-progress':
      return survey.sectionIndex !== undefined && survey.totalSections !== undefined
        ? `You have started: you stopped at section ${survey.sectionIndex + 1} of ${survey.totalSections}.`
        : 'You have started and saved your answers.';
    case 'not-started':
      return `About ${survey.minutes} ${survey.minutes === 1 ? 'minute' : 'minutes'}.`;
  }
}

/**
 * The answer to "survey" (and "status") when more than one survey is open to the person, a
 * pulse during the Health Check: each with where they stand and its own button. The same
 * card for everyone in the same position; it says nothing anyone else could not see.
 */
export function chooseSurveyCard(surveys: readonly OpenSurvey[]): AdaptiveCard {
  const body: Element[] = [heading('Surveys open to you'), text(`${surveys.length} surveys are open. Choose one to start or carry on; you can come back for the other.`, { spacing: 'small' })];
  for (const survey of surveys) {
    const items: Element[] = [text(survey.cycle.title, { weight: 'bolder' }), text(`Open until ${formatDate(survey.cycle.closesOn)}. ${stateLine(survey)}`, { spacing: 'small' })];
    if (survey.state !== 'submitted') {
      const title = survey.state === 'in-progress' && survey.sectionIndex !== undefined ? `Carry on from section ${survey.sectionIndex + 1}` : 'Start';
      items.push(actionSet([submit(title, { verb: VERBS.start, cycleId: survey.cycle.id }, 'positive')]));
    }
    body.push(container(items, { separator: true, spacing: 'medium' }));
  }
  body.push(text(anonymousAnswers(), { isSubtle: true, spacing: 'medium' }));
  return adaptiveCard({ fallbackText: `${surveys.length} surveys are open: ${surveys.map((s) => s.cycle.title).join(', ')}. Type "survey" to choose one.`, body });
}

/**
 * "The results are out": sent to everyone a cycle asked when the PSW publishes its results.
 * The same card for everyone, whether or not they answered; no figures, which are read in
 * the tab where small groups are hidden.
 */
export function resultsOutCard(cycle: Pick<CycleSummary, 'title'>): AdaptiveCard {
  return adaptiveCard({
    fallbackText: `The results of ${cycle.title} are out. Read them in the Practice Health Check tab.`,
    body: [
      heading(`The results of ${cycle.title} are out`),
      text('Thank you to everyone who took part. The results are published for all staff in the Practice Health Check tab in Teams, on the Health check page.', { spacing: 'small' }),
      text('Groups too small to keep people anonymous are not shown.', { isSubtle: true }),
    ],
  });
}

/**
 * The cards a cycle's staff will be sent, in order, as they first see them (nothing
 * answered yet): the invitation, every page of every section, the review and the thank-you.
 * For the PSW's preview in the tab, drawn there by the same renderer Teams uses.
 */
export function surveyPreview(questionnaire: Questionnaire, cycle: CycleSummary): { readonly title: string; readonly card: AdaptiveCard }[] {
  const sections = questionnaire.sections;
  return [
    { title: 'The invitation', card: promptCard({ cycle, minutes: questionnaire.minutes }) },
    ...sections.flatMap((section, sectionIndex) => {
      const pages = sectionPages(section).length;
      return Array.from({ length: pages }, (_, page) => ({
        title: `Section ${sectionIndex + 1} of ${sections.length}: ${section.title}${pages > 1 ? `, page ${page + 1} of ${pages}` : ''}`,
        card: sectionCard({ questionnaire, cycle, sectionIndex, page, answers: {} }),
      }));
    }),
    { title: 'Check your answers', card: reviewCard({ questionnaire, cycle, answers: {} }) },
    { title: 'Thank you', card: thanksCard({ cycle }) },
  ];
}
