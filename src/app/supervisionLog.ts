import { addDays, type DateRange } from '../domain/audit/plan/calendar';
import { supervisionFrequency, type SupervisionFrequency, type SupervisionOutcome } from '../domain/audit/plan/supervisionLog';
import type { Person, Team } from '../domain/organisation/types';
import { asIsoDate, asUserId, dateOf, isoDateProblem, type IsoDate } from '../domain/shared/brand';
import { longDate } from '../domain/shared/dates';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import { allSupervisionRecords, type RecordedSupervision, type SupervisionLogStore } from '../ports/supervisionLog';
import { UserFacingError } from './errors';

export const SUPERVISION_OUTCOMES: readonly SupervisionOutcome[] = ['held', 'postponed', 'cancelled'];
/** How far back a session may be recorded. */
export const RECORD_WINDOW_DAYS = 90;

export interface SupervisionRequest {
  readonly supervisorId: string;
  readonly superviseeId: string;
  /** `YYYY-MM-DD`, as typed or picked. */
  readonly date: string;
  readonly outcome: string;
}

export interface SupervisionRecorded extends RecordedSupervision {
  readonly superviseeName: string;
}

export interface FrequencyReport extends SupervisionFrequency {
  readonly period: DateRange;
  readonly teams: readonly Team[];
  readonly people: readonly Pick<Person, 'id' | 'displayName'>[];
}

const lastDayOfMonth = (month: string): IsoDate => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return asIsoDate(`${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`);
};

function checkedDate(value: string, what: string): IsoDate {
  const problem = isoDateProblem(value.trim());
  if (problem === undefined) return asIsoDate(value.trim());
  throw new UserFacingError(`The ${what} "${value}" ${problem === 'is not a date (YYYY-MM-DD)' ? 'is not a date in the form YYYY-MM-DD, e.g. 2026-05-14' : problem}.`);
}

/** The supervision log's use cases: record a session (checked against the directory), and report frequency. */
export class SupervisionLogService {
  constructor(
    private readonly store: SupervisionLogStore,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateOf(this.clock.now());
  }

  /** The earliest day a session can be recorded for today. */
  earliest(): IsoDate {
    return addDays(this.today(), -RECORD_WINDOW_DAYS);
  }

  /** The people this person supervises, by name; empty for someone who supervises nobody. */
  async superviseesOf(supervisorId: string): Promise<Person[]> {
    const { people } = await this.directory.organisation();
    return people.filter((p) => p.supervisorId === supervisorId).sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'));
  }

  async record(request: SupervisionRequest): Promise<SupervisionRecorded> {
    const outcome = request.outcome.trim().toLowerCase();
    if (!SUPERVISION_OUTCOMES.includes(outcome as SupervisionOutcome)) {
      throw new UserFacingError(`Say whether the supervision was held, postponed or cancelled${request.outcome.trim() === '' ? '' : ` ("${request.outcome}" is none of these)`}.`);
    }
    if (request.superviseeId.trim() === '') throw new UserFacingError('Choose the person you supervised.');
    if (request.date.trim() === '') throw new UserFacingError('Give the date of the supervision.');
    const date = checkedDate(request.date, 'date');
    const { people } = await this.directory.organisation();
    const supervisor = people.find((p) => p.id === request.supervisorId);
    if (!supervisor) throw new UserFacingError(`${request.supervisorId} is not in the directory, so supervision cannot be recorded for them.`);
    const supervisee = people.find((p) => p.id === request.superviseeId);
    if (!supervisee) throw new UserFacingError(`${request.superviseeId} is not in the directory.`);
    if (supervisee.supervisorId !== supervisor.id) {
      throw new UserFacingError(
        `${supervisee.displayName} is not supervised by ${supervisor.displayName} in the directory, so this supervision cannot be recorded. If their supervisor has changed, update the directory first.`,
      );
    }
    const today = this.today();
    // Dates in words, as on every card: these refusals are shown on the supervision card.
    if (date > today) throw new UserFacingError(`${longDate(date)} is in the future. Record a supervision on or after the day it was due (today is ${longDate(today)}).`);
    if (date < this.earliest())
      throw new UserFacingError(`${longDate(date)} is more than ${RECORD_WINDOW_DAYS} days ago. Only supervision from ${longDate(this.earliest())} onwards can be recorded here.`);
    const recorded = await this.store.record({ supervisorId: supervisor.id, superviseeId: asUserId(supervisee.id), date, outcome: outcome as SupervisionOutcome });
    return { ...recorded, superviseeName: supervisee.displayName };
  }

  /**
   * The period for a frequency report, in whole months. Without dates, the last three whole
   * months before this one. A `from` is moved to the 1st of its month and a `to` to its month's last day.
   */
  periodOf(from?: string, to?: string): DateRange {
    const today = this.today();
    const thisMonth = today.slice(0, 7);
    const firstOfThisMonth = asIsoDate(`${thisMonth}-01`);
    const defaultEnd = addDays(firstOfThisMonth, -1);
    const end = to === undefined ? defaultEnd : lastDayOfMonth(checkedDate(to, '--to date').slice(0, 7));
    let start: IsoDate;
    if (from === undefined) {
      const [y, m] = end.slice(0, 7).split('-').map(Number) as [number, number];
      const back = new Date(Date.UTC(y, m - 3, 1));
      start = asIsoDate(`${back.getUTCFullYear()}-${String(back.getUTCMonth() + 1).padStart(2, '0')}-01`);
    } else start = asIsoDate(`${checkedDate(from, '--from date').slice(0, 7)}-01`);
    if (start > end) throw new UserFacingError(`The period starts (${start}) after it ends (${end}).`);
    return { start, end };
  }

  /** Supervision frequency against the monthly policy, overall and by team. */
  async frequency(from?: string, to?: string): Promise<FrequencyReport> {
    const period = this.periodOf(from, to);
    const [records, organisation] = await Promise.all([allSupervisionRecords(this.store, period), this.directory.organisation()]);
    return {
      period,
      teams: organisation.teams,
      people: organisation.people.map((p) => ({ id: p.id, displayName: p.displayName })),
      ...supervisionFrequency(records, organisation.people, period),
    };
  }
}
