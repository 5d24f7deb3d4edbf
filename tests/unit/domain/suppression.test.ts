import { breakdownResults } from '../../../src/domain/results/breakdown';
import type { CycleFacts } from '../../../src/domain/results/live';
import { suppress } from '../../../src/domain/results/suppression';
import type { BreakdownResults } from '../../../src/domain/results/types';
import type { Answers } from '../../../src/domain/survey/types';
import { mini } from '../../fixtures/miniSurvey';

const facts: CycleFacts = { cycle: 'c', title: 'Mini', year: '2026', opensOn: '2026-01-01', threshold: 5, textThreshold: 10 };
const repeat = (n: number, a: Answers): Answers[] => Array.from({ length: n }, () => a);

describe('suppress', () => {
  it('hides groups below the threshold', () => {
    const hidden = suppress({
      total: 20,
      groups: [
        { id: 'a', size: 10 },
        { id: 'b', size: 7 },
        { id: 'c', size: 3 },
      ],
      threshold: 5,
    });
    expect(hidden.get('c')).toBe('small-group');
  });

  it('hides one more group when the total minus the shown groups would reveal a hidden one', () => {
    // a + b shown with the total 20 would give c = 3 by subtraction.
    const hidden = suppress({
      total: 20,
      groups: [
        { id: 'a', size: 10 },
        { id: 'b', size: 7 },
        { id: 'c', size: 3 },
      ],
      threshold: 5,
    });
    expect([...hidden.keys()].sort()).toEqual(['b', 'c']);
    expect(hidden.get('b')).toBe('would-reveal-small-group');
  });

  it('leaves things alone when the hidden groups together reach the threshold', () => {
    const hidden = suppress({
      total: 30,
      groups: [
        { id: 'a', size: 20 },
        { id: 'b', size: 3 },
        { id: 'c', size: 2 },
        { id: 'd', size: 5 },
      ],
      threshold: 5,
    });
    expect([...hidden.keys()].sort()).toEqual(['b', 'c']);
  });

  it('checks those who gave any group as a total too, where a reader can see it', () => {
    // 20 answered, 18 gave a group: a (10) and b (5) shown would leave c at 3 of the 18.
    const hidden = suppress({
      total: 20,
      answered: 18,
      groups: [
        { id: 'a', size: 10 },
        { id: 'b', size: 5 },
        { id: 'c', size: 3 },
      ],
      threshold: 5,
    });
    expect([...hidden.keys()].sort()).toEqual(['b', 'c']);
  });

  it('counts people who did not say which group they are in as part of what subtraction reveals', () => {
    // 2 people skipped the team question: showing a (10) and b (8) of 20 reveals those 2.
    const hidden = suppress({
      total: 20,
      groups: [
        { id: 'a', size: 10 },
        { id: 'b', size: 8 },
      ],
      threshold: 5,
    });
    expect([...hidden.keys()]).toEqual(['b']);
  });

  it('protects a small team inside a service area whose total can be seen on its own', () => {
    // Two service areas a reader can also see as totals in the by-service view.
    const groups = [
      { id: 'x1', size: 9, parent: 'X' },
      { id: 'x2', size: 6, parent: 'X' },
      { id: 'x3', size: 2, parent: 'X' },
      { id: 'y1', size: 8, parent: 'Y' },
      { id: 'y2', size: 3, parent: 'Y' },
    ];
    const hidden = suppress({
      total: 28,
      groups,
      parents: new Map([
        ['X', 17],
        ['Y', 11],
      ]),
      threshold: 5,
    });
    // x3 hidden as small; service X minus x1 and x2 would give x3, so x2 goes too.
    // y2 hidden as small; service Y minus y1 gives y2, so y1 goes too.
    expect([...hidden.keys()].sort()).toEqual(['x2', 'x3', 'y1', 'y2']);
  });
});

