import type { FieldError } from '../actionPlan/validate';
import { isCalendarDate } from '../audit/forms/validate';
import { councilYearOf } from '../audit/plan/calendar';
import type { Organisation, Person, StaffRole } from '../organisation/types';
import { asIsoDate, type IsoDate } from '../shared/brand';
import { APPENDIX_5_QUESTIONS, focusGroupQuestion, FOCUS_GROUP_THEME_IDS, type FocusGroupThemeId } from './appendix5';
import { namedMessage, namesIn } from './names';

/**
 * Focus groups (the council's Practice Quality Assurance Framework, Appendix 5): the PSW
 * schedules one with a facilitator and the teams or roles invited, the bot invites those
 * people, and the facilitator records the group's notes against Appendix 5's questions and
 * the themes it drew out. Notes never name anyone (checked against the directory before they
 * are saved); attendance is a number, not a list.
 *
 * Lifecycle: `scheduled` → `invited` (invitations sent; sending again invites newcomers only)
 * → `held` (notes recorded, on or after its day); `scheduled` or `invited` → `cancelled`.
 */

/** What the focus group is part of (Appendix 6: the national standards audit and the Health Check use focus groups, a thematic review may). */
export type FocusGroupPurpose = 'health-check' | 'national-standards' | 'thematic-review';
export const FOCUS_GROUP_PURPOSES: readonly FocusGroupPurpose[] = ['health-check', 'national-standards', 'thematic-review'];
export const PURPOSE_LABELS: Readonly<Record<FocusGroupPurpose, string>> = {
  'health-check': 'Annual health check',
  'national-standards': 'National professional standards audit',
  'thematic-review': 'Thematic practice review',
};

export type FocusGroupStatus = 'scheduled' | 'invited' | 'held' | 'cancelled';
export const FOCUS_GROUP_STATUSES: readonly FocusGroupStatus[] = ['scheduled', 'invited', 'held', 'cancelled'];
export const FOCUS_GROUP_STATUS_LABELS: Readonly<Record<FocusGroupStatus, string>> = { scheduled: 'Scheduled', invited: 'Invitations sent', held: 'Held', cancelled: 'Cancelled' };

export type InvitationReply = 'coming' | 'not-coming';
export const INVITATION_REPLIES: readonly InvitationReply[] = ['coming', 'not-coming'];

/** A theme the group drew out, in a few words, against one of Appendix 5's themes; it may become an action. */
export interface FocusGroupKeyTheme {
  readonly area: FocusGroupThemeId;
  readonly summary: string;
  /** The action it became in the action plan, once it has. */
  readonly actionId: string | null;
}

export interface FocusGroupSchedule {
  readonly purpose: FocusGroupPurpose;
  /** For `thematic-review`: which review, e.g. `review-2026-2`. */
  readonly reviewId: string | null;
  readonly title: string;
  readonly date: IsoDate;
  /** 24-hour clock, e.g. `14:00`. */
  readonly time: string;
  /** A room or "Teams meeting". */
  readonly place: string;
  readonly facilitatorId: string;
  readonly invitedTeams: readonly string[];
  readonly invitedRoles: readonly StaffRole[];
}

export interface FocusGroupRecord {
  /** How many came; never who. */
  readonly attended: number | null;
  /** By Appendix 5 question id (`q1` … `q22`): the group's answers in the note-taker's words. */
  readonly notes: Readonly<Record<string, string>>;
  readonly themes: readonly FocusGroupKeyTheme[];
}

export interface FocusGroup extends FocusGroupSchedule, FocusGroupRecord {
  /** e.g. `fg-3a9c…`: random, carries nothing. */
  readonly id: string;
  /** The council year of its date (2026: April 2026 – March 2027). */
  readonly year: number;
  readonly status: FocusGroupStatus;
  readonly invitationsSentOn: IsoDate | null;
  readonly createdBy: string;
  readonly createdOn: IsoDate;
  readonly updatedOn: IsoDate;
  /** 1 when created, +1 on every change (optimistic concurrency). */
  readonly version: number;
}

export interface FocusGroupInvitation {
  readonly focusGroupId: string;
  readonly personId: string;
  readonly reply: InvitationReply | null;
  readonly repliedOn: IsoDate | null;
}

export const FOCUS_GROUP_LIMITS = { title: 120, place: 200, note: 2000, themeSummary: 200, themes: 20, attended: 500 } as const;

