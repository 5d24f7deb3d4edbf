import { isCalendarDate } from '../../../domain/audit/forms/validate';
import { ACTION_LIMITS, ACTION_STATUSES, type ActionStatus } from '../../../domain/actionPlan/types';
import { ACTION_COLUMNS, type ActionRow } from '../../sqlite/actionPlanStore';
import { fromSharePointDate, int, missingOf, optionalText, queueWriteBack, str, titleOf, toSharePointDate, type Fields, type Parsed } from './fields';
import { choice, date, notes, number, phcId, text } from './spec';
import { defineList } from './types';

/**
 * The action plan: one item per action (schema 2), the link to a question, cycle or audit as
 * three plain columns so SharePoint views and Power BI can group by them. Deleting an action
 * in the app deletes its item, and deleting the item in SharePoint deletes the action.
 */
export function actionFields(row: ActionRow): Fields {
  const link = JSON.parse(row.link) as { kind?: string; questionId?: string; cycleId?: string; auditId?: string };
  return {
    // The whole of "what" is in What; Title holds at most 255 characters.
    Title: titleOf(row.what),
    PhcId: row.id,
    What: row.what,
    OwnerId: row.owner_id,
    DueOn: toSharePointDate(row.due),
    Status: row.status,
    LinkKind: link.kind ?? 'none',
    QuestionId: link.questionId ?? null,
    CycleId: link.cycleId ?? null,
    AuditId: link.auditId ?? null,
    Progress: row.progress,
    CreatedBy: row.created_by,
    CreatedOn: toSharePointDate(row.created_on),
    UpdatedOn: toSharePointDate(row.updated_on),
    Version: row.version,
  };
}

/**
 * An action as SharePoint holds it, checked as the app checks one typed on the tab (a real
 * due date, one of the four statuses, what and progress within their lengths) plus what only
 * an edit in SharePoint could break: an update before the action was made. Who owns it is
 * not checked against the directory here (the adapter has none); the tab shows an unknown id.
 */
export function parseAction(fields: Fields): Parsed<ActionRow> {
  const id = str(fields.PhcId);
  const fail = (why: string): Parsed<never> => ({ ok: false, problem: `action ${id ?? '(no id)'} ${why}` });
  const day = (v: unknown): string | undefined => {
    const d = fromSharePointDate(v);
    return d !== undefined && isCalendarDate(d) ? d : undefined;
  };
  const what = typeof fields.What === 'string' ? fields.What.trim() : undefined;
  const progress = fields.Progress === null || fields.Progress === undefined ? '' : typeof fields.Progress === 'string' ? fields.Progress.trim() : undefined;
  const kind = fields.LinkKind === null || fields.LinkKind === undefined || fields.LinkKind === '' ? 'none' : fields.LinkKind;
  const questionId = optionalText(fields.QuestionId);
  const cycleId = optionalText(fields.CycleId);
  const auditId = optionalText(fields.AuditId);
  const row = {
    id,
    what: what === '' ? undefined : what,
    owner_id: str(fields.OwnerId),
    due: day(fields.DueOn),
    status: str(fields.Status),
    progress,
    created_by: str(fields.CreatedBy),
    created_on: day(fields.CreatedOn),
    updated_on: day(fields.UpdatedOn),
    version: int(fields.Version),
  };
  const missing = missingOf(row);
  if (missing.length > 0) return fail(`is missing or has unreadable ${missing.join(', ')}`);
  if (!ACTION_STATUSES.includes(row.status as ActionStatus)) return fail(`has the status "${String(row.status)}", which is not not started, in progress, done or dropped`);
  if ((row.what as string).length > ACTION_LIMITS.what) return fail(`says what will be done in more than ${ACTION_LIMITS.what} characters`);
  if ((row.progress as string).length > ACTION_LIMITS.progress) return fail(`has progress longer than ${ACTION_LIMITS.progress} characters`);
  if ((row.updated_on as string) < (row.created_on as string)) return fail(`was updated (${String(row.updated_on)}) before it was made (${String(row.created_on)})`);
  let link: Record<string, string>;
  if (kind === 'none') link = { kind: 'none' };
  else if (kind === 'question' && questionId !== null) link = cycleId === null ? { kind, questionId } : { kind, questionId, cycleId };
  else if (kind === 'audit' && auditId !== null) link = { kind, auditId };
  else return fail(`is linked to ${String(kind)} without saying which`);
  return { ok: true, row: { ...(row as Omit<ActionRow, 'link'>), link: JSON.stringify(link) } };
}