describe('breakdowns resist differencing', () => {
  // 13 social workers, 6 OTs, 3 social care professionals (below the threshold).
  const responses: Answers[] = [
    ...repeat(13, { role: 'sw', team: 'a1', fair: 'yes', pcf: 'yes' }),
    ...repeat(6, { role: 'ot', team: 'a2', fair: 'no' }),
    ...repeat(3, { role: 'scp', team: 'b1', fair: 'no' }),
  ];

  function shownCounts(results: BreakdownResults, questionId: string, optionId: string): Map<string, number> {
    const shown = new Map<string, number>();
    for (const g of results.groups) {
      const q = g.questions.find((x) => x.id === questionId);
      const count = q?.options.find((o) => o.id === optionId)?.count;
      if (count !== undefined) shown.set(g.id, count);
    }
    return shown;
  }

  it('does not let the total minus the shown roles reveal the small role', () => {
    const results = breakdownResults(mini, responses, 'role', facts, []);
    const total = results.questions.find((q) => q.id === 'fair')?.options.find((o) => o.id === 'no')?.count ?? 0;
    const shown = shownCounts(results, 'fair', 'no');
    // The attack: total "no" minus every shown group's "no" should equal the hidden group's.
    // It must not be possible: at least two groups are hidden, or none is small.
    const hiddenGroups = results.groups.filter((g) => g.suppressed);
    expect(hiddenGroups.map((g) => g.id).sort()).toEqual(['ot', 'scp']);
    const remainder = total - [...shown.values()].reduce((a, b) => a + b, 0);
    expect(remainder).toBe(9); // 6 OTs + 3 SCPs together: no single small group exposed.
    expect(results.groups.find((g) => g.id === 'scp')?.suppressed).toMatch(/fewer than 5/);
    expect(results.groups.find((g) => g.id === 'ot')?.suppressed).toMatch(/subtraction/);
    expect(results.groups.find((g) => g.id === 'ot')?.respondents).toBeNull();
  });

  it('does not let a service area minus its shown teams reveal a small team', () => {
    const byTeam = breakdownResults(
      mini,
      [
        ...repeat(9, { role: 'sw', team: 'a1', fair: 'yes', pcf: 'no' }),
        ...repeat(6, { role: 'sw', team: 'a2', fair: 'no', pcf: 'no' }),
        ...repeat(2, { role: 'ot', team: 'b1', fair: 'no' }),
        ...repeat(10, { role: 'sw', fair: 'yes', pcf: 'no' }),
      ],
      'team',
      facts,
      [],
    );
    // b1 (2) is small; area-b's total is 2 too, so it is hidden by itself. area-a has no
    // hidden remainder, but the whole cycle's team question shows that 17 gave a team:
    // 17 − a1 − a2 would be b1's 2, so a2 (the smaller) is hidden as well.
    expect(byTeam.groups.map((g) => [g.id, g.respondents])).toEqual([
      ['a1', 9],
      ['a2', null],
      ['b1', null],
    ]);
    expect(byTeam.groups.find((g) => g.id === 'a2')?.suppressed).toMatch(/subtraction/);
    const byService = breakdownResults(
      mini,
      [...repeat(9, { role: 'sw', team: 'a1', fair: 'yes', pcf: 'no' }), ...repeat(3, { role: 'sw', team: 'a2', fair: 'no', pcf: 'no' }), ...repeat(8, { role: 'ot', team: 'b1', fair: 'no' })],
      'team',
      facts,
      [],
    );
    // a2 (3) is small; area-a (12) minus a1 (9) would reveal it, so a1 is hidden as well.
    expect(byService.groups.map((g) => [g.id, g.respondents])).toEqual([
      ['a1', null],
      ['a2', null],
      ['b1', 8],
    ]);
  });

  it('hides a cell where too few in a shown group answered that question', () => {
    // All 13 social workers answer pcf (not all alike, which would hide it: unanimous.ts); the 11 OTs are never asked it.
    const sws = [...repeat(8, { role: 'sw', team: 'a1', fair: 'yes', pcf: 'yes' }), ...repeat(5, { role: 'sw', team: 'a1', fair: 'yes', pcf: 'no' })];
    const results = breakdownResults(mini, [...sws, ...repeat(11, { role: 'ot', team: 'a2', fair: 'yes' })], 'role', facts, []);
    const sw = results.groups.find((g) => g.id === 'sw');
    expect(sw?.questions.find((q) => q.id === 'pcf')).toMatchObject({ n: 13 });
    const ot = results.groups.find((g) => g.id === 'ot');
    expect(ot?.respondents).toBe(11);
    expect(ot?.questions.find((q) => q.id === 'pcf')).toMatchObject({ n: 0, options: [{ count: 0 }, { count: 0 }] });
  });

  it('never shows free-text comments in a group', () => {
    const many = repeat(12, { role: 'sw', team: 'a1', fair: 'yes', pcf: 'no', comment: 'We need more time' });
    const results = breakdownResults(mini, [...many, ...repeat(12, { role: 'ot', team: 'b1', fair: 'no' })], 'role', facts, []);
    for (const g of results.groups) expect(g.questions.find((q) => q.id === 'comment')?.comments).toBeUndefined();
    expect(results.questions.find((q) => q.id === 'comment')?.comments).toHaveLength(12);
  });

  it('gives service areas from the team question', () => {
    const results = breakdownResults(
      mini,
      [
        ...repeat(6, { role: 'sw', team: 'a1', fair: 'yes', pcf: 'no' }),
        ...repeat(6, { role: 'sw', team: 'a2', fair: 'yes', pcf: 'no' }),
        ...repeat(7, { role: 'sw', team: 'b1', fair: 'no', pcf: 'no' }),
      ],
      'service',
      facts,
      [],
    );
    expect(results.groups.map((g) => [g.id, g.respondents])).toEqual([
      ['area-a', 12],
      ['area-b', 7],
    ]);
  });
});