export const ALL_ROLES: readonly StaffRole[] = [
  'social-worker',
  'senior-practitioner',
  'social-care-professional',
  'occupational-therapist',
  'ot-assistant',
  'team-manager',
  'service-manager',
  'principal-social-worker',
];

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);
const given = (raw: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(raw, key) && raw[key] !== undefined;
const inPost = (p: Person, today: IsoDate): boolean => p.leftOn === undefined || p.leftOn > today;

export interface ScheduleContext {
  readonly organisation: Organisation;
  readonly today: IsoDate;
  /** Whether a thematic review of this id exists (a focus group may be part of one). */
  readonly isReview: (id: string) => boolean;
}

/**
 * A focus group as the PSW schedules (or reschedules) it. `earlier`: the stored schedule,
 * whose fields stand where the input leaves them out. Every problem at once, by field.
 */
export function checkFocusGroupSchedule(input: unknown, context: ScheduleContext, earlier?: FocusGroupSchedule): Checked<FocusGroupSchedule> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: [{ field: 'focusGroup', message: 'Send the focus group as an object with its date, facilitator and who is invited.' }] };
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const take = (key: string): boolean => given(raw, key) || earlier === undefined;

  let purpose: FocusGroupPurpose = earlier?.purpose ?? 'health-check';
  if (given(raw, 'purpose')) {
    if (FOCUS_GROUP_PURPOSES.includes(raw.purpose as FocusGroupPurpose)) purpose = raw.purpose as FocusGroupPurpose;
    else errors.push({ field: 'purpose', message: 'Say what the focus group is for: the annual health check, the national professional standards audit or a thematic practice review.' });
  }
  let reviewId: string | null = earlier?.reviewId ?? null;
  if (given(raw, 'reviewId')) reviewId = raw.reviewId === null ? null : (str(raw.reviewId) ?? '');
  if (purpose === 'thematic-review') {
    if (!reviewId) errors.push({ field: 'reviewId', message: 'Choose the thematic practice review this focus group is part of.' });
    else if (!context.isReview(reviewId)) errors.push({ field: 'reviewId', message: 'That thematic practice review could not be found.' });
  } else reviewId = null;

  let title = earlier?.title ?? '';
  if (take('title')) {
    const t = str(raw.title) ?? '';
    if (raw.title !== undefined && typeof raw.title !== 'string') errors.push({ field: 'title', message: 'The title must be text.' });
    else if (t.length > FOCUS_GROUP_LIMITS.title) errors.push({ field: 'title', message: `Keep the title to ${FOCUS_GROUP_LIMITS.title} characters (this is ${t.length}).` });
    else title = t;
  }
  if (title === '') title = `${PURPOSE_LABELS[purpose]} focus group`;

  let date = earlier?.date;
  if (take('date')) {
    const d = str(raw.date);
    if (!d) errors.push({ field: 'date', message: 'Give the day of the focus group, e.g. 2026-11-12.' });
    else if (!isCalendarDate(d)) errors.push({ field: 'date', message: `"${d}" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-12.` });
    else if (d < context.today && d !== earlier?.date) errors.push({ field: 'date', message: `${d} has passed: a focus group is scheduled for today or later.` });
    else date = asIsoDate(d);
  }

  let time = earlier?.time ?? '';
  if (take('time')) {
    const t = str(raw.time) ?? '';
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(t);
    if (!m) errors.push({ field: 'time', message: 'Give the time it starts on the 24-hour clock, e.g. 14:00.' });
    else time = t;
  }

  let place = earlier?.place ?? '';
  if (take('place')) {
    const p = str(raw.place) ?? '';
    if (p === '') errors.push({ field: 'place', message: 'Say where it is held: a room, or "Teams meeting".' });
    else if (p.length > FOCUS_GROUP_LIMITS.place) errors.push({ field: 'place', message: `Keep the place to ${FOCUS_GROUP_LIMITS.place} characters.` });
    else place = p;
  }

  const people = new Map(context.organisation.people.map((p) => [p.id as string, p]));
  let facilitatorId = earlier?.facilitatorId ?? '';
  if (take('facilitatorId')) {
    const f = str(raw.facilitatorId) ?? '';
    const person = people.get(f);
    if (f === '') errors.push({ field: 'facilitatorId', message: 'Choose who facilitates the focus group.' });
    else if (!person || !inPost(person, context.today)) errors.push({ field: 'facilitatorId', message: 'The facilitator must be someone in post in the staff directory.' });
    else facilitatorId = f;
  }

  let invitedTeams: readonly string[] = earlier?.invitedTeams ?? [];
  if (take('invitedTeams')) {
    const v = raw.invitedTeams ?? [];
    const teams = new Set(context.organisation.teams.map((t) => t.id));
    if (!Array.isArray(v) || v.some((t) => typeof t !== 'string')) errors.push({ field: 'invitedTeams', message: 'List the invited teams by their ids.' });
    else {
      const unknown = (v as string[]).filter((t) => !teams.has(t));
      if (unknown.length > 0)
        errors.push({ field: 'invitedTeams', message: `${unknown.map((t) => `"${t}"`).join(', ')} ${unknown.length === 1 ? 'is not a team' : 'are not teams'} in the organisation.` });
      else invitedTeams = [...new Set(v as string[])].sort();
    }
  }

  let invitedRoles: readonly StaffRole[] = earlier?.invitedRoles ?? [];
  if (take('invitedRoles')) {
    const v = raw.invitedRoles ?? [];
    if (!Array.isArray(v) || v.some((r) => !ALL_ROLES.includes(r as StaffRole))) errors.push({ field: 'invitedRoles', message: 'List the invited roles, e.g. social-worker, occupational-therapist.' });
    else invitedRoles = ALL_ROLES.filter((r) => (v as string[]).includes(r));
  }
  if (!errors.some((e) => e.field === 'invitedTeams' || e.field === 'invitedRoles') && invitedTeams.length === 0 && invitedRoles.length === 0) {
    errors.push({ field: 'invitedTeams', message: 'Invite at least one team or one role.' });
  }

  if (errors.length > 0 || date === undefined) return { ok: false, errors: errors.length > 0 ? errors : [{ field: 'date', message: 'Give the day of the focus group.' }] };
  return { ok: true, value: { purpose, reviewId, title, date, time, place, facilitatorId, invitedTeams, invitedRoles } };
}

