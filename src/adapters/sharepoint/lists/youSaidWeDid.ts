import { ACTION_LIMITS } from '../../../domain/actionPlan/types';
import { isCalendarDate } from '../../../domain/audit/forms/validate';
import { fromSharePointDate, missingOf, str, titleOf, toSharePointDate, type Fields, type Parsed } from './fields';
import { date, notes, phcId, text } from './spec';
import { defineList } from './types';

/**
 * "You said, we did" updates, as they were sent: a record of what staff were told, so it is
 * immutable. Who received each stays on the server (`you_said_we_did_messages`).
 */
export interface UpdateRow {
  id: string;
  message: string;
  /** JSON array of action ids. */
  action_ids: string;
  sent_by: string;
  sent_on: string;
}

const COLUMNS = 'id, message, action_ids, sent_by, sent_on';

/**
 * The action ids, comma-separated (plain text splits in Power BI; ids have no commas), in a
 * multi-line column: an update names up to 20 actions, and 20 ids are over 400 characters,
 * past the 255 a single-line column holds. Schema 2's single-line `ActionIds` is no longer
 * written; it is still read, for updates written before.
 */
const ACTION_IDS = 'ReportedActionIds';
const OLD_ACTION_IDS = 'ActionIds';

export function updateFields(row: UpdateRow): Fields {
  const ids = JSON.parse(row.action_ids) as string[];
  return { Title: titleOf(row.message), PhcId: row.id, Message: row.message, [ACTION_IDS]: ids.join(','), SentBy: row.sent_by, SentOn: toSharePointDate(row.sent_on) };
}

export function parseUpdate(fields: Fields): Parsed<UpdateRow> {
  const id = str(fields.PhcId);
  const message = typeof fields.Message === 'string' ? fields.Message.trim() : '';
  const sentOn = fromSharePointDate(fields.SentOn);
  const row = { id, message: message === '' ? undefined : message, sent_by: str(fields.SentBy), sent_on: sentOn !== undefined && isCalendarDate(sentOn) ? sentOn : undefined };
  const missing = missingOf(row);
  if (missing.length > 0) return { ok: false, problem: `"You said, we did" update ${id ?? '(no id)'} is missing or has unreadable ${missing.join(', ')}` };
  if (message.length > ACTION_LIMITS.message) return { ok: false, problem: `"You said, we did" update ${String(id)} is longer than ${ACTION_LIMITS.message} characters` };
  const listed = [fields[ACTION_IDS], fields[OLD_ACTION_IDS]].find((v): v is string => typeof v === 'string' && v !== '') ?? '';
  const ids = listed
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  return { ok: true, row: { ...(row as Omit<UpdateRow, 'action_ids'>), action_ids: JSON.stringify(ids) } };
}

export const youSaidWeDid = defineList({
  spec: {
    name: 'youSaidWeDid',
    displayName: 'PHC You Said We Did',
    purpose: '"You said, we did" updates sent to staff, as they were sent (who received each stays on the server)',
    columns: [phcId, notes('Message', 'Message'), notes(ACTION_IDS, 'Actions reported on (PHC ids)'), text('SentBy', 'Sent by (Entra id)'), date('SentOn', 'Sent on', { indexed: true })],
  },
  heldInGroups: false,
  deletedWithTheApp: false,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT id AS item_key, '' AS cycle_id FROM you_said_we_did",
  reader(db) {
    const get = db.prepare(`SELECT ${COLUMNS} FROM you_said_we_did WHERE id = ?`);
    return (key) => {
      const row = get.get(key) as UpdateRow | undefined;
      return row && updateFields(row);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM you_said_we_did WHERE id = ?').get(key) !== undefined,
  parse: parseUpdate,
  /** A new one (recorded by another copy of the app) is taken; a change to one the app has is refused and written back. */
  apply({ db, problems, restore }, u) {
    const local = db.prepare(`SELECT ${COLUMNS} FROM you_said_we_did WHERE id = ?`).get(u.id) as UpdateRow | undefined;
    if (!local) {
      db.prepare(`INSERT INTO you_said_we_did (${COLUMNS}) VALUES (@id, @message, @action_ids, @sent_by, @sent_on)`).run(u);
      return true;
    }
    const same = (['message', 'action_ids', 'sent_by', 'sent_on'] as const).every((k) => u[k] === local[k]);
    if (!same) problems.push(restore(u.id, `"You said, we did" update ${u.id} was changed in SharePoint, but it is a record of what staff were sent`));
    return false;
  },
  deleted({ problems }, key) {
    // Perhaps by the council's retention policy: kept here and reported, not written again.
    problems.push(`"You said, we did" update ${key} was deleted in SharePoint; kept here, as the record of what staff were sent`);
    return false;
  },
});
