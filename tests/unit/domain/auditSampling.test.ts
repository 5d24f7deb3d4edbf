import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { addDays } from '../../../src/domain/audit/plan/calendar';
import { mulberry32, seedFor, shuffle } from '../../../src/domain/audit/plan/random';
import { sampleSupervisionRecords } from '../../../src/domain/audit/plan/sampling';
import { asSupervisionRecordId, monthsOf, supervisionFrequency, type SupervisionOutcome, type SupervisionRecord } from '../../../src/domain/audit/plan/supervisionLog';
import { asIsoDate, type UserId } from '../../../src/domain/shared/brand';

const org = demoOrganisation();
const supervisor = org.people.find((p) => p.role === 'senior-practitioner')!.id;
const supervisees = org.people.filter((p) => p.supervisorId === supervisor).map((p) => p.id);
const [never, onlyPostponed, ...regular] = supervisees as [UserId, UserId, ...UserId[]];
const year = { start: asIsoDate('2026-04-01'), end: asIsoDate('2027-03-31') };

let n = 0;
const record = (superviseeId: UserId, date: string, outcome: SupervisionOutcome = 'held', by: UserId = supervisor): SupervisionRecord => ({
  id: asSupervisionRecordId(`sup-${String(++n).padStart(4, '0')}`),
  superviseeId,
  supervisorId: by,
  date: asIsoDate(date),
  outcome,
});

/** A year of monthly supervision, with some postponed, and noise the sample must ignore. */
const log: SupervisionRecord[] = [
  ...regular.flatMap((id, i) => Array.from({ length: 12 }, (_, m) => record(id, addDays(asIsoDate('2026-04-10'), m * 30 + i), m % 5 === 4 ? 'postponed' : 'held'))),
  record(onlyPostponed, '2026-05-12', 'postponed'),
  record(onlyPostponed, '2026-06-12', 'cancelled'),
  record(regular[0]!, '2026-02-10'), // before the period
  record(regular[0]!, '2026-06-01', 'held', org.people.find((p) => p.role === 'team-manager')!.id), // another supervisor's session
];

describe('the seeded generator', () => {
  it('is reproducible and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
    expect(seedFor(1, 'a')).not.toBe(seedFor(1, 'b'));
    expect(shuffle([1, 2, 3, 4, 5], mulberry32(3)).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('sampling supervision records for the staff supervision audit', () => {
  const input = { log, supervisor, supervisees, seed: 1234, period: year };
  const sample = sampleSupervisionRecords(input);

  it('takes at least one held record from every supervisee who has one', () => {
    expect(regular.length).toBeGreaterThan(1);
    for (const id of regular) {
      const picks = sample.picks.filter((r) => r.superviseeId === id);
      expect(picks).toHaveLength(1);
      expect(picks[0]).toMatchObject({ outcome: 'held', supervisorId: supervisor });
      expect(picks[0]!.date >= year.start && picks[0]!.date <= year.end).toBe(true);
    }
    expect(sample.picks).toHaveLength(regular.length);
  });

  it('reports supervisees with nothing to sample, as a finding', () => {
    expect(sample.withoutRecords).toEqual([never, onlyPostponed].sort());
    expect(sampleSupervisionRecords({ ...input, log: [] })).toEqual({ picks: [], withoutRecords: [...supervisees].sort(), seed: 1234 });
  });

  it('is reproducible from its seed, whatever order the log comes in', () => {
    expect(sampleSupervisionRecords(input)).toEqual(sample);
    expect(sampleSupervisionRecords({ ...input, log: [...log].reverse(), supervisees: [...supervisees].reverse() })).toEqual(sample);
    expect(sample.seed).toBe(1234);
    const others = [1, 2, 3, 4, 5].map((seed) => sampleSupervisionRecords({ ...input, seed }).picks.map((r) => r.id));
    expect(new Set(others.map((ids) => ids.join())).size).toBeGreaterThan(1);
  });

  it('draws more than one record per supervisee when asked, without repeats', () => {
    const three = sampleSupervisionRecords({ ...input, perSupervisee: 3 });
    for (const id of regular) {
      const picks = three.picks.filter((r) => r.superviseeId === id);
      expect(new Set(picks.map((r) => r.id)).size).toBe(3);
      expect(picks.map((r) => r.date)).toEqual([...picks.map((r) => r.date)].sort());
    }
  });

  it('uses the whole log when no period is given', () => {
    const all = sampleSupervisionRecords({ ...input, period: undefined, perSupervisee: 20 });
    expect(all.picks.some((r) => r.date === '2026-02-10')).toBe(true);
  });
});

describe('supervision frequency against the monthly policy', () => {
  const people = org.people.filter((p) => supervisees.includes(p.id));

  it('lists the months of a period across the year end', () => {
    expect(monthsOf({ start: asIsoDate('2026-11-01'), end: asIsoDate('2027-02-28') })).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('counts supervisees supervised in every month, by team', () => {
    const monthly = regular.flatMap((id) => ['2026-04-07', '2026-05-05', '2026-06-02'].map((d) => record(id, d)));
    const gaps = [record(onlyPostponed, '2026-04-08'), record(onlyPostponed, '2026-05-08', 'postponed'), record(onlyPostponed, '2026-06-08')];
    const q1 = { start: asIsoDate('2026-04-01'), end: asIsoDate('2026-06-30') };
    const result = supervisionFrequency([...monthly, ...gaps], people, q1);
    expect(result.months).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(result.overall).toEqual({ supervisees: supervisees.length, supervisedMonthly: regular.length, share: regular.length / supervisees.length });
    const team = people[0]!.teamId!;
    expect(result.byTeam).toEqual([{ teamId: team, ...result.overall }]);
    expect(result.missed).toEqual(
      [
        { superviseeId: never, months: ['2026-04', '2026-05', '2026-06'] },
        { superviseeId: onlyPostponed, months: ['2026-05'] },
      ].sort((a, b) => (a.superviseeId < b.superviseeId ? -1 : 1)),
    );
  });

  it('has no share when there is nobody to count', () => {
    expect(supervisionFrequency([], [], year).overall).toEqual({ supervisees: 0, supervisedMonthly: 0, share: null });
  });

  it('splits the demo organisation by team', () => {
    const result = supervisionFrequency(log, org.people, year);
    expect(result.byTeam.map((t) => t.teamId)).toEqual(['', ...org.teams.map((t) => t.id).sort()]);
    expect(result.byTeam.reduce((s, t) => s + t.supervisees, 0)).toBe(result.overall.supervisees);
  });
});
