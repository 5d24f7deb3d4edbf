import type { AuditDigestMessage } from '../../src/ports/messenger';
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
    case 'escalation':
      return { line: `Was due ${due} and is still not done${item.auditor ? ` (${item.auditor}'s audit)` : ''}`, late: true };
    default:
      return item.due < item.day ? { line: `Was due ${due} (overdue)`, late: true } : { line: `Due ${due}`, late: false };
  }
}

/**
 * The daily audit reminder (issue 4 item 5): one card per person per day listing up to
 * `MAX_LISTED_AUDITS` audits with their due dates in words; each has an Open button
 * (`audit.open`, as in the audit list) and the card says how to see them all (text
 * command "audits"). Schema 1.2, wrapped text, `Action.Submit` only.
 */
export function auditDigestCard(digest: AuditDigestMessage): AdaptiveCard {
  const items = digest.items.map((item) => ({ ...item, day: digest.day }));
  const shown = items.slice(0, MAX_LISTED_AUDITS);
  const count = items.length === 1 ? '1 audit needs' : `${items.length} audits need`;
  const body: Element[] = [heading('Audit reminder'), text(`${count} your attention.`, { spacing: 'small' })];
  for (const item of shown) {
    const due = dueWords(item);
    body.push(
      container(
        [
          text(`${item.activity}: ${item.subject}`, { weight: 'bolder' }),
          text(due.line, { spacing: 'small', ...(due.late ? { color: 'attention' as const } : { isSubtle: true }) }),
          ...(item.stage === 'escalation' ? [] : [actionSet([{ type: 'Action.Submit', title: 'Open', data: { verb: AUDIT_VERBS.open, taskId: item.taskId } }])]),
        ],
        { separator: true, spacing: 'medium' },
      ),
    );
  }
  if (items.length > shown.length) body.push(text(`${items.length - shown.length} more not shown.`, { isSubtle: true, spacing: 'medium' }));
  body.push(text('Type "audits" to open all your audits.', { isSubtle: true, spacing: 'medium' }));
  return adaptiveCard({ fallbackText: `Audit reminder: ${count} your attention.`, body });
}
