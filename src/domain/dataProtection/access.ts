/**
 * The access log's vocabulary: the kinds of named record someone can read or export (who,
 * what, when; never the content). One closed set, used by the tab's routes (each route that
 * serves named records says which kind), `phc`, the DPO's page and the CSV.
 */
export const NAMED_RECORD_KINDS = [
  'audit-form',
  'audit-lists',
  'supervision',
  'caseloads',
  'action-plan',
  '39-steps-returns',
  'staff-directory',
  'focus-groups',
  'thematic-reviews',
  'self-assessments',
  'home-page',
  'person-export',
  'access-log',
] as const;
export type NamedRecordKind = (typeof NAMED_RECORD_KINDS)[number];

export const NAMED_RECORD_LABELS: Readonly<Record<NamedRecordKind, string>> = {
  'audit-form': 'An audit form',
  'audit-lists': 'Audit lists (due, overdue, by auditor)',
  supervision: 'Who missed supervision',
  caseloads: 'Caseloads by worker',
  'action-plan': 'The action plan (owners)',
  '39-steps-returns': '39-steps returns (who sent them)',
  'staff-directory': 'The staff directory (a search)',
  'focus-groups': 'Focus groups (facilitators, who was invited and their replies)',
  'thematic-reviews': 'Thematic reviews (leads and review groups)',
  'self-assessments': 'Self-assessments (who submitted and endorsed them)',
  'home-page': 'The home page (the audits and supervision of the people someone supervises or manages)',
  'person-export': 'Everything held about a person (subject access export)',
  'access-log': 'The access log itself',
};

export type AccessAction = 'read' | 'export';
export type AccessVia = 'tab' | 'phc';

/** One read or export of named records. `subjectId` when the records are about one person. */
export interface AccessEntry {
  /** ISO instant to the second, UTC: `2027-01-11T10:00:00Z`. */
  readonly at: string;
  readonly viewerId: string;
  readonly action: AccessAction;
  readonly what: NamedRecordKind;
  readonly subjectId?: string;
  /** How many named records were served (a list's length; 1 for one form). */
  readonly records: number;
  readonly via: AccessVia;
}

/** An instant as the access log keeps it: to the second, no more. */
export function accessInstant(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/**
 * The people other than the viewer an answer names: by id (as a JSON string, or inside an
 * audit task or supervision id) or by their name in the directory. What the access log counts.
 */
export function peopleNamedIn(text: string, people: readonly { readonly id: string; readonly displayName: string }[], viewerId: string): string[] {
  const out: string[] = [];
  const viewerName = people.find((p) => p.id === viewerId)?.displayName;
  for (const p of people) {
    if (p.id === viewerId) continue;
    const quoted = JSON.stringify(p.id);
    // Someone who shares the viewer's name is counted only where their id appears.
    const byName = p.displayName.length > 3 && p.displayName !== viewerName && text.includes(p.displayName);
    if (text.includes(quoted) || text.includes(`person:${p.id}/`) || text.includes(`-${p.id}-by-`) || text.includes(`-by-${p.id}`) || byName) out.push(p.id);
  }
  return out;
}
