import type { Organisation } from '../../organisation/types';
import type { IsoDate, UserId } from '../../shared/brand';
import { addDays, type DateRange } from './calendar';
import { mulberry32, seedFor, shuffle } from './random';
import type { AuditTask, AuditTaskId } from './task';
import type { SupervisionRecord } from './supervisionLog';

/**
 * The staff supervision audit's sample: "a random sample of supervision records … at least
 * one supervision record from each of the staff members supervised by a specific supervisor".
 * Seeded, and the seed is returned to be stored with the audit, so the same sample can be
 * drawn again and shown to anyone who asks how it was chosen.
 */

export interface SampleInput {
  readonly log: readonly SupervisionRecord[];
  /** The supervisor whose supervision is audited: only their sessions are sampled. */
  readonly supervisor: UserId;
  readonly supervisees: readonly UserId[];
  readonly seed: number;
  /** Only sessions on these dates, e.g. the council year; omit for the whole log. */
  readonly period?: DateRange;
  /** Records per supervisee, at least 1 (the framework's minimum). */
  readonly perSupervisee?: number;
}

export interface SupervisionSample {
  /** Supervisees in id order; each supervisee's picks in date order. */
  readonly picks: readonly SupervisionRecord[];
  /** Supervisees with no held supervision with this supervisor to sample: a finding for the audit, not an error. */
  readonly withoutRecords: readonly UserId[];
  /** The seed the sample was drawn with. */
  readonly seed: number;
}

const byDateThenId = (a: SupervisionRecord, b: SupervisionRecord): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Draws the sample. Only sessions held count (a postponed session has no record to audit).
 * Candidates are put in a fixed order before drawing, so the order the log arrives in (from
 * SQLite or SharePoint) cannot change the sample.
 */
export function sampleSupervisionRecords(input: SampleInput): SupervisionSample {
  const { log, supervisor, seed, period } = input;
  const perSupervisee = Math.max(1, Math.floor(input.perSupervisee ?? 1));
  const random = mulberry32(seed);
  const picks: SupervisionRecord[] = [];
  const withoutRecords: UserId[] = [];
  for (const supervisee of [...new Set(input.supervisees)].sort()) {
    const candidates = log
      .filter((r) => r.superviseeId === supervisee && r.supervisorId === supervisor && r.outcome === 'held' && (period === undefined || (r.date >= period.start && r.date <= period.end)))
      .sort(byDateThenId);
    if (candidates.length === 0) {
      withoutRecords.push(supervisee);
      continue;
    }
    picks.push(...shuffle(candidates, random).slice(0, perSupervisee).sort(byDateThenId));
  }
  return { picks, withoutRecords, seed };
}

/** How far back the staff supervision audit's sample reaches from the day it is drawn. */
export const SAMPLE_LOOKBACK_DAYS = 365;
/** Samples are drawn when the audit is due within this many days, so recent supervision is in the pool. */
export const SAMPLE_LEAD_DAYS = 30;

/** A staff supervision audit's sample as stored with its task, so it can be shown and reproduced. */
export interface SupervisionAuditSample {
  readonly taskId: AuditTaskId;
  readonly year: number;
  readonly supervisorId: UserId;
  /** `seedFor(plan seed, task id)`: from the year's recorded seed, so anyone can draw it again. */
  readonly seed: number;
  /** The sessions the sample was drawn from: held with this supervisor on these dates. */
  readonly period: DateRange;
  readonly drawnOn: IsoDate;
  /** Whom the supervisor supervised on the day it was drawn, in id order. */
  readonly supervisees: readonly UserId[];
  /** The records drawn (as they were then), one per supervisee who had any. */
  readonly picks: readonly SupervisionRecord[];
  /** Supervisees with no held supervision with this supervisor recorded in the period: nothing to sample. */
  readonly withoutRecords: readonly UserId[];
}

/** Whether a task is a staff supervision audit of one supervisor, the kind that has a sample. */
export function isSampledAudit(task: Pick<AuditTask, 'activity' | 'subject'>): task is Pick<AuditTask, 'activity'> & { readonly subject: { readonly kind: 'person'; readonly personId: UserId } } {
  return task.activity === 'supervision-audit' && task.subject.kind === 'person';
}

/**
 * Draws the sample of a staff supervision audit task: one held session per person the
 * supervisor supervises, from the sessions recorded in the year before `drawnOn`. The seed
 * comes from the plan's recorded seed and the task id: the same log gives the same sample.
 */
export function drawSupervisionAuditSample(input: {
  readonly task: Pick<AuditTask, 'id' | 'year' | 'activity' | 'subject'>;
  readonly organisation: Organisation;
  readonly log: readonly SupervisionRecord[];
  readonly planSeed: number;
  readonly drawnOn: IsoDate;
}): SupervisionAuditSample {
  const { task, organisation, log, planSeed, drawnOn } = input;
  if (!isSampledAudit(task)) throw new Error(`${task.id} is not a staff supervision audit of one supervisor.`);
  const supervisorId = task.subject.personId;
  const supervisees = organisation.people
    .filter((p) => p.supervisorId === supervisorId && p.id !== supervisorId)
    .map((p) => p.id)
    .sort();
  const period: DateRange = { start: addDays(drawnOn, -SAMPLE_LOOKBACK_DAYS), end: drawnOn };
  const seed = seedFor(planSeed, task.id);
  const drawn = sampleSupervisionRecords({ log, supervisor: supervisorId, supervisees, seed, period });
  return { taskId: task.id, year: task.year, supervisorId, seed, period, drawnOn, supervisees, picks: drawn.picks, withoutRecords: drawn.withoutRecords };
}