/** The council year a focus group belongs to. */
export const yearOfFocusGroup = (date: IsoDate): number => councilYearOf(date);

/**
 * Who is invited: everyone in post in an invited team or holding an invited role, except the
 * facilitator (who runs it), sorted by id. People already invited are left out (`already`),
 * so sending again reaches only newcomers.
 */
export function invitees(
  group: Pick<FocusGroupSchedule, 'invitedTeams' | 'invitedRoles' | 'facilitatorId'>,
  organisation: Organisation,
  today: IsoDate,
  already: ReadonlySet<string> = new Set(),
): string[] {
  const teams = new Set(group.invitedTeams);
  const roles = new Set<string>(group.invitedRoles);
  return organisation.people
    .filter((p) => inPost(p, today) && p.id !== group.facilitatorId && ((p.teamId !== undefined && teams.has(p.teamId)) || roles.has(p.role)) && !already.has(p.id))
    .map((p) => p.id as string)
    .sort();
}

/** Why invitations cannot be sent now, or undefined. */
export function invitationProblem(group: Pick<FocusGroup, 'status' | 'date'>, today: IsoDate): string | undefined {
  if (group.status === 'cancelled') return 'This focus group was cancelled, so nobody can be invited to it.';
  if (group.status === 'held') return 'This focus group has been held: its notes are recorded, so nobody more can be invited.';
  if (group.date < today) return "This focus group's day has passed, so invitations would arrive too late.";
  return undefined;
}

/** Why the focus group cannot be cancelled, or undefined. */
export function cancelProblem(group: Pick<FocusGroup, 'status'>): string | undefined {
  if (group.status === 'cancelled') return 'This focus group is already cancelled.';
  if (group.status === 'held') return 'This focus group has been held and its notes recorded, so it can no longer be cancelled.';
  return undefined;
}

/** Why notes cannot be recorded now, or undefined: on or after the day, and not for a cancelled group. */
export function notesProblem(group: Pick<FocusGroup, 'status' | 'date'>, today: IsoDate): string | undefined {
  if (group.status === 'cancelled') return 'This focus group was cancelled, so it has no notes.';
  if (group.date > today) return `This focus group is on ${group.date}: its notes are recorded on or after that day.`;
  return undefined;
}

/**
 * The notes, attendance and key themes as typed, checked: known Appendix 5 questions only,
 * lengths, a whole number attending, and no text that names anyone in the directory.
 * `earlier` keeps what the input leaves out (and the actions themes already became).
 */
