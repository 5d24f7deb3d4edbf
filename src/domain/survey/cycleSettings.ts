import { audienceProblem, EVERYONE, parseAudience, type Audience } from '../organisation/audience';
import type { Organisation } from '../organisation/types';
import { checkCadence } from '../outbox/schedule';
import { DEFAULT_PLAN, DEFAULT_WORKING_HOURS, type Cadence, type OutboxPlan, type WorkingHours } from '../outbox/types';
import { checkWorkingHours } from '../outbox/workingHours';
import { isoDateProblem, type IsoDate } from '../shared/brand';
import type { FieldError } from '../shared/fieldError';
import type { SurveyId } from './types';

/**
 * A cycle's settings, as the PSW chooses them in the tab or at the command line: fixed once
 * the cycle opens (Viva Glint locks a cycle's settings at launch; the threshold is a promise
 * to the people who answer). Every setting is checked at once and each problem named by its
 * field, in words (docs/adr/0021-questionnaires-as-a-registry.md).
 */
export const DEFAULT_THRESHOLD = 5;
export const DEFAULT_TEXT_THRESHOLD = 10;
/**
 * Below this, "anonymous" results would name people in most teams, and a small group that all
 * gave the same answer would tell each member's answer (Viva Pulse allows 3; we do not).
 */
export const LOWEST_THRESHOLD = 5;
export const TITLE_LIMIT = 100;

export interface CycleSettings {
  readonly surveyId: SurveyId;
  readonly title: string;
  readonly opensOn: IsoDate;
  readonly closesOn: IsoDate;
  readonly threshold: number;
  readonly textThreshold: number;
  readonly audience: Audience;
  /** Reminder days and working hours. */
  readonly plan: OutboxPlan;
}

/** The settings a person can give, as the tab and the API name them. */
export const CYCLE_SETTING_FIELDS = ['surveyId', 'title', 'opensOn', 'closesOn', 'threshold', 'textThreshold', 'audience', 'reminders', 'workingHours'] as const;
export type CycleSettingField = (typeof CYCLE_SETTING_FIELDS)[number];

export interface SettingsContext {
  readonly today: IsoDate;
  readonly organisation: Organisation;
  /** A questionnaire a cycle may run (its title), or why it may not, in words. */
  readonly questionnaire: (id: string) => { readonly title: string } | { readonly refused: string };
  /** The title when none is given, from the questionnaire's. */
  readonly defaultTitle: (questionnaireTitle: string) => string;
  /** A draft's settings so far: what is not given keeps them. */
  readonly earlier?: CycleSettings;
}

export type SettingsCheck = { readonly ok: true; readonly settings: CycleSettings } | { readonly ok: false; readonly errors: readonly FieldError[] };

const given = (raw: Readonly<Record<string, unknown>>, key: string): boolean => raw[key] !== undefined && raw[key] !== null && raw[key] !== '';

function wholeNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*\d{1,6}\s*$/.test(v)) return Number(v);
  return undefined;
}

function days(v: unknown): number[] | undefined {
  if (v === 'none' || (Array.isArray(v) && v.length === 0)) return [];
  if (typeof v === 'string') {
    const parts = v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const numbers = parts.map(wholeNumber);
    return numbers.every((n): n is number => n !== undefined) ? numbers : undefined;
  }
  if (Array.isArray(v)) {
    const numbers = v.map(wholeNumber);
    return numbers.every((n): n is number => n !== undefined) ? numbers : undefined;
  }
  return undefined;
}

/** "3, 5" days after opening and "2" before closing, or `none`. */
function parseReminders(v: unknown): { readonly cadence: Cadence } | { readonly error: string } {
  if (v === 'none') return { cadence: { afterOpening: [], beforeClosing: [] } };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'Give reminder days as days after opening and days before closing (e.g. 3, 5 and 2), or none.' };
  const r = v as Record<string, unknown>;
  const after = r.afterOpening === undefined ? [] : days(r.afterOpening);
  const before = r.beforeClosing === undefined ? [] : days(r.beforeClosing);
  if (!after || !before) return { error: 'Reminder days must be whole numbers of days, e.g. 3, 5.' };
  const problem = checkCadence({ afterOpening: after, beforeClosing: before });
  return problem ? { error: problem } : { cadence: { afterOpening: [...new Set(after)].sort((a, b) => a - b), beforeClosing: [...new Set(before)].sort((a, b) => a - b) } };
}

/** `null` or `any`: any time; `{ start, end }`: weekdays, UK time, as invitations by default. */
function parseWorkingHours(v: unknown): { readonly hours: WorkingHours | null } | { readonly error: string } {
  if (v === null || v === 'any') return { hours: null };
  if (typeof v === 'string') {
    const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(v.trim());
    if (!m) return { error: 'Give working hours as 08:00-18:00, or "any" for any time.' };
    v = { start: m[1], end: m[2] };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'Give working hours as a start and an end time (e.g. 08:00 and 18:00), or any time.' };
  const w = v as Record<string, unknown>;
  if (typeof w.start !== 'string' || typeof w.end !== 'string') return { error: 'Give working hours as a start and an end time (e.g. 08:00 and 18:00).' };
  const hours: WorkingHours = {
    timeZone: typeof w.timeZone === 'string' ? w.timeZone : DEFAULT_WORKING_HOURS.timeZone,
    days: Array.isArray(w.days) && w.days.every((d) => typeof d === 'number') ? (w.days as number[]) : DEFAULT_WORKING_HOURS.days,
    start: w.start,
    end: w.end,
  };
  const problem = checkWorkingHours(hours);
  return problem ? { error: problem } : { hours };
}

