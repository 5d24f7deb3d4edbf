import { FOCUS_GROUP_PURPOSES, FOCUS_GROUP_STATUSES, INVITATION_REPLIES } from '../../../domain/framework/focusGroups';
import { FOCUS_GROUP_COLUMNS, type FocusGroupRow, type InvitationRow } from '../../sqlite/frameworkStores';
import { str, titleOf, toSharePointDate, dateOrNull, type Fields, type Parsed } from './fields';
import { applyAppRecord, day, json, keptWhenDeleted, optionalDay, optionalWhole, unreadable, whole } from './frameworkRecords';
import { choice, date, notes, number, phcId, text } from './spec';
import { defineList } from './types';

/**
 * Focus groups (Appendix 5): one item each, with its invitations and replies (who was asked,
 * who is coming) as JSON beside the notes by question and the key themes. Attendance is a
 * number; the notes name nobody (checked in the app before they were saved).
 */
interface FocusGroupItem {
  readonly row: FocusGroupRow;
  readonly invitations: readonly InvitationRow[];
}

const NAMES = FOCUS_GROUP_COLUMNS.split(', ');

export function focusGroupFields(row: FocusGroupRow, invitations: readonly InvitationRow[]): Fields {
  return {
    Title: titleOf(row.title),
    PhcId: row.id,
    Year: row.year,
    Purpose: row.purpose,
    ReviewId: row.review_id,
    HeldOn: toSharePointDate(row.held_on),
    StartsAt: row.starts_at,
    Place: row.place,
    FacilitatorId: row.facilitator_id,
    InvitedTeams: row.invited_teams,
    InvitedRoles: row.invited_roles,
    Status: row.status,
    InvitationsSentOn: dateOrNull(row.invitations_sent_on),
    Attended: row.attended,
    Notes: row.notes,
    Themes: row.themes,
    Invitations: JSON.stringify(invitations.map((i) => ({ personId: i.person_id, reply: i.reply, repliedOn: i.replied_on }))),
    CreatedBy: row.created_by,
    CreatedOn: toSharePointDate(row.created_on),
    UpdatedOn: toSharePointDate(row.updated_on),
    Version: row.version,
  };
}

export function parseFocusGroup(fields: Fields): Parsed<FocusGroupItem> {
  const id = str(fields.PhcId);
  const fail = (why: string): Parsed<never> => ({ ok: false, problem: `focus group ${id ?? '(no id)'} ${why}` });
  const row = {
    id,
    year: whole(fields.Year),
    purpose: str(fields.Purpose),
    review_id: str(fields.ReviewId) ?? null,
    title: typeof fields.Title === 'string' && fields.Title.trim() !== '' ? fields.Title : undefined,
    held_on: day(fields.HeldOn),
    starts_at: str(fields.StartsAt),
    place: str(fields.Place),
    facilitator_id: str(fields.FacilitatorId),
    invited_teams: json(fields.InvitedTeams),
    invited_roles: json(fields.InvitedRoles),
    status: str(fields.Status),
    invitations_sent_on: optionalDay(fields.InvitationsSentOn),
    attended: optionalWhole(fields.Attended),
    notes: json(fields.Notes),
    themes: json(fields.Themes),
    created_by: str(fields.CreatedBy),
    created_on: day(fields.CreatedOn),
    updated_on: day(fields.UpdatedOn),
    version: whole(fields.Version),
  };
  const missing = unreadable(row);
  if (missing.length > 0) return fail(`is missing or has unreadable ${missing.join(', ')}`);
  if (!FOCUS_GROUP_PURPOSES.includes(row.purpose as never) || !FOCUS_GROUP_STATUSES.includes(row.status as never)) return fail('has a purpose or status the app does not know');
  let invitations: InvitationRow[];
  try {
    const listed = JSON.parse(str(fields.Invitations) ?? '[]') as unknown;
    if (!Array.isArray(listed)) return fail('has invitations of the wrong shape');
    invitations = listed.map((x: { personId?: unknown; reply?: unknown; repliedOn?: unknown }) => {
      if (typeof x?.personId !== 'string' || (x.reply !== null && !INVITATION_REPLIES.includes(x.reply as never)) || (x.reply === null) !== (x.repliedOn === null)) throw new Error('shape');
      return { focus_group_id: id as string, person_id: x.personId, reply: x.reply as string | null, replied_on: x.repliedOn as string | null };
    });
  } catch {
    return fail('has invitations the app cannot read');
  }
  return { ok: true, row: { row: row as FocusGroupRow, invitations } };
}

