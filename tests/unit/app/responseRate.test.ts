import { formatResponseRate, ResponseRateService } from '../../../src/app/responseRate';
import { peopleIn } from '../../../src/domain/organisation/audience';
import { asCycleId, asIsoDate } from '../../../src/domain/shared/brand';
import { inSteps, rateGrowth, responseRates, type RateGroupInput } from '../../../src/domain/results/responseRate';
import { seededRandom } from '../../support/outboxFixtures';
import { outboxWorld, user } from '../../support/outboxWorld';

describe('response rates', () => {
  it('show a group only when at least the threshold have answered and have not answered', () => {
    const result = responseRates({
      audience: 62,
      respondents: 31,
      threshold: 5,
      groups: [
        { id: 'ok', audience: 20, respondents: 10 },
        { id: 'ok2', audience: 20, respondents: 10 },
        { id: 'few-answered', audience: 10, respondents: 4 },
        { id: 'few-not-answered', audience: 10, respondents: 7 },
        { id: 'nobody', audience: 0, respondents: 0 },
        { id: 'none-answered', audience: 2, respondents: 0 },
      ],
    });
    expect(result.overall).toEqual({ audience: 62, respondents: 31, percent: 50 });
    const byId = Object.fromEntries(result.groups.map((g) => [g.id, g]));
    expect(byId.ok).toEqual({ id: 'ok', audience: 20, respondents: 10, percent: 50 });
    expect(byId['few-answered']).toEqual({ id: 'few-answered', audience: 10, hidden: 'few-respondents' });
    expect(byId['few-not-answered']).toEqual({ id: 'few-not-answered', audience: 10, hidden: 'few-non-respondents' });
    expect(byId['none-answered']?.hidden).toBe('few-respondents');
    expect(byId.nobody).toEqual({ id: 'nobody', audience: 0 });
  });

  it('hide the overall figure when everyone, or nearly everyone, has answered', () => {
    expect(responseRates({ audience: 30, respondents: 27, threshold: 5, groups: [] }).overall).toEqual({ audience: 30, hidden: 'few-non-respondents' });
  });

  it('hide one more group when the overall figure minus the shown groups would reveal the hidden ones', () => {
    // Hidden team (3 of 4 answered): overall 23 − 10 − 10 = 3 respondents, 1 non-respondent left.
    const result = responseRates({
      audience: 44,
      respondents: 23,
      threshold: 5,
      groups: [
        { id: 'a', audience: 20, respondents: 10 },
        { id: 'b', audience: 20, respondents: 10 },
        { id: 'c', audience: 4, respondents: 3 },
      ],
    });
    expect(result.groups.map((g) => g.hidden)).toEqual(['would-reveal-small-group', undefined, 'few-respondents']);
  });

  it('never let a reader work out a small count of either kind by subtraction (randomised)', () => {
    const random = seededRandom(42);
    for (let trial = 0; trial < 500; trial++) {
      const threshold = 3 + Math.floor(random() * 5);
      const groups: RateGroupInput[] = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) => {
        const audience = Math.floor(random() * 25);
        return { id: `g${i}`, audience, respondents: Math.floor(random() * (audience + 1)) };
      });
      const unteamed = Math.floor(random() * 4);
      const unteamedRespondents = Math.floor(random() * (unteamed + 1));
      const audience = groups.reduce((n, g) => n + g.audience, unteamed);
      const respondents = groups.reduce((n, g) => n + g.respondents, unteamedRespondents);
      const result = responseRates({ audience, respondents, threshold, groups });
      const shown = result.groups.filter((g) => g.respondents !== undefined && g.audience > 0);
      for (const g of shown) {
        expect(g.respondents).toBeGreaterThanOrEqual(threshold);
        expect(g.audience - (g.respondents ?? 0)).toBeGreaterThanOrEqual(threshold);
      }
      if (result.overall.respondents !== undefined && shown.length > 0) {
        const restAudience = audience - shown.reduce((n, g) => n + g.audience, 0);
        const restRespondents = respondents - shown.reduce((n, g) => n + (g.respondents ?? 0), 0);
        if (restAudience > 0) {
          expect(restRespondents).toBeGreaterThanOrEqual(threshold);
          expect(restAudience - restRespondents).toBeGreaterThanOrEqual(threshold);
        }
      }
    }
  });

  it('are counted from participation keys of the people in the directory, by team (exact once the cycle has closed)', async () => {
    const w = await outboxWorld({ people: 30 });
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 13, 14, 19]) await w.submit(user(n));
    await w.cycles.close(w.cycle.id);
    const report = await new ResponseRateService(w.stores, w.directory, w.cycles, w.clock).rate(w.cycle.id);
    expect(report.overall).toEqual({ audience: 30, respondents: 13, percent: 43 });
    expect(report.asOf).toBeUndefined();
    // Teams of 6: team 1 has 5 of 6 answered (1 not: hidden), team 2 has 5 (shown)…
    expect(report.teams.find((t) => t.id === 'team-1')).toMatchObject({ hidden: 'few-non-respondents' });
    expect(formatResponseRate(report)).toMatch(/Overall: 43% \(13 of 30\)/);
    expect(formatResponseRate(report)).toMatch(/Team 1: fewer than 5 have not answered \(of 6\)/);
  });

  it('while the cycle is open, move once an hour at most and in steps of the threshold, so a refresh cannot time an answer', async () => {
    const w = await outboxWorld({ people: 30, now: '2027-01-11T09:20:00Z' });
    const rate = () => new ResponseRateService(w.stores, w.directory, w.cycles, w.clock).rate(w.cycle.id);
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 13, 14, 19]) await w.submit(user(n));
    const first = await rate();
    // 13 have answered: shown as at least 10 (33%), counted at 09:20.
    expect(first.overall).toEqual({ audience: 30, respondents: 10, percent: 33, atLeast: true });
    expect(first).toMatchObject({ asOf: '2027-01-11T09:20Z', step: 5 });
    expect(formatResponseRate(first)).toMatch(/Overall: at least 33% \(10 or more of 30\)/);
    expect(formatResponseRate(first)).toMatch(/counted once an hour \(last at 09:20 UTC\) and in steps of 5/);
    // Two more answer within the hour: nothing moves, whoever asks.
    await w.submit(user(20));
    await w.submit(user(21));
    w.clock.set('2027-01-11T09:59:00Z');
    expect(await rate()).toEqual(first);
    // The next hour counts again: 15 is a whole step, so the figure moves.
    w.clock.set('2027-01-11T10:01:00Z');
    expect((await rate()).overall).toEqual({ audience: 30, respondents: 15, percent: 50, atLeast: true });
    // One more in that hour, counted in the hour after: still 15, as 16 is not a step further.
    await w.submit(user(22));
    w.clock.set('2027-01-11T11:05:00Z');
    expect((await rate()).overall).toMatchObject({ respondents: 15 });
  });

  it('decide what is hidden on the exact counts before rounding to steps', () => {
    const exact = responseRates({
      audience: 40,
      respondents: 23,
      threshold: 5,
      groups: [
        { id: 'a', audience: 20, respondents: 14 },
        { id: 'b', audience: 20, respondents: 9 },
      ],
    });
    const stepped = inSteps(exact, 5);
    expect(stepped.overall).toEqual({ audience: 40, respondents: 20, percent: 50, atLeast: true });
    expect(stepped.groups).toEqual([
      { id: 'a', audience: 20, respondents: 10, percent: 50, atLeast: true },
      { id: 'b', audience: 20, respondents: 5, percent: 25, atLeast: true },
    ]);
    // A hidden figure stays hidden, without a count.
    const hidden = inSteps(responseRates({ audience: 30, respondents: 27, threshold: 5, groups: [] }), 5);
    expect(hidden.overall).toEqual({ audience: 30, hidden: 'few-non-respondents' });
  });
});

