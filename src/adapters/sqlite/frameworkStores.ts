import type { FocusGroup, FocusGroupInvitation, InvitationReply } from '../../domain/framework/focusGroups';
import type { SelfAssessment } from '../../domain/framework/selfAssessment';
import type { ThematicReview } from '../../domain/framework/thematicReviews';
import type { IsoDate } from '../../domain/shared/brand';
import type { FocusGroupStore, FrameworkStores, SelfAssessmentStore, ThematicReviewStore } from '../../ports/framework';
import { StoreError } from '../../ports/stores';
import { writeTransaction, type Db } from './database';

/**
 * The framework's records in SQLite (migration 3): `focus_groups` with
 * `focus_group_invitations`, `thematic_reviews` and `self_assessments`. The row types and
 * column lists are shared with their SharePoint lists, which write and read the same rows.
 */

export interface FocusGroupRow {
  id: string;
  year: number;
  purpose: string;
  review_id: string | null;
  title: string;
  held_on: string;
  starts_at: string;
  place: string;
  facilitator_id: string;
  invited_teams: string;
  invited_roles: string;
  status: string;
  invitations_sent_on: string | null;
  attended: number | null;
  notes: string;
  themes: string;
  created_by: string;
  created_on: string;
  updated_on: string;
  version: number;
}
export const FOCUS_GROUP_COLUMNS =
  'id, year, purpose, review_id, title, held_on, starts_at, place, facilitator_id, invited_teams, invited_roles, status, invitations_sent_on, attended, notes, themes, created_by, created_on, updated_on, version';

export interface InvitationRow {
  focus_group_id: string;
  person_id: string;
  reply: string | null;
  replied_on: string | null;
}

export interface ThematicReviewRow {
  id: string;
  year: number;
  slot: number;
  theme: string;
  lead_id: string;
  plan: string;
  findings: string;
  recommendations: string;
  created_by: string;
  created_on: string;
  updated_on: string;
  version: number;
}
export const THEMATIC_REVIEW_COLUMNS = 'id, year, slot, theme, lead_id, plan, findings, recommendations, created_by, created_on, updated_on, version';

export interface SelfAssessmentRow {
  id: string;
  kind: string;
  year: number;
  status: string;
  items: string;
  evidence_on: string;
  submitted_on: string | null;
  submitted_by: string | null;
  endorsed_on: string | null;
  endorsed_by: string | null;
  returned_note: string | null;
  created_by: string;
  created_on: string;
  updated_on: string;
  version: number;
}
export const SELF_ASSESSMENT_COLUMNS = 'id, kind, year, status, items, evidence_on, submitted_on, submitted_by, endorsed_on, endorsed_by, returned_note, created_by, created_on, updated_on, version';

const named = (columns: string): string =>
  columns
    .split(', ')
    .map((c) => `@${c}`)
    .join(', ');
const assignments = (columns: string, except: readonly string[]): string =>
  columns
    .split(', ')
    .filter((c) => !except.includes(c))
    .map((c) => `${c} = @${c}`)
    .join(', ');

