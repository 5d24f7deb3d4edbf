/**
 * What the Run surveys pages show and send, worked out from the API's answers (pure, tested
 * in tests/tab): a cycle's settings as a form and back, its state in words, field errors by
 * field. The checks themselves are the server's (the same as `phc`); the form only shapes.
 */
import { LOWEST_THRESHOLD } from '../../../src/domain/survey/cycleSettings';
import type { Audience, CycleDto, CycleSettingsDto, CycleSettingsRequest, FieldError, StaffRole } from '../../../src/server/api/types';
import { formatDay } from './format';

/** The hint beside the threshold: the lowest the server accepts, from where it is decided. */
export const THRESHOLD_HINT = `At least ${LOWEST_THRESHOLD}. Fixed once it opens.`;

/** The roles a survey may be sent to, with the words the form shows. */
export const ROLE_CHOICES: readonly { readonly id: StaffRole; readonly label: string }[] = [
  { id: 'social-worker', label: 'Social workers' },
  { id: 'senior-practitioner', label: 'Senior practitioners' },
  { id: 'social-care-professional', label: 'Social care professionals' },
  { id: 'occupational-therapist', label: 'Occupational therapists' },
  { id: 'ot-assistant', label: 'OT assistants' },
  { id: 'team-manager', label: 'Team managers' },
];

/** The cycle form as typed: everything text, as the inputs hold it. */
export interface CycleForm {
  readonly id: string;
  readonly surveyId: string;
  readonly title: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly threshold: string;
  readonly textThreshold: string;
  readonly audienceKind: Audience['kind'];
  readonly teamIds: readonly string[];
  readonly roles: readonly StaffRole[];
  /** "3, 5" */
  readonly remindAfter: string;
  /** "2" */
  readonly remindBefore: string;
  readonly anyTime: boolean;
  readonly start: string;
  readonly end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `pulse-2027-01`, from today: a suggestion the PSW may change. */
export function suggestedCycleId(today: string, taken: readonly string[]): string {
  const base = `pulse-${today.slice(0, 7)}`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** A day `days` after `day` (YYYY-MM-DD), for the default closing date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A new cycle's form: opening today, three weeks to answer, threshold 5, the usual reminders in working hours. */
export function newCycleForm(today: string, taken: readonly string[], surveyId: string): CycleForm {
  return {
    id: suggestedCycleId(today, taken),
    surveyId,
    title: '',
    opensOn: today,
    closesOn: addDays(today, 21),
    threshold: '5',
    textThreshold: '10',
    audienceKind: 'everyone',
    teamIds: [],
    roles: [],
    remindAfter: '3, 5',
    remindBefore: '2',
    anyTime: false,
    start: '08:00',
    end: '18:00',
  };
}

/** A saved cycle's settings, as the form shows them. */
export function formOf(dto: CycleSettingsDto): CycleForm {
  const a = dto.audience;
  return {
    id: dto.cycle.id,
    surveyId: dto.cycle.surveyId ?? '',
    title: dto.cycle.title,
    opensOn: dto.cycle.opensOn,
    closesOn: dto.cycle.closesOn,
    threshold: String(dto.cycle.threshold),
    textThreshold: String(dto.cycle.textThreshold),
    audienceKind: a.kind,
    teamIds: a.kind === 'teams' ? a.teamIds : [],
    roles: a.kind === 'roles' ? a.roles : [],
    remindAfter: dto.reminders.afterOpening.join(', '),
    remindBefore: dto.reminders.beforeClosing.join(', '),
    anyTime: dto.workingHours === null,
    start: dto.workingHours?.start ?? '08:00',
    end: dto.workingHours?.end ?? '18:00',
  };
}

/** "3, 5" → [3, 5]; anything not a list of whole numbers is sent as it is, for the server to refuse in words. */
function days(text: string): readonly number[] | string {
  const parts = text.split(/[,\s]+/).filter((s) => s !== '');
  return parts.every((s) => /^\d{1,3}$/.test(s)) ? parts.map(Number) : text;
}

const wholeOrText = (text: string): number | string => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : text);

/**
 * What the form sends: every setting, as `CycleSettingsRequest` names them. Numbers and days
 * that are not numbers are sent as typed, for the server to refuse in words by their field.
 */
export function requestOf(form: CycleForm, isNew: boolean): Readonly<Record<keyof CycleSettingsRequest, unknown>> | Readonly<Record<string, unknown>> {
  const audience: Audience = form.audienceKind === 'teams' ? { kind: 'teams', teamIds: form.teamIds } : form.audienceKind === 'roles' ? { kind: 'roles', roles: form.roles } : { kind: 'everyone' };
  const after = days(form.remindAfter);
  const before = days(form.remindBefore);
  return {
    ...(isNew ? { id: form.id.trim() } : {}),
    surveyId: form.surveyId,
    ...(form.title.trim() !== '' ? { title: form.title.trim() } : {}),
    opensOn: form.opensOn,
    closesOn: form.closesOn,
    threshold: wholeOrText(form.threshold),
    textThreshold: wholeOrText(form.textThreshold),
    audience,
    reminders: { afterOpening: after, beforeClosing: before },
    workingHours: form.anyTime ? null : { start: form.start, end: form.end },
  };
}

/** Field errors by field, the first for each. */
export function errorsByField(errors: readonly FieldError[] | undefined): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) if (!(e.field in out)) out[e.field] = e.message;
  return out;
}

/** Where a cycle is in its life, in words for the list. */
export function stateOf(cycle: Pick<CycleDto, 'status' | 'publishedOn' | 'kind'>): string {
  if (cycle.kind === 'published') return 'Published history';
  if (cycle.status === 'draft') return 'Draft: not sent yet';
  if (cycle.status === 'open') return 'Open';
  return cycle.publishedOn ? `Results published on ${formatDay(cycle.publishedOn)}` : 'Closed: results not published yet';
}

/** A pulse's id from its title: "Supervision, spring 2027" → `supervision-spring-2027`. */
export function slugOf(title: string, taken: readonly string[]): string {
  const base =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36) || 'my-pulse';
  const id = base.length < 2 ? `${base}-pulse` : base;
  if (!taken.includes(id)) return id;
  for (let n = 2; ; n++) if (!taken.includes(`${id}-${n}`)) return `${id}-${n}`;
}
