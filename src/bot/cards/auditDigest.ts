import type { AuditDigestMessage } from '../../ports/messenger';
import { MAX_LISTED_AUDITS } from './auditList';
import { AUDIT_VERBS } from './auditVerbs';
import { actionSet, adaptiveCard, container, formatDate, heading, text, type Element } from './elements';
import type { AdaptiveCard } from './types';

type Item = AuditDigestMessage['items'][number] & { readonly day: string };

function dueWords(item: Item): { readonly line: string; readonly late: boolean } {
  const due = formatDate(item.due);
  switch (item.stage) {
    case 'before-due':
      return { line: `Due ${due}`, late: false };
    case 'due':
      return { line: `Due today, ${due}`, late: false };
    case 'your-part':
      return { line: `${item.auditor ?? 'The auditor'} has sent this audit about you. Please add your part, so it can be signed off.`, late: false };
    case 'sign-off':
      return { line: `Sent by ${item.auditor ?? 'the auditor'} and ready for you to read and sign off.`, late: false };
    case 'escalation':
      return { line: `Was due ${due} and is still not done${item.auditor ? ` (${item.auditor}'s audit)` : ''}`, late: true };
    default:
      return item.due < item.day ? { line: `Was due ${due} (overdue)`, late: true } : { line: `Due ${due}`, late: false };
  }
}

/** Open for a reminder; for an audit waiting for someone, straight to what they do. */
function button(item: Item): Element {
  if (item.stage === 'your-part') return { type: 'Action.Submit', title: 'Add my part', data: { verb: AUDIT_VERBS.part, taskId: item.taskId } };
  if (item.stage === 'sign-off') return { type: 'Action.Submit', title: 'Read and sign off', data: { verb: AUDIT_VERBS.review, taskId: item.taskId } };
  return { type: 'Action.Submit', title: 'Open', data: { verb: AUDIT_VERBS.open, taskId: item.taskId } };
}

/** Notices about a sent audit (`your-part`, `sign-off`) rather than reminders of one to do. */
const isNotice = (stage: string): boolean => stage === 'your-part' || stage === 'sign-off';

/**
 * The daily audit reminder: one card per person per day listing up to
 * `MAX_LISTED_AUDITS` audits with their due dates in words; each has an Open button
 * (`audit.open`, as in the audit list) and the card says how to see them all (text
 * command "audits"). The same card carries the notices about sent audits (stages `your-part`:
 * the person audited is asked for their part; `sign-off`: the lead's line manager is told it
 * is ready), each with the button that does it. Schema 1.2, wrapped text, `Action.Submit` only.
 */
export function auditDigestCard(digest: AuditDigestMessage): AdaptiveCard {
  const items = digest.items.map((item) => ({ ...item, day: digest.day }));
  const shown = items.slice(0, MAX_LISTED_AUDITS);
  const count = items.length === 1 ? '1 audit needs' : `${items.length} audits need`;
  const title = items.length > 0 && items.every((i) => isNotice(i.stage)) ? 'An audit is waiting for you' : 'Audit reminder';
  const body: Element[] = [heading(title), text(`${count} your attention.`, { spacing: 'small' })];
  for (const item of shown) {
    const due = dueWords(item);
    body.push(
      container(
        [
          text(`${item.activity}: ${item.subject}`, { weight: 'bolder' }),
          text(due.line, { spacing: 'small', ...(due.late ? { color: 'attention' as const } : { isSubtle: true }) }),
          ...(item.sampleReady ? [text('The sample of supervision records to audit is ready: Open shows it.', { spacing: 'small' })] : []),
          ...(item.stage === 'escalation' ? [] : [actionSet([button(item)])]),
        ],
        { separator: true, spacing: 'medium' },
      ),
    );
  }
  if (items.length > shown.length) body.push(text(`${items.length - shown.length} more not shown.`, { isSubtle: true, spacing: 'medium' }));
  body.push(text('Type "audits" to open all your audits.', { isSubtle: true, spacing: 'medium' }));
  return adaptiveCard({ fallbackText: `${title}: ${count} your attention.`, body });
}