const same = (a: FocusGroupItem, b: FocusGroupItem): boolean =>
  NAMES.every((n) => a.row[n as keyof FocusGroupRow] === b.row[n as keyof FocusGroupRow]) && JSON.stringify(a.invitations) === JSON.stringify(b.invitations);

export const focusGroups = defineList({
  spec: {
    name: 'focusGroups',
    displayName: 'PHC Focus Groups',
    purpose: 'focus groups (Appendix 5): when, who facilitates, who was invited and replied, notes by question and key themes',
    columns: [
      phcId,
      number('Year', 'Council year', { indexed: true }),
      choice('Purpose', 'Part of', FOCUS_GROUP_PURPOSES),
      text('ReviewId', 'Thematic review'),
      date('HeldOn', 'Held on', { indexed: true }),
      text('StartsAt', 'Starts at'),
      text('Place', 'Place'),
      text('FacilitatorId', 'Facilitator (Entra id)', { indexed: true }),
      notes('InvitedTeams', 'Teams invited (JSON)'),
      notes('InvitedRoles', 'Roles invited (JSON)'),
      choice('Status', 'Status', FOCUS_GROUP_STATUSES, { indexed: true }),
      date('InvitationsSentOn', 'Invitations sent on'),
      number('Attended', 'Attended'),
      notes('Notes', 'Notes by Appendix 5 question (JSON)'),
      notes('Themes', 'Key themes (JSON)'),
      notes('Invitations', 'Invitations and replies (JSON)'),
      text('CreatedBy', 'Created by (Entra id)'),
      date('CreatedOn', 'Created on'),
      date('UpdatedOn', 'Updated on'),
      number('Version', 'Version'),
    ],
  },
  heldInGroups: false,
  deletedWithTheApp: false,
  fullReadRemovesUnseen: false,
  localKeysSql: "SELECT id AS item_key, '' AS cycle_id FROM focus_groups",
  reader(db) {
    const get = db.prepare(`SELECT ${FOCUS_GROUP_COLUMNS} FROM focus_groups WHERE id = ?`);
    const invitations = db.prepare('SELECT focus_group_id, person_id, reply, replied_on FROM focus_group_invitations WHERE focus_group_id = ? ORDER BY person_id');
    return (key) => {
      const row = get.get(key) as FocusGroupRow | undefined;
      return row && focusGroupFields(row, invitations.all(key) as InvitationRow[]);
    };
  },
  has: (db, key) => db.prepare('SELECT 1 FROM focus_groups WHERE id = ?').get(key) !== undefined,
  parse: parseFocusGroup,
  apply(context, item) {
    const local = context.db.prepare(`SELECT ${FOCUS_GROUP_COLUMNS} FROM focus_groups WHERE id = ?`).get(item.row.id) as FocusGroupRow | undefined;
    const localItem = local && {
      row: local,
      invitations: context.db.prepare('SELECT focus_group_id, person_id, reply, replied_on FROM focus_group_invitations WHERE focus_group_id = ? ORDER BY person_id').all(local.id) as InvitationRow[],
    };
    return applyAppRecord(
      context,
      { ...item, id: item.row.id },
      localItem && { ...localItem, id: localItem.row.id },
      'focus group',
      (db, x) => {
        db.prepare(`INSERT INTO focus_groups (${FOCUS_GROUP_COLUMNS}) VALUES (${NAMES.map((n) => `@${n}`).join(', ')})`).run(x.row);
        const add = db.prepare('INSERT INTO focus_group_invitations (focus_group_id, person_id, reply, replied_on) VALUES (?, ?, ?, ?)');
        for (const i of x.invitations) add.run(x.row.id, i.person_id, i.reply, i.replied_on);
      },
      same,
    );
  },
  deleted: (context, key) => keptWhenDeleted(context, key, 'focus group'),
});