/** Runs a synchronous store step as a promise, so a `StoreError` is a rejection, not a throw. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}

export function focusGroupOf(row: FocusGroupRow): FocusGroup {
  return {
    id: row.id,
    year: row.year,
    purpose: row.purpose as FocusGroup['purpose'],
    reviewId: row.review_id,
    title: row.title,
    date: row.held_on as IsoDate,
    time: row.starts_at,
    place: row.place,
    facilitatorId: row.facilitator_id,
    invitedTeams: JSON.parse(row.invited_teams) as string[],
    invitedRoles: JSON.parse(row.invited_roles) as FocusGroup['invitedRoles'],
    status: row.status as FocusGroup['status'],
    invitationsSentOn: row.invitations_sent_on as IsoDate | null,
    attended: row.attended,
    notes: JSON.parse(row.notes) as Record<string, string>,
    themes: JSON.parse(row.themes) as FocusGroup['themes'],
    createdBy: row.created_by,
    createdOn: row.created_on as IsoDate,
    updatedOn: row.updated_on as IsoDate,
    version: row.version,
  };
}

export function focusGroupRow(g: Omit<FocusGroup, 'version'>, version: number): FocusGroupRow {
  return {
    id: g.id,
    year: g.year,
    purpose: g.purpose,
    review_id: g.reviewId,
    title: g.title,
    held_on: g.date,
    starts_at: g.time,
    place: g.place,
    facilitator_id: g.facilitatorId,
    invited_teams: JSON.stringify(g.invitedTeams),
    invited_roles: JSON.stringify(g.invitedRoles),
    status: g.status,
    invitations_sent_on: g.invitationsSentOn,
    attended: g.attended,
    notes: JSON.stringify(g.notes),
    themes: JSON.stringify(g.themes),
    created_by: g.createdBy,
    created_on: g.createdOn,
    updated_on: g.updatedOn,
    version,
  };
}

const invitationOf = (r: InvitationRow): FocusGroupInvitation => ({
  focusGroupId: r.focus_group_id,
  personId: r.person_id,
  reply: r.reply as InvitationReply | null,
  repliedOn: r.replied_on as IsoDate | null,
});

type ReviewPlanJson = Omit<ThematicReview, 'id' | 'year' | 'slot' | 'theme' | 'leadId' | 'findings' | 'recommendations' | 'createdBy' | 'createdOn' | 'updatedOn' | 'version'>;

export function reviewOf(row: ThematicReviewRow): ThematicReview {
  const plan = JSON.parse(row.plan) as ReviewPlanJson;
  return {
    id: row.id,
    year: row.year,
    slot: row.slot,
    theme: row.theme,
    leadId: row.lead_id,
    reasons: plan.reasons,
    covers: plan.covers,
    scope: plan.scope,
    objectives: plan.objectives,
    methods: plan.methods,
    methodology: plan.methodology,
    reviewGroup: plan.reviewGroup,
    stages: plan.stages,
    findings: JSON.parse(row.findings) as ThematicReview['findings'],
    recommendations: JSON.parse(row.recommendations) as ThematicReview['recommendations'],
    createdBy: row.created_by,
    createdOn: row.created_on as IsoDate,
    updatedOn: row.updated_on as IsoDate,
    version: row.version,
  };
}

export function reviewRow(r: Omit<ThematicReview, 'version'>, version: number): ThematicReviewRow {
  const plan: ReviewPlanJson = {
    reasons: r.reasons,
    covers: r.covers,
    scope: r.scope,
    objectives: r.objectives,
    methods: r.methods,
    methodology: r.methodology,
    reviewGroup: r.reviewGroup,
    stages: r.stages,
  };
  return {
    id: r.id,
    year: r.year,
    slot: r.slot,
    theme: r.theme,
    lead_id: r.leadId,
    plan: JSON.stringify(plan),
    findings: JSON.stringify(r.findings),
    recommendations: JSON.stringify(r.recommendations),
    created_by: r.createdBy,
    created_on: r.createdOn,
    updated_on: r.updatedOn,
    version,
  };
}

export function selfAssessmentOf(row: SelfAssessmentRow): SelfAssessment {
  return {
    id: row.id,
    kind: row.kind as SelfAssessment['kind'],
    year: row.year,
    status: row.status as SelfAssessment['status'],
    items: JSON.parse(row.items) as SelfAssessment['items'],
    evidenceOn: row.evidence_on as IsoDate,
    submittedOn: row.submitted_on as IsoDate | null,
    submittedBy: row.submitted_by,
    endorsedOn: row.endorsed_on as IsoDate | null,
    endorsedBy: row.endorsed_by,
    returnedNote: row.returned_note,
    createdBy: row.created_by,
    createdOn: row.created_on as IsoDate,
    updatedOn: row.updated_on as IsoDate,
    version: row.version,
  };
}

export function selfAssessmentRow(a: Omit<SelfAssessment, 'version'>, version: number): SelfAssessmentRow {
  return {
    id: a.id,
    kind: a.kind,
    year: a.year,
    status: a.status,
    items: JSON.stringify(a.items),
    evidence_on: a.evidenceOn,
    submitted_on: a.submittedOn,
    submitted_by: a.submittedBy,
    endorsed_on: a.endorsedOn,
    endorsed_by: a.endorsedBy,
    returned_note: a.returnedNote,
    created_by: a.createdBy,
    created_on: a.createdOn,
    updated_on: a.updatedOn,
    version,
  };
}

/** Create, get, list a year and update with a version check: the same for all three records. */
function versioned<T extends { readonly id: string; readonly version: number }, Row extends { id: string; version: number }>(
  db: Db,
  spec: {
    readonly table: string;
    readonly columns: string;
    readonly order: string;
    readonly fixed: readonly string[];
    readonly of: (row: Row) => T;
    readonly row: (record: Omit<T, 'version'>, version: number) => Row;
    readonly taken: string;
  },
) {
  const get = db.prepare(`SELECT ${spec.columns} FROM ${spec.table} WHERE id = ?`);
  const year = db.prepare(`SELECT ${spec.columns} FROM ${spec.table} WHERE year = ? ORDER BY ${spec.order}`);
  const insert = db.prepare(`INSERT INTO ${spec.table} (${spec.columns}) VALUES (${named(spec.columns)})`);
  const update = db.prepare(`UPDATE ${spec.table} SET ${assignments(spec.columns, ['id', ...spec.fixed])} WHERE id = @id AND version = @expected`);
  const read = (id: string): T | undefined => {
    const row = get.get(id) as Row | undefined;
    return row && spec.of(row);
  };
  return {
    read,
    create: (record: Omit<T, 'version'>): Promise<T> =>
      settle(() => {
        try {
          insert.run(spec.row(record, 1));
        } catch (error) {
          if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') || (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
            throw new StoreError('already-exists', spec.taken);
          throw error;
        }
        return read(record.id) as T;
      }),
    get: (id: string): Promise<T | undefined> => settle(() => read(id)),
    listYear: (y: number): Promise<T[]> => settle(() => (year.all(y) as Row[]).map(spec.of)),
    /** Inside a write transaction: the version checked and bumped, or a `conflict`/`not-found`. */
    updateNow(record: Omit<T, 'version'>, expected: number): T {
      const row = spec.row(record, expected + 1);
      if (update.run({ ...row, expected }).changes === 0) {
        if (!get.get(record.id)) throw new StoreError('not-found', `There is no ${spec.table.replace(/_/g, ' ').replace(/s$/, '')} "${record.id}".`);
        throw new StoreError('conflict', 'Someone else changed it at the same time.');
      }
      return read(record.id) as T;
    },
  };
}

