import type { UserId } from '../../shared/brand';
import type { DateRange } from './calendar';
import { mulberry32, shuffle } from './random';
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

const byDateThenId = (a: SupervisionRecord, b: SupervisionRecord): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

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
      .filter(
        (r) =>
          r.superviseeId === supervisee &&
          r.supervisorId === supervisor &&
          r.outcome === 'held' &&
          (period === undefined || (r.date >= period.start && r.date <= period.end)),
      )
      .sort(byDateThenId);
    if (candidates.length === 0) {
      withoutRecords.push(supervisee);
      continue;
    }
    picks.push(...shuffle(candidates, random).slice(0, perSupervisee).sort(byDateThenId));
  }
  return { picks, withoutRecords, seed };
}