describe('a differencing attacker with every view', () => {
  /** Small seeded generator so a failure can be replayed. */
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }
  const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

  it('can never subtract shown figures down to a group of 1 to 4 people (500 random organisations)', () => {
    const leaks: string[] = [];
    for (let seed = 1; seed <= 500; seed++) {
      const r = rng(seed);
      const size = 5 + Math.floor(r() * 40);
      const responses: Answers[] = Array.from({ length: size }, () => {
        const role = pick(r, ['sw', 'sw', 'sw', 'ot', 'scp']);
        const a: Record<string, Answers[string]> = { role, fair: pick(r, ['yes', 'no']) };
        if (r() < 0.9) a.team = pick(r, ['a1', 'a1', 'a2', 'b1']);
        if (role === 'sw' && r() < 0.8) a.pcf = pick(r, ['yes', 'no']);
        return a;
      });
      const byTeam = breakdownResults(mini, responses, 'team', facts, []);
      const byService = breakdownResults(mini, responses, 'service', facts, []);
      const byRole = breakdownResults(mini, responses, 'role', facts, []);
      for (const view of [byTeam, byService, byRole]) {
        for (const [qi, overall] of view.questions.entries()) {
          if (overall.suppressed || overall.n === null) continue;
          // Every total the attacker can read: the whole cycle and, for teams, each shown service area.
          const totals: { name: string; n: number; members: string[] }[] = [{ name: 'all', n: overall.n, members: view.groups.map((g) => g.id) }];
          if (view === byTeam) {
            for (const service of byService.groups) {
              const n = service.questions[qi]?.n;
              if (n === null || n === undefined) continue;
              const members = service.id === 'area-a' ? ['a1', 'a2'] : ['b1'];
              totals.push({ name: service.id, n, members });
            }
          }
          for (const total of totals) {
            const shown = view.groups.filter((g) => total.members.includes(g.id)).map((g) => g.questions[qi]?.n ?? null);
            const remainder = total.n - shown.reduce<number>((sum, n) => sum + (n ?? 0), 0);
            if (remainder > 0 && remainder < facts.threshold) leaks.push(`seed ${seed} ${view.by} ${overall.id} ${total.name}: ${remainder}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
