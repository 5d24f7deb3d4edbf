import { rating, text } from './build';
import type { AuditForm, AuditItem } from './types';

/**
 * What Appendices 2 (social work and social care) and 3 (therapy) ask in the same words:
 * the header, the case identifier, and questions 12–19. Kept once so a correction to the
 * council's wording lands in both forms.
 */
export const practiceStandardsHeader: AuditForm['header'] = [
  { id: 'audit-date', label: 'Date of Audit', from: 'audit-date' },
  { id: 'allocated-worker', label: 'Allocated Worker', from: 'subject' },
  { id: 'auditor-name', label: 'Name of Auditor', from: 'auditor' },
];

export const caseSection: AuditForm['sections'][number] = {
  id: 'case',
  title: 'Case',
  part: 'auditor',
  items: [text('case-identifier', 'Case Identifier')],
};

/** Questions 12–19, shared word for word. */
export const sharedStandards: readonly AuditItem[] = [
  rating('equality-diversity', '12', 'To what extent are issues of equality and diversity demonstrated in the case file?'),
  rating('dignity-respect', '13', 'To what extent does the case file demonstrate dignity and respect?'),
  rating('timeliness-responsiveness', '14', "What is your impression of the allocated worker's timeliness and responsiveness to the individual?", { comment: 'always' }),
  rating('reflective-analytical', '15', 'Is there evidence of evaluation, reflective and analytical thinking within the case file?'),
  rating('continuity-of-support', '16', 'Is there a continuity of support where cases have been transferred from one team to another or from one worker to another?', { required: false }),
  rating('multi-agency-working', '17', 'Is there evidence of effective multi-agency working and appropriate contributions by partners to planning and service delivery?'),
  rating('decision-rationale-oversight', '18', 'Is there evidence of a rationale of decision making and advice being sought and effective management oversight?'),
  text('what-was-good', 'What was really good about this case?', { number: '19' }),
];
