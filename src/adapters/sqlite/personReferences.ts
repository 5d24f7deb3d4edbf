/**
 * Every column of the store that can hold a person's id, and in what form. One list, read by
 * the subject access export (what is held about a person), the leavers' pseudonymisation
 * (replace the id everywhere it is kept) and the data inventory (`phc dpia pack`). A test fills
 * the store with one person's records through the app and fails when a column holding their
 * id is missing here.
 *
 * Forms:
 * - `id`: the column is the id.
 * - `marks`: the id is inside the text between fixed marks (`before` … `after`; an empty
 *   `after` is the end of the text), e.g. an audit task `2026/practice-standards-audit/person:<id>/1`
 *   or a JSON string `"<id>"`. Matching between marks keeps `demo-01` from matching `demo-012`.
 */
export type PersonReferenceForm = { readonly kind: 'id' } | { readonly kind: 'marks'; readonly marks: readonly (readonly [before: string, after: string])[] };

export interface PersonReference {
  readonly table: string;
  readonly column: string;
  readonly form: PersonReferenceForm;
  /** What it means for the person, for the export. */
  readonly means: string;
}

const id = { kind: 'id' } as const;
/** An audit task id: `<year>/<activity>/person:<id>/<n>`. */
const taskKey = { kind: 'marks', marks: [['/person:', '/']] } as const;
/** A supervision log id: `sup-<date>-<supervisee>-by-<supervisor>`. */
const supervisionKey = {
  kind: 'marks',
  marks: [
    ['-', '-by-'],
    ['-by-', ''],
  ],
} as const;
/** JSON holding ids, supervision log ids and audit task ids as strings. */
const json = {
  kind: 'marks',
  marks: [
    ['"', '"'],
    ['-', '-by-'],
    ['-by-', '"'],
    ['/person:', '/'],
  ],
} as const;
/**
 * SharePoint's bookkeeping keys: audit task ids (and supervision samples, keyed by them),
 * supervision log ids, and messages (`<cycle>:<id>:<kind>`, `<update>:<id>:you-said-we-did`).
 */
const itemKey = {
  kind: 'marks',
  marks: [
    ['/person:', '/'],
    ['-', '-by-'],
    ['-by-', ''],
    [':', ':'],
  ],
} as const;
const between = (before: string, after: string) => ({ kind: 'marks', marks: [[before, after]] }) as const;

