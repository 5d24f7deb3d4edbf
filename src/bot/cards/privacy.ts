import type { PrivacyNotice } from '../../domain/dataProtection/privacy';
import { adaptiveCard, block, heading, text, type Element } from './elements';
import type { AdaptiveCard } from './types';

/** The first layer of privacy information, as a block on the welcome card and in `help`. */
export function privacySummary(notice: PrivacyNotice): readonly Element[] {
  return block('Your data', [...notice.summary, ...(notice.noticeUrl ? [`The council's full privacy notice: [${notice.noticeUrl}](${notice.noticeUrl})`] : [])]);
}

/** `privacy`: everything staff are told about their data, in sections (the tab's Privacy page says the same). */
export function privacyCard(notice: PrivacyNotice): AdaptiveCard {
  return adaptiveCard({
    fallbackText: 'How Practice Health Check uses your data.',
    body: [
      heading('Your data in Practice Health Check'),
      ...notice.sections.flatMap((s) => block(s.title, s.lines)),
      ...(notice.noticeUrl ? [text(`The council's full privacy notice: [${notice.noticeUrl}](${notice.noticeUrl})`, { spacing: 'medium' })] : []),
    ],
  });
}
