import { describePeriod, isRecordType, type RecordType, type RetentionSchedule } from './retention';

/**
 * The data inventory behind the DPIA and the record of processing (UK GDPR Articles 30 and 35):
 * every field the app stores, in SQLite and in SharePoint, with its purpose, lawful basis,
 * retention, who sees it and where it goes. The fields come from the stores themselves (the
 * schema, the list definitions); the classifications are declared beside each store; a field
 * nobody has classified is reported, and `phc dpia pack` refuses to produce a pack with one.
 */

export const LAWFUL_BASES = {
  'public-task':
    'UK GDPR Article 6(1)(e): a task in the public interest (the council as employer of social care staff and provider of adult social care, Care Act 2014; the Standards for employers of social workers in England)',
  'public-task-health': 'Article 6(1)(e), with Article 9(2)(b) and the Data Protection Act 2018 Schedule 1 para 1 (employment) for team sickness figures',
  'not-personal': 'No personal data: nothing here relates to an identifiable person',
} as const;
export type LawfulBasis = keyof typeof LAWFUL_BASES;

/** What a field holds, in words a DPO would use. */
export const FIELD_KINDS = {
  'person-id': "a person's directory id",
  name: "a person's name",
  'work-record': "a record about someone's work (dates, outcomes, ratings, statuses)",
  'free-text': 'words someone typed (screened for names, emails and case numbers)',
  'practice-notes': 'words about practice someone typed, refused if they name anyone in the staff directory (not screened for emails or case numbers)',
  'typed-text': 'words someone typed about the service or the work, not screened (titles, places, comments, reasons)',
  'survey-questions': "survey questions as the Principal Social Worker wrote them (nobody's answers)",
  'survey-answer': 'survey answers, with no name',
  'keyed-hash': 'a keyed hash that cannot be tied to a person once the survey closes',
  aggregate: 'figures about groups, after suppression',
  'health-aggregate': 'team sickness figures (special category, team level)',
  secret: 'a secret key',
  operational: 'how the app works (ids, statuses, retries), nothing about a person',
  reference: 'a reference to another record',
} as const;
export type FieldKind = keyof typeof FIELD_KINDS;

/** How long: a kind of record's retention period, or said plainly where no period applies. */
export type Retention = RecordType | { readonly plainly: string };

export interface StoreClassification {
  readonly purpose: string;
  readonly basis: LawfulBasis;
  readonly retention: Retention;
  readonly whoSees: string;
  /** Where it goes beyond this server. */
  readonly leaves: string;
  /** Every column: what it holds. */
  readonly fields: Readonly<Record<string, FieldKind>>;
}

export interface StoredField {
  readonly store: 'SQLite' | 'SharePoint';
  /** The table, or the list's display name. */
  readonly place: string;
  readonly field: string;
}

export interface InventoryRow extends StoredField {
  readonly holds: string;
  readonly kind: FieldKind;
  readonly purpose: string;
  readonly basis: string;
  readonly retention: string;
  readonly whoSees: string;
  readonly leaves: string;
}

export interface DataInventory {
  readonly rows: readonly InventoryRow[];
  /** Fields stored that no declaration classifies: the pack is refused while any is left. */
  readonly unclassified: readonly string[];
  /** Declarations of fields no store has (a column renamed or dropped): said, so they are put right. */
  readonly stale: readonly string[];
}

function retentionWords(r: Retention, schedule: RetentionSchedule): string {
  if (typeof r === 'string' && isRecordType(r)) {
    const rule = schedule[r];
    return `${rule.label}: ${describePeriod(rule.period)} from ${rule.from} (${rule.disposal})${rule.overridden ? ", the council's period" : ''}`;
  }
  return typeof r === 'string' ? r : r.plainly;
}

/** Every stored field with its classification; unclassified and stale fields listed. */
export function dataInventory(stored: readonly StoredField[], declarations: Readonly<Record<string, StoreClassification>>, schedule: RetentionSchedule): DataInventory {
  const rows: InventoryRow[] = [];
  const unclassified: string[] = [];
  const key = (f: Pick<StoredField, 'store' | 'place'>) => `${f.store}:${f.place}`;
  for (const f of stored) {
    const d = declarations[key(f)];
    const kind = d?.fields[f.field];
    if (!d || !kind) {
      unclassified.push(`${f.store} ${f.place}.${f.field}`);
      continue;
    }
    rows.push({ ...f, kind, holds: FIELD_KINDS[kind], purpose: d.purpose, basis: LAWFUL_BASES[d.basis], retention: retentionWords(d.retention, schedule), whoSees: d.whoSees, leaves: d.leaves });
  }
  const present = new Set(stored.map((f) => `${key(f)}.${f.field}`));
  const stale = Object.entries(declarations).flatMap(([place, d]) =>
    Object.keys(d.fields)
      .filter((field) => !present.has(`${place}.${field}`))
      .map((field) => `${place.replace(':', ' ')}.${field}`),
  );
  return { rows, unclassified, stale };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The DPIA pack as Markdown: the record of processing, then the inventory field by field. The
 * starting point for the council's DPIA (docs/data-protection.md says what it must add).
 */
export function dpiaPackMarkdown(
  inventory: DataInventory,
  about: { readonly controller: string | undefined; readonly contact: string | undefined; readonly madeOn: string; readonly version: string },
): string {
  const places = [...new Map(inventory.rows.map((r) => [`${r.store}:${r.place}`, r])).values()];
  return [
    `# Practice Health Check: data inventory and record of processing`,
    '',
    `Made by \`phc dpia pack\` on ${about.madeOn} from version ${about.version} of the app: every field it stores, from its own schema and list definitions.`,
    '',
    '## Record of processing (UK GDPR Article 30)',
    '',
    `- Controller: ${about.controller ?? '(set PHC_PRIVACY_CONTROLLER or PHC_COUNCIL_NAME)'}; Data Protection Officer: ${about.contact ?? '(set PHC_PRIVACY_CONTACT)'}.`,
    "- Data subjects: the council's adult social care staff (social workers, occupational therapists, social care professionals, their managers and the Principal Social Worker).",
    '- Purposes: staff surveys (the Health Check, pulse surveys), the practice audit programme and supervision log, caseload and workforce figures, and the action plan that answers them.',
    "- Recipients: the council only (managers, the Principal Social Worker, the management team, the DPO, IT administrators of the hosting). Processor: Microsoft (Teams, Entra ID, SharePoint, Azure App Service) under the council's agreement.",
    "- International transfers: none by the app; Microsoft's hosting as the council has agreed it (UK or EU data centres).",
    '- Security: sign-in through Entra ID, access decided on the server by role and line management, an access log of named records, encryption in transit (TLS) and at rest (Azure), secure deletion in SQLite (docs/security.md).',
    '',
    '## Where the data is',
    '',
    '| Store | Where | Purpose | Lawful basis | Retention | Who sees it | Where it goes |',
    '|---|---|---|---|---|---|---|',
    ...places.map((r) => `| ${r.store} | ${cell(r.place)} | ${cell(r.purpose)} | ${cell(r.basis)} | ${cell(r.retention)} | ${cell(r.whoSees)} | ${cell(r.leaves)} |`),
    '',
    '## Every field',
    '',
    '| Store | Where | Field | Holds |',
    '|---|---|---|---|',
    ...inventory.rows.map((r) => `| ${r.store} | ${cell(r.place)} | \`${r.field}\` | ${cell(r.holds)} |`),
    '',
  ].join('\n');
}