export function checkFocusGroupRecord(input: unknown, displayNames: readonly string[], earlier?: FocusGroupRecord): Checked<FocusGroupRecord> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: [{ field: 'record', message: 'Send the notes as an object: notes by question, attended and themes.' }] };
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];

  let attended = earlier?.attended ?? null;
  if (given(raw, 'attended')) {
    const a = raw.attended;
    if (a === null || a === '') attended = null;
    else if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a > FOCUS_GROUP_LIMITS.attended)
      errors.push({ field: 'attended', message: `Say how many came as a whole number from 0 to ${FOCUS_GROUP_LIMITS.attended}.` });
    else attended = a;
  }

  let notes: Record<string, string> = { ...(earlier?.notes ?? {}) };
  if (given(raw, 'notes')) {
    const n = raw.notes;
    if (typeof n !== 'object' || n === null || Array.isArray(n)) errors.push({ field: 'notes', message: 'Send the notes by Appendix 5 question, e.g. { "q1": "…" }.' });
    else {
      const next: Record<string, string> = { ...notes };
      for (const [id, value] of Object.entries(n)) {
        const question = focusGroupQuestion(id);
        if (!question) {
          errors.push({ field: `notes.${id}`, message: `"${id}" is not one of Appendix 5's questions (q1 to q22).` });
          continue;
        }
        if (value !== null && typeof value !== 'string') {
          errors.push({ field: `notes.${id}`, message: `The note for question ${question.number} must be text.` });
          continue;
        }
        const text = (value ?? '').trim();
        if (text.length > FOCUS_GROUP_LIMITS.note)
          errors.push({ field: `notes.${id}`, message: `Keep the note for question ${question.number} to ${FOCUS_GROUP_LIMITS.note} characters (this is ${text.length}).` });
        else if (text === '') delete next[id];
        else {
          const named = namesIn(text, displayNames);
          if (named.length > 0) errors.push({ field: `notes.${id}`, message: namedMessage(`The note for question ${question.number}`, named) });
          else next[id] = text;
        }
      }
      notes = next;
    }
  }

  let themes: readonly FocusGroupKeyTheme[] = earlier?.themes ?? [];
  if (given(raw, 'themes')) {
    const t = raw.themes;
    if (!Array.isArray(t)) errors.push({ field: 'themes', message: 'Send the themes as a list, each with its Appendix 5 theme and a few words.' });
    else if (t.length > FOCUS_GROUP_LIMITS.themes) errors.push({ field: 'themes', message: `Record at most ${FOCUS_GROUP_LIMITS.themes} themes from one focus group.` });
    else {
      const next: FocusGroupKeyTheme[] = [];
      t.forEach((entry: unknown, i) => {
        const field = `themes.${i}`;
        const e = (typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? entry : {}) as Record<string, unknown>;
        const area = e.area;
        const summary = str(e.summary) ?? '';
        if (!FOCUS_GROUP_THEME_IDS.includes(area as FocusGroupThemeId)) return void errors.push({ field, message: `Theme ${i + 1}: choose which of Appendix 5's themes it belongs to.` });
        if (summary === '') return void errors.push({ field, message: `Theme ${i + 1}: say what the theme is in a few words.` });
        if (summary.length > FOCUS_GROUP_LIMITS.themeSummary)
          return void errors.push({ field, message: `Theme ${i + 1}: keep it to ${FOCUS_GROUP_LIMITS.themeSummary} characters (this is ${summary.length}).` });
        const named = namesIn(summary, displayNames);
        if (named.length > 0) return void errors.push({ field, message: namedMessage(`Theme ${i + 1}`, named) });
        // A theme already in the action plan keeps its action while its words stay the same.
        const kept = earlier?.themes.find((x) => x.area === area && x.summary === summary && x.actionId !== null);
        next.push({ area: area as FocusGroupThemeId, summary, actionId: kept?.actionId ?? null });
      });
      themes = next;
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { attended, notes, themes } };
}

/** Appendix 5's questions in order with the notes recorded against each (only those with a note). */
export function notesInOrder(notes: Readonly<Record<string, string>>): { readonly questionId: string; readonly number: number; readonly theme: FocusGroupThemeId; readonly text: string }[] {
  return APPENDIX_5_QUESTIONS.flatMap((question) => {
    const text = notes[question.id];
    return text === undefined ? [] : [{ questionId: question.id, number: question.number, theme: question.theme, text }];
  });
}