describe('the response rate as it grew', () => {
  const on = (date: string, n: number): string[] => Array.from({ length: n }, () => date);

  it('gives each day of the cycle the figure at the end of that day, hidden and stepped as the live rate is', () => {
    const submittedOn = [...on('2026-09-28', 1), ...on('2026-10-01', 3), ...on('2026-10-02', 4), ...on('2026-10-04', 9), ...on('2026-10-05', 2), ...on('2026-10-09', 1)];
    const points = rateGrowth({ submittedOn, audience: 30, threshold: 5, opensOn: '2026-10-01', through: '2026-10-05' });
    expect(points.map((p) => [p.day, p.date, p.figure])).toEqual([
      // 1 sent before the cycle opened counts on day 1: 4, fewer than 5, hidden.
      [1, '2026-10-01', { audience: 30, hidden: 'few-respondents' }],
      // 8: at least 5.
      [2, '2026-10-02', { audience: 30, respondents: 5, percent: 17, atLeast: true }],
      [3, '2026-10-03', { audience: 30, respondents: 5, percent: 17, atLeast: true }],
      // 17: at least 15.
      [4, '2026-10-04', { audience: 30, respondents: 15, percent: 50, atLeast: true }],
      // 19: at least 15 (the response after the last day counted is not counted).
      [5, '2026-10-05', { audience: 30, respondents: 15, percent: 50, atLeast: true }],
    ]);
  });

  it('hides a day when fewer than the threshold have not answered, and says nothing for a cycle not yet open', () => {
    const points = rateGrowth({ submittedOn: on('2026-10-01', 27), audience: 30, threshold: 5, opensOn: '2026-10-01', through: '2026-10-01' });
    expect(points[0]?.figure).toEqual({ audience: 30, hidden: 'few-non-respondents' });
    expect(rateGrowth({ submittedOn: [], audience: 30, threshold: 5, opensOn: '2026-10-02', through: '2026-10-01' })).toEqual([]);
  });
});

