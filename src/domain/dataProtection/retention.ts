import { isoDateProblem, type IsoDate } from '../shared/brand';

/**
 * How long each kind of record is kept, and when it is due for disposal (UK GDPR Article
 * 5(1)(e): no longer than necessary). Pure: the dates come in, the decisions go out; the
 * store deletes. The periods are defaults, each with the reason it was chosen, for the
 * council to replace with its own retention schedule (`PHC_RETENTION`).
 */

/** The kinds of record the app disposes of, in the council's words. */
export const RECORD_TYPES = [
  'survey-answers',
  'messages',
  'audit-records',
  'supervision-log',
  'caseloads',
  '39-steps-returns',
  'action-plan',
  'quality-themes',
  'quality-assurance',
  'leavers',
  'access-log',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export type PeriodUnit = 'days' | 'months' | 'years';

export interface Period {
  readonly amount: number;
  readonly unit: PeriodUnit;
}

export interface RecordTypeRule {
  readonly type: RecordType;
  /** What it is, for the DPO. */
  readonly label: string;
  /** Which stored records it covers. */
  readonly covers: string;
  /** What the period is counted from. */
  readonly from: string;
  readonly period: Period;
  /** Why this default: the source, for the council to check against its own schedule. */
  readonly basis: string;
  /** Deleted, or (leavers) pseudonymised: named records that stay lose the name. */
  readonly disposal: 'deleted' | 'pseudonymised';
}

const years = (amount: number): Period => ({ amount, unit: 'years' });
const months = (amount: number): Period => ({ amount, unit: 'months' });

/**
 * The six years used below is the period of the Limitation Act 1980 (s.2 and s.5: claims in
 * tort and contract), which local authority retention schedules commonly apply to employment
 * and performance records; the shorter periods are the app's own need, stated.
 */
export const DEFAULT_RULES: Readonly<Record<RecordType, RecordTypeRule>> = {
  'survey-answers': {
    type: 'survey-answers',
    label: 'Survey answers',
    covers: 'each response to a closed cycle, its participation record (a keyed hash) and, in the published figures, its written comments',
    from: 'the day the cycle closes',
    period: years(2),
    basis: 'The published figures, kept without end (they identify nobody), carry each cycle into later comparisons; the answers themselves are kept one more cycle for checking, then go.',
    disposal: 'deleted',
  },
  messages: {
    type: 'messages',
    label: 'Messages sent',
    covers: 'who was sent which invitation, reminder, audit reminder or "You said, we did" update, and whether it arrived',
    from: 'the day it was sent or due (for invitations: once the cycle has closed)',
    period: months(3),
    basis: 'Needed only to answer "did I get it?" and to look into failed sends.',
    disposal: 'deleted',
  },
  'audit-records': {
    type: 'audit-records',
    label: 'Practice audits',
    covers: 'the audit programme, the filled-in forms with their history, staff supervision audit samples and snoozes',
    from: 'the end of the council year the audit belongs to (31 March)',
    period: years(6),
    basis: 'Limitation Act 1980: six years, as councils keep employment and performance records.',
    disposal: 'deleted',
  },
  'supervision-log': {
    type: 'supervision-log',
    label: 'Supervision log',
    covers: 'each supervision session recorded as held, postponed or cancelled',
    from: 'the day of the session',
    period: years(6),
    basis: 'Limitation Act 1980: six years, as councils keep supervision and performance records.',
    disposal: 'deleted',
  },
  caseloads: {
    type: 'caseloads',
    label: 'Caseload figures',
    covers: "each worker's open cases per month, with any weights",
    from: 'the end of the month',
    period: years(3),
    basis: 'The caseload audit and the Quarterly Quality Report compare at most two years back; a third year for questions about them.',
    disposal: 'deleted',
  },
  '39-steps-returns': {
    type: '39-steps-returns',
    label: '39-steps returns',
    covers: "each team's figures for a cycle and who sent them",
    from: 'the day the return was sent',
    period: years(6),
    basis: 'Limitation Act 1980: six years, as the council keeps its workforce returns.',
    disposal: 'deleted',
  },
  'action-plan': {
    type: 'action-plan',
    label: 'Action plan',
    covers: 'actions (with their owners) once done or dropped, and "You said, we did" updates',
    from: 'the day the action was last updated, or the update sent',
    period: years(6),
    basis: 'Limitation Act 1980: six years, as the council keeps records of decisions and their owners.',
    disposal: 'deleted',
  },
  'quality-themes': {
    type: 'quality-themes',
    label: 'Quality themes',
    covers: 'the themes the Principal Social Worker tags for the Quarterly Quality Report, and who tagged them',
    from: 'the day it was tagged',
    period: years(6),
    basis: 'Limitation Act 1980: six years, with the reports they fed.',
    disposal: 'deleted',
  },
  'quality-assurance': {
    type: 'quality-assurance',
    label: 'Focus groups, thematic reviews and self-assessments',
    covers:
      'focus groups (with who was invited and their replies, and the notes), thematic practice reviews (lead, review group, findings) and the self-assessments against the standards and the health check',
    from: 'the end of the council year they belong to (31 March)',
    period: years(6),
    basis: "Limitation Act 1980: six years, as the practice audits they stand beside; they are the evidence of the quality assurance framework's annual plan.",
    disposal: 'deleted',
  },
  leavers: {
    type: 'leavers',
    label: 'Leavers',
    covers: 'people who have left: their name and id in the directory and in every record still kept about them',
    from: 'the day they left',
    period: years(1),
    basis: 'Restricted at once (no messages, no new audits); named for a year so managers can finish and answer for their audits; then every record still kept names a pseudonym.',
    disposal: 'pseudonymised',
  },
  'access-log': {
    type: 'access-log',
    label: 'Access log',
    covers: 'who read or exported which named records, and when (no content)',
    from: 'the day of the read',
    period: years(2),
    basis: 'Long enough to answer a subject access request or look into a complaint about access over two audit years (ICO, monitoring workers).',
    disposal: 'deleted',
  },
};

/** The schedule in force: each record type's rule, with the council's periods where it gave them. */
export type RetentionSchedule = Readonly<Record<RecordType, RecordTypeRule & { readonly overridden: boolean }>>;

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}