/**
 * Checks a cycle's settings: new (`earlier` absent: the questionnaire and the closing date
 * must be given) or a change to a draft (only what is given changes). Everything is checked
 * together, so one answer lists every problem.
 */
export function checkCycleSettings(raw: Readonly<Record<string, unknown>>, context: SettingsContext): SettingsCheck {
  const errors: FieldError[] = [];
  const add = (field: CycleSettingField, message: string) => errors.push({ field, message });
  const earlier = context.earlier;

  let surveyId = earlier?.surveyId;
  let surveyTitle: string | undefined;
  if (given(raw, 'surveyId') || !earlier) {
    const id = raw.surveyId;
    if (typeof id !== 'string' || id.trim() === '') add('surveyId', 'Choose the survey this cycle asks.');
    else {
      const found = context.questionnaire(id.trim());
      if ('refused' in found) add('surveyId', found.refused);
      else {
        surveyId = id.trim();
        surveyTitle = found.title;
      }
    }
  }

  let title = earlier?.title;
  if (given(raw, 'title')) {
    if (typeof raw.title !== 'string' || raw.title.trim().length > TITLE_LIMIT) add('title', `Give the cycle a title of up to ${TITLE_LIMIT} characters.`);
    else title = raw.title.trim();
  } else if (!earlier || (surveyTitle !== undefined && surveyId !== earlier.surveyId)) {
    title = surveyTitle !== undefined ? context.defaultTitle(surveyTitle) : title;
  }

  const date = (field: 'opensOn' | 'closesOn', what: string): IsoDate | undefined => {
    const v = raw[field];
    if (typeof v !== 'string') {
      add(field, `Give the ${what} as YYYY-MM-DD, e.g. 2027-03-31.`);
      return undefined;
    }
    const problem = isoDateProblem(v.trim());
    if (problem !== undefined) {
      add(field, `The ${what} "${v}" ${problem}: write it as YYYY-MM-DD, e.g. 2027-03-31.`);
      return undefined;
    }
    return v.trim() as IsoDate;
  };
  const opensOn = given(raw, 'opensOn') ? date('opensOn', 'opening date') : (earlier?.opensOn ?? context.today);
  let closesOn = earlier?.closesOn;
  if (given(raw, 'closesOn') || !earlier) closesOn = given(raw, 'closesOn') ? date('closesOn', 'closing date') : (add('closesOn', 'Give the closing date, e.g. 2027-03-31.'), undefined);
  if (opensOn && closesOn) {
    if (closesOn <= opensOn) add('closesOn', `The closing date (${closesOn}) must be after the opening date (${opensOn}).`);
    else if (closesOn <= context.today) add('closesOn', `The closing date (${closesOn}) has already passed.`);
  }

  let threshold = earlier?.threshold ?? DEFAULT_THRESHOLD;
  if (given(raw, 'threshold')) {
    const n = wholeNumber(raw.threshold);
    if (n === undefined || n < LOWEST_THRESHOLD) add('threshold', `The threshold must be a whole number of at least ${LOWEST_THRESHOLD}: smaller groups could be identified.`);
    else threshold = n;
  }
  // Not given: as before (or 10), and never below the threshold.
  let textThreshold = Math.max(earlier?.textThreshold ?? DEFAULT_TEXT_THRESHOLD, threshold);
  if (given(raw, 'textThreshold')) {
    const n = wholeNumber(raw.textThreshold);
    if (n === undefined) add('textThreshold', 'The free-text threshold must be a whole number.');
    else textThreshold = n;
  }
  if (!errors.some((e) => e.field === 'threshold' || e.field === 'textThreshold') && textThreshold < threshold) {
    add('textThreshold', `The free-text threshold must be a whole number no smaller than the threshold (${threshold}).`);
  }

  let audience: Audience = earlier?.audience ?? EVERYONE;
  let audienceRefused = false;
  if (given(raw, 'audience')) {
    const parsed = parseAudience(raw.audience, context.organisation);
    if (!parsed.ok) {
      errors.push(parsed.error);
      audienceRefused = true;
    } else audience = parsed.audience;
  }
  if (!audienceRefused) {
    const problem = audienceProblem(audience, context.organisation, threshold);
    if (problem) errors.push(problem);
  }

  let plan: OutboxPlan = earlier?.plan ?? DEFAULT_PLAN;
  if (given(raw, 'reminders')) {
    const r = parseReminders(raw.reminders);
    if ('error' in r) add('reminders', r.error);
    else plan = { ...plan, cadence: r.cadence };
  }
  if (raw.workingHours !== undefined && raw.workingHours !== '') {
    const w = parseWorkingHours(raw.workingHours);
    if ('error' in w) add('workingHours', w.error);
    else plan = { ...plan, workingHours: w.hours };
  }

  if (errors.length > 0 || surveyId === undefined || title === undefined || opensOn === undefined || closesOn === undefined) {
    return { ok: false, errors: errors.length > 0 ? errors : [{ field: 'surveyId', message: 'Choose the survey this cycle asks.' }] };
  }
  return { ok: true, settings: { surveyId, title, opensOn, closesOn, threshold, textThreshold, audience, plan } };
}
