import { actions, subjectComments, text } from './build';
import type { AuditForm } from './types';

/**
 * Appendix 1: Staff Supervision Audit. The supervisor's line manager (or their
 * representative) audits a random sample of supervision records: at least one from each
 * person the supervisor supervises.
 *
 * The seed keeps only the heading of the council's rating table ("Yes / Partly / No /
 * Comments (if required)"); its rows were lost when the document was converted to text.
 * The rating questions are therefore not transcribed here (see `gaps`): inventing them
 * would put words in the council's mouth. Add them in version 2 from the original form.
 */
export const staffSupervisionAudit: AuditForm = {
  id: 'appendix-1',
  version: 1,
  title: 'Staff Supervision Audit',
  lead: 'auditor',
  subject: 'subject',
  parts: ['auditor', 'subject'],
  header: [
    { id: 'auditor-name', label: 'Name of Auditor', from: 'auditor' },
    { id: 'supervisor-name', label: 'Name of Supervisor', from: 'subject' },
    { id: 'audit-date', label: 'Date of Audit', from: 'audit-date' },
  ],
  sections: [
    {
      id: 'findings',
      title: 'Findings',
      part: 'auditor',
      items: [
        text('general-comments', 'General Comments', { required: false }),
        // A question the auditor must answer: an empty list means "no actions".
        actions('actions-arising', 'Are there any actions arising from this audit? (including arrangements for feedback)', { required: true }),
      ],
    },
    {
      id: 'subject-comments',
      title: "Subject's comments",
      part: 'subject',
      items: [subjectComments('subject-comments', "Subject's comments")],
    },
  ],
  signOffNeedsSubjectPart: false,
  gaps: ['The Yes / Partly / No questions of the supervision audit table are missing from the seed (only the column headings survive), so they are not on this form yet.'],
};
