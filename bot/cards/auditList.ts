import { actionSet, adaptiveCard, container, formatDate, heading, text, type Element } from './elements';
import { AUDIT_VERBS } from './auditVerbs';
import type { AdaptiveCard } from './types';

/** Most audits listed on one card; the rest are counted. */
export const MAX_LISTED_AUDITS = 10;

export interface AuditListEntry {
  readonly taskId: string;
  /** ISO date. */
  readonly due: string;
  /** The person audited, by name. */
  readonly subject: string;
  /** The activity in plain words ("Practice standards audit"). */
  readonly activity: string;
}

/**
 * The audits a person is to carry out (text command `audits`): oldest due first, at most
 * `MAX_LISTED_AUDITS`, each with an Open button (`audit.open`). Same conventions as the other
 * cards: schema 1.2, wrapped text, `Action.Submit` only.
 */
export function auditListCard(input: { readonly entries: readonly AuditListEntry[]; readonly today: string }): AdaptiveCard {
  const sorted = [...input.entries].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.taskId < b.taskId ? -1 : 1));
  if (sorted.length === 0) {
    return adaptiveCard({
      fallbackText: 'You have no audits due.',
      body: [heading('You have no audits due'), text('There are no audits for you to carry out at the moment. Type "audits" again later to check.', { spacing: 'small' })],
    });
  }
  const shown = sorted.slice(0, MAX_LISTED_AUDITS);
  const body: Element[] = [heading('Your audits'), text(sorted.length === 1 ? 'You have 1 audit to carry out.' : `You have ${sorted.length} audits to carry out, oldest due first.`, { spacing: 'small' })];
  for (const entry of shown) {
    const overdue = entry.due < input.today;
    body.push(
      container(
        [
          text(`${entry.activity}: ${entry.subject}`, { weight: 'bolder' }),
          text(`Due ${formatDate(entry.due)}${overdue ? ' (overdue)' : ''}`, { spacing: 'small', ...(overdue ? { color: 'attention' as const } : { isSubtle: true }) }),
          actionSet([{ type: 'Action.Submit', title: 'Open', data: { verb: AUDIT_VERBS.open, taskId: entry.taskId } }]),
        ],
        { separator: true, spacing: 'medium' },
      ),
    );
  }
  if (sorted.length > shown.length) body.push(text(`${sorted.length - shown.length} more not shown: finish these first, then type "audits" again.`, { isSubtle: true, spacing: 'medium' }));
  return adaptiveCard({ fallbackText: `Your audits: ${sorted.length} to carry out.`, body });
}