export const PERSON_REFERENCES: readonly PersonReference[] = [
  { table: 'people', column: 'id', form: id, means: 'you, in the imported directory' },
  { table: 'people', column: 'line_manager_id', form: id, means: 'your line manager in the directory' },
  { table: 'people', column: 'supervisor_id', form: id, means: 'your supervisor in the directory' },
  { table: 'conversations', column: 'user_id', form: id, means: 'how the bot reaches you in Teams' },
  { table: 'conversations', column: 'reference', form: json, means: 'how the bot reaches you in Teams (as Teams gave it, with your name)' },
  { table: 'outbox', column: 'user_id', form: id, means: 'a survey invitation or reminder to you' },
  { table: 'outbox', column: 'key', form: between(':', ':'), means: 'a survey invitation or reminder to you' },
  { table: 'audit_tasks', column: 'id', form: taskKey, means: 'an audit of you' },
  { table: 'audit_tasks', column: 'subject', form: between('person:', ''), means: 'an audit of you' },
  { table: 'audit_tasks', column: 'auditor', form: id, means: 'an audit you carry out' },
  { table: 'audit_records', column: 'task_id', form: taskKey, means: 'the form of an audit of you' },
  { table: 'audit_records', column: 'lead_id', form: id, means: 'an audit form you lead' },
  { table: 'audit_records', column: 'subject_id', form: id, means: 'the form of an audit of you' },
  { table: 'audit_records', column: 'signed_off_by', form: id, means: 'an audit form you signed off' },
  { table: 'audit_record_events', column: 'task_id', form: taskKey, means: 'the history of an audit of you' },
  { table: 'audit_record_events', column: 'by_id', form: id, means: 'a change you made to an audit form' },
  { table: 'audit_reminders', column: 'key', form: between(':', ':'), means: 'an audit reminder sent to you' },
  { table: 'audit_reminders', column: 'person', form: id, means: 'an audit reminder sent to you' },
  { table: 'audit_snoozes', column: 'task_id', form: taskKey, means: 'a snoozed audit of you' },
  { table: 'supervision_log', column: 'id', form: supervisionKey, means: 'a supervision session you were in' },
  { table: 'supervision_log', column: 'supervisor_id', form: id, means: 'a supervision session you held' },
  { table: 'supervision_log', column: 'supervisee_id', form: id, means: 'a supervision session you had' },
  { table: 'supervision_samples', column: 'task_id', form: taskKey, means: 'a staff supervision audit sample about you' },
  { table: 'supervision_samples', column: 'supervisor_id', form: id, means: 'a staff supervision audit sample of your supervisions' },
  { table: 'supervision_samples', column: 'supervisees', form: json, means: 'a staff supervision audit sample naming you' },
  { table: 'supervision_samples', column: 'picks', form: json, means: 'a supervision session picked for an audit' },
  { table: 'supervision_samples', column: 'without_records', form: json, means: 'a staff supervision audit sample naming you' },
  { table: 'actions', column: 'owner_id', form: id, means: 'an action you own' },
  { table: 'actions', column: 'created_by', form: id, means: 'an action you wrote' },
  { table: 'actions', column: 'link', form: between('/person:', '/'), means: 'an action linked to an audit of you' },
  { table: 'you_said_we_did', column: 'sent_by', form: id, means: 'a "You said, we did" update you sent' },
  { table: 'you_said_we_did_messages', column: 'user_id', form: id, means: 'a "You said, we did" update sent to you' },
  { table: 'caseload_entries', column: 'worker_key', form: id, means: 'your caseload figures' },
  { table: 'caseload_entries', column: 'worker_id', form: id, means: 'your caseload figures' },
  { table: 'org_returns', column: 'submitted_by', form: id, means: 'a 39-steps return you sent' },
  { table: 'quality_themes', column: 'tagged_by', form: id, means: 'a quality theme you tagged' },
  { table: 'focus_groups', column: 'facilitator_id', form: id, means: 'a focus group you facilitate' },
  { table: 'focus_groups', column: 'created_by', form: id, means: 'a focus group you scheduled' },
  { table: 'focus_group_invitations', column: 'person_id', form: id, means: 'your invitation to a focus group, and your reply' },
  { table: 'thematic_reviews', column: 'lead_id', form: id, means: 'a thematic review you lead' },
  { table: 'thematic_reviews', column: 'plan', form: json, means: 'a thematic review whose review group you are in' },
  { table: 'thematic_reviews', column: 'created_by', form: id, means: 'a thematic review you planned' },
  { table: 'self_assessments', column: 'created_by', form: id, means: 'a self-assessment you started' },
  { table: 'self_assessments', column: 'submitted_by', form: id, means: 'a self-assessment you submitted for endorsement' },
  { table: 'self_assessments', column: 'endorsed_by', form: id, means: 'a self-assessment you endorsed' },
  { table: 'questionnaires', column: 'saved_by', form: id, means: 'a version of a survey you saved' },
  { table: 'access_log', column: 'viewer_id', form: id, means: 'named records you read or exported' },
  { table: 'access_log', column: 'subject_id', form: id, means: 'someone reading or exporting records about you' },
  { table: 'retention_holds', column: 'scope', form: between('person:', ''), means: 'a legal hold on your records' },
  { table: 'retention_holds', column: 'placed_by', form: id, means: 'a legal hold you placed' },
  { table: 'sharepoint_pending', column: 'item_key', form: itemKey, means: 'a record of yours waiting to be written to SharePoint' },
  { table: 'sharepoint_items', column: 'item_key', form: itemKey, means: 'where a record of yours is in SharePoint' },
  { table: 'sharepoint_disposals', column: 'item_key', form: itemKey, means: 'a record of yours waiting to be deleted from SharePoint' },
];

/** Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A SQL condition (and its parameters) true where the column holds the person's id in its form. */
export function holdsPerson(ref: PersonReference, personId: string): { readonly sql: string; readonly params: readonly string[] } {
  const col = `"${ref.column}"`;
  if (ref.form.kind === 'id') return { sql: `${col} = ?`, params: [personId] };
  const parts = ref.form.marks.map(([before, after]) => `%${likeLiteral(before + personId + after)}${after === '' ? '' : '%'}`);
  return { sql: `(${parts.map(() => `${col} LIKE ? ESCAPE '\\'`).join(' OR ')})`, params: parts };
}

/** A SQL expression (and its parameters) for the column with the person's id replaced by `to`. */
export function replacedPerson(ref: PersonReference, from: string, to: string): { readonly sql: string; readonly params: readonly string[] } {
  const col = `"${ref.column}"`;
  if (ref.form.kind === 'id') return { sql: `CASE WHEN ${col} = ? THEN ? ELSE ${col} END`, params: [from, to] };
  let sql = col;
  let params: string[] = [];
  for (const [before, after] of ref.form.marks) {
    const prev = params;
    if (after === '') {
      // The expression so far appears four times, so its parameters do too, in order.
      sql = `CASE WHEN substr(${sql}, -length(?)) = ? THEN substr(${sql}, 1, length(${sql}) - length(?)) || ? ELSE ${sql} END`;
      params = [...prev, before + from, before + from, ...prev, ...prev, from, to, ...prev];
    } else {
      sql = `replace(${sql}, ?, ?)`;
      params = [...prev, before + from + after, before + to + after];
    }
  }
  return { sql, params };
}

/** The text with the person's id replaced by `to`, as `replacedPerson` does in SQL. */
export function replacePerson(value: string, ref: PersonReference, from: string, to: string): string {
  if (ref.form.kind === 'id') return value === from ? to : value;
  let out = value;
  for (const [before, after] of ref.form.marks) {
    if (after === '') {
      if (out.endsWith(before + from)) out = out.slice(0, out.length - from.length) + to;
    } else out = out.split(before + from + after).join(before + to + after);
  }
  return out;
}