const PERIOD = /^(\d{1,3})\s*(d|days?|m|months?|y|years?)$/i;

/** "6y", "18m", "90d", "6 years"; undefined when it is none of those. */
export function parsePeriod(text: string): Period | undefined {
  const match = PERIOD.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit: PeriodUnit = match[2]!.toLowerCase().startsWith('d') ? 'days' : match[2]!.toLowerCase().startsWith('m') ? 'months' : 'years';
  return { amount, unit };
}

export function describePeriod(p: Period): string {
  const unit = p.amount === 1 ? p.unit.slice(0, -1) : p.unit;
  return `${p.amount} ${unit}`;
}

/**
 * The council's schedule over the defaults: `survey-answers=3y,caseloads=24m`. Throws, in
 * words an administrator can act on, on an unknown record type or an unreadable period.
 */
export function retentionSchedule(overrides: string | undefined): RetentionSchedule {
  const given = new Map<RecordType, Period>();
  for (const part of (overrides ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const [name = '', value = ''] = part.split('=').map((s) => s.trim());
    if (!isRecordType(name)) throw new Error(`PHC_RETENTION names "${name}", which is not a kind of record the app keeps (${RECORD_TYPES.join(', ')}).`);
    const period = parsePeriod(value);
    if (!period) throw new Error(`PHC_RETENTION gives ${name} the period "${value}": write it as years, months or days, e.g. ${name}=6y, 18m or 90d.`);
    if (period.amount === 0 && name !== 'messages') throw new Error(`PHC_RETENTION gives ${name} no time at all: the app needs it for at least a day (messages may be 0d).`);
    given.set(name, period);
  }
  const out = {} as Record<RecordType, RecordTypeRule & { overridden: boolean }>;
  for (const type of RECORD_TYPES) {
    const period = given.get(type);
    out[type] = { ...DEFAULT_RULES[type], ...(period ? { period } : {}), overridden: period !== undefined };
  }
  return out;
}

/** The UTC calendar date of a `YYYY-MM-DD`, for arithmetic only. */
function parts(day: string): [number, number, number] {
  if (isoDateProblem(day) !== undefined) throw new Error(`"${day}" is not a date`);
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function format(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate;
}

/** `day` moved back by the period; a month end stays within its month (31 March − 1 month = 28 or 29 February). */
export function before(day: string, p: Period): IsoDate {
  const [y, m, d] = parts(day);
  if (p.unit === 'days') {
    const t = new Date(Date.UTC(y, m - 1, d) - p.amount * 86_400_000);
    return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  const totalMonths = y * 12 + (m - 1) - (p.unit === 'years' ? p.amount * 12 : p.amount);
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return format(year, month, Math.min(d, last));
}

/**
 * The latest reference date that is due for disposal today: a record counted from a day on
 * or before this one has had its whole period. E.g. a 6-year period on 1 April 2033 reaches
 * records counted from 1 April 2027 or earlier.
 */
export function dueOnOrBefore(today: string, p: Period): IsoDate {
  return before(today, p);
}

/** The end of the council year (31 March) an audit year belongs to: 2026 → 2027-03-31. */
export function councilYearEnd(year: number): IsoDate {
  return format(year + 1, 3, 31);
}

/** The last day of a `YYYY-MM` month. */
export function monthEnd(month: string): IsoDate {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return format(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

/**
 * A legal hold stops disposal (a claim, a tribunal, an investigation, a subject access request
 * being answered): on one person's named records, one cycle's answers, or a whole kind of record.
 */
export type HoldScope = { readonly kind: 'person'; readonly personId: string } | { readonly kind: 'cycle'; readonly cycleId: string } | { readonly kind: 'type'; readonly type: RecordType };

export function holdScopeKey(scope: HoldScope): string {
  return scope.kind === 'person' ? `person:${scope.personId}` : scope.kind === 'cycle' ? `cycle:${scope.cycleId}` : `type:${scope.type}`;
}

export function parseHoldScope(key: string): HoldScope | undefined {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const value = key.slice(at + 1);
  if (at <= 0 || value === '') return undefined;
  if (kind === 'person') return { kind, personId: value };
  if (kind === 'cycle') return { kind, cycleId: value };
  if (kind === 'type' && isRecordType(value)) return { kind, type: value };
  return undefined;
}

/** One line of the disposal log: counts only, never what was disposed of. */
export interface DisposalCount {
  readonly type: RecordType;
  /** Records deleted (or, for leavers, people pseudonymised). */
  readonly disposed: number;
  /** Records past their period kept back by a legal hold. */
  readonly held: number;
}