export const actions = defineList({
  spec: {
    name: 'actions',
    displayName: 'PHC Actions',
    purpose: 'the action plan: what will be done about the Health Check and the audits, by whom, by when',
    // Schema 1's Source, Description and Overdue columns are no longer written; provisioning
    // leaves them (and the old "open" choice) where they exist.
    columns: [
      phcId,
      notes('What', 'What will be done'),
      text('OwnerId', 'Owner (Entra id)', { indexed: true }),
      date('DueOn', 'Due on', { indexed: true }),
      choice('Status', 'Status', ['not-started', 'in-progress', 'done', 'dropped'], { indexed: true }),
      choice('LinkKind', 'Linked to', ['none', 'question', 'audit']),
      text('QuestionId', 'Question'),
      text('CycleId', 'Cycle', { indexed: true }),
      text('AuditId', 'Audit task'),
      notes('Progress', 'Progress'),
      text('CreatedBy', 'Created by (Entra id)'),
      date('CreatedOn', 'Created on'),
      date('UpdatedOn', 'Updated on'),
      number('Version', 'Version'),
    ],
  },
  heldInGroups: false,
  deletedWithTheApp: true,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT id AS item_key, '' AS cycle_id FROM actions",
  reader(db) {
    const get = db.prepare(`SELECT ${ACTION_COLUMNS} FROM actions WHERE id = ?`);
    return (key) => {
      const row = get.get(key) as ActionRow | undefined;
      return row && actionFields(row);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM actions WHERE id = ?').get(key) !== undefined,
  parse: parseAction,
  /**
   * The same as the local one (the echo of the app's own write): nothing to do. Changed
   * there: taken, at the next version, so a manager who read the old one on the tab is told it
   * has changed rather than overwriting the edit; that version is written back to the item.
   * Who made it and when cannot change: such an edit is refused and the app's values written back.
   */
  apply({ db, problems, restore }, a) {
    const local = db.prepare(`SELECT ${ACTION_COLUMNS} FROM actions WHERE id = ?`).get(a.id) as ActionRow | undefined;
    if (!local) {
      db.prepare(`INSERT INTO actions (${ACTION_COLUMNS}) VALUES (@id, @what, @owner_id, @due, @status, @link, @progress, @created_by, @created_on, @updated_on, @version)`).run({
        ...a,
        version: Math.max(1, a.version),
      });
      return true;
    }
    if (a.created_by !== local.created_by || a.created_on !== local.created_on) {
      problems.push(restore(a.id, `action ${a.id} had who made it or when changed in SharePoint, which the app does not allow`));
      return false;
    }
    const same = (['what', 'owner_id', 'due', 'status', 'link', 'progress', 'updated_on'] as const).every((k) => a[k] === local[k]);
    if (same) return false;
    db.prepare(
      'UPDATE actions SET what = @what, owner_id = @owner_id, due = @due, status = @status, link = @link, progress = @progress, updated_on = @updated_on, version = @version WHERE id = @id',
    ).run({
      ...a,
      version: local.version + 1,
    });
    // The version is the app's: written back so SharePoint (and any other copy reading it) holds the new one.
    queueWriteBack(db, 'actions', a.id, '');
    return true;
  },
  deleted: ({ db }, key) => db.prepare('DELETE FROM actions WHERE id = ?').run(key).changes > 0,
});