describe('the response rate service, day by day', () => {
  it('draws the open cycle so far beside the cycle before, by day of the cycle, counted once an hour', async () => {
    const w = await outboxWorld({ people: 30, now: '2027-01-11T09:20:00Z' });
    const { stores } = w;
    const answered = (date: string, n: number) => Array.from({ length: n }, () => ({ surveyVersion: w.cycle.surveyVersion, submittedOn: asIsoDate(date), answers: {} }));
    // The cycle before: answered in Teams, opened 1 October 2025 for ten days.
    await stores.cycles.create(
      { ...w.cycle, id: asCycleId('2025-26'), title: 'Health Check 2025/26', status: 'draft', opensOn: asIsoDate('2025-10-01'), closesOn: asIsoDate('2025-10-10') },
      Buffer.from('secret'),
    );
    await stores.cycles.setStatus(asCycleId('2025-26'), 'open');
    await stores.responses.importMany(asCycleId('2025-26'), [...answered('2025-10-01', 6), ...answered('2025-10-03', 6)]);
    await stores.cycles.setStatus(asCycleId('2025-26'), 'closed');
    await stores.responses.importMany(w.cycle.id, answered('2027-01-11', 7));
    w.clock.set('2027-01-12T16:00:00Z');
    await stores.responses.importMany(w.cycle.id, answered('2027-01-12', 4));
    const service = new ResponseRateService(w.stores, w.directory, w.cycles, w.clock);
    const report = await service.growth(w.cycle.id);
    const audience = report.series[0]!.audience;
    expect(audience).toBeGreaterThan(20);
    expect(report).toMatchObject({ cycle: '2026-27', threshold: 5, notes: [], asOf: '2027-01-12T16:00Z' });
    expect(report.series.map((s) => s.cycle)).toEqual(['2026-27', '2025-26']);
    expect(report.series[0]!.points.map((p) => [p.day, p.figure.respondents])).toEqual([
      [1, 5],
      [2, 10],
    ]);
    expect(report.series[1]!.points.map((p) => p.figure.respondents)).toEqual([5, 5, 10, 10, 10, 10, 10, 10, 10, 10]);
    // Another response within the hour moves nothing.
    await stores.responses.importMany(w.cycle.id, answered('2027-01-12', 5));
    expect(await service.growth(w.cycle.id)).toEqual(report);
    w.clock.set('2027-01-12T17:01:00Z');
    expect((await service.growth(w.cycle.id)).series[0]!.points.map((p) => p.figure.respondents)).toEqual([5, 15]);
  });

  it('counts each cycle against its own audience: the cycle before asked one team, this one everyone', async () => {
    const w = await outboxWorld({ people: 30, now: '2027-01-11T09:20:00Z' });
    const team = w.organisation.teams[0]!.id;
    const before = {
      ...w.cycle,
      id: asCycleId('2025-26'),
      title: 'Health Check 2025/26',
      status: 'draft' as const,
      opensOn: asIsoDate('2025-10-01'),
      closesOn: asIsoDate('2025-10-10'),
      audience: { kind: 'teams' as const, teamIds: [team] },
    };
    await w.stores.cycles.create(before, Buffer.from('secret'));
    await w.stores.cycles.setStatus(before.id, 'open');
    await w.stores.cycles.setStatus(before.id, 'closed');
    const report = await new ResponseRateService(w.stores, w.directory, w.cycles, w.clock).growth(w.cycle.id);
    const asked = (audience: Parameters<typeof peopleIn>[0]) => peopleIn(audience, w.organisation).length;
    expect(asked(before.audience)).toBeLessThan(asked(w.cycle.audience));
    expect(report.series.map((s) => [s.cycle, s.audience])).toEqual([
      ['2026-27', asked(w.cycle.audience)],
      ['2025-26', asked(before.audience)],
    ]);
  });

  it('says why the cycle before is not drawn when it is known only from its published report', async () => {
    const w = await outboxWorld({ people: 30 });
    await w.stores.cycles.create(
      { ...w.cycle, id: asCycleId('2024-25'), title: 'Health Check 2024/25', kind: 'published', status: 'closed', opensOn: asIsoDate('2024-10-01'), closesOn: asIsoDate('2024-11-01') },
      Buffer.from('secret'),
    );
    const report = await new ResponseRateService(w.stores, w.directory, w.cycles, w.clock).growth(w.cycle.id);
    expect(report.series.map((s) => s.cycle)).toEqual(['2026-27']);
    expect(report.notes).toEqual(['Health Check 2024/25 is known only from its published report, which gives no response rate day by day.']);
  });
});