export function sqliteFocusGroupStore(db: Db): FocusGroupStore {
  const base = versioned<FocusGroup, FocusGroupRow>(db, {
    table: 'focus_groups',
    columns: FOCUS_GROUP_COLUMNS,
    order: 'held_on, starts_at, id',
    fixed: ['year', 'created_by', 'created_on'],
    of: focusGroupOf,
    row: focusGroupRow,
    taken: 'There is already a focus group with this id.',
  });
  const invitations = db.prepare('SELECT focus_group_id, person_id, reply, replied_on FROM focus_group_invitations WHERE focus_group_id = ? ORDER BY person_id');
  const addInvitation = db.prepare('INSERT INTO focus_group_invitations (focus_group_id, person_id, reply, replied_on) VALUES (?, ?, NULL, NULL) ON CONFLICT DO NOTHING');
  const reply = db.prepare('UPDATE focus_group_invitations SET reply = ?, replied_on = ? WHERE focus_group_id = ? AND person_id = ?');
  const one = db.prepare('SELECT focus_group_id, person_id, reply, replied_on FROM focus_group_invitations WHERE focus_group_id = ? AND person_id = ?');
  return {
    create: base.create,
    get: base.get,
    listYear: base.listYear,
    update: (group, expected) => settle(() => writeTransaction(db, () => base.updateNow(group, expected))),
    invitations: (id) => settle(() => (invitations.all(id) as InvitationRow[]).map(invitationOf)),
    invite: (id, personIds, sentOn, expected) =>
      settle(() =>
        writeTransaction(db, () => {
          const group = base.read(id);
          if (!group) throw new StoreError('not-found', `There is no focus group "${id}".`);
          let added = 0;
          for (const person of personIds) added += addInvitation.run(id, person).changes;
          const { version: _version, ...rest } = group;
          return { group: base.updateNow({ ...rest, status: 'invited', invitationsSentOn: sentOn, updatedOn: sentOn }, expected), added };
        }),
      ),
    reply: (id, personId, answer, on) =>
      settle(() => {
        if (reply.run(answer, on, id, personId).changes === 0) return undefined;
        return invitationOf(one.get(id, personId) as InvitationRow);
      }),
  };
}

export function sqliteThematicReviewStore(db: Db): ThematicReviewStore {
  const base = versioned<ThematicReview, ThematicReviewRow>(db, {
    table: 'thematic_reviews',
    columns: THEMATIC_REVIEW_COLUMNS,
    order: 'slot',
    fixed: ['year', 'slot', 'created_by', 'created_on'],
    of: reviewOf,
    row: reviewRow,
    taken: 'That year already has a thematic review in this slot.',
  });
  return { create: base.create, get: base.get, listYear: base.listYear, update: (review, expected) => settle(() => writeTransaction(db, () => base.updateNow(review, expected))) };
}

export function sqliteSelfAssessmentStore(db: Db): SelfAssessmentStore {
  const base = versioned<SelfAssessment, SelfAssessmentRow>(db, {
    table: 'self_assessments',
    columns: SELF_ASSESSMENT_COLUMNS,
    order: 'kind',
    fixed: ['kind', 'year', 'created_by', 'created_on'],
    of: selfAssessmentOf,
    row: selfAssessmentRow,
    taken: 'There is already a self-assessment of this kind for that year.',
  });
  return { create: base.create, get: base.get, listYear: base.listYear, update: (a, expected) => settle(() => writeTransaction(db, () => base.updateNow(a, expected))) };
}

export function sqliteFrameworkStores(db: Db): FrameworkStores {
  return { focusGroups: sqliteFocusGroupStore(db), reviews: sqliteThematicReviewStore(db), selfAssessments: sqliteSelfAssessmentStore(db) };
}
