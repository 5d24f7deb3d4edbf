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

/** An audit record waiting for the person: their part to add, one to amend, one to sign off. */
export interface AuditRecordEntry extends AuditListEntry {
  /** Who leads it, by name. */
  readonly lead: string;
  /** The form's title ("Staff Supervision Audit"). */
  readonly formTitle: string;
  /** `appendix-4`: the person audited fills in boxes rather than comments. */
  readonly formId: string;
}

export interface AuditListInput {
  /** Audits to carry out. */
  readonly entries: readonly AuditListEntry[];
  readonly today: string;
  /** Audits about the person where their part is waiting (comments, an observation's boxes). */
  readonly yourPart?: readonly AuditRecordEntry[];
  /** Audits the person sent that may still be amended (not yet signed off). */
  readonly amend?: readonly AuditRecordEntry[];
  /** Audits waiting for the person's sign-off (as the lead's line manager or the PSW). */
  readonly signOff?: readonly AuditRecordEntry[];
}

const byDue = <T extends AuditListEntry>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.taskId < b.taskId ? -1 : 1));

/** One section of records waiting for the person, at most `MAX_LISTED_AUDITS`, the rest counted. */
function recordSection(title: string, entries: readonly AuditRecordEntry[], line: (e: AuditRecordEntry) => string, buttons: (e: AuditRecordEntry) => readonly Element[]): Element[] {
  if (entries.length === 0) return [];
  const sorted = byDue(entries);
  const out: Element[] = [text(`${title} (${sorted.length})`, { weight: 'bolder', size: 'medium', spacing: 'large', separator: true })];
  for (const entry of sorted.slice(0, MAX_LISTED_AUDITS)) {
    out.push(
      container([text(`${entry.activity}: ${entry.subject}`, { weight: 'bolder' }), text(line(entry), { spacing: 'small', isSubtle: true }), actionSet(buttons(entry))], {
        separator: true,
        spacing: 'medium',
      }),
    );
  }
  if (sorted.length > MAX_LISTED_AUDITS) out.push(text(`${sorted.length - MAX_LISTED_AUDITS} more not shown: deal with these first, then type "audits" again.`, { isSubtle: true, spacing: 'medium' }));
  return out;
}

/** The buttons of a waiting record. */
const act = (title: string, verb: string, taskId: string): Element => ({ type: 'Action.Submit', title, data: { verb, taskId } });

/**
 * What a person has to do about audits (text command `audits`): the audits they are to carry
 * out, oldest due first, at most `MAX_LISTED_AUDITS`, each with an Open button (`audit.open`);
 * then, where there are any, the audits waiting for their part, the ones they sent and may
 * still amend, and the ones waiting for their sign-off. Same conventions as the other cards:
 * schema 1.2, wrapped text, `Action.Submit` only.
 */
export function auditListCard(input: AuditListInput): AdaptiveCard {
  const records = [
    ...recordSection(
      'Waiting for your part',
      input.yourPart ?? [],
      (e) => `${e.formTitle}, led by ${e.lead}. Add your part before it is signed off.`,
      (e) => [act(e.formId === 'appendix-4' ? 'Fill in my boxes' : 'Add my comments', AUDIT_VERBS.part, e.taskId)],
    ),
    ...recordSection(
      'Waiting for your sign-off',
      input.signOff ?? [],
      (e) => `Sent by ${e.lead}. Read it, then sign it off.`,
      (e) => [act('Read and sign off', AUDIT_VERBS.review, e.taskId)],
    ),
    ...recordSection(
      'Sent, not yet signed off',
      input.amend ?? [],
      () => 'You can read it, and amend it until it is signed off.',
      (e) => [act('Read', AUDIT_VERBS.review, e.taskId), act('Amend', AUDIT_VERBS.amend, e.taskId)],
    ),
  ];
  const sorted = byDue(input.entries);
  if (sorted.length === 0 && records.length > 0) {
    return adaptiveCard({
      fallbackText: 'Your audits: nothing to carry out; some audits are waiting for you.',
      body: [heading('Your audits'), text('You have no audits to carry out at the moment.', { spacing: 'small' }), ...records],
    });
  }
  if (sorted.length === 0) {
    return adaptiveCard({
      fallbackText: 'You have no audits due.',
      body: [heading('You have no audits due'), text('There are no audits for you to carry out at the moment. Type "audits" again later to check.', { spacing: 'small' })],
    });
  }
  const shown = sorted.slice(0, MAX_LISTED_AUDITS);
  const body: Element[] = [
    heading('Your audits'),
    text(sorted.length === 1 ? 'You have 1 audit to carry out.' : `You have ${sorted.length} audits to carry out, oldest due first.`, { spacing: 'small' }),
  ];
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
  body.push(...records);
  return adaptiveCard({ fallbackText: `Your audits: ${sorted.length} to carry out.`, body });
}
